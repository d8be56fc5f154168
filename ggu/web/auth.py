"""Login for Beheer (and, with GGU_REQUIRE_LOGIN=true, for every page).

Three situations, checked in this order:
1. OIDC: `[auth]` in .streamlit/secrets.toml -> `st.login()`; only e-mail addresses on the
   allow-list (`[beheer] admins = [...]` or GGU_ADMINS) get in.
2. A local administrator password, stored only as a salted scrypt hash
   (`[beheer] password_hash = "..."` or GGU_ADMIN_PASSWORD_HASH; make it with
   `python -m ggu hash-password`; ggu/passwords.py).
3. Neither: Beheer is closed and says how to open it; the command line keeps working.
"""
from __future__ import annotations

import time

import streamlit as st

from ggu import config
from ggu.i18n import t
from ggu.passwords import verify_password

SESSION_KEY = "beheer_user"


def _secrets(section: str) -> dict:
    try:
        return dict(st.secrets.get(section, {}))
    except Exception:   # no secrets.toml at all
        return {}


def method() -> str:
    """oidc | password | none."""
    if _secrets("auth"):
        return "oidc"
    if password_hash():
        return "password"
    return "none"


def password_hash() -> str:
    return str(_secrets("beheer").get("password_hash") or config.setting("admin_password_hash"))


def admins() -> set[str]:
    listed = _secrets("beheer").get("admins")
    if listed is None:
        listed = [a for a in config.setting("admins").split(",")]
    return {str(a).strip().lower() for a in listed if str(a).strip()}


def user() -> str | None:
    """The logged-in administrator, or None."""
    if method() == "oidc":
        if getattr(st.user, "is_logged_in", False):
            email = str(st.user.get("email") or "").lower()
            return email if email in admins() else None
        return None
    return st.session_state.get(SESSION_KEY)


def gate(lead: str | None = None) -> str | None:
    """Show the login (or how to enable it) when nobody is logged in; the user otherwise.
    The caller stops the page when this returns None."""
    who = user()
    if who:
        return who
    kind = method()
    st.header(t("auth.title"), anchor=False)
    if lead:
        st.info(lead, icon=":material/lock:")
    if kind == "none":
        st.warning(t("auth.none_title"), icon=":material/lock:")
        st.markdown(t("auth.none"))
    elif kind == "oidc":
        if getattr(st.user, "is_logged_in", False):
            st.error(t("auth.not_allowed", user=st.user.get("email") or "?"))
            st.button(t("auth.logout"), on_click=st.logout)
        else:
            st.button(t("auth.oidc_button"), on_click=st.login, type="primary")
    else:
        with st.form("login"):
            password = st.text_input(t("auth.password"), type="password", key="beheer_password")
            if st.form_submit_button(t("auth.login"), type="primary"):
                if verify_password(password, password_hash()):
                    st.session_state[SESSION_KEY] = "beheerder"
                    st.rerun()
                time.sleep(1)   # slows guessing down
                st.error(t("auth.wrong"))
    return None


def logout_button() -> None:
    """Log out: end the OIDC session, or forget the password login."""
    if method() == "oidc":
        st.button(t("auth.logout"), on_click=st.logout, key="logout")
    elif st.button(t("auth.logout"), key="logout"):
        st.session_state.pop(SESSION_KEY, None)
        st.rerun()


def login_required_everywhere() -> bool:
    return config.setting("require_login").lower() in ("1", "true", "ja", "yes")

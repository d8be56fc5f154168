"""Login and roles: who is reading, and what they may see.

Three situations, checked in this order:
1. OIDC: `[auth]` in .streamlit/secrets.toml -> `st.login()` (a button in the sidebar and on
   Beheer). The role comes from the provider's claims or from the address lists in secrets.
2. A local administrator password, stored only as a salted scrypt hash
   (`[beheer] password_hash = "..."` or GGU_ADMIN_PASSWORD_HASH; make it with
   `python -m ggu hash-password`; ggu/passwords.py). It opens Beheer only (role `beheer` for
   that session). Failed attempts are counted per account in the data folder, across sessions
   and processes; after 5 failures in 15 minutes the account is locked for 15 minutes
   (ggu/lockout.py).
3. Neither: Beheer is closed and says how to open it; the command line keeps working.

The role API, for pages and blocks (the only way to ask):

    auth.role() -> "lezer" | "college" | "beheer"    # the current session's role
    auth.can(permission) -> bool                     # a named permission, see PERMISSIONS

Roles are ordered, each sees what the one before it sees:
- `lezer`: every reading page (anonymous readers, and any logged-in address without a role);
- `college`: also the concept scenarios of the planning page (`plan_concept`) and the full
  status explanations (`status_detail`);
- `beheer`: also Beheer (`beheer`).
With OIDC the role is the highest of: the provider's claim (`[roles] claim`, default `roles`,
a string or a list whose values name a role), `[beheer] admins` / GGU_ADMINS (beheer) and
`[roles] college` / GGU_COLLEGE (college) as e-mail addresses. An unknown permission raises
KeyError, so that a typo fails in the tests rather than hiding a block.

The client's address (for the login log) is the TCP peer, or behind a trusted proxy the
X-Forwarded-For hop that Streamlit's server (uvicorn, FORWARDED_ALLOW_IPS) resolved; see
`client_address`.
"""
from __future__ import annotations

import ipaddress
import math
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import streamlit as st

from ggu import config, lockout
from ggu.i18n import t
from ggu.passwords import verify_password

SESSION_KEY = "beheer_user"
ROLES = ("lezer", "college", "beheer")   # each sees what the ones before it see
# Named permissions and the least role that has each. Add new ones at the end.
PERMISSIONS = {
    "plan_concept": "college",    # the concept scenarios of the planning page
    "status_detail": "college",   # the full status explanations
    "beheer": "beheer",           # the Beheer page
}
PASSWORD_ACCOUNT = lockout.PASSWORD_ACCOUNT   # the one account of the password login
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")   # the lock's end as the users read it


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
        email = oidc_email()
        return email if email and role() == "beheer" else None
    return st.session_state.get(SESSION_KEY)


def oidc_email() -> str | None:
    """The address of the OIDC login of this session, or None (not logged in, or no OIDC)."""
    if method() != "oidc" or not getattr(st.user, "is_logged_in", False):
        return None
    return str(st.user.get("email") or st.user.get("sub") or "?").lower()


def college() -> set[str]:
    listed = _secrets("roles").get("college")
    if listed is None:
        listed = config.setting("college").split(",")
    return {str(a).strip().lower() for a in listed if str(a).strip()}


def role_for(claims: dict, claim: str, admin_list: set[str], college_list: set[str]) -> str:
    """The role of a logged-in user from the provider's claims: the highest of the claim
    `claim` (a role name or a list of them; other values are ignored) and the address lists,
    which match the `email` claim only, and not when the provider says it is unverified
    (`email_verified` false). Pure, for the tests."""
    granted = claims.get(claim) if claim else None
    names = [granted] if isinstance(granted, str) else granted
    found = {str(n).strip().lower() for n in names if isinstance(n, str)} & set(ROLES) \
        if isinstance(names, list | tuple) else set()
    email = str(claims.get("email") or "").strip().lower()
    if email and claims.get("email_verified") is not False:
        if email in admin_list:
            found.add("beheer")
        if email in college_list:
            found.add("college")
    return max(found, key=ROLES.index, default="lezer")


def role() -> str:
    """The current session's role: "lezer" | "college" | "beheer" (anonymous readers: lezer)."""
    if method() == "oidc":
        if oidc_email() is None:
            return "lezer"
        claim = str(_secrets("roles").get("claim") or config.setting("roles_claim"))
        return role_for(st.user.to_dict(), claim, admins(), college())
    return "beheer" if st.session_state.get(SESSION_KEY) else "lezer"


def can(permission: str) -> bool:
    """Whether the current session may see `permission` (a key of PERMISSIONS)."""
    return ROLES.index(role()) >= ROLES.index(PERMISSIONS[permission])


def client_address() -> str:
    """The client's IP address for the login log: the TCP peer as Streamlit's server (uvicorn)
    resolves it. Behind a proxy, uvicorn takes it from X-Forwarded-For only when the peer is a
    trusted proxy (its FORWARDED_ALLOW_IPS, default the loopback addresses), reading from the
    right, so a client cannot forge it by sending the header itself. Streamlit gives None for
    loopback; a value that is not an IP address is logged as `unknown`."""
    peer = st.context.ip_address
    return "127.0.0.1" if peer is None else _ip(peer) or "unknown"


def _ip(value: object) -> str | None:
    """`value` as a normalised IP address, or None when it is not one."""
    try:
        return str(ipaddress.ip_address(str(value).strip()))
    except ValueError:
        return None


def gate(lead: str | None = None, need: str = "beheer") -> str | None:
    """Show the login (or how to enable it) unless the session has at least the role `need`;
    the logged-in user otherwise. The caller stops the page when this returns None."""
    kind = method()
    who = oidc_email() if kind == "oidc" else st.session_state.get(SESSION_KEY)
    if who and ROLES.index(role()) >= ROLES.index(need):
        return who
    st.header(t("auth.title"), anchor=False)
    if lead:
        st.info(lead, icon=":material/lock:")
    if kind == "none":
        st.warning(t("auth.none_title"), icon=":material/lock:")
        st.markdown(t("auth.none"))
    elif kind == "oidc":
        if who:   # logged in, but without the role: say who, what they have and what to do
            st.error(t("auth.not_allowed", user=who), icon=":material/block:")
            st.markdown(t("auth.not_allowed_help", role=t(f"role.{role()}")))
            logout_button(key="refused_logout")
        else:
            st.button(t("auth.oidc_button"), on_click=st.login, type="primary",
                      icon=":material/login:")
    else:
        _password_form()
    return None


def _password_form() -> None:
    """The password login, with the lockout of ggu/lockout.py shared by every process."""
    guard = lockout.Guard(config.data_dir())
    try:
        before = guard.status(PASSWORD_ACCOUNT)
    except (lockout.Error, OSError):
        before = lockout.Verdict(ok=True)
    if before.locked:
        _locked_message(before)
    with st.form("login", clear_on_submit=True):   # the password does not stay in the field
        password = st.text_input(t("auth.password"), type="password", key="beheer_password")
        if not st.form_submit_button(t("auth.login"), type="primary"):
            return
        try:   # a locked account's password is not even checked
            verdict = guard.record(PASSWORD_ACCOUNT, client_address(),
                                   not before.locked and verify_password(password,
                                                                         password_hash()))
        except (lockout.Error, OSError):   # the attempt cannot be counted: refuse (fail closed)
            st.error(t("auth.log_failed"))
            return
        if verdict.ok:
            st.session_state[SESSION_KEY] = PASSWORD_ACCOUNT
            st.rerun()
        time.sleep(1)   # slows guessing down
        if verdict.locked:
            if not before.locked:
                _locked_message(verdict)
        else:
            st.error(t("auth.wrong"))
            st.caption(t("auth.attempts_left", left=lockout.MAX_FAILURES - verdict.failures,
                         minutes=int(lockout.LOCK_FOR.total_seconds() // 60)))


def _locked_message(verdict: lockout.Verdict) -> None:
    until = verdict.locked_until
    if until is None:   # (called for a locked verdict only)
        return
    minutes = max(1, math.ceil((until - datetime.now(until.tzinfo)).total_seconds() / 60))
    st.error(t("auth.locked", failures=lockout.MAX_FAILURES,
               window=int(lockout.WINDOW.total_seconds() // 60),
               time=until.astimezone(LOCAL_TIME).strftime("%H:%M"), minutes=minutes),
             icon=":material/lock_clock:")


def logout_button(key: str = "logout") -> None:
    """Log out: end the OIDC session, or forget the password login."""
    if method() == "oidc":
        st.button(t("auth.logout"), on_click=st.logout, key=key, icon=":material/logout:")
    elif st.button(t("auth.logout"), key=key):
        st.session_state.pop(SESSION_KEY, None)
        st.rerun()


def login_required_everywhere() -> bool:
    return config.setting("require_login").lower() in ("1", "true", "ja", "yes")


def sidebar() -> None:
    """In the sidebar: who is logged in, with which role, and a log-out button; with OIDC a
    log-in button for those not logged in (a college member logs in here to see more)."""
    kind = method()
    who = oidc_email() if kind == "oidc" else st.session_state.get(SESSION_KEY)
    if kind == "none" or not (who or kind == "oidc"):
        return
    with st.sidebar:
        if who:
            # Streamlit 1.67 workaround: markdown makes an address a mailto link, and a link in
            # a caption is faded below 4.5:1 contrast; as code it stays text. Can go when axe
            # passes a caption with a link (tests/test_e2e_login.py checks this screen).
            st.caption(t("auth.sidebar_user", user=f"`{who}`", role=t(f"role.{role()}")))
            logout_button(key="sidebar_logout")
        else:
            st.button(t("auth.oidc_button"), on_click=st.login, key="sidebar_login",
                      icon=":material/login:")

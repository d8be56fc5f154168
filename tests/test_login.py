"""Roles and the login in AppTest: the role of an address from the provider's claims and the
lists in secrets, `auth.can` for each named permission, Beheer refusing a reader with a clear
message, the sidebar saying who is logged in, and the password lockout on the page (5 wrong
passwords, then even the right one refused). The real provider and two servers are in
tests/test_e2e_login.py."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from test_beheer import PASSWORD, beheer, password_hash, tiny  # noqa: F401 (fixtures)

from ggu import lockout
from ggu.config import ROOT
from ggu.web import auth

pytestmark = pytest.mark.app

ADMIN, MEMBER, READER = "ilse@vng.nl", "jan@gemeente.nl", "piet@example.org"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "ggu", "client_secret": "geheim",
        "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}
SECRETS = {"auth": AUTH, "beheer": {"admins": [ADMIN]}, "roles": {"college": [MEMBER]}}


@pytest.mark.parametrize(("claims", "expected"), [
    ({}, "lezer"),
    ({"email": READER}, "lezer"),
    ({"email": MEMBER}, "college"),
    ({"email": "Ilse@VNG.nl"}, "beheer"),                  # addresses compare case-insensitively
    ({"email": ADMIN, "email_verified": True}, "beheer"),
    ({"email": ADMIN, "email_verified": False}, "lezer"),  # an unverified address: no list
    ({"sub": ADMIN}, "lezer"),                             # only the email claim is an address
    ({"email": READER, "roles": "college"}, "college"),    # a claim as a string
    ({"email": READER, "roles": ["Beheer", "x"]}, "beheer"),  # or a list; unknown values ignored
    ({"email": MEMBER, "roles": ["lezer"]}, "college"),    # the highest of claim and list
    ({"email": READER, "groups": ["beheer"]}, "lezer"),    # only the configured claim counts
    ({"email": READER, "roles": 7}, "lezer"),              # a claim of another type: ignored
    ({"email": READER, "roles": {"beheer": 1}}, "lezer"),
])
def test_the_role_of_a_login(claims, expected):
    assert auth.role_for(claims, "roles", {ADMIN}, {MEMBER}) == expected


def probe():
    """A page that shows the role API's answers (run by AppTest)."""
    import streamlit as st

    from ggu.web import auth
    st.text(auth.role())
    st.text(" ".join(p for p in auth.PERMISSIONS if auth.can(p)) or "-")


@pytest.mark.parametrize(("user", "secrets", "role", "permissions"), [
    ({}, SECRETS, "lezer", "-"),                                          # anonymous
    ({"is_logged_in": True, "email": READER}, SECRETS, "lezer", "-"),
    ({"is_logged_in": True, "email": MEMBER}, SECRETS, "college", "plan_concept status_detail"),
    ({"is_logged_in": True, "email": READER, "roles": ["college"]}, SECRETS, "college",
     "plan_concept status_detail"),
    ({"is_logged_in": True, "email": ADMIN}, SECRETS, "beheer",
     "plan_concept status_detail beheer"),
    ({}, {"beheer": {"password_hash": "scrypt$x"}}, "lezer", "-"),        # password, not in
])
def test_role_and_can_in_a_session(user, secrets, role, permissions, monkeypatch):
    monkeypatch.setattr("streamlit.user_info.get_secrets_auth_section",
                        lambda: secrets.get("auth", {}))
    at = AppTest.from_function(probe, default_timeout=30)
    for key, value in secrets.items():
        at.secrets[key] = value
    at.user = user
    at.run()
    assert not at.exception, at.exception
    assert [x.value for x in at.text] == [role, permissions]


def test_an_unknown_permission_fails_loudly():
    with pytest.raises(KeyError):
        auth.PERMISSIONS["plan_concepts"]   # what can() looks up: a typo is an error


def oidc_beheer(data_dir, monkeypatch, user, lang="nl"):
    monkeypatch.setattr("streamlit.user_info.get_secrets_auth_section", lambda: AUTH)
    monkeypatch.setenv("GGU_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in SECRETS.items():
        at.secrets[key] = value
    at.user = user
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/beheer.py").run()
    assert not at.exception, at.exception
    return at


def test_an_admin_address_gets_beheer(tiny, monkeypatch):  # noqa: F811
    at = oidc_beheer(tiny, monkeypatch, {"is_logged_in": True, "email": ADMIN})
    assert at.file_uploader
    assert f"Ingelogd als `{ADMIN}` (rol: beheerder)." in [c.value for c in at.sidebar.caption]
    assert [b.label for b in at.sidebar.button] == ["Uitloggen"]


@pytest.mark.parametrize(("lang", "refusal", "role", "logout"), [
    ("nl", f"{MEMBER} staat niet op de lijst van beheerders.", "**college**", "Uitloggen"),
    ("en", f"{MEMBER} is not on the list of administrators.", "**College**", "Log out"),
])
def test_another_address_is_refused_with_a_clear_message(tiny, monkeypatch, lang,  # noqa: F811
                                                         refusal, role, logout):
    at = oidc_beheer(tiny, monkeypatch, {"is_logged_in": True, "email": MEMBER}, lang)
    assert not at.file_uploader
    assert at.error[0].value == refusal
    assert role in at.markdown[-1].value
    assert [b.label for b in at.main.button] == [logout]


def test_a_reader_not_logged_in_is_offered_the_login(tiny, monkeypatch):  # noqa: F811
    at = oidc_beheer(tiny, monkeypatch, {"is_logged_in": False})
    assert not at.file_uploader and not at.error
    assert [b.label for b in at.sidebar.button] == ["Inloggen met uw organisatie-account"]
    assert "Inloggen met uw organisatie-account" in [b.label for b in at.main.button]


def test_login_everywhere_lets_every_role_read(tiny, monkeypatch):  # noqa: F811
    monkeypatch.setenv("GGU_REQUIRE_LOGIN", "true")
    at = oidc_beheer(tiny, monkeypatch, {"is_logged_in": True, "email": READER})
    at.switch_page("pages/overzicht.py").run()
    assert at.title[0].value == "Overzicht 2024" and at.metric


def wrong(at, password="fout"):
    at.text_input(key="beheer_password").input(password)
    next(b for b in at.button if b.label == "Inloggen").click().run()
    assert not at.exception, at.exception


@pytest.mark.slow
def test_five_wrong_passwords_lock_the_login(tiny, monkeypatch, password_hash):  # noqa: F811
    monkeypatch.setattr("time.sleep", lambda seconds: None)   # the 1 s delay, not under test
    at = beheer(tiny, monkeypatch, {"beheer": {"password_hash": password_hash}})
    for left in (4, 3, 2, 1):
        wrong(at)
        assert at.error[0].value == "Dat wachtwoord klopt niet."
        assert at.caption[-2].value.startswith(f"Pogingen over: {left}. Daarna gaat het")
    wrong(at)
    assert at.error[0].value.startswith(
        "Het inloggen met een wachtwoord is op slot na 5 mislukte pogingen binnen 15 minuten. "
        "Probeer het om ")
    assert "(over 15 minuten)" in at.error[0].value
    wrong(at, PASSWORD)                                # the right password, while locked
    assert not at.file_uploader
    assert "op slot" in at.error[0].value
    # a new session (another browser) sees the lock before it tries
    at = beheer(tiny, monkeypatch, {"beheer": {"password_hash": password_hash}})
    assert "op slot" in at.error[0].value
    outcomes = [r["outcome"] for r in lockout.Guard(tiny).attempts()]
    assert outcomes == ["locked", "lock"] + ["failed"] * 5
    # lifted on the command line: the right password opens Beheer
    lockout.Guard(tiny).unlock("beheerder", by="test")
    wrong(at, PASSWORD)
    assert at.file_uploader

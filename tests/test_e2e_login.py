"""The real login in a real browser: `st.login` against a real OpenID Connect provider
(oidc-provider-mock, its own process on a free port) whose authorize form Chromium fills in; an
admin address gets Beheer, another address is refused with a clear message, a `roles` claim
gives the role college, and logging out ends the session. Then the password lockout across two
Streamlit servers on one data folder, and the client address taken from X-Forwarded-For only
behind a trusted proxy (uvicorn's FORWARDED_ALLOW_IPS). Screenshots of the login, refusal and
lockout screens, both languages, go to the test's temporary folder."""
from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import build_tiny
from test_e2e_pages import assert_accessible

from ggu import lockout
from ggu.passwords import hash_password
from tools.browser import free_port, fresh, open_page, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

ADMIN, MEMBER, READER = "ilse@vng.nl", "jan@gemeente.nl", "piet@example.org"
USERS = [{"sub": "ilse", "email": ADMIN, "name": "Ilse"},
         {"sub": "jan", "email": MEMBER, "roles": ["college"]},
         {"sub": "piet", "email": READER}]
PASSWORD = "een-lang-geheim-wachtwoord"
ERROR = "[data-testid='stAlertContentError'] [data-testid='stMarkdownContainer']"


@contextlib.contextmanager
def oidc_provider(users, timeout: float = 60):
    """oidc-provider-mock as its own process on a free localhost port; yields its base URL."""
    port = free_port()
    args = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    for user in users:
        args += ["--user-claims", json.dumps(user)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration",
                                            timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the OIDC provider did not start:\n"
                                       + proc.stdout.read().decode()) from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory):
    """A Streamlit server whose secrets configure `st.login` against the provider."""
    folder = tmp_path_factory.mktemp("oidc")
    build_tiny(folder / "data")
    with oidc_provider(USERS) as provider:
        secrets = folder / "secrets.toml"
        secrets.write_text(f"""
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "een-lang-willekeurig-koekjesgeheim-voor-de-test"
client_id = "ggu-dashboard"
client_secret = "geheim"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[beheer]
admins = ["{ADMIN}"]
""")
        with streamlit_server(folder / "data", env={"STREAMLIT_SECRETS_FILES": str(secrets)}) \
                as url:
            yield url


def text(s: str) -> str:
    return " ".join(s.split())


def log_in(page, sub: str) -> None:
    """Press the app's login button, fill the provider's authorize form, come back."""
    page.locator("[data-testid='stSidebar']").get_by_role(
        "button", name="Inloggen met uw organisatie-account").click()
    page.wait_for_selector("input[name='sub']", timeout=30_000)
    assert page.get_by_role("heading", level=1).inner_text() == "Authorize Client"
    page.fill("input[name='sub']", sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    wait_for_app(page)


def sidebar_user(page) -> str:
    return text(page.locator("[data-testid='stSidebar'] [data-testid='stCaptionContainer']")
                .filter(has_text="Ingelogd als").inner_text())


def test_login_roles_refusal_and_logout_with_a_real_provider(chromium, oidc_app, tmp_path):
    with fresh(chromium):
        page = open_page(chromium, f"{oidc_app}/beheer?lang=en")
        for lang, button in (("en", "Log in with your organisation account"),
                             ("nl", "Inloggen met uw organisatie-account")):
            page.goto(f"{oidc_app}/beheer?lang={lang}")
            wait_for_app(page)
            assert page.locator("[data-testid='stMain']").get_by_role("button", name=button).count()
            assert not page.locator("[data-testid='stFileUploader']").count()
            page.screenshot(path=tmp_path / f"login-{lang}.png")
            assert_accessible(page, f"beheer, login (OIDC, {lang})")

        log_in(page, "ilse")                 # an admin address: back on the app, with Beheer
        assert sidebar_user(page) == f"Ingelogd als {ADMIN} (rol: beheerder)."
        page.goto(f"{oidc_app}/beheer?lang=nl")
        page.wait_for_selector("[data-testid='stFileUploader']", timeout=30_000)
        wait_for_app(page)
        assert_accessible(page, "beheer, logged in (OIDC)")

        # log out: the provider's end-session page, then back on the app, logged out
        page.locator("[data-testid='stSidebar']").get_by_role("button", name="Uitloggen").click()
        page.get_by_role("button", name="End session").click()
        page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
        wait_for_app(page)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert sidebar.get_by_role("button", name="Inloggen met uw organisatie-account").count()
        assert not sidebar.filter(has_text="Ingelogd als").count()
        page.goto(f"{oidc_app}/beheer?lang=nl")
        wait_for_app(page)
        assert not page.locator("[data-testid='stFileUploader']").count()

        log_in(page, "piet")                 # another address: refused, clearly
        assert sidebar_user(page) == f"Ingelogd als {READER} (rol: lezer)."
        for lang, refusal, role in (
                ("nl", f"{READER} staat niet op de lijst van beheerders.", "rol lezer"),
                ("en", f"{READER} is not on the list of administrators.", "role reader")):
            page.goto(f"{oidc_app}/beheer?lang={lang}")
            wait_for_app(page)
            assert text(page.locator(ERROR).inner_text()) == refusal
            assert role in text(page.locator("[data-testid='stMain']").inner_text())
            assert not page.locator("[data-testid='stFileUploader']").count()
            page.screenshot(path=tmp_path / f"refused-{lang}.png")
            assert_accessible(page, f"beheer, refused ({lang})")

    with fresh(chromium):                    # a `roles` claim from the provider: college
        page = open_page(chromium, f"{oidc_app}/?lang=nl")
        wait_for_app(page)
        log_in(page, "jan")
        assert sidebar_user(page) == f"Ingelogd als {MEMBER} (rol: college)."
        page.goto(f"{oidc_app}/beheer?lang=nl")
        wait_for_app(page)
        assert "rol college" in text(page.locator("[data-testid='stMain']").inner_text())
        assert not page.locator("[data-testid='stFileUploader']").count()


def try_password(page, password: str, data_dir) -> str:
    """Type a password into the Beheer login, press Enter; the error shown after it. Waits until
    the server has recorded the attempt (the run is then under way), then for the run's end."""
    recorded = len(lockout.Guard(data_dir).attempts())
    field = page.locator("[data-testid='stForm'] input[type='password']")
    field.fill(password)
    field.press("Enter")
    deadline = time.monotonic() + 30
    while len(lockout.Guard(data_dir).attempts()) == recorded:
        assert time.monotonic() < deadline, "the attempt was not recorded"
        time.sleep(0.1)
    wait_for_app(page)
    return text(page.locator(ERROR).first.inner_text())


def test_wrong_passwords_on_two_servers_lock_both(chromium, tmp_path):
    data = tmp_path / "data"
    build_tiny(data)
    env = {"GGU_ADMIN_PASSWORD_HASH": hash_password(PASSWORD)}
    forged = {"X-Forwarded-For": "198.51.100.1, 203.0.113.7"}   # what a proxy would append
    with streamlit_server(tmp_path / "data", env=env) as one, \
            streamlit_server(tmp_path / "data", env={**env, "FORWARDED_ALLOW_IPS": ""}) as two, \
            fresh(chromium):
        a = open_page(chromium, f"{one}/beheer?lang=nl")
        a.context.set_extra_http_headers(forged)
        a.reload()
        b = open_page(chromium, f"{two}/beheer?lang=en")
        b.context.set_extra_http_headers(forged)
        b.reload()
        for page in (a, b):
            wait_for_app(page)
        for _ in range(3):
            assert try_password(a, "fout", data) == "Dat wachtwoord klopt niet."
        assert try_password(b, "wrong", data) == "That password is not correct."
        assert text(b.locator("[data-testid='stCaptionContainer']").filter(
            has_text="Attempts left").inner_text()).startswith("Attempts left: 1. Then")
        locked = try_password(b, "wrong", data)                   # the fifth, on the other server
        assert locked.startswith("Password login is locked after 5 failed attempts within "
                                 "15 minutes. Try again at ")
        b.screenshot(path=tmp_path / "locked-en.png")
        assert_accessible(b, "beheer, locked (en)")
        refused = try_password(a, PASSWORD, data)                  # the right one, on the first
        assert refused.startswith("Het inloggen met een wachtwoord is op slot na 5 mislukte")
        assert not a.locator("[data-testid='stFileUploader']").count()
        a.screenshot(path=tmp_path / "locked-nl.png")
        assert_accessible(a, "beheer, locked (nl)")
    rows = lockout.Guard(tmp_path / "data").attempts()
    assert [(r["outcome"], r["address"]) for r in rows] == [
        ("locked", "203.0.113.7"),                           # behind a trusted proxy: the hop
        ("lock", "127.0.0.1"), ("failed", "127.0.0.1"),      # no trusted proxy: the peer
        ("failed", "127.0.0.1"),
        ("failed", "203.0.113.7"), ("failed", "203.0.113.7"), ("failed", "203.0.113.7")]

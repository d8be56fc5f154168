"""Screenshots of every page in headless Chromium: `make screenshots` (or with a data folder
and language: `python tests/screenshots.py DATA_DIR OUT_DIR [nl|en]`)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ggu import config  # noqa: E402
from ggu.passwords import hash_password  # noqa: E402
from tools.browser import browser, open_page, streamlit_server, wait_for_app  # noqa: E402


def main(data_dir: str, out_dir: str, lang: str = "nl") -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    # Beheer is behind a login: give the server a known password (unless one is configured).
    password = os.environ.get("GGU_SCREENSHOT_PASSWORD", "screenshot-wachtwoord")
    if not os.environ.get("GGU_ADMIN_PASSWORD_HASH"):
        os.environ["GGU_ADMIN_PASSWORD_HASH"] = hash_password(password)
    with streamlit_server(data_dir) as url, browser() as b:
        page = open_page(b, f"{url}/?lang={lang}")
        wait_for_app(page)
        links = page.locator("[data-testid='stSidebarNav'] a")
        paths = [links.nth(i).get_attribute("href") for i in range(links.count())] or [url]
        for href in paths:
            target = href if href.startswith("http") else f"{url}/{href.lstrip('/')}"
            sep = "&" if "?" in target else "?"
            page.goto(f"{target}{sep}lang={lang}", wait_until="domcontentloaded")
            page.wait_for_selector("[data-testid='stApp']")
            wait_for_app(page)
            login = page.locator("[data-testid='stForm'] input[type='password']")
            if login.count():   # the Beheer login
                login.fill(password)
                login.press("Enter")
                page.wait_for_selector("[data-testid='stFileUploader']", timeout=30_000)
                wait_for_app(page)
            page.wait_for_timeout(1500)
            name = (target.rstrip("/").rsplit("/", 1)[-1].split("?")[0] or "overzicht")
            if name.startswith("127.0.0.1"):
                name = "overzicht"
            path = out / f"{name}-{lang}.png"
            # Streamlit scrolls an inner container: grow the viewport to the content instead.
            height = page.evaluate(
                "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 12000)})
            page.wait_for_timeout(800)
            page.screenshot(path=str(path))
            page.set_viewport_size({"width": 1400, "height": 1000})
            shots.append(path)
            print(path)
    return shots


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0] if args else str(config.data_dir()), args[1] if len(args) > 1 else "screenshots",
         args[2] if len(args) > 2 else "nl")

"""A replica dies under a reader's eyes: Chromium on the Overzicht through HAProxy (deploy/),
the process serving it killed with SIGKILL. The browser reconnects through the proxy to a live
process, which runs the page afresh: no error page, and its controls work again."""
from __future__ import annotations

import os
import signal

import pytest

from ggu.i18n import t
from tools.browser import open_page, wait_for_app
from tools.loadtest import copy_data
from tools.proxyload import Serving

pytestmark = pytest.mark.browser


def test_a_page_whose_process_is_killed_goes_on_on_another(demo_dir, tmp_path, chromium):
    data_store = copy_data(demo_dir, tmp_path / "data")
    with Serving(2, data_store.root) as serving:
        serving.wait()
        page = open_page(chromium, serving.url)
        try:
            wait_for_app(page)
            title = page.locator("h1").first.inner_text()
            cookie = {c["name"]: c["value"] for c in page.context.cookies()}["GGU_SERVER"]
            victim = serving.replica_ports[int(cookie.removeprefix("app")) - 1]
            os.kill(serving.replica_pids()[victim], signal.SIGKILL)
            page.wait_for_timeout(1000)   # the browser has seen its websocket close
            # Once reconnected, the page's controls take input again: switch the split.
            spent = t("basis.spent", lang="nl")
            page.get_by_role("radio", name=spent, exact=True).click(timeout=60_000)
            page.get_by_role("heading", level=2).filter(has_text=spent).first.wait_for(
                timeout=60_000)
            wait_for_app(page)
            assert page.locator("h1").first.inner_text() == title
            assert page.get_by_test_id("stException").count() == 0
            assert page.get_by_text("Connection error").count() == 0
        finally:
            page.context.close()

"""In a real browser: the dashboard opens on the demo data and draws the split chart; a
fresh server answers a shared link, and without data says what to do. The server answers
every request on a kept-alive connection without waiting for the client's delayed ACK."""
import http.client
import time
from urllib.parse import urlsplit

import pytest

from tools.browser import fresh, open_page, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser


def test_overzicht_draws_the_split_chart(app_url, chromium):
    with fresh(chromium) as b:
        page = open_page(b, app_url)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.get_by_text("Overzicht 2026").wait_for(timeout=30_000)
        wait_for_app(page)
        # the split chart: a plotly figure with three bars, one per category
        chart = page.locator(".js-plotly-plot").first
        chart.wait_for(timeout=30_000)
        bars = chart.locator("g.barlayer g.point")
        assert bars.count() == 3
        text = chart.inner_text()
        for label in ("Structureel", "Meerjarig", "Kortcyclisch", "Norm"):
            assert label in text
        assert page.get_by_text("Voorbeelddata.").count() >= 1
        assert not page.locator("[data-testid='stException']").count()
        assert errors == []


def test_a_shared_link_works_as_the_first_request_of_a_fresh_server(demo_dir, chromium):
    with streamlit_server(demo_dir) as url, fresh(chromium) as b:
        page = open_page(b, f"{url}/bijdragen?jaar=2024")
        wait_for_app(page)
        assert page.get_by_role("heading", name="Bijdragen 2024").count() == 1
        assert not page.locator("[data-testid='stException']").count()


def test_a_fresh_server_without_data_says_what_to_do(tmp_path, chromium):
    """The server's warm-up finds no snapshot and lets the page explain, as without it; the
    page is Beheer, where the first file is loaded."""
    with streamlit_server(tmp_path) as url, fresh(chromium) as b:
        page = open_page(b, url)
        page.get_by_text("python -m ggu demo").wait_for(timeout=30_000)
        assert page.get_by_role("heading", level=1).inner_text().startswith("Beheer")
        assert not page.locator("[data-testid='stException']").count()


def test_requests_on_a_kept_alive_connection_do_not_wait_for_a_delayed_ack(app_url):
    """A first visit loads about 100 files over six connections. With Nagle's algorithm on
    (Streamlit's default, see ggu/serving.py) every request after a connection's first waited
    at least 40 ms for the client's delayed ACK; without, it takes a few ms. The fastest of
    nine is far from either bound, whatever the machine's load."""
    address = urlsplit(app_url)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    seconds = []
    try:
        for _ in range(10):
            start = time.perf_counter()
            conn.request("GET", "/")
            response = conn.getresponse()
            assert response.status == 200 and b"<html" in response.read()
            seconds.append(time.perf_counter() - start)
    finally:
        conn.close()
    assert min(seconds[1:]) < 0.02, seconds

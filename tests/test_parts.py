"""Parts of a page that rerun on their own (ggu/web/parts.py), on a real server, through
Streamlit's websocket as the browser speaks it (tools/stclient.py): changing a control inside
a part reruns only that part, in the page's language and on the page's snapshot; the page's
next full run reads a snapshot imported meanwhile."""
from __future__ import annotations

import pytest

from ggu.i18n import t
from ggu.store.snapshots import Store
from tools import loadtest
from tools.browser import streamlit_server
from tools.loadtest import copy_data
from tools.stclient import Client

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(demo_dir, tmp_path_factory):
    data_store = copy_data(demo_dir, tmp_path_factory.mktemp("parts") / "data")
    with streamlit_server(data_store.root) as url:
        yield url, data_store


def test_a_control_in_a_part_reruns_only_that_part(served):
    url, _ = served
    tab = Client(url)
    tab.connect()
    page = tab.open("")
    assert page.titles and not page.fragment and not page.exceptions
    assert tab.widgets["basis"].fragment_id            # the basis switch lives in a part
    assert not tab.widgets["jaar"].fragment_id         # the year is the frame's: a full run
    part = tab.change("basis")
    assert part.fragment and not part.exceptions
    assert part.titles == []                           # the page around it was not run again
    assert part.headings[0].startswith(t("basis.spent", lang="nl"))   # the split, by spending
    assert part.messages < page.messages / 2
    table = tab.change("bvs_table")                    # a chart's table: that chart only
    assert table.fragment and not table.exceptions and len(table.headings) == 1
    year = tab.change("jaar")
    assert not year.fragment and year.titles           # the year reruns the page


def test_a_part_speaks_the_page_language_and_reads_the_page_snapshot(served):
    url, data_store = served
    tab = Client(url)
    tab.connect("bijdragen")
    tab.query_string = "lang=en"
    page = tab.open("bijdragen", "lang=en")
    old = data_store.current_id()
    assert page.snapshots == {old} and page.titles[0].startswith("Contributions")
    new = data_store.write(loadtest.bump_budgets, action="test", user="test")
    part = tab.change("whatif_rate")
    assert part.fragment and not part.exceptions
    assert "What if the rate changes?" in part.headings          # English, as its page
    assert part.snapshots == {old}                                # the page's snapshot
    rerun = tab.rerun()
    assert rerun.snapshots == {new} and not rerun.exceptions      # the next full run: the new
    assert Store(data_store.root).current_id() == new

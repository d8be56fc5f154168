"""The server's warm-up (ggu/warmup.py) leaves the start page ready: the first visit's run of
the frame and the Overzicht runs no query of its own; without data it stays quiet."""
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ggu.config import ROOT
from ggu.store import loader
from ggu.web import warmup

pytestmark = pytest.mark.app


def test_after_the_warm_up_the_start_page_runs_no_query(demo_dir, monkeypatch):
    monkeypatch.setenv("GGU_DATA_DIR", str(demo_dir))
    st.cache_data.clear()
    warmup.warm()
    runs = []
    real = loader.run
    monkeypatch.setattr(loader, "run",
                        lambda name, path, **p: runs.append(name) or real(name, path, **p))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not at.exception and at.title[0].value == "Overzicht 2026"
    assert runs == []


def test_without_data_the_warm_up_stays_quiet(tmp_path, monkeypatch):
    monkeypatch.setenv("GGU_DATA_DIR", str(tmp_path))
    warmup.warm()   # no snapshot: nothing to open, no exception; the page says what to do
    assert list(tmp_path.iterdir()) == []   # and it writes nothing there

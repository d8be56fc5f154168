"""The plotly.js of the charts: `python -m ggu.web.bundle` builds our bundle (the trace types the
charts draw) from plotly.js's source of the version plotly.py writes for and copies plotly.py's
full one, refuses a mismatched or missing source in plain Dutch, and a chart picks our bundle
when it draws it (the full one otherwise, Streamlit's own without bundles)."""
from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from ggu import config
from ggu.config import ROOT
from ggu.web import bundle

pytestmark = pytest.mark.app

VERSION = bundle.plotly_version()
OURS = re.compile(rf"plotly-ggu-{re.escape(VERSION)}-[0-9a-f]{{10}}\.min\.js")


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """An empty static/ (node_modules/ stays the project's, as npm ci installed it)."""
    monkeypatch.setattr(config, "STATIC_DIR", tmp_path / "static")
    return tmp_path


def test_the_locked_plotly_js_is_the_version_plotly_py_writes_for():
    package = json.loads((config.NODE_MODULES / "plotly.js" / "package.json").read_text())
    assert package["version"] == VERSION
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/plotly.js"]["version"] == VERSION


def test_assets_builds_our_bundle_and_copies_the_full_one(installed, capsys):
    (installed / "static").mkdir()
    (installed / "static" / "plotly-basic-1.0.0.min.js").write_text("old")
    assert bundle.main() == 0
    names = sorted(p.name for p in (installed / "static").iterdir())
    assert len(names) == 2 and names[0] == f"plotly-{VERSION}.min.js"   # the old one gone
    assert OURS.fullmatch(names[1])
    ours = (installed / "static" / names[1]).read_text()
    full = (installed / "static" / names[0]).read_text()
    assert ours.startswith(f"/*! plotly.js v{VERSION} (bar, pie, scatter, treemap)")
    assert "var Plotly=" in ours and len(ours) < len(full) / 3
    assert names[1] in capsys.readouterr().out
    # the same sources build the same file (the name's hash changes only with the content)
    assert bundle.main() == 0
    assert sorted(p.name for p in (installed / "static").iterdir()) == names


def test_a_mismatched_plotly_js_is_refused_in_dutch(installed, monkeypatch, capsys):
    modules = installed / "node_modules"
    (modules / "plotly.js").mkdir(parents=True)
    (modules / "plotly.js" / "package.json").write_text(json.dumps({"version": "9.9.9"}))
    (modules / ".bin").mkdir()
    (modules / ".bin" / "esbuild").symlink_to(config.NODE_MODULES / ".bin" / "esbuild")
    monkeypatch.setattr(config, "NODE_MODULES", modules)
    assert bundle.main() == 1
    err = capsys.readouterr().err
    assert "versie 9.9.9" in err and f"plotly.js {VERSION}" in err and "package.json" in err
    assert not (installed / "static").exists()   # nothing half-installed


def test_missing_sources_say_how_to_install_them(installed, monkeypatch, capsys):
    monkeypatch.setattr(config, "NODE_MODULES", installed / "node_modules")
    assert bundle.main() == 1
    assert "npm ci" in capsys.readouterr().err


def test_a_build_that_fails_says_so_and_leaves_nothing(installed, monkeypatch, capsys):
    broken = installed / "broken.js"
    broken.write_text('require("plotly.js/lib/no-such-trace");\n')
    monkeypatch.setattr(bundle, "ENTRY", broken)
    assert bundle.main() == 1
    assert "esbuild kon de plotly.js-bundel niet bouwen" in capsys.readouterr().err
    assert list((installed / "static").iterdir()) == []


def test_a_chart_gets_our_bundle_when_it_draws_it(installed):
    assert bundle.url({"bar"}) is None   # not installed yet
    ours, full = bundle.install()
    assert bundle.url({"bar", "scatter"}) == f"./app/static/{ours.name}"
    assert bundle.url({"treemap"}) == f"./app/static/{ours.name}"
    assert bundle.url({"bar", "sankey"}) == f"./app/static/{full.name}"


@pytest.mark.parametrize("bundles", [True, False])
def test_the_overzicht_draws_its_charts_with_or_without_the_bundles(
        bundles, demo_dir, installed, monkeypatch):
    """With the bundles, the three charts go to the page as figures for our bundle; without them
    (the dashboard started without `make`), as Streamlit's own Plotly charts."""
    ours = bundle.install()[0] if bundles else None
    monkeypatch.setenv("GGU_DATA_DIR", str(demo_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not at.exception, at.exception
    charts = [json.loads(e.proto.json) for e in at.get("bidi_component")]
    if bundles:
        assert len(charts) == 4 and not at.get("plotly_chart")
        assert {c["bundle"] for c in charts} == {f"./app/static/{ours.name}"}
        assert all(go.Figure(c["figure"]).data for c in charts)
    else:
        assert not charts and len(at.get("plotly_chart")) == 4

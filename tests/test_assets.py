"""The plotly.js bundles of the charts: `python -m ggu assets` installs the basic and the full
bundle of the plotly.js version plotly.py writes for, refuses a mismatched basic bundle in plain
Dutch, and a chart picks the smallest bundle that draws it (Streamlit's own without bundles)."""
from __future__ import annotations

import json
import shutil

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from ggu import assets, cli, config
from ggu.config import ROOT

VERSION = assets.plotly_version()


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """An empty static/ and a node_modules/ holding the locked basic bundle."""
    modules = tmp_path / "node_modules"
    shutil.copytree(config.NODE_MODULES / "plotly.js-basic-dist-min",
                    modules / "plotly.js-basic-dist-min")
    monkeypatch.setattr(config, "NODE_MODULES", modules)
    monkeypatch.setattr(config, "STATIC_DIR", tmp_path / "static")
    return tmp_path


def test_the_locked_basic_bundle_is_the_version_plotly_py_writes_for():
    package = json.loads((config.NODE_MODULES / "plotly.js-basic-dist-min" / "package.json")
                         .read_text())
    assert package["version"] == VERSION
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/plotly.js-basic-dist-min"]["version"] == VERSION


def test_assets_installs_both_bundles_named_by_version(installed, capsys):
    (installed / "static").mkdir()
    (installed / "static" / "plotly-basic-1.0.0.min.js").write_text("old")
    assert cli.main(["assets"]) == 0
    names = sorted(p.name for p in (installed / "static").iterdir())
    assert names == [f"plotly-{VERSION}.min.js", f"plotly-basic-{VERSION}.min.js"]   # old gone
    basic = (installed / "static" / f"plotly-basic-{VERSION}.min.js").read_bytes()
    full = (installed / "static" / f"plotly-{VERSION}.min.js").read_bytes()
    assert f"v{VERSION}".encode() in basic[:300] and len(basic) < len(full) / 3
    assert f"plotly-basic-{VERSION}.min.js" in capsys.readouterr().out


def test_a_mismatched_basic_bundle_is_refused_in_dutch(installed, capsys):
    package = config.NODE_MODULES / "plotly.js-basic-dist-min" / "package.json"
    package.write_text(json.dumps({"version": "9.9.9"}))
    assert cli.main(["assets"]) == 1
    err = capsys.readouterr().err
    assert "versie 9.9.9" in err and f"plotly.js {VERSION}" in err and "package.json" in err
    assert not (installed / "static").exists()   # nothing half-installed


def test_a_missing_basic_bundle_says_how_to_install_it(installed, capsys):
    shutil.rmtree(config.NODE_MODULES)
    assert cli.main(["assets"]) == 1
    assert "npm ci" in capsys.readouterr().err


def test_a_chart_gets_the_smallest_bundle_that_draws_it(installed):
    assert assets.bundle_url({"bar"}) is None   # not installed yet
    assets.install()
    assert assets.bundle_url({"bar", "scatter"}) == f"./app/static/plotly-basic-{VERSION}.min.js"
    assert assets.bundle_url({"bar", "treemap"}) == f"./app/static/plotly-{VERSION}.min.js"


@pytest.mark.parametrize("bundles", [True, False])
def test_the_overzicht_draws_its_charts_with_or_without_the_bundles(
        bundles, demo_dir, installed, monkeypatch):
    """With the bundles, the three charts go to the page as figures for the basic bundle; without
    them (the dashboard started without `make`), as Streamlit's own Plotly charts."""
    if bundles:
        assets.install()
    monkeypatch.setenv("GGU_DATA_DIR", str(demo_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not at.exception, at.exception
    ours = [json.loads(e.proto.json) for e in at.get("bidi_component")]
    if bundles:
        assert len(ours) == 3 and not at.get("plotly_chart")
        assert {o["bundle"] for o in ours} == {f"./app/static/plotly-basic-{VERSION}.min.js"}
        assert all(go.Figure(o["figure"]).data for o in ours)
    else:
        assert not ours and len(at.get("plotly_chart")) == 3

"""Beheer's step "Publiceren": behind the Beheer login, it builds the public site of the
current snapshot, shows its progress and then which snapshot the site shows; a second press on
an unchanged snapshot changes nothing."""
from __future__ import annotations

import json
import os

import pytest
from conftest import build_tiny
from test_beheer import PASSWORD, beheer, logged_in, password_hash  # noqa: F401

pytestmark = [pytest.mark.app, pytest.mark.slow]


def texts(at) -> str:
    return " ".join([m.value for m in at.markdown] + [s.value for s in at.success]
                    + [i.value for i in at.info])


def test_publish_from_beheer(tmp_path, monkeypatch, password_hash):  # noqa: F811
    data = tmp_path / "data"
    build_tiny(data)
    closed = beheer(data, monkeypatch, {"beheer": {"password_hash": password_hash}})
    assert not [b for b in closed.button if b.label == "Site publiceren"]   # not before login

    at = logged_in(data, monkeypatch, password_hash)
    assert "De openbare site is nog niet gebouwd." in texts(at)
    next(b for b in at.button if b.label == "Site publiceren").click().run(timeout=600)
    assert not at.exception, at.exception
    assert "De site is gepubliceerd" in texts(at)
    assert os.readlink(data / "site" / "current") == "0001"
    built = json.loads((data / "site" / "current" / "build.json").read_text())
    assert built["snapshot"] == "0001"
    assert (data / "site" / "current" / "nl" / "gemeenten" / "GM0001" / "index.html").exists()

    next(b for b in at.button if b.label == "Site publiceren").click().run(timeout=600)
    assert "De site was al actueel" in texts(at)
    assert "gegevensstand 0001: de huidige" in texts(at)

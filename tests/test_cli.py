"""The CLI: summary JSON (exact shape, parts add up), demo idempotence, error paths."""
import json
import subprocess
import sys

import pytest

from ggu.config import ROOT

pytestmark = pytest.mark.sql


def ggu(*args):
    return subprocess.run([sys.executable, "-m", "ggu", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_summary_json_2024_demo(demo_dir):
    out = ggu("summary", "--year", "2024", "--json", "--data-dir", str(demo_dir))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data) == ["year", "budget_eur", "spent_eur", "is_demo", "snapshot", "categories",
                          "status_counts"]
    assert list(data["status_counts"]) == ["groen", "oranje", "rood"]
    assert data["year"] == 2024 and data["is_demo"] is True and data["snapshot"] == "0001"
    assert 57.5e6 <= data["budget_eur"] <= 58.5e6
    cats = data["categories"]
    assert [c["category"] for c in cats] == ["structureel", "meerjarig", "kortcyclisch"]
    assert [c["norm_pct"] for c in cats] == [50, 20, 30]
    assert list(cats[0]) == ["category", "budget_eur", "spent_eur", "budget_share_pct",
                             "spent_share_pct", "norm_pct", "deviation_pp", "within_tolerance"]
    assert round(sum(c["budget_eur"] for c in cats), 2) == data["budget_eur"]
    assert round(sum(c["spent_eur"] for c in cats), 2) == data["spent_eur"]
    assert sum(c["budget_share_pct"] for c in cats) == pytest.approx(100, abs=0.02)
    for c in cats:
        assert c["deviation_pp"] == pytest.approx(c["budget_share_pct"] - c["norm_pct"], abs=0.01)


def test_summary_text_is_dutch(tiny_dir):
    out = ggu("summary", "--year", "2024", "--data-dir", str(tiny_dir))
    assert out.returncode == 0, out.stderr
    assert "€ 1.000,00" in out.stdout.replace("\u00a0", " ")
    assert "+10,0 %-punt" in out.stdout.replace("\u00a0", " ")


@pytest.mark.parametrize("args, message", [
    (["summary", "--year", "1999"], "geen gegevens voor 1999"),
    (["summary", "--year", "abc"], "'abc' is geen jaartal"),
    (["summary"], "deze argumenten ontbreken: --year"),
    (["bestaatniet"], "ongeldige keuze"),
])
def test_wrong_arguments_one_line_exit_2(args, message, tiny_dir):
    out = ggu(*args, "--data-dir", str(tiny_dir))
    assert out.returncode == 2
    assert message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_no_data_exit_1_one_line(tmp_path):
    out = ggu("summary", "--year", "2024", "--data-dir", str(tmp_path))
    assert out.returncode == 1
    assert "python -m ggu demo" in out.stderr and len(out.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_demo_is_idempotent(tmp_path):
    first = ggu("demo", "--data-dir", str(tmp_path))
    second = ggu("demo", "--data-dir", str(tmp_path))
    assert first.returncode == second.returncode == 0
    assert "snapshot 0001" in first.stdout and "al actueel" in second.stdout
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == ["0001.duckdb"]

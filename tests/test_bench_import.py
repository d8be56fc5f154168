"""The import benchmark works end to end: it builds the workbook, imports it with this tree and
with a compared git revision, reads it with openpyxl, and writes the promised JSON (its figures
are not asserted: see BENCHMARKS.md, "Import")."""
import json

import pytest

from tools import bench_import

pytestmark = pytest.mark.slow

MODES = {"openpyxl-read", "import", "import HEAD"}


def test_bench_import_writes_the_promised_json(tmp_path, capsys):
    out, book = tmp_path / "import.json", tmp_path / "import-3000.xlsx"
    assert bench_import.main(["--rows", "3000", "--file", str(book), "--rounds", "1",
                              "--compare", "HEAD", "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["rows"] == 3000 and result["file"] == str(book) and result["size_mb"] > 0
    # openpyxl read every row of every sheet: the 3,000 bookings and the other sheets
    assert result["rows_read"] > 3000
    assert result["cpus"] >= 1 and result["rounds"] == 1 and result["revision"]
    assert result["date"].endswith("UTC") and len(result["load_average"]) == 3
    assert set(result["runs"]) == set(result["median_s"]) == set(result["median_peak_mb"]) == MODES
    for mode in MODES:
        assert len(result["runs"][mode]) == 1
        assert result["median_s"][mode] > 0 and result["median_peak_mb"][mode] > 0
    seconds = result["median_s"]
    assert result["ratio"] == round(seconds["import"] / seconds["openpyxl-read"], 3)
    assert result["compared_ratio"] == round(seconds["import HEAD"] / seconds["openpyxl-read"], 3)
    assert result["peak_ratio"] == round(
        result["median_peak_mb"]["import"] / result["median_peak_mb"]["import HEAD"], 3)
    printed = capsys.readouterr().out
    assert "3,000 boekingen" in printed
    assert all(mode in printed for mode in MODES)


def test_bench_import_wrong_rows_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        bench_import.main(["--rows", "0"])
    assert exit_.value.code == 2
    assert "geen positief geheel getal" in capsys.readouterr().err

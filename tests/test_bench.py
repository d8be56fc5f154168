"""The benchmark works end to end on 100k rows (its figures are not asserted: see BENCHMARKS.md)."""
import json

import pytest

from ggu import config
from ggu.store import loader
from ggu.store.snapshots import Store
from tools import bench

pytestmark = pytest.mark.slow


def test_bench_100k_writes_the_promised_json(tmp_path):
    out, data = tmp_path / "bench.json", tmp_path / "data"
    assert bench.main(["--rows", "100000", "--runs", "1", "--json", str(out),
                     "--keep-data", str(data)]) == 0
    result = json.loads(out.read_text())
    assert result["rows"] == 100_000
    assert {q["name"] for q in result["queries"]} == set(loader.query_names())
    for q in result["queries"]:
        assert q["median_ms"] > 0 and q["warm_ms"] > 0
        assert q["pandas_median_ms"] is None or q["pandas_median_ms"] > 0
    pages = {p["page"] for p in result["pages"]}
    assert pages == {f"pages/{p.name}" for p in (config.ROOT / "pages").glob("*.py")}
    assert all(p["first_ms"] > 0 and p["rerun_ms"] > 0 for p in result["pages"])
    assert result["scan_floor_ms"] > 0 and result["import_s"] > 0 and result["peak_rss_mb"] > 0
    # the kept data set is a real snapshot with the asked number of rows, 12 years, 342 gemeenten
    con = loader.connection(str(Store(data).current().path)).cursor()
    assert con.execute("select count(*) from spend").fetchone()[0] == 100_000
    assert con.execute("select count(distinct year(booking_date)) from spend").fetchone()[0] >= 10
    assert con.execute("select count(distinct item_id) from spend").fetchone()[0] >= 70
    assert con.execute("select count(distinct cbs_code) from municipality").fetchone()[0] == 342


def test_bench_wrong_rows_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        bench.main(["--rows", "0"])
    assert exit_.value.code == 2
    assert "geen positief geheel getal" in capsys.readouterr().err

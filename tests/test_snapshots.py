"""The snapshot store: immutable files, atomic pointer, read-only locked connections."""
import duckdb
import pytest
from conftest import build_tiny

from ggu.store import loader
from ggu.store.snapshots import DataError, Store

pytestmark = pytest.mark.sql


def test_new_snapshot_is_noticed_without_restart(tmp_path):
    store = build_tiny(tmp_path)
    assert loader.query("totals_by_year", tmp_path, year=2024).iloc[0]["budget_eur"] == 1000.00

    def add_budget(con):
        con.execute("insert into budget values ('B', 2024, 'rijk', 250.00)")
        return {"budget": 1}

    new_id = store.write(add_budget, action="import", user="test")
    assert new_id == "0002" and store.current_id() == "0002"
    assert loader.query("totals_by_year", tmp_path, year=2024).iloc[0]["budget_eur"] == 1250.00
    # the earlier snapshot is unchanged and still there
    old = loader.run("totals_by_year", store.path("0001"), year=2024).iloc[0]
    assert old["budget_eur"] == 1000.00
    log = loader.connection(str(store.path("0002"))).cursor().execute(
        "select action, snapshot_id, result from import_log order by log_id").fetchall()
    assert log == [("import", "0001", "ok"), ("import", "0002", "ok")]


def test_failed_write_leaves_current_snapshot(tmp_path):
    store = build_tiny(tmp_path)

    def broken(con):
        con.execute("delete from budget")
        raise RuntimeError("halfway")

    with pytest.raises(RuntimeError):
        store.write(broken, action="import", user="test")
    assert store.current_id() == "0001" and store.ids() == ["0001"]
    assert list(store.snapshots_dir.glob(".*")) == []  # no temporary file left behind
    assert loader.query("totals_by_year", tmp_path, year=2024).iloc[0]["budget_eur"] == 1000.00


def test_app_connection_cannot_read_files_or_write(tiny_dir, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    con = loader.connection(str(Store(tiny_dir).current().path))
    with pytest.raises(duckdb.Error):
        con.cursor().execute("select * from read_csv($f)", {"f": str(secret)})
    with pytest.raises(duckdb.Error):
        con.cursor().execute("set enable_external_access = true")
    with pytest.raises(duckdb.Error):
        con.cursor().execute("delete from budget")


def test_no_data_gives_clear_error(tmp_path):
    with pytest.raises(DataError, match="nog geen gegevens"):
        loader.query("years", tmp_path)


def _make_outdated(store):
    """Simulate a snapshot written by an older version: another schema version, a view missing."""
    with duckdb.connect(str(store.current().path)) as con:
        con.execute("update meta set value = 'oud' where key = 'schema_version'")
        con.execute("drop view v_spend_month")


def test_outdated_snapshot_gets_a_clear_message_then_upgrade_fixes_it(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from ggu.config import ROOT

    store = build_tiny(tmp_path)
    _make_outdated(store)
    assert store.needs_upgrade()
    monkeypatch.setenv("GGU_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not at.exception
    assert "beheerder werkt ze bij" in at.error[0].value
    assert "python -m" not in at.error[0].value   # a reader gets no command; docs/ has it
    assert store.upgrade(user="test") == "0002"
    assert not store.needs_upgrade() and store.upgrade(user="test") is None
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    assert not at.exception and at.title[0].value == "Overzicht 2024"
    assert loader.query("totals_by_year", tmp_path, year=2024).iloc[0]["budget_eur"] == 1000.00

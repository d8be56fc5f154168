"""Damaged files in the data folder (issue 25): a truncated, garbage or empty file is reported in
one line naming it, and everything that does not need that file keeps working. One test per
kind of file the product reads: scenario versions, the CURRENT pointer, the login lockout
database, the import attempts log. (Snapshot files: tests/test_faults.py.)"""
from __future__ import annotations

import os
import shutil
from decimal import Decimal

import pytest
from conftest import build_tiny
from test_pages import run_app

from ggu import cli, lockout
from ggu.plan import Plans, Scenario
from ggu.store import Store

pytestmark = pytest.mark.app

PLANNING = "pages/planning.py"


def damage(path, how: str) -> None:
    """Damage a file as a full disk or a crash would: cut off, garbage, empty, wrong fields."""
    size = path.stat().st_size
    if how == "truncated":
        os.truncate(path, size // 2)
    elif how == "garbage":
        path.write_bytes(bytes(range(256)) * 8)
    elif how == "empty":
        os.truncate(path, 0)
    elif how == "wrong content":
        path.write_text('{"name": "a1", "rate_per_inhabitant_eur": "veel"}', encoding="utf-8")
    else:
        raise AssertionError(how)


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "onverwachte fout" not in err, err
    return lines[0]


@pytest.fixture
def two_scenarios(tmp_path):
    """Tiny data with two saved concepts, a1 (to be damaged) and b2."""
    data = tmp_path / "data"
    build_tiny(data)
    plans = Plans(data)
    plans.save(Scenario("a1", Decimal("3")), "test")
    plans.save(Scenario("b2", Decimal("3.5")), "test")
    return data


@pytest.mark.parametrize("how", ["truncated", "garbage", "empty", "wrong content"])
def test_a_damaged_scenario_leaves_the_others_working_on_the_cli(two_scenarios, how, capsys):
    damaged = two_scenarios / "plans" / "a1" / "0001.json"
    damage(damaged, how)
    args = ["--data-dir", str(two_scenarios)]

    assert cli.main(["plan", "list", *args]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == ["basis", "b2"]
    assert str(damaged) in one_line(err) and "beschadigd" in err

    assert cli.main(["plan", "show", "b2", *args]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("b2 (concept)") and err == ""

    assert cli.main(["plan", "show", "zz", *args]) == 2   # the unknown-name message lists b2
    assert "bekend: basis, b2" in one_line(capsys.readouterr().err)

    assert cli.main(["plan", "show", "a1", *args]) == 1
    assert str(damaged) in one_line(capsys.readouterr().err)
    assert cli.main(["plan", "publish", "a1", *args]) == 1
    assert str(damaged) in one_line(capsys.readouterr().err)
    assert damaged.parent.joinpath("0002.json").exists() is False


@pytest.mark.slow   # an AppTest run or several snapshot writes: 2 s or more
@pytest.mark.parametrize("how", ["truncated", "garbage", "empty"])
def test_the_planning_page_lists_a_damaged_scenario_to_the_college_only(two_scenarios, how,
                                                                         monkeypatch):
    damage(two_scenarios / "plans" / "a1" / "0001.json", how)
    reader = run_app(two_scenarios, monkeypatch, PLANNING)   # asserts no exception
    assert not reader.warning
    assert reader.selectbox[0].options == ["basis"]

    at = run_app(two_scenarios, monkeypatch, PLANNING)
    at.session_state["beheer_user"] = "beheerder"   # the password login: may see concepts
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox[0].options == ["basis", "b2"]
    [warning] = [w.value for w in at.warning if "beschadigd" in w.value]
    assert "plans/a1/0001.json" in warning


def test_a_new_scenario_may_not_reuse_a_damaged_ones_name(two_scenarios, capsys):
    damage(two_scenarios / "plans" / "a1" / "0001.json", "garbage")
    assert cli.main(["plan", "new", "a1", "--data-dir", str(two_scenarios)]) == 2
    assert "bestaat al" in one_line(capsys.readouterr().err)
    assert not (two_scenarios / "plans" / "a1" / "0002.json").exists()


@pytest.mark.slow   # an AppTest run or several snapshot writes: 2 s or more
@pytest.mark.parametrize("how", ["truncated", "garbage", "empty"])
def test_a_damaged_current_pointer_falls_back_to_the_last_good_snapshot(tmp_path, how, capsys,
                                                                         monkeypatch):
    data = tmp_path / "data"
    build_tiny(data)
    (data / "CURRENT").write_text("0001\n", encoding="utf-8")
    damage(data / "CURRENT", how)
    assert cli.main(["summary", "--year", "2024", "--data-dir", str(data)]) == 0
    out, err = capsys.readouterr()
    assert "(snapshot 0001)" in out and "€\xa01.000,00" in out
    assert str(data / "CURRENT") in one_line(err) and "beschadigd" in err
    # `make run` upgrades first: it names the snapshot it read, not the damaged pointer ("?")
    assert cli.main(["upgrade", "--data-dir", str(data)]) == 0
    assert "al actueel (snapshot 0001)" in capsys.readouterr().out
    at = run_app(data, monkeypatch)   # the Overzicht on the last good snapshot, and why
    assert at.title[0].value.startswith("Overzicht")
    assert any("CURRENT" in w.value and "snapshot 0001" in w.value for w in at.warning)
    at.switch_page("pages/beheer.py")
    at.session_state["beheer_user"] = "beheerder"
    at.run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert any("CURRENT is beschadigd" in c for c in captions), captions


@pytest.mark.slow   # an AppTest run or several snapshot writes: 2 s or more
@pytest.mark.parametrize("how", ["truncated", "garbage", "empty"])
def test_a_damaged_login_log_is_named_and_refuses_only_the_password_login(tmp_path, how,
                                                                           capsys, monkeypatch):
    data = tmp_path / "data"
    build_tiny(data)
    guard = lockout.Guard(data)
    for _ in range(30):
        guard.record(lockout.PASSWORD_ACCOUNT, "192.0.2.1", ok=False)
    damage(data / lockout.FILE_NAME, how)
    args = ["--data-dir", str(data)]
    for command in (["logins"], ["unlock", lockout.PASSWORD_ACCOUNT]):
        if how == "empty":   # SQLite takes an empty file for an empty database: nothing recorded
            assert cli.main([*command, *args]) == 0, capsys.readouterr().err
            continue
        assert cli.main([*command, *args]) == 1
        assert str(data / lockout.FILE_NAME) in one_line(capsys.readouterr().err)
    assert cli.main(["summary", "--year", "2024", *args]) == 0   # the figures need no login log
    # the pages do not need it either (the Beheer login refuses, see test_login.py)
    run_app(data, monkeypatch, "pages/overzicht.py")


@pytest.mark.slow   # an AppTest run or several snapshot writes: 2 s or more
def test_garbage_in_the_import_attempts_log_is_skipped_and_named(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    build_tiny(data)
    store = Store(data)
    store.log_attempt({"logged_at": "2024-11-01T10:00:00", "result": "geweigerd",
                       "action": "import", "file_name": "fout.xlsx", "user_name": "test",
                       "message": "Blad Projecten ontbreekt"})
    with open(store.attempts_file, "ab") as fh:
        fh.write(bytes(range(256)) + b"\n[1, 2]\n{\"logged_at\": \"2024-11-02T10:00+01:00\"}\n"
                 b"{\"result\": \"geweigerd\"}\n{\"logged_at\": \"2024-11\"}\n")
    assert cli.main(["snapshots", "--data-dir", str(data)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("* 0001") and store.attempts_file.name in one_line(err)
    at = run_app(data, monkeypatch, "pages/beheer.py")
    at.session_state["beheer_user"] = "beheerder"
    at.run()
    assert not at.exception, at.exception
    assert any("fout.xlsx" in str(df.value.to_dict()) for df in at.dataframe)
    assert any(store.attempts_file.name in w.value for w in at.warning)



@pytest.mark.slow   # an AppTest run or several snapshot writes: 2 s or more
@pytest.mark.parametrize("how", ["truncated", "garbage", "empty"])
@pytest.mark.parametrize("bundle_kind", ["ours", "full"])
def test_a_damaged_chart_bundle_is_named_and_the_charts_fall_back(tmp_path, how, bundle_kind,
                                                                  monkeypatch, caplog, tiny_dir):
    """static/ holds our plotly.js bundle and plotly.py's full one (ggu/web/bundle.py): a damaged
    one is not handed to the browser (a chart would stay empty); Streamlit's own chart draws."""
    from ggu import config
    from ggu.web import bundle
    static = tmp_path / "static"
    shutil.copytree(config.STATIC_DIR, static)
    monkeypatch.setattr(config, "STATIC_DIR", static)
    traces = {"bar"} if bundle_kind == "ours" else {"sankey"}
    good = bundle.url(traces)
    assert good is not None and (static / good.rsplit("/", 1)[1]).exists()
    target = static / good.rsplit("/", 1)[1]
    damage(target, how)
    with caplog.at_level("WARNING", logger="ggu.web"):
        assert bundle.url(traces) is None
        assert bundle.url(traces) is None   # logged once per state of the file
    [record] = [r for r in caplog.records if r.name == "ggu.web"]
    assert str(target) in record.getMessage() and "\n" not in record.getMessage()
    assert bundle.url({"bar"} if bundle_kind == "full" else {"sankey"}) is not None   # the other
    at = run_app(tiny_dir, monkeypatch, "pages/overzicht.py", jaar="2024")   # no exception
    assert at.title[0].value.startswith("Overzicht")
    if bundle_kind == "ours":   # the Overzicht's bar charts, drawn by Streamlit's own chart
        assert at.get("plotly_chart")
    if bundle_kind == "ours":   # the Overzicht's bar charts, drawn by Streamlit's own chart
        assert at.get("plotly_chart")

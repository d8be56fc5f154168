"""Scenario names are normalised (Unicode NFKC, trimmed) before they are checked and stored, with
a case-sensitive pattern, the same on the Planning page and the command line; `plan publish`
checks the scenario against today's data first (issue 25)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import TINY_SQL, build_tiny
from test_pages import run_app

from ggu import cli
from ggu.plan import PlanError, Plans, Scenario
from ggu.plan.scenario import check_name
from ggu.store import Store

pytestmark = pytest.mark.app

# written as typed -> stored as
NAMES = [("ſcenario", "scenario"),            # long s: was stored as "cenario"
         ("a ", "a"), ("  Groei 2027\t", "Groei 2027"),
         ("Ｇｒｏｅｉ", "Groei"),                 # full-width letters
         ("ﬁnanciën", None),                   # NFKC "financiën": ë is not in the pattern
         ("\u212a-scenario", "K-scenario"),    # Kelvin sign -> K
         ("scenario\u200b", None), ("", None), (" ", None), ("-a", None)]


@pytest.mark.parametrize(("typed", "stored"), NAMES)
def test_a_name_is_checked_and_stored_normalised(typed, stored):
    if stored is None:
        with pytest.raises(PlanError):
            check_name(typed)
    else:
        assert check_name(typed) == stored
        assert Scenario(typed, Decimal("3")).name == stored


@pytest.mark.slow   # an AppTest run or several snapshot writes: 2 s or more
@pytest.mark.parametrize(("typed", "stored"), [n for n in NAMES if n[1]])
def test_the_cli_and_the_page_store_one_name(typed, stored, tmp_path, monkeypatch, capsys):
    cli_dir, page_dir = tmp_path / "cli", tmp_path / "page"
    build_tiny(cli_dir)
    build_tiny(page_dir)
    assert cli.main(["plan", "new", typed, "--data-dir", str(cli_dir)]) == 0, \
        capsys.readouterr().err
    assert Plans(cli_dir).names() == [stored]
    assert cli.main(["plan", "show", stored, "--data-dir", str(cli_dir)]) == 0

    at = run_app(page_dir, monkeypatch, "pages/planning.py")
    at.session_state["beheer_user"] = "beheerder"
    at.run()
    at.text_input(key="copy_name").input(typed)
    [copy] = [b for b in at.button if b.label == "Maak kopie"]
    copy.click().run()
    assert not at.exception, at.exception
    assert Plans(page_dir).names() == [stored]
    assert sorted(p.name for p in (page_dir / "plans").iterdir()) == \
        sorted(p.name for p in (cli_dir / "plans").iterdir())


@pytest.mark.slow   # an AppTest run or several snapshot writes: 2 s or more
def test_publish_refuses_a_scenario_whose_proposal_a_later_import_removed(tmp_path, capsys):
    data = tmp_path / "data"
    store = Store(data)
    store.write(lambda con: con.execute(TINY_SQL + """
        insert into proposal values
            ('P1', 'Plan een', 'kortcyclisch', 'Veiligheid', 'G1', 'fonds_ggu', 2025, 150.00,
             'Een');
        """) and {"tiny": 1}, action="import", user="test",
        meta={"is_demo": "false", "as_of_date": "2024-10-31"})
    args = ["--data-dir", str(data)]
    assert cli.main(["plan", "new", "groei", "--include", "P1", *args]) == 0
    store.write(lambda con: con.execute("delete from proposal") and {"proposal": 0},
                action="import", user="test")   # the next import no longer holds P1
    capsys.readouterr()

    assert cli.main(["plan", "publish", "groei", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "niet gepubliceerd" in err and "P1" in err, err
    saved = Plans(data).load("groei")
    assert (saved.version, saved.status, saved.proposals) == (1, "concept", ("P1",))

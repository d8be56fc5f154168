"""The Planning page in AppTest on the small fixture (tests/test_plan.py's proposals added):
what the 50/20/30 norm asks, in words and euros, by hand; basis said to be the starting point;
the rate in the page's number format; saving a published scenario makes a concept that
readers do not see until it is published; a confirmation for copy, save and publish."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import TINY_SQL
from streamlit.testing.v1 import AppTest
from test_beheer import PASSWORD
from test_plan import PLAN_SQL

from ggu import passwords, store
from ggu.config import ROOT
from ggu.i18n import formats as fmt
from ggu.plan import Plans, Scenario, figures
from ggu.present import narrative
from ggu.store import Store

pytestmark = [pytest.mark.app, pytest.mark.slow]
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def password_hash():
    return passwords.hash_password(PASSWORD)


@pytest.fixture
def plan_dir(tmp_path):
    Store(tmp_path).write(lambda con: con.execute(TINY_SQL + PLAN_SQL) and {"tiny": 1},
                          action="import", user="test",
                          meta={"is_demo": "false", "as_of_date": "2024-10-31"})
    return tmp_path


def planning(data_dir, monkeypatch, password_hash=None, lang="nl", **query) -> AppTest:
    """The Planning page; logged in (college) when a password hash is given."""
    monkeypatch.setenv("GGU_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(lang=lang, **query)
    if password_hash:
        at.secrets["beheer"] = {"password_hash": password_hash}
    at.run()
    if password_hash:
        at.switch_page("pages/beheer.py").run()
        at.text_input(key="beheer_password").input(PASSWORD)
        at.button[0].click().run()
    at.switch_page("pages/planning.py").run()
    assert not at.exception, at.exception
    return at


def texts(at) -> list[str]:
    return [e.value for e in [*at.markdown, *at.caption, *at.info, *at.success]]


def test_the_page_says_what_the_norm_asks_of_each_category(plan_dir, monkeypatch):
    """basis 2025 (by hand): budget 800 (A 300 + D 200 + 100 rijk + B 200), room 12.000 - 700
    = 11.300; the norm's base 800 + 11.300 = 12.100: structureel 50% = 6.050 (A + D 600, still
    5.450), meerjarig 20% = 2.420 (B 200, still 2.220), kortcyclisch 30% = 3.630 (0)."""
    at = planning(plan_dir, monkeypatch)
    eur = lambda s: s.replace(" ", NBSP, 1)  # noqa: E731  (€ and its amount never part)
    assert (f"2025: structureel {eur('€ 600')} van de {eur('€ 6.050')} die de norm vraagt "
            f"(nog {eur('€ 5.450')}); meerjarig {eur('€ 200')} van de {eur('€ 2.420')} die de "
            f"norm vraagt (nog {eur('€ 2.220')}); kortcyclisch {eur('€ 0')} van de "
            f"{eur('€ 3.630')} die de norm vraagt (nog {eur('€ 3.630')}); ruimte "
            f"{eur('€ 11.300')}.") in texts(at)
    assert any(s.startswith("**basis is het vertrekpunt**") for s in texts(at))


def test_norm_in_euros_is_the_schema_measure(plan_dir):
    """A scenario by hand: 2025 budget 962 and room 12.140 (tests/test_plan.py), so the norm
    asks 30% of 13.102 = 3.930,60 of kortcyclisch, which has P1's 150: 3.780,60 to go."""
    q = lambda name, **p: store.query(name, plan_dir, **p)  # noqa: E731
    scenario = Scenario("groei", Decimal("3.25"), Decimal("2"), proposals=("P1",))
    y25 = figures.by_year(scenario, q).query("year == 2025").set_index("category")
    assert y25["norm_eur"].round(2).tolist() == [6551.00, 2620.40, 3930.60]
    assert y25.loc["kortcyclisch", "norm_gap_eur"] == 3780.60
    assert narrative.norm_table(figures.by_year(scenario, q)).iloc[0, 3] == \
        f"{fmt.eur(150)} van {fmt.eur(3930.6)} (nog {fmt.eur(3780.6)})"


@pytest.mark.parametrize("lang, rate", [("nl", "3,00"), ("en", "3.00")])
def test_the_rate_is_written_as_the_page_language_writes_it(plan_dir, monkeypatch, lang, rate):
    at = planning(plan_dir, monkeypatch, lang=lang)
    assert [w.value for w in at.text_input if w.key.startswith("rate_")] == [rate]


def test_copy_save_and_publish_confirm_and_a_save_stays_concept(plan_dir, monkeypatch,
                                                               password_hash):
    at = planning(plan_dir, monkeypatch, password_hash)
    at.text_input(key="copy_name").input("groei")
    at.button(key="FormSubmitter:copy-Maak kopie").click().run()
    assert not at.exception, at.exception
    assert 'Scenario "groei" gemaakt als kopie van "basis".' in [s.value for s in at.success]
    assert at.session_state["scenario"] == "groei"

    at.button(key="publish_groei_1").click().run()
    assert [s.value for s in at.success] == ["Gepubliceerd als versie 2: elke lezer ziet het nu."]
    assert Plans(plan_dir).load("groei").status == "gepubliceerd"

    at.text_input(key="rate_groei_2").input("3,25").run()
    at.button(key="save_groei_2").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [
        "Opgeslagen als conceptversie 3. Lezers zien nog de gepubliceerde versie 2; publiceer "
        "om deze te tonen."]
    saved = Plans(plan_dir).load("groei")
    assert (saved.version, saved.status, saved.rate_per_inhabitant_eur) == \
        (3, "concept", Decimal("3.2500"))
    # a reader (not logged in) still sees version 2 at € 3,00; the editor sees version 3
    assert [(s.version, s.status) for s in Plans(plan_dir).published()] == \
        [(2, "gepubliceerd")]
    reader = planning(plan_dir, monkeypatch, scenario="groei")
    assert reader.session_state["scenario"] == "groei"
    assert "groei (gepubliceerd) · Versie 2" in " ".join(c.value for c in reader.caption)
    assert [w.value for w in reader.text_input if w.key.startswith("rate_")] == ["3,00"]


@pytest.mark.parametrize("lang, amount, open_end", [("nl", "€ %'.,d", "loopt door"),
                                                    ("en", "€ %,d", "open")])
def test_the_lines_table_in_the_page_language(plan_dir, monkeypatch, lang, amount, open_end):
    """The amounts with the page's thousands separator (Streamlit's printf format: `%'.,d`
    writes 2.400.000), not the browser's; no end year is a word, never "None"."""
    at = planning(plan_dir, monkeypatch, lang=lang)
    editor = at.dataframe[0]
    columns = json.loads(editor.proto.columns)
    years = [c for c in columns if c.isdigit()]
    assert years == ["2025", "2026", "2027", "2028"]
    assert {columns[y]["type_config"]["format"] for y in years} == {amount}
    end = columns["end_year"]
    assert end["type_config"]["options"][0] == {"value": 0, "label": open_end}
    frame = editor.value
    assert frame["end_year"].notna().all() and 0 in set(frame["end_year"])
    assert frame[years].notna().all().all()        # no "None" in a year without a line
    # what can be changed first, beside the name; a line paid from two sources names its source
    assert list(editor.proto.column_order)[:7] == ["include", "line_label", "end_year",
                                                   *years]
    assert frame["line_label"].is_unique and frame["line_id"].duplicated().any()

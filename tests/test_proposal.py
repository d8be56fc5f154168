"""The ALV proposal of a planning scenario on the small fixture (tests/test_plan.py: base year
2024 at € 3,00; scenario 'groei' at € 3,25 from 2025 with 2% indexation and P1), with figures
computed by hand: titled as a proposal in every format, the rate's change against the year
before, and the proposed decision in Dutch and English."""
from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal

import pytest
from conftest import TINY_SQL
from pptx import Presentation
from test_plan import PLAN_SQL, SCENARIO, q_for

from ggu import report
from ggu.plan import Scenario
from ggu.store import Store

pytestmark = pytest.mark.sql

MADE = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def plan_dir(tmp_path_factory):
    """The small fixture with test_plan.py's proposals and multi-year row."""
    path = tmp_path_factory.mktemp("proposal")
    Store(path).write(lambda con: con.execute(TINY_SQL + PLAN_SQL) and {"tiny": 1},
                      action="import", user="test",
                      meta={"is_demo": "false", "as_of_date": "2024-10-31"})
    return path


def _text(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def _slide(rep, key):
    return next(s for s in rep.slides if s.key == key)


def test_rate_changes_year_on_year_in_sql(plan_dir):
    rates = q_for(plan_dir)("plan_rate_by_year", scenario=SCENARIO.sql_json(), base_rate=3.0)
    assert rates["year"].tolist() == [2024, 2025, 2026, 2027, 2028]
    assert rates["rate_per_inhabitant_eur"].tolist() == [3.0, 3.25, 3.315, 3.3813, 3.4489]
    # 3,25 / 3,00 = +8,33%; 3,315 / 3,25 = +2%; 3,3813 / 3,315 = +2%; 3,4489 / 3,3813: +1,9992%
    assert rates["change_pct"].iloc[0] != rates["change_pct"].iloc[0]        # null: base year
    assert rates["change_pct"].iloc[1:].tolist() == pytest.approx(
        [100 * 0.25 / 3, 2.0, 2.0, 100 * 0.0676 / 3.3813])
    # 10.000 inhabitants in two instalments of 5.000 x the rate, each to the cent
    assert rates["per_10000_eur"].tolist() == [30000.0, 32500.0, 33150.0, 33813.0, 34489.0]


def test_the_effect_table_shows_change_against_the_year_before(plan_dir):
    rep = report.build_proposal(SCENARIO, plan_dir, lang="nl", made=MADE)
    table = _slide(rep, "plan_effect").table
    assert table["Verandering t.o.v. jaar ervoor"].map(_text).tolist() == [
        "–", "8,3%", "2,0%", "2,0%", "2,0%"]
    assert table["Gemeente van 10.000 inwoners"].map(_text).tolist() == [
        "€ 30.000", "€ 32.500", "€ 33.150", "€ 33.813", "€ 34.489"]
    # at 0% indexation the rate changes once, in the first plan year, and then stays: not the
    # 10% against the base year repeated in every year
    flat = report.build_proposal(Scenario("vast", Decimal("3.30"), Decimal("0")), plan_dir,
                                 lang="nl", made=MADE)
    assert _slide(flat, "plan_effect").table["Verandering t.o.v. jaar ervoor"].map(
        _text).tolist() == ["–", "10,0%", "0,0%", "0,0%", "0,0%"]


DECISION = {
    "nl": ("Voorgesteld besluit: begroting en bijdrage 2025", "De ALV wordt voorgesteld:", [
        "1. de bijdrage voor 2025 vast te stellen op € 3,25 per inwoner, samen € 13.000,00;",
        "2. de begroting 2025 vast te stellen op € 962,00, waarvan € 860,00 uit het Fonds GGU;",
        "3. daarin de voorstellen P1 Plan een op te nemen;",
        "4. voor 2026 tot en met 2028 uit te gaan van een indexatie van het tarief met 2,00% "
        "per jaar."]),
    "en": ("Proposed decision: budget and contribution 2025", "The ALV is asked:", [
        "1. to set the contribution for 2025 at €3.25 per inhabitant, €13,000.00 in total;",
        "2. to set the 2025 budget at €962.00, of which €860.00 from the GGU Fund;",
        "3. to include the proposals P1 Plan een in it;",
        "4. to assume an indexation of the rate of 2.00% a year for 2026 to 2028."]),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_proposal_ends_with_the_proposed_decision(plan_dir, lang):
    rep = report.build_proposal(SCENARIO, plan_dir, lang=lang, made=MADE)
    last = rep.slides[-1]
    title, lead, notes = DECISION[lang]
    assert (last.key, last.title, last.lead) == ("plan_decision", title, lead)
    assert [_text(n) for n in last.notes] == notes
    none = report.build_proposal(SCENARIO.replace(proposals=()), plan_dir, lang="nl", made=MADE)
    assert _text(none.slides[-1].notes[2]) == "3. daarin geen nieuwe voorstellen op te nemen;"


@pytest.mark.slow
def test_every_format_is_titled_as_a_proposal(plan_dir):
    rep = report.build_proposal(SCENARIO, plan_dir, lang="nl", made=MADE)
    assert rep.title == "Voorstel begroting 2025"
    pdf = subprocess.run(["pdftotext", "-layout", "-", "-"], input=report.render(rep, "pdf"),
                         check=True, capture_output=True).stdout.decode("utf-8")
    pages = pdf.split("\f")[:-1]
    assert len(pages) == len(rep.slides)
    # the running head of every page after the title page
    assert all("GGU · Voorstel begroting 2025 voor de ALV" in p for p in pages[1:])
    assert "ALV-rapport" not in pdf and "GGU-jaar" not in pdf
    assert "De ALV wordt voorgesteld:" in pages[-1] and "P1 Plan een" in pages[-1]
    page = report.render(rep, "html").decode("utf-8")
    assert "<title>Voorstel begroting 2025</title>" in page and "GGU-jaar" not in page
    deck = Presentation(io.BytesIO(report.render(rep, "pptx")))
    texts = [sh.text_frame.text for sh in deck.slides[-1].shapes if sh.has_text_frame]
    assert any("3. daarin de voorstellen P1 Plan een op te nemen;" in _text(x) for x in texts)

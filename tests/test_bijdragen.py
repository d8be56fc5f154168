"""Contributions add up to the cent; the what-if at today's rate reproduces today's fund;
the Bijdragen page shows a municipality from the URL and reacts to the what-if."""
from decimal import Decimal

import pytest
from test_pages import metrics, run_app

from ggu.i18n import formats as fmt
from ggu.store import loader

pytestmark = pytest.mark.app

PAGE = "pages/bijdragen.py"


def test_municipalities_sum_to_the_year_total_to_the_cent(demo_dir):
    years = loader.query("contributions_by_year", demo_dir)
    assert len(years) == 9
    for row in years.itertuples():
        per_m = loader.query("contribution_by_municipality", demo_dir, year=row.year)
        assert len(per_m) == 342
        assert round(per_m["contribution_eur"].sum(), 2) == round(row.fund_eur, 2)
        assert per_m["fund_share_pct"].sum() == pytest.approx(100)
        assert round(row.january_due_eur + row.july_due_eur, 2) == round(
            row.fund_eur, 2)
        provinces = loader.query("contribution_by_province", demo_dir, year=row.year)
        assert round(provinces["contribution_eur"].sum(), 2) == round(
            row.fund_eur, 2)


def test_whatif_at_todays_rate_reproduces_todays_fund(demo_dir, tiny_dir):
    for data in (demo_dir, tiny_dir):
        for row in loader.query("contributions_by_year", data).itertuples():
            whatif = loader.query("whatif_fund_by_category", data, year=row.year,
                              rate=float(row.rate_per_inhabitant_eur), indexation_pct=0.0)
            assert round(whatif["whatif_fund_eur"].iloc[0], 2) == round(row.fund_eur, 2)
            assert whatif["fund_change_eur"].iloc[0] == 0


def test_whatif_known_figures(tiny_dir):
    # 1000 and 3000 inhabitants at € 3,50 + 10% = € 3,85: 3850 + 11550 = 15400
    w = loader.query("whatif_fund_by_category", tiny_dir, year=2024, rate=3.5,
                 indexation_pct=10.0).set_index("category")
    assert w["whatif_fund_eur"].iloc[0] == 15400.00
    assert w["envelope_eur"].tolist() == [7700.00, 3080.00, 4620.00]   # 50/20/30
    assert w["budget_fonds_eur"].tolist() == [500.00, 200.00, 200.00]  # Rijk left out
    assert w.loc["structureel", "gap_eur"] == 7200.00


def test_tiny_year_figures(tiny_dir):
    y = loader.query("contributions_by_year", tiny_dir, year=2024).iloc[0]
    assert (y.january_due_eur, y.january_received_eur) == (6000.00, 6000.00)
    assert (y.july_due_eur, y.july_received_eur) == (6000.00, 1500.00)
    assert y.budget_rijk_eur == 100.00 and y.budget_overig_eur == 0
    # fund spending: A, B, C are wholly Fonds GGU: 500.00; balance 12000 - 500
    assert y.fund_spent_eur == 500.00 and y.balance_eur == 11500.00


def test_mijn_gemeente_from_the_url(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, PAGE, gemeente="GM0002")
    m = metrics(at)
    assert m["Bijdrage 2024"] == "€\xa09.000,00"
    # its July instalment is not in: the page says what was received, and never calls the
    # contribution paid (a card "Betaald 2024 € 9.000,00" stood beside it)
    [contribution] = [x for x in at.metric if x.label == "Bijdrage 2024"]
    assert contribution.delta == "ontvangen €\xa04.500,00"
    assert not [label for label in m if label.startswith("Betaald")]
    assert m["Aandeel in het fonds"] == "75,00%"
    assert m["Inwoners (1 januari)"] == "3.000"
    split = at.table[0].value
    assert list(split.iloc[:, 2]) == ["€\xa05.400", "€\xa01.800", "€\xa01.800"]  # 60/20/20
    assert "Bron inwoners: CBS" in " ".join(c.value for c in at.caption)


def test_hostile_municipality_in_url_is_ignored(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, PAGE, gemeente="GM0002' or 1=1")
    assert "Bijdrage 2024" not in metrics(at)
    assert at.selectbox(key="gemeente").value is None


def test_year_figures_and_whatif_slider(demo_dir, monkeypatch):
    at = run_app(demo_dir, monkeypatch, PAGE)
    year = loader.query("contributions_by_year", demo_dir, year=2026).iloc[0]
    m = metrics(at)
    assert m["Tarief per inwoner"] == "€\xa03,10"
    assert m["Bijdragen alle gemeenten"] == fmt.eur_mln(year.fund_eur, lang="nl")
    assert m["Termijn juli: ontvangen"] == fmt.eur_mln(year.july_received_eur, lang="nl")
    assert m["Fonds bij dit tarief"] == fmt.eur_mln(year.fund_eur, lang="nl")
    at.select_slider(key="whatif_rate").set_value(Decimal("3.50")).run()
    expected = loader.query("whatif_fund_by_category", demo_dir, year=2026, rate=3.5,
                        indexation_pct=0.0)["whatif_fund_eur"].iloc[0]
    assert metrics(at)["Fonds bij dit tarief"] == fmt.eur_mln(expected, lang="nl")
    at.number_input(key="whatif_index").set_value(2.0).run()
    indexed = loader.query("whatif_fund_by_category", demo_dir, year=2026, rate=3.5,
                       indexation_pct=2.0)["whatif_fund_eur"].iloc[0]
    assert indexed > expected
    assert metrics(at)["Fonds bij dit tarief"] == fmt.eur_mln(indexed, lang="nl")

"""The Portfolio page in AppTest: its figures equal the queries', every filter changes the table,
the item detail opens from the URL (and refuses what is not an item), years compare."""
import pandas as pd
import pytest
from test_pages import metrics, run_app

from ggu.i18n import formats as fmt
from ggu.present import charts
from ggu.store import loader

pytestmark = pytest.mark.app

PAGE = "pages/portfolio.py"


def _count(at) -> str:
    return next(c.value for c in at.caption if " projecten." in c.value or " items." in c.value)


def test_headline_figures_equal_the_queries(demo_dir, monkeypatch):
    at = run_app(demo_dir, monkeypatch, PAGE)
    assert at.title[0].value == "Portfolio 2026"
    total = loader.query("forecast_by_category", demo_dir, year=2026).set_index("is_total")
    m = metrics(at)
    assert m["Prognose jaareinde"] == fmt.eur_mln(total.loc[True, "forecast_eur"], lang="nl")
    exceptions = loader.query("exceptions_by_item", demo_dir, year=2026)
    assert m["Aandachtspunten"] == str(len(exceptions))
    assert at.header[0].value.startswith("Prognose 2026: €\u00a057,6\u00a0mln")


def test_year_filter_changes_the_forecast(demo_dir, monkeypatch):
    at = run_app(demo_dir, monkeypatch, PAGE, jaar="2024")   # the frame's year filter
    assert at.title[0].value == "Portfolio 2024"
    total = loader.query("forecast_by_category", demo_dir, year=2024).set_index("is_total")
    # a closed year: the "forecast" is what was spent
    assert metrics(at)["Besteed in het jaar"] == fmt.eur_mln(total.loc[True, "spent_eur"],
                                                             lang="nl")


@pytest.mark.slow
def test_each_filter_narrows_the_table(demo_dir, monkeypatch):
    at = run_app(demo_dir, monkeypatch, PAGE)
    assert _count(at).startswith("37 van 37")
    cases = [("pf_status", ["rood"], dict(statuses=["rood"])),
             ("pf_category", ["meerjarig"], dict(categories=["meerjarig"])),
             ("pf_kind", ["dienst"], dict(kinds=["dienst"])),
             ("pf_goal", ["D2"], dict(goals=["D2"])),
             ("pf_theme", ["Sociaal domein"], dict(themes=["Sociaal domein"]))]
    for key, value, params in cases:
        at.multiselect(key=key).set_value(value).run()
        n = len(loader.query("portfolio_by_item", demo_dir, year=2026, **params))
        assert 0 < n < 37 and _count(at).startswith(f"{n} van 37"), key
        at.multiselect(key=key).set_value([]).run()
    at.multiselect(key="pf_status").set_value(["rood"]).run()
    table = at.dataframe[-1].value     # the comparison table, the page's last
    assert set(table["Status"]) == {"✖\u00a0Rood"}     # icon and word, never colour alone
    at.multiselect(key="pf_status").set_value([]).run()
    at.text_input(key="pf_search").input("nis2").run()
    assert list(at.dataframe[-1].value["Naam"]) == ["Voorbereiding Cyberbeveiligingswet (NIS2)"]
    at.text_input(key="pf_search").input("").run()
    at.toggle(key="pf_exceptions").set_value(True).run()
    n = len(loader.query("exceptions_by_item", demo_dir, year=2026))
    assert _count(at).startswith(f"{n} van 37")


def test_item_from_the_url_shows_its_detail_and_burnup(demo_dir, monkeypatch):
    at = run_app(demo_dir, monkeypatch, PAGE, project="NIS2")
    row = loader.query("portfolio_by_item", demo_dir, year=2026, search="NIS2").iloc[0]
    assert at.selectbox(key="project").value == "NIS2"
    headers = [s.value for s in [*at.header, *at.subheader]]
    assert (f"Opgeteld per maand: {fmt.eur(row['spent_eur'], lang='nl')} besteed in 2026, prognose "
            f"{fmt.eur(row['forecast_eur'], lang='nl')} tegen een begroting van "
            f"{fmt.eur(row['budget_eur'], lang='nl')}") in headers
    values = [m.value for m in at.metric]
    assert fmt.eur(row["forecast_eur"], lang="nl") in values
    assert any("status rood" in e.value for e in at.error)     # why it is an exception
    assert at.query_params["project"] == "NIS2"


def test_an_old_item_link_still_opens_the_item(demo_dir, monkeypatch):
    """Links shared before ?project= carried ?item=: they still open the item, and the URL then
    says ?project= only."""
    at = run_app(demo_dir, monkeypatch, PAGE, item="NIS2")
    assert at.selectbox(key="project").value == "NIS2"
    assert at.query_params["project"] == "NIS2" and "item" not in at.query_params


def test_choosing_an_item_puts_it_in_the_url(demo_dir, monkeypatch):
    at = run_app(demo_dir, monkeypatch, PAGE)
    at.selectbox(key="project").set_value("GGI-VEILIG").run()
    assert at.query_params["project"] == "GGI-VEILIG"
    assert "Besteed t/m 31 oktober 2026" in metrics(at)


def test_hostile_or_unknown_item_is_ignored_with_a_message(demo_dir, monkeypatch):
    for value in ("NIETBESTAAND", "IBD' OR 1=1 --", "<script>alert(1)</script>"):
        at = run_app(demo_dir, monkeypatch, PAGE, project=value)
        assert at.selectbox(key="project").value is None
        assert "bestaat niet" in at.warning[-1].value
        assert value not in at.warning[-1].value


def test_compare_year_changes_the_comparison(demo_dir, monkeypatch):
    at = run_app(demo_dir, monkeypatch, PAGE)
    table = at.dataframe[-1].value
    assert "Begroting 2025" in table.columns
    at.selectbox(key="vergelijk").set_value(2020).run()
    table = at.dataframe[-1].value.set_index("Naam")
    assert "Begroting 2020" in table.columns
    rows = loader.query("portfolio_by_item", demo_dir, year=2026,
                        compare_year=2020).set_index("name")
    # the table keeps numbers (so it sorts right) and shows them formatted
    assert table.loc["GGI-Veilig", "Verandering begroting"] == \
        pytest.approx(rows.loc["GGI-Veilig", "budget_change_pct"])



def test_roadmap_tells_the_status_without_colour(demo_dir):
    """Each item's name carries its status icon, and no bar starts left of the window (where
    its status word would be cut off)."""
    rows = loader.query("portfolio_by_item", demo_dir, year=2026)
    fig = charts.roadmap(rows, "category", pd.Timestamp("2026-12-01"), 2026)
    icons = {"rood": "✖", "oranje": "▲", "groen": "✔"}
    shown = {name.strip(): name.split()[-1] for trace in fig.data for name in trace.y[1]}
    assert len(shown) == len(rows)
    for name, status in zip(rows["name"], rows["status"]):
        assert shown[f"{name} {icons[status]}"] == icons[status]
    left = fig.layout.xaxis.range[0]
    assert all(b >= left for trace in fig.data for b in trace.base)

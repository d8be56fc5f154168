"""The Uitgaven page: every filter, the unit toggle and the URL change the figures on screen.

Tiny data (tests/conftest.py): 2024 budget A 300, B 200, C 200, D 200 + 100 (rijk); spending
A 350.10 (200.05 personeel + 150.05 licenties), B 100.00, C 49.90. 2023: budget A 250, B 100,
C 150; spending A 250, B 90, C 160. 4000 inhabitants in 2024; CPI 2024 +3,3%.
"""
import pytest
from test_pages import metrics, run_app

from ggu.store import loader

pytestmark = pytest.mark.app

PAGE = "pages/uitgaven.py"


def items_table(at) -> dict[str, list[str]]:
    """The table of every item in the selection: item name -> its formatted cells."""
    frame = at.dataframe[-1].value
    return {row[0]: list(row[1:]) for row in frame.itertuples(index=False)}


@pytest.fixture
def page(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, PAGE)
    at.selectbox(key="van").set_value(2024).run()
    return at


def test_default_view_and_year_range(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, PAGE)
    assert at.title[0].value == "Uitgaven 2023–2024"
    assert items_table(at)["Alfa"][:2] == ["€\xa0550", "€\xa0600"]       # 250 + 300, 250 + 350,10
    at.selectbox(key="van").set_value(2024).run()
    assert at.title[0].value == "Uitgaven 2024"
    assert items_table(at)["Alfa"][:3] == ["€\xa0300", "€\xa0350", "€\xa050"]
    assert metrics(at)["Gerealiseerd"] == "50,0%"
    assert at.query_params["van"] == "2024"   # the view is in the URL


@pytest.mark.parametrize("key, value, expected", [
    ("categorie", ["structureel"], {"Alfa", "Delta"}),
    ("thema", ["Standaarden"], {"Bravo", "Charlie"}),
    ("doel", ["G1"], {"Alfa", "Delta"}),
    ("project", ["B"], {"Bravo"}),
])
def test_item_filters(page, key, value, expected):
    assert set(items_table(page)) == {"Alfa", "Bravo", "Charlie", "Delta"}
    page.multiselect(key=key).set_value(value).run()
    assert set(items_table(page)) == expected
    assert page.query_params[key] == value[0]   # the view is in the URL


def test_cost_type_filter_narrows_spending_not_budget(page):
    page.multiselect(key="kostensoort").set_value(["licenties"]).run()
    alfa = items_table(page)["Alfa"]
    assert alfa[:2] == ["€\xa0300", "€\xa0150"]
    assert "kostensoort" in " ".join(c.value for c in page.caption)


def test_funding_source_filter_attributes_pro_rata(page):
    page.multiselect(key="bron").set_value(["rijk"]).run()
    assert items_table(page) == {"Delta": ["€\xa0100", "€\xa00", "-€\xa0100", "0,0%",
                                           "Structureel", "Veiligheid", "Veilig"]}
    assert "naar rato" in " ".join(c.value for c in page.caption)


def test_unit_per_inhabitant(page):
    page.segmented_control(key="eenheid").set_value("per_inhabitant").run()
    assert metrics(page)["Begroting"] == "€\xa00,25"      # 1000 / 4000 inhabitants
    assert items_table(page)["Alfa"][0] == "€\xa00,08"     # 300 / 4000 = 0,075
    assert "Bron inwoners: CBS" in " ".join(c.value for c in page.caption)


def test_unit_constant_euro(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, PAGE)
    at.selectbox(key="tot").set_value(2023).run()
    at.segmented_control(key="eenheid").set_value("constant").run()
    at.selectbox(key="prijsjaar").set_value(2024).run()
    assert items_table(at)["Alfa"][0] == "€\xa0258"        # 250 x 1,033
    assert "CBS" in " ".join(c.value for c in at.caption)


def test_filters_from_the_url_and_hostile_values(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, PAGE, categorie="meerjarig", van="2024")
    assert set(items_table(at)) == {"Bravo"}
    at = run_app(tiny_dir, monkeypatch, PAGE, categorie="x' or 1=1 --", eenheid="<script>",
                 prijsjaar="1800", project="ZZZ")
    assert set(items_table(at)) == {"Alfa", "Bravo", "Charlie", "Delta"}
    assert metrics(at)["Begroting"] == "€\xa00,0\xa0mln"


def test_top_lists(page):
    tables = [t.value for t in page.table]
    spent, over, under = tables[:3]
    assert spent.iloc[0, 0] == "Alfa"
    assert list(over.iloc[:, 0]) == ["Alfa"]
    assert list(under.iloc[:, 0]) == ["Delta", "Charlie", "Bravo"]


def test_levels_add_up_on_demo(demo_dir):
    levels = loader.query("spend_by_level", demo_dir, year_from=2018, year_to=2026, unit="eur",
                      base_year=2025)
    total = levels[levels["node_level"] == "total"].iloc[0]
    for level in ("category", "theme", "item"):
        rows = levels[levels["node_level"] == level]
        assert round(rows["spent_eur"].sum(), 2) == pytest.approx(total["spent_eur"], abs=0.01)
        assert round(rows["budget_eur"].sum(), 2) == pytest.approx(total["budget_eur"], abs=0.01)
    totals = loader.query("totals_by_year", demo_dir)
    assert total["spent_eur"] == pytest.approx(round(totals["spent_eur"].sum(), 2), abs=0.005)


def test_the_treemap_level_from_the_url_narrows_kpis_and_table(tiny_dir, monkeypatch):
    """?niveau=t/structureel/Veiligheid (the theme Veiligheid of structureel) in 2024: Alfa
    and Delta; budget A 300 + D 200 + 100 = 600, spent A 350,10 + D 0 = 350,10 -> 58,4%;
    the whole selection stays in the treemap (4 items, 50,0%)."""
    at = run_app(tiny_dir, monkeypatch, PAGE, van="2024", niveau="t/structureel/Veiligheid")
    assert at.session_state["niveau"] == "t/structureel/Veiligheid"
    assert set(items_table(at)) == {"Alfa", "Delta"}
    assert items_table(at)["Delta"][:2] == ["€\xa0300", "€\xa00"]
    assert (metrics(at)["Gerealiseerd"], metrics(at)["Projecten"]) == ("58,4%", "2")
    assert "Structureel › Veiligheid" in at.info[0].value
    at.selectbox(key="niveau").set_value("i/B").run()            # an item: Bravo, 100 of 200
    assert set(items_table(at)) == {"Bravo"} and at.query_params["niveau"] == "i/B"
    assert (metrics(at)["Gerealiseerd"], metrics(at)["Projecten"]) == ("50,0%", "1")
    at.selectbox(key="niveau").set_value("").run()               # all again: 500 of 1000
    assert set(items_table(at)) == {"Alfa", "Bravo", "Charlie", "Delta"}
    assert "niveau" not in at.query_params and metrics(at)["Projecten"] == "4"


def test_a_level_outside_the_filters_falls_back_to_all(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, PAGE, van="2024", niveau="c/meerjarig",
                 categorie="structureel")
    assert at.session_state["niveau"] == "" and set(items_table(at)) == {"Alfa", "Delta"}


@pytest.mark.parametrize("page", ["pages/uitgaven.py", "pages/portfolio.py",
                                  "pages/besluiten.py"])
def test_no_english_select_all_in_a_filter(tiny_dir, monkeypatch, page):
    """Streamlit 1.67's multiselect offers "Select all" (in English, on a Dutch page); choosing
    nothing already means all, so the filters leave it out (select_all 0: never)."""
    at = run_app(tiny_dir, monkeypatch, page)
    assert at.multiselect and {m.proto.select_all for m in at.multiselect} == {0}

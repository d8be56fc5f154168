"""Status through time and the decisions on the pages (AppTest, tiny fixture): Portfolio's
changes since the previous report open an item's detail with its history and decisions; the
status of a past year on Portfolio; the decisions beside the Overzicht trend and their switch;
the Besluiten page's filters from the URL."""
import pytest
from test_pages import cell_texts, run_app

pytestmark = pytest.mark.app

PORTFOLIO = "pages/portfolio.py"


def _frames(at) -> list:
    return [d.value for d in at.dataframe]


def test_a_changed_item_opens_its_history_and_decisions(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, PORTFOLIO, jaar="2024")
    assert any(h.value == "Veranderd sinds de vorige rapportage" for h in at.header)
    # the latest round (30 Sep) against 30 Jun: only Delta, with its first report
    new = [b for b in at.button if b.label == "Delta"]
    assert len(new) == 1
    new[0].click().run()
    assert at.session_state["project"] == "D"
    # Alfa went red in March: its detail lists the three reports and the College's decision
    at.session_state["project"] = "A"
    at.run()
    tables = [cell_texts(h.proto.body) for h in at.get("html") if "ggu-table" in h.proto.body]
    history = next(rows for rows in tables if rows[0][0] == "Rapportdatum")
    assert [r[1:4] for r in history[1:]] == [
        ["✖\u00a0Rood", "▲\u00a0Oranje", "Achterstand"],
        ["▲\u00a0Oranje", "✔\u00a0Groen", "Capaciteit"],
        ["✔\u00a0Groen", "–", "Op koers"]]
    decisions = next(rows for rows in tables if rows[0][0] == "Datum")
    assert decisions[1] == ["15 april 2024", "College van Dienstverleningszaken",
                            "Herstelplan gevraagd voor Alfa"]


def test_portfolio_of_a_past_year_shows_that_years_status(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, PORTFOLIO, jaar="2023")
    grid = next(f for f in _frames(at) if "2023 K4" in getattr(f, "columns", []))
    by_item = grid.set_index("Project")
    assert by_item.loc["Alfa", "2023 K4"] == "▲\u00a0Oranje"
    assert by_item.loc["Charlie", "2023 K4"] == "✖\u00a0Rood"
    assert by_item.loc["Alfa", "2023 K2"] == "✔\u00a0Groen"


def test_the_trends_table_lists_its_decisions_and_the_switch_hides_them(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch)
    at.session_state["trend_table"] = True
    at.run()
    decisions = [f for f in _frames(at) if "Besluit" in getattr(f, "columns", [])]
    assert len(decisions) == 1
    assert set(decisions[0]["Besluit"]) == {"Herstelplan gevraagd voor Alfa",
                                            "Begroting 2025 vastgesteld",
                                            "Verkenning samen organiseren"}
    next(t for t in at.toggle if t.label == "Besluiten in de grafieken tonen").set_value(False)
    at.run()
    assert not [f for f in _frames(at) if "Besluit" in getattr(f, "columns", [])]


def test_besluiten_filters_from_the_url(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, "pages/besluiten.py", orgaan="alv")
    table = _frames(at)[0]
    assert table["Besluit"].tolist() == ["Begroting 2025 vastgesteld"]
    assert any(c.value == "1 van de 3 besluiten." for c in at.caption)


def test_besluiten_in_english(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, "pages/besluiten.py", lang="en", besluit_doel="G1")
    assert at.title[0].value == "Decisions"
    table = _frames(at)[0]
    assert table["Decision"].tolist() == ["Herstelplan gevraagd voor Alfa"]
    assert table["Body"].tolist() == ["College van Dienstverleningszaken"]


def test_a_reader_gets_the_first_sentence_of_an_explanation():
    from ggu.present.labels import short_explanation
    text = "De aanbesteding loopt uit. Het leveranciersgesprek volgt in mei."
    assert short_explanation(text) == "De aanbesteding loopt uit. …"
    assert short_explanation("Op koers.") == "Op koers."
    assert short_explanation("Achterstand") == "Achterstand"


def test_the_college_reads_the_whole_explanation(tiny_dir, monkeypatch):
    """The detail shows the status explanation through auth.can('status_detail'): the password
    login (beheer) reads it whole."""
    at = run_app(tiny_dir, monkeypatch, PORTFOLIO, jaar="2024")
    at.session_state["beheer_user"] = "beheerder"
    at.session_state["project"] = "A"
    at.run()
    assert any("Achterstand" in m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_change_buttons_tooltip_names_the_heading_it_leads_to(tiny_dir, monkeypatch, lang):
    at = run_app(tiny_dir, monkeypatch, PORTFOLIO, jaar="2024", lang=lang)
    heading = {"nl": "Project in detail", "en": "Item in detail"}[lang]
    assert heading in [h.value for h in at.header]
    button = next(b for b in at.button if b.label == "Delta")
    assert f'"{heading}"' in button.help

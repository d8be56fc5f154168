"""Every query runs; the tiny fixture's known totals; the split's invariants on the demo data."""
import pytest
import streamlit as st

from ggu.store import loader
from ggu.web import data

pytestmark = pytest.mark.sql

# Sample values for parameters a query cannot do without (other parameters stay null).
SAMPLES = {"year_from": 2023, "year_to": 2024, "unit": "eur", "base_year": 2024, "rate": 3.0,
           "indexation_pct": 0.0, "scenario": '{"rate_per_inhabitant_eur": "3.0000"}'}


def _params(name, year, cbs_code="GM0002"):
    sample = {"year": year, "cbs_code": cbs_code, **SAMPLES}
    return {k: v for k, v in sample.items() if k in loader.sql_params(name)}


@pytest.mark.parametrize("name", loader.query_names())
def test_every_query_runs_on_tiny_and_demo(name, tiny_dir, demo_dir):
    assert not loader.query(name, tiny_dir, **_params(name, 2024)).empty
    assert not loader.query(name, demo_dir, **_params(name, 2024, cbs_code="GM0363")).empty


def test_tiny_split_known_figures(tiny_dir):
    split = loader.query("split_by_category_by_year", tiny_dir, year=2024).set_index("category")
    assert list(split.index) == ["structureel", "meerjarig", "kortcyclisch"]
    assert split["budget_eur"].tolist() == [600.00, 200.00, 200.00]
    assert split["spent_eur"].tolist() == [350.10, 100.00, 49.90]
    assert split["budget_share_pct"].tolist() == pytest.approx([60, 20, 20])
    assert split["deviation_pp"].tolist() == pytest.approx([10, 0, -10])
    assert split["is_within_tolerance"].tolist() == [False, True, False]


def test_tiny_year_exactly_on_norm(tiny_dir):
    split = loader.query("split_by_category_by_year", tiny_dir, year=2023)
    assert split["budget_share_pct"].tolist() == pytest.approx([50, 20, 30])
    assert split["is_within_tolerance"].all()


def test_tiny_totals_known_figures(tiny_dir):
    t = loader.query("totals_by_year", tiny_dir, year=2024).iloc[0]
    assert (t.budget_eur, t.budget_fonds_eur, t.budget_rijk_eur) == (1000.00, 900.00, 100.00)
    assert t.spent_eur == 500.00 and t.realised_pct == pytest.approx(50.0)
    assert (t.fund_eur, t.contributions_received_eur) == (12000.00, 7500.00)
    assert t.paying_municipalities == 2 and bool(t.is_partial_year)


def test_tiny_exceptions_follow_the_rules(tiny_dir):
    exc = loader.query("exceptions_by_item", tiny_dir, year=2024)
    # red first, then the largest forecast deviation:
    # A +50.10 (16.7% over), D -300, C -140.12, B -100
    assert exc["item_id"].tolist() == ["A", "D", "C", "B"]
    assert exc.iloc[0]["forecast_deviation_eur"] == pytest.approx(50.10)
    assert [r["rule_id"] for r in exc.iloc[0]["rules"]] == ["overschrijding_pct", "status_rood",
                                                           "status_verslechterd"]
    assert [r["rule_id"] for r in exc.iloc[3]["rules"]] == ["onderbesteding_pct"]


def test_split_invariants_every_demo_year(demo_dir):
    split = loader.query("split_by_category_by_year", demo_dir)
    totals = loader.query("totals_by_year", demo_dir).set_index("year")
    for year, rows in split.groupby("year"):
        assert len(rows) == 3
        assert rows["budget_share_pct"].sum() == pytest.approx(100, abs=1e-9)
        assert rows["spent_share_pct"].sum() == pytest.approx(100, abs=1e-9)
        # parts add up to the whole, to the cent
        assert round(rows["budget_eur"].sum(), 2) == round(totals.loc[year, "budget_eur"], 2)
        assert round(rows["spent_eur"].sum(), 2) == round(totals.loc[year, "spent_eur"], 2)
        dev = rows["budget_share_pct"] - rows["norm_pct"]
        assert rows["deviation_pp"].tolist() == pytest.approx(dev.tolist())
        assert rows["norm_pct"].tolist() == [50, 20, 30]


def test_unknown_parameter_and_query_are_refused(tiny_dir):
    with pytest.raises(ValueError):
        loader.query("years", tiny_dir, year=2024)
    with pytest.raises(ValueError):
        loader.query("years", tiny_dir, year=None)
    with pytest.raises(ValueError):
        loader.query("../schema", tiny_dir)


def test_a_parameter_given_as_none_shares_the_cached_result(tiny_dir, monkeypatch):
    """The Portfolio asks for its items with every filter None and without filters: one query."""
    runs = []
    real = loader.run
    monkeypatch.setattr(loader, "run",
                        lambda name, path, **p: runs.append(p) or real(name, path, **p))
    monkeypatch.setenv("GGU_DATA_DIR", str(tiny_dir))
    st.cache_data.clear()
    plain = data.query("portfolio_by_item", year=2024)
    filtered = data.query("portfolio_by_item", year=2024, categories=None, search=None)
    assert runs == [{"year": 2024}]
    assert filtered.equals(plain)


def test_overdue_is_one_definition_for_the_roadmap_and_the_points_of_attention(tmp_path):
    """Two items whose end year (2023) has passed in 2024, both with a booking in 2024: E is
    still being implemented (overdue), F is afgerond (a late invoice, not overdue). The roadmap's
    title and the rule einde_verstreken count the same one item."""
    from conftest import build_tiny

    from ggu.present import narrative
    store = build_tiny(tmp_path)
    store.write(lambda con: con.execute("""
        insert into item values
            ('E', 'Echo', 'programma', 'meerjarig', 'Standaarden', 'G2', 'Team E', 2021, 2023,
             'groen', null, 'implementatie'),
            ('F', 'Foxtrot', 'programma', 'meerjarig', 'Standaarden', 'G2', 'Team F', 2021, 2023,
             'groen', null, 'afgerond');
        insert into spend values (20, 'E', '2024-03-01', 10.00, 'inhuur', 'Rest'),
            (21, 'F', '2024-03-01', 5.00, 'inhuur', 'Late factuur');
        """) and {"item": 2}, action="import", user="test")
    rows = loader.query("portfolio_by_item", tmp_path, year=2024).set_index("item_id")
    assert rows.loc["E", "is_overdue"] and not rows.loc["F", "is_overdue"]
    assert "1 hadden al klaar moeten zijn" in narrative.roadmap_title(rows.reset_index(), 2024)
    broken = loader.query("exceptions_by_item", tmp_path, year=2024).set_index("item_id")
    overdue = {i for i, rules in broken["rules"].items()
               if any(r["rule_id"] == "einde_verstreken" for r in rules)}
    assert overdue == {"E"}

"""What a municipality gets (v_attribution, queries/attribution_by_municipality*.sql): each
item's Fonds GGU spending shared by inhabitants among its users, to the cent; the sheet Gebruik
on import; the demo's use of products."""
from __future__ import annotations

import pytest
from conftest import build_tiny
from openpyxl import Workbook

from ggu.ingest import load
from ggu.store import loader
from ggu.store.snapshots import Store

pytestmark = pytest.mark.sql


def cents(x) -> int:
    """An amount (query results come as float) in whole cents."""
    return int(round(float(x) * 100))


# Tiny 2024 (tests/conftest.py): spending A 350.10, B 100.00, C 49.90, all borne by the fund;
# GM0001 has 1,000 inhabitants, GM0002 3,000. A is used by GM0001 only, B by both, C by nobody
# in 2024 (GM0002's use ended in 2023: shared by all). A: 350.10 to GM0001. B: 25.00 and
# 75.00. C: 12.475 and 37.425 -> floored 12.47 and 37.42, one cent left, equal remainders: to
# the lower code, GM0001 -> 12.48.
# GM0001 gets 350.10 + 25.00 + 12.48 = 387.58 of its 3,000.00; GM0002 75.00 + 37.42 = 112.42.
USE_SQL = """
insert into item_use values ('A', 'GM0001', 2020, null), ('B', 'GM0001', 2024, null),
    ('B', 'GM0002', 2022, 2024), ('D', 'GM0002', 2024, null), ('C', 'GM0002', 2020, 2023);
"""


@pytest.fixture(scope="module")
def used_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("use")
    store = build_tiny(path)

    def fill(con):
        con.execute(USE_SQL)
        return {"item_use": 5}

    store.write(fill, action="import", user="test")
    return path


def test_tiny_shares_by_hand(used_dir):
    rows = loader.query("attribution_by_municipality_item", used_dir, year=2024)
    got = {(r.cbs_code, r.item_id): (r.is_used, r.is_for_all, cents(r.attributed_eur))
           for r in rows.itertuples()}
    assert got[("GM0001", "A")] == (True, False, 35010)
    assert got[("GM0002", "A")] == (False, False, 0)
    assert got[("GM0001", "B")] == (True, False, 2500)
    assert got[("GM0002", "B")] == (True, False, 7500)
    assert got[("GM0001", "C")] == (True, True, 1248)   # the tie goes to GM0001
    assert got[("GM0002", "C")] == (True, True, 3742)
    assert got[("GM0002", "D")] == (True, False, 0)   # used, nothing spent


def test_tiny_municipality_totals_by_hand(used_dir):
    rows = loader.query("attribution_by_municipality", used_dir, year=2024).set_index("cbs_code")
    one, two = rows.loc["GM0001"], rows.loc["GM0002"]
    assert cents(one["attributed_eur"]) == 38758
    assert cents(one["attributed_used_eur"]) == 37510
    assert cents(one["attributed_for_all_eur"]) == 1248
    assert cents(two["attributed_eur"]) == 11242
    assert (cents(one["contribution_eur"]), cents(two["contribution_eur"])) == (300000, 900000)
    assert one["attributed_vs_paid_pct"] == pytest.approx(100 * 387.58 / 3000)
    assert (one["used_products"], two["used_products"], one["offered_products"]) == (2, 2, 3)
    assert (one["size_class"], two["size_class"]) == (1, 1)     # both under 5,000
    # one class, two provinces: the class is both together, each province itself
    assert one["class_attributed_per_inhabitant_eur"] == pytest.approx(500 / 4000)
    assert one["province_attributed_per_inhabitant_eur"] == pytest.approx(387.58 / 1000)
    assert one["class_used_products"] == 2


def test_every_demo_year_adds_up_to_the_cent(demo_dir):
    """Per item and per year the shares of all 342 municipalities add up to the Fonds GGU
    spending, to the cent."""
    items = loader.query("attribution_by_municipality", demo_dir)
    years = sorted(items["year"].unique())
    assert len(years) >= 9
    for year in years:
        rows = loader.query("attribution_by_municipality_item", demo_dir, year=int(year))
        assert rows["cbs_code"].nunique() == 342
        rows = rows.assign(spent=rows["item_fund_spent_eur"].map(cents),
                           shared=rows["attributed_eur"].map(cents))
        per_item = rows.groupby("item_id").agg(spent=("spent", "first"), shared=("shared", "sum"))
        assert (per_item["spent"] == per_item["shared"]).all(), year
        whole = items[items["year"] == year]["attributed_eur"].map(cents).sum()
        assert whole == per_item["spent"].sum() > 0


def test_demo_use_is_realistic(demo_dir):
    rows = loader.query("attribution_by_municipality_item", demo_dir, year=2025)
    users = rows[~rows["is_for_all"]].groupby("item_id")["user_municipalities"].first()
    assert users["IBD"] >= 330 and users["GGI-NET"] >= 300          # near-universal
    partial = users[(users > 30) & (users < 300)]
    assert len(partial) >= 8
    every = loader.query("attribution_by_municipality", demo_dir, year=2025)
    large = every[every["inhabitants"] >= 100_000]["used_products"].mean()
    small = every[every["inhabitants"] < 20_000]["used_products"].mean()
    assert large > small + 1                      # the large use more products


def _workbook(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "Gebruik"
    ws.append(["Project-id", "CBS-code", "Vanaf", "Tot en met"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_sheet_gebruik_loads(tmp_path):
    data = tmp_path / "data"
    build_tiny(data)
    path = _workbook(tmp_path / "gebruik.xlsx", [["A", "GM0001", 2020, None],
                                                ["B", "GM0002", 2022, 2024]])
    outcome = load.import_path(path, data, user="t")
    assert outcome.result == "ok", outcome.lines()
    rows = loader.query("attribution_by_municipality_item", data, year=2024, cbs_code="GM0001")
    assert cents(rows.set_index("item_id").loc["A", "attributed_eur"]) == 35010


def test_sheet_gebruik_bad_rows_get_a_clear_dutch_error(tmp_path):
    data = tmp_path / "data"
    build_tiny(data)
    before = Store(data).current_id()
    path = _workbook(tmp_path / "gebruik.xlsx", [["A", "GM0001", 2020, None],
                                                ["ZZZ", "GM0001", 2020, None],
                                                ["A", "GM9999", 2020, None],
                                                ["B", "GM0002", 2024, 2022]])
    outcome = load.import_path(path, data, user="t")
    assert outcome.result == "geweigerd"
    lines = {(p.row, p.column): p.line("nl") for p in outcome.problems}
    assert "Onbekende Project-id" in lines[(3, "Project-id")]
    assert "Gebruik, rij 3" in lines[(3, "Project-id")]
    assert "Onbekende CBS-code" in lines[(4, "CBS-code")]
    assert "'GM9999'" in lines[(4, "CBS-code")]
    assert "ligt voor het jaar \"Vanaf\" (2024)" in lines[(5, "Tot en met")]
    assert Store(data).current_id() == before                 # nothing lost, nothing changed

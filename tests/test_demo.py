"""The demo data set: deterministic, idempotent, and true to the public GGU figures."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pandas as pd
import pytest

from ggu import config, demo
from ggu.store.codes import CATEGORIES, KINDS, STATUSES
from ggu.store.snapshots import READ_ONLY_CONFIG, Store

pytestmark = pytest.mark.sql

TOTAL_M = {2018: 52.3, 2019: 52.3, 2020: 55.0, 2021: 55.8, 2022: 56.6, 2023: 57.3,
           2024: 58.0, 2025: 58.4, 2026: 58.9}
SHARES = {2018: (49, 21, 30), 2019: (51, 19, 30), 2020: (52, 20, 28), 2021: (50, 22, 28),
          2022: (52, 19, 29), 2023: (51, 20, 29), 2024: (53, 18, 29), 2025: (52, 19, 29),
          2026: (54, 17, 29)}
RATES = {2018: "2.45", 2019: "2.45", 2020: "2.48", 2021: "2.55", 2022: "2.65", 2023: "2.85",
         2024: "3.00", 2025: "3.05", 2026: "3.10"}
NATIONAL = {2018: 17_181_084, 2019: 17_282_163, 2020: 17_407_585, 2021: 17_475_415,
            2022: 17_590_672, 2024: 17_942_942, 2025: 18_044_027, 2026: 18_130_000}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One demo build for the whole module: (data dir, snapshot id)."""
    path = tmp_path_factory.mktemp("demo_module")
    return path, demo.build(path, user="test")


@pytest.fixture(scope="module")
def con(built):
    path, _ = built
    connection = duckdb.connect(str(Store(path).current().path), read_only=True,
                                config=READ_ONLY_CONFIG)
    yield connection
    connection.close()


def rows(con, sql, **params):
    return con.execute(sql, params).fetchall()


def scalar(con, sql, **params):
    return con.execute(sql, params).fetchone()[0]


def table_rows(path) -> dict[str, list]:
    with duckdb.connect(str(Store(path).current().path), read_only=True,
                        config=READ_ONLY_CONFIG) as c:
        return {t: c.execute("select * from query_table($t) order by all", {"t": t}).fetchall()
                for t in demo.TABLES}


# -- determinism and idempotence ----------------------------------------------------------------

@pytest.mark.slow
def test_content_hash_is_deterministic_and_content_sensitive(built):
    path, _ = built
    tables = demo.build_tables()
    digest = demo.content_hash(tables)
    assert digest == demo.content_hash(demo.build_tables())
    assert digest == Store(path).meta()["content_sha256"]  # the build in the fixture agrees
    shuffled = {k: v.sample(frac=1, random_state=1) for k, v in tables.items()}
    assert demo.content_hash(shuffled) == digest  # row order is not content
    changed = dict(tables, budget=tables["budget"].copy())
    changed["budget"].loc[0, "budget_eur"] += Decimal("0.01")
    assert demo.content_hash(changed) != digest


@pytest.mark.slow
def test_two_builds_give_identical_tables(built, tmp_path):
    path, _ = built
    assert demo.build(tmp_path, user="test") == "0001"
    assert table_rows(tmp_path) == table_rows(path)


def test_build_is_idempotent(built):
    path, first = built
    assert first == "0001"
    assert demo.build(path, user="test") is None
    store = Store(path)
    assert store.ids() == ["0001"] and store.current_id() == "0001"
    meta = store.meta()
    assert meta["is_demo"] == "true" and meta["source"] == "voorbeelddata"
    assert meta["as_of_date"] == "2026-10-31"


@pytest.mark.slow
def test_rebuild_over_other_data_replaces_every_row(tmp_path):
    """A build on top of a snapshot with other rows (foreign keys included) replaces them."""
    def old_data(c):
        c.execute("insert into goal values ('X', 'Oud doel', null, 9);"
                  "insert into item values ('OLD', 'Oud', 'dienst', 'structureel', 'T', 'X', "
                  "'Team', 2018, null, 'groen', null, 'beheer');"
                  "insert into budget values ('OLD', 2018, 'fonds_ggu', 1.00)")
        return {"goal": 1, "item": 1, "budget": 1}

    store = Store(tmp_path)
    store.write(old_data, action="import", user="test", meta={"is_demo": "false"})
    assert demo.build(tmp_path, user="test") == "0002"
    with duckdb.connect(str(store.current().path), read_only=True, config=READ_ONLY_CONFIG) as c:
        assert c.execute("select count(*) from item where item_id = 'OLD'").fetchone()[0] == 0
        assert c.execute("select count(*) from goal where goal_id = 'X'").fetchone()[0] == 0
        n_budget = c.execute("select count(*) from budget").fetchone()[0]
    assert n_budget == len(demo.build_tables()["budget"])


def test_frames_have_the_schema_columns_in_order(con):
    tables = demo.build_tables()
    assert sorted(tables) == sorted(demo.TABLES)
    for name, df in tables.items():
        columns = [r[0] for r in rows(con, "select column_name from information_schema.columns "
                                           "where table_name = $t order by ordinal_position",
                                      t=name)]
        assert list(df.columns) == columns, name


# -- the public figures -------------------------------------------------------------------------

def test_years_and_yearly_budget_totals(con):
    totals = dict(rows(con, "select year, sum(budget_eur) from v_budget group by year"))
    assert sorted(totals) == list(range(2018, 2027))   # later rows: the multi-year budget
    for year, millions in TOTAL_M.items():
        assert abs(totals[year] - Decimal(str(millions)) * 1_000_000) <= 50_000, year
    assert Decimal("57.5e6") <= totals[2024] <= Decimal("58.5e6")


def test_funding_sources(con):
    by_year = dict(rows(con, "select year, sum(budget_eur) from v_budget "
                             "where funding_source <> 'fonds_ggu' group by year"))
    assert abs(by_year[2020] - Decimal("11750000")) <= 50_000
    assert all(Decimal("4e6") <= v <= Decimal("12e6") for v in by_year.values())
    assert all(Decimal("6e6") <= by_year[y] <= Decimal("12e6") for y in range(2018, 2024))
    fund_vs_contributions = rows(con, """
        select b.year, b.fonds / c.due
        from (select year, sum(budget_eur) as fonds from v_budget
              where funding_source = 'fonds_ggu' group by year) as b
        inner join (select year, sum(amount_eur) as due from contribution group by year) as c
            on b.year = c.year""")
    assert len(fund_vs_contributions) == 9
    assert all(abs(ratio - 1) <= 0.03 for _, ratio in fund_vs_contributions)


def test_category_shares_and_norm(con):
    shares = rows(con, """
        select year, category, 100 * sum(budget_eur) / sum(sum(budget_eur)) over (partition by year)
        from v_budget group by year, category""")
    assert len(shares) == 27
    for year, category, pct in shares:
        target = SHARES[year][CATEGORIES.index(category)]
        assert abs(float(pct) - target) <= 0.1, (year, category, pct)
    assert rows(con, "select valid_from_year, category, norm_pct, tolerance_pp from split_norm "
                     "order by norm_pct desc") == [
        (2018, "structureel", Decimal("50.00"), Decimal("2.00")),
        (2018, "kortcyclisch", Decimal("30.00"), Decimal("2.00")),
        (2018, "meerjarig", Decimal("20.00"), Decimal("2.00"))]
    out_of_tolerance = scalar(con, """
        with s as (
            select year, category,
                100 * sum(budget_eur) / sum(sum(budget_eur)) over (partition by year) as pct
            from v_budget group by year, category)
        select count(distinct s.year) from s
        inner join v_norm_by_year as n on s.year = n.year and s.category = n.category
        where abs(s.pct - n.norm_pct) > n.tolerance_pp""")
    assert out_of_tolerance >= 1


def test_cpi_is_the_seed_series(con):
    seed = pd.read_csv(config.SEED_DIR / "cpi_nl_jaarmutatie.csv", dtype=str)
    expected = [(int(y), Decimal(p).quantize(Decimal("0.01")), b) for y, p, b
                in seed[["jaar", "cpi_jaarmutatie_pct", "bron"]].itertuples(index=False)]
    assert rows(con, "select year, change_pct, source from cpi order by year") == expected


def test_municipalities(con):
    per_year = rows(con, "select year, count(*), sum(inhabitants) from municipality "
                         "group by year order by year")
    assert [r[0] for r in per_year] == list(range(2018, 2027))
    assert all(r[1] == 342 for r in per_year)
    sums = {year: total for year, _, total in per_year}
    for year, total in NATIONAL.items():
        assert sums[year] == total, year
    for year in (2023, 2024):
        seed = pd.read_csv(config.SEED_DIR / f"gemeenten_{year}.csv", dtype={"cbs_code": str})
        expected = sorted(seed[["cbs_code", "gemeentenaam", "provincie", "inwoners"]]
                          .itertuples(index=False, name=None))
        assert rows(con, "select cbs_code, name, province, inhabitants from municipality "
                         "where year = $y order by cbs_code", y=year) == expected


def test_contributions(con):
    assert dict(rows(con, "select year, any_value(rate_per_inhabitant_eur) from contribution "
                          "group by year having count(distinct rate_per_inhabitant_eur) = 1")) \
        == {y: Decimal(r) for y, r in RATES.items()}
    # two instalments of half the yearly amount, rounded to the cent (in DECIMAL: `/ 2` is a
    # double in DuckDB, `* 0.5` stays exact)
    assert scalar(con, "select count(*) from contribution") == 2 * 9 * 342
    assert scalar(con, """
        select count(*) from contribution as c
        inner join municipality as m on c.year = m.year and c.cbs_code = m.cbs_code
        where c.amount_eur <> round(m.inhabitants * c.rate_per_inhabitant_eur * 0.5, 2)""") == 0
    per_year = rows(con, """
        with due as (
            select m.year, 2 * sum(round(m.inhabitants * r.rate * 0.5, 2)) as total
            from municipality as m
            inner join (select distinct year, rate_per_inhabitant_eur as rate
                        from contribution) as r on m.year = r.year
            group by m.year)
        select d.year, d.total, c.total from due as d
        inner join (select year, sum(amount_eur) as total from contribution group by year) as c
            on d.year = c.year""")
    assert len(per_year) == 9 and all(due == paid for _, due, paid in per_year)
    assert abs(dict((y, p) for y, _, p in per_year)[2024] - Decimal("53828826.00")) < 1


def test_contribution_payments(con):
    assert scalar(con, "select max(paid_date) from contribution") <= demo.AS_OF
    unpaid = rows(con, "select year, instalment, count(*) from contribution "
                       "where paid_date is null group by all")
    assert len(unpaid) == 1 and unpaid[0][:2] == (2026, "juli") and 3 <= unpaid[0][2] <= 8
    on_time = scalar(con, """
        select count(*) from contribution where paid_date is not null
        and year(paid_date) = year and month(paid_date) in
            (case instalment when 'januari' then 1 else 7 end,
             case instalment when 'januari' then 2 else 8 end)""")
    late = scalar(con, "select count(*) from contribution where paid_date is not null") - on_time
    assert 2 <= late <= 30
    assert scalar(con, "select count(distinct year) from contribution where paid_date is not null "
                       "and month(paid_date) not in (1, 2, 7, 8) and year < 2026") >= 3


# -- items and budget ---------------------------------------------------------------------------

def test_items_are_complete_and_valid(con):
    items = con.execute("select * from v_item").df()
    assert 72 <= len(items) <= 80
    assert items["goal_name"].notna().all()  # every goal exists
    assert set(items["category"]) == set(CATEGORIES)
    assert set(items["kind"]) <= set(KINDS)
    assert set(items["status"]) == set(STATUSES)
    assert items["item_id"].str.fullmatch(r"[A-Z0-9-]+").all()
    assert items["owner"].str.startswith("VNG").all()
    assert items["status_reason"].str.endswith(".").all()
    assert 5 <= items["theme"].nunique() <= 8
    shares = items["status"].value_counts(normalize=True)
    assert abs(shares["groen"] - 0.6) < 0.1 and abs(shares["oranje"] - 0.3) < 0.1
    assert abs(shares["rood"] - 0.1) < 0.05


def test_item_years_fit_category_and_phase(con):
    items = con.execute("select * from item").df()
    done = items["phase"] == "afgerond"
    assert (items.loc[done, "end_year"] < 2026).all()
    late = items[items["end_year"].notna() & (items["end_year"] < 2026) & ~done]
    assert 2 <= len(late) <= 3
    assert (items["start_year"] >= 2025).sum() >= 3  # new items
    length = items["end_year"] - items["start_year"] + 1
    short = items["category"] == "kortcyclisch"
    multi = items["category"] == "meerjarig"
    assert length[short].between(1, 2).all() and length[multi].between(2, 5).all()
    structural = items[items["category"] == "structureel"]
    assert structural["end_year"].isna().mean() > 0.8 and (structural["start_year"] <= 2020).all()
    starting = items[items["start_year"] == 2026]
    assert set(starting["phase"]) <= {"voorbereiding", "ontwikkeling"}


def test_budget_only_within_item_years(con):
    assert scalar(con, """
        select count(*) from budget as b inner join item as i on b.item_id = i.item_id
        where b.year < i.start_year or b.year > coalesce(i.end_year, 9999)""") == 0
    # and every item year in the window has a budget
    assert scalar(con, """
        select count(*) from item as i,
            range(greatest(i.start_year, 2018), least(coalesce(i.end_year, 2026), 2026) + 1)
                as y(year)
        where not exists (select 1 from budget as b where b.item_id = i.item_id and b.year = y.year)
        """) == 0
    sizes = dict(rows(con, """
        select category, max(b) from (select item_id, year, category, sum(budget_eur) as b
                                      from v_budget group by all) group by category"""))
    assert sizes["structureel"] <= 6_000_000
    assert scalar(con, "select count(distinct item_id) from budget "
                       "where funding_source = 'rijk'") >= 5
    assert scalar(con, "select count(*) from budget where item_id in ('CG', 'HC', 'DIGV') "
                       "and funding_source = 'rijk'") >= 10


# -- spending -----------------------------------------------------------------------------------

def test_spending_is_realised_up_to_the_as_of_date(con):
    first, last, n, ids, max_id = con.execute(
        "select min(booking_date), max(booking_date), count(*), count(distinct tx_id), max(tx_id) "
        "from spend").fetchone()
    assert first >= dt.date(2018, 1, 1) and last <= demo.AS_OF
    assert 20_000 <= n <= 50_000 and ids == n == max_id
    assert scalar(con, "select max(month(booking_date)) from spend "
                       "where year(booking_date) = 2026") == 10
    assert set(r[0] for r in rows(con, "select distinct cost_type from spend")) == {
        "personeel", "inhuur", "licenties", "hosting en beheer", "advies",
        "bijdragen en subsidies", "overig"}
    assert scalar(con, "select count(*) from spend where amount_eur <= 0") == 0
    assert scalar(con, """
        select count(*) from spend
        where not regexp_matches(description, ' (januari|februari|maart|april|mei|juni|juli|'
            || 'augustus|september|oktober|november|december) \\d{4}$')""") == 0
    # transactions only for items and years with a budget, 1-5 per cost type and month
    assert scalar(con, """
        select count(*) from (select distinct item_id, year(booking_date) as year from spend) as s
        where not exists (select 1 from budget as b
                          where b.item_id = s.item_id and b.year = s.year)""") == 0
    assert scalar(con, "select max(n) from (select count(*) as n from spend "
                       "group by item_id, cost_type, year(booking_date), month(booking_date))") <= 5


def test_realisation_against_budget(con):
    per_year = rows(con, """
        select b.year, s.spent / b.budget from
            (select year, sum(budget_eur) as budget from budget group by year) as b
        inner join (select year(booking_date) as year, sum(amount_eur) as spent
                    from spend group by 1) as s on b.year = s.year
        where b.year < 2026""")
    assert len(per_year) == 8 and all(0.93 <= r <= 1.00 for _, r in per_year)
    ratios = con.execute("""
        select b.item_id, b.year, coalesce(s.spent, 0) / b.budget as ratio
        from (select item_id, year, sum(budget_eur) as budget from budget group by all) as b
        left join (select item_id, year(booking_date) as year, sum(amount_eur) as spent
                   from spend group by all) as s on b.item_id = s.item_id and b.year = s.year
        """).df()
    closed = ratios[ratios["year"] < 2026]
    assert closed["ratio"].between(0.6, 1.25).all()
    assert closed["ratio"].between(0.8, 1.15).mean() > 0.9
    assert (closed["ratio"] > 1.10).sum() >= 3 and (closed["ratio"] < 0.80).sum() >= 3
    now = ratios[ratios["year"] == 2026]
    assert (now["ratio"] > 1.0).sum() >= 1  # already over the full-year budget by October
    assert now["ratio"].between(0.5, 1.1).all()


def test_seasonality_is_item_specific_and_stable(con):
    shares = con.execute("""
        select item_id, year(booking_date) as year,
            sum(amount_eur) filter (where month(booking_date) = 12) / sum(amount_eur) as dec_share
        from spend where year(booking_date) between 2021 and 2025 group by all""").df()
    spread = shares.groupby("item_id")["dec_share"].agg(["min", "max", "count"])
    spread = spread[spread["count"] == 5]
    assert (spread["max"] - spread["min"]).max() < 0.1  # stable over the years
    assert spread["min"].max() > 0.15 and spread["max"].min() < 0.1  # peaks and flat ones


# -- goals and indicators -----------------------------------------------------------------------

def test_goals_indicators_and_measurements(con):
    counts = rows(con, "select g.goal_id, count(i.indicator_id) from goal as g "
                       "left join indicator as i on g.goal_id = i.goal_id group by g.goal_id")
    assert 4 <= len(counts) <= 6 and all(2 <= n <= 4 for _, n in counts)
    assert scalar(con, "select count(*) from indicator "
                       "where baseline_year not between 2019 and 2021 "
                       "or target_year not between 2026 and 2028") == 0
    assert scalar(con, "select max(measured_date) from measurement") <= dt.date(2026, 9, 30)
    assert scalar(con, "select count(*) from indicator as i where not exists (select 1 from "
                       "measurement as m where m.indicator_id = i.indicator_id)") == 0
    last = dict(rows(con, "select i.goal_id, max(m.measured_date) from measurement as m "
                          "inner join indicator as i on m.indicator_id = i.indicator_id "
                          "group by i.goal_id"))
    stale = [g for g, d in last.items() if d <= dt.date(2025, 6, 30)]
    assert len(stale) == 1
    assert all(d > dt.date(2025, 10, 31) for g, d in last.items() if g not in stale)


def test_indicators_show_a_mix_of_progress(con):
    progress = [float(p) for p, in rows(con, """
        select (last(m.value order by m.measured_date) - any_value(i.baseline_value))
            / (any_value(i.target_value) - any_value(i.baseline_value))
        from measurement as m inner join indicator as i on m.indicator_id = i.indicator_id
        group by i.indicator_id""")]
    assert max(progress) >= 0.9  # on course or done
    assert sum(p < 0.6 for p in progress) >= 2  # behind


def test_every_demo_instalment_follows_the_one_rounding_rule(demo_dir):
    """The demo generator rounds in whole cents of its own; every instalment it wrote equals
    instalment_eur of measures.sql, the rule the what-if and the planning use."""
    con = duckdb.connect(str(Store(demo_dir).current().path), read_only=True,
                         config=READ_ONLY_CONFIG)
    off = con.execute(
        "select count(*), count(*) filter (where c.amount_eur <> "
        "instalment_eur(m.inhabitants, c.rate_per_inhabitant_eur)) "
        "from contribution as c join municipality as m using (year, cbs_code)").fetchone()
    con.close()
    assert off[0] > 6000 and off[1] == 0

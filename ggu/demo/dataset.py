"""The demo data set's tables, built from the seed (see the package face, ggu/demo/__init__.py,
for what is public and what is invented), and its build into a snapshot."""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from decimal import Decimal

import numpy as np
import pandas as pd

from ggu import config
from ggu.demo import history, plan
from ggu.demo.seed import (
    BUDGET_TOTAL_EUR,
    CATEGORY_SHARE_PCT,
    COFUNDING,
    COST_PROFILES,
    EXCEPTION_RULES,
    GOALS,
    INDICATORS,
    ITEM_COLUMNS,
    ITEMS,
    NATIONAL_INHABITANTS,
    OTHER_SOURCES_EUR,
    PHRASES,
    RATE_PER_INHABITANT_EUR,
    SEASONS,
    SPECIAL_REALISATION,
)
from ggu.demo.use import item_use
from ggu.store import codes
from ggu.store.snapshots import Store

AS_OF = dt.date(2026, 10, 31)
FIRST_YEAR = 2018
LAST_YEAR = 2026
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
SEED = 2026
STALE_GOAL = "D2"  # its monitor is being revised: no measurement after 2025-06-30

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]

CLEAR_ORDER = ["measurement", "indicator", "contribution", "municipality", "spend", "budget",
               "item", "goal", "split_norm", "cpi", "exception_rule", "proposal",
               "status_report", "decision", "item_use"]
TABLES = ["goal", "item", "budget", "spend", "indicator", "measurement", "municipality",
          "contribution", "split_norm", "cpi", "exception_rule", "proposal", "status_report",
          "decision", "item_use"]


def _rng(part: int) -> np.random.Generator:
    """One independent, seeded stream per part, so changing one part leaves the others."""
    return np.random.default_rng([SEED, part])


def _split(total: int, weights) -> np.ndarray:
    """Split a whole number (cents, thousands) in proportion to weights, summing exactly."""
    w = np.asarray(weights, dtype=float)
    exact = total * w / w.sum()
    parts = np.floor(exact).astype(np.int64)
    short = int(total - parts.sum())
    parts[np.argsort(parts - exact, kind="stable")[:short]] += 1
    return parts


def _euro(cents) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)


def _active_years(item) -> range:
    end = LAST_YEAR if pd.isna(item.end_year) else min(int(item.end_year), LAST_YEAR)
    return range(max(int(item.start_year), FIRST_YEAR), end + 1)


def _items() -> pd.DataFrame:
    items = pd.DataFrame(ITEMS, columns=ITEM_COLUMNS)
    items["end_year"] = items["end_year"].astype("Int64")
    return items


def _budget(items: pd.DataFrame) -> pd.DataFrame:
    """Budget per item, year and funding source: exact category and funding totals per year."""
    rng = _rng(1)
    rows = []
    for year in YEARS:
        total = {}
        for category, pct in zip(codes.CATEGORIES, CATEGORY_SHARE_PCT[year]):
            active = [it for it in items.itertuples()
                      if it.category == category and year in _active_years(it)]
            weights = []
            for it in active:
                w = it.size * rng.lognormal(0, 0.05)
                if category != "structureel" and year == it.start_year != it.end_year:
                    w *= 0.7  # a start-up year
                weights.append(w)
            target = BUDGET_TOTAL_EUR[year] * pct // 100
            for it, k_eur in zip(active, _split(target // 1000, weights)):
                total[it.item_id] = int(k_eur) * 1000
        cofunded = [i for i in total if i in COFUNDING]
        capacity = [total[i] * COFUNDING[i][1] for i in cofunded]
        other = _split(OTHER_SOURCES_EUR[year] // 1000, capacity) * 1000
        other_by_item = dict(zip(cofunded, (int(x) for x in other)))
        for item_id, amount in total.items():
            extra = other_by_item.get(item_id, 0)
            assert extra <= 0.9 * amount, (item_id, year)  # the fund always pays a part
            rows.append((item_id, year, "fonds_ggu", amount - extra))
            if extra:
                rows.append((item_id, year, COFUNDING[item_id][0], extra))
    budget = pd.DataFrame(rows, columns=["item_id", "year", "funding_source", "budget_eur"])
    budget["budget_eur"] = [_euro(e * 100) for e in budget["budget_eur"]]
    return budget


def _realisation(budget_by_item: dict[str, int], year: int, rng) -> dict[str, float]:
    """Realisation ratio per item: the specials, the rest scaled to a year total of 95-98.5%."""
    ratio = {i: SPECIAL_REALISATION.get((i, year), rng.uniform(0.88, 1.04))
             for i in budget_by_item}
    normal = [i for i in ratio if (i, year) not in SPECIAL_REALISATION]
    goal = rng.uniform(0.95, 0.985) * sum(budget_by_item.values())
    fixed = sum(budget_by_item[i] * ratio[i] for i in ratio if i not in normal)
    scale = (goal - fixed) / sum(budget_by_item[i] * ratio[i] for i in normal)
    for i in normal:
        ratio[i] = float(np.clip(ratio[i] * scale, 0.82, 1.08))
    return ratio


def _spend(items: pd.DataFrame, budget: pd.DataFrame) -> pd.DataFrame:
    """Monthly transactions per item: item-specific seasonality, 1-5 per cost type and month."""
    rng = _rng(2)
    per_item_year = budget.assign(cents=[int(d * 100) for d in budget["budget_eur"]]) \
        .groupby(["year", "item_id"], sort=True)["cents"].sum()
    by_id = items.set_index("item_id")
    cols: dict[str, list] = {k: [] for k in ("item_id", "booking_date", "amount_eur",
                                             "cost_type", "description")}
    for year in YEARS:
        year_budget = per_item_year.loc[year]
        ordered = [i for i in items["item_id"] if i in year_budget.index]
        ratio = _realisation({i: int(year_budget[i]) for i in ordered}, year, rng)
        months = range(1, (AS_OF.month if year == AS_OF.year else 12) + 1)
        for item_id in ordered:
            item = by_id.loc[item_id]
            season = np.array(SEASONS[item.season]) * rng.lognormal(0, 0.08, 12)
            month_cents = _split(int(round(year_budget[item_id] * ratio[item_id])), season)
            profile = COST_PROFILES[item.profile]
            for month in months:
                shares = np.array(list(profile.values())) * rng.lognormal(0, 0.15, len(profile))
                last_day = calendar.monthrange(year, month)[1]
                for cost_type, cents in zip(profile, _split(month_cents[month - 1], shares)):
                    n = int(rng.integers(1, 6))
                    days = rng.integers(1, last_day + 1, n)
                    phrases = rng.integers(0, len(PHRASES[cost_type]), n)
                    for part, day, p in zip(_split(cents, rng.dirichlet([2.0] * n)), days, phrases):
                        cols["item_id"].append(item_id)
                        cols["booking_date"].append(dt.date(year, month, int(day)))
                        cols["amount_eur"].append(_euro(part))
                        cols["cost_type"].append(cost_type)
                        cols["description"].append(
                            f"{PHRASES[cost_type][p]} {MONTHS_NL[month - 1]} {year}")
    spend = pd.DataFrame(cols).sort_values(["booking_date", "item_id"], kind="stable")
    spend.insert(0, "tx_id", np.arange(1, len(spend) + 1, dtype=np.int64))
    return spend.reset_index(drop=True)


def _goals() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Goals, indicators and measurements on course, needing attention or behind."""
    rng = _rng(3)
    goal = pd.DataFrame([(g, n, d, k) for k, (g, n, d) in enumerate(GOALS, start=1)],
                        columns=["goal_id", "name", "description", "sort_order"])
    indicator = pd.DataFrame(
        [(i, i.split(".")[0], n, u, float(b), by, float(t), ty, d)
         for i, n, u, b, by, t, ty, d, _, _ in INDICATORS],
        columns=["indicator_id", "goal_id", "name", "unit", "baseline_value", "baseline_year",
                 "target_value", "target_year", "direction"])
    rows = []
    for ind_id, _, unit, base, b_year, target, t_year, _, months_apart, pace in INDICATORS:
        last = dt.date(2025, 6, 30) if ind_id.startswith(STALE_GOAL) else dt.date(2026, 9, 30)
        start, end = dt.date(b_year, 1, 1), dt.date(t_year, 12, 31)
        for year in range(b_year, last.year + 1):
            for month in range(months_apart, 13, months_apart):
                day = dt.date(year, month, calendar.monthrange(year, month)[1])
                if day > last:
                    break
                progress = pace * (day - start).days / (end - start).days
                value = base + progress * (target - base) + rng.normal(0, 0.02) * abs(target - base)
                if unit in ("aantal", "aantal gemeenten"):
                    value = float(max(0, min(342, round(value))))
                else:
                    value = round(min(max(value, 0.0), 100.0), 1)
                rows.append((ind_id, day, value))
    measurement = pd.DataFrame(rows, columns=["indicator_id", "measured_date", "value"])
    return goal, indicator, measurement


def _scale(inhabitants: pd.Series, total: int) -> pd.Series:
    """Integers proportional to inhabitants summing exactly to total (largest remainder)."""
    return pd.Series(_split(total, inhabitants.to_numpy()), index=inhabitants.index)


def _municipalities() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Municipalities per year (seed 2023/2024, scaled otherwise) and their contributions."""
    rng = _rng(4)
    seed = {y: pd.read_csv(config.SEED_DIR / f"gemeenten_{y}.csv", dtype={"cbs_code": str})
            .rename(columns={"gemeentenaam": "name", "provincie": "province",
                             "inwoners": "inhabitants"}) for y in (2023, 2024)}
    frames = []
    for year in YEARS:
        base = seed[2023] if year <= 2023 else seed[2024]
        df = base[["cbs_code", "name", "province", "inhabitants"]].copy()
        if year in NATIONAL_INHABITANTS:
            df["inhabitants"] = _scale(df["inhabitants"], NATIONAL_INHABITANTS[year])
        df.insert(0, "year", year)
        frames.append(df)
    municipality = pd.concat(frames, ignore_index=True)
    municipality["inhabitants"] = municipality["inhabitants"].astype(np.int64)

    rows: list[tuple] = []
    for year, group in municipality.groupby("year", sort=True):
        rate = Decimal(RATE_PER_INHABITANT_EUR[year])
        rate_cents = int(rate * 100)
        n = len(group)
        # a couple of late payments in earlier years; five July instalments still open now
        late = {int(x) for x in rng.choice(2 * n, size=2 + year % 2, replace=False)} \
            if year < AS_OF.year else set()
        unpaid = {int(x) for x in rng.choice(n, size=5, replace=False)} \
            if year == AS_OF.year else set()
        offsets = rng.integers(10, 50, (n, 2))
        for k, code in enumerate(group["cbs_code"]):
            # half the yearly amount per instalment, rounded half up to the cent
            cents = (int(group["inhabitants"].iloc[k]) * rate_cents + 1) // 2
            for j, instalment in enumerate(codes.INSTALMENTS):
                on = dt.date(year, 1 + 6 * j, 1) + dt.timedelta(days=int(offsets[k, j]))
                if 2 * k + j in late:
                    on += dt.timedelta(days=int(rng.integers(60, 120)))
                paid = None if j == 1 and k in unpaid else on
                rows.append((year, code, instalment, rate, _euro(cents), paid))
    contribution = pd.DataFrame(rows, columns=["year", "cbs_code", "instalment",
                                               "rate_per_inhabitant_eur", "amount_eur",
                                               "paid_date"])
    return municipality, contribution


def _reference() -> tuple[pd.DataFrame, pd.DataFrame]:
    split_norm = pd.DataFrame(
        [(2018, c, Decimal(n), Decimal("2.0")) for c, n in zip(codes.CATEGORIES, (50, 20, 30))],
        columns=["valid_from_year", "category", "norm_pct", "tolerance_pp"])
    cpi = pd.read_csv(config.SEED_DIR / "cpi_nl_jaarmutatie.csv",
                      dtype={"cpi_jaarmutatie_pct": str})
    cpi = pd.DataFrame({"year": cpi["jaar"].astype(np.int64),
                        "change_pct": [Decimal(v) for v in cpi["cpi_jaarmutatie_pct"]],
                        "source": cpi["bron"]})
    return split_norm, cpi


def build_tables() -> dict[str, pd.DataFrame]:
    """The demo data set: one frame per data table, columns as in schema.sql."""
    items = _items()
    budget = _budget(items)
    spend = _spend(items, budget)
    goal, indicator, measurement = _goals()
    municipality, contribution = _municipalities()
    split_norm, cpi = _reference()
    reports = history.status_reports(items, FIRST_YEAR, AS_OF, _rng(5))
    decisions = history.decisions(items, reports, YEARS, AS_OF)
    item = items.drop(columns=["size", "season", "profile"])[
        ["item_id", "name", "kind", "category", "theme", "goal_id", "owner", "start_year",
         "end_year", "status", "status_reason", "phase"]]
    budget = pd.concat([budget, plan.multi_year_budget(budget, LAST_YEAR)], ignore_index=True)
    return {"goal": goal, "item": item, "budget": budget, "spend": spend, "indicator": indicator,
            "measurement": measurement, "municipality": municipality,
            "contribution": contribution, "split_norm": split_norm, "cpi": cpi,
            "exception_rule": pd.DataFrame(
                [(r, m, o, Decimal(t), True) for r, m, o, t in EXCEPTION_RULES],
                columns=["rule_id", "metric", "operator", "threshold", "is_active"]),
            "proposal": plan.proposals(), "status_report": reports, "decision": decisions,
            "item_use": item_use(items, municipality, LAST_YEAR, _rng(5))}


def content_hash(tables: dict[str, pd.DataFrame]) -> str:
    """sha256 over every table as sorted CSV lines: equal for equal content."""
    h = hashlib.sha256()
    for name in sorted(tables):
        df = tables[name]
        lines = df.to_csv(index=False, header=False, lineterminator="\n").splitlines()
        h.update(f"## {name}\n{','.join(df.columns)}\n".encode())
        h.update("\n".join(sorted(lines)).encode())
    return h.hexdigest()


def _exact(df: pd.DataFrame) -> pd.DataFrame:
    """Decimal columns as text: DuckDB would infer a too narrow DECIMAL from a sample."""
    df = df.copy()
    for column in df.columns:
        if df[column].dtype == object and isinstance(df[column].iloc[0], Decimal):
            df[column] = df[column].map(str).astype(str)
    return df


def filler(tables: dict[str, pd.DataFrame]):
    def fill(con) -> dict[str, int]:
        """Replace the data tables by the demo frames (within the snapshot's transaction)."""
        for table in CLEAR_ORDER:
            con.execute(f"delete from {table}")
        # the whole set is demo data again: nothing is loaded (see ggu/ingest/provenance.py)
        con.execute("delete from meta where key in ('demo_snapshot', 'loaded_json')")
        rows = {}
        for table in TABLES:
            columns = [r[0] for r in con.execute(
                "select column_name from information_schema.columns "
                "where table_name = $t and table_catalog = current_database() "
                "order by ordinal_position", {"t": table}).fetchall()]
            con.register("demo_frame", _exact(tables[table][columns]))
            con.execute(f"insert into {table} select * from demo_frame")
            con.unregister("demo_frame")
            rows[table] = len(tables[table])
        return rows
    return fill


def build(data_dir=None, user: str = "demo") -> str | None:
    """Write the demo data set as a new snapshot; None when the current one already holds it
    (with this code's schema)."""
    store = Store(data_dir)
    tables = build_tables()
    digest = content_hash(tables)
    if store.current_id() is not None:
        meta = store.meta()
        if meta.get("content_sha256") == digest and meta.get("is_demo") == "true":
            return store.upgrade(user)  # same content: at most a schema upgrade
    return store.write(
        filler(tables), action="demo", user=user,
        meta={"is_demo": "true", "as_of_date": AS_OF.isoformat(), "source": "voorbeelddata",
              "content_sha256": digest},
        sha256=digest,
        message=f"Voorbeelddata {FIRST_YEAR}-{LAST_YEAR}, peildatum {AS_OF:%d-%m-%Y}",
    )

"""The pandas baseline of the benchmark: what queries/ return, written the way a typical
Streamlit dashboard does it: the raw tables held in memory as DataFrames (the transactions
included), and groupby/merge over them on every call. No pre-aggregated table is read: the
monthly spending and the year-end forecast are computed from the transactions each time.

`BASELINES` maps a query name to fn(frames, params) -> DataFrame; tests/test_bench_pandas.py
checks each against its SQL query on the same snapshot and parameters."""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ggu.store.codes import CATEGORIES
from ggu.store.snapshots import READ_ONLY_CONFIG

TABLES = ("item", "goal", "budget", "contribution", "municipality", "split_norm", "cpi",
          "exception_rule", "meta", "status_report")
MONEY = {"budget": ["budget_eur"], "contribution": ["amount_eur", "rate_per_inhabitant_eur"],
         "split_norm": ["norm_pct", "tolerance_pp"], "cpi": ["change_pct"],
         "exception_rule": ["threshold"]}


def load(path: Path) -> dict[str, pd.DataFrame]:
    """The tables as lean frames (categoricals, float money): what the app would hold. The
    transactions keep tx_id and description because transactions_by_item shows them."""
    with duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG) as con:
        frames = {t: con.execute(f"select * from {t}").df() for t in TABLES}  # noqa: S608
        frames["spend"] = con.execute(
            "select tx_id, item_id, booking_date, cast(amount_eur as double) as amount_eur, "
            "cost_type, description from spend").df()
    for table, columns in MONEY.items():
        frames[table][columns] = frames[table][columns].astype(float)
    spend = frames["spend"]
    spend["item_id"] = spend["item_id"].astype("category")
    spend["cost_type"] = spend["cost_type"].astype("category")
    # v_budget: the budget rows up to the base year (later rows are the multi-year budget)
    budget = frames["budget"]
    monitored = budget[budget["year"] <= _as_of(frames).year]
    base_year = monitored["year"].max() if not monitored.empty else budget["year"].max()
    frames["budget"] = budget[budget["year"] <= base_year].reset_index(drop=True)
    return frames


# -- shared pieces --------------------------------------------------------------------------

def _as_of(f) -> pd.Timestamp:
    meta = dict(zip(f["meta"]["key"], f["meta"]["value"]))
    stated = pd.to_datetime(meta.get("as_of_date"), errors="coerce")
    return f["spend"]["booking_date"].max() if pd.isna(stated) else stated


def _in_years(s: pd.DataFrame, year_from, year_to) -> pd.DataFrame:
    if year_from is None:
        return s
    dates = s["booking_date"]
    return s[(dates >= pd.Timestamp(int(year_from), 1, 1))
             & (dates < pd.Timestamp(int(year_to) + 1, 1, 1))]


def _monthly(f, year_from=None, year_to=None, cost_types=None) -> pd.DataFrame:
    """Spending per item x year x month, summed from the transactions."""
    s = _in_years(f["spend"], year_from, year_to)
    if cost_types:
        s = s[s["cost_type"].isin(cost_types)]
    months = s["booking_date"].to_numpy().astype("datetime64[M]").astype(np.int64)
    out = (s.groupby([s["item_id"], months], observed=True)["amount_eur"].sum()
           .rename("spent_eur").reset_index())
    out.columns = ["item_id", "m", "spent_eur"]
    out["item_id"] = out["item_id"].astype(str)
    out["year"], out["month"] = out["m"] // 12 + 1970, out["m"] % 12 + 1
    return out.drop(columns="m")


def _items(f, p=None) -> pd.DataFrame:
    """The items with their goal name (v_item), narrowed by the explorer's list filters."""
    items = f["item"].merge(f["goal"][["goal_id", "name"]].rename(columns={"name": "goal_name"}),
                            on="goal_id", how="left")
    p = p or {}
    for param, column in (("categories", "category"), ("themes", "theme"),
                          ("goals", "goal_id"), ("items", "item_id")):
        if p.get(param):
            items = items[items[column].isin(p[param])]
    return items


def _funding_share(f, monthly) -> pd.DataFrame:
    """v_funding_share: each item-year's budget fraction per source; spending of an item-year
    without a positive budget total counts as Fonds GGU."""
    b = f["budget"]
    total = b.groupby(["item_id", "year"])["budget_eur"].transform("sum")
    share = b.assign(budget_fraction=b["budget_eur"] / total.where(total != 0))
    share = share.dropna(subset=["budget_fraction"])
    share = share[["item_id", "year", "funding_source", "budget_fraction"]]
    spent = monthly[["item_id", "year"]].drop_duplicates()
    orphan = spent.merge(share[["item_id", "year"]].drop_duplicates(), how="left",
                         indicator=True).query("_merge == 'left_only'")
    orphan = orphan[["item_id", "year"]].assign(funding_source="fonds_ggu", budget_fraction=1.0)
    return pd.concat([share, orphan], ignore_index=True)


def _fraction(f, monthly, sources) -> pd.DataFrame:
    share = _funding_share(f, monthly)
    if sources:
        share = share[share["funding_source"].isin(sources)]
    return share.groupby(["item_id", "year"], as_index=False)["budget_fraction"].sum()


def _price_index(f) -> pd.DataFrame:
    years = sorted(set(f["cpi"]["year"]) | set(f["budget"]["year"])
                   | set(f["municipality"]["year"]))
    out = pd.DataFrame({"year": years}).merge(f["cpi"], on="year", how="left")
    out["used_change_pct"] = out["change_pct"].ffill().fillna(0)
    out["price_index"] = (1 + out["used_change_pct"] / 100).cumprod()
    return out


def _factor(f, unit, base_year) -> pd.Series:
    """v_amount_factor for one unit and base year: euro -> the unit shown, per year."""
    index = _price_index(f).set_index("year")["price_index"]
    if base_year is None or base_year not in index.index:
        return index.iloc[:0]
    if unit == "eur":
        return index * 0 + 1.0
    if unit == "per_inhabitant":
        return 1.0 / f["municipality"].groupby("year")["inhabitants"].sum().reindex(index.index)
    if unit == "constant":
        return index[base_year] / index
    return index.iloc[:0]


def _order(df: pd.DataFrame, column="category") -> pd.DataFrame:
    return df.assign(_o=df[column].map({c: i for i, c in enumerate(CATEGORIES)}))


def _ratio(num, den):
    """100 * num / den, null where den is 0 (as x / nullif(y, 0))."""
    return 100 * num / (den.where(den != 0) if isinstance(den, pd.Series) else den or np.nan)


# -- the year-end forecast (v_item_month_weight, v_item_forecast) ---------------------------

def _weights(f, monthly, as_of_year, cut_month, item_years) -> pd.DataFrame:
    """Per item-year x month the weight of the month: the average monthly share over the
    item's earlier complete years, or 1/12 (run rate) without a usable pattern."""
    annual = (monthly[monthly["year"] < as_of_year].groupby(["item_id", "year"], as_index=False)
              ["spent_eur"].sum().rename(columns={"spent_eur": "total_eur", "year": "hy"}))
    annual = annual[annual["total_eur"] > 0]
    history = item_years.merge(annual, on="item_id")
    history = history[history["hy"] < history["year"]]
    count = history.groupby(["item_id", "year"]).size().rename("pattern_years")
    shares = history.merge(monthly.rename(columns={"year": "hy"}), on=["item_id", "hy"])
    shares["share"] = shares["spent_eur"] / shares["total_eur"]
    share_sum = shares.groupby(["item_id", "year", "month"])["share"].sum()
    grid = item_years.merge(pd.DataFrame({"month": range(1, 13)}), how="cross")
    grid = grid.join(count, on=["item_id", "year"]).join(share_sum, on=["item_id", "year", "month"])
    grid["share"] = grid["share"].fillna(0) / grid["pattern_years"]
    to_cut = grid[grid["month"] <= cut_month].groupby(["item_id", "year"])["share"].sum()
    usable = (to_cut > 1e-9).rename("is_usable")
    grid = grid.join(usable, on=["item_id", "year"])
    grid["is_usable"] = grid["is_usable"].fillna(False).astype(bool) & grid["pattern_years"].notna()
    grid["weight"] = grid["share"].where(grid["is_usable"], 1 / 12)
    grid["method"] = np.where(grid["is_usable"], "pattern", "run_rate")
    grid["pattern_years"] = grid["pattern_years"].where(grid["is_usable"], 0).astype(int)
    return grid[["item_id", "year", "month", "weight", "method", "pattern_years"]]


def _forecast(f, monthly=None, with_weights=False):
    """v_item_forecast: per item x year of the portfolio budget, spending, spending to the
    cut-off month and the year-end forecast, computed from the transactions."""
    as_of = _as_of(f)
    as_of_year, cut = as_of.year, as_of.month
    monthly = _monthly(f) if monthly is None else monthly
    budget = f["budget"].groupby(["item_id", "year"], as_index=False)["budget_eur"].sum()
    spend = monthly.assign(to_cut=monthly["spent_eur"].where(monthly["month"] <= cut, 0))
    spend = spend.groupby(["item_id", "year"], as_index=False).agg(
        spent_eur=("spent_eur", "sum"), spent_to_cut_eur=("to_cut", "sum"))
    item_years = pd.concat([budget[["item_id", "year"]], spend[["item_id", "year"]]]
                           ).drop_duplicates()
    active = f["item"].loc[f["item"]["phase"] != "afgerond", ["item_id", "start_year"]].merge(
        pd.DataFrame({"year": f["budget"]["year"].unique()}), how="cross")
    active = active.loc[active["start_year"] <= active["year"], ["item_id", "year"]]
    out = pd.concat([item_years, active]).drop_duplicates()
    weights = _weights(f, monthly, as_of_year, cut, item_years)
    after = weights.assign(after=weights["weight"].where(weights["month"] > cut, 0)).groupby(
        ["item_id", "year"]).agg(method=("method", "first"),
                                 pattern_years=("pattern_years", "first"),
                                 share_after=("after", "sum"))
    out = (out.merge(budget, how="left").merge(spend, how="left")
           .join(after, on=["item_id", "year"]))
    out = out.fillna({"budget_eur": 0.0, "spent_eur": 0.0, "spent_to_cut_eur": 0.0,
                      "method": "run_rate", "pattern_years": 0, "share_after": (12 - cut) / 12})
    out["cut_month"] = cut
    out["is_closed_year"] = out["year"] < as_of_year
    out["model_forecast_eur"] = (out["spent_to_cut_eur"] / (1 - out["share_after"])).round(2)
    out["forecast_eur"] = np.select(
        [out["year"] < as_of_year, out["year"] == as_of_year],
        [out["spent_eur"], out["model_forecast_eur"]], out["budget_eur"])
    out["forecast_method"] = np.select(
        [out["year"] < as_of_year, out["year"] == as_of_year],
        ["actual", out["method"]], "budget")
    return (out, weights) if with_weights else out


STATUS_RANK = {"groen": 1, "oranje": 2, "rood": 3}


def _status_by_year(f, years) -> pd.DataFrame:
    """v_item_status_by_year: per item and year its latest status report on or before the end
    of the year (the as-of date for a later one), else the status on Projecten."""
    as_of = _as_of(f)
    reports = f["status_report"].sort_values(["item_id", "report_date"]).copy()
    reports["report_date"] = pd.to_datetime(reports["report_date"])
    reports["previous_status"] = reports.groupby("item_id")["status"].shift()
    rows = []
    for year in sorted(set(int(y) for y in years)):
        day = min(pd.Timestamp(year, 12, 31), as_of)
        latest = reports[reports["report_date"] <= day].groupby("item_id").tail(1)
        s = f["item"][["item_id", "status", "status_reason", "phase"]].merge(
            latest, on="item_id", how="left", suffixes=("_item", ""))
        has = s["report_date"].notna()
        rows.append(pd.DataFrame({
            "item_id": s["item_id"], "year": year,
            "status": s["status"].where(has, s["status_item"]),
            "explanation": s["explanation"].where(has, s["status_reason"]),
            "phase": s["phase"].where(s["phase"].notna(), s["phase_item"]),
            "is_worse": (s["status"].map(STATUS_RANK)
                         > s["previous_status"].map(STATUS_RANK)).fillna(False)}))
    return pd.concat(rows, ignore_index=True)


def _exceptions(f, forecast) -> pd.DataFrame:
    """v_item_exception: every active rule an item-year breaks, with the metric's value."""
    w = forecast.merge(f["item"][["item_id", "end_year"]], on="item_id").merge(
        _status_by_year(f, forecast["year"].unique()), on=["item_id", "year"])
    budget = w["budget_eur"].where(w["budget_eur"] != 0)
    metrics = pd.DataFrame({
        "item_id": w["item_id"], "year": w["year"],
        "forecast_overspend_pct": 100 * (w["forecast_eur"] - w["budget_eur"]) / budget,
        "forecast_overspend_eur": w["forecast_eur"] - w["budget_eur"],
        "forecast_underspend_pct": 100 * (w["budget_eur"] - w["forecast_eur"]) / budget,
        "is_red": (w["status"] == "rood").astype(float),
        "is_overdue": ((w["phase"] != "afgerond") & (w["end_year"] < w["year"])).astype(float)
        .where(w["end_year"].notna()),
        "is_worse": w["is_worse"].astype(float),
    }).melt(id_vars=["item_id", "year"], var_name="metric", value_name="metric_value")
    rules = f["exception_rule"][f["exception_rule"]["is_active"]]
    m = metrics.dropna(subset=["metric_value"]).merge(rules, on="metric")
    value, limit = m["metric_value"], m["threshold"]
    ops = {">": value > limit, ">=": value >= limit, "<": value < limit, "<=": value <= limit,
           "=": value == limit}
    broken = np.select([m["operator"] == op for op in ops], list(ops.values()), False)
    return m[broken.astype(bool)]


def _rule_lists(broken) -> pd.Series:
    """v_item_exception_list: per item the rules it breaks, as a list ordered by rule id."""
    cols = ["rule_id", "metric", "operator", "threshold", "metric_value"]
    broken = broken.sort_values("rule_id")
    return broken.groupby("item_id")[cols].apply(lambda g: g.to_dict("records")).rename("rules")


# -- one function per query -----------------------------------------------------------------

def spend_by_level(f, p):
    """Budget and spending per category, theme and item over the years, in the unit asked for."""
    y0, y1 = p.get("year_from"), p.get("year_to")
    factor = _factor(f, p.get("unit"), p.get("base_year")).rename("factor")
    items = _items(f, p)
    monthly = _monthly(f, y0, y1, p.get("cost_types"))
    b = f["budget"][f["budget"]["year"].between(y0, y1)]
    if p.get("funding_sources"):
        b = b[b["funding_source"].isin(p["funding_sources"])]
    b = b.join(factor, on="year", how="inner")
    budget = (b["budget_eur"] * b["factor"]).groupby(b["item_id"]).sum().rename("budget_eur")
    s = (monthly.merge(_fraction(f, monthly, p.get("funding_sources")), on=["item_id", "year"])
         .join(factor, on="year", how="inner"))
    spent = (s["spent_eur"] * s["budget_fraction"] * s["factor"]).groupby(s["item_id"]).sum()
    amounts = pd.concat([budget, spent.rename("spent_eur")], axis=1).fillna(0)
    by_item = items.merge(amounts, left_on="item_id", right_index=True)
    digits = 4 if p.get("unit") == "per_inhabitant" else 2
    levels = []
    for level, keys in (("total", []), ("category", ["category"]),
                        ("theme", ["category", "theme"]),
                        ("item", ["category", "theme", "item_id"])):
        g = (by_item.groupby(keys) if keys else by_item.groupby(lambda _: 0)).agg(
            item_count=("item_id", "size"), budget_eur=("budget_eur", "sum"),
            spent_eur=("spent_eur", "sum"), item_name=("name", "first"),
            goal_id=("goal_id", "first"), goal_name=("goal_name", "first"))
        g = g.reset_index(drop=not keys).assign(node_level=level)
        if level != "item":
            g[["item_name", "goal_id", "goal_name"]] = None
        levels.append(g)
    out = pd.concat(levels, ignore_index=True)
    out[["budget_eur", "spent_eur"]] = out[["budget_eur", "spent_eur"]].round(digits)
    out["difference_eur"] = out["spent_eur"] - out["budget_eur"]
    out["realised_pct"] = _ratio(out["spent_eur"], out["budget_eur"])
    item = out["node_level"] == "item"
    by_name = out[item].sort_values("item_name")
    out["rank_spent"] = by_name.sort_values("spent_eur", ascending=False, kind="stable").assign(
        r=range(1, item.sum() + 1))["r"]
    over = by_name[by_name["difference_eur"] > 0].sort_values("difference_eur", ascending=False,
                                                              kind="stable")
    out["rank_over"] = over.assign(r=range(1, len(over) + 1))["r"]
    under = by_name[by_name["difference_eur"] < 0].sort_values("difference_eur", kind="stable")
    out["rank_under"] = under.assign(r=range(1, len(under) + 1))["r"]
    levels_order = {"total": 0, "category": 1, "theme": 2, "item": 3}
    out = _order(out).assign(_l=out["node_level"].map(levels_order))
    return out.sort_values(["_l", "_o", "theme", "item_name"], na_position="first").drop(
        columns=["_l", "_o"]).reset_index(drop=True)


def spend_by_month(f, p):
    """Spending per month, cumulative per year, against the year's budget and the year before."""
    y0, y1 = p.get("year_from"), p.get("year_to")
    unit = p.get("unit")
    factor = _factor(f, unit, p.get("base_year")).rename("factor")
    items = _items(f, p)["item_id"]
    as_of = _as_of(f)
    monthly = _monthly(f, y0, y1, p.get("cost_types"))
    fraction = _fraction(f, monthly, p.get("funding_sources"))
    s = (monthly[monthly["item_id"].isin(items)].merge(fraction, on=["item_id", "year"])
         .join(factor, on="year", how="inner"))
    spent = ((s["spent_eur"] * s["budget_fraction"] * s["factor"])
             .groupby([s["year"], s["month"]]).sum().rename("spent_eur"))
    b = f["budget"][f["budget"]["year"].between(y0, y1) & f["budget"]["item_id"].isin(items)]
    if p.get("funding_sources"):
        b = b[b["funding_source"].isin(p["funding_sources"])]
    b = b.join(factor, on="year", how="inner")
    budget = (b["budget_eur"] * b["factor"]).groupby(b["year"]).sum().rename("budget_eur")
    out = pd.MultiIndex.from_product([range(y0, y1 + 1), range(1, 13)],
                                     names=["year", "month"]).to_frame(index=False)
    out = out[out["month"] <= np.where(out["year"] == as_of.year, as_of.month, 12)]
    out["is_same_months"] = out["month"] <= (as_of.month if y1 == as_of.year else 12)
    out = out.join(spent, on=["year", "month"]).join(budget, on="year").fillna(
        {"spent_eur": 0.0, "budget_eur": 0.0})
    out["cumulative_spent_eur"] = out.groupby("year")["spent_eur"].cumsum()
    out["cumulative_realised_pct"] = _ratio(out["cumulative_spent_eur"], out["budget_eur"])
    digits = 4 if unit == "per_inhabitant" else 2
    money = ["spent_eur", "cumulative_spent_eur", "budget_eur"]
    out[money] = out[money].round(digits)
    out["prev_year_cumulative_spent_eur"] = out.groupby("month")["cumulative_spent_eur"].shift()
    out["change_pct"] = _ratio(out["cumulative_spent_eur"],
                               out["prev_year_cumulative_spent_eur"]) - 100
    return out.reset_index(drop=True)


def forecast_by_category(f, p):
    """Budget, spending and year-end forecast per category and in total."""
    fc = _forecast(f)
    fc = fc[fc["year"] == p["year"]].merge(f["item"][["item_id", "category"]], on="item_id")
    cols = ["budget_eur", "spent_eur", "forecast_eur"]
    out = fc.groupby("category")[cols].sum().reset_index().assign(is_total=False)
    total = fc[cols].sum().to_frame().T.assign(category=None, is_total=True)
    out = pd.concat([_order(out).sort_values("_o").drop(columns="_o"), total], ignore_index=True)
    out["realised_pct"] = _ratio(out["spent_eur"], out["budget_eur"])
    out["forecast_deviation_eur"] = out["forecast_eur"] - out["budget_eur"]
    out["forecast_deviation_pct"] = _ratio(out["forecast_deviation_eur"], out["budget_eur"])
    out["forecast_realised_pct"] = _ratio(out["forecast_eur"], out["budget_eur"])
    return out


def portfolio_by_item(f, p):
    """Every item of the year's portfolio with its forecast, broken rules and the comparison."""
    fc = _forecast(f)
    year = fc[fc["year"] == p["year"]]
    compare = fc.loc[fc["year"] == p.get("compare_year"), ["item_id", "budget_eur", "forecast_eur"]]
    rules = _rule_lists(_exceptions(f, year))
    status = _status_by_year(f, [p["year"]]).drop(columns=["year", "is_worse"]).rename(
        columns={"explanation": "status_reason"})
    out = (year[["item_id", "budget_eur", "spent_eur", "forecast_eur", "forecast_method",
                 "pattern_years"]]
           .merge(_items(f).drop(columns=["status", "status_reason", "phase"]), on="item_id")
           .merge(status, on="item_id")
           .merge(compare.add_prefix("compare_").rename(columns={"compare_item_id": "item_id"}),
                  on="item_id", how="left")
           .join(rules, on="item_id"))
    out["rules"] = out["rules"].apply(lambda r: r if isinstance(r, list) else [])
    out["is_exception"] = out["rules"].str.len() > 0
    out["is_overdue"] = ((out["phase"] != "afgerond") & (out["end_year"] < p["year"])).fillna(False)
    out["realised_pct"] = _ratio(out["spent_eur"], out["budget_eur"])
    out["forecast_deviation_eur"] = out["forecast_eur"] - out["budget_eur"]
    out["forecast_deviation_pct"] = _ratio(out["forecast_deviation_eur"], out["budget_eur"])
    out["budget_change_pct"] = _ratio(out["budget_eur"] - out["compare_budget_eur"],
                                      out["compare_budget_eur"])
    out["forecast_change_pct"] = _ratio(out["forecast_eur"] - out["compare_forecast_eur"],
                                        out["compare_forecast_eur"])
    for param, column in (("categories", "category"), ("themes", "theme"), ("goals", "goal_id"),
                          ("statuses", "status"), ("kinds", "kind")):
        if p.get(param):
            out = out[out[column].isin(p[param])]
    if p.get("search"):
        text = (out["name"] + " " + out["item_id"] + " " + out["theme"] + " " + out["owner"])
        out = out[text.str.lower().str.contains(p["search"].lower(), regex=False)]
    if p.get("only_exceptions"):
        out = out[out["is_exception"]]
    out = out.assign(_d=out["forecast_deviation_eur"].abs())
    return out.sort_values(["is_exception", "_d", "name"], ascending=[False, False, True]).drop(
        columns="_d").reset_index(drop=True)


def exceptions_by_item(f, p):
    """The items that break an exception rule in the year, red first, then the largest deviation."""
    fc = _forecast(f)
    year = fc[fc["year"] == p["year"]]
    out = (year.join(_rule_lists(_exceptions(f, year)), on="item_id", how="inner")
           .merge(f["item"][["item_id", "name", "category"]], on="item_id")
           .merge(_status_by_year(f, [p["year"]])[["item_id", "status", "explanation"]]
                  .rename(columns={"explanation": "status_reason"}), on="item_id"))
    out["forecast_deviation_eur"] = out["forecast_eur"] - out["budget_eur"]
    out["realised_pct"] = _ratio(out["spent_eur"], out["budget_eur"])
    out["is_red"] = out["status"] == "rood"
    out = out.assign(_d=out["forecast_deviation_eur"].abs())
    out = out.sort_values(["is_red", "_d", "name"], ascending=[False, False, True])
    return out[["item_id", "name", "category", "status", "status_reason", "budget_eur",
                "spent_eur", "forecast_eur", "forecast_deviation_eur", "realised_pct", "is_red",
                "rules"]].reset_index(drop=True)


def burnup_by_month(f, p):
    """Cumulative spending per month of the year and the forecast continued to December."""
    fc, weights = _forecast(f, with_weights=True)
    fc = fc[fc["year"] == p["year"]]
    if p.get("item_id") is not None:
        fc = fc[fc["item_id"] == p["item_id"]]
    monthly = _monthly(f, p["year"], p["year"])
    m = (fc.merge(pd.DataFrame({"month": range(1, 13)}), how="cross")
         .merge(weights, on=["item_id", "year", "month"], how="left", suffixes=("", "_w"))
         .merge(monthly[["item_id", "month", "spent_eur"]].rename(columns={"spent_eur": "m_eur"}),
                on=["item_id", "month"], how="left")
         .sort_values(["item_id", "month"]))
    m["weight"] = m["weight"].fillna(1 / 12)
    m["spent_cum_eur"] = m["m_eur"].fillna(0).groupby(m["item_id"]).cumsum()
    after = m["weight"].where(m["month"] > m["cut_month"], 0).groupby(m["item_id"]).cumsum()
    part = (after / m["share_after"].where(m["share_after"] != 0)).fillna(0)
    m["forecast_cum_eur"] = (m["spent_to_cut_eur"]
                             + (m["forecast_eur"] - m["spent_to_cut_eur"]) * part)
    out = m.groupby("month").agg(budget_eur=("budget_eur", "sum"),
                                 spent_cum_eur=("spent_cum_eur", "sum"),
                                 forecast_cum_eur=("forecast_cum_eur", "sum"),
                                 closed=("is_closed_year", "all"),
                                 any_closed=("is_closed_year", "any"),
                                 cut_month=("cut_month", "first")).reset_index()
    out["month_end_date"] = (pd.to_datetime({"year": p["year"], "month": out["month"], "day": 1})
                             + pd.offsets.MonthEnd(0))
    out["spent_cum_eur"] = out["spent_cum_eur"].where(out["closed"]
                                                      | (out["month"] <= out["cut_month"]))
    out["forecast_cum_eur"] = out["forecast_cum_eur"].round(2).where(
        ~out["any_closed"] & (out["month"] >= out["cut_month"]))
    return out[["month", "month_end_date", "budget_eur", "spent_cum_eur", "forecast_cum_eur"]]


def budget_spent_forecast_by_year(f, p):
    """Per year the budget, spending and year-end forecast of one item or the whole portfolio."""
    fc = _forecast(f)
    if p.get("item_id") is not None:
        fc = fc[fc["item_id"] == p["item_id"]]
    out = fc.groupby("year").agg(budget_eur=("budget_eur", "sum"), spent_eur=("spent_eur", "sum"),
                                 forecast_eur=("forecast_eur", "sum")).reset_index()
    out = out[(out["budget_eur"] > 0) | (out["spent_eur"] > 0)]
    out["realised_pct"] = _ratio(out["spent_eur"], out["budget_eur"])
    out["is_partial_year"] = out["year"] == _as_of(f).year
    return out.reset_index(drop=True)


def _contributions(f, year):
    c = f["contribution"]
    return c if year is None else c[c["year"] == year]


def contributions_by_year(f, p):
    """Per year the contributions due and received, other funding and the fund's spending."""
    year, as_of = p.get("year"), _as_of(f)
    c = _contributions(f, year)
    received = c["amount_eur"].where(c["paid_date"] <= as_of, 0)
    c = c.assign(jan=c["amount_eur"].where(c["instalment"] == "januari"),
                 jul=c["amount_eur"].where(c["instalment"] == "juli"),
                 jan_r=received.where(c["instalment"] == "januari", 0),
                 jul_r=received.where(c["instalment"] == "juli", 0))
    out = c.groupby("year").agg(
        rate_per_inhabitant_eur=("rate_per_inhabitant_eur", "max"),
        paying_municipalities=("cbs_code", "nunique"), fund_eur=("amount_eur", "sum"),
        january_due_eur=("jan", "sum"), january_received_eur=("jan_r", "sum"),
        july_due_eur=("jul", "sum"), july_received_eur=("jul_r", "sum"))
    m = f["municipality"] if year is None else f["municipality"][f["municipality"]["year"] == year]
    out["inhabitants"] = m.groupby("year")["inhabitants"].sum()
    out["contributions_received_eur"] = out["january_received_eur"] + out["july_received_eur"]
    b = f["budget"] if year is None else f["budget"][f["budget"]["year"] == year]
    by_source = b.pivot_table(index="year", columns="funding_source", values="budget_eur",
                              aggfunc="sum").reindex(columns=["rijk", "overig"])
    out[["budget_rijk_eur", "budget_overig_eur"]] = by_source.reindex(out.index)
    monthly = _monthly(f, year, year)
    share = _funding_share(f, monthly)
    s = monthly.merge(share[share["funding_source"] == "fonds_ggu"], on=["item_id", "year"])
    fund = (s["spent_eur"] * s["budget_fraction"]).groupby(s["year"]).sum()
    out["fund_spent_eur"] = fund.round(2)
    out = out.fillna({"budget_rijk_eur": 0.0, "budget_overig_eur": 0.0, "fund_spent_eur": 0.0})
    out["funding_eur"] = out["fund_eur"] + out["budget_rijk_eur"] \
        + out["budget_overig_eur"]
    out["balance_eur"] = out["fund_eur"] - out["fund_spent_eur"]
    out["is_partial_year"] = out.index == as_of.year
    return out.reset_index()


def contribution_by_municipality(f, p):
    """Per municipality the contribution due and received, per inhabitant and share of the fund."""
    c = _contributions(f, p["year"])
    c = c.assign(received=c["amount_eur"].where(c["paid_date"] <= _as_of(f), 0))
    out = c.groupby("cbs_code").agg(contribution_eur=("amount_eur", "sum"),
                                    received_eur=("received", "sum")).reset_index()
    m = f["municipality"]
    out = out.merge(m.loc[m["year"] == p["year"], ["cbs_code", "name", "province", "inhabitants"]],
                    on="cbs_code", how="left")
    out["per_inhabitant_eur"] = out["contribution_eur"] / out["inhabitants"]
    out["fund_share_pct"] = _ratio(out["contribution_eur"], out["contribution_eur"].sum())
    return out.sort_values("name").reset_index(drop=True)


def contribution_by_province(f, p):
    """Per province the municipalities, inhabitants and contributions due."""
    m = f["municipality"][f["municipality"]["year"] == p["year"]]
    c = _contributions(f, p["year"]).groupby("cbs_code")["amount_eur"].sum().reset_index()
    c = c.merge(m[["cbs_code", "province", "inhabitants"]], on="cbs_code")
    out = c.groupby("province").agg(municipalities=("cbs_code", "size"),
                                    inhabitants=("inhabitants", "sum"),
                                    contribution_eur=("amount_eur", "sum")).reset_index()
    out["per_inhabitant_eur"] = out["contribution_eur"] / out["inhabitants"]
    return out.sort_values("contribution_eur", ascending=False).reset_index(drop=True)


def goal_allocation_by_year(f, p):
    """Per goal the budget, spending and forecast of its items, shares and the comparison."""
    fc = _forecast(f)
    fc = fc.merge(f["item"][["item_id", "goal_id"]], on="item_id").merge(
        _status_by_year(f, fc["year"].unique())[["item_id", "year", "status"]],
        on=["item_id", "year"])
    fc["red"] = fc["status"] == "rood"

    def per_goal(year):
        return fc[fc["year"] == year].groupby("goal_id").agg(
            budget_eur=("budget_eur", "sum"), spent_eur=("spent_eur", "sum"),
            forecast_eur=("forecast_eur", "sum"), item_count=("item_id", "size"),
            red_item_count=("red", "sum"))

    this, compare = per_goal(p["year"]), per_goal(p.get("compare_year"))
    this["budget_share_pct"] = _ratio(this["budget_eur"], this["budget_eur"].sum())
    this["spent_share_pct"] = _ratio(this["spent_eur"], this["spent_eur"].sum())
    out = f["goal"][["goal_id", "name", "description"]].join(this, on="goal_id")
    out["realised_pct"] = _ratio(out["spent_eur"], out["budget_eur"])
    out["compare_budget_eur"] = out["goal_id"].map(compare["budget_eur"])
    out["compare_forecast_eur"] = out["goal_id"].map(compare["forecast_eur"])
    out["budget_change_pct"] = _ratio(out["budget_eur"] - out["compare_budget_eur"],
                                      out["compare_budget_eur"])
    out["forecast_change_pct"] = _ratio(out["forecast_eur"] - out["compare_forecast_eur"],
                                        out["compare_forecast_eur"])
    out = out.fillna({c: 0 for c in ("budget_eur", "spent_eur", "forecast_eur", "budget_share_pct",
                                     "spent_share_pct", "item_count", "red_item_count")})
    return out.sort_values("goal_id").reset_index(drop=True)


def transactions_by_item(f, p):
    """The transactions of an item in a year, newest first."""
    s = f["spend"]
    if p.get("item_id") is not None:
        s = s[s["item_id"] == p["item_id"]]
    s = _in_years(s, p.get("year"), p.get("year"))
    return s.sort_values(["booking_date", "tx_id"], ascending=False).reset_index(drop=True)


def _norm_by_year(f) -> pd.DataFrame:
    """v_norm_by_year: per budget year and category the norm with the latest valid_from_year."""
    years = pd.DataFrame({"year": f["budget"]["year"].unique()})
    n = years.merge(f["split_norm"], how="cross")
    n = n[n["valid_from_year"] <= n["year"]].sort_values("valid_from_year")
    return n.groupby(["year", "category"], as_index=False).last()


def whatif_fund_by_category(f, p):
    """The fund at a what-if rate and the envelope per category at the norm against the budget."""
    year = p["year"]
    m = f["municipality"][f["municipality"]["year"] == year]
    # exact cents, rounded half up as DuckDB rounds decimals: rate 4 and indexation 2 decimals
    rate = round(p["rate"] * 10_000) * round((100 + p["indexation_pct"]) * 100)
    instalment = (m["inhabitants"].astype(np.int64) * rate + 1_000_000) // 2_000_000
    fund = 2 * instalment.sum() / 100
    today = _contributions(f, year)["amount_eur"].sum()
    b = f["budget"][(f["budget"]["year"] == year) & (f["budget"]["funding_source"] == "fonds_ggu")]
    b = b.merge(f["item"][["item_id", "category"]], on="item_id")
    out = _norm_by_year(f)
    out = out[out["year"] == year][["category", "norm_pct"]].copy()
    out["inhabitants"], out["whatif_fund_eur"] = m["inhabitants"].sum(), fund
    out["fund_eur"] = today
    out["fund_change_eur"] = fund - today
    out["envelope_eur"] = (fund * out["norm_pct"] / 100).round(2)
    out["budget_fonds_eur"] = out["category"].map(b.groupby("category")["budget_eur"].sum()
                                                  ).fillna(0.0)
    out["gap_eur"] = out["envelope_eur"] - out["budget_fonds_eur"]
    return _order(out).sort_values("_o").drop(columns="_o").reset_index(drop=True)


def spend_filter_options(f, p):
    """The values of the spending filters: themes, goals, items and booked cost types."""
    items = _items(f)
    parts = [
        pd.DataFrame({"kind": "theme", "option_value": items["theme"],
                      "option_label": items["theme"]}).drop_duplicates(),
        pd.DataFrame({"kind": "goal", "option_value": items["goal_id"],
                      "option_label": items["goal_id"] + " " + items["goal_name"]})
        .drop_duplicates(),
        pd.DataFrame({"kind": "item", "option_value": items["item_id"],
                      "option_label": items["name"]}),
    ]
    cost_types = pd.Series(f["spend"]["cost_type"].unique().astype(str))
    parts.append(pd.DataFrame({"kind": "cost_type", "option_value": cost_types,
                               "option_label": cost_types}))
    return pd.concat(parts).sort_values(["kind", "option_label"]).reset_index(drop=True)


def totals_by_year(f, p):
    """Per year the budget (per funding source), spending, % realised and contributions."""
    year, as_of = p.get("year"), _as_of(f)
    b = f["budget"] if year is None else f["budget"][f["budget"]["year"] == year]
    out = b.pivot_table(index="year", columns="funding_source", values="budget_eur",
                        aggfunc="sum").reindex(columns=["fonds_ggu", "rijk", "overig"]).fillna(0)
    out.columns = [f"budget_{c.split('_')[0]}_eur" for c in out.columns]
    out.insert(0, "budget_eur", b.groupby("year")["budget_eur"].sum())
    s = _in_years(f["spend"], year, year)
    out["spent_eur"] = s.groupby(s["booking_date"].dt.year)["amount_eur"].sum()
    c = _contributions(f, year)
    c = c.assign(received=c["amount_eur"].where(c["paid_date"] <= as_of, 0))
    out = out.join(c.groupby("year").agg(fund_eur=("amount_eur", "sum"),
                                         contributions_received_eur=("received", "sum"),
                                         paying_municipalities=("cbs_code", "nunique")))
    out = out.fillna({"spent_eur": 0.0, "fund_eur": 0.0,
                      "contributions_received_eur": 0.0, "paying_municipalities": 0})
    out.insert(6, "realised_pct", _ratio(out["spent_eur"], out["budget_eur"]))
    out["is_partial_year"] = out.index == as_of.year
    return out.reset_index()


def split_by_category_by_year(f, p):
    """Per year and category budget and spending, their shares and the distance to the norm."""
    year = p.get("year")
    norm = _norm_by_year(f)
    b = f["budget"].merge(f["item"][["item_id", "category"]], on="item_id")
    s = _in_years(f["spend"], year, year)
    s = s.assign(year=s["booking_date"].dt.year).merge(f["item"][["item_id", "category"]],
                                                       on="item_id")
    if year is not None:
        norm, b = norm[norm["year"] == year], b[b["year"] == year]
    out = (norm[["year", "category", "norm_pct", "tolerance_pp"]]
           .join(b.groupby(["year", "category"])["budget_eur"].sum(), on=["year", "category"])
           .join(s.groupby(["year", "category"])["amount_eur"].sum().rename("spent_eur"),
                 on=["year", "category"])
           .fillna({"budget_eur": 0.0, "spent_eur": 0.0}))
    out["realised_pct"] = _ratio(out["spent_eur"], out["budget_eur"])
    for what in ("budget", "spent"):
        total = out.groupby("year")[f"{what}_eur"].transform("sum")
        out[f"{what}_share_pct"] = _ratio(out[f"{what}_eur"], total)
    out["deviation_pp"] = out["budget_share_pct"] - out["norm_pct"]
    out["spent_deviation_pp"] = out["spent_share_pct"] - out["norm_pct"]
    out["is_within_tolerance"] = out["deviation_pp"].abs().round(9) <= out["tolerance_pp"]
    out["is_spent_within_tolerance"] = (out["spent_deviation_pp"].abs().round(9)
                                        <= out["tolerance_pp"])
    return _order(out).sort_values(["year", "_o"]).drop(columns="_o").reset_index(drop=True)


def years(f, p):
    """The years with a budget, newest first."""
    return pd.DataFrame({"year": sorted(f["budget"]["year"].unique(), reverse=True)})


def meta(f, p):
    """The snapshot's key facts and the as-of date."""
    kv = dict(zip(f["meta"]["key"], f["meta"]["value"]))
    return pd.DataFrame([{"snapshot_id": kv.get("snapshot_id"), "created_at": kv.get("created_at"),
                          "is_demo": kv.get("is_demo", "false") == "true",
                          "data_source": kv.get("source"),
                          "schema_version": kv.get("schema_version"),
                          "loaded_json": kv.get("loaded_json"), "as_of_date": _as_of(f)}])


BASELINES = {fn.__name__: fn for fn in (
    spend_by_level, spend_by_month, forecast_by_category, portfolio_by_item, exceptions_by_item,
    burnup_by_month, budget_spent_forecast_by_year, contributions_by_year,
    contribution_by_municipality, contribution_by_province, goal_allocation_by_year,
    transactions_by_item, whatif_fund_by_category, spend_filter_options, totals_by_year,
    split_by_category_by_year, years, meta)}
# The parameters without which a query answers nothing worth timing (the baseline is skipped).
_EXPLORER = ("year_from", "year_to", "unit", "base_year")
REQUIRED = {"spend_by_level": _EXPLORER, "spend_by_month": _EXPLORER,
            "whatif_fund_by_category": ("year", "rate", "indexation_pct"),
            **{name: ("year",) for name in (
                "forecast_by_category", "portfolio_by_item", "exceptions_by_item",
                "burnup_by_month", "contribution_by_municipality", "contribution_by_province",
                "goal_allocation_by_year")}}


def time_baseline(path: Path, runs: int, params: dict) -> dict[str, float]:
    """Median ms per query name that has a pandas equivalent and its required parameters."""
    frames = load(path)
    out = {}
    for name, fn in BASELINES.items():
        if any(params.get(key) is None for key in REQUIRED.get(name, ())):
            continue
        fn(frames, params)  # warm-up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn(frames, params)
            times.append((time.perf_counter() - start) * 1000)
        out[name] = round(statistics.median(times), 2)
    return out


def time_in_subprocess(path: Path, runs: int, params: dict) -> tuple[dict[str, float], float]:
    """The baseline in its own process (its frames would dominate our peak memory).

    Returns (median ms per query, peak memory of that process in MB)."""
    out = subprocess.run([sys.executable, "-m", "tools.bench_pandas", str(path), str(runs),
                          json.dumps(params)], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.splitlines()[-1])  # after any progress bar output
    return result["medians"], result["peak_rss_mb"]


if __name__ == "__main__":
    medians = time_baseline(Path(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]))
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print("\n" + json.dumps({"medians": medians, "peak_rss_mb": peak}))

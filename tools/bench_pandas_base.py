"""The pandas peer's shared pieces (tools/bench_pandas.py): the tables loaded as frames, and the
views the queries read (v_funding_share, v_amount_factor, v_item_forecast,
v_item_status_by_year, v_item_exception) written in pandas, as a typical dashboard would."""
from __future__ import annotations

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
        frames = {t: con.table(t).df() for t in TABLES}
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

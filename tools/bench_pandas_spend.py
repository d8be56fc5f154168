"""The pandas peer of the spending queries (tools/bench_pandas.py): the explorer, the forecast,
the portfolio and its exceptions, the burn-up, an item's years and transactions."""
from __future__ import annotations

import numpy as np
import pandas as pd

from tools.bench_pandas_base import (
    _as_of,
    _exceptions,
    _factor,
    _forecast,
    _fraction,
    _in_years,
    _items,
    _monthly,
    _order,
    _ratio,
    _rule_lists,
    _status_by_year,
)


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


def transactions_by_item(f, p):
    """The transactions of an item in a year, newest first."""
    s = f["spend"]
    if p.get("item_id") is not None:
        s = s[s["item_id"] == p["item_id"]]
    s = _in_years(s, p.get("year"), p.get("year"))
    return s.sort_values(["booking_date", "tx_id"], ascending=False).reset_index(drop=True)


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

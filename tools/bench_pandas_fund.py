"""The pandas peer of the fund queries (tools/bench_pandas.py): contributions, goals, the
what-if, the year's totals and split, the years and the snapshot's meta."""
from __future__ import annotations

import numpy as np
import pandas as pd

from tools.bench_pandas_base import (
    _as_of,
    _forecast,
    _funding_share,
    _in_years,
    _monthly,
    _order,
    _ratio,
    _status_by_year,
)


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
        paying_municipalities=("cbs_code", "nunique"), contributions_due_eur=("amount_eur", "sum"),
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
    out["balance_eur"] = out["contributions_due_eur"] - out["fund_spent_eur"]
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
    out["inhabitants"], out["fund_eur"], out["today_fund_eur"] = m["inhabitants"].sum(), fund, today
    out["fund_change_eur"] = fund - today
    out["envelope_eur"] = (fund * out["norm_pct"] / 100).round(2)
    out["budget_fonds_eur"] = out["category"].map(b.groupby("category")["budget_eur"].sum()
                                                  ).fillna(0.0)
    out["gap_eur"] = out["envelope_eur"] - out["budget_fonds_eur"]
    return _order(out).sort_values("_o").drop(columns="_o").reset_index(drop=True)


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
    out = out.join(c.groupby("year").agg(contributions_due_eur=("amount_eur", "sum"),
                                         contributions_received_eur=("received", "sum"),
                                         paying_municipalities=("cbs_code", "nunique")))
    out = out.fillna({"spent_eur": 0.0, "contributions_due_eur": 0.0,
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

"""A scenario's figures, from the schema's plan macros through queries/plan_*.sql: the lines, and
per plan year the fund, budget, room and split; `basis`; the checks against the data; the
comparison of scenarios; the JSON of `plan show`.

Every function takes `query(name, **params)` (the page passes its cached one, the command line
ggu.store.query on its data folder), so the page, the command line and the report read one
set of figures."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd

from ggu.i18n import t
from ggu.plan.scenario import BASIS, PlanError, Scenario, is_basis
from ggu.plan.storage import Plans

Query = Callable[..., pd.DataFrame]
YEAR_COLUMNS = ["year", "rate_per_inhabitant_eur", "fund_eur", "year_budget_eur",
                "fonds_budget_eur", "room_eur"]


def base(query: Query) -> pd.Series:
    """The base year, its rate, the plan years (see queries/plan_base.sql)."""
    return query("plan_base").iloc[0]


def basis(query: Query) -> Scenario:
    """The carry-forward at the base year's rate, 0% indexation, no proposals: always there."""
    rate = base(query)["rate_per_inhabitant_eur"]
    return Scenario(BASIS, Decimal(str(rate if pd.notna(rate) else 0)).quantize(Decimal("0.0001")),
                    status="gepubliceerd", description=t("plan.basis_description"))


def resolve(name: str, plans: Plans, query: Query) -> Scenario:
    """`basis` or a saved scenario by name; PlanError when there is none."""
    if is_basis(name):
        return basis(query)
    found = plans.load(name)
    if found is None:
        raise PlanError(t("plan.err.unknown", name=name, known=", ".join(
            [BASIS, *plans.names()])))
    return found


def lines(scenario: Scenario, query: Query) -> pd.DataFrame:
    return query("plan_lines", scenario=scenario.sql_json())


def by_year(scenario: Scenario, query: Query) -> pd.DataFrame:
    """One row per plan year x category (year figures repeated); see plan_by_year.sql."""
    return query("plan_by_year", scenario=scenario.sql_json())


def years(scenario: Scenario, query: Query) -> pd.DataFrame:
    """One row per plan year: rate, fund, budget, budget from the fund, room."""
    return year_rows(by_year(scenario, query))


def year_rows(plan: pd.DataFrame) -> pd.DataFrame:
    """The year figures of plan_by_year rows (`by_year`), one row per plan year."""
    return plan.drop_duplicates("year")[YEAR_COLUMNS].reset_index(drop=True)


def contribution(scenario: Scenario, cbs_code: str, query: Query) -> pd.DataFrame:
    """One municipality's contribution in the base year and each plan year."""
    return query("plan_contribution_by_year", scenario=scenario.sql_json(), cbs_code=cbs_code)


def check(scenario: Scenario, query: Query) -> None:
    """PlanError when the scenario names a proposal or item the data does not hold, or a year
    outside the plan."""
    known = basis(query).replace(proposals=())
    all_lines = lines(known, query)
    proposals = set(all_lines.loc[all_lines["line_kind"] == "voorstel", "line_id"])
    items = set(all_lines.loc[all_lines["line_kind"] == "project", "line_id"])
    unknown = [p for p in scenario.proposals if p not in proposals]
    if unknown:
        raise PlanError(t("plan.err.proposal", ids=", ".join(unknown),
                          known=", ".join(sorted(proposals)) or "-"))
    bad = [c.line_id for c in scenario.changes if c.line_id not in items | proposals]
    if bad:
        raise PlanError(t("plan.err.item", ids=", ".join(bad)))
    b = base(query)
    first, last = int(b["first_plan_year"]), int(b["last_plan_year"])
    for c in scenario.changes:
        for y in (c.from_year, c.year):
            if y is not None and not first <= y <= last:
                raise PlanError(t("plan.err.year", value=y, first=first, last=last))


def show(scenario: Scenario, query: Query) -> dict:
    """The scenario as `plan show --json` prints it."""
    rows = by_year(scenario, query)
    b = base(query)
    out: dict[str, Any] = {
        "name": scenario.name, "status": scenario.status, "base_year": int(b["base_year"]),
        "rate_per_inhabitant_eur": float(scenario.rate_per_inhabitant_eur),
        "indexation_pct": float(scenario.indexation_pct), "years": []}
    for year, group in rows.groupby("year", sort=True):
        first = group.iloc[0]
        out["years"].append({
            "year": int(year),
            "rate_per_inhabitant_eur": round(float(first["rate_per_inhabitant_eur"]), 4),
            **{key: round(float(first[c]), 2) for key, c in (
                ("fund_eur", "fund_eur"), ("budget_eur", "year_budget_eur"),
                ("fonds_budget_eur", "fonds_budget_eur"), ("room_eur", "room_eur"))},
            "categories": [{
                "category": r.category,
                "budget_eur": round(float(r.budget_eur), 2),
                "share_pct": round(float(r.budget_share_pct), 2)
                if pd.notna(r.budget_share_pct) else None,
                "norm_pct": round(float(r.norm_pct), 2),
                "deviation_pp": round(float(r.deviation_pp), 2)
                if pd.notna(r.deviation_pp) else None,
                "within_tolerance": bool(r.is_within_tolerance)
                if pd.notna(r.is_within_tolerance) else False,
            } for r in group.itertuples(index=False)],
        })
    return out


def compare(scenarios: list[Scenario], query: Query) -> pd.DataFrame:
    """Per scenario and plan year: the year figures and their difference to `basis`
    (columns <figure>_diff_eur)."""
    reference = years(basis(query), query).set_index("year")
    frames = []
    for s in scenarios:
        df = years(s, query).set_index("year")
        for c in ("fund_eur", "budget_eur", "fonds_budget_eur", "room_eur"):
            df[c.removesuffix("_eur") + "_diff_eur"] = (df[c] - reference[c]).round(2)
        frames.append(df.reset_index().assign(scenario=s.name, status=s.status))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

"""The demo set's literal data, read from the seed files beside this module (ggu/demo/seed/):
the items with their size, seasonality and cost profile, the goals and indicators, the yearly
public figures, co-funding, the clear over- and underspends, the exception rules and the
booking patterns. Everything here is invented except years.csv (the public order of magnitude
of the fund, the contribution per inhabitant and the national population)."""
from __future__ import annotations

import csv
from pathlib import Path

SEED = Path(__file__).resolve().parent / "seed"


def _rows(name: str) -> list[dict[str, str]]:
    with open(SEED / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


ITEM_COLUMNS = ["item_id", "name", "kind", "category", "theme", "goal_id", "owner", "start_year",
                "end_year", "status", "phase", "size", "season", "profile", "status_reason"]
ITEMS = [(r["item_id"], r["name"], r["kind"], r["category"], r["theme"], r["goal_id"],
          r["owner"], int(r["start_year"]), int(r["end_year"]) if r["end_year"] else None,
          r["status"], r["phase"], float(r["size"]), r["season"], r["profile"],
          r["status_reason"]) for r in _rows("items.csv")]
GOALS = [(r["goal_id"], r["name"], r["description"]) for r in _rows("goals.csv")]
# id, name, unit, baseline, year, target, year, direction, months apart, pace
INDICATORS = [(r["indicator_id"], r["name"], r["unit"], _number(r["baseline_value"]),
               int(r["baseline_year"]), _number(r["target_value"]), int(r["target_year"]),
               r["direction"], int(r["months_apart"]), float(r["pace"]))
              for r in _rows("indicators.csv")]

_YEARS = _rows("years.csv")
# Budget of activities per year, all funding sources (public order of magnitude), in euro.
BUDGET_TOTAL_EUR = {int(r["year"]): int(r["budget_total_eur"]) for r in _YEARS}
# Part of it from the Rijk and other sources; the rest (fonds_ggu) stays within 3% of the
# contributions.
OTHER_SOURCES_EUR = {int(r["year"]): int(r["other_sources_eur"]) for r in _YEARS}
# Actual split of the budget, % structureel / meerjarig / kortcyclisch (norm 50/20/30 ± 2.0).
CATEGORY_SHARE_PCT = {int(r["year"]): (int(r["structureel_pct"]), int(r["meerjarig_pct"]),
                                       int(r["kortcyclisch_pct"])) for r in _YEARS}
# National population where the CBS seed files (2023, 2024) do not give it.
NATIONAL_INHABITANTS = {int(r["year"]): int(r["national_inhabitants"]) for r in _YEARS
                        if r["national_inhabitants"] and int(r["year"]) not in (2023, 2024)}
RATE_PER_INHABITANT_EUR = {int(r["year"]): r["rate_per_inhabitant_eur"] for r in _YEARS}

# Items co-funded from other sources: (funding source, relative share of their budget).
COFUNDING = {r["item_id"]: (r["funding_source"], float(r["share"]))
             for r in _rows("cofunding.csv")}
# Clear over- and underspends (realisation / budget); every other item-year is 82-108%.
SPECIAL_REALISATION = {(r["item_id"], int(r["year"])): float(r["realisation"])
                       for r in _rows("realisation.csv")}
# The default exception rules (data: the College may change them).
EXCEPTION_RULES = [(r["rule_id"], r["metric"], r["operator"], r["threshold"])
                   for r in _rows("exception_rules.csv")]
# Monthly spending pattern per kind of item (relative weights January..December).
SEASONS = {r["season"]: [float(r[f"m{m}"]) for m in range(1, 13)] for r in _rows("seasons.csv")}
COST_PROFILES: dict[str, dict[str, float]] = {}   # profile -> cost type -> share of spending
for _r in _rows("cost_profiles.csv"):
    COST_PROFILES.setdefault(_r["profile"], {})[_r["cost_type"]] = float(_r["share"])
PHRASES: dict[str, list[str]] = {}                # cost type -> booking descriptions
for _r in _rows("phrases.csv"):
    PHRASES.setdefault(_r["cost_type"], []).append(_r["phrase"])
# Explanations of the demo's earlier status reports, per status (ggu/demo/history.py).
STATUS_PHRASES: dict[str, list[str]] = {}
for _r in _rows("status_phrases.csv"):
    STATUS_PHRASES.setdefault(_r["status"], []).append(_r["phrase"])

# Products and services a municipality chooses to use: the share of municipalities using one (%),
# how many points more among the largest than among the smallest, and over how many years after
# the item's start they join. Every other item is used by all (shared by inhabitants).
ITEM_USE = [(r["item_id"], float(r["share_pct"]), float(r["large_bias_pp"]),
             int(r["spread_years"])) for r in _rows("item_use.csv")]

"""The demo set's history: quarterly status reports of every item since 2018 and the decisions
of the College, the ALV, the Taskforce and the VNG board about them (deterministic).

The reports follow a seeded walk between groen, oranje and rood with realistic runs (an item
turns amber before it turns red, a red item recovers through amber more often than at once),
and end in the item's status on sheet Projecten with its explanation, so that the latest report
and the item agree. The decisions: the ALV's budget and annual report every June, the College's
escalation when an item turns red and its closing when it recovers, a yearly Taskforce advice
and two of the VNG board.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ggu.demo.seed import BUDGET_TOTAL_EUR, GOALS, RATE_PER_INHABITANT_EUR, STATUS_PHRASES

QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))
# Chance of the next quarter's status given this quarter's (groen, oranje, rood).
STEP = {"groen": (0.90, 0.09, 0.01), "oranje": (0.30, 0.55, 0.15), "rood": (0.12, 0.38, 0.50)}
STATUSES = ("groen", "oranje", "rood")
# How many of the last reports already carry the item's present status, by that status.
LAST_RUN = {"groen": (1, 2, 4), "oranje": (1, 2, 3, 5), "rood": (1, 1, 2, 3)}
COLLEGE_MAX_PER_YEAR = 1   # escalations (and closings) the College decides on in a year,
#                            besides those of the latest report round, which it decides on all


def report_dates(item, first_year: int, as_of: dt.date) -> list[dt.date]:
    """Quarter ends from the item's first year (not before first_year) up to the as-of date; a
    finished item ('afgerond') is reported on up to the end of its last year."""
    last = as_of
    if item.phase == "afgerond" and not pd.isna(item.end_year):
        last = min(as_of, dt.date(int(item.end_year), 12, 31))
    return [dt.date(y, m, d) for y in range(max(int(item.start_year), first_year), last.year + 1)
            for m, d in QUARTER_ENDS if dt.date(y, m, d) <= last]


def _walk(n: int, final: str, rng: np.random.Generator) -> list[str]:
    """n statuses: a seeded walk, its tail the item's present status (entered via amber when
    it is red and came from green)."""
    status, walk = "groen", []
    for _ in range(n):
        walk.append(status)
        status = STATUSES[int(rng.choice(3, p=STEP[status]))]
    run = min(n, int(rng.choice(LAST_RUN[final])))
    walk[n - run:] = [final] * run
    if final == "rood" and n - run - 1 >= 0 and walk[n - run - 1] == "groen":
        walk[n - run - 1] = "oranje"
    return walk


def status_reports(items: pd.DataFrame, first_year: int, as_of: dt.date,
                   rng: np.random.Generator) -> pd.DataFrame:
    """One report per item and quarter end (see the module's docstring)."""
    rows = []
    for item in items.itertuples(index=False):
        dates = report_dates(item, first_year, as_of)
        walk = _walk(len(dates), item.status, rng)
        tail = len(walk) - next((k for k, s in enumerate(reversed(walk)) if s != item.status),
                                len(walk))
        for k, (day, status) in enumerate(zip(dates, walk)):
            current = k >= tail
            phrases = STATUS_PHRASES[status]
            explanation = item.status_reason if current and isinstance(item.status_reason, str) \
                else phrases[int(rng.integers(len(phrases)))]
            phase = item.phase if (current or item.phase != "afgerond") else "implementatie"
            rows.append((item.item_id, day, status, explanation, phase))
    return pd.DataFrame(rows, columns=["item_id", "report_date", "status", "explanation",
                                       "phase"])


def decisions(items: pd.DataFrame, reports: pd.DataFrame, years: range,
              as_of: dt.date) -> pd.DataFrame:
    """About 40 decisions over the years (see the module's docstring)."""
    names = dict(zip(items["item_id"], items["name"]))
    rows: list[tuple] = []
    for year in years:
        june = dt.date(year, 6, 24 + year % 3)
        if year + 1 in BUDGET_TOTAL_EUR and june <= as_of:
            total = f"{BUDGET_TOTAL_EUR[year + 1] / 1e6:.1f}".replace(".", ",")
            rate = RATE_PER_INHABITANT_EUR[year + 1].replace(".", ",")
            rows.append((f"ALV-{year}-01", june, "alv", None, None,
                         f"De ALV stelt de GGU-begroting {year + 1} vast op € {total} mln en "
                         f"de bijdrage op € {rate} per inwoner.", f"ALV {june:%d-%m-%Y}"))
        if year > years[0] and june <= as_of:
            rows.append((f"ALV-{year}-02", june, "alv", None, None,
                         f"De ALV stelt het jaarverslag {year - 1} van het Fonds GGU vast.",
                         f"ALV {june:%d-%m-%Y}"))
        autumn = dt.date(year, 10, 8)
        if year > years[0] and autumn <= as_of:
            goal_id, goal_name, _ = GOALS[year % len(GOALS)]
            rows.append((f"TF-{year}-01", autumn, "taskforce", None, goal_id,
                         f"De Taskforce Samen Organiseren adviseert de verkenningen voor "
                         f"'{goal_name}' in de begroting {year + 1} op te nemen.",
                         f"Taskforce {autumn:%d-%m-%Y}"))
    rows.append(("VB-2020-01", dt.date(2020, 3, 12), "bestuur", None, None,
                 "Het VNG-bestuur stemt in met de meerjarenvisie van de GGU 2020-2024.",
                 "Bestuursvergadering 12-03-2020"))
    rows.append(("VB-2024-01", dt.date(2024, 4, 11), "bestuur", None, None,
                 "Het VNG-bestuur stemt in met de herijking van de norm 50/20/30 zonder wijziging.",
                 "Bestuursvergadering 11-04-2024"))
    rows += _college(reports, names, as_of)
    out = pd.DataFrame(rows, columns=["decision_id", "decision_date", "body", "item_id",
                                      "goal_id", "decision", "reference"])
    return out.sort_values(["decision_date", "decision_id"]).reset_index(drop=True)


def _college(reports: pd.DataFrame, names: dict, as_of: dt.date) -> list[tuple]:
    """The College's escalation three weeks after an item turned red, and its closing when it
    recovered: the first COLLEGE_MAX_PER_YEAR of each kind in a year, and every one of the
    latest report round."""
    r = reports.sort_values(["item_id", "report_date"])
    before = r.groupby("item_id")["status"].shift()
    red = r[(r["status"] == "rood") & before.notna() & (before != "rood")]
    back = r[(r["status"] != "rood") & (before == "rood")]
    found = []
    for kind, changes in (("rood", red), ("hersteld", back)):
        changes = changes.assign(y=[d.year for d in changes["report_date"]])
        for _, group in changes.sort_values(["report_date", "item_id"]).groupby("y"):
            latest = group["report_date"] == reports["report_date"].max()
            for row in group[latest | (group.index.isin(group.index[:COLLEGE_MAX_PER_YEAR]))] \
                    .itertuples(index=False):
                day = row.report_date + dt.timedelta(days=21)
                if day <= as_of:
                    found.append((day, row.item_id, kind))
    rows: list[tuple] = []
    numbers: dict = {}
    for day, item_id, kind in sorted(found):
        numbers[day.year] = numbers.get(day.year, 0) + 1
        text = (f"Het College vraagt de eigenaar van {names[item_id]} om een herstelplan "
                f"binnen zes weken en bespreekt het daarna opnieuw." if kind == "rood" else
                f"Het College stemt in met de voortgang van {names[item_id]} en sluit de "
                f"escalatie af.")
        rows.append((f"CD-{day.year}-{numbers[day.year]:02d}", day, "college", item_id, None,
                     text, f"Besluitenlijst College {day:%d-%m-%Y}"))
    return rows

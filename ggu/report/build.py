"""The ALV report of a year, built once (`build`): a list of slides with their figures, from the
same queries, chart builders and narrative as the pages, so every figure is the one on screen."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from ggu import i18n, store
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.present import charts, choices, narrative
from ggu.present.labels import listing, verdict_label
from ggu.present.tables import display_frame
from ggu.report.model import Chart, Report, Slide

WHATIF_STEP = Decimal("0.25")          # the what-if: the rate a quarter euro higher
# What one slide holds, so that it fits a projector's screen (1280 x 720 and up) and the
# PowerPoint without scrolling or cutting short: two lists side by side, a table of a few rows.
LIST_LINES = 16                        # a list (two a slide) fills up to 16 lines of text ...
LIST_CHARS = 60                        # ... of 60 characters; the items past that are counted
TABLE_ROWS = 7                         # rows of a table slide; a longer table goes on over more
DECISION_ROWS = 7                      # decisions on the decisions slide; the rest are counted


def _text_table(df: pd.DataFrame, columns: list[str], eur_digits: int = 0) -> pd.DataFrame:
    return display_frame(df, columns, eur_digits=eur_digits)


def _series_chart(fig, kind, labels, df, columns: dict[str, str], unit, table_columns) -> Chart:
    return Chart(fig=fig, kind=kind, categories=[str(x) for x in labels],
                 series={name: [float(v) for v in df[c]] for name, c in columns.items()},
                 unit=unit, table=_text_table(df, table_columns))


def build(year: int, data_dir=None, lang: str | None = None, made: dt.date | None = None,
          query=None) -> Report:
    """The report of a year in a language (default: the current one). `query(name, **params)`
    runs a query (default: ggu.store.query on data_dir; the page passes its cached one)."""
    with i18n.using(lang) as lang:
        q = query or (lambda name, **p: store.query(name, data_dir, **p))
        return _build(year, q, lang, made or dt.date.today())


def _build(year, q, lang, made) -> Report:
    meta = q("meta").iloc[0]
    totals_all = q("totals_by_year")
    totals_all = totals_all[totals_all["year"] <= year].reset_index(drop=True)
    totals = totals_all[totals_all["year"] == year].iloc[0]
    split = q("split_by_category_by_year", year=year)
    contrib_all = q("contributions_by_year")
    contrib_all = contrib_all[contrib_all["year"] <= year].reset_index(drop=True)
    contrib = contrib_all[contrib_all["year"] == year]
    compare = year - 1 if year - 1 in q("years")["year"].tolist() else None
    as_of = fmt.date(meta["as_of_date"])

    slides = [_title(year, meta, made, bool(totals["is_partial_year"])),
              _fund(year, totals, contrib),
              *_split_and_spending(year, split, totals_all, meta),
              *_goals(year, compare, q("goal_allocation_by_year", year=year, compare_year=compare),
                      q("indicator_progress")),
              *_items(year, q("portfolio_by_item", year=year), q("exceptions_by_item", year=year)),
              _status(year, q("status_changes", year=year, since="jaareinde")),
              _decisions(year, q("decisions", bodies=("college", "alv"), year_from=year,
                                 year_to=year))]
    if not contrib.empty:
        slides.append(_contributions(year, contrib.iloc[0], contrib_all, q))
    slides.append(Slide("closing", t("rp.close_title"), notes=[
        t("rp.close_source", source=t("rp.demo") if meta["is_demo"] else meta["data_source"],
          snapshot=meta["snapshot_id"], as_of=as_of),
        t("rp.close_cbs"), t("rp.close_same", year=year), t("rp.close_made", date=fmt.date(made))]))

    figures = {"budget_eur": float(totals["budget_eur"]), "spent_eur": float(totals["spent_eur"]),
               "categories": {r.category: {"budget_eur": float(r.budget_eur),
                                           "spent_eur": float(r.spent_eur),
                                           "budget_share_pct": float(r.budget_share_pct),
                                           "norm_pct": float(r.norm_pct),
                                           "deviation_pp": float(r.deviation_pp)}
                              for r in split.itertuples(index=False)}}
    return Report(year=year, lang=lang, snapshot=str(meta["snapshot_id"]), as_of=as_of,
                  made=fmt.date(made), is_demo=bool(meta["is_demo"]), slides=slides,
                  figures=figures)


def _title(year: int, meta: pd.Series, made: dt.date, partial: bool) -> Slide:
    as_of = fmt.date(meta["as_of_date"])
    return Slide("title", t("rp.doc_title", year=year), t("rp.doc_subtitle"), notes=[
        t("rp.as_of", as_of=as_of), t("rp.made", date=fmt.date(made)),
        t("rp.snapshot", snapshot=meta["snapshot_id"])]
        + ([t("rp.partial", year=year, as_of=as_of)] if partial else [])
        + ([t("rp.demo_note")] if meta["is_demo"] else []))


def _fund(year: int, totals: pd.Series, contrib: pd.DataFrame) -> Slide:
    """The fund in one number."""
    kpis = [(fmt.eur_mln(totals["budget_eur"]), t("rp.kpi_total", year=year))]
    if not contrib.empty:
        c = contrib.iloc[0]
        kpis += [(fmt.eur(c["rate_per_inhabitant_eur"], digits=2), t("rp.kpi_rate")),
                 (fmt.number(c["paying_municipalities"]), t("rp.kpi_municipalities"))]
    kpis.append((fmt.eur_mln(totals["spent_eur"]), t("rp.kpi_spent")))
    return Slide(
        "fund", t("rp.fund_title", year=year, total=fmt.eur_mln(totals["budget_eur"])),
        t("rp.fund_lead", year=year, fonds=fmt.eur_mln(totals["budget_fonds_eur"]),
          rijk=fmt.eur_mln(totals["budget_rijk_eur"]),
          overig=fmt.eur_mln(totals["budget_overig_eur"]),
          spent=fmt.eur_mln(totals["spent_eur"]), pct=fmt.pct(totals["realised_pct"])),
        kpis=kpis)


def _split_and_spending(year: int, split: pd.DataFrame, totals_all: pd.DataFrame,
                        meta: pd.Series) -> list[Slide]:
    """The split against the norm, spending against budget per category, and the trend."""
    cats = [i18n.value("category", c) for c in split["category"]]
    partial = t("trend.partial", as_of=fmt.date(meta["as_of_date"], short=True))
    return [
        Slide("split", narrative.split_title(split, year), narrative.split_summary(split, year),
              chart=_series_chart(
                  charts.split_vs_norm(split), "bar", cats, split,
                  {t("rp.split_native_share"): "budget_share_pct",
                   t("rp.split_native_norm"): "norm_pct"},
                  "pct", ["category", "budget_eur", "budget_share_pct", "norm_pct",
                          "deviation_pp", "is_within_tolerance"])),
        Slide("spending", narrative.budget_vs_spent_title(split, year),
              narrative.budget_vs_spent_summary(split),
              chart=_series_chart(
                  charts.budget_vs_spent(split, "category"), "column", cats, split,
                  {t("series.budget"): "budget_eur", t("series.spent"): "spent_eur"}, "eur",
                  ["category", "budget_eur", "spent_eur", "realised_pct"])),
        Slide("trend", narrative.trend_title(totals_all), narrative.trend_summary(totals_all),
              chart=_series_chart(
                  charts.budget_vs_spent(totals_all, "year", partial),
                  "line", totals_all["year"].astype(int), totals_all,
                  {t("series.budget"): "budget_eur", t("series.spent"): "spent_eur"}, "eur",
                  ["year", "budget_eur", "spent_eur", "realised_pct"])),
    ]


def _goals(year: int, compare: int | None, goals: pd.DataFrame,
           indicators: pd.DataFrame) -> list[Slide]:
    """The strategic goals (grouped by verdict as on the page) and their indicators."""
    parts = [t("rp.goals_part", verdict=verdict_label(v), goals=listing([g.goal_id for g in rows]))
             for v, rows in narrative.goals_by_verdict(goals, indicators)]
    goal_names = [f"{g} {n}" for g, n in zip(goals["goal_id"], goals["name"])]
    table = pd.DataFrame({
        t("rp.col_goal"): indicators["goal_id"],
        t("rp.col_indicator"): indicators["name"],
        t("rp.col_latest"): [f"{fmt.measurement(v)} {u}" for v, u in
                             zip(indicators["latest_value"], indicators["unit"])],
        t("rp.col_target"): [f"{fmt.measurement(v)} ({int(y)})" for v, y in
                             zip(indicators["target_value"], indicators["target_year"])],
        t("col.progress_pct"): [fmt.pct(p, 0) for p in indicators["progress_pct"]],
        t("col.verdict"): [verdict_label(v) for v in indicators["verdict"]]})
    return [
        Slide("goals", narrative.goal_allocation_title(goals, year),
              t("rp.goals_lead", parts="; ".join(parts)),
              chart=_series_chart(
                  charts.goal_allocation(goals, year, compare), "bar", goal_names, goals,
                  {str(year): "budget_eur"}, "eur",
                  ["goal_id", "name", "budget_eur", "budget_share_pct", "spent_eur"])),
        *_table_slides(Slide("indicators", narrative.indicator_title(indicators),
                             t("rp.ind_lead"), table=table)),
    ]


def _table_slides(slide: Slide) -> list[Slide]:
    """A table slide as it fits: one slide, or the table in parts of TABLE_ROWS rows over
    slides of the same title with '(1/2)', '(2/2)'."""
    assert slide.table is not None   # (called for table slides only)
    rows = len(slide.table)
    if rows <= TABLE_ROWS:
        return [slide]
    parts = -(-rows // TABLE_ROWS)
    size = -(-rows // parts)             # as even as can be: 13 rows as 7 and 6
    return [Slide(f"{slide.key}" + (f"_{n}" if n > 1 else ""),
                  t("rp.part", title=slide.title, n=n, total=parts), slide.lead,
                  table=slide.table.iloc[(n - 1) * size:n * size].reset_index(drop=True))
            for n in range(1, parts + 1)]


def text_lines(text: str) -> int:
    """How many lines of LIST_CHARS characters a list's item takes."""
    return -(-len(text) // LIST_CHARS)


def fit_list(items: list[str]) -> list[str]:
    """As many items as fill the list's room (LIST_LINES lines of LIST_CHARS characters), and
    how many more there are: a list is cut only when the next item would not fit."""
    if not items:
        return [t("rp.items_none")]
    if sum(map(text_lines, items)) <= LIST_LINES:
        return items
    shown, used = [], text_lines(t("rp.items_more", n=len(items)))
    for item in items:
        if used + text_lines(item) > LIST_LINES:
            break
        shown.append(item)
        used += text_lines(item)
    return shown + [t("rp.items_more", n=len(items) - len(shown))]


def _lines(rows: pd.DataFrame, amount: str, reason: bool = False) -> list[str]:
    """The items as 'name · € x mln[ · why]', as many as the list has room for."""
    reasons = narrative.exception_reasons(rows) if reason and len(rows) else [""] * len(rows)
    return fit_list([f"{n} · {fmt.eur_mln(a)}" + (f" · {r}" if reason else "")
                     for n, a, r in zip(rows["name"], rows[amount], reasons)])


def _items(year: int, items: pd.DataFrame, exceptions: pd.DataFrame) -> list[Slide]:
    """What stands out: the largest items and the points of attention; then what ended and
    what started (two lists a slide, so that each list has room)."""
    biggest = items.sort_values("budget_eur", ascending=False)
    return [
        Slide("items", t("rp.items_title", year=year), t("rp.items_lead"), lists=[
            (t("rp.items_biggest"), _lines(biggest, "budget_eur")),
            (t("rp.items_exceptions"), _lines(exceptions, "budget_eur", reason=True))]),
        Slide("changes", t("rp.changes_title", year=year), t("rp.changes_lead", year=year),
              lists=[(t("rp.items_finished", year=year),
                      _lines(biggest[biggest["end_year"] == year], "budget_eur")),
                     (t("rp.items_new", year=year),
                      _lines(biggest[biggest["start_year"] == year], "budget_eur"))])]


def _status(year: int, changes: pd.DataFrame) -> Slide:
    """What stands out in the status: the items that went red in the year and those that
    recovered (their status at its end against the end of the year before)."""
    def lines(kind: str) -> list[str]:
        rows = changes[changes["status_change"] == kind]
        out = [t("rp.status_line", name=r.name, status=i18n.value("status", r.status),
                 previous=i18n.value("status", r.previous_status))
               for r in rows.itertuples(index=False)]
        return fit_list(out)
    red = int((changes["status_change"] == "rood").sum())
    back = int((changes["status_change"] == "hersteld").sum())
    return Slide("status", t("rp.status_title", year=year, red=red, recovered=back),
                 t("rp.status_lead", year=year, previous=year - 1), lists=[
                     (t("rp.items_red", year=year), lines("rood")),
                     (t("rp.items_recovered", year=year), lines("hersteld"))])


def _decisions(year: int, decisions: pd.DataFrame) -> Slide:
    """The year's decisions of the College and the ALV, oldest first."""
    college = int((decisions["body"] == "college").sum())
    if decisions.empty:
        return Slide("decisions", t("rp.decisions_title", year=year),
                     t("rp.decisions_none", year=year))
    shown = decisions.sort_values(["decision_date", "decision_id"]).head(DECISION_ROWS)
    more = [t("rp.decisions_more", n=len(decisions) - DECISION_ROWS)] \
        if len(decisions) > DECISION_ROWS else []
    return Slide("decisions", t("rp.decisions_title", year=year),
                 " ".join([t("rp.decisions_lead", n=len(decisions), year=year, college=college,
                             alv=len(decisions) - college), *more]),
                 table=_text_table(shown, ["decision_date", "body", "decision"]))


def _contributions(year: int, c: pd.Series, contrib_all: pd.DataFrame, q) -> Slide:
    """The contributions, with the what-if of a rate WHATIF_STEP higher."""
    rate = choices.to_cent(c["rate_per_inhabitant_eur"])
    today = q("whatif_fund_by_category", year=year, rate=float(rate), indexation_pct=0.0)
    more = q("whatif_fund_by_category", year=year, rate=float(rate + WHATIF_STEP),
             indexation_pct=0.0)
    envelopes = pd.DataFrame(
        {t("col.category"): [i18n.value("category", x) for x in today["category"]],
         t("col.norm_pct"): [fmt.pct(n, 0) for n in today["norm_pct"]]}
        | {t(f"col.{x}"): [fmt.eur_mln(v) for v in today[x]]
           for x in ("envelope_eur", "budget_fonds_eur", "gap_eur")})
    slide = Slide(
        "contributions",
        t("rp.contrib_title", year=year, rate=fmt.eur(rate, digits=2),
          total=fmt.eur_mln(c["fund_eur"])),
        t("rp.contrib_lead", n=fmt.number(c["paying_municipalities"]),
          inh=fmt.number(c["inhabitants"]), received=fmt.eur_mln(c["contributions_received_eur"]),
          total=fmt.eur_mln(c["fund_eur"])),
        chart=_series_chart(
            charts.funding_by_year(contrib_all), "column",
            contrib_all["year"].astype(int), contrib_all,
            {t("rp.contrib_chart"): "fund_eur"}, "eur",
            ["year", "rate_per_inhabitant_eur", "fund_eur"]),
        table=envelopes,
        notes=[t("rp.whatif", rate=fmt.eur(rate + WHATIF_STEP, digits=2),
                 change="+" + fmt.eur(WHATIF_STEP, digits=2),
                 fund=fmt.eur_mln(more["whatif_fund_eur"].iloc[0]),
                 delta="+" + fmt.eur_mln(more["fund_change_eur"].iloc[0])),
               t("rp.whatif_table")])
    assert slide.chart is not None
    slide.chart.table = _text_table(contrib_all, ["year", "rate_per_inhabitant_eur",
                                                  "fund_eur"], eur_digits=2)
    return slide

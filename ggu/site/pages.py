"""The site's pages but the municipalities' (municipalities.py): home, a year, a theme, a goal, a
product, the decisions, the published scenarios and the ALV reports, the lists, the 404 page.
Every figure comes from queries/ through a `Figures` reader and is drawn and worded by
ggu.present, as on the dashboard; a status explanation is shown as a reader of the dashboard
(role lezer) sees it: its first sentence."""
from __future__ import annotations

import functools

import pandas as pd

from ggu import i18n, store
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.present import charts, narrative
from ggu.present.labels import short_explanation, verdict_label
from ggu.site.render import Chart, Site, page_path, table, write_page

LANGS = ("nl", "en")


class Figures:
    """The query results of one snapshot, each read once (the same in both languages)."""

    def __init__(self, data_dir, snapshot_path):
        self.data_dir, self.path = data_dir, snapshot_path
        self._read: dict[tuple, pd.DataFrame] = {}

    def __call__(self, name: str, **params) -> pd.DataFrame:
        key = (name, tuple(sorted(params.items())))
        if key not in self._read:
            self._read[key] = store.run(name, self.path, **params)
        return self._read[key]

    @functools.cached_property
    def meta(self) -> pd.Series:
        return self("meta").iloc[0]

    @functools.cached_property
    def totals(self) -> pd.DataFrame:
        return self("totals_by_year")

    @functools.cached_property
    def years(self) -> list[int]:
        return [int(y) for y in self.totals["year"]]

    @functools.cached_property
    def complete_year(self) -> int | None:
        done = self.totals[~self.totals["is_partial_year"].astype(bool)]
        return int(done["year"].max()) if len(done) else None

    @functools.cached_property
    def running_year(self) -> int | None:
        running = self.totals[self.totals["is_partial_year"].astype(bool)]
        return int(running["year"].max()) if len(running) else None

    @functools.cached_property
    def brief_year(self) -> int | None:
        """The year of the municipalities' pages and briefs: the latest complete year with
        contributions, else the running one."""
        paid = self("contributions_by_year")
        done = paid[~paid["is_partial_year"].astype(bool)]
        found = done if len(done) else paid
        return int(found["year"].max()) if len(found) else None

    @functools.cached_property
    def items(self) -> pd.DataFrame:
        return self("items")

    def public_items(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A frame with its status explanations cut to their first sentence (as lezer sees)."""
        return frame.assign(**{c: [short_explanation(x) for x in frame[c]]
                               for c in ("status_reason", "explanation") if c in frame.columns})


def plain_query(snapshot_path: str):
    """query(name, **params) on one snapshot, uncached (the reports pass lists and texts)."""
    return lambda name, **params: store.run(name, snapshot_path, **params)


def partial_label(f: Figures) -> str:
    return t("trend.partial", as_of=fmt.date(f.meta["as_of_date"], short=True))


def year_kpis(f: Figures, year: int) -> list[tuple[str, str]]:
    row = f.totals[f.totals["year"] == year].iloc[0]
    spent = t("kpi.spent_to_date", as_of=fmt.date(f.meta["as_of_date"])) \
        if row["is_partial_year"] else t("kpi.spent")
    return [(t("kpi.budget"), fmt.eur_mln(row["budget_eur"])),
            (spent, fmt.eur_mln(row["spent_eur"])),
            (t("kpi.realised"), fmt.pct(row["realised_pct"])),
            (t("kpi.contributions"), fmt.eur_mln(row["contributions_received_eur"]))]


def year_words(f: Figures, year: int) -> str:
    row = f.totals[f.totals["year"] == year].iloc[0]
    key = "site.year_words_partial" if row["is_partial_year"] else "site.year_words"
    return t(key, year=year, budget=fmt.eur_mln(row["budget_eur"]),
             spent=fmt.eur_mln(row["spent_eur"]), realised=fmt.pct(row["realised_pct"]),
             due=fmt.eur_mln(row["fund_eur"]),
             received=fmt.eur_mln(row["contributions_received_eur"]),
             municipalities=int(row["paying_municipalities"]),
             as_of=fmt.date(f.meta["as_of_date"]))


def year_charts(f: Figures, year: int) -> list[Chart]:
    split = f("split_by_category_by_year", year=year)
    counts = f("status_counts_by_year")
    return [
        Chart("split", narrative.split_title(split, year), narrative.split_summary(split, year),
              charts.split_vs_norm(split), table(split, ["category", "budget_eur",
                                                         "budget_share_pct", "spent_eur",
                                                         "spent_share_pct", "norm_pct",
                                                         "deviation_pp"])),
        Chart("bvs", narrative.budget_vs_spent_title(split, year),
              narrative.budget_vs_spent_summary(split), charts.budget_vs_spent(split, "category"),
              table(split, ["category", "budget_eur", "spent_eur"])),
        Chart("status", narrative.status_counts_title(counts, year),
              narrative.status_counts_summary(counts, year, f.meta["as_of_date"]),
              charts.status_counts(counts, partial_label(f)),
              table(counts[counts["year"] == year], ["year", "status", "item_count"])),
    ]


def trend_chart(f: Figures) -> Chart:
    return Chart("trend", narrative.trend_title(f.totals), narrative.trend_summary(f.totals),
                 charts.budget_vs_spent(f.totals, "year", partial_label(f)),
                 table(f.totals, ["year", "budget_eur", "spent_eur", "realised_pct",
                                  "fund_eur"]))


def item_links(f: Figures, rows: pd.DataFrame, lang: str, columns: list[str]) -> list[dict]:
    """Rows of items as a list the templates show with a link to each product's page."""
    return [{"path": page_path(lang, "products", r["item_id"]), "name": r["name"],
             "cells": [fmt.for_column(c)(r[c]) if not c.endswith("_eur") else fmt.eur(r[c])
                       for c in columns]}
            for _, r in f.public_items(rows).iterrows()]


def item_heads(columns: list[str]) -> list[str]:
    return [t(f"col.{c}") for c in columns]


ITEM_COLUMNS = ["category", "status", "budget_eur", "spent_eur"]


def write_home(site: Site, f: Figures, lang: str, extra: list[tuple[str, str]]) -> None:
    other = "en" if lang == "nl" else "nl"
    with i18n.using(lang):
        blocks = [{"year": y, "words": year_words(f, y), "kpis": year_kpis(f, y),
                   "path": page_path(lang, "years", y),
                   "title": t("site.home_running" if y == f.running_year else
                              "site.home_complete", year=y)}
                  for y in (f.complete_year, f.running_year) if y is not None]
        main = f.complete_year or f.running_year
        charts_ = [*year_charts(f, main)[:1], trend_chart(f), year_charts(f, main)[2]] \
            if main else []
        years = [(page_path(lang, "years", y), str(y)) for y in reversed(f.years)]
        themes = [(page_path(lang, "themes", th), th) for th in sorted(f.items["theme"].unique())]
        goals = f("goal_allocation_by_year", year=main) if main else pd.DataFrame()
        goal_links = [(page_path(lang, "goals", g.goal_id), f"{g.goal_id} {g.name}")
                      for g in goals.itertuples()]
        write_page(site, page_path(lang), "home.html", page_path(other), lang,
                   title=t("site.name"), blocks=blocks, charts=charts_, years=years,
                   themes=themes, goals=goal_links, extra=extra)


def write_year(site: Site, f: Figures, lang: str, year: int) -> None:
    other = "en" if lang == "nl" else "nl"
    with i18n.using(lang):
        rows = f("portfolio_by_item", year=year)
        exceptions = f.public_items(f("exceptions_by_item", year=year))
        write_page(site, page_path(lang, "years", year), "year.html",
                   page_path(other, "years", year), lang,
                   title=t("site.year_title", year=year), year=year,
                   words=year_words(f, year), kpis=year_kpis(f, year),
                   charts=year_charts(f, year),
                   exceptions=table(exceptions.assign(
                       reason=narrative.exception_reasons(exceptions)),
                       ["name", "reason", "status", "budget_eur", "spent_eur", "status_reason"])
                   if len(exceptions) else None,
                   items=item_links(f, rows, lang, ITEM_COLUMNS), heads=item_heads(ITEM_COLUMNS))


def write_theme(site: Site, f: Figures, lang: str, theme: str) -> None:
    other = "en" if lang == "nl" else "nl"
    year = f.running_year or f.complete_year
    with i18n.using(lang):
        rows = f("portfolio_by_item", year=year)
        rows = rows[rows["theme"] == theme]
        write_page(site, page_path(lang, "themes", theme), "list.html",
                   page_path(other, "themes", theme), lang,
                   title=t("site.theme_title", theme=theme),
                   lead=t("site.theme_lead", n=len(rows), year=year),
                   items=item_links(f, rows, lang, ITEM_COLUMNS), heads=item_heads(ITEM_COLUMNS))


def write_goal(site: Site, f: Figures, lang: str, goal: pd.Series, year: int) -> None:
    other = "en" if lang == "nl" else "nl"
    with i18n.using(lang):
        indicators = f("indicator_progress", goal_id=goal["goal_id"])
        chart = Chart("indicators", narrative.indicator_title(indicators),
                      narrative.indicator_summary(indicators), charts.indicator_bullets(indicators),
                      table(indicators.assign(verdict=[verdict_label(v)
                                                       for v in indicators["verdict"]]),
                            ["name", "unit", "baseline_value", "target_value", "target_year",
                             "latest_value", "verdict"])) if len(indicators) else None
        rows = f("portfolio_by_item", year=year)
        rows = rows[rows["goal_id"] == goal["goal_id"]]
        write_page(site, page_path(lang, "goals", goal["goal_id"]), "goal.html",
                   page_path(other, "goals", goal["goal_id"]), lang,
                   title=f"{goal['goal_id']} {goal['name']}", description=goal["description"],
                   words=t("site.goal_words", year=year, budget=fmt.eur_mln(goal["budget_eur"]),
                           spent=fmt.eur_mln(goal["spent_eur"]), n=int(goal["item_count"]),
                           red=int(goal["red_item_count"])),
                   chart=chart, items=item_links(f, rows, lang, ITEM_COLUMNS),
                   heads=item_heads(ITEM_COLUMNS))


def write_product(site: Site, f: Figures, lang: str, item: pd.Series, use: pd.DataFrame) -> None:
    """One product, service or programme: what it is, its category and goal, budget and
    spending per year, its public status history and decisions, its users, cost per inhabitant."""
    other, item_id = ("en" if lang == "nl" else "nl"), item["item_id"]
    with i18n.using(lang):
        history = f("budget_spent_forecast_by_year", item_id=item_id)
        chart = Chart("years", narrative.trend_title(history), narrative.trend_summary(history),
                      charts.item_history(history, partial_label(f)),
                      table(history, ["year", "budget_eur", "spent_eur", "realised_pct"])) \
            if len(history) else None
        statuses = f("item_status_history", only_changes=True)
        statuses = f.public_items(statuses[statuses["item_id"] == item_id])
        decisions = f("decisions")
        decisions = decisions[decisions["item_id"] == item_id]
        mine = use[use["item_id"] == item_id]
        write_page(site, page_path(lang, "products", item_id), "product.html",
                   page_path(other, "products", item_id), lang,
                   title=item["name"], facts=narrative.item_facts(item),
                   reason=short_explanation(item["status_reason"]),
                   goal=(page_path(lang, "goals", item["goal_id"]),
                         f"{item['goal_id']} {item['goal_name']}"),
                   theme=(page_path(lang, "themes", item["theme"]), item["theme"]),
                   chart=chart,
                   statuses=table(statuses, ["report_date", "status", "previous_status",
                                             "explanation"]) if len(statuses) else None,
                   decisions=table(decisions, ["decision_date", "body", "decision"])
                   if len(decisions) else None,
                   use=table(mine, ["year", "user_municipalities", "item_fund_spent_eur",
                                    "per_user_inhabitant_eur"], eur_digits=2)
                   if len(mine) else None)


def write_decisions(site: Site, f: Figures, lang: str) -> None:
    other = "en" if lang == "nl" else "nl"
    with i18n.using(lang):
        rows = f("decisions")
        write_page(site, page_path(lang, "decisions"), "decisions.html",
                   page_path(other, "decisions"), lang, title=t("dec.title"),
                   lead=t("dec.lead"),
                   decisions=[{"date": fmt.date(r.decision_date),
                               "body": i18n.value("body", r.body),
                               "text": r.decision, "reference": r.reference,
                               "item": (page_path(lang, "products", r.item_id), r.item_name)
                               if isinstance(r.item_id, str) else None,
                               "goal": (page_path(lang, "goals", r.goal_id), r.goal_name)
                               if isinstance(r.goal_id, str) else None}
                              for r in rows.itertuples()])


def write_lists(site: Site, f: Figures, lang: str) -> None:
    """The index pages: every product, every goal."""
    other = "en" if lang == "nl" else "nl"
    year = f.running_year or f.complete_year
    with i18n.using(lang):
        rows = f("portfolio_by_item", year=year)
        listed = set(rows["item_id"])
        rest = f.items[~f.items["item_id"].isin(listed)]
        columns = ["category", "status", "budget_eur", "spent_eur"]
        write_page(site, page_path(lang, "products"), "list.html", page_path(other, "products"),
                   lang, title=t("site.products_title"),
                   lead=t("site.products_lead", n=len(f.items), year=year),
                   items=item_links(f, rows, lang, columns), heads=item_heads(columns),
                   more=item_links(f, rest, lang, ["category", "status"]),
                   more_heads=item_heads(["category", "status"]),
                   more_title=t("site.products_earlier"))
        goals = f("goal_allocation_by_year", year=year)
        write_page(site, page_path(lang, "goals"), "goals.html", page_path(other, "goals"), lang,
                   title=t("site.goals_title"),
                   goals=[(page_path(lang, "goals", g.goal_id), f"{g.goal_id} {g.name}",
                           g.description) for g in goals.itertuples()])


def write_not_found(site: Site) -> None:
    write_page(site, "404.html", "404.html", None, "nl", record=False, title=t("site.404", "nl"))


def write_data_page(site: Site, lang: str, tables: list[dict]) -> None:
    """The page that explains the open data (/data/): each table, its files and its columns,
    as ggu.site.opendata.describe(lang) gives them (name, title, description, files: paths
    from the site's root, columns: name, type, description)."""
    other = "en" if lang == "nl" else "nl"
    package = "data/datapackage.json" if (site.out / "data/datapackage.json").exists() else None
    with i18n.using(lang):
        write_page(site, page_path(lang, "data"), "data.html", page_path(other, "data"), lang,
                   title=t("site.nav_data"), tables=tables, package=package)

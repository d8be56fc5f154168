"""The council brief (raadsbrief): one A4 page per municipality saying what it pays into the Fonds
GGU and what it gets for it, built from the same queries and words as "Mijn gemeente" on the
Bijdragen page (attribution_by_municipality*.sql, ggu.present.narrative.municipality), so the
figures are the page's to the cent. Built here as data (`Brief`, plain texts and numbers),
drawn by brief_pdf.py; `build_all` reads every municipality's figures with one query per kind,
not one per municipality, and `figures` gives the CSV of what each brief says."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from ggu import i18n, paths, store
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.present import downloads
from ggu.present.narrative import municipality as words

TREND_YEARS = 5
FOR_ALL_EXAMPLES = 3
# The CSV of the briefs: one row per municipality, the figures each brief shows.
CSV_COLUMNS = ["cbs_code", "name", "province", "inhabitants", "size_class", "year",
               "rate_per_inhabitant_eur", "january_eur", "january_paid_date", "july_eur",
               "july_paid_date", "contribution_eur", "attributed_eur", "attributed_used_eur",
               "attributed_for_all_eur", "attributed_vs_paid_pct", "used_products",
               "offered_products", "products", "file_name", "snapshot", "is_demo"]


@dataclass
class Brief:
    """One brief, as the texts and numbers it shows (everything formatted already)."""
    lang: str
    year: int
    cbs_code: str
    file_name: str
    is_demo: bool
    header: str
    title: str
    subtitle: str
    lead: str
    paid_title: str
    paid_rows: list[tuple[str, str]]               # label, amount
    category_title: str
    categories: list[tuple[str, str, str]]         # category, share, amount
    category_note: str                             # what is missing when there are none
    trend_title: str
    trend_labels: tuple[str, str]                  # paid, attributed
    trend: list[tuple[int, float, float]]          # year, paid, attributed (euro)
    trend_note: str
    used_title: str
    used_head: tuple[str, str, str]
    used_rows: list[tuple[str, str, str]]          # item, municipalities using it, attributed
    total_rows: list[tuple[str, str]] = field(default_factory=list)   # label, amount
    not_used: str = ""
    for_all_examples: str = ""
    compare: str = ""
    ggu_title: str = ""
    ggu_line: str = ""
    method: str = ""
    footer: str = ""
    demo_note: str = ""


def slug(name: str) -> str:
    """'Súdwest-Fryslân' -> 'sudwest-fryslan', "'s-Hertogenbosch" -> 's-hertogenbosch'."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def file_name(cbs_code: str, name: str) -> str:
    """'GM0363-amsterdam.pdf'; through ggu.paths, so no code or name can make it a path."""
    return paths.file_name(cbs_code, slug(name), ext="pdf")


@dataclass
class Figures:
    """Every query result the briefs of a year need, read once."""
    year: int
    meta: pd.Series
    rows: pd.DataFrame           # attribution_by_municipality, every year
    items: pd.DataFrame          # attribution_by_municipality_item, the year
    categories: pd.DataFrame     # municipality_contribution_by_category, the year
    totals: pd.Series
    contributions: pd.Series
    split: pd.DataFrame


def figures_of(year: int, query, cbs_code: str | None = None) -> Figures:
    """The queries behind the briefs of `year`: of one municipality, or (None) of all."""
    years = query("years")["year"].tolist()
    if year not in years:
        raise ValueError(f"no data for {year}")
    rows = query("attribution_by_municipality", cbs_code=cbs_code)
    return Figures(
        year=year, meta=query("meta").iloc[0], rows=rows,
        items=query("attribution_by_municipality_item", year=year, cbs_code=cbs_code),
        categories=query("municipality_contribution_by_category", year=year, cbs_code=cbs_code),
        totals=query("totals_by_year", year=year).iloc[0],
        contributions=_year_row(query("contributions_by_year", year=year)),
        split=query("split_by_category_by_year", year=year))


def _year_row(frame: pd.DataFrame) -> pd.Series:
    """The year's row of contributions_by_year; a year without any contribution has none: then
    no paying municipality and nothing due (its rate unknown, shown as '–')."""
    if len(frame):
        return frame.iloc[0]
    return pd.Series({c: None if c == "rate_per_inhabitant_eur" else 0 for c in frame.columns})


def codes_of(figures: Figures) -> list[str]:
    """The municipalities of the year, by name."""
    this = figures.rows[figures.rows["year"] == figures.year]
    return this.sort_values(["name", "cbs_code"])["cbs_code"].tolist()


def _paid_rows(row: pd.Series) -> list[tuple[str, str]]:
    out = []
    for key, instalment in (("january", "bij.january"), ("july", "bij.july")):
        paid = row[f"{key}_paid_date"]
        note = t("rb.open") if fmt.missing(paid) \
            else t("rb.paid_on", date=fmt.date(paid, short=True))
        out.append((t("rb.instalment_paid", instalment=t(instalment), note=note),
                    words.amount(row[f"{key}_eur"])))
    out.append((t("rb.total", year=int(row["year"])), words.amount(row["contribution_eur"])))
    return out


def _brief(f: Figures, code: str, by_code: dict, lang: str, made: dt.date) -> Brief:
    rows, items, categories = by_code["rows"][code], by_code["items"][code], \
        by_code["categories"][code]
    row = rows[rows["year"] == f.year].iloc[0]
    name, year = str(row["name"]), f.year
    as_of = f.meta["as_of_date"]
    partial = bool(f.totals["is_partial_year"])
    trend = rows[rows["year"].between(year - TREND_YEARS + 1, year)]
    used, common = words.used_items(items), words.for_all_items(items)
    not_used = words.not_used_items(items)
    examples = ", ".join(common.sort_values("attributed_eur", ascending=False)["item_name"]
                         .head(FOR_ALL_EXAMPLES))
    split = " / ".join(fmt.pct(v, digits=0) for v in f.split["budget_share_pct"])
    return Brief(
        lang=lang, year=year, cbs_code=code, file_name=file_name(code, name),
        is_demo=bool(f.meta["is_demo"]),
        header=t("rb.header", year=year),
        title=t("rb.title", name=name),
        subtitle=t("rb.subtitle", province=row["province"],
                   inhabitants=fmt.number(row["inhabitants"]),
                   size=words.size_class_label(row["size_class"])),
        lead=words.lead(row, year, as_of, partial),
        paid_title=t("rb.paid_title", name=name), paid_rows=_paid_rows(row),
        category_title=t("rb.category_title", year=year),
        categories=[(i18n.value("category", c.category), fmt.pct(c.budget_share_pct, digits=0),
                     words.amount(c.contribution_eur)) for c in categories.itertuples()],
        category_note="" if len(categories) else t("rb.category_none", year=year, name=name),
        trend_title=t("rb.trend_title", y0=int(trend["year"].min()), y1=year),
        trend_labels=(t("rb.trend_contribution"), t("rb.trend_attributed")),
        trend=[(int(r.year), float(r.contribution_eur), float(r.attributed_eur))
               for r in trend.itertuples()],
        trend_note=t("rb.trend_note", year=year, as_of=fmt.date(as_of)) if partial else "",
        used_title=t("rb.used_title", name=name, used=int(row["used_products"]),
                     offered=int(row["offered_products"])) if words.use_recorded(row)
        else t("rb.used_title_none", name=name),
        used_head=(t("rb.col_product"), t("rb.col_users"), t("rb.col_attributed")),
        used_rows=[(r.item_name, fmt.number(r.user_municipalities), words.amount(r.attributed_eur))
                   for r in used.itertuples()],
        total_rows=[(t("rb.for_all_line", n=len(common)),
                     words.amount(row["attributed_for_all_eur"])),
                    (t("rb.attributed_total"), words.amount(row["attributed_eur"]))],
        not_used=_not_used(row, not_used, year),
        for_all_examples=t("rb.for_all_examples", examples=examples) if len(common) else "",
        compare=words.comparison_sentence(row),
        ggu_title=t("rb.ggu_title", year=year),
        ggu_line=t("rb.ggu_line", budget=fmt.eur_mln(f.totals["budget_eur"]),
                   spent=fmt.eur_mln(f.totals["spent_eur"]),
                   partial=t("rb.partial", as_of=fmt.date(as_of)) if partial else "",
                   municipalities=int(f.contributions["paying_municipalities"]),
                   contributions=fmt.eur_mln(f.contributions["fund_eur"]),
                   rate=fmt.eur(f.contributions["rate_per_inhabitant_eur"], digits=2),
                   split=split),
        method=words.method(),
        footer=t("rb.footer", snapshot=f.meta["snapshot_id"], as_of=fmt.date(as_of),
                 made=fmt.date(made)),
        demo_note=t("rb.demo") if bool(f.meta["is_demo"]) else "")


def _not_used(row: pd.Series, not_used: pd.DataFrame, year: int) -> str:
    """The products it does not use, by name; or that no use is recorded for the year."""
    if not words.use_recorded(row):
        return words.no_use(year)
    if len(not_used):
        return t("rb.not_used", names=", ".join(not_used["item_name"]))
    return words.not_used_none(row)


def _by_code(f: Figures, codes: list[str]) -> dict[str, dict[str, pd.DataFrame]]:
    """Each query's rows per municipality of `codes`; empty rows for one the query has no rows
    of (a municipality without contributions in the year has no category shares, a year without
    spending or recorded use no items)."""
    out = {}
    for kind, frame in (("rows", f.rows), ("items", f.items), ("categories", f.categories)):
        parts = dict(list(frame.groupby("cbs_code", sort=False)))
        out[kind] = {code: parts.get(code, frame.iloc[0:0]) for code in codes}
    return out


def build_all(f: Figures, lang: str | None = None, made: dt.date | None = None,
              codes: list[str] | None = None) -> list[Brief]:
    """The briefs of the municipalities `codes` (default: all of the year), by name."""
    with i18n.using(lang) as lang:
        codes = codes or codes_of(f)
        by_code = _by_code(f, codes)
        return [_brief(f, code, by_code, lang, made or dt.date.today()) for code in codes]


def build(year: int, cbs_code: str, data_dir=None, lang: str | None = None,
          made: dt.date | None = None, query=None) -> Brief:
    """One municipality's brief. `query(name, **params)`: default ggu.store.query on data_dir
    (the page passes its cached one)."""
    q = query or (lambda name, **p: store.query(name, data_dir, **p))
    f = figures_of(year, q, cbs_code)
    if f.rows[f.rows["year"] == year].empty:
        raise KeyError(cbs_code)
    return build_all(f, lang, made, [cbs_code])[0]


def figures(f: Figures, lang: str | None = None) -> bytes:
    """The CSV of the briefs of the year (Dutch Excel's form): one row per municipality with
    the figures its brief shows and its file name."""
    with i18n.using(lang) as lang:
        rows = f.rows[f.rows["year"] == f.year].sort_values(["name", "cbs_code"]).copy()
        used = words.used_items(f.items)
        names = used.groupby("cbs_code")["item_name"].agg(lambda s: "; ".join(sorted(s)))
        rows["products"] = [names.get(code, "") for code in rows["cbs_code"]]
        rows["file_name"] = [file_name(c, n) for c, n in zip(rows["cbs_code"], rows["name"])]
        rows["size_class"] = [words.size_class_label(s) for s in rows["size_class"]]
        rows["snapshot"] = str(f.meta["snapshot_id"])
        rows["is_demo"] = bool(f.meta["is_demo"])
        return downloads.to_csv(rows, CSV_COLUMNS, lang)

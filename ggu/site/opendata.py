"""The open data of the site (`/data/`): every public table as CSV and Parquet, described by a
Frictionless Data package (`datapackage.json`) with DCAT-AP-DONL-style metadata, and the
explanation of each table and column in Dutch and English for the site's data page.

    write(out_dir, data_dir=None, snapshot_path=None) -> dict   # writes out_dir/data/
    describe(lang) -> list[dict]             # tables and columns explained, for the data page

Every figure comes from queries/*.sql through ggu.store, as on the dashboard; only what the role
`lezer` sees is written: a status explanation only as its first sentence (the dashboard's
`short_explanation`), no concept scenario, nothing of Beheer or the login log.

The files, for a reader's tools rather than a spreadsheet's locale: CSV in UTF-8 with one header
row, a comma between fields, a point before decimals, amounts in euro to the cent (two
decimals), dates as ISO 8601 (2024-12-31), true/false, an empty field for no value. Parquet with
the same columns, amounts as DECIMAL(18, 2). Column names are the queries' (English, with their
unit: `_eur`, `_pct`, `_date`, `is_`); their meaning is in the package and on the data page.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ggu import i18n
from ggu.present.labels import short_explanation
from ggu.store import codes, query, run

DIR = "data"
PACKAGE = "datapackage.json"
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
PUBLISHER = {"name": "VNG", "title": "Vereniging van Nederlandse Gemeenten",
             "path": "https://vng.nl"}
CBS_SOURCE = {"title": "CBS Wijk- en Buurtkaart (inwoners per gemeente op 1 januari)",
              "path": "https://www.cbs.nl/nl-nl/dossier/nederland-regionaal/"
                      "geografische-data/wijk-en-buurtkaart",
              "licence": "CC-BY-4.0"}
EXPLANATIONS = ("status_reason", "explanation")   # status explanations: first sentence only

INTEGERS = frozenset({"year", "start_year", "end_year", "baseline_year", "target_year",
                      "inhabitants", "paying_municipalities", "size_class", "used_products",
                      "offered_products", "item_count", "red_item_count"})
NUMBERS = frozenset({"value", "baseline_value", "target_value", "latest_value"})
SCALES = {"rate_per_inhabitant_eur": 4}   # decimals of an amount (DECIMAL(8, 4)); else 2


def scale(column: str) -> int:
    """The decimals an amount in euro is written with: the schema's scale (cents: 2)."""
    return SCALES.get(column, 2)


@dataclass(frozen=True)
class Table:
    """One public table: its file name (a Dutch URL key), the query it comes from, whether that
    query is run once per year (`per_year`: its $year bound, a `year` column added), the columns
    written (in order) and its primary key."""
    name: str
    query: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    per_year: bool = False
    refers: tuple[tuple[str, str, str], ...] = ()   # (column, table, column) foreign keys


TABLES = (
    Table("jaren", "totals_by_year",
          ("year", "budget_eur", "budget_fonds_eur", "budget_rijk_eur", "budget_overig_eur",
           "spent_eur", "realised_pct", "fund_eur", "contributions_received_eur",
           "paying_municipalities", "is_partial_year"), ("year",)),
    Table("verdeling_per_categorie", "split_by_category_by_year",
          ("year", "category", "budget_eur", "spent_eur", "realised_pct", "budget_share_pct",
           "spent_share_pct", "norm_pct", "deviation_pp", "spent_deviation_pp", "tolerance_pp",
           "is_within_tolerance", "is_spent_within_tolerance"), ("year", "category")),
    Table("bijdragen_per_jaar", "contributions_by_year",
          ("year", "rate_per_inhabitant_eur", "inhabitants", "paying_municipalities",
           "fund_eur", "january_due_eur", "january_received_eur", "july_due_eur",
           "july_received_eur", "contributions_received_eur", "budget_rijk_eur",
           "budget_overig_eur", "funding_eur", "fund_spent_eur", "balance_eur",
           "is_partial_year"), ("year",)),
    Table("doelen_per_jaar", "goal_allocation_by_year",
          ("year", "goal_id", "name", "description", "budget_eur", "spent_eur", "realised_pct",
           "forecast_eur", "budget_share_pct", "spent_share_pct", "item_count",
           "red_item_count"), ("year", "goal_id"), per_year=True),
    Table("producten", "items",
          ("item_id", "name", "kind", "category", "theme", "goal_id", "goal_name", "owner",
           "start_year", "end_year", "status", "status_reason", "phase"), ("item_id",)),
    Table("producten_per_jaar", "portfolio_by_item",
          ("year", "item_id", "status", "phase", "budget_eur", "spent_eur", "realised_pct",
           "forecast_eur", "forecast_deviation_eur", "is_overdue"), ("year", "item_id"),
          per_year=True, refers=(("item_id", "producten", "item_id"),)),
    Table("statusrapportages", "item_status_history",
          ("item_id", "report_date", "status", "previous_status", "is_worse", "is_better",
           "explanation", "phase"), ("item_id", "report_date"),
          refers=(("item_id", "producten", "item_id"),)),
    Table("besluiten", "decisions",
          ("decision_id", "decision_date", "body", "item_id", "goal_id", "decision",
           "reference"), ("decision_id",)),
    Table("indicatoren", "indicator_progress",
          ("indicator_id", "goal_id", "name", "unit", "direction", "baseline_value",
           "baseline_year", "target_value", "target_year", "latest_value",
           "last_measured_date", "progress_pct", "expected_pct", "verdict"), ("indicator_id",)),
    Table("metingen", "indicator_measurements",
          ("indicator_id", "measured_date", "value", "progress_pct"),
          ("indicator_id", "measured_date"),
          refers=(("indicator_id", "indicatoren", "indicator_id"),)),
    Table("gemeenten_per_jaar", "attribution_by_municipality",
          ("year", "cbs_code", "name", "province", "inhabitants", "size_class",
           "rate_per_inhabitant_eur", "january_eur", "january_paid_date", "july_eur",
           "july_paid_date", "contribution_eur", "received_eur", "attributed_eur",
           "attributed_used_eur", "attributed_for_all_eur", "used_products",
           "offered_products", "attributed_vs_paid_pct"), ("year", "cbs_code")),
    Table("gebruik", "attribution_by_municipality_item",
          ("year", "cbs_code", "item_id", "is_for_all", "is_used", "attributed_eur"),
          ("year", "cbs_code", "item_id"), per_year=True,
          refers=(("item_id", "producten", "item_id"),)),
)
BY_NAME = {t.name: t for t in TABLES}


def field_type(column: str) -> str:
    """The Frictionless type of a column, from its name (the schema's unit convention)."""
    if column.endswith("_date"):
        return "date"
    if column.startswith("is_"):
        return "boolean"
    if column in INTEGERS:
        return "integer"
    if column.endswith(("_eur", "_pct", "_pp")) or column in NUMBERS:
        return "number"
    return "string"


def enum(column: str) -> tuple[str, ...] | None:
    """The coded values a column may hold (from the schema), or None."""
    found = {"category": "CATEGORIES", "kind": "KINDS", "status": "STATUSES",
             "previous_status": "STATUSES", "phase": "PHASES", "body": "BODIES",
             "verdict": "VERDICTS"}.get(column)
    return getattr(codes, found) if found else None


def _text(key: str, lang: str, fallback: str | None = None) -> str:
    catalogue = i18n.CATALOGUE[lang]
    return catalogue[key] if key in catalogue or fallback is None else catalogue[fallback]


def column_text(table: str, column: str, lang: str) -> str:
    """A column's explanation: the table's own (`od.col.<table>.<column>`), else the shared one."""
    return _text(f"od.col.{table}.{column}", lang, fallback=f"od.col.{column}")


def describe(lang: str) -> list[dict]:
    """Every public table explained for the data page, in order: name, title, description, the
    file names (csv, parquet; `files`: their paths from the site's root) and its columns (name,
    type, description, values)."""
    return [{
        "name": t.name,
        "title": i18n.t(f"od.table.{t.name}.title", lang=lang),
        "description": i18n.t(f"od.table.{t.name}.description", lang=lang),
        "csv": f"{t.name}.csv", "parquet": f"{t.name}.parquet",
        "files": [f"{DIR}/{t.name}.csv", f"{DIR}/{t.name}.parquet"],   # from the site's root
        "key": list(t.key),
        "columns": [{"name": c, "type": field_type(c), "description": column_text(t.name, c, lang),
                     "values": list(enum(c) or ())} for c in t.columns],
    } for t in TABLES]


# -- the rows ------------------------------------------------------------------------------------
def reader(data_dir=None, snapshot_path=None):
    """`name, **params -> DataFrame` on one snapshot file (the build's), else on data_dir's
    current snapshot."""
    if snapshot_path is not None:
        return lambda name, **params: run(name, snapshot_path, **params)
    return lambda name, **params: query(name, data_dir, **params)


def frame(table: Table, data_dir=None, years: list[int] | None = None,
          snapshot_path=None) -> pd.DataFrame:
    """The rows of a public table, typed by field_type and reduced to what a reader may see."""
    ask = reader(data_dir, snapshot_path)
    if table.per_year:
        parts = [ask(table.query, year=y).assign(year=y) for y in years or []]
        raw = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    else:
        raw = ask(table.query)
    raw = raw.reindex(columns=list(table.columns))
    for column in EXPLANATIONS:
        if column in raw.columns:
            raw[column] = [short_explanation(x) if isinstance(x, str) else None
                           for x in raw[column]]
    return pd.DataFrame({c: _typed(raw[c], field_type(c)) for c in table.columns})


def _typed(values: pd.Series, kind: str) -> pd.Series:
    if kind == "date":
        return pd.to_datetime(values).dt.date.astype(object).where(values.notna(), None)
    if kind == "boolean":
        return values.astype("boolean")
    if kind == "integer":
        return values.round().astype("Int64")
    if kind == "number":
        return values.astype("Float64")
    return values.astype(object).where(values.notna(), None)


def _cell(value, kind: str, column: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "number" and column.endswith("_eur"):
        return f"{value:.{scale(column)}f}"
    if kind == "number":
        return repr(float(value))
    return str(value)


def csv_text(rows: pd.DataFrame) -> str:
    kinds = {c: field_type(c) for c in rows.columns}
    out = pd.DataFrame({c: [_cell(v, kinds[c], c) for v in rows[c]] for c in rows.columns})
    return out.to_csv(index=False, lineterminator="\n")


def arrow_table(rows: pd.DataFrame) -> pa.Table:
    """The rows for Parquet: amounts as DECIMAL(18, 2), dates as dates, counts as integers."""
    arrays, fields = [], []
    for c in rows.columns:
        kind, values = field_type(c), rows[c]
        if kind == "number" and c.endswith("_eur"):
            typ = pa.decimal128(18, scale(c))
            data = [None if pd.isna(v) else Decimal(f"{v:.{scale(c)}f}") for v in values]
        else:
            typ = {"date": pa.date32(), "boolean": pa.bool_(), "integer": pa.int64(),
                   "number": pa.float64(), "string": pa.string()}[kind]
            data = [None if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v))
                    else v for v in values]
        arrays.append(pa.array(data, type=typ))
        fields.append(pa.field(c, typ))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


# -- the package ---------------------------------------------------------------------------------
def _schema(table: Table) -> dict:
    fields = []
    for c in table.columns:
        field: dict[str, object] = {
            "name": c, "type": field_type(c),
            "title": i18n.t(f"col.{c}", lang="nl") if f"col.{c}" in i18n.CATALOGUE["nl"] else c,
            "description": column_text(table.name, c, "nl"),
            "description_en": column_text(table.name, c, "en")}
        if field["type"] == "date":
            field["format"] = "%Y-%m-%d"
        values = enum(c)
        if values:
            field["constraints"] = {"enum": list(values)}
        fields.append(field)
    schema = {"fields": fields, "primaryKey": list(table.key), "missingValues": [""]}
    if table.refers:
        schema["foreignKeys"] = [{"fields": [c], "reference": {"resource": r, "fields": [f]}}
                                 for c, r, f in table.refers]
    return schema


def package(meta: pd.Series, years: list[int], counts: dict[str, int]) -> dict:
    """The datapackage.json descriptor: Frictionless fields and DCAT-AP-DONL-style metadata
    (publisher, licence, temporal coverage, modified date, language, sources)."""
    demo = bool(meta["is_demo"])
    modified = pd.Timestamp(meta["created_at"]).date().isoformat() if meta["created_at"] \
        else None
    as_of = pd.Timestamp(meta["as_of_date"]).date() if pd.notna(meta["as_of_date"]) else None
    end = min(as_of, pd.Timestamp(max(years), 12, 31).date()) if as_of and years else None
    return {
        "profile": "data-package",
        "name": "ggu-in-cijfers",
        "title": i18n.t("od.pkg.title", lang="nl") + (i18n.t("od.pkg.demo", lang="nl")
                                                      if demo else ""),
        "title_en": i18n.t("od.pkg.title", lang="en") + (i18n.t("od.pkg.demo", lang="en")
                                                         if demo else ""),
        "description": i18n.t("od.pkg.description", lang="nl"),
        "description_en": i18n.t("od.pkg.description", lang="en"),
        "publisher": PUBLISHER,
        "contributors": [{"title": PUBLISHER["title"], "role": "publisher",
                          "path": PUBLISHER["path"]},
                         {"title": "CBS", "role": "contributor",
                          "path": "https://www.cbs.nl"}],
        "licenses": [LICENCE],
        "sources": [CBS_SOURCE],
        "language": ["nl", "en"],
        "keywords": ["GGU", "Fonds GGU", "VNG", "gemeenten", "open data"],
        "accessRights": "public",
        "temporal": {"start": f"{min(years)}-01-01" if years else None,
                     "end": end.isoformat() if end else None},
        "modified": modified,
        "version": str(meta["snapshot_id"]),
        "is_demo": demo,
        "resources": [{
            "name": t.name, "path": f"{t.name}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "title": i18n.t(f"od.table.{t.name}.title", lang="nl"),
            "description": i18n.t(f"od.table.{t.name}.description", lang="nl"),
            "description_en": i18n.t(f"od.table.{t.name}.description", lang="en"),
            "dialect": {"delimiter": ",", "header": True},
            "schema": _schema(t),
            "rows": counts[t.name],
            "distributions": [{"path": f"{t.name}.parquet", "format": "parquet",
                               "mediatype": "application/vnd.apache.parquet"}],
        } for t in TABLES],
    }


def write(out_dir: Path, data_dir=None, snapshot_path=None) -> dict:
    """Write out_dir/data/: every public table as <name>.csv and <name>.parquet and
    datapackage.json describing them, from the snapshot file `snapshot_path` (the one the rest
    of the build reads) or else data_dir's current one. Returns the package descriptor."""
    target = Path(out_dir) / DIR
    target.mkdir(parents=True, exist_ok=True)
    ask = reader(data_dir, snapshot_path)
    years = [int(y) for y in ask("years")["year"]]
    counts = {}
    for table in TABLES:
        rows = frame(table, data_dir, years, snapshot_path)
        (target / f"{table.name}.csv").write_text(csv_text(rows), encoding="utf-8")
        pq.write_table(arrow_table(rows), target / f"{table.name}.parquet")
        counts[table.name] = len(rows)
    descriptor = package(ask("meta").iloc[0], years, counts)
    (target / PACKAGE).write_text(json.dumps(descriptor, ensure_ascii=False, indent=1),
                                  encoding="utf-8")
    return descriptor

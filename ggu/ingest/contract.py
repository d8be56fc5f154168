"""The data contract: which sheets a workbook (or which CSV files a folder) holds, their Dutch
names and column headers, the references between them, and how an import replaces rows.

The tables, columns, types, keys and allowed codes come from the schema itself
(ggu/store/tables.py), so a table added there becomes a sheet without a change here (it keeps
its own name as sheet name until it is given a Dutch one in SHEETS).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ggu.store import tables as schema_tables

# The one mapping between the data model and the template: table -> sheet, column -> header.
SHEETS = {
    "goal": "Doelen", "item": "Projecten", "budget": "Begroting", "spend": "Uitgaven",
    "indicator": "Indicatoren", "measurement": "Metingen", "municipality": "Gemeenten",
    "contribution": "Bijdragen", "split_norm": "Norm", "cpi": "CPI",
    "exception_rule": "Uitzonderingsregels", "proposal": "Voorstellen",
    "status_report": "Statusrapportages", "decision": "Besluiten", "item_use": "Gebruik",
}
HEADERS = {
    "goal_id": "Doel-id", "name": "Naam", "description": "Omschrijving",
    "sort_order": "Volgorde", "item_id": "Project-id", "kind": "Soort",
    "category": "Categorie", "theme": "Thema", "owner": "Eigenaar", "start_year": "Startjaar",
    "end_year": "Eindjaar", "status": "Status", "status_reason": "Toelichting status",
    "phase": "Fase", "year": "Jaar", "funding_source": "Financieringsbron",
    "budget_eur": "Bedrag", "tx_id": "Boeking-id", "booking_date": "Boekdatum",
    "amount_eur": "Bedrag", "cost_type": "Kostensoort", "indicator_id": "Indicator-id",
    "unit": "Eenheid", "baseline_value": "Nulmeting", "baseline_year": "Jaar nulmeting",
    "target_value": "Streefwaarde", "target_year": "Streefjaar", "direction": "Richting",
    "measured_date": "Meetdatum", "value": "Waarde", "cbs_code": "CBS-code",
    "province": "Provincie", "inhabitants": "Inwoners", "instalment": "Termijn",
    "rate_per_inhabitant_eur": "Bedrag per inwoner", "paid_date": "Betaaldatum",
    "valid_from_year": "Geldig vanaf", "norm_pct": "Norm (%)", "tolerance_pp": "Marge (%-punt)",
    "change_pct": "Mutatie (%)", "source": "Bron", "rule_id": "Regel-id",
    "metric": "Maatstaf", "operator": "Vergelijking", "threshold": "Drempel",
    "is_active": "Actief", "proposal_id": "Voorstel-id",
    "report_date": "Rapportdatum", "explanation": "Toelichting", "decision_id": "Besluit-id",
    "decision_date": "Datum", "body": "Orgaan", "decision": "Besluit", "reference": "Kenmerk",
    "from_year": "Vanaf", "to_year": "Tot en met",
}
# References checked on import: (table, columns) must exist in (table, columns).
REFERENCES = [
    ("item", ("goal_id",), "goal", ("goal_id",)),
    ("budget", ("item_id",), "item", ("item_id",)),
    ("spend", ("item_id",), "item", ("item_id",)),
    ("indicator", ("goal_id",), "goal", ("goal_id",)),
    ("measurement", ("indicator_id",), "indicator", ("indicator_id",)),
    ("contribution", ("year", "cbs_code"), "municipality", ("year", "cbs_code")),
    ("proposal", ("goal_id",), "goal", ("goal_id",)),
    ("status_report", ("item_id",), "item", ("item_id",)),
    ("decision", ("item_id",), "item", ("item_id",)),
    ("decision", ("goal_id",), "goal", ("goal_id",)),
    ("item_use", ("item_id",), "item", ("item_id",)),
    ("item_use", ("cbs_code",), "municipality", ("cbs_code",)),
]
# Tables whose rows an import replaces per year present in the file (the column holding the
# year, or a date whose year counts). Tables with a key are upserted by key; others replaced.
REPLACE_BY_YEAR = {"budget": "year", "spend": "booking_date", "municipality": "year",
                   "contribution": "year", "measurement": "measured_date",
                   "proposal": "year", "status_report": "report_date"}
# The form of an identifier, checked on import (rules.py) and documented in docs/import.md: a
# CBS code is GM and four digits; the other ids are short and made of safe characters only
# (letters, digits, dot, hyphen, underscore; a letter or digit first; never two dots), so an id
# can never be read as a path, markup or a formula wherever it is shown or used.
CBS_CODE = r"GM[0-9]{4}"
ID_FORM = r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}"
IDENTIFIERS = {"goal_id": ID_FORM, "item_id": ID_FORM, "proposal_id": ID_FORM,
               "decision_id": ID_FORM, "rule_id": ID_FORM, "indicator_id": ID_FORM,
               "cbs_code": CBS_CODE}
# Optional check sheet: the stated budget total per year, which the budget lines must add up to.
TOTALS_SHEET = "Totalen"
TOTALS_HEADERS = ("Jaar", "Totaal begroting")
EXPLAIN_SHEET = "Uitleg"
EXCEL_MAX_ROWS = 1_048_575


@dataclass(frozen=True)
class Column(schema_tables.Column):
    header: str = ""


@dataclass(frozen=True)
class Table(schema_tables.Table):
    columns: tuple[Column, ...]   # the import's columns, with their headers
    sheet: str = ""

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def replace_by_year(self) -> str | None:
        """The column whose year decides which rows an import replaces (None: by key)."""
        return REPLACE_BY_YEAR.get(self.name)


@functools.lru_cache(maxsize=1)
def tables() -> tuple[Table, ...]:
    """The data tables in schema order, with their sheet names and column headers."""
    return tuple(
        Table(tb.name, tuple(Column(c.name, c.type, c.required, c.allowed,
                                    HEADERS.get(c.name, c.name)) for c in tb.columns),
              tb.key, SHEETS.get(tb.name, tb.name))
        for tb in schema_tables.tables())


def table(name: str) -> Table:
    return next(tb for tb in tables() if tb.name == name)


def by_sheet() -> dict[str, Table]:
    """Tables by their sheet name, lower-cased (sheet and file names match case-insensitively)."""
    return {tb.sheet.lower(): tb for tb in tables()}


def sheet_name(table_name: str) -> str:
    """The sheet of a table; the name itself for one that is not a data table."""
    return SHEETS.get(table_name, table_name)

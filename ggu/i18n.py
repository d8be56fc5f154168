"""The message catalogue: every user-visible string, in Dutch (default) and English.

`t(key, **fields)` looks a key up in the language of the current script run (a context
variable set by the frame on every rerun, so each Streamlit session keeps its own).
"""
from __future__ import annotations

from contextvars import ContextVar

LANGS = ("nl", "en")
_lang: ContextVar[str] = ContextVar("lang", default="nl")


def set_lang(lang: str) -> None:
    _lang.set(lang if lang in LANGS else "nl")


def lang() -> str:
    return _lang.get()


def t(key: str, lang: str | None = None, **fields) -> str:
    text = CATALOGUE[lang or _lang.get()][key]
    return text.format(**fields) if fields else text


# Labels of coded values: category, status, kind, funding source, ...
VALUE_KEYS = {"category": "category", "status": "status", "kind": "kind",
              "funding_source": "funding", "phase": "phase"}


def value(column: str, code, lang: str | None = None) -> str:
    """The label of a coded value (e.g. category 'meerjarig' -> 'Meerjarig'); else the value."""
    prefix = VALUE_KEYS.get(column)
    key = f"{prefix}.{code}"
    if prefix and key in CATALOGUE[lang or _lang.get()]:
        return t(key, lang=lang)
    return str(code)


CATALOGUE: dict[str, dict[str, str]] = {
    "nl": {
        "app.title": "GGU Portfoliodashboard",
        "app.subtitle": "Gezamenlijke Gemeentelijke Uitvoering · Fonds GGU",
        "app.demo_banner": "**Voorbeelddata.** Deze cijfers zijn verzonnen rond de publieke "
                           "kengetallen van de GGU en dienen alleen ter demonstratie. "
                           "Bron inwoners: CBS.",
        "app.no_data": "Er zijn nog geen gegevens. Maak de voorbeelddata met `make run` of "
                       "`python -m ggu demo`, of laad echte cijfers in.",
        "app.data_error": "De gegevens kunnen niet worden gelezen: {error}",
        "app.snapshot": "Gegevensstand {snapshot} · t/m {as_of}",
        "nav.overview": "Overzicht",
        "nav.section": "Portfolio",
        "filter.year": "Jaar",
        "filter.year_help": "Het jaar waarover alle pagina's rapporteren.",
        "filter.basis": "Verdeling op basis van",
        "basis.budget": "Begroting",
        "basis.spent": "Uitgaven",
        "lang.label": "Taal / Language",
        "ov.title": "Overzicht {year}",
        "ov.lead": "Gaat het geld waar de ALV het heeft afgesproken? De norm is 50% structureel, "
                   "20% meerjarig en 30% kortcyclisch.",
        "ov.partial": "{year} loopt nog: uitgaven en ontvangsten tot en met {as_of}.",
        "kpi.budget": "Begroting",
        "kpi.spent": "Besteed",
        "kpi.spent_to_date": "Besteed t/m {as_of}",
        "kpi.realised": "Gerealiseerd",
        "kpi.realised_help": "Uitgaven als percentage van de begroting.",
        "kpi.contributions": "Bijdragen ontvangen",
        "kpi.contributions_delta": "van {due} verschuldigd",
        "kpi.budget_sources": "waarvan {fonds} Fonds GGU",
        "split.title_ok": "{basis} {year}: alle categorieën binnen de marge van ±{tol} rond de norm",
        "split.title_off": "{basis} {year}: {categories} buiten de marge van ±{tol} rond de norm",
        "split.summary": "Aandeel per categorie in de {basis} {year}, met de norm en de "
                         "marge van ±{tol}: {parts}.",
        "split.part": "{category} {share} (norm {norm}, {dev})",
        "word.and": "en",
        "split.axis": "Aandeel van het totaal",
        "split.norm": "Norm",
        "split.band": "Marge rond de norm",
        "split.share": "Aandeel",
        "split.within": "binnen de marge",
        "split.outside": "buiten de marge",
        "bvs.title": "Begroting en uitgaven per categorie, {year}",
        "bvs.summary": "Per categorie de begroting en wat ervan is besteed: {parts}.",
        "bvs.part": "{category} {spent} van {budget} ({pct})",
        "trend.title": "Begroting en uitgaven per jaar",
        "trend.summary": "De begroting ging van {first} in {y0} naar {last} in {y1}.",
        "trend.partial": "t/m {as_of}",
        "exc.title": "Aandachtspunten {year}",
        "exc.lead": "Projecten met status rood of met uitgaven boven de begroting.",
        "exc.none": "Geen aandachtspunten: geen project staat op rood of boven de begroting.",
        "exc.reason_red": "status rood",
        "exc.reason_over": "boven begroting",
        "table.show": "Cijfers als tabel",
        "series.budget": "Begroting",
        "series.spent": "Besteed",
        "unit.pp": "%-punt",
        "word.yes": "ja",
        "word.no": "nee",
        "category.structureel": "Structureel",
        "category.meerjarig": "Meerjarig",
        "category.kortcyclisch": "Kortcyclisch",
        "status.groen": "✔\u00a0Groen",
        "status.oranje": "▲\u00a0Oranje",
        "status.rood": "✖\u00a0Rood",
        "kind.product": "Product",
        "kind.dienst": "Dienst",
        "kind.standaard": "Standaard",
        "kind.programma": "Programma",
        "funding.fonds_ggu": "Fonds GGU",
        "funding.rijk": "Rijk",
        "funding.overig": "Overig",
        "phase.voorbereiding": "Voorbereiding",
        "phase.ontwikkeling": "Ontwikkeling",
        "phase.implementatie": "Implementatie",
        "phase.beheer": "Beheer",
        "phase.afgerond": "Afgerond",
        "col.year": "Jaar",
        "col.category": "Categorie",
        "col.budget_eur": "Begroting",
        "col.spent_eur": "Besteed",
        "col.budget_share_pct": "Aandeel begroting",
        "col.spent_share_pct": "Aandeel uitgaven",
        "col.norm_pct": "Norm",
        "col.deviation_pp": "Afwijking begroting",
        "col.spent_deviation_pp": "Afwijking uitgaven",
        "col.tolerance_pp": "Marge",
        "col.is_within_tolerance": "Binnen marge",
        "col.realised_pct": "Gerealiseerd",
        "col.name": "Naam",
        "col.status": "Status",
        "col.status_reason": "Toelichting status",
        "col.difference_eur": "Verschil met begroting",
        "col.reason": "Waarom",
        "col.contributions_due_eur": "Bijdragen verschuldigd",
        "col.contributions_received_eur": "Bijdragen ontvangen",
        "col.paying_municipalities": "Gemeenten",
        "col.budget_fonds_eur": "Waarvan Fonds GGU",
        "col.budget_rijk_eur": "Waarvan Rijk",
        "col.budget_overig_eur": "Waarvan overig",
        "col.is_partial_year": "Lopend jaar",
    },
    "en": {
        "app.title": "GGU Portfolio Dashboard",
        "app.subtitle": "Joint Municipal Implementation (GGU) · GGU Fund",
        "app.demo_banner": "**Sample data.** These figures are invented around the public key "
                           "figures of the GGU and serve as a demonstration only. Source of "
                           "inhabitants: CBS.",
        "app.no_data": "There is no data yet. Build the sample data with `make run` or "
                       "`python -m ggu demo`, or load real figures.",
        "app.data_error": "The data cannot be read: {error}",
        "app.snapshot": "Data snapshot {snapshot} · up to {as_of}",
        "nav.overview": "Overview",
        "nav.section": "Portfolio",
        "filter.year": "Year",
        "filter.year_help": "The year every page reports on.",
        "filter.basis": "Split based on",
        "basis.budget": "Budget",
        "basis.spent": "Spending",
        "lang.label": "Taal / Language",
        "ov.title": "Overview {year}",
        "ov.lead": "Does the money go where the general assembly agreed? The norm is 50% "
                   "structural, 20% multi-year and 30% short-cycle.",
        "ov.partial": "{year} is still running: spending and receipts up to {as_of}.",
        "kpi.budget": "Budget",
        "kpi.spent": "Spent",
        "kpi.spent_to_date": "Spent up to {as_of}",
        "kpi.realised": "Realised",
        "kpi.realised_help": "Spending as a percentage of the budget.",
        "kpi.contributions": "Contributions received",
        "kpi.contributions_delta": "of {due} due",
        "kpi.budget_sources": "of which {fonds} GGU Fund",
        "split.title_ok": "{basis} {year}: every category within ±{tol} of the norm",
        "split.title_off": "{basis} {year}: {categories} outside the margin of ±{tol} around the norm",
        "split.summary": "Share per category of the {basis} {year}, with the norm and the "
                         "margin of ±{tol}: {parts}.",
        "split.part": "{category} {share} (norm {norm}, {dev})",
        "word.and": "and",
        "split.axis": "Share of the total",
        "split.norm": "Norm",
        "split.band": "Margin around the norm",
        "split.share": "Share",
        "split.within": "within the margin",
        "split.outside": "outside the margin",
        "bvs.title": "Budget and spending per category, {year}",
        "bvs.summary": "Per category the budget and how much of it was spent: {parts}.",
        "bvs.part": "{category} {spent} of {budget} ({pct})",
        "trend.title": "Budget and spending per year",
        "trend.summary": "The budget went from {first} in {y0} to {last} in {y1}.",
        "trend.partial": "up to {as_of}",
        "exc.title": "Points of attention {year}",
        "exc.lead": "Items with status red or spending above budget.",
        "exc.none": "No points of attention: no item is red or above budget.",
        "exc.reason_red": "status red",
        "exc.reason_over": "above budget",
        "table.show": "Figures as a table",
        "series.budget": "Budget",
        "series.spent": "Spent",
        "unit.pp": "pp",
        "word.yes": "yes",
        "word.no": "no",
        "category.structureel": "Structural",
        "category.meerjarig": "Multi-year",
        "category.kortcyclisch": "Short-cycle",
        "status.groen": "✔\u00a0Green",
        "status.oranje": "▲\u00a0Amber",
        "status.rood": "✖\u00a0Red",
        "kind.product": "Product",
        "kind.dienst": "Service",
        "kind.standaard": "Standard",
        "kind.programma": "Programme",
        "funding.fonds_ggu": "GGU Fund",
        "funding.rijk": "Central government",
        "funding.overig": "Other",
        "phase.voorbereiding": "Preparation",
        "phase.ontwikkeling": "Development",
        "phase.implementatie": "Implementation",
        "phase.beheer": "Operation",
        "phase.afgerond": "Completed",
        "col.year": "Year",
        "col.category": "Category",
        "col.budget_eur": "Budget",
        "col.spent_eur": "Spent",
        "col.budget_share_pct": "Budget share",
        "col.spent_share_pct": "Spending share",
        "col.norm_pct": "Norm",
        "col.deviation_pp": "Budget deviation",
        "col.spent_deviation_pp": "Spending deviation",
        "col.tolerance_pp": "Margin",
        "col.is_within_tolerance": "Within margin",
        "col.realised_pct": "Realised",
        "col.name": "Name",
        "col.status": "Status",
        "col.status_reason": "Status explained",
        "col.difference_eur": "Difference from budget",
        "col.reason": "Why",
        "col.contributions_due_eur": "Contributions due",
        "col.contributions_received_eur": "Contributions received",
        "col.paying_municipalities": "Municipalities",
        "col.budget_fonds_eur": "Of which GGU Fund",
        "col.budget_rijk_eur": "Of which central government",
        "col.budget_overig_eur": "Of which other",
        "col.is_partial_year": "Current year",
    },
}

"""Display formats per language with babel: one formatter per column-name unit suffix."""
from __future__ import annotations

import datetime as dt
import functools
import math
from typing import Callable

import pandas as pd
from babel.dates import format_date, format_datetime, get_month_names
from babel import Locale
from babel.numbers import parse_pattern

from ggu import i18n

LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def _locale(lang: str | None) -> Locale:
    return _parsed_locale(lang or i18n.lang())


# Parsed once: babel's format_* functions parse the locale and the pattern on every call.
@functools.lru_cache(maxsize=None)
def _parsed_locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


@functools.lru_cache(maxsize=None)
def _pattern(pattern: str):
    return parse_pattern(pattern)


def format_decimal(value: float, format: str, locale: Locale) -> str:  # noqa: A002
    return _pattern(format).apply(value, locale)


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA or x is pd.NaT


def eur(x, digits: int = 0, lang: str | None = None) -> str:
    """`€ 1.234.567` (nl) / `€1,234,567` (en); digits=2 gives cents."""
    if _missing(x):
        return "–"
    sep = "" if (lang or i18n.lang()) == "en" else "\u00a0"   # nl: a space that never breaks
    pattern = f"¤{sep}#,##0" + ("." + "0" * digits if digits else "")
    return _pattern(pattern).apply(float(x), _locale(lang), currency="EUR",
                                   currency_digits=False)


def eur_mln(x, lang: str | None = None) -> str:
    """`€ 58,0 mln` (nl) / `€58.0M` (en)."""
    if _missing(x):
        return "–"
    lang = lang or i18n.lang()
    if lang == "nl":
        amount = format_decimal(float(x) / 1e6, format="#,##0.0", locale=_locale(lang))
        return f"€\u00a0{amount}\u00a0mln"
    amount = format_decimal(abs(float(x)) / 1e6, format="#,##0.0", locale=_locale(lang))
    sign = "-" if float(x) < 0 and amount.strip("0.,") else ""
    return f"{sign}€{amount}M"   # English puts the sign before the currency: -€16.1M


def pct(x, digits: int = 1, lang: str | None = None) -> str:
    """`50,0%` from 50.0 (values are in percent, not fractions)."""
    if _missing(x):
        return "–"
    return format_decimal(float(x), format="#,##0." + "0" * digits, locale=_locale(lang)) + "%"


def pp(x, digits: int = 1, lang: str | None = None) -> str:
    """A deviation in percentage points with its sign: `+3,0 %-punt` / `+3.0 pp`."""
    if _missing(x):
        return "–"
    value = format_decimal(float(x), format="+#,##0." + "0" * digits + ";-#,##0." + "0" * digits,
                           locale=_locale(lang))
    return f"{value}\u00a0{i18n.t('unit.pp', lang=lang)}"


def number(x, digits: int = 0, lang: str | None = None) -> str:
    if _missing(x):
        return "–"
    return format_decimal(float(x), format="#,##0" + ("." + "0" * digits if digits else ""),
                          locale=_locale(lang))


def date(x, lang: str | None = None, short: bool = False) -> str:
    """`31 oktober 2026` / `31 October 2026`; short: `31 okt` / `31 Oct`."""
    if _missing(x):
        return "–"
    if isinstance(x, str):
        x = dt.date.fromisoformat(x[:10])
    if isinstance(x, pd.Timestamp):
        x = x.date()
    return format_date(x, format="d MMM" if short else "long", locale=_locale(lang)).rstrip(".")


def month(m: int, lang: str | None = None, short: bool = True) -> str:
    """The name of month m (1-12) from babel: `okt` / `Oct`; short=False: `oktober` / `October`.
    For chart axes and labels: plotly's own month names are English only."""
    names = _month_names(lang or i18n.lang(), "abbreviated" if short else "wide")
    return names[int(m)]


@functools.lru_cache(maxsize=None)
def _month_names(lang: str, width: str) -> dict[int, str]:
    names = get_month_names(width, locale=_parsed_locale(lang))
    return {m: names[m].rstrip(".") for m in range(1, 13)}


def month_year(x, lang: str | None = None) -> str:
    """`okt 2026` / `Oct 2026` for a date."""
    if _missing(x):
        return "–"
    x = pd.Timestamp(x)
    return f"{month(x.month, lang=lang)} {x.year}"


def timestamp(x, lang: str | None = None) -> str:
    """A moment to the minute: `01-12-2026 09:05` / `01/12/2026, 09:05`."""
    if _missing(x):
        return "–"
    text = format_datetime(pd.Timestamp(x).to_pydatetime(), format="short", locale=_locale(lang))
    return text.replace(", ", " ", 1) if (lang or i18n.lang()) == "nl" else text


def yes_no(x, lang: str | None = None) -> str:
    if _missing(x):
        return "–"
    return i18n.t("word.yes" if x else "word.no", lang=lang)


def for_column(column: str) -> Callable:
    """The formatter a column's name asks for (its unit suffix)."""
    if column.endswith("_eur"):
        return eur
    if column.endswith("_pct"):
        return pct
    if column.endswith("_pp"):
        return pp
    if column.endswith("_date"):
        return date
    if column.startswith("is_"):
        return yes_no
    if column in ("year", "start_year", "end_year"):
        return lambda x, lang=None: "–" if _missing(x) else str(int(x))
    return lambda x, lang=None: "–" if _missing(x) else (
        number(x, lang=lang) if isinstance(x, (int, float)) else i18n.value(column, x, lang=lang))


def exception_reasons(df: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """Why each item is listed, from its broken rules (column `rules`: rule_id, metric, operator,
    threshold, metric_value): 'prognose 17,5% boven begroting (grens 5,0%); status rood'."""
    def reason(rule) -> str:
        metric = rule["metric"]
        key = f"exc.metric.{metric}"
        if key not in i18n.CATALOGUE[lang or i18n.lang()]:   # a metric without a text
            return f"{metric} {rule['operator']} {number(rule['threshold'], lang=lang)}"
        show = for_column(metric)
        return i18n.t(key, lang=lang, value=show(abs(rule["metric_value"]), lang=lang),
                      threshold=show(rule["threshold"], lang=lang))
    return pd.Series(["; ".join(reason(r) for r in rules) for rules in df["rules"]],
                     index=df.index, dtype=object)


def rules_text(rules: pd.DataFrame, lang: str | None = None) -> str:
    """The active exception rules in words (rows of exception_rules.sql): 'prognose meer dan
    5,0% boven de begroting; …'. Built from the data, so it follows any change of a rule."""
    def text(rule) -> str:
        key = f"exc.rule.{rule.metric}"
        if rule.operator not in (">", ">=") and rule.metric.startswith("forecast") \
                or key not in i18n.CATALOGUE[lang or i18n.lang()]:
            return f"{rule.metric} {rule.operator} {number(rule.threshold, digits=1, lang=lang)}"
        return i18n.t(key, lang=lang, threshold=for_column(rule.metric)(rule.threshold, lang=lang))
    return "; ".join(text(rule) for rule in rules.itertuples(index=False))


def display_frame(df: pd.DataFrame, columns: list[str], lang: str | None = None,
                  eur_digits: int = 0) -> pd.DataFrame:
    """The columns formatted as text, headed by their translated names (for tables on screen).

    eur_digits: decimals of the euro columns (e.g. 2 for amounts per inhabitant)."""
    def formatter(c):
        return (lambda x, lang=None: eur(x, digits=eur_digits, lang=lang)) \
            if c.endswith("_eur") else for_column(c)
    out = pd.DataFrame({
        i18n.t(f"col.{c}", lang=lang): [formatter(c)(v, lang=lang) for v in df[c]]
        for c in columns
    })
    return out


def styled_frame(df: pd.DataFrame, columns: list[str], lang: str | None = None,
                 headers: dict[str, str] | None = None):
    """Like display_frame, but the numbers stay numbers (a table sorts them right) and are only
    shown formatted: a pandas Styler for st.dataframe. `headers` overrides column headings."""
    names = {c: (headers or {}).get(c) or i18n.t(f"col.{c}", lang=lang) for c in columns}
    data = df[columns].copy()
    for c in columns:   # coded values and texts become their labels; numbers stay numbers
        if not pd.api.types.is_numeric_dtype(data[c]) or c.startswith("is_") \
                or c in ("year", "start_year", "end_year"):
            data[c] = [for_column(c)(v, lang=lang) for v in data[c]]
    data = data.rename(columns=names)
    numeric = [c for c in columns if pd.api.types.is_numeric_dtype(data[names[c]])]
    return data.style.format({names[c]: (lambda v, c=c: for_column(c)(v, lang=lang))
                              for c in numeric}, na_rep="–")

"""Display formats per language with babel: one formatter per column-name unit suffix."""
from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable
from typing import Literal

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_datetime, get_month_names
from babel.numbers import parse_pattern

from ggu import i18n

LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def _locale(lang: str | None) -> Locale:
    return _parsed_locale(lang or i18n.lang())


# Parsed once: babel's format_* functions parse the locale and the pattern on every call.
@functools.cache
def _parsed_locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


@functools.cache
def _pattern(pattern: str):
    return parse_pattern(pattern)


def format_decimal(value: float, format: str, locale: Locale, **kwargs) -> str:  # noqa: A002
    """`value` as the babel pattern `format` writes it; a value that rounds to zero is written
    as zero, without a sign: never "-0,0" (or "+0,0 %-punt"), whatever the pattern."""
    text = _pattern(format).apply(value, locale, **kwargs)
    if not any(c in "123456789" for c in text):
        text = _pattern(format.split(";")[0].replace("+", "")).apply(0, locale, **kwargs)
    return text


def missing(x) -> bool:
    """None, NaN, NA or NaT: shown as '–'."""
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA or x is pd.NaT


def eur(x, digits: int = 0, lang: str | None = None) -> str:
    """`€ 1.234.567` (nl) / `€1,234,567` (en); digits=2 gives cents."""
    if missing(x):
        return "–"
    sep = "" if (lang or i18n.lang()) == "en" else "\u00a0"   # nl: a space that never breaks
    pattern = f"¤{sep}#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(float(x), pattern, _locale(lang), currency="EUR",
                          currency_digits=False)


def eur_mln(x, lang: str | None = None) -> str:
    """`€ 58,0 mln` (nl) / `€58.0M` (en)."""
    if missing(x):
        return "–"
    lang = lang or i18n.lang()
    if lang == "nl":
        amount = format_decimal(float(x) / 1e6, format="#,##0.0", locale=_locale(lang))
        return f"€\u00a0{amount}\u00a0mln"
    amount = format_decimal(abs(float(x)) / 1e6, format="#,##0.0", locale=_locale(lang))
    sign = "-" if float(x) < 0 and amount.strip("0.,") else ""
    return f"{sign}€{amount}M"   # English puts the sign before the currency: -€16.1M


def pct(x, digits: int = 1, lang: str | None = None, signed: bool = False) -> str:
    """`50,0%` from 50.0 (values are in percent, not fractions); signed: a change, `+2,5%` /
    `-11,3%` (and `0,0%`)."""
    if missing(x):
        return "–"
    body = "#,##0." + "0" * digits
    pattern = f"+{body};-{body}" if signed else body
    return format_decimal(float(x), format=pattern, locale=_locale(lang)) + "%"


def pp(x, digits: int = 1, lang: str | None = None) -> str:
    """A deviation in percentage points with its sign: `+3,0 %-punt` / `+3.0 pp`."""
    if missing(x):
        return "–"
    value = format_decimal(float(x), format="+#,##0." + "0" * digits + ";-#,##0." + "0" * digits,
                           locale=_locale(lang))
    return f"{value}\u00a0{i18n.t('unit.pp', lang=lang)}"


def number(x, digits: int = 0, lang: str | None = None) -> str:
    if missing(x):
        return "–"
    return format_decimal(float(x), format="#,##0" + ("." + "0" * digits if digits else ""),
                          locale=_locale(lang))


def measurement(x, lang: str | None = None) -> str:
    """An indicator's value as measured: `235` for a count, `5,3` for a tenth (at most one
    decimal, none when the value is whole)."""
    if missing(x):
        return "–"
    return format_decimal(float(x), format="#,##0.#", locale=_locale(lang))


def date(x, lang: str | None = None, short: bool = False) -> str:
    """`31 oktober 2026` / `31 October 2026`; short: `31 okt` / `31 Oct`."""
    if missing(x):
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


@functools.cache
def _month_names(lang: str, width: Literal["abbreviated", "wide"]) -> dict[int, str]:
    names = get_month_names(width, locale=_parsed_locale(lang))
    return {m: names[m].rstrip(".") for m in range(1, 13)}


def month_year(x, lang: str | None = None) -> str:
    """`okt 2026` / `Oct 2026` for a date."""
    if missing(x):
        return "–"
    x = pd.Timestamp(x)
    return f"{month(x.month, lang=lang)} {x.year}"


def timestamp(x, lang: str | None = None) -> str:
    """A moment to the minute: `01-12-2026 09:05` / `01/12/2026, 09:05`."""
    if missing(x):
        return "–"
    text = format_datetime(pd.Timestamp(x).to_pydatetime(), format="short", locale=_locale(lang))
    return text.replace(", ", " ", 1) if (lang or i18n.lang()) == "nl" else text


def yes_no(x, lang: str | None = None) -> str:
    if missing(x):
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
    if column.endswith("_value"):   # an indicator's measured, baseline or target value
        return measurement
    if column in ("year", "start_year", "end_year"):
        return lambda x, lang=None: "–" if missing(x) else str(int(x))
    return lambda x, lang=None: "–" if missing(x) else (
        number(x, lang=lang) if isinstance(x, (int, float)) else i18n.value(column, x, lang=lang))

"""What a user reads, in Dutch (default) and English: the message catalogue (this module, with
the strings in messages/<area>.py) and the display formats of numbers, amounts and dates
(formats.py, with babel).

A bottom layer beside ggu.config, because every layer speaks to the user: the store's and the
import's messages, the pages, the reports. May import ggu.config only.

`t(key, **fields)` looks a key up in the language of the current script run (a context
variable set by the frame on every rerun, so each Streamlit session keeps its own).
"""
from __future__ import annotations

import contextlib
import importlib
import pkgutil
from contextvars import ContextVar

from ggu.i18n import messages

LANGS = ("nl", "en")
_lang: ContextVar[str] = ContextVar("lang", default="nl")


def set_lang(lang: str) -> None:
    _lang.set(lang if lang in LANGS else "nl")


def lang() -> str:
    return _lang.get()


@contextlib.contextmanager
def using(language: str | None):
    """Within the block, t() and the formats speak `language` (e.g. a report in English)."""
    token = _lang.set(language if language in LANGS else _lang.get())
    try:
        yield _lang.get()
    finally:
        _lang.reset(token)


def t(key: str, lang: str | None = None, **fields) -> str:
    text = CATALOGUE[lang or _lang.get()][key]
    return text.format(**fields) if fields else text


# Labels of coded values: category, status, kind, funding source, ...
VALUE_KEYS = {"category": "category", "status": "status", "kind": "kind",
              "funding_source": "funding", "phase": "phase", "cost_type": "cost_type",
              "previous_status": "status", "status_change": "change", "body": "body"}


def value(column: str, code, lang: str | None = None) -> str:
    """The label of a coded value (e.g. category 'meerjarig' -> 'Meerjarig'); else the value."""
    prefix = VALUE_KEYS.get(column)
    key = f"{prefix}.{code}"
    if prefix and key in CATALOGUE[lang or _lang.get()]:
        return t(key, lang=lang)
    return str(code)


def _load_catalogue() -> dict[str, dict[str, str]]:
    """Merge the NL and EN dicts of every module in ggu/messages; a key lives in one module."""
    catalogue: dict[str, dict[str, str]] = {"nl": {}, "en": {}}
    for info in pkgutil.iter_modules(messages.__path__):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        for lang, table in (("nl", module.NL), ("en", module.EN)):
            clash = catalogue[lang].keys() & table.keys()
            if clash:
                raise KeyError(f"message keys defined twice: {sorted(clash)}")
            catalogue[lang].update(table)
    return catalogue


CATALOGUE = _load_catalogue()

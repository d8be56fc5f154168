"""Short labels shared by charts, tables and texts: a verdict with its icon, a signed %, an
amount in the unit shown, a listing 'a, b en c'."""
from __future__ import annotations

import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.palette import VERDICT_ICONS


def verdict_label(verdict, lang: str | None = None) -> str:
    """'✔ Op koers', '▲ Aandacht', '✖ Achter' or '– Geen meting': icon and word, never colour."""
    verdict = None if fmt.missing(verdict) else verdict   # NaN from a frame is no verdict
    word = i18n.t(f"verdict.{verdict or 'none'}", lang=lang)
    return f"{VERDICT_ICONS.get(verdict, '–')}\u00a0{word}"


def signed_pct(x) -> str:
    """'+2,5%' / '-11,3%': a change in percent with its sign."""
    return ("+" if pd.notna(x) and x > 0 else "") + fmt.pct(x)


def listing(parts: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {i18n.t('word.and')} " + parts[-1]


def amount_text(x, unit: str) -> str:
    """An amount as shown in the chosen unit: `€ 58,0 mln`, or `€ 3,10` per inhabitant."""
    return fmt.eur(x, digits=2) if unit == "per_inhabitant" else fmt.eur_mln(x)


def short_explanation(text) -> str | None:
    """A status explanation's first sentence, with '…' when there is more (what a reader who
    is not of the College sees; the College sees the whole text)."""
    if not isinstance(text, str) or not text:
        return text
    head, dot, rest = text.partition(". ")
    return head + (dot.strip() + " …" if rest.strip() else dot.strip())

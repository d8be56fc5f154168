"""Short labels shared by charts, tables and texts: a verdict with its icon, a signed %, an
amount in the unit shown, a listing 'a, b en c'."""
from __future__ import annotations

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.palette import VERDICT_ICONS


def amounts_apart(first, last, precise=None) -> tuple[str, str, int]:
    """Two amounts of a comparison as text (in millions), in whole euros (or `precise`) where
    millions write two different amounts alike, and which way they went as shown: 1 up, -1
    down, 0 the same. So no sentence says "grew from € 1,2 mln to € 1,2 mln"."""
    a, b = fmt.eur_mln(first), fmt.eur_mln(last)
    if a == b:
        exact = precise or fmt.eur
        if exact(first) == exact(last):
            return a, b, 0
        a, b = exact(first), exact(last)
    return a, b, 1 if float(last) > float(first) else -1


def verdict_label(verdict, lang: str | None = None) -> str:
    """'✔ Op koers', '▲ Aandacht', '✖ Achter' or '– Geen meting': icon and word, never colour."""
    verdict = None if fmt.missing(verdict) else verdict   # NaN from a frame is no verdict
    word = i18n.t(f"verdict.{verdict or 'none'}", lang=lang)
    return f"{VERDICT_ICONS.get(verdict, '–')}\u00a0{word}"


def signed_pct(x) -> str:
    """'+2,5%' / '-11,3%': a change in percent with its sign ('0,0%': none)."""
    return fmt.pct(x, signed=True)


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

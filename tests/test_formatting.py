"""Dutch (default) and English display formats."""
import datetime as dt

import pytest

from ggu import i18n
from ggu.i18n import formats as fmt

pytestmark = pytest.mark.unit


def nbsp(s):
    return s.replace("\u00a0", " ")


def test_dutch_formats():
    assert nbsp(fmt.eur_mln(58_012_345.67, lang="nl")) == "€ 58,0 mln"
    assert nbsp(fmt.eur(1_234_567.891, digits=2, lang="nl")) == "€ 1.234.567,89"
    assert fmt.pct(50, lang="nl") == "50,0%"
    assert nbsp(fmt.pp(3.04, lang="nl")) == "+3,0 %-punt"
    assert nbsp(fmt.pp(-1.96, lang="nl")) == "-2,0 %-punt"
    assert fmt.date(dt.date(2026, 10, 31), lang="nl") == "31 oktober 2026"


def test_english_formats():
    assert fmt.eur_mln(58_012_345.67, lang="en") == "€58.0M"
    assert fmt.eur(1_234_567.891, digits=2, lang="en") == "€1,234,567.89"
    assert fmt.pct(50, lang="en") == "50.0%"
    assert nbsp(fmt.pp(3.04, lang="en")) == "+3.0 pp"


def test_missing_values_show_a_dash():
    assert fmt.eur(None) == fmt.pct(float("nan")) == fmt.date(None) == "–"


def test_catalogue_complete_in_both_languages():
    nl, en = (set(i18n.CATALOGUE[lang]) for lang in i18n.LANGS)
    assert nl == en, f"missing in en: {nl - en}; missing in nl: {en - nl}"
    for lang in i18n.LANGS:
        assert all(v.strip() for v in i18n.CATALOGUE[lang].values())

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


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("tiny", [-0.04, -0.0, 0.0, 0.04, -1e-9])
def test_what_rounds_to_zero_is_zero_without_a_sign(lang, tiny):
    """Never "-0,0 %-punt" (Beheer's comparison showed it) nor "+0,0": one formatter for all."""
    texts = [fmt.pp(tiny, lang=lang), fmt.pct(tiny, lang=lang),
             fmt.pct(tiny, signed=True, lang=lang),
             fmt.eur(tiny * 10, lang=lang), fmt.eur(tiny / 10, digits=2, lang=lang),
             fmt.eur_mln(tiny * 1e6, lang=lang), fmt.number(tiny * 10, lang=lang)]
    zero = "0,0" if lang == "nl" else "0.0"
    assert nbsp(texts[0]) == f"{zero} {'%-punt' if lang == 'nl' else 'pp'}"
    assert texts[1] == texts[2] == f"{zero}%"
    for text in texts:
        assert not text.startswith(("-", "+")) and "-0" not in text and "+0" not in text, text


def test_a_small_change_keeps_its_sign():
    assert nbsp(fmt.pp(-0.06, lang="nl")) == "-0,1 %-punt"
    assert fmt.pct(2.5, signed=True, lang="nl") == "+2,5%"
    assert fmt.pct(-11.3, signed=True, lang="en") == "-11.3%"


def test_an_indicator_value_shows_its_tenth_and_a_count_stays_whole():
    """A measured count reads '235 gemeenten', not '235,0'; a tenth stays ('5,3 dagen'), on the
    page's tables (the column's unit suffix) as in the report and the charts."""
    assert [fmt.measurement(v, lang="nl") for v in (235.0, 5.3, 1234.0, None)] == \
        ["235", "5,3", "1.234", "–"]
    assert fmt.measurement(89.75, lang="en") == "89.8"
    assert fmt.for_column("latest_value")(5.3, lang="nl") == "5,3"

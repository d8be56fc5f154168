"""Every generated sentence that compares two figures, fed equal, rising and falling inputs (in
Dutch and English): a change that is no change is never stated ("De begroting groeide van
€ 1,2 mln … naar € 1,2 mln"), a rise is said as a rise and a fall as a fall, and each figure in
the sentence is the one its words name (the budget where it says budget, the forecast where it
says forecast)."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present import narrative

pytestmark = pytest.mark.unit

LANGS = ["nl", "en"]
UP = {"nl": "groeide", "en": "grew"}
DOWN = {"nl": "daalde", "en": "fell"}
# Words that state a change (or a side of a budget): absent when nothing changed.
CHANGE_WORDS = {"nl": r"\b(groeide|daalde|ging van|van .+ naar|boven|onder|meer|minder)\b",
                "en": r"\b(grew|fell|went from|from .+ to|over|under|more|less)\b"}
# The same figure twice around "naar"/"to": "van € 1,2 mln in 2023 naar € 1,2 mln in 2026".
SAME_TWICE = re.compile(r"(€\s?[\d.,]+(?:\s?(?:mln|M))?)(?: in \d{4})? (?:naar|to) \1")


def clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def no_change_stated(text: str, lang: str) -> None:
    text = clean(text)
    assert not SAME_TWICE.search(text), text
    assert not re.search(CHANGE_WORDS[lang], text), text


def totals(first: float, last: float, spent: float = 7_777_777.0) -> pd.DataFrame:
    return pd.DataFrame({"year": [2023, 2026], "budget_eur": [first, last],
                         "spent_eur": [spent, spent], "realised_pct": [61.0, 62.0],
                         "is_partial_year": [False, True]})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("first, last", [(1_200_000.0, 1_200_000.0),
                                         (1_230_000.0, 1_230_000.0)])
def test_the_trend_of_an_equal_budget_states_no_change(lang, first, last):
    with i18n.using(lang):
        rows = totals(first, last)
        for text in (narrative.trend_title(rows), narrative.trend_summary(rows)):
            no_change_stated(text, lang)
            assert clean(fmt.eur_mln(last)) in clean(text)


@pytest.mark.parametrize("lang", LANGS)
def test_a_small_change_of_an_items_budget_is_shown_in_euros(lang):
    """An item's budget from € 1.180.000 to € 1.230.000: both '€ 1,2 mln', so the sentence shows
    the euros that tell them apart (as the grew word says)."""
    with i18n.using(lang):
        rows = totals(1_180_000.0, 1_230_000.0)
        title = clean(narrative.trend_title(rows))
        assert UP[lang] in title and not SAME_TWICE.search(title), title
        assert clean(fmt.eur(1_180_000)) in title and clean(fmt.eur(1_230_000)) in title
        assert not SAME_TWICE.search(clean(narrative.trend_summary(rows)))


@pytest.mark.parametrize("lang", LANGS)
def test_a_rising_and_a_falling_budget_are_said_as_such_with_the_budget_figures(lang):
    with i18n.using(lang):
        up = clean(narrative.trend_title(totals(52_300_000.0, 58_900_000.0)))
        down = clean(narrative.trend_title(totals(58_900_000.0, 52_300_000.0)))
        assert UP[lang] in up and DOWN[lang] not in up
        assert DOWN[lang] in down and UP[lang] not in down
        for text in (up, down):   # the budget's figures, not the spending's (€ 7,8 mln)
            assert clean(fmt.eur_mln(52_300_000)) in text and clean(fmt.eur_mln(58_900_000)) in text
            assert clean(fmt.eur_mln(7_777_777)) not in text


@pytest.mark.parametrize("lang", LANGS)
def test_one_year_of_figures_is_no_trend(lang):
    with i18n.using(lang):
        rows = totals(1_000_000.0, 1_000_000.0).iloc[[1]]
        for text in (narrative.trend_title(rows), narrative.trend_summary(rows)):
            no_change_stated(text, lang)
            assert "2026" in text


def by_year(rates: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"year": list(range(2024, 2024 + len(rates))),
                         "rate_per_inhabitant_eur": rates})


@pytest.mark.parametrize("lang", LANGS)
def test_the_rate_per_inhabitant(lang):
    with i18n.using(lang):
        no_change_stated(narrative.funding_title(by_year([3.0, 3.0, 3.0])), lang)
        up = clean(narrative.funding_title(by_year([2.9, 3.0, 3.1])))
        assert clean(fmt.eur(2.9, digits=2)) in up and clean(fmt.eur(3.1, digits=2)) in up
        assert up.index(clean(fmt.eur(2.9, digits=2))) < up.index(clean(fmt.eur(3.1, digits=2)))


def trend_of(amounts: list[float], rates: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"year": [2023, 2024], "contribution_eur": amounts,
                         "rate_per_inhabitant_eur": rates})


@pytest.mark.parametrize("lang", LANGS)
def test_a_municipalitys_contribution(lang):
    with i18n.using(lang):
        same = trend_of([30_000.0, 30_000.0], [3.0, 3.0])
        no_change_stated(narrative.municipality_trend_title("Tweestad", same), lang)
        no_change_stated(narrative.municipality_trend_summary(same), lang)
        up = trend_of([30_000.0, 31_000.0], [3.0, 3.1])
        title = clean(narrative.municipality_trend_title("Tweestad", up))
        assert clean(fmt.eur(30_000)) in title and clean(fmt.eur(31_000)) in title
        summary = clean(narrative.municipality_trend_summary(up))
        assert clean(fmt.eur(3.1, digits=2)) in summary and not SAME_TWICE.search(summary)


def total(budget: float, forecast: float) -> pd.Series:
    return pd.Series({"budget_eur": budget, "forecast_eur": forecast,
                      "forecast_deviation_eur": forecast - budget,
                      "forecast_deviation_pct": (forecast - budget) / budget * 100})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("partial", [True, False])
def test_the_forecast_against_the_budget(lang, partial):
    with i18n.using(lang):
        for even in (total(50e6, 50e6), total(50e6, 50e6 + 10)):
            text = clean(narrative.forecast_title(even, 2026, partial))
            no_change_stated(text, lang)
            assert clean(fmt.eur_mln(50e6)) in text
        over = clean(narrative.forecast_title(total(50e6, 53e6), 2026, partial))
        under = clean(narrative.forecast_title(total(50e6, 47e6), 2026, partial))
        side = {"nl": ("boven", "onder"), "en": ("over", "under")}[lang]
        assert side[0] in over and side[1] in under
        assert clean(fmt.eur_mln(53e6)) in over and clean(fmt.eur_mln(3e6)) in over
        categories = pd.DataFrame({"category": ["structureel", "meerjarig"],
                                   "forecast_eur": [10e6, 5e6], "budget_eur": [10e6, 4e6],
                                   "forecast_deviation_pct": [0.0, 25.0]})
        summary = clean(narrative.forecast_summary(categories, partial))
        first = summary.split(";")[0]
        no_change_stated(first, lang)
        assert side[0] in summary.split(";")[1]


def months(change: float) -> pd.DataFrame:
    return pd.DataFrame({"year": [2026], "month": [10], "change_pct": [change],
                         "cumulative_spent_eur": [1.0], "prev_year_cumulative_spent_eur": [1.0]})


@pytest.mark.parametrize("lang", LANGS)
def test_year_on_year(lang):
    with i18n.using(lang):
        for change in (0.0, 0.04, -0.04):
            no_change_stated(narrative.year_on_year_title(months(change), 2026), lang)
        more = {"nl": "meer", "en": "more"}[lang]
        less = {"nl": "minder", "en": "less"}[lang]
        assert more in narrative.year_on_year_title(months(5.0), 2026)
        assert less in narrative.year_on_year_title(months(-5.0), 2026)


@pytest.mark.parametrize("lang", LANGS)
def test_a_deviation_from_the_norm_that_rounds_to_zero_has_no_sign(lang):
    split = pd.DataFrame({"category": ["structureel", "meerjarig", "kortcyclisch"],
                          "budget_share_pct": [49.96, 20.0, 30.04], "norm_pct": [50, 20, 30],
                          "deviation_pp": [-0.04, 0.0, 0.04], "tolerance_pp": [2.0] * 3})
    with i18n.using(lang):
        text = clean(narrative.split_summary(split, 2026))
    assert "-0" not in text and "+0,0" not in text and "+0.0" not in text, text


@pytest.mark.parametrize("lang", LANGS)
def test_a_planning_difference_that_rounds_to_zero_has_no_sign(lang):
    with i18n.using(lang):
        for tiny in (-10.0, 0.0, 10.0):
            assert clean(narrative.signed_mln(tiny)) == clean(fmt.eur_mln(0))
        assert clean(narrative.signed_eur(-0.4)) == clean(fmt.eur(0))
        assert narrative.signed_mln(-2e6).startswith("−")
        assert narrative.signed_eur(12).startswith("+")


# Where a command may be shown: Beheer (bh., its login auth., and app.start_empty, shown only with
# Beheer when there is no data), the command line's own messages (store.none), and the ALV
# report's page (rp., another issue's part). A reader of any other page gets no command.
COMMAND = re.compile(r"python -m|`make |\bmake (run|test|chromium|setup)\b|pip install|\bnpm "
                     r"|GGU_[A-Z]")
ADMIN = ("bh.", "auth.", "rp.", "app.start_empty", "store.none")


@pytest.mark.parametrize("lang", LANGS)
def test_no_developer_instruction_is_shown_to_a_reader(lang):
    shown = [key for key, text in i18n.CATALOGUE[lang].items()
             if COMMAND.search(text) and not key.startswith(ADMIN)]
    assert shown == [], shown

"""The message catalogue covers every key the code asks for, in both languages; coded values
(cost types), month names and chart texts follow the language."""
from __future__ import annotations

import ast
import contextlib

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ggu import demo, i18n, report
from ggu.config import ROOT
from ggu.i18n import formats as fmt
from ggu.present import charts, narrative
from ggu.store import loader

pytestmark = pytest.mark.app

SOURCES = sorted([*(ROOT / "ggu").rglob("*.py"), *(ROOT / "pages").glob("*.py"),
                  ROOT / "dashboard.py"])


@contextlib.contextmanager
def language(lang: str):
    token = i18n._lang.set(lang)
    try:
        yield
    finally:
        i18n._lang.reset(token)


def catalogue_keys_used() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(where, key) of every literal key passed to t("...") / i18n.t("..."), and (where, prefix)
    of every f-string key (t(f"category.{c}") -> 'category.')."""
    literal, prefixes = set(), set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and (
                    isinstance(node.func, ast.Name) and node.func.id == "t"
                    or isinstance(node.func, ast.Attribute) and node.func.attr == "t"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "i18n")):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                literal.add((where, arg.value))
            elif isinstance(arg, ast.JoinedStr) and arg.values \
                    and isinstance(arg.values[0], ast.Constant):
                prefixes.add((where, arg.values[0].value))
            elif isinstance(arg, ast.IfExp):   # t("a" if x else "b")
                for part in (arg.body, arg.orelse):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        literal.add((where, part.value))
    return literal, prefixes


def test_the_walk_finds_the_keys():
    literal, prefixes = catalogue_keys_used()
    keys = {key for _, key in literal}
    assert len(keys) > 300 and {"app.title", "rp.doc_title", "imp.ok"} <= keys, keys
    assert {"col.", "imp.err."} <= {prefix for _, prefix in prefixes}


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_key_used_in_the_code_is_in_the_catalogue(lang):
    literal, prefixes = catalogue_keys_used()
    catalogue = i18n.CATALOGUE[lang]
    missing = sorted(f"{where}: {key}" for where, key in literal if key not in catalogue)
    assert not missing, f"keys missing in {lang}:\n" + "\n".join(missing)
    empty = sorted(f"{where}: {prefix}…" for where, prefix in prefixes
                   if not any(k.startswith(prefix) for k in catalogue))
    assert not empty, f"key prefixes without any entry in {lang}:\n" + "\n".join(empty)


# -- cost types ---------------------------------------------------------------------------------

def test_cost_types_are_translated():
    assert i18n.value("cost_type", "personeel", lang="nl") == "Personeel"
    assert i18n.value("cost_type", "personeel", lang="en") == "Staff"
    assert i18n.value("cost_type", "hosting en beheer", lang="en") == "Hosting and operation"
    assert fmt.for_column("cost_type")("licenties", lang="en") == "Licences"
    # a cost type the catalogue does not know (real data may bring one) is shown as it is
    assert i18n.value("cost_type", "reiskosten", lang="en") == "reiskosten"


def test_every_demo_cost_type_has_a_label_in_both_languages():
    cost_types = {c for profile in demo.COST_PROFILES.values() for c in profile}
    for lang in i18n.LANGS:
        missing = [c for c in cost_types if f"cost_type.{c}" not in i18n.CATALOGUE[lang]]
        assert not missing, (lang, missing)


def test_uitgaven_cost_type_filter_in_english(tiny_dir, monkeypatch):
    monkeypatch.setenv("GGU_DATA_DIR", str(tiny_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = "en"
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page("pages/uitgaven.py").run()
    assert not at.exception, at.exception
    options = at.multiselect(key="kostensoort").options
    assert set(options) == {"Advice", "Hired staff", "Licences", "Staff"}


# -- month names and chart texts ----------------------------------------------------------------

def months_frame(years=(2024,)) -> pd.DataFrame:
    rows = [dict(year=y, month=m, spent_eur=1e6, cumulative_spent_eur=m * 1e6, budget_eur=12e6)
            for y in years for m in range(1, 13)]
    return pd.DataFrame(rows)


def test_month_names_from_babel():
    assert [fmt.month(m, lang="nl") for m in (3, 5, 10)] == ["mrt", "mei", "okt"]
    assert [fmt.month(m, lang="en") for m in (3, 5, 10)] == ["Mar", "May", "Oct"]
    assert fmt.month(10, lang="nl", short=False) == "oktober"
    assert fmt.month_year("2026-10-15", lang="nl") == "okt 2026"
    assert fmt.month_year("2026-10-15", lang="en") == "Oct 2026"


@pytest.mark.parametrize("lang, october, wrong", [("nl", "okt 2024", "Oct"),
                                                  ("en", "Oct 2024", "okt")])
def test_monthly_chart_months_in_the_language(lang, october, wrong):
    with language(lang):
        fig = charts.monthly_spend(months_frame())
    ticks = list(fig.layout.xaxis.ticktext)
    assert october in ticks and not any(wrong in t for t in ticks)
    bars = fig.data[0]
    assert october in bars.customdata and "%{customdata}" in bars.hovertemplate
    assert "%b" not in bars.hovertemplate and fig.layout.xaxis.tickformat is None


@pytest.mark.parametrize("lang, month", [("nl", "mrt"), ("en", "Mar")])
def test_year_on_year_months_in_the_language(lang, month):
    months = months_frame((2023, 2024)).assign(is_same_months=True)
    with language(lang):
        fig = charts.year_on_year(months)
    assert month in fig.data[0].x


def test_indicator_trend_dates_in_the_language():
    df = pd.DataFrame({"indicator_id": ["I1", "I1"], "name": ["Aansluitingen"] * 2,
                       "measured_date": pd.to_datetime(["2026-03-31", "2026-09-30"]),
                       "progress_pct": [40.0, 60.0]})
    for lang, september, wrong in (("nl", "30 september 2026", "Sep"),
                                   ("en", "30 September 2026", "sep")):
        with language(lang):
            fig = charts.indicator_trend(df)
        assert september in fig.data[0].customdata
        assert not any(wrong in t for t in fig.layout.xaxis.ticktext)


def test_hover_amounts_follow_the_language():
    df = pd.DataFrame({"category": ["structureel"], "budget_eur": [2e6], "spent_eur": [1e6],
                       "realised_pct": [50.0]})
    with language("en"):
        en = charts.budget_vs_spent(df, "category").data[0].hovertemplate
    with language("nl"):
        nl = charts.budget_vs_spent(df, "category").data[0].hovertemplate
    assert "mln" not in en and "M<" in en
    assert "mln" in nl


def test_history_times_per_language():
    when = pd.Timestamp("2026-12-01 09:05")
    assert fmt.timestamp(when, lang="nl") == "01-12-2026 09:05"
    assert fmt.timestamp(when, lang="en") == "01/12/2026, 09:05"


def test_report_closing_names_the_sample_data_in_english(demo_dir):
    closing = report.build(2024, demo_dir, lang="en").slides[-1]
    assert "sample data" in closing.notes[0] and "voorbeelddata" not in closing.notes[0]


def test_negative_millions_in_english_put_the_sign_first():
    assert fmt.eur_mln(-16_100_000, lang="en") == "-€16.1M"
    assert fmt.eur_mln(-10, lang="en") == "€0.0M"
    assert fmt.eur_mln(-16_100_000, lang="nl") == "€\u00a0-16,1\u00a0mln"


def test_storage_errors_in_the_language_of_the_page(tmp_path):
    """What an administrator reads when there is no data or the disk is full, in English too."""
    import errno
    import os

    from ggu.store.snapshots import DataError, Store
    store = Store(tmp_path)
    for lang, none, full in (("nl", "nog geen gegevens", "de schijf is vol"),
                             ("en", "no data in", "the disk is full")):
        with language(lang):
            with pytest.raises(DataError, match=none):
                store.current()
            problem = store.storage_error(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
            assert full in str(problem)


def test_chart_titles_say_the_message(tiny_dir, demo_dir):
    """Titles name what stands out, from the figures, in both languages."""
    split = loader.query("split_by_category_by_year", tiny_dir, year=2024)   # 58,4 / 50,0 / 25,0%
    with language("nl"):
        title = narrative.budget_vs_spent_title(split, 2024)
        assert title.startswith("Structureel heeft in 2024 het meest van de begroting besteed")
        assert "kortcyclisch het minst" in title
        totals = loader.query("totals_by_year", demo_dir)
        assert narrative.trend_title(totals) == (
            "De begroting groeide van €\u00a052,3\u00a0mln in 2018 "
            "naar €\u00a058,9\u00a0mln in 2026")
    with language("en"):
        assert narrative.budget_vs_spent_title(split, 2024).startswith(
            "Structural has spent the most of its budget in 2024")
        rows = loader.query("portfolio_by_item", demo_dir, year=2026)
        assert narrative.roadmap_title(rows, 2026) == (
            "Roadmap 2026: 7 items end this year, 3 should already have finished")

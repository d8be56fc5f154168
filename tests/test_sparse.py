"""Sparse and odd but valid data (issue 25, point 4): generated data sets with gaps (tests/
sparse_data.py) run through every query, the command line (summary, report, raadsbrief for all
municipalities, plan show basis) and every page in AppTest: no exception, no traceback, and a
figure that cannot be made is said in words, never shown as "nan" or "None".

The number of examples is the Hypothesis profile's (tests/conftest.py): "check" (the default, a
few dozen: `make check`) or "slow" (hundreds: the slow tier sets it per test)."""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
import sparse_data
import streamlit as st
from conftest import SHARDS, build_tiny, in_shards
from hypothesis import example, given, settings
from streamlit.testing.v1 import AppTest

from ggu import cli
from ggu.config import ROOT
from ggu.store import loader

pytestmark = pytest.mark.sql

SAMPLES = {"year_from": 2022, "year_to": 2025, "unit": "eur", "rate": 3.0,
           "indexation_pct": 0.0, "scenario": '{"rate_per_inhabitant_eur": "3.0000"}'}
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
# What a figure that cannot be made must never be shown as.
NOT_A_FIGURE = re.compile(r"\b(nan|NaN|None|NaT|<NA>|inf)\b")


@contextlib.contextmanager
def written(data: dict):
    """The data set as a snapshot in a fresh folder (removed afterwards)."""
    root = Path(tempfile.mkdtemp(prefix="ggu-sparse-"))
    try:
        sparse_data.write(data, root / "data")
        yield root / "data"
    finally:
        shutil.rmtree(root, ignore_errors=True)


def ggu(*args) -> tuple[int, str, str]:
    """`python -m ggu ARGS` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def the_year(data_dir: Path) -> int | None:
    years = loader.query("years", data_dir)["year"].tolist()
    return max(years) if years else None


def run_every_query(data_dir: Path, year: int, code: str) -> None:
    for name in loader.query_names():
        sample = {"year": year, "base_year": year, "cbs_code": code, **SAMPLES}
        loader.query(name, data_dir, **{k: v for k, v in sample.items()
                                        if k in loader.sql_params(name)})
        if "cbs_code" in loader.sql_params(name):     # and for all municipalities at once
            loader.query(name, data_dir, **{k: v for k, v in sample.items()
                                            if k in loader.sql_params(name) and k != "cbs_code"})


def run_the_cli(data_dir: Path, year: int | None, formats=("html", "pptx")) -> None:
    out = data_dir.parent
    if year is None:   # no budget at all: no year to show, said as a usage error in one line
        code, _, err = ggu("summary", "--year", 2024, "--data-dir", data_dir)
        assert code == 2 and "geen gegevens voor 2024" in err, err
        return
    for form in ("--json", "--year"):   # (the text form: --year given twice is allowed)
        code, said, err = ggu("summary", "--year", year, form, *([year] if form == "--year"
                                                                 else []), "--data-dir", data_dir)
        assert code == 0 and not NOT_A_FIGURE.search(said.replace("NaN", "nan")), err or said
    for fmt_ in formats:
        code, _, err = ggu("report", "--year", year, "--format", fmt_, "--out",
                           out / f"rapport.{fmt_}", "--data-dir", data_dir)
        assert code == 0, err
    code, said, err = ggu("raadsbrief", "--year", year, "--gemeente", "alle", "--out",
                          out / "brieven.zip", "--workers", 1, "--data-dir", data_dir)
    assert code == 0, err
    municipalities = loader.query("attribution_by_municipality", data_dir, year=year)
    with zipfile.ZipFile(out / "brieven.zip") as archive:
        pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    assert len(pdfs) == len(municipalities), said
    code, _, err = ggu("plan", "show", "basis", "--json", "--data-dir", data_dir)
    assert code == 0, err


def check_queries_and_cli(data: dict) -> None:
    with written(data) as data_dir:
        year = the_year(data_dir)
        codes = [row[1] for row in data["tables"]["municipality"]]
        run_every_query(data_dir, year or 2024, codes[0] if codes else "GM0001")
        run_the_cli(data_dir, year)


# Kept examples: what the suite (and the issue) found, as regular cases.
NO_CONTRIBUTION = {"tables": {
    "goal": [("G1", "Doel", None, 1)],
    "item": [("A1", "Alfa", "dienst", "structureel", "Thema", "G1", "Team", 2020, None,
              "groen", None, "beheer")],
    "budget": [("A1", 2024, "fonds_ggu", sparse_data.Decimal("100.00"))],
    "spend": [], "indicator": [], "measurement": [],
    "municipality": [(2024, "GM0001", "Eerstedorp", "Utrecht", 1000),
                     (2024, "GM0002", "Tweestad", "Zeeland", 3000)],
    "contribution": [(2024, "GM0001", "januari", sparse_data.Decimal("3.0000"),
                      sparse_data.Decimal("1500.00"), None)],
    "split_norm": [(2020, c, sparse_data.Decimal(n), sparse_data.Decimal(2))
                   for c, n in zip(sparse_data.CATEGORIES, (50, 20, 30))],
    "cpi": [], "exception_rule": [], "proposal": [], "status_report": [],
    "decision": [], "item_use": []}, "as_of": None}


@example(NO_CONTRIBUTION)
@given(sparse_data.data_sets())
def test_every_query_and_command_works_on_sparse_data(data):
    check_queries_and_cli(data)


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_query_and_command_works_on_sparse_data_many(shard):
    in_shards(shard, check_queries_and_cli, sparse_data.data_sets())


@pytest.mark.slow
def test_a_municipality_without_contributions_gets_its_brief(tmp_path):
    """The issue's case: a year lists a municipality that has no Bijdragen rows (the import
    accepts it). `raadsbrief --gemeente alle` failed with "onverwachte fout: KeyError"; now
    every municipality gets its brief, and that one says no contribution is recorded."""
    store = build_tiny(tmp_path / "data")

    def add(con):
        con.execute("insert into municipality values (2024, 'GM0003', 'Derdeveen', 'Utrecht', 500)")
        return {"municipality": 1}

    store.write(add, action="import", user="test")
    code, said, err = ggu("raadsbrief", "--year", 2024, "--gemeente", "alle", "--out",
                          tmp_path / "brieven.zip", "--workers", 1, "--data-dir",
                          tmp_path / "data")
    assert (code, err) == (0, ""), err
    assert "3 raadsbrieven 2024" in said
    with zipfile.ZipFile(tmp_path / "brieven.zip") as archive:
        assert "GM0003-derdeveen.pdf" in archive.namelist()
        (tmp_path / "b.pdf").write_bytes(archive.read("GM0003-derdeveen.pdf"))
    import subprocess
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "b.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())
    assert "Voor 2024 is geen bijdrage van Derdeveen aan het Fonds GGU vastgelegd" in text
    assert "geen verdeling over de categorieën" in text
    # and by itself (it was not found: the list held only municipalities that paid)
    code, said, err = ggu("raadsbrief", "--year", 2024, "--gemeente", "GM0003", "--out",
                          tmp_path / "een.pdf", "--data-dir", tmp_path / "data")
    assert (code, err) == (0, "") and (tmp_path / "een.pdf").stat().st_size > 0, err


@pytest.mark.app
@pytest.mark.slow
def test_mijn_gemeente_without_contributions_says_so():
    """Found looking at the page: a municipality without Bijdragen rows could not be chosen in
    Mijn gemeente, and once listed its trend raised an IndexError."""
    with written(NO_CONTRIBUTION) as data_dir:
        os.environ["GGU_DATA_DIR"] = str(data_dir)
        try:
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
            at.query_params["gemeente"] = "GM0002"
            at.run()
            at.switch_page("pages/bijdragen.py").run()
            assert not at.exception, at.exception
            texts = page_texts(at)
        finally:
            os.environ.pop("GGU_DATA_DIR", None)
    assert "Tweestad · Zeeland" in texts
    assert "Voor 2024 is geen bijdrage van Tweestad aan het Fonds GGU vastgelegd" in texts
    assert not NOT_A_FIGURE.search(texts), NOT_A_FIGURE.search(texts)


# -- Every page in AppTest: a few examples (each runs nine pages), in the slow tier ----------

def page_texts(at) -> str:
    """The words a reader sees: titles, headers, text, captions, notes, metrics."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info",
                                  "warning", "success", "error") for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value} {getattr(m, 'delta', '') or ''}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def check_pages(data: dict) -> None:
    with written(data) as data_dir:
        run_the_cli(data_dir, the_year(data_dir), formats=("pdf",))
        codes = [row[1] for row in data["tables"]["municipality"]]
        query = {"gemeente": codes[-1]} if codes else {}
        items = [row[0] for row in data["tables"]["item"]]
        old = os.environ.get("GGU_DATA_DIR")
        os.environ["GGU_DATA_DIR"] = str(data_dir)
        st.cache_data.clear()
        st.cache_resource.clear()
        try:
            if the_year(data_dir) is None:   # no budget: Beheer only, saying there are no figures
                at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
                assert not at.exception and "nog geen cijfers" in at.info[0].value
                assert at.title[0].value.startswith("Beheer")
                return
            for page in PAGES:
                for lang in ("nl", "en"):
                    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
                    at.query_params.update({"lang": lang, **query,
                                            **({"project": items[0]} if "portfolio" in page
                                               else {})})
                    at.run()
                    at.switch_page(page).run()
                    assert not at.exception, (page, lang, at.exception)
                    assert at.title, (page, lang)
                    texts = page_texts(at)
                    shown = NOT_A_FIGURE.search(texts)
                    assert shown is None, (page, lang, shown and
                                           texts[max(0, shown.start() - 120):shown.end() + 40])
        finally:
            if old is None:
                os.environ.pop("GGU_DATA_DIR", None)
            else:
                os.environ["GGU_DATA_DIR"] = old


@pytest.mark.slow
@pytest.mark.app
@settings(settings.get_profile("pages"))
@example(NO_CONTRIBUTION)
@given(sparse_data.data_sets())
def test_every_page_works_on_sparse_data(data):
    check_pages(data)


@pytest.mark.app
@pytest.mark.slow
def test_one_year_of_data_says_there_is_nothing_to_compare():
    """Found by the page suite: with one year of data the Doelen page said "ten opzichte van
    None" and the Portfolio page headed its columns "Begroting None"; a goal without a
    description read "· None". Now they say there is no other year, and leave the text out."""
    with written(NO_CONTRIBUTION) as data_dir:
        os.environ["GGU_DATA_DIR"] = str(data_dir)
        try:
            texts = {}
            for page in ("pages/doelen.py", "pages/portfolio.py"):
                at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
                at.run()
                at.switch_page(page).run()
                assert not at.exception, at.exception
                texts[page] = page_texts(at)
        finally:
            os.environ.pop("GGU_DATA_DIR", None)
    assert not NOT_A_FIGURE.search(texts["pages/doelen.py"]), texts["pages/doelen.py"]
    assert "geen ander jaar om mee te vergelijken" in texts["pages/doelen.py"]
    assert "Begroting t.o.v. een ander jaar – geen ander jaar" in texts["pages/doelen.py"]
    assert "Er zijn alleen gegevens over 2024: er is geen ander jaar om mee te vergelijken." \
        in texts["pages/portfolio.py"]

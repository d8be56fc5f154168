"""The site's open data (/data/): the tables as CSV and Parquet on the tiny data set with figures
by hand, the Frictionless data package validated by the `frictionless` library, its metadata,
only the first sentence of a status explanation, and every table and column explained in both
languages."""
from __future__ import annotations

import csv
import json
from decimal import Decimal

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import build_tiny
from frictionless import validate

from ggu import i18n
from ggu.site import opendata

pytestmark = pytest.mark.sql


@pytest.fixture(scope="module")
def written(tmp_path_factory, tiny_dir):
    out = tmp_path_factory.mktemp("site")
    descriptor = opendata.write(out, tiny_dir)
    return out / "data", descriptor


def rows(folder, name) -> list[dict]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_data_package_validates_with_frictionless(written):
    folder, _ = written
    report = validate(str(folder / opendata.PACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {t.name for t in report.tasks} == {t.name for t in opendata.TABLES}


def test_a_broken_table_does_not_validate(written, tmp_path):
    """The validation reads the rows against the schema: an amount that is no number, or a
    status outside the codes, fails."""
    folder, _ = written
    for f in folder.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    text = (tmp_path / "jaren.csv").read_text(encoding="utf-8")
    (tmp_path / "jaren.csv").write_text(text.replace("1000.00", "duizend"), encoding="utf-8")
    text = (tmp_path / "producten.csv").read_text(encoding="utf-8")
    (tmp_path / "producten.csv").write_text(text.replace(",rood,", ",paars,"), encoding="utf-8")
    report = validate(str(tmp_path / opendata.PACKAGE))
    errors = {(e[0], e[1]) for e in report.flatten(["fieldName", "type"])}
    assert ("budget_eur", "type-error") in errors
    assert ("status", "constraint-error") in errors


def test_figures_by_hand_on_the_tiny_set(written):
    folder, _ = written
    years = {r["year"]: r for r in rows(folder, "jaren")}
    assert set(years) == {"2023", "2024"}
    y = years["2024"]
    assert (y["budget_eur"], y["budget_rijk_eur"], y["spent_eur"]) == ("1000.00", "100.00",
                                                                       "500.00")
    assert (y["fund_eur"], y["contributions_received_eur"]) == ("12000.00",
                                                                             "7500.00")
    assert y["is_partial_year"] == "true" and years["2023"]["is_partial_year"] == "false"
    split = {r["category"]: r for r in rows(folder, "verdeling_per_categorie")
             if r["year"] == "2024"}
    assert {c: float(r["budget_share_pct"]) for c, r in split.items()} == {
        "structureel": 60.0, "meerjarig": 20.0, "kortcyclisch": 20.0}
    towns = {r["cbs_code"]: r for r in rows(folder, "gemeenten_per_jaar")}
    assert towns["GM0002"]["contribution_eur"] == "9000.00"
    assert towns["GM0002"]["received_eur"] == "4500.00"
    assert towns["GM0002"]["july_paid_date"] == ""   # not yet paid: an empty field
    assert towns["GM0001"]["january_paid_date"] == "2024-01-20"   # ISO dates
    assert towns["GM0001"]["rate_per_inhabitant_eur"] == "3.0000"
    # what is attributed adds up to the year's Fonds GGU spending to the cent
    assert sum(Decimal(r["attributed_eur"]) for r in towns.values()) == Decimal("500.00")
    used = rows(folder, "gebruik")
    assert sum(Decimal(r["attributed_eur"]) for r in used) == Decimal("500.00")
    reports = [r for r in rows(folder, "statusrapportages") if r["item_id"] == "A"]
    assert [(r["report_date"], r["status"], r["is_worse"]) for r in reports] == [
        ("2024-03-31", "rood", "true"), ("2023-12-15", "oranje", "true"),
        ("2023-06-30", "groen", "false")]
    assert {r["decision_id"] for r in rows(folder, "besluiten")} == {
        "CD-2024-01", "ALV-2024-01", "TF-2023-01"}


def test_csv_has_one_header_row_in_utf8_and_parquet_the_same_rows(written):
    folder, _ = written
    for table in opendata.TABLES:
        raw = (folder / f"{table.name}.csv").read_bytes()
        raw.decode("utf-8")   # UTF-8, no BOM
        assert not raw.startswith(b"\xef\xbb\xbf")
        header = raw.split(b"\n", 1)[0].decode()
        assert header.split(",") == list(table.columns), table.name
        from_csv = pd.read_csv(folder / f"{table.name}.csv", dtype=str, keep_default_na=False)
        parquet = pq.read_table(folder / f"{table.name}.parquet")
        assert parquet.column_names == list(table.columns)
        from_parquet = parquet.to_pandas()
        assert len(from_parquet) == len(from_csv), table.name
        for c in table.columns:
            if c.endswith("_eur"):   # amounts as decimals, to the cent, in both files
                assert str(parquet.schema.field(c).type).startswith("decimal128(18"), c
                assert [("" if v is None else str(v)) for v in from_parquet[c]] \
                    == list(from_csv[c]), (table.name, c)


def test_the_package_carries_dcat_style_metadata(written, tiny_dir):
    folder, descriptor = written
    on_disk = json.loads((folder / opendata.PACKAGE).read_text(encoding="utf-8"))
    assert on_disk == descriptor
    assert descriptor["publisher"]["name"] == "VNG"
    assert [lic["name"] for lic in descriptor["licenses"]] == ["CC-BY-4.0"]
    assert descriptor["temporal"] == {"start": "2023-01-01", "end": "2024-10-31"}
    assert pd.Timestamp(descriptor["modified"]).year >= 2024
    assert any("CBS" in s["title"] for s in descriptor["sources"])
    assert "voorbeelddata" not in descriptor["title"]   # the tiny set is real data
    assert all(r["rows"] > 0 for r in descriptor["resources"])
    assert descriptor["title"] and descriptor["description"] and descriptor["title_en"]


@pytest.mark.slow
def test_a_status_explanation_only_with_its_first_sentence(tmp_path):
    """The lezer sees an explanation's first sentence; the College's rest is not in the data."""
    store = build_tiny(tmp_path / "data")
    before = store.readable().path
    store.write(lambda con: con.execute(
        "update status_report set explanation = 'Achterstand. Alleen het College weet "
        "zwoegerdepluim.' where item_id = 'A' and report_date = '2024-03-31'; "
        "update item set status_reason = 'Achterstand. Ook zwoegerdepluim.' "
        "where item_id = 'A'") and {"x": 1}, action="import", user="test",
        meta={"is_demo": "false", "as_of_date": "2024-10-31"})
    opendata.write(tmp_path / "out", tmp_path / "data")
    folder = tmp_path / "out" / "data"
    for f in folder.iterdir():
        assert b"zwoegerdepluim" not in f.read_bytes(), f.name
    reports = {r["report_date"]: r for r in rows(folder, "statusrapportages")
               if r["item_id"] == "A"}
    assert reports["2024-03-31"]["explanation"] == "Achterstand. …"
    # the build's own snapshot file, not the one current by then
    opendata.write(tmp_path / "old", snapshot_path=before)
    reports = {r["report_date"]: r for r in rows(tmp_path / "old" / "data", "statusrapportages")
               if r["item_id"] == "A"}
    assert reports["2024-03-31"]["explanation"] == "Achterstand"


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_table_and_column_is_explained(lang):
    other = "en" if lang == "nl" else "nl"
    tables = opendata.describe(lang)
    assert [t["name"] for t in tables] == [t.name for t in opendata.TABLES]
    for table, spec, there in zip(tables, opendata.TABLES, opendata.describe(other)):
        assert table["title"] and table["description"] != there["description"]
        assert [c["name"] for c in table["columns"]] == list(spec.columns)
        for column, theirs in zip(table["columns"], there["columns"]):
            assert column["description"].strip(), (table["name"], column["name"])
            assert column["description"] != theirs["description"], (table["name"],
                                                                     column["name"])

"""All 342 council briefs of a year: `python -m ggu raadsbrief --gemeente alle` into one zip
with the CSV of their figures (the same as the page's and the brief's, to the cent) and into a
folder, one PDF per municipality named GM0363-amsterdam.pdf."""
from __future__ import annotations

import csv
import io
import zipfile

import pytest
from test_gemeente import pdf_text

from ggu import cli
from ggu.i18n import formats as fmt
from ggu.store import loader

pytestmark = pytest.mark.slow

YEAR = 2026


def test_zip_with_every_brief_and_the_csv(demo_dir, tmp_path):
    code = "GM0344"
    row = loader.query("attribution_by_municipality", demo_dir, year=YEAR, cbs_code=code).iloc[0]
    got = fmt.eur(row["attributed_eur"], digits=2, lang="nl")
    out = tmp_path / "alle.zip"
    assert cli.main(["raadsbrief", "--data-dir", str(demo_dir), "--year", str(YEAR),
                     "--gemeente", "alle", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        table = list(csv.DictReader(io.StringIO(archive.read(f"raadsbrieven-{YEAR}.csv")
                                                .decode("utf-8-sig")), delimiter=";"))
        zipped = archive.read(f"{code}-utrecht.pdf")
    assert len([n for n in names if n.endswith(".pdf")]) == 342 and "GM0363-amsterdam.pdf" in names
    mine = next(r for r in table if r["CBS-code"] == code)
    assert mine["Bijdrage"] == f"{row['contribution_eur']:.2f}".replace(".", ",")
    assert mine["Toegerekend"] == f"{row['attributed_eur']:.2f}".replace(".", ",")
    assert mine["Bestand"] == "GM0344-utrecht.pdf"
    assert got.replace("\xa0", " ") in pdf_text(zipped)
    # the CSV's attributed amounts add up to the year's Fonds GGU spending to the cent
    cents = sum(int(r["Toegerekend"].replace(",", "")) for r in table)
    items = loader.query("attribution_by_municipality_item", demo_dir, year=YEAR)
    spent = items.drop_duplicates("item_id")["item_fund_spent_eur"].map(
        lambda x: int(round(x * 100))).sum()
    assert cents == spent


def test_folder_with_one_pdf_per_municipality(demo_dir, tmp_path):
    folder = tmp_path / "brieven"
    assert cli.main(["raadsbrief", "--data-dir", str(demo_dir), "--year", "2025",
                     "--gemeente", "alle", "--out", str(folder), "--workers", "1"]) == 0
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 343 and "GM0363-amsterdam.pdf" in files
    assert "GM0796-s-hertogenbosch.pdf" in files and "raadsbrieven-2025.csv" in files

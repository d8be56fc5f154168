"""The site shows what a reader (role lezer) sees in the dashboard, nothing more: a planning
scenario in concept, the second sentence of a status explanation, a failed login and the
administrator's name in Beheer's import and scenario logs, each planted with unique words, are
in no file of the build (HTML, JSON, CSV, Parquet, PDF, the search index), while what a reader
may see of them is."""
from __future__ import annotations

import gzip
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import build_tiny

from ggu import lockout
from ggu.plan import Plans, Scenario
from ggu.site import build

pytestmark = [pytest.mark.app, pytest.mark.slow]

SECRET_SENTENCE = "Vertrouwelijk kwelderzwam overleg met de leverancier."
SECRET_SCENARIO = "Kwelderplan"
SECRET_NOTE = "Alleen voor het College: slikgarnaal bezuiniging."
SECRET_ACCOUNT = "wadslak-inbreker"
SECRET_ADDRESS = "198.51.100.77"
PUBLIC_SENTENCE = "Leverancier kiest andere aanpak."
PUBLISHED = "Zeekraalplan"
SECRET_ADMIN = "zeehond-beheerder"     # who imported and saved: Beheer's log, not the public's


def texts(path: Path) -> list[str]:
    """What a file says, as a reader or a program would read it: its bytes, unzipped when
    gzip (the search index, precompressed files), a Parquet file's values, a PDF's text."""
    raw = path.read_bytes()
    out = [raw.decode("utf-8", "replace")]
    if raw[:2] == b"\x1f\x8b":
        out.append(gzip.decompress(raw).decode("utf-8", "replace"))
    if raw[:4] == b"PAR1":
        import pyarrow.parquet as pq
        out.append(pq.read_table(path).to_pandas().to_csv())
    if raw[:5] == b"%PDF-":
        out.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                  check=True, timeout=60).stdout.decode())
    return out


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    data = tmp_path_factory.mktemp("privacy")
    store = build_tiny(data)
    # A status report whose explanation has a second sentence (only the College reads it).
    store.write(lambda con: (con.execute(
        "insert into status_report values ('A', '2024-10-15', 'rood', ?, 'beheer')",
        [f"{PUBLIC_SENTENCE} {SECRET_SENTENCE}"]), {"status_report": 1})[1],
        action="import", user=SECRET_ADMIN)
    plans = Plans(data)
    plans.save(Scenario(name=SECRET_SCENARIO, rate_per_inhabitant_eur=Decimal("3.40"),
                        description=SECRET_NOTE), user=SECRET_ADMIN)
    plans.save(Scenario(name=PUBLISHED, rate_per_inhabitant_eur=Decimal("3.20"),
                        status="gepubliceerd"), user=SECRET_ADMIN)
    guard = lockout.Guard(data)
    guard.record(SECRET_ACCOUNT, SECRET_ADDRESS, ok=False)
    out = tmp_path_factory.mktemp("privacy-out") / "site"
    build.build(data, out=out)
    return out


def test_nothing_beyond_the_reader_view_in_any_file(planted):
    files = [p for p in planted.rglob("*") if p.is_file()]
    assert len(files) > 40
    said = {p: "\n".join(texts(p)) for p in files}
    for secret in (SECRET_SENTENCE, "kwelderzwam", SECRET_SCENARIO, "Kwelderplan".lower(),
                   "slikgarnaal", SECRET_ACCOUNT, SECRET_ADDRESS, SECRET_ADMIN):
        found = [str(p.relative_to(planted)) for p, text in said.items() if secret in text]
        assert not found, f"{secret!r} in {found}"
    # what a reader may see of the same things is there: the test looks where they would be
    product = (planted / "nl/producten/A/index.html").read_text(encoding="utf-8")
    assert PUBLIC_SENTENCE.rstrip(".") in product
    home = (planted / "nl/index.html").read_text(encoding="utf-8")
    assert PUBLISHED in home
    assert (planted / "nl/scenarios/Zeekraalplan/index.html").exists()
    # and the search above looked inside every kind of file: the public first sentence is
    # found in the search index, the CSV, the Parquet file and a precompressed page
    seen = {p.relative_to(planted).as_posix() for p, text in said.items()
            if PUBLIC_SENTENCE.rstrip(".") in text}
    assert any(s.startswith("pagefind/fragment/") for s in seen), sorted(seen)
    assert {"data/statusrapportages.csv", "data/statusrapportages.parquet",
            "nl/producten/A/index.html.gz"} <= seen, sorted(seen)

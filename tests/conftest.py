"""Shared fixtures: a tiny hand-written snapshot with known totals, and the demo snapshot."""
from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("STREAMLIT_SERVER_HEADLESS", "true")
os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402

from ggu import demo
from ggu.store.snapshots import Store  # noqa: E402

# The generated suites (tests/test_sparse.py, tests/test_import_fuzz.py): how many examples each
# tries. "check" is the default (`make check`: a few dozen per test), "slow" and "pages" are set
# by the slow tier's tests themselves (hundreds; a handful for the nine pages in AppTest); all
# derandomized, so a run on a fresh clone tries the same examples as the last one (the
# database in .hypothesis/ replays a failure first). GGU_HYPOTHESIS=explore tries new ones.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("check", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=_QUIET, print_blob=True)
settings.register_profile("slow", max_examples=200, deadline=None, derandomize=True,
                          suppress_health_check=_QUIET, print_blob=True)
settings.register_profile("pages", max_examples=4, deadline=None, derandomize=True,
                          suppress_health_check=_QUIET, print_blob=True)
settings.register_profile("explore", max_examples=1000, deadline=None, derandomize=False,
                          suppress_health_check=_QUIET, print_blob=True)
settings.load_profile(os.environ.get("GGU_HYPOTHESIS", "check"))
SHARDS = 4   # the slow profile's examples of one test, in parts that run side by side


def in_shards(shard: int, check, *strategies) -> None:
    """Part `shard` of SHARDS of the slow profile's examples of `check(*drawn)`: each part
    draws its own examples (seeded by its number, so a fresh clone tries the same ones), and
    the parts of one test run on several processes at once. Under GGU_HYPOTHESIS=explore each
    part tries the explore profile's examples, unseeded."""
    profile = settings.get_profile("slow")
    exploring = os.environ.get("GGU_HYPOTHESIS") == "explore"
    part = functools.wraps(check)(lambda *args, **kwargs: check(*args, **kwargs))
    part = given(*strategies)(part)
    part = settings(settings.default if exploring else profile, derandomize=False,
                    max_examples=(settings.default.max_examples if exploring
                                  else -(-profile.max_examples // SHARDS)))(part)
    if not exploring:
        part = seed(shard)(part)
    part()


# The tiny data set. 2024 budget: structureel 600 (A 300 + D 200 fonds + D 100 rijk),
# meerjarig 200, kortcyclisch 200 -> 1000.00, shares 60/20/20 against the norm 50/20/30.
# 2024 spending: A 350.10, B 100.00, C 49.90 -> 500.00; A is 50.10 over its budget and red.
# 2023: budget 250/100/150 = 500 (exactly the norm), spending 250 + 90 + 160 = 500.
# Contributions 2024: 1000 and 3000 inhabitants at € 3 -> 12,000 due; 7,500 received by 31 Oct.
# Forecast 2024 (as of 31 Oct; pattern from 2022-2023): A 350.10 and B 100.00 (earlier years
# spent nothing after October), C 59.88 (its 2023 pattern had nothing up to October: run rate
# 49.90 x 12/10), D 0.00 -> 509.98. Backtest 2023 (B 80.00 in Oct 2022 gives the only pattern):
# A run rate 300 vs 250, B 90 vs 90, C 0 vs 160 -> MAE 70.00, 42.0% of the actual 500.
# Indicators: G1.1 at 25 (from 10 to 30) is 75% of the way with 74.9% of the time gone: op koers;
# G2.1 at 90 (from 100 to 50) is 20% with 69.9% gone: achter, and not measured since 2023-06-30.
TINY_SQL = """
insert into split_norm values (2020, 'structureel', 50, 2), (2020, 'meerjarig', 20, 2),
    (2020, 'kortcyclisch', 30, 2);
insert into goal values ('G1', 'Veilig', 'Veilige informatievoorziening', 1),
    ('G2', 'Samen', 'Samen organiseren', 2);
insert into item values
    ('A', 'Alfa', 'dienst', 'structureel', 'Veiligheid', 'G1', 'Team A', 2019, null, 'rood',
     'Achterstand', 'beheer'),
    ('B', 'Bravo', 'standaard', 'meerjarig', 'Standaarden', 'G2', 'Team B', 2022, 2025, 'groen',
     null, 'ontwikkeling'),
    ('C', 'Charlie', 'programma', 'kortcyclisch', 'Standaarden', 'G2', 'Team C', 2023, 2024,
     'oranje', 'Vertraging', 'implementatie'),
    ('D', 'Delta', 'product', 'structureel', 'Veiligheid', 'G1', 'Team D', 2024, null, 'groen',
     null, 'beheer');
insert into budget values
    ('A', 2023, 'fonds_ggu', 250.00), ('B', 2023, 'fonds_ggu', 100.00),
    ('C', 2023, 'fonds_ggu', 150.00),
    ('A', 2024, 'fonds_ggu', 300.00), ('B', 2024, 'fonds_ggu', 200.00),
    ('C', 2024, 'fonds_ggu', 200.00), ('D', 2024, 'fonds_ggu', 200.00),
    ('D', 2024, 'rijk', 100.00);
insert into spend values
    (1, 'A', '2023-03-15', 250.00, 'personeel', 'Inzet'),
    (2, 'B', '2023-06-30', 90.00, 'advies', 'Advies'),
    (3, 'C', '2023-12-01', 160.00, 'inhuur', 'Inhuur'),
    (4, 'A', '2024-01-31', 200.05, 'personeel', 'Inzet januari'),
    (5, 'A', '2024-09-30', 150.05, 'licenties', 'Licenties'),
    (6, 'B', '2024-05-01', 100.00, 'advies', 'Advies'),
    (7, 'C', '2024-10-31', 49.90, 'inhuur', 'Inhuur oktober'),
    (8, 'B', '2022-10-15', 80.00, 'advies', 'Advies 2022');
insert into indicator values
    ('G1.1', 'G1', 'Aangesloten gemeenten', 'aantal', 10, 2020, 30, 2025, 'hoger'),
    ('G2.1', 'G2', 'Doorlooptijd', 'dagen', 100, 2020, 50, 2024, 'lager');
insert into measurement values ('G1.1', '2024-06-30', 25), ('G2.1', '2023-06-30', 90);
insert into exception_rule values
    ('overschrijding_pct', 'forecast_overspend_pct', '>', 5, true),
    ('overschrijding_eur', 'forecast_overspend_eur', '>', 100000, true),
    ('onderbesteding_pct', 'forecast_underspend_pct', '>', 15, true),
    ('status_rood', 'is_red', '=', 1, true),
    ('einde_verstreken', 'is_overdue', '=', 1, true);
insert into municipality values
    (2024, 'GM0001', 'Eerstedorp', 'Utrecht', 1000), (2024, 'GM0002', 'Tweestad', 'Zeeland', 3000);
insert into contribution values
    (2024, 'GM0001', 'januari', 3.00, 1500.00, '2024-01-20'),
    (2024, 'GM0001', 'juli', 3.00, 1500.00, '2024-07-20'),
    (2024, 'GM0002', 'januari', 3.00, 4500.00, '2024-01-25'),
    (2024, 'GM0002', 'juli', 3.00, 4500.00, null);
insert into cpi values (2023, 3.80, 'CBS'), (2024, 3.30, 'CBS');
"""
# Status reports and decisions. Status at the end of 2023: A oranje (worse than its groen of
# June), B groen (no report: Projecten), C rood (its first report); items with a 2023 budget
# (A, B, C): 1 groen, 1 oranje, 1 rood. At the as-of date 2024-10-31: A rood (worse), B groen,
# C oranje (recovered), D groen (first report 30 Sep): 2 groen, 1 oranje, 1 rood. The latest
# round (30 Sep 2024) against the one before (30 Jun): D new; against the end of 2023: A went
# red, C recovered, D new. The College decided about A on 15 April 2024.
TINY_SQL += """
insert into status_report values
    ('A', '2023-06-30', 'groen', 'Op koers', 'beheer'),
    ('A', '2023-12-15', 'oranje', 'Capaciteit', null),
    ('A', '2024-03-31', 'rood', 'Achterstand', 'beheer'),
    ('C', '2023-09-30', 'rood', 'Leverancier failliet', 'implementatie'),
    ('C', '2024-06-30', 'oranje', 'Vertraging', 'implementatie'),
    ('D', '2024-09-30', 'groen', null, 'beheer');
insert into decision values
    ('CD-2024-01', '2024-04-15', 'college', 'A', null, 'Herstelplan gevraagd voor Alfa',
     'BL-2024-04'),
    ('ALV-2024-01', '2024-06-20', 'alv', null, null, 'Begroting 2025 vastgesteld', null),
    ('TF-2023-01', '2023-10-05', 'taskforce', null, 'G2', 'Verkenning samen organiseren', null);
insert into exception_rule values ('status_verslechterd', 'is_worse', '=', 1, true);
"""


def _write_tiny(data_dir) -> Store:
    store = Store(data_dir)

    def fill(con):
        con.execute(TINY_SQL)
        return {"tiny": 1}

    store.write(fill, action="import", user="test", meta={"is_demo": "false",
                                                          "as_of_date": "2024-10-31"})
    return store


@functools.cache
def _tiny_template() -> Path:
    """The tiny data set written through the store once per test process."""
    scratch = tempfile.mkdtemp(prefix="ggu-tiny-")
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    _write_tiny(Path(scratch) / "data")
    return Path(scratch) / "data"


def build_tiny(data_dir) -> Store:
    """The tiny data set in data_dir: a copy of the template into a new or empty folder (the
    same snapshot, id and history), written through the store into a folder with data."""
    data_dir = Path(data_dir)
    if data_dir.exists() and any(data_dir.iterdir()):
        return _write_tiny(data_dir)
    shutil.copytree(_tiny_template(), data_dir, dirs_exist_ok=True)
    return Store(data_dir)


@pytest.fixture(scope="session")
def tiny_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("tiny")
    build_tiny(path)
    return path


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo")
    demo.build(path, user="test")
    return path


@pytest.fixture(autouse=True)
def server_page_mode(monkeypatch, request):
    """Run AppTest the way a server runs: AppTest resets Streamlit's old-multipage-mode flag
    before every run, a server clears it at the first st.navigation and keeps it off. Tests
    marked `first_request` let the first run start in the old mode (a fresh server's deep link)."""
    original = PagesManager.__init__
    first = {"pending": request.node.get_closest_marker("first_request") is not None}

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if first["pending"]:
            first["pending"] = False
        else:
            PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


# -- The browser tier: one real server over the demo data and one Chromium for the session --

E2E_PASSWORD = "e2e-wachtwoord"   # the Beheer password of the shared server


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian Chromium under Playwright, shared by every browser test (each test opens
    its pages in a fresh context: no cookies or storage carry over)."""
    from tools.browser import browser
    with browser() as b:
        yield b


@pytest.fixture(scope="session")
def app_log(tmp_path_factory):
    """The output of the shared server (app_url): what a failing browser test can quote."""
    return tmp_path_factory.mktemp("server") / "streamlit.log"


@pytest.fixture(scope="session")
def app_url(demo_dir, chromium, app_log):
    """`streamlit run app.py` over the demo data (Beheer password E2E_PASSWORD), opened once so
    that it runs as a server in use does."""
    from ggu.passwords import hash_password
    from tools.browser import open_page, streamlit_server, wait_for_app
    with streamlit_server(demo_dir, env={"GGU_ADMIN_PASSWORD_HASH": hash_password(E2E_PASSWORD)},
                          log=app_log) as url:
        first = open_page(chromium, url)
        wait_for_app(first)
        first.context.close()
        yield url

"""Shared fixtures: a tiny hand-written snapshot with known totals, and the demo snapshot."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("STREAMLIT_SERVER_HEADLESS", "true")
os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")

from ggu import demo  # noqa: E402
from ggu.snapshots import Store  # noqa: E402

# The tiny data set. 2024 budget: structureel 600 (A 300 + D 200 fonds + D 100 rijk),
# meerjarig 200, kortcyclisch 200 -> 1000.00, shares 60/20/20 against the norm 50/20/30.
# 2024 spending: A 350.10, B 100.00, C 49.90 -> 500.00; A is 50.10 over its budget and red.
# 2023: budget 250/100/150 = 500 (exactly the norm), spending 250 + 90 + 160 = 500.
# Contributions 2024: 1000 and 3000 inhabitants at € 3 -> 12,000 due; 7,500 received by 31 Oct.
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
    (7, 'C', '2024-10-31', 49.90, 'inhuur', 'Inhuur oktober');
insert into municipality values
    (2024, 'GM0001', 'Eerstedorp', 'Utrecht', 1000), (2024, 'GM0002', 'Tweestad', 'Zeeland', 3000);
insert into contribution values
    (2024, 'GM0001', 'januari', 3.00, 1500.00, '2024-01-20'),
    (2024, 'GM0001', 'juli', 3.00, 1500.00, '2024-07-20'),
    (2024, 'GM0002', 'januari', 3.00, 4500.00, '2024-01-25'),
    (2024, 'GM0002', 'juli', 3.00, 4500.00, null);
"""


def build_tiny(data_dir) -> Store:
    store = Store(data_dir)

    def fill(con):
        con.execute(TINY_SQL)
        return {"tiny": 1}

    store.write(fill, action="import", user="test", meta={"is_demo": "false",
                                                          "as_of_date": "2024-10-31"})
    return store


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

"""The demo data set ("voorbeelddata"): deterministic, invented around the public GGU figures.

Public figures used as they are: the fund size per year, the 50/20/30 norm, the contribution
per inhabitant, the CBS municipality figures of 2023 and 2024 and the CBS CPI series (data/seed/).
Everything else (items, budgets, spending, goals, indicators) is invented; its literal data are
the seed files in ggu/demo/seed/ (seed.py reads them). A demo simplification: the 2023 municipal
division is used for 2018-2022 and the 2024 division for 2025-2026, with the inhabitants scaled
proportionally to the national totals of those years.

May import: ggu.store, ggu.config. Never Streamlit.
"""
from ggu.demo.dataset import (
    AS_OF,
    COST_PROFILES,
    FIRST_YEAR,
    LAST_YEAR,
    TABLES,
    YEARS,
    build,
    build_tables,
    content_hash,
    filler,
)

__all__ = ["AS_OF", "COST_PROFILES", "FIRST_YEAR", "LAST_YEAR", "TABLES", "YEARS", "build",
           "build_tables", "content_hash", "filler"]

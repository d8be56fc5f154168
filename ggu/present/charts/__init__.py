"""Chart builders: pure functions `DataFrame -> go.Figure`, one module per page area, all
importable from here (`charts.split_vs_norm`). Their look is in ggu/present/palette.py and
base.py; their titles and summaries in ggu/present/narrative/."""
from ggu.present.charts.contributions import (  # noqa: F401
    funding_by_year,
    municipality_trend,
    province_bars,
    whatif_envelopes,
)
from ggu.present.charts.goals import goal_allocation, indicator_bullets, indicator_trend  # noqa: F401
from ggu.present.charts.overview import budget_vs_spent, split_vs_norm  # noqa: F401
from ggu.present.charts.planning import plan_room, plan_years  # noqa: F401
from ggu.present.charts.portfolio import burnup, forecast_vs_budget, item_history, roadmap  # noqa: F401
from ggu.present.charts.spending import monthly_spend, spend_treemap, year_on_year  # noqa: F401

"""The words beside the charts: titles that say the message and one-line summaries, one module
per page area, all importable from here (`narrative.split_title`). Pages and the ALV report
take their text from here and never write it themselves."""
from ggu.present.narrative.contributions import (  # noqa: F401
    funding_summary,
    funding_title,
    municipality_trend_summary,
    municipality_trend_title,
    province_summary,
    province_title,
    whatif_summary,
    whatif_title,
)
from ggu.present.narrative.exceptions import exception_reasons, rules_text  # noqa: F401
from ggu.present.narrative.goals import (  # noqa: F401
    goal_allocation_summary,
    goal_allocation_title,
    goal_line,
    goals_by_verdict,
    goals_verdict_summary,
    indicator_summary,
    indicator_title,
    trend_measurements_summary,
    trend_measurements_title,
)
from ggu.present.narrative.overview import (  # noqa: F401
    budget_vs_spent_summary,
    budget_vs_spent_title,
    split_summary,
    split_title,
    trend_summary,
    trend_title,
)
from ggu.present.narrative.planning import (  # noqa: F401
    as_split,
    compare_table,
    compare_title,
    effect_table,
    effect_title,
    norm_sentence,
    norm_table,
    plan_split_summary,
    plan_split_title,
    room_summary,
    room_title,
    room_word,
    signed_eur,
    signed_mln,
    year_table,
    years_summary,
    years_title,
)
from ggu.present.narrative.portfolio import (  # noqa: F401
    burnup_summary,
    burnup_title,
    forecast_summary,
    forecast_title,
    item_facts,
    item_label,
    red_among,
    roadmap_summary,
    roadmap_title,
)
from ggu.present.narrative.spending import (  # noqa: F401
    last_month_name,
    months_summary,
    months_title,
    notes,
    span,
    tree_summary,
    tree_title,
    year_on_year_summary,
    year_on_year_title,
)
from ggu.present.narrative.status import (  # noqa: F401
    changes_lead,
    status_counts_summary,
    status_counts_title,
    status_grid_summary,
    status_grid_title,
)

"""The look of every chart: colours, font, the Plotly template and its configuration.

Colours are from the Okabe-Ito colour-blind-safe palette; no chart carries meaning by colour
alone (labels, icons and the table behind each chart say the same).
"""
from __future__ import annotations

import plotly.graph_objects as go

CATEGORY_COLOURS = {"structureel": "#0072B2", "meerjarig": "#E69F00", "kortcyclisch": "#CC79A7"}
BUDGET_LINE = "#1F2937"     # outline of budget bars
SPENT_FILL = "#0072B2"
NORM_COLOUR = "#111111"
BAND_COLOUR = "rgba(17, 17, 17, 0.10)"
INK = "#111111"
GRID = "#E5E7EB"
FONT = "Source Sans Pro, Segoe UI, Arial, sans-serif"
SEPARATORS = {"nl": ",.", "en": ".,"}  # plotly: decimal point, then thousands separator

UNDER_COLOUR = "#0072B2"    # Okabe-Ito blue: less spent than budgeted
OVER_COLOUR = "#D55E00"     # Okabe-Ito vermillion: more spent than budgeted
REALISED_SCALE = [[0.0, UNDER_COLOUR], [0.5, "#F2F2F2"], [1.0, OVER_COLOUR]]
FUNDING_COLOURS = {"fonds_ggu": "#0072B2", "rijk": "#009E73", "overig": "#E69F00"}
YEAR_GREYS = ["#BBBBBB", "#999999", "#777777", "#555555", "#333333"]
YEAR_DASHES = ["dot", "dash", "dashdot", "longdash", "longdashdot"]

# Text on these fills is dark (#111: 4.7:1 on vermillion, 5.6:1 on green, 9:1 on orange).
STATUS_COLOURS = {"groen": "#009E73", "oranje": "#E69F00", "rood": "#D55E00"}
VERDICT_COLOURS = {"op_koers": "#009E73", "aandacht": "#E69F00", "achter": "#D55E00"}
VERDICT_ICONS = {"op_koers": "✔", "aandacht": "▲", "achter": "✖", None: "–"}
FORECAST_COLOUR = "#D55E00"
TODAY_COLOUR = "#56B4E9"

_AXIS = dict(gridcolor="#EBF0F8", linecolor="#EBF0F8", zerolinecolor="#EBF0F8", ticks="",
             automargin=True, title=dict(standoff=15))
# The look of plotly_white, built once: plotly's own templates are rebuilt on every use
# (about 40 ms a chart), this small one costs next to nothing.
TEMPLATE = go.layout.Template(layout=dict(
    paper_bgcolor="white", plot_bgcolor="white", xaxis=_AXIS, yaxis=_AXIS,
    colorway=["#0072B2", "#E69F00", "#CC79A7", "#009E73", "#56B4E9", "#D55E00", "#F0E442"],
    hovermode="closest", title=dict(x=0.05)))

# Plotly's toolbar: no logo, no lasso or box select (the charts select nothing).
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}

"""The Streamlit glue: the only package of ggu that imports Streamlit (with pages/,
dashboard.py and app.py).

blocks.py   layout blocks: a chart with title, summary and table; a table of texts; the year
data.py     the cache at the edge: query results and figures per snapshot
url.py      URL state (?jaar=…&lang=…), checked against allow-lists, old keys as aliases
auth.py     the login (OIDC or the local password), the roles: auth.role(), auth.can()
plot.py     drawing a figure with our plotly.js bundle (plot.js), bundle.py building it
warmup.py   the server's warm-up at start
serving.py  connections without Nagle's delay
parts.py    parts of a page that rerun on their own (st.fragment with the frame's context)
charts.py   the chart builders of ggu.present, each figure cached by data and language

Each workaround of a Streamlit behaviour says which version it is for and when it can go:
blocks.frame_guard, blocks.accessibility, plot.py with bundle.py, warmup.py (and its
freeze), serving.py, auth.sidebar (an address as code).

May import: every other ggu package.
"""

"""The server: `streamlit run app.py` (what `make run` does) serves dashboard.py as an st.App,
whose start warms the server up (ggu/web/warmup.py), so that the first visitor does not wait for
pandas, DuckDB and Plotly to load, and whose connections send without delay (ggu/web/serving.py:
Streamlit leaves Nagle's algorithm on, 40 ms per file). `streamlit run dashboard.py` serves
the same pages without either."""
import streamlit as st

from ggu.web import serving, warmup

serving.no_delay()   # uvicorn imports this file after binding, before accepting connections
serving.rerun_lost_parts()   # a tab whose process died gets its whole page from the new one
app = st.App("dashboard.py", lifespan=warmup.lifespan)

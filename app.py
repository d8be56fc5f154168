"""The server: `streamlit run app.py` (what `make run` does) serves dashboard.py as an st.App,
whose start warms the server up (ggu/warmup.py), so that the first visitor does not wait for
pandas, DuckDB and Plotly to load. `streamlit run dashboard.py` serves the same pages without
the warm-up."""
import streamlit as st

from ggu import warmup

app = st.App("dashboard.py", lifespan=warmup.lifespan)

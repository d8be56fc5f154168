"""What a user sees, built from query results: never a query of its own, never Streamlit.

palette.py    colours, font, the Plotly template and toolbar
charts/       chart builders, `DataFrame -> go.Figure`, one module per page area
narrative/    chart titles that say the message and one-line summaries, per page area
labels.py     short labels shared by charts, tables and texts (verdict, signed %, listing)
tables.py     query results as tables on screen (formatted, translated headers)
downloads.py  CSV and .xlsx of a table as on screen
choices.py    the defaults and steps of the pages' controls (price year, rate steps, top N)
text.py       the one place that decides how a text of the data is shown (Markdown, Plotly)

May import: ggu.store (its codes), ggu.i18n, ggu.config.
"""

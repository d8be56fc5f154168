"""The public static site: every page a file, made once per snapshot from the same queries,
charts and words as the dashboard (ggu/present), served by any web server or CDN.

opendata.py   /data/: every public table as CSV and Parquet, the Frictionless data package
              (datapackage.json) and the description of each table and column (nl, en)
search.py     the Pagefind search index over the build and its search page's files
compress.py   the precompressed .gz files next to the text files (nginx gzip_static)

Shows only what the role `lezer` sees in the dashboard. May import: ggu.report, ggu.plan,
ggu.present, ggu.store, ggu.i18n, ggu.config. Never Streamlit; no DuckDB of its own.
"""

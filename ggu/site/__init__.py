"""The public static site: every page a file, made once per snapshot from the same queries,
charts and words as the dashboard (ggu.present), served by any web server or CDN.

build.py           `python -m ggu site build`: the build, atomic switch of site/current
pages.py           home, year, theme, goal, product, decisions, lists, the 404 page
municipalities.py  a page, an embed card and the council brief (PDF) per municipality
render.py          Jinja (autoescape), addresses, relative links, charts as JSON, assets
templates/, assets/  the pages' HTML and the one stylesheet and script
opendata.py        /data/: every public table as CSV and Parquet, the Frictionless data
                   package (datapackage.json) and each table and column explained (nl, en)
search.py          the Pagefind search index over the build and its search page's files
compress.py        the precompressed .gz files next to the text files (nginx gzip_static)

Shows only what the role `lezer` sees in the dashboard. May import: ggu.report, ggu.plan,
ggu.present, ggu.store, ggu.i18n, ggu.config. Never Streamlit; no DuckDB of its own; only
ggu.web and ggu.cli import it.
"""

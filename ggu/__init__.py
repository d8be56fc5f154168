"""GGU Portfoliodashboard: the product package, one job per subpackage, in layers.

    web  | cli          Streamlit glue (the only Streamlit importer) | the command line
    site                the public static site and its open data, built from each snapshot
    report              the ALV report: built once, rendered as PDF, PowerPoint, HTML
    present | plan      what a user sees: charts, narrative, tables, downloads | planning
                        scenarios for the coming years and their figures
    ingest | demo       changing the data: import, export, history | the demo data set
    store               DuckDB snapshots, the schema and the one loader of queries/
    i18n                the message catalogue and the display formats, nl and en
    config, passwords   settings and paths; the password hash;
    lockout | paths     failed logins counted in the data folder, the lockout | the one
                        function that makes a file name from data (never leaves its folder)

A package imports only from the layers below it; siblings on one line not from each other.
The import-linter contracts in pyproject.toml hold this, and `make check` runs them. The layer
map, what each package may import and the conventions across them: docs/architecture.md.
"""

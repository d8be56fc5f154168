"""`python -m ggu`: the administrator's command line (demo data, summary, import, report, ...).
May import every package of ggu but ggu.web: it runs without Streamlit.

Exit codes: 0 success, 1 the data cannot be read or a command failed, 2 a wrong command line
(including a year without data). Errors are one clear line, never a traceback.
"""
from ggu.cli.commands import backtest, build_parser, main, summary

__all__ = ["backtest", "build_parser", "main", "summary"]

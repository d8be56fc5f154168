"""Changing the data, safely: the administrator's import of real figures and its audit trail.

contract.py  the data contract: sheets, Dutch headers, references, how rows are replaced
read.py      reading an .xlsx or a CSV folder safely (size, zip bomb, encryption, encodings)
xlsx.py      a workbook's values (python-calamine) and its formulas, merged and error cells
rules.py     every validation rule as one SQL query on a staging DuckDB file
load.py      import_path / import_bytes: all or nothing, as a new snapshot; every attempt logged
outcome.py   the problems (sheet, row, column, value) and the outcome, as text and tables
workbook.py  the empty template and the export of a snapshot in the same form
history.py   the history of every attempt, comparing two snapshots, rolling back

May import: ggu.store, ggu.i18n, ggu.config. Never Streamlit.
"""

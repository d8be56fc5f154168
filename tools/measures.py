"""Write the measure table of docs/data-model.md from the `-- measure:` lines of the schema:
python -m tools.measures (tests/test_measures.py fails when the doc is not current)."""
from __future__ import annotations

from pathlib import Path

from ggu.store import measures

DOC = Path(__file__).resolve().parent.parent / "docs" / "data-model.md"


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    new = measures.with_table(text)
    if new != text:
        DOC.write_text(new, encoding="utf-8")
    print(f"{DOC.name}: {len(measures.definitions())} measures")


if __name__ == "__main__":
    main()

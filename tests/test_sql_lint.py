"""sqlfluff (dialect duckdb) lints every query."""
import subprocess
import sys

import pytest

from ggu.config import QUERIES_DIR, ROOT

pytestmark = pytest.mark.unit


@pytest.mark.slow
def test_queries_pass_sqlfluff():
    out = subprocess.run([sys.executable, "-m", "sqlfluff", "lint", str(QUERIES_DIR)],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stdout[-4000:]

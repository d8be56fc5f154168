"""Start-up time: from `streamlit run` to the Overzicht page with its charts drawn in headless
Chromium (the browser is started first; its own start is not counted).

    .venv/bin/python tests/startup.py [DATA_DIR] [RUNS]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import browser, streamlit_server  # noqa: E402

from ggu import config  # noqa: E402


def startup_s(data_dir: str) -> float:
    with browser() as b:
        page = b.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        with streamlit_server(data_dir, poll=0.05) as url:
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_function(
                "() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3",
                timeout=60_000)
            return time.perf_counter() - start


if __name__ == "__main__":
    data = sys.argv[1] if len(sys.argv) > 1 else str(config.data_dir())
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    times = [startup_s(data) for _ in range(runs)]
    print(f"start-up to Overzicht drawn: median {statistics.median(times):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)})")

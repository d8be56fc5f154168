"""Developer tools, out of the product package: the benchmark (`python -m tools.bench`) with its
pandas baseline and page timings, the load test (`python -m tools.loadtest`), start-up and
browser timing (`python -m tools.startup`, `python -m tools.browser_timing`), screenshots of
every page (`python -m tools.screenshots`), and the real server and browser the tests share
(browser.py). May import anything; nothing in ggu/ imports these."""

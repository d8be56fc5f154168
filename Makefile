# GGU Portfoliodashboard. `make run` serves the dashboard, `make test` runs the whole suite,
# `make check` its fast tiers (no browser, nothing slow) for the edit–test loop.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA_DIR ?= data
PORT ?= 8501
# App processes behind HAProxy for `make serve`.
N ?= 2
# pytest-xdist processes for the suite (auto: one per core).
WORKERS ?= auto
NPM ?= npm
# Debian packages: Chromium (browser tests, chart images in the PDF), poppler (pdftotext), fonts.
DEBS ?= chromium poppler-utils fonts-liberation fonts-dejavu-core
# 1 when this user may install Debian packages (root). `make run` installs optional parts only
# then; otherwise it serves without them and says what is missing.
CAN_APT ?= $(if $(filter 0,$(shell id -u)),1,0)

.PHONY: run test check lock demo install install-dev chromium debs optional optional-chromium \
	optional-charts node screenshots clean serve haproxy serve-site nginx

run: install optional $(DATA_DIR)/CURRENT  ## Install, build the demo data when there is none, serve on localhost
	$(PY) -m ggu upgrade --data-dir $(DATA_DIR)
	STREAMLIT_BROWSER_GATHER_USAGE_STATS=false $(PY) -m streamlit run app.py \
		--server.address 127.0.0.1 --server.port $(PORT)

test: install-dev chromium haproxy nginx static/.assets  ## Install what the tests need (Chromium, axe-core included) and run the suite
	$(PY) -m pytest -n $(WORKERS) --dist worksteal

# N app processes behind HAProxy on PORT (deploy/): sticky sessions, health checks; Ctrl-C
# stops them all.
serve: install optional haproxy $(DATA_DIR)/CURRENT  ## Serve with N processes behind HAProxy on localhost
	$(PY) -m ggu upgrade --data-dir $(DATA_DIR)
	$(PY) -m deploy.serve --replicas $(N) --port $(PORT) --data-dir $(DATA_DIR)

# The public static site (docs/site.md) with Debian's nginx on localhost, until Ctrl-C: the
# current build of DATA_DIR (python -m ggu site build), or SITE_DIR. PORT defaults to 8080 here.
SITE_DIR ?=
SITE_PORT = $(if $(filter command line environment,$(origin PORT)),$(PORT),8080)
serve-site: install nginx $(if $(SITE_DIR),,$(DATA_DIR)/site/current)  ## Serve the static site with nginx on localhost (PORT=8080, SITE_DIR=data/site/current)
	$(PY) -m deploy.site --port $(SITE_PORT) --data-dir $(DATA_DIR) $(if $(SITE_DIR),--root $(SITE_DIR))

# The site of the current snapshot, built once when there is none (a new one: `python -m ggu
# site build`, or Publiceren on Beheer); the data (demo when there is none) and the chart
# bundle only then, not to serve a site that is there.
$(DATA_DIR)/site/current:
	@$(MAKE) --no-print-directory $(DATA_DIR)/CURRENT optional-charts
	$(PY) -m ggu upgrade --data-dir $(DATA_DIR)
	$(PY) -m ggu site build --data-dir $(DATA_DIR)

check: install-dev node_modules/.package-lock.json  ## The type check, then the unit, sql and app tiers and the layer contracts (no browser, nothing slow)
	$(VENV)/bin/mypy
	$(PY) -m pytest -n $(WORKERS) --dist worksteal -m "not browser and not slow"

demo: install  ## (Re)build the demo data set as a new snapshot (no-op when it is current)
	$(PY) -m ggu demo --data-dir $(DATA_DIR)

$(DATA_DIR)/CURRENT:
	$(PY) -m ggu demo --data-dir $(DATA_DIR)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# From the locks: every package, transitive ones too, at its locked version and hash.
install: $(VENV)/.installed
$(VENV)/.installed: requirements.lock | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

install-dev: $(VENV)/.installed-dev
$(VENV)/.installed-dev: requirements.lock requirements-dev.lock | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements-dev.lock
	touch $(VENV)/.installed $@

# The locks, after a change of requirements*.txt: uv (pinned here, run with uvx or a uv on the
# PATH) resolves for Python 3.11 on Linux x86_64, with the hashes of every file of each version;
# pins already in a lock stay unless a requirement asks otherwise (--upgrade-package NAME moves
# one). Check the result installs in a fresh venv: docs/architecture.md, "Tooling".
UV ?= uvx uv@0.13.8
lock:  ## Lock requirements*.txt into requirements*.lock (hashes; needs uv 0.13.8)
	for f in requirements requirements-dev; do \
		cp $$f.lock $$f.lock.new && \
		$(UV) pip compile --quiet --no-config --python-version 3.11 \
			--python-platform x86_64-manylinux_2_28 --generate-hashes \
			--index-url https://pypi.org/simple --no-header $$f.txt -o $$f.lock.new && \
		{ sed -n '1,3p' $$f.lock; cat $$f.lock.new; } > $$f.lock.tmp && \
		mv $$f.lock.tmp $$f.lock && rm $$f.lock.new || exit 1; \
	done

chromium:  ## Debian's Chromium, poppler-utils and fonts (the tests need them)
	@$(MAKE) --no-print-directory debs IF_MISSING=fail

haproxy:  ## Debian's HAProxy (make serve and the replica tests need it)
	@$(MAKE) --no-print-directory debs DEBS=haproxy IF_MISSING=fail

nginx:  ## Debian's nginx and apache2-utils (ab) (make serve-site, the site's tests and load test)
	@$(MAKE) --no-print-directory debs DEBS="nginx apache2-utils" IF_MISSING=fail

# What `make run` can do without: Chromium (the PDF then shows each chart's table) and npm (the
# charts then load Streamlit's own, larger plotly.js). Installed when this user may; else said.
optional: optional-chromium optional-charts

optional-chromium:
	@$(MAKE) --no-print-directory debs IF_MISSING=warn

# The Debian packages: installed when this user may; else the test run stops (fail) or `make
# run` says what it does without them (warn).
debs:
	@missing=$$(for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done | xargs); \
	if [ -z "$$missing" ]; then :; \
	elif [ "$(CAN_APT)" = 1 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	elif [ "$(IF_MISSING)" = fail ]; then \
		echo "Ontbrekende Debian-pakketten: $$missing. Installeer ze met 'sudo apt-get install $$missing' en probeer opnieuw."; \
		exit 1; \
	else \
		echo "Let op: $$missing ontbreekt. Het dashboard werkt; de PDF van het ALV-rapport toont tabellen waar grafieken zouden staan. Installeer met 'sudo apt-get install $$missing'."; \
	fi

optional-charts:
	@if command -v $(NPM) >/dev/null 2>&1 || [ "$(CAN_APT)" = 1 ]; then \
		$(MAKE) --no-print-directory static/.assets; \
	else \
		echo "Let op: npm ontbreekt. Het dashboard werkt; de grafieken laden dan Streamlit's eigen plotly.js (trager). Installeer npm met 'sudo apt-get install nodejs npm'."; \
	fi

# From the npm registry as locked in package-lock.json: plotly.js's source and esbuild, to build
# the charts' plotly.js bundle; axe-core for the accessibility checks of the browser tests. npm
# comes with the machine's Node.js, else from Debian.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v $(NPM) >/dev/null || $(MAKE) --no-print-directory node
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

# The plotly.js bundles the charts load, built into static/ (served at /app/static/;
# ggu/web/bundle.py builds ggu/web/plotly_bundle.js with esbuild).
static/.assets: node_modules/.package-lock.json $(VENV)/.installed ggu/web/plotly_bundle.js ggu/web/bundle.py
	$(PY) -m ggu.web.bundle
	touch $@

node:  ## Debian's Node.js and npm (only when the machine has no npm)
	@if [ "$(CAN_APT)" = 1 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
	else \
		echo "npm ontbreekt. Installeer het met 'sudo apt-get install nodejs npm' en probeer opnieuw."; \
		exit 1; \
	fi

screenshots: install-dev chromium  ## Screenshots of every page into screenshots/
	$(PY) -m tools.screenshots $(DATA_DIR) screenshots

clean:
	rm -rf $(VENV) .pytest_cache node_modules static

# amity — two commands on a fresh machine:
#   make demo   install, fetch the data, and write the US–India report (report/index.html)
#   make test   install and run the test suite
# Both create .venv unless a virtualenv is already active. On a machine laid out like the project's
# workspace (../shared/data beside the checkout) the data come from that mirror; elsewhere they download.

PYTHON ?= python3
VENV := $(if $(VIRTUAL_ENV),$(VIRTUAL_ENV),.venv)
BIN := $(VENV)/bin
MIRROR := $(if $(AMITY_DATA_MIRROR),$(AMITY_DATA_MIRROR),$(if $(wildcard ../shared/data/MANIFEST.md),$(abspath ../shared/data),))
export AMITY_DATA_MIRROR := $(MIRROR)

.PHONY: demo test install browser lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# The seed op-ed whose claims the demo checks: read from the data mirror when it is there (never shipped).
ARTICLE := $(wildcard $(MIRROR)/articles/seed-us-india-strategic-convergence.txt)

demo: install
	$(BIN)/amity data fetch
	$(BIN)/amity report USA IND --third PAK --third CHN --years 1991-2026 --peers JPN,AUS,GBR,ISR \
	  $(if $(ARTICLE),--article $(ARTICLE),) -o report
	@echo "Open report/index.html in a browser (report/report.md is the same in Markdown)."

# Headless Chromium for the browser test of the report (Debian package; needs root and apt).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "could not install chromium: the browser test will be skipped"; \
	else echo "chromium not installed and not root: the browser test will be skipped"; fi

test: install browser
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks

bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) report test-artifacts .pytest_cache

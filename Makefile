# The two commands of the quick start: `make demo` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint check install clean system-deps

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "imena needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## demo: install, then show the ledger and its gaps and the model's fit; write a small synthetic corpus (about
## 1,000 entries in 9 sources, every one marked synthetic), parse and import all its sources, link them into
## persons, estimate and reconcile them, and serve the web application on it (http://127.0.0.1:8000/; Ctrl+C stops it)
demo: $(STAMP)
	$(BIN)/imena operation summary
	$(BIN)/imena operation gaps
	$(BIN)/imena simulate aggregate
	$(BIN)/imena simulate corpus --scale 0.001 --seed 1 --out demo/corpus
	head -n 8 demo/corpus/syn-book-1.jsonl > demo/sample.jsonl
	$(BIN)/imena parse demo/sample.jsonl --format table
	rm -rf demo/registry.db* demo/records
	$(BIN)/imena --db demo/registry.db simulate registry --corpus demo/corpus --records demo/records
	$(BIN)/imena --db demo/registry.db link 2> demo/link.log || (cat demo/link.log; exit 1)
	$(BIN)/imena --db demo/registry.db stats
	$(BIN)/imena --db demo/registry.db search "$$(head -n 1 demo/records/syn-memo-db.jsonl | $(BIN)/python -c 'import json,sys; n=json.load(sys.stdin)["name"]; print(n["surname"], n["given"][0] + ".")')"
	$(BIN)/imena --db demo/registry.db reconcile --by month
	$(BIN)/imena --db demo/registry.db estimate --by period --method loglinear
	@echo "The synthetic demo registry is demo/registry.db: open http://127.0.0.1:8000/ (estimates: /estimates, reconciliation: /reconcile)"
	$(BIN)/imena --db demo/registry.db serve

## system-deps: what the tests need from Debian (a PostgreSQL server, Chromium for the browser tests, Java
## for Spark), installed when missing; Playwright drives Debian's Chromium, and `playwright install` is never run
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing PostgreSQL from Debian for the registry tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "installing Chromium from Debian for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@if ! command -v java >/dev/null 2>&1; then \
		echo "installing Java from Debian for the linkage test on Spark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
	fi

## lint: ruff and mypy over the package, the tests and the benchmarks
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

## test: lint, then the whole test suite (SQLite and a PostgreSQL server the tests start)
test: lint system-deps
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache demo

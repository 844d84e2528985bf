# wirewatch: `make run` builds the demo warehouse and serves the dashboard;
# `make test` runs the whole test suite. Both create the environment first.
PYTHON ?= python3
HOME_DIR ?= data
UV := .uv/bin/uv
VENV := .venv
export UV_PYTHON_DOWNLOADS := never
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install run demo dashboard dev test lint bench clean

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: $(VENV)/.installed

run: install
	$(VENV)/bin/wirewatch demo --home $(HOME_DIR)
	$(VENV)/bin/wirewatch dashboard --home $(HOME_DIR) --port 8501

demo: install
	$(VENV)/bin/wirewatch demo --home $(HOME_DIR)

dashboard: install
	$(VENV)/bin/wirewatch dashboard --home $(HOME_DIR) --port 8501

dev: install
	$(VENV)/bin/wirewatch dev --home $(HOME_DIR)

test: install
	$(VENV)/bin/python -m pytest

lint: install
	$(VENV)/bin/ruff check .

# The performance suite at 10k and 100k articles (about 15 minutes); add a million with
# `make bench SIZES="10000 100000 1000000"`. Writes docs/performance.md.
SIZES ?= 10000 100000
bench: install
	$(VENV)/bin/python -m bench.performance --articles $(SIZES)

clean:
	rm -rf $(VENV) .uv .pytest_cache

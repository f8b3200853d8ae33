# Camps Atlas: `make run` serves the dashboard, `make test` runs every test (browser tests included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= $(or $(CAMPS_ATLAS_HOST),127.0.0.1)
PORT ?= $(or $(CAMPS_ATLAS_PORT),8050)

.PHONY: catalogues run serve bench bench-deps export-deps front-deps test lint unit browser system-deps clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# Translations (data/translation.py): extract the strings marked t(lang, "…") into the template, update each
# language's catalogue from it, compile them. Translators edit data/locales/<lang>/LC_MESSAGES/camps_atlas.po.
LANGS := fa ar sq
LOCALES := data/locales
catalogues: $(VENV)/.installed
	$(VENV)/bin/pybabel -q extract -F babel.cfg --no-default-keywords -k t:2 -k t_:2 -k N_ -k tn:2,3 -k Nn_:1,2 --no-location --sort-output --omit-header \
	  -o $(LOCALES)/camps_atlas.pot .
	@for l in $(LANGS); do $(VENV)/bin/pybabel -q update --init-missing --ignore-obsolete --no-fuzzy-matching \
	  --ignore-pot-creation-date \
	  -D camps_atlas -l $$l -i $(LOCALES)/camps_atlas.pot -d $(LOCALES) || exit 1; done
	$(VENV)/bin/pybabel compile --statistics -D camps_atlas -d $(LOCALES)

run: $(VENV)/.installed export-deps
	CAMPS_ATLAS_HOST=$(HOST) CAMPS_ATLAS_PORT=$(PORT) $(PY) app.py

# Image export (PNG/SVG/PDF) renders in Debian's chromium: installed when root and missing; without it the page
# works and exports answer 503 with a message.
export-deps:
	@( $(call apt_install,chromium:chromium) ) || echo "note: image export needs chromium; it will answer 503 until installed" >&2
	@( $(call apt_install,$(REPORT_FONTS)) ) || echo "note: the PDF report needs fonts-dejavu-core; it will answer 503 until installed" >&2

# Fonts of the PDF report (exports/report.py), as "file:Debian package" for apt_install.
REPORT_FONTS := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core

# Production: nginx (a buffering front against slow clients, serving/nginx.conf) on CAMPS_ATLAS_HOST:PORT, gunicorn
# with CAMPS_ATLAS_WORKERS workers behind it; gunicorn's config validates the data first and exits with the message.
# CAMPS_ATLAS_FRONT=none serves gunicorn directly. Settings from CAMPS_ATLAS_* (README, serving/README.md).
CAMPS_ATLAS_WORKERS ?= 2
serve: $(VENV)/.installed export-deps front-deps
	CAMPS_ATLAS_WORKERS=$(CAMPS_ATLAS_WORKERS) $(VENV)/bin/gunicorn -c serving/gunicorn_conf.py app:server

# The buffering front of `make serve`: Debian's nginx-light, installed when root and missing.
front-deps:
	@$(call apt_install,/usr/sbin/nginx:nginx-light)

# The benchmark (not part of `make test`): gunicorn (2 workers) + Redis on loopback, chromium, wrk.
bench-deps: system-deps
	@$(call apt_install,$(BENCH_PACKAGES))

bench: $(VENV)/.test-installed bench-deps
	$(PY) -m benchmarks
	$(PY) -m benchmarks.fault_run  # renderer kill, slow clients, export load, frozen Redis: benchmarks/faults.md

# Debian packages the tests need, installed when root and missing: chromium + chromedriver (browser tests, image
# export) and redis-server (the shared-cache test starts its own Redis on a free loopback port).
SYSTEM_PACKAGES := chromium:chromium chromedriver:chromium-driver redis-server:redis-server /usr/sbin/nginx:nginx-light
BENCH_PACKAGES := wrk:wrk

system-deps: export-deps
	@$(call apt_install,$(SYSTEM_PACKAGES))

# apt_install "what:package …": apt-get install the packages whose command (or file, for an absolute path such as a
# font) is missing (root only).
define apt_install
missing=""; for pair in $(1); do \
  command -v "$${pair%%:*}" >/dev/null 2>&1 || [ -e "$${pair%%:*}" ] || missing="$$missing $${pair#*:}"; \
done; \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = "0" ]; then \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
  else \
    echo "missing Debian packages:$$missing: run 'sudo apt-get install -y$$missing'" >&2; exit 1; \
  fi; \
fi
endef

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .

test: $(VENV)/.test-installed system-deps lint
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

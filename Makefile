# Schakel: the front door. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint fmt typecheck pytest install messages makemessages lock audit bench clean

run: install ## Install, migrate, load the demo data and serve on http://127.0.0.1:8000
	@mkdir -p var
	SCHAKEL_DEMO=true $(MANAGE) migrate --noinput
	SCHAKEL_DEMO=true $(MANAGE) seed_demo
	@echo "Schakel draait op http://$(HOST):$(PORT)/ — demo-accounts: zie README.md (wachtwoord: demo)"
	SCHAKEL_DEMO=true $(MANAGE) runserver --insecure $(HOST):$(PORT)

test: install lint typecheck pytest ## ruff, format check, mypy and the whole pytest suite

install: $(VENV)/.installed node_modules/.installed messages

# The venv's own pip is whatever the Python build bundled (23.2.1 with 3.11.7), and that one
# mis-resolves extras in hash mode. Never trust it: first bring the venv to the pinned,
# hash-checked installer of requirements/bootstrap.txt, check that it took, then install the lock.
PIP := $(BIN)/python -m pip --disable-pip-version-check
BOOTSTRAP_PIP := $(shell sed -n 's/^pip==\([^ ]*\).*/\1/p' requirements/bootstrap.txt)

$(VENV)/.installed: requirements/bootstrap.txt requirements/base.txt requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Schakel needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r requirements/bootstrap.txt
	@$(PIP) --version | grep -q '^pip $(BOOTSTRAP_PIP) ' \
		|| { echo "The venv's installer is not pip $(BOOTSTRAP_PIP) after bootstrapping"; exit 1; }
	$(PIP) install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

messages: $(VENV)/.installed ## Compile the translation catalogues (.po -> .mo)
	@$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules >/dev/null

makemessages: $(VENV)/.installed ## Refresh the catalogues after changing interface text
	$(MANAGE) makemessages --locale=nl --locale=en --no-location --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests/* --ignore=*/tests/*
	@# English msgids are the English texts: empty every fuzzy guess, then copy msgid to msgstr.
	msgattrib --no-wrap --clear-fuzzy --empty -o locale/en/LC_MESSAGES/django.po.tmp locale/en/LC_MESSAGES/django.po
	msgen --no-wrap -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po.tmp
	rm locale/en/LC_MESSAGES/django.po.tmp

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(VENV)/.installed
	$(BIN)/mypy .

pytest: install
	$(BIN)/pytest

bench: $(VENV)/.installed ## Benchmarks in var/bench/ (prints figures; not a test): matching on 10^6 fictional people, network neighbourhoods on 10^6 nodes / 5*10^6 relations, the case page before/after gathering facts once
	$(BIN)/python -m bench

lock: ## Re-pin requirements/*.txt (base, dev, audit) from requirements/*.in (needs pip-tools)
	cd requirements && pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links base.in -o base.txt
	cd requirements && pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links dev.in -o dev.txt
	cd requirements && pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links audit.in -o audit.txt

# pip-audit is not a dependency of Schakel: it lives in its own throwaway venv, installed from its
# own hashed lock (requirements/audit.txt) with the same pinned pip as the main venv.
AUDIT_VENV := var/audit-venv
AUDIT_PIP := $(AUDIT_VENV)/bin/python -m pip --disable-pip-version-check
# Point the audits elsewhere, e.g. PIP_AUDIT_FLAGS="-s osv --osv-url https://mirror/v1/query"
# NPM_AUDIT_FLAGS="--registry=https://mirror/" (see docs/dependencies.md, "Vulnerability audit").
PIP_AUDIT_FLAGS ?=
NPM_AUDIT_FLAGS ?=

$(AUDIT_VENV)/.installed: requirements/bootstrap.txt requirements/audit.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Schakel needs Python 3.11 or newer")'
	rm -rf $(AUDIT_VENV)
	$(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_PIP) install --quiet --require-hashes --no-deps -r requirements/bootstrap.txt
	@$(AUDIT_PIP) --version | grep -q '^pip $(BOOTSTRAP_PIP) ' \
		|| { echo "The audit venv's installer is not pip $(BOOTSTRAP_PIP) after bootstrapping"; exit 1; }
	$(AUDIT_PIP) install --quiet --require-hashes -r requirements/audit.txt
	@touch $@

audit: $(AUDIT_VENV)/.installed ## Known vulnerabilities in the Python lock and package-lock.json (needs the advisory databases; exit 0 clean, 1 found, 2 NOT CHECKED)
	$(AUDIT_VENV)/bin/python scripts/dependency_audit.py --pip-audit $(AUDIT_VENV)/bin/pip-audit \
		--pip-audit-flags='$(PIP_AUDIT_FLAGS)' --npm-audit-flags='$(NPM_AUDIT_FLAGS)'

clean:
	rm -rf $(VENV) node_modules staticfiles .mypy_cache .ruff_cache .pytest_cache

# Two commands from a fresh clone:
#   make serve   set everything up, load the seeds, serve http://127.0.0.1:8000/ (SQLite)
#   make test    set everything up and run the whole test suite (DATABASE_URL picks the database)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8000
# make serve shows the site as readers see it (its own 404 and 500 pages, static files as in production), on
# this machine only; DJANGO_DEBUG=1 make serve shows Django's technical pages instead.
LOCAL_ENV := DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-local-only-key-of-make-serve}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"

.PHONY: serve account test setup chromium java node-tools

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

setup: $(INSTALLED)

serve: setup
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --noinput
	$(LOCAL_ENV) $(BIN)/python manage.py load_seeds
	$(LOCAL_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(LOCAL_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# An administrator's account for the admin at http://127.0.0.1:8000/admin/ (asks for a name and a password;
# with DJANGO_SUPERUSER_USERNAME, _EMAIL and _PASSWORD set, Django's own variables, it asks nothing).
account: setup
	$(LOCAL_ENV) $(BIN)/python manage.py migrate -v0
	$(LOCAL_ENV) $(BIN)/python manage.py createsuperuser $(if $(DJANGO_SUPERUSER_PASSWORD),--noinput)

# Browser tests drive Debian's Chromium; Playwright cannot download its own here.
chromium:
	@command -v chromium >/dev/null || { \
		echo "Installing Chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The quality checks' tools (package.json): Lighthouse and the Nu HTML checker.
# Install scripts are skipped: vnu.jar runs on the Java installed below.
$(NODE_INSTALLED): package.json package-lock.json
	@command -v npm >/dev/null || { \
		echo "Installing Node.js for the quality checks"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

node-tools: $(NODE_INSTALLED)

java:
	@command -v java >/dev/null || { \
		echo "Installing Java for the HTML checker"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

# The suite runs on up to four processes (pytest-xdist, each test file on one);
# the Lighthouse tests time pages in the browser, so they run alone, afterwards.
test: setup chromium java node-tools
	$(BIN)/python -m pytest --numprocesses=auto --maxprocesses=4 --dist=loadfile -m "not lighthouse"; \
	status=$$?; $(BIN)/python -m pytest -m lighthouse && exit $$status

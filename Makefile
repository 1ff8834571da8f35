# The two set-up commands (README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test worker beat mcp lint bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Command one: the API on the embedded default (SQLite, in-process tasks, files on disk,
# heuristic AI) at http://127.0.0.1:8000.
run: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py bootstrap
	@echo ""
	@echo "  careerhub API   http://127.0.0.1:8000/api/v1/"
	@echo "  Swagger UI      http://127.0.0.1:8000/docs"
	@echo "  ReDoc           http://127.0.0.1:8000/redoc"
	@echo "  OpenAPI schema  http://127.0.0.1:8000/api/schema/?format=json"
	@echo "  Readiness       http://127.0.0.1:8000/health/ready"
	@echo "  Django admin    http://127.0.0.1:8000/admin/"
	@echo "  Last scrape     http://127.0.0.1:8000/api/v1/jobs/logs/latest"
	@echo ""
	@echo "  A fresh install has no jobs. Load the labelled demo set (jobs, a demo user, applications, matches):"
	@echo "    $(BIN)/python manage.py seed_demo"
	@echo "  then sign in as demo@careerhub.example / demo-password-2026 (README: 'The two commands')."
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Command two: the whole suite on a throwaway PostgreSQL and Redis (started and stopped by .ci/test),
# after installing what a fresh machine lacks (apt-get as root, pip).
test:
	.ci/test $(ARGS)

worker: $(BIN)/python
	$(BIN)/celery -A careerhub worker --loglevel=INFO

beat: $(BIN)/python
	$(BIN)/celery -A careerhub beat --loglevel=INFO

# The MCP server for AI assistants (docs/agents.md) at http://127.0.0.1:8001/mcp, with the API
# beside it: careerhub.asgi under uvicorn. Desktop assistants use stdio instead (manage.py mcp).
mcp: $(BIN)/python
	$(BIN)/uvicorn careerhub.asgi:application --host 127.0.0.1 --port 8001

# The project's ruff configuration (pyproject.toml).
lint: $(BIN)/python
	$(BIN)/ruff check .

bench: $(BIN)/python
	$(BIN)/python bench/run.py

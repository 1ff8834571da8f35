# The two set-up commands (README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test worker beat lint bench

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
	@echo "  Django admin    http://127.0.0.1:8000/admin/"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Command two: the whole suite on a throwaway PostgreSQL and Redis (started and stopped by .ci/test).
test:
	.ci/test $(ARGS)

worker: $(BIN)/python
	$(BIN)/celery -A careerhub worker --loglevel=INFO

beat: $(BIN)/python
	$(BIN)/celery -A careerhub beat --loglevel=INFO

lint: $(BIN)/python
	$(BIN)/ruff check --line-length 120 --select E,F,W,I,B,UP --ignore E501 --target-version py311 --extend-exclude '*/migrations/*' .

bench: $(BIN)/python
	$(BIN)/python bench/run.py

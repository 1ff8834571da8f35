FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=careerhub.settings.production

WORKDIR /app
RUN useradd --create-home --uid 1000 careerhub
# requirements.txt alone, as careerhub/tests/test_production_install.py proves every entry point starts with.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic needs a settings module that starts; the real key comes from the environment.
RUN SECRET_KEY=build-only-$(python -c "import secrets; print(secrets.token_urlsafe(48))") \
    python manage.py collectstatic --noinput
USER careerhub
EXPOSE 8000
# Request limits, workers (WEB_CONCURRENCY) and logging (LOG_FORMAT): careerhub/gunicorn_config.py.
CMD ["gunicorn", "-c", "python:careerhub.gunicorn_config", "careerhub.wsgi:application"]

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from careerhub.settings.env import Env, parse_database_url

ROOT = Path(__file__).resolve().parents[2]


def test_a_bad_boolean_fails_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        Env({"DEBUG": "maybe"}).bool("DEBUG", False)


def test_a_bad_integer_fails_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match="ACCESS_TOKEN_LIFETIME_MINUTES"):
        Env({"ACCESS_TOKEN_LIFETIME_MINUTES": "soon"}).int("ACCESS_TOKEN_LIFETIME_MINUTES", 60)


def test_a_bad_throttle_rate_fails_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match="THROTTLE_REGISTER"):
        Env({"THROTTLE_REGISTER": "lots"}).throttle_rate("THROTTLE_REGISTER", "5/hour")
    assert Env({"THROTTLE_REGISTER": "7/minute"}).throttle_rate("THROTTLE_REGISTER", "5/hour") == "7/minute"


def test_an_unknown_registration_mode_fails_naming_the_allowed_ones():
    with pytest.raises(ImproperlyConfigured, match="open, allowlist, closed"):
        Env({"REGISTRATION_MODE": "invite"}).choice("REGISTRATION_MODE", ("open", "allowlist", "closed"), "open")


@pytest.mark.parametrize(
    ("name", "raw", "schemes"),
    [
        ("REDIS_URL", "garbage", ("redis", "rediss", "unix")),
        ("REDIS_URL", "http://127.0.0.1:6379/0", ("redis", "rediss", "unix")),
        ("REDIS_URL", "redis://127.0.0.1:notaport/0", ("redis", "rediss", "unix")),
        ("AWS_S3_ENDPOINT_URL", "s3.example.com", ("http", "https")),
        ("ANTHROPIC_BASE_URL", "https://", ("http", "https")),
    ],
)
def test_a_bad_url_fails_naming_the_variable(name, raw, schemes):
    with pytest.raises(ImproperlyConfigured, match=name):
        Env({name: raw}).url(name, "", schemes=schemes)


def test_good_urls_and_blank_pass():
    schemes = ("redis", "rediss", "unix")
    for raw in ["redis://127.0.0.1:6379/0", "rediss://:secret@cache.example:6380/1", "unix:///run/redis.sock"]:
        assert Env({"REDIS_URL": raw}).url("REDIS_URL", "", schemes=schemes) == raw
    assert Env({"REDIS_URL": "  "}).url("REDIS_URL", "", schemes=schemes) == ""
    assert Env({}).url("REDIS_URL", "", schemes=schemes) == ""


def test_lists_and_defaults():
    env = Env({"ALLOWED_HOSTS": "a.example, b.example,,"})
    assert env.list("ALLOWED_HOSTS", []) == ["a.example", "b.example"]
    assert env.list("CORS_ALLOWED_ORIGINS", ["x"]) == ["x"]


def test_database_urls_parse_for_postgres_and_sqlite(tmp_path):
    pg = parse_database_url("postgres://app:p%40ss@db.internal:6543/careerhub?sslmode=require")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == ("app", "p@ss", "db.internal", "6543", "careerhub")
    assert pg["OPTIONS"] == {"sslmode": "require"}
    sqlite = parse_database_url(f"sqlite:///{tmp_path}/x/db.sqlite3")
    assert sqlite == {"ENGINE": "careerhub.db.sqlite3", "NAME": f"{tmp_path}/x/db.sqlite3"}
    assert not (tmp_path / "x").exists(), "reading the URL created the database's directory"
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        Env({"DATABASE_URL": "mysql://x/y"}).database("DATABASE_URL", "sqlite:///x")


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_start_up_fails_with_a_message_naming_a_bad_variable():
    result = _manage("check", DJANGO_SETTINGS_MODULE="careerhub.settings.base", DEBUG="perhaps")
    assert result.returncode != 0
    assert "Environment variable DEBUG" in result.stderr

    result = _manage("check", DJANGO_SETTINGS_MODULE="careerhub.settings.base", REDIS_URL="garbage")
    assert result.returncode != 0
    assert "Environment variable REDIS_URL" in result.stderr


def test_production_settings_pass_check_deploy_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="careerhub.settings.production",
        SECRET_KEY="k3y-" + "".join(chr(97 + (i * 7) % 26) for i in range(60)),
        ALLOWED_HOSTS="careerhub.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="careerhub.settings.production", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_starting_up_creates_no_directory_and_the_first_connection_creates_the_databases(tmp_path):
    # given an embedded default whose database and media directories do not exist yet
    database = tmp_path / "var" / "careerhub.sqlite3"
    media = tmp_path / "var" / "media"
    static_root_existed = (ROOT / "staticfiles").exists()
    environment = {"DJANGO_SETTINGS_MODULE": "careerhub.settings.base", "DATABASE_URL": f"sqlite:///{database}", "MEDIA_ROOT": str(media)}

    # when Django starts (the settings, the apps, the URLs and the system checks)
    checked = _manage("check", **environment)

    # then nothing was created on disk
    assert checked.returncode == 0, checked.stderr
    assert not (tmp_path / "var").exists()
    assert (ROOT / "staticfiles").exists() == static_root_existed

    # and the first connection creates the database's directory, as a fresh clone's `make run` needs
    migrated = _manage("migrate", "--noinput", **environment)
    assert migrated.returncode == 0, migrated.stderr
    assert database.is_file()


@pytest.mark.parametrize(("name", "raw"), [("LOG_FORMAT", "xml"), ("LOG_LEVEL", "loud")])
def test_a_bad_log_setting_fails_at_start_up_naming_it(name, raw):
    result = _manage("check", DJANGO_SETTINGS_MODULE="careerhub.settings.base", **{name: raw})
    assert result.returncode != 0
    assert f"Environment variable {name}" in result.stderr


def _setting(name: str, **env) -> str:
    result = _manage("shell", "-c", f"from django.conf import settings; print(repr(settings.{name}))",
                     DJANGO_SETTINGS_MODULE="careerhub.settings.base", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_embedded_default_reads_a_cv_under_a_lower_time_bound_than_a_worker():
    # the embedded default reads a CV within the upload request; a worker has time to spare
    assert _setting("CV_EXTRACT_TIMEOUT_SECONDS") == "5.0"
    assert _setting("CV_EXTRACT_TIMEOUT_SECONDS", REDIS_URL="redis://127.0.0.1:6379/0") == "15.0"
    assert _setting("CV_EXTRACT_TIMEOUT_SECONDS", REDIS_URL="redis://127.0.0.1:6379/0", CV_EXTRACT_TIMEOUT_SECONDS="9") == "9.0"


def test_the_embedded_sqlite_file_is_opened_for_concurrent_writers():
    options = _setting("DATABASES['default']['OPTIONS']")
    assert "'transaction_mode': 'IMMEDIATE'" in options and "journal_mode=WAL" in options and "'timeout': 20.0" in options

"""careerhub on the embedded default, served by a real server process, for tests over HTTP.

`migrated_sqlite(directory)` runs `manage.py migrate` once into a SQLite file; `EmbeddedServer`
copies that file and serves it with `manage.py runserver` (threads in one process, as `make run`
does) or gunicorn (several processes, each with threads), with nothing else configured: SQLite,
the local-memory cache, Celery eager, files on disk, the heuristic AI. Throttles are relaxed so
a test can send many requests. The server is stopped by its PID.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from careerhub.tests.hardening.stack import (
    _INHERITED_PREFIXES,
    RELAXED_THROTTLES,
    START_SECONDS,
    HttpClient,
    free_port,
    stop_process,
    wait_until,
)


def embedded_environment(database: Path, media: Path, **overrides: str) -> dict[str, str]:
    """The environment of the embedded default: only a database file and a media directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_INHERITED_PREFIXES)}
    env.update(
        DJANGO_SETTINGS_MODULE="careerhub.settings.base",
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(media),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        **RELAXED_THROTTLES,
    )
    env.update(overrides)
    return env


def migrated_sqlite(directory: Path) -> Path:
    """A SQLite file with every migration applied (copied by each server, so each starts clean)."""
    database = directory / "template.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=str(settings.BASE_DIR), env=embedded_environment(database, directory / "media"),
        capture_output=True, text=True, timeout=300, check=True,
    )
    return database


@dataclass
class EmbeddedServer(HttpClient):
    """One server process on its own copy of a migrated SQLite file."""

    root: Path
    template: Path
    server: str = "runserver"  # or "gunicorn"
    gunicorn_workers: int = 4
    gunicorn_threads: int = 5
    env_overrides: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        return self.root / "careerhub.sqlite3"

    @property
    def log_path(self) -> Path:
        return self.root / f"{self.server}.log"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def command(self) -> list[str]:
        if self.server == "runserver":
            return [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"]
        return [
            sys.executable, "-m", "gunicorn", "-c", "python:careerhub.gunicorn_config", "careerhub.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.gunicorn_workers),
            "--threads", str(self.gunicorn_threads), "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning",
        ]

    def start(self) -> EmbeddedServer:
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.template, self.database)
        env = embedded_environment(self.database, self.root / "media", **self.env_overrides)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=str(settings.BASE_DIR), env=env, stdout=log, stderr=subprocess.STDOUT
            )

        def answering() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.server} exited with {self.process.returncode}: {self.log()[-3000:]}")
            try:
                return self.get("/health", timeout=2).status == 200
            except OSError:
                return False

        try:
            wait_until(answering, seconds=START_SECONDS, what=self.server, interval=0.1)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        stop_process(self.process)

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        """Read the server's database file directly."""
        with sqlite3.connect(self.database, timeout=30) as conn:
            return conn.execute(query, params).fetchall()

#!/usr/bin/env python
"""Run every benchmark under bench/ and rewrite docs/performance.md (`make bench`).

A benchmark is a module `bench/<name>.py` (names starting with `_` are helpers) that defines
`TITLE` and `run(context) -> str`, returning its Markdown section. Each gets a fresh database
(Django's test database on the server), migrated, and dropped afterwards.

PostgreSQL: DATABASE_URL if set (a `test_...` database is created on that server, never the
named one), otherwise a throwaway cluster started here like `.ci/test` does.

    python bench/run.py                 # everything
    python bench/run.py search --quick  # one benchmark, on a tenth of the data
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import signal
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUTPUT = ROOT / "docs" / "performance.md"


@dataclass
class Context:
    quick: bool
    database_version: str = ""


def discover() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules([str(BENCH_DIR)]) if not m.name.startswith("_") and m.name != "run")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="a tenth of the data, for trying a benchmark out")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the report")
    args = parser.parse_args(argv)

    names = args.names or discover()
    unknown = sorted(set(names) - set(discover()))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(discover())}")

    # A TERM (timeout, kill) unwinds like Ctrl-C, so the throwaway cluster is stopped and removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(BENCH_DIR))
    from _machine import describe
    from _postgres import throwaway_cluster

    with contextlib.ExitStack() as stack:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = stack.enter_context(throwaway_cluster())
        # The embedded default for everything else: local-memory cache, in-process tasks, no LLM.
        for name in ("REDIS_URL", "ANTHROPIC_API_KEY"):
            os.environ.pop(name, None)
        os.environ["DJANGO_SETTINGS_MODULE"] = "careerhub.settings.base"
        os.environ.setdefault("LOG_LEVEL", "WARNING")

        import django

        django.setup()
        from django.db import connection
        from django.test.utils import setup_test_environment

        if connection.vendor != "postgresql":
            raise SystemExit("The benchmarks measure PostgreSQL: DATABASE_URL must be a postgres:// URL.")
        setup_test_environment()
        sections = []
        for name in names:
            module = importlib.import_module(name)
            print(f"[bench] {name}: {module.TITLE}", flush=True)
            started = time.monotonic()
            old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SHOW server_version")
                    context = Context(quick=args.quick, database_version=f"PostgreSQL {cursor.fetchone()[0]}")
                sections.append(module.run(context))
            finally:
                connection.creation.destroy_test_db(old_name, verbosity=0)
            print(f"[bench] {name}: done in {time.monotonic() - started:.0f}s", flush=True)

    report = [
        "# Performance",
        "",
        "Written by `make bench` (`python bench/run.py`); do not edit by hand. Each benchmark measures a",
        "figure beside its floor or its alternative in the same run, so the ratios hold on a slower or",
        "busier machine even when the milliseconds do not.",
        "",
        f"Last run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC{' (--quick: a tenth of the data)' if args.quick else ''}",
        "",
        "## Machine",
        "",
        *describe(context.database_version),
        "",
        *sections,
    ]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(report).rstrip() + "\n")
    print(f"[bench] wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python
"""Run every benchmark under bench/ and rewrite docs/performance.md (`make bench`).

A benchmark is a module `bench/<name>.py` (names starting with `_` are helpers) that defines
`TITLE` and `run(context) -> str`, returning its Markdown section. Each gets a fresh database
(Django's test database on the server), migrated, and dropped afterwards.

Each section is dated. Running some benchmarks rewrites their sections and keeps the others'
from the existing report; a benchmark that fails keeps its previous section, and the command
exits non-zero after writing the rest.

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
import traceback
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


def previous_sections(path: Path, titles: dict[str, str]) -> dict[str, str]:
    """name -> its section in an existing report (found by the `## <TITLE>` heading it starts with)."""
    if not path.exists():
        return {}
    headings = {f"## {title}": name for name, title in titles.items()}
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text().splitlines():
        if line.startswith("## "):
            name = headings.get(line.rstrip())
            current = sections.setdefault(name, []) if name else None
        if current is not None:
            current.append(line)
    return {name: "\n".join(lines).rstrip() + "\n" for name, lines in sections.items()}


def dated(section: str, name: str, quick: bool) -> str:
    """The section with a line under its heading saying when and how it was measured."""
    heading, _, rest = section.partition("\n")
    when = f"_Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/run.py {name}`{' --quick (a tenth of the data)' if quick else ''}._"
    return f"{heading}\n\n{when}\n{rest}"


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
        modules = {}
        for name in discover():
            try:
                modules[name] = importlib.import_module(name)
            except Exception:
                if name in names:
                    raise
                print(f"[bench] {name}: cannot be imported, its section is left out", file=sys.stderr)
        sections = previous_sections(args.output, {name: module.TITLE for name, module in modules.items()})
        failed = []
        context = Context(quick=args.quick)
        for name in names:
            module = modules[name]
            print(f"[bench] {name}: {module.TITLE}", flush=True)
            started = time.monotonic()
            old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SHOW server_version")
                    context = Context(quick=args.quick, database_version=f"PostgreSQL {cursor.fetchone()[0]}")
                sections[name] = dated(module.run(context), name, args.quick)
            except Exception:  # noqa: BLE001 - one failed benchmark is reported and the others still run
                traceback.print_exc()
                failed.append(name)
                print(f"[bench] {name}: FAILED; its previous section (if any) is kept", flush=True)
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
        f"Last run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC (`bench/run.py {' '.join(names)}`{' --quick' if args.quick else ''});",
        "each section says when it was measured.",
        "",
        "## Machine",
        "",
        *describe(context.database_version),
        "",
        *(sections[name] for name in discover() if name in sections),
    ]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(report).rstrip() + "\n")
    print(f"[bench] wrote {args.output}")
    if failed:
        print(f"[bench] failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

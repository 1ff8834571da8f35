"""A throwaway PostgreSQL cluster for benchmarks, started the way `.ci/test` starts the test one."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """initdb + pg_ctl on a free loopback port; yields a DATABASE_URL; stops and deletes it afterwards.

    Durability is off (nothing here needs to survive a crash); shared_buffers is 512 MB, what a
    server holding this data would have, so the benchmark measures queries, not the OS page cache.
    """
    for tool in ("initdb", "pg_ctl"):
        if shutil.which(tool) is None:
            raise SystemExit(f"missing {tool}: install the PostgreSQL server binaries, or set DATABASE_URL")
    work = tempfile.mkdtemp(prefix="careerhub-bench.")
    pgdata = os.path.join(work, "pg")
    port = _free_port()
    # PostgreSQL refuses to run as root: run its binaries as the postgres user when we are root.
    as_pg: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(work, user="postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    try:
        subprocess.run(
            [*as_pg, "initdb", "-D", pgdata, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        options = f"-p {port} -k {work} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB"
        subprocess.run(
            [*as_pg, "pg_ctl", "-D", pgdata, "-l", os.path.join(pgdata, "server.log"), "-w", "-t", "60", "-o", options, "start"],
            check=True, stdout=subprocess.DEVNULL,
        )
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        if os.path.exists(os.path.join(pgdata, "postmaster.pid")):
            subprocess.run([*as_pg, "pg_ctl", "-D", pgdata, "-m", "fast", "-w", "stop"], stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(work, ignore_errors=True)

"""Django's SQLite backend, creating the database file's directory on the first connection.

The embedded default keeps its database in `var/`, which a fresh clone does not have. Creating
it here, when a connection first needs it, means importing the settings creates nothing on disk
while `manage.py migrate` (and everything after it) works from a fresh clone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        name = str(conn_params.get("database", ""))
        # Django opens every database as a URI; a `file:` one (the test run's in-memory database)
        # or :memory: has no directory.
        if name and name != ":memory:" and not name.startswith("file:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        return super().get_new_connection(conn_params)

"""The dependency rules of docs/architecture.md, checked on every import of the project's code.

`careerhub` ← `accounts` ← `profiles` ← `tracker`, `jobs`, `social` ← `insights`: an app imports
only from apps below it. Two exceptions, both contracts rather than code: an app may import another
app's `events` module (event names are constants of the emitting app), and the root URL conf
(`careerhub/urls.py`) mounts every app's routes.
"""

import ast
from pathlib import Path

from django.conf import settings

LEVEL = {"careerhub": 0, "accounts": 1, "profiles": 2, "tracker": 3, "jobs": 3, "social": 3, "insights": 4}
ALLOWED = {("careerhub/urls.py", "*")}


def imports_of(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def violations(root: Path) -> list[str]:
    found = []
    for app, level in LEVEL.items():
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if "/tests/" in f"/{relative}" or "/migrations/" in relative or (relative, "*") in ALLOWED:
                continue
            for module in imports_of(path):
                other = module.split(".")[0]
                if other not in LEVEL or other == app or LEVEL[other] < level:
                    continue
                if module == f"{other}.events":
                    continue
                found.append(f"{relative} imports {module} ({other} is not below {app})")
    return found


def test_no_app_imports_one_at_its_level_or_above():
    assert violations(Path(settings.BASE_DIR)) == []


def test_the_check_finds_a_sibling_or_higher_import_and_lets_events_through(tmp_path):
    # given a tree where jobs imports tracker's services, profiles imports insights, tracker imports jobs.events
    for relative, source in {
        "jobs/matching.py": "from tracker.services import application_create\n",
        "profiles/models.py": "import insights.models\n",
        "tracker/apps.py": "from jobs.events import MATCH_APPLIED\n",
        "insights/views.py": "from jobs.models import Job\n",
    }.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(source)
    # then exactly the two upward or sideways imports are reported
    assert violations(tmp_path) == [
        "profiles/models.py imports insights.models (insights is not below profiles)",
        "jobs/matching.py imports tracker.services (tracker is not below jobs)",
    ]

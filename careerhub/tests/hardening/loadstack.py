"""careerhub as deployed, in real processes, for the load test and the full-stack benchmarks.

gunicorn (production settings, several sync workers) and a Celery worker on a given PostgreSQL
database and Redis; locust, headless, in its own process, driving the mix in
`bench/_locustfile.py`; a throwaway `redis-server` when none is given (the benchmarks); and the
data they run against, written straight into the database (`bulk_create`) before the server
starts. Every process is started here and stopped by its own PID, however the caller ends.

Used by careerhub/tests/hardening/test_load.py (a short run in CI), bench/load.py (a longer one)
and bench/endpoints.py (single requests against their floors).
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LOCUSTFILE = ROOT / "bench" / "_locustfile.py"
# What the seeded job seekers sign in with (the one password hash is computed once).
PASSWORD = "load-test-passw0rd"
START_SECONDS = 60
STOP_SECONDS = 20
# Access log line: status, method, path, duration in ms (gunicorn's %(M)s).
ACCESS_LOG_FORMAT = '%(s)s %(m)s "%(U)s" %(M)s'
# Relaxed throttles: the load comes from one IP and a handful of users on purpose.
RELAXED_THROTTLES = {f"THROTTLE_{scope}": "1000000/hour" for scope in (
    "REGISTER", "LOGIN", "CV_UPLOAD", "JOB_PARSE", "MATCH_REFRESH", "JOBS_REFRESH", "GENERATION",
)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The URL of the database Django's default connection uses now (the test database in a test)."""
    from django.db import connection

    db = connection.settings_dict
    credentials = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def _stop(process: subprocess.Popen, *, sig: int = signal.SIGTERM, timeout: float = STOP_SECONDS) -> None:
    if process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def _tail(path: Path, chars: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


# --- Redis ---------------------------------------------------------------------------------------


@contextmanager
def redis_server(workdir: Path) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port, no persistence; yields its URL."""
    if shutil.which("redis-server") is None:
        raise RuntimeError("redis-server is not installed")
    port = free_port()
    log = workdir / "redis.log"
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir), "--logfile", str(log)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start: {_tail(log)}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(process)


# --- The server and the worker ---------------------------------------------------------------------


def stack_environment(*, database: str, redis: str, workdir: Path, signing_key: str, extra: dict | None = None) -> dict:
    """The environment of the web and worker processes: production settings on loopback.

    `signing_key` is the JWT key of the process that seeds tokens, so tokens it mints are valid.
    """
    media = workdir / "media"
    media.mkdir(parents=True, exist_ok=True)
    environment = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "PYTEST_", "THROTTLE_")) and key not in {"REDIS_URL", "DATABASE_URL", "ANTHROPIC_API_KEY"}
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "careerhub.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "JWT_SIGNING_KEY": signing_key,
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database,
            "REDIS_URL": redis,
            "MEDIA_ROOT": str(media),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **RELAXED_THROTTLES,
            **(extra or {}),
        }
    )
    return environment


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    access_log: Path
    error_log: Path

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the master's children."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name is in parentheses and may hold spaces; the parent PID follows it.
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def worker_memory(self) -> list[dict[str, float]]:
        """Per worker, in MiB: resident set (RSS) and the part no other process shares (USS)."""
        memory = []
        for pid in self.worker_pids():
            values = {}
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    name, _, rest = line.partition(":")
                    if name in {"Rss", "Private_Clean", "Private_Dirty"}:
                        values[name] = int(rest.split()[0]) / 1024
            except OSError:
                continue
            memory.append({"pid": pid, "rss": values.get("Rss", 0.0), "uss": values.get("Private_Clean", 0.0) + values.get("Private_Dirty", 0.0)})
        return memory

    def statuses(self) -> Counter:
        """Status code → count, from the server's own access log."""
        counts: Counter = Counter()
        for line in _lines(self.access_log):
            status = line.split(" ", 1)[0]
            if status.isdigit():
                counts[int(status)] += 1
        return counts

    def server_errors(self) -> list[str]:
        """Access-log lines of 5xx answers, and tracebacks or worker timeouts in the error log."""
        failed = [line for line in _lines(self.access_log) if line[:1] == "5"]
        problems = [line for line in _lines(self.error_log) if re.search(r"Traceback|WORKER TIMEOUT|Worker \(pid:\d+\) was sent", line)]
        return failed + problems


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(errors="replace").splitlines()
    except OSError:
        return []


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health/db", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def gunicorn(
    *, environment: dict, workdir: Path, workers: int = 3, app: str = "careerhub.wsgi:application", pythonpath: list[Path] | None = None
) -> Iterator[Server]:
    """`gunicorn <app>` with sync workers on a free loopback port, until the block ends."""
    port = free_port()
    access_log, error_log = workdir / "gunicorn-access.log", workdir / "gunicorn-error.log"
    env = dict(environment)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in [ROOT, *(pythonpath or [])])
    process = subprocess.Popen(
        # careerhub's gunicorn configuration (request limits), as deployed; the flags override the rest.
        [sys.executable, "-m", "gunicorn", "-c", "python:careerhub.gunicorn_config", app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--timeout", "60", "--graceful-timeout", "10", "--access-logfile", str(access_log),
         "--access-logformat", ACCESS_LOG_FORMAT, "--error-logfile", str(error_log), "--log-level", "warning"],
        cwd=str(ROOT), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )
    server = Server(url=f"http://127.0.0.1:{port}", process=process, access_log=access_log, error_log=error_log)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _ready(server.url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start: {_tail(error_log)}")
            time.sleep(0.2)
        # Every worker has imported the project before anything is timed.
        while len(server.worker_pids()) < workers and time.monotonic() < deadline:
            time.sleep(0.1)
        access_log.write_text("")  # the readiness probes are not part of the load
        yield server
    finally:
        _stop(process)


@contextmanager
def celery_worker(*, environment: dict, workdir: Path, concurrency: int = 1) -> Iterator[subprocess.Popen]:
    """A Celery worker on the stack's broker, until the block ends (waits until it is ready)."""
    log = workdir / "celery-worker.log"
    name = f"load-{secrets.token_hex(4)}@localhost"
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "careerhub", "worker", f"--concurrency={concurrency}", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", name],
            cwd=str(ROOT), env={**environment, "PYTHONPATH": str(ROOT)}, stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + START_SECONDS
            while " ready." not in _tail(log, 100_000):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the Celery worker did not start: {_tail(log)}")
                time.sleep(0.2)
            yield process
        finally:
            _stop(process)


def broker_backlog(redis_url: str) -> int:
    """Tasks waiting in the default queue or delivered but not yet acknowledged."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        return int(client.llen("celery")) + int(client.hlen("unacked"))
    finally:
        client.close()


def purge_broker(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        client.delete("celery", "unacked", "unacked_index")
    finally:
        client.close()


def wait_for_backlog(redis_url: str, *, seconds: float) -> tuple[int, float]:
    """Wait until the worker has taken every queued task; (tasks left, seconds waited)."""
    started = time.monotonic()
    left = broker_backlog(redis_url)
    while left and time.monotonic() - started < seconds:
        time.sleep(0.25)
        left = broker_backlog(redis_url)
    return left, time.monotonic() - started


def worker_task_counts(workdir: Path) -> Counter:
    """succeeded / failed / retried task counts from the worker's log."""
    text = _tail(workdir / "celery-worker.log", 10_000_000)
    return Counter(
        succeeded=len(re.findall(r"Task \S+\[[^\]]+\] succeeded", text)),
        failed=len(re.findall(r"Task \S+\[[^\]]+\] raised unexpected", text)),
        retried=len(re.findall(r"Task \S+\[[^\]]+\] retry", text)),
    )


# --- Data ------------------------------------------------------------------------------------------

ROLES = [
    ("Backend Engineer", ["Python", "Django", "PostgreSQL", "Go", "Redis", "AWS", "Kafka"]),
    ("Frontend Engineer", ["React", "TypeScript", "JavaScript", "CSS", "Next.js", "GraphQL"]),
    ("Full Stack Developer", ["React", "Node.js", "TypeScript", "Python", "PostgreSQL"]),
    ("Data Engineer", ["Python", "Spark", "Airflow", "SQL", "Kafka", "dbt"]),
    ("Data Scientist", ["Python", "Machine Learning", "pandas", "SQL", "PyTorch"]),
    ("DevOps Engineer", ["Kubernetes", "Terraform", "AWS", "Docker", "Linux"]),
    ("Site Reliability Engineer", ["Kubernetes", "Go", "Linux", "Prometheus", "Terraform"]),
    ("Mobile Engineer", ["React Native", "Swift", "Kotlin", "TypeScript"]),
    ("Machine Learning Engineer", ["Python", "PyTorch", "Machine Learning", "Kubernetes"]),
    ("Security Engineer", ["Security", "AWS", "Python", "Linux"]),
    ("Product Designer", ["Figma", "UX", "Design Systems"]),
    ("Engineering Manager", ["Leadership", "Agile", "Hiring", "Python"]),
]
SENIORITY = ["", "Junior ", "Senior ", "Senior ", "Staff ", "Lead "]
DOMAINS = ["fintech", "healthcare", "logistics", "e-commerce", "climate", "education", "insurance", "gaming"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent",
             "Vandelay", "Wonka", "Aperture", "Massive", "Pied Piper", "Oscorp", "Gringotts", "Monarch", "Nakatomi", "Dunder"]
SUFFIXES = ["", " Labs", " Inc.", " Systems", " Health", " AI"]
STAGES = [("Recruiter Call", "Recruiter Call"), ("Phone Screen", "Phone Screen"), ("Tech interview", "Technical"),
          ("System design", "System Design"), ("Onsite", "Onsite")]
QUESTIONS = ["Tell me about yourself.", "Why this company?", "Design a URL shortener.", "A conflict you resolved?",
             "Explain database indexes.", "What would you improve in our product?"]


def _job(rng: random.Random, n: int, now: datetime):
    from jobs.matching.features import job_feature_values
    from jobs.models import Job

    role, skills = rng.choice(ROLES)
    title = f"{rng.choice(SENIORITY)}{role}"
    company = f"{rng.choice(COMPANIES)}{rng.choice(SUFFIXES)}"
    tags = rng.sample(skills, k=min(len(skills), rng.randint(3, 5)))
    domain = rng.choice(DOMAINS)
    years = rng.randint(1, 8)
    description = (
        f"{company} builds software for {domain} teams. As a {title} you will design, build and run services "
        f"used by thousands of customers, and own features end to end.\n\n"
        f"What we look for: {years}+ years of experience with {tags[0]} and {tags[1]}; {tags[2]} is a plus. "
        "Strong written communication: we work asynchronously across time zones.\n\n"
        "Competitive salary, a home-office budget and a yearly learning stipend."
    )
    low = rng.randrange(50_000, 180_000, 5_000) if rng.random() < 0.6 else None
    return Job(
        source=rng.choice(["remoteok", "weworkremotely", "greenhouse", "lever"]),
        source_id=f"load-{n}",
        url=f"https://jobs.example.com/{n}",
        title=title,
        company=company,
        description=description,
        salary_min=low,
        salary_max=low + rng.randrange(10_000, 50_000, 5_000) if low else None,
        salary_currency="USD" if low else "",
        location=rng.choice(["Worldwide", "USA Only", "Europe", "UK"]),
        remote_type=rng.choices(["remote", "hybrid", "onsite"], weights=[7, 2, 1])[0],
        job_type=rng.choices(["full_time", "contract", "part_time"], weights=[8, 2, 1])[0],
        tags=tags,
        eligible_regions=rng.choice([["Worldwide"], ["US"], ["EU"], ["UK"]]),
        posted_at=now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1440)),
        scraped_at=now - timedelta(days=rng.randint(0, 30), seconds=rng.randint(0, 86400)),
        raw_data={"id": n},
        **job_feature_values(title=title, description=description, tags=tags, company=company),
    )


def seed_jobs(count: int, *, seed: int = 8) -> None:
    """`count` scraped jobs (12 roles × seniorities, 3–5 tags, feature columns filled), then ANALYZE."""
    from django.db import connection

    from jobs.models import Job

    rng = random.Random(seed)
    now = datetime.now(UTC)
    for start in range(0, count, 1000):
        Job.objects.bulk_create(_job(rng, n, now) for n in range(start, min(count, start + 1000)))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobs_job")


def password_hash() -> str:
    """PBKDF2 of PASSWORD, as the server's settings would store it (the test settings use MD5)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    return hasher.encode(PASSWORD, hasher.salt())


def seed_job_seekers(count: int, *, applications: tuple[int, int] = (10, 30), seed: int = 8, label: str = "load") -> list:
    """`count` users with a profile, applications (stages, tags, some outcomes and reflections)
    and matches computed by the real refresh. Returns the users."""
    from accounts.models import User
    from jobs.matching.refresh import matches_refresh
    from profiles.models import Profile
    from tracker.models import Application, ApplicationStage, ApplicationTag, Outcome, Reflection, Tag

    rng = random.Random(seed)
    hashed = password_hash()
    users = User.objects.bulk_create(
        User(email=f"{label}-{n}@example.com", username=f"{label}{n}", display_name=f"Seeker {n}", password=hashed)
        for n in range(count)
    )
    profiles, tags, apps, stages, links, outcomes, reflections = [], [], [], [], [], [], []
    today = date.today()
    for user in users:
        role, skills = rng.choice(ROLES)
        profiles.append(Profile(
            user=user, current_role=role, seniority=rng.choice(["mid", "senior"]), experience_years=rng.randint(2, 12),
            skills=rng.sample(skills, k=min(4, len(skills))), target_roles=[role], work_modes=["remote"],
            employment_types=["full_time"], salary_min=rng.randrange(60_000, 140_000, 10_000), salary_currency="USD",
            eligible_regions=["Worldwide"],
        ))
        user_tags = [Tag(user=user, name=name) for name in ("dream", "remote", "referral")]
        tags.extend(user_tags)
        for k in range(rng.randint(*applications)):
            application = Application(
                user=user, company_name=f"{rng.choice(COMPANIES)}{rng.choice(SUFFIXES)}", role_title=role,
                status=rng.choice(["Applied", "Applied", "Interviewing", "Rejected", "Offer"]),
                job_type="full_time", work_mode="remote", salary_min=90_000, salary_max=130_000,
                applied_source="LinkedIn", applied_date=today - timedelta(days=k), priority="Medium",
                notes="Seeded for the load test.",
            )
            apps.append(application)
            for i in range(rng.randint(0, 3)):
                name, kind = STAGES[i]
                stages.append(ApplicationStage(
                    application=application, stage_name=name, stage_type=kind, stage_date=today - timedelta(days=k - i),
                    result="Passed", questions_asked=rng.sample(QUESTIONS, 2),
                ))
            links.append(ApplicationTag(application=application, tag=rng.choice(user_tags)))
            if application.status in {"Offer", "Rejected"}:
                outcomes.append(Outcome(application=application, status=application.status, salary=120_000))
                reflections.append(Reflection(application=application, what_worked="Preparation", skill_gaps={"gaps": ["Go"]}))
    Profile.objects.bulk_create(profiles)
    Tag.objects.bulk_create(tags)
    Application.objects.bulk_create(apps)
    for model, rows in ((ApplicationStage, stages), (ApplicationTag, links), (Outcome, outcomes), (Reflection, reflections)):
        model.objects.bulk_create(rows, batch_size=2000)
    for user in users:
        matches_refresh(user_id=user.pk)
    return users


def accounts_file(users: list, workdir: Path, *, password_logins: float = 0.25, seed: int = 8) -> Path:
    """The seeded users as locust reads them: each with tokens (a signed-in session) and, for a
    share of them, a password sign-in at the start instead (PBKDF2 is deliberately slow)."""
    from rest_framework_simplejwt.tokens import RefreshToken

    rng = random.Random(seed)
    accounts = []
    for user in users:
        refresh = RefreshToken.for_user(user)
        accounts.append({
            "email": user.email,
            "access": str(refresh.access_token),
            "refresh": str(refresh),
            "sign_in": rng.random() < password_logins,
        })
    path = workdir / "accounts.json"
    path.write_text(json.dumps({"password": PASSWORD, "accounts": accounts}))
    return path


def signing_key() -> str:
    from django.conf import settings

    return settings.SIMPLE_JWT["SIGNING_KEY"]


# --- Load ------------------------------------------------------------------------------------------


@dataclass
class EndpointFigures:
    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    rps: float


@dataclass
class LoadResult:
    users: int
    seconds: float
    total: EndpointFigures
    endpoints: list[EndpointFigures]
    failures: list[dict] = field(default_factory=list)
    exceptions: list[dict] = field(default_factory=list)
    exit_code: int = 0
    output: str = ""


def _figures(row: dict) -> EndpointFigures:
    return EndpointFigures(
        # The mix names every request "<METHOD> <path>" itself.
        name=row["Name"] if row["Name"] != "Aggregated" else "all requests",
        requests=int(row["Request Count"]),
        failures=int(row["Failure Count"]),
        p50=float(row["50%"] if row["50%"] != "N/A" else 0),
        p95=float(row["95%"] if row["95%"] != "N/A" else 0),
        rps=float(row["Requests/s"]),
    )


def _csv_rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def run_locust(*, host: str, accounts: Path, workdir: Path, users: int, spawn_rate: float, seconds: int) -> LoadResult:
    """`locust --headless` against `host` for `seconds`; figures from its CSV files."""
    prefix = workdir / "locust"
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    environment["CAREERHUB_LOAD_ACCOUNTS"] = str(accounts)
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", host,
        "-u", str(users), "-r", str(spawn_rate), "-t", f"{seconds}s", "--stop-timeout", "10",
        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", "--skip-log-setup",
    ]
    completed = subprocess.run(
        command, cwd=str(workdir), env=environment, capture_output=True, text=True, timeout=seconds + START_SECONDS + 30
    )
    if not Path(f"{prefix}_stats.csv").exists():
        raise RuntimeError(f"locust wrote no statistics (exit {completed.returncode}): {completed.stderr[-4000:]}")
    rows = _csv_rows(Path(f"{prefix}_stats.csv"))
    failures = _csv_rows(Path(f"{prefix}_failures.csv"))
    exceptions = _csv_rows(Path(f"{prefix}_exceptions.csv"))
    total = next(_figures(row) for row in rows if row["Name"] == "Aggregated")
    return LoadResult(
        users=users,
        seconds=seconds,
        total=total,
        endpoints=[_figures(row) for row in rows if row["Name"] != "Aggregated"],
        failures=failures,
        exceptions=exceptions,
        exit_code=completed.returncode,
        output=(completed.stdout + completed.stderr)[-6000:],
    )

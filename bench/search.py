"""`GET /jobs?search=` on 100,000 realistic jobs: the stored, GIN-indexed search vector against
the same query computing the vector per row, in one run.

Three figures per query:
  * endpoint, stored vector — the real request path (URL routing, DRF, the selector, JSON);
  * SQL floor — the same SQL the endpoint runs, straight through a cursor (what the database costs);
  * endpoint, computed vector — JOBS_SEARCH_STORED_VECTOR off: the same query and ranking with the
    document built by to_tsvector() on every row, i.e. without the stored column and its index.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

TITLE = "Job search (`GET /jobs?search=`)"

JOBS = 100_000
BATCH_SIZE = 2_000
STORED_SAMPLES = 60
COMPUTED_SAMPLES = 5
WARMUP = 5
TARGET_P95_MS = 50

QUERIES = [
    ("single word, common", {"search": "python"}),
    ("single word, rare", {"search": "elixir"}),
    ("multi-word", {"search": "senior backend engineer"}),
    ("phrase", {"search": '"machine learning"'}),
    ("word + filters", {"search": "python", "remote_type": "full", "min_salary": "100000"}),
    ("multi-word + filters", {"search": "react typescript", "job_type": "contract"}),
]

SENIORITY = ["", "", "Junior ", "Senior ", "Senior ", "Staff ", "Lead ", "Principal "]
ROLES = [
    ("Backend Engineer", ["Python", "Go", "PostgreSQL", "Django", "Kafka", "Redis", "AWS", "Java", "Kotlin", "Ruby on Rails", "Elixir"]),
    ("Frontend Engineer", ["React", "TypeScript", "JavaScript", "CSS", "Vue.js", "Next.js", "GraphQL"]),
    ("Full Stack Developer", ["React", "Node.js", "TypeScript", "Python", "PostgreSQL", "Django", "Ruby on Rails"]),
    ("Data Engineer", ["Python", "Spark", "Airflow", "SQL", "Kafka", "AWS", "dbt"]),
    ("Data Scientist", ["Python", "Machine Learning", "pandas", "SQL", "PyTorch", "TensorFlow"]),
    ("Machine Learning Engineer", ["Python", "PyTorch", "Machine Learning", "Kubernetes", "LLMs", "NLP"]),
    ("DevOps Engineer", ["Kubernetes", "Terraform", "AWS", "Docker", "Linux", "CI/CD", "Ansible"]),
    ("Site Reliability Engineer", ["Kubernetes", "Go", "Linux", "Prometheus", "AWS", "Terraform"]),
    ("iOS Developer", ["Swift", "iOS", "Objective-C", "Xcode"]),
    ("Android Developer", ["Kotlin", "Android", "Java"]),
    ("Mobile Engineer", ["React Native", "TypeScript", "Swift", "Kotlin"]),
    ("Security Engineer", ["Security", "AWS", "Python", "Linux"]),
    ("QA Engineer", ["Cypress", "Playwright", "Python", "Selenium"]),
    ("Product Designer", ["Figma", "UX", "UI", "Design Systems"]),
    ("Product Manager", ["Product Management", "Agile", "SQL", "Analytics"]),
    ("Engineering Manager", ["Leadership", "Agile", "Hiring", "Python", "Java"]),
    ("Technical Writer", ["Documentation", "Markdown", "APIs"]),
    ("Customer Support Specialist", ["Zendesk", "Customer Support", "English"]),
    ("Sales Development Representative", ["Salesforce", "Sales", "HubSpot"]),
    ("Marketing Manager", ["SEO", "Content", "Google Analytics", "HubSpot"]),
    ("Embedded Software Engineer", ["C", "C++", "Rust", "Linux", "RTOS"]),
    ("Blockchain Developer", ["Solidity", "Rust", "Go", "Ethereum"]),
    ("Game Developer", ["C++", "Unity", "C#", "Unreal Engine"]),
    ("Database Administrator", ["PostgreSQL", "MySQL", "Linux", "SQL"]),
]
SYLLABLES = ["ac", "me", "glo", "bex", "ini", "tech", "umb", "rel", "la", "sky", "net", "vor", "tex", "nova", "quan", "tum", "pix", "el", "zen", "do", "hub", "ly", "ora", "flux"]
SUFFIXES = ["", "", " Inc.", " Labs", " Technologies", " GmbH", " Ltd", " Systems", " AI", " Health", " Capital"]
INTROS = [
    "{company} is building the operating system for {domain}. We are a remote-first team of {size} people across {regions}.",
    "At {company} we help {domain} teams move faster. Since our Series {series} we have grown to {size} people.",
    "{company} makes software that {domain} companies rely on every day, used by more than {users} customers worldwide.",
]
ROLE_LINES = [
    "As a {title} you will design, build and operate services used by thousands of customers.",
    "You will own features end to end, from the first design document to monitoring in production.",
    "You will work closely with product, design and support, and mentor other engineers on the team.",
    "You will join a small team that ships every day and cares about code review, testing and documentation.",
]
REQUIREMENTS = [
    "{years}+ years of professional experience with {skill_a} and {skill_b}.",
    "Hands-on experience running {skill_a} in production.",
    "Comfortable with {skill_b} and {skill_c}; experience with {skill_d} is a plus.",
    "Strong written communication: we work asynchronously across time zones.",
    "You have shipped and maintained systems that real users depend on.",
]
BENEFITS = [
    "Competitive salary and equity, a home-office budget and a yearly learning stipend.",
    "Flexible hours, 30 days of paid time off and a company retreat every year.",
    "Private health insurance, parental leave and a four-day week in summer.",
    "We are unable to sponsor visas for this role.",
    "Visa sponsorship is available for exceptional candidates.",
]
DOMAINS = ["logistics", "healthcare", "fintech", "climate", "e-commerce", "education", "insurance", "media", "legal", "real estate"]
LOCATIONS = [("Worldwide", ["Worldwide"]), ("USA Only", ["US"]), ("Europe", ["EU"]), ("Remote - US or Canada", ["US", "Canada"]), ("UK", ["UK"]), ("Americas", ["US", "LATAM"])]


def _company(rng: random.Random) -> str:
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return name + rng.choice(SUFFIXES)


def _job(rng: random.Random, n: int, companies: list[str], now: datetime):
    from jobs.models import Job

    role, skills = rng.choice(ROLES)
    title = f"{rng.choice(SENIORITY)}{role}"
    company = rng.choice(companies)
    tags = rng.sample(skills, k=min(len(skills), rng.randint(3, 6)))
    pick = lambda: rng.choice(skills)  # noqa: E731
    paragraphs = [
        rng.choice(INTROS).format(company=company, domain=rng.choice(DOMAINS), size=rng.randint(8, 900), regions="Europe and the Americas", series=rng.choice("ABCD"), users=rng.randint(100, 90000)),
        " ".join(line.format(title=title) for line in rng.sample(ROLE_LINES, 3)),
        "What we are looking for:\n" + "\n".join(
            "- " + line.format(years=rng.randint(2, 8), skill_a=pick(), skill_b=pick(), skill_c=pick(), skill_d=pick())
            for line in rng.sample(REQUIREMENTS, 4)
        ),
        " ".join(rng.sample(BENEFITS, 2)),
    ]
    has_salary = rng.random() < 0.6
    low = rng.randrange(50_000, 200_000, 5_000) if has_salary else None
    location, regions = rng.choice(LOCATIONS)
    return Job(
        source=rng.choice(["remoteok", "weworkremotely", "greenhouse", "lever"]),
        source_id=f"bench-{n}",
        url=f"https://jobs.example.com/{n}",
        title=title,
        company=company,
        description="\n\n".join(paragraphs),
        salary_min=low,
        salary_max=low + rng.randrange(10_000, 60_000, 5_000) if low else None,
        salary_currency="USD" if low else "",
        location=location,
        remote_type=rng.choices(["remote", "hybrid", "onsite"], weights=[7, 2, 1])[0],
        job_type=rng.choices(["full_time", "contract", "part_time", "freelance"], weights=[8, 2, 1, 1])[0],
        tags=tags,
        eligible_regions=regions,
        posted_at=now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1440)),
        scraped_at=now - timedelta(days=rng.randint(0, 30), seconds=rng.randint(0, 86400)),
        raw_data={"id": n},
    )


def load(count: int) -> float:
    from django.db import connection

    from jobs.models import Job

    rng = random.Random(20241218)
    companies = [_company(rng) for _ in range(max(50, count // 25))]
    now = datetime.now(UTC)
    started = time.monotonic()
    for start in range(0, count, BATCH_SIZE):
        Job.objects.bulk_create(_job(rng, n, companies, now) for n in range(start, min(count, start + BATCH_SIZE)))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE jobs_job")
    return time.monotonic() - started


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def _time_requests(client, params: dict, samples: int) -> tuple[list[float], dict]:
    body = {}
    for _ in range(WARMUP if samples > WARMUP else 1):
        client.get("/api/v1/jobs", params)
    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        response = client.get("/api/v1/jobs", params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
        body = response.json()
    return timings, body


def _sql_of(params: dict) -> tuple[str, tuple]:
    """The SQL the endpoint runs for these parameters (the selector's queryset, paginated)."""
    from django.http import QueryDict

    from careerhub.api.pagination import count_subquery
    from jobs import selectors
    from jobs.api.serializers.jobs import JobListQuerySerializer

    # As the view gets them: query parameters are text (a plain dict would be read as JSON types)
    query = JobListQuerySerializer(data=QueryDict(urlencode(params)))
    query.is_valid(raise_exception=True)
    filters = {key: value for key, value in query.validated_data.items() if value not in ("", None)}
    jobs = selectors.job_list(viewer=None, **filters)
    return jobs.annotate(paging_total=count_subquery(jobs))[:50].query.sql_with_params()


def _time_sql(sql: str, sql_params: tuple, samples: int) -> list[float]:
    from django.db import connection

    timings = []
    with connection.cursor() as cursor:
        for _ in range(WARMUP):
            cursor.execute(sql, sql_params)
            cursor.fetchall()
        for _ in range(samples):
            started = time.perf_counter()
            cursor.execute(sql, sql_params)
            cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def _plan_uses_index(sql: str, sql_params: tuple) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, sql_params)
        return any("job_search_vector_gin" in row[0] for row in cursor.fetchall())


def run(context) -> str:
    from django.test import Client
    from django.test.utils import override_settings

    count = JOBS // 10 if context.quick else JOBS
    load_before = os.getloadavg()[0]
    print(f"[bench] search: loading {count:,} jobs", flush=True)
    load_seconds = load(count)
    client = Client()

    rows = []
    worst_p95 = 0.0
    for label, params in QUERIES:
        print(f"[bench] search: {label} {params}", flush=True)
        stored, body = _time_requests(client, params, STORED_SAMPLES)
        sql, sql_params = _sql_of(params)
        floor = _time_sql(sql, sql_params, STORED_SAMPLES)
        uses_index = _plan_uses_index(sql, sql_params)
        with override_settings(JOBS_SEARCH_STORED_VECTOR=False):
            computed, computed_body = _time_requests(client, params, COMPUTED_SAMPLES)
        assert computed_body["total"] == body["total"], "the computed vector must find the same jobs"
        s50, s95 = _percentiles(stored)
        f50, f95 = _percentiles(floor)
        c50, c95 = _percentiles(computed)
        worst_p95 = max(worst_p95, s95)
        print(f"[bench] search:   stored p50/p95 {s50:.1f}/{s95:.1f} ms, floor {f50:.1f}/{f95:.1f}, computed {c50:.0f}/{c95:.0f}", flush=True)
        rows.append(
            f"| {label} | `{_describe(params)}` | {body['total']:,} | {s50:.1f} / {s95:.1f} | {f50:.1f} / {f95:.1f} "
            f"| {c50:.0f} / {c95:.0f} | **{c95 / s95:.0f}×** | {'yes' if uses_index else 'no'} |"
        )

    print("[bench] search: newest-first listing without search", flush=True)
    listing, listing_body = _time_requests(client, {}, STORED_SAMPLES)
    l50, l95 = _percentiles(listing)
    verdict = "met" if worst_p95 < TARGET_P95_MS else "missed"
    load_after = os.getloadavg()[0]
    return "\n".join(
        [
            f"## {TITLE}",
            "",
            f"{count:,} generated jobs (24 roles × seniorities, ~{max(50, count // 25):,} companies, 3–6 tags, "
            "~1.3 kB descriptions of four paragraphs, 60 % with a salary), inserted with `bulk_create` in "
            f"{load_seconds:.0f} s (PostgreSQL computing the generated `search_vector` column on insert), then "
            "`VACUUM ANALYZE`. Requests go through Django's test client: URL routing, DRF, the selector, the "
            f"serializer and JSON rendering, on one connection, no network. {STORED_SAMPLES} timed requests per "
            f"query after {WARMUP} warm-up ones; {COMPUTED_SAMPLES} after one warm-up for the computed vector (each scans every row). "
            "Anonymous requests, default page of 50; every figure includes counting the total, in the same statement.",
            "",
            f"Machine load (1-minute average) {load_before:.1f} before and {load_after:.1f} after, on "
            f"{os.cpu_count()} CPUs: when it is above the CPU count, other work shared the machine and the "
            "milliseconds are inflated (the ratios much less so).",
            "",
            "Milliseconds, p50 / p95:",
            "",
            "| query | parameters | matches | endpoint, stored vector + GIN | SQL floor (same SQL, cursor) | endpoint, vector computed per row | p95 ratio | plan uses GIN |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | :---: |",
            *rows,
            "",
            f"Newest-first listing without `search` (`GET /jobs`, total {listing_body['total']:,}): p50 {l50:.1f} ms, p95 {l95:.1f} ms.",
            "",
            f"**Target p95 < {TARGET_P95_MS} ms at {JOBS:,} jobs: {verdict}** (worst search p95 {worst_p95:.1f} ms).",
            "",
            "### Why these numbers",
            "",
            "- The stored column turns a search into an index lookup: `websearch_to_tsquery` against the GIN index",
            "  finds the matching rows without reading the others, where the computed vector has to run",
            "  `to_tsvector` over every title, tag list and description on every request (the ratio column).",
            "- What remains grows with the number of *matches*, not of jobs. Ranking by relevance needs `ts_rank`",
            "  for every match (the best 50 are only known once all are scored), and the total counts every match.",
            "  A selective query (a rare skill, several words, a phrase) stays far under the target; a word found",
            "  in a large share of all postings (`python`, in about 29 % of these) costs the most, and on this",
            "  2-CPU machine that is where the target is missed. The SQL floor column shows it is the database's",
            "  work; the API layer (DRF, serialising 50 jobs with their descriptions) adds a few milliseconds.",
            "- Two changes made here, measured on this data: the vector is kept in the row (`STORAGE MAIN`,",
            "  migration 0002) — left to TOAST, every match detoasted its vector and a common word cost ~4× more;",
            "  and the total is a scalar subquery, not the shared envelope's window count, which made PostgreSQL",
            "  buffer every matching row, descriptions included, before returning the first (~1.5× on `python`).",
            "- For a word in ~29 % of all rows the planner reads the table sequentially rather than through the",
            "  index (\"plan uses GIN: no\"), correctly: visiting a third of the pages via a bitmap costs more.",
            "- Filters are applied after the index lookup (they are not in the GIN index), so a filtered common",
            "  word still scores every match of the word.",
            "- Not done, and why: exact ranking of tens of thousands of matches inside 50 ms needs an index that",
            "  returns rows in rank order (the RUM extension), which is not part of a stock PostgreSQL.",
            "",
        ]
    )


def _describe(params: dict) -> str:
    return "&".join(f"{key}={value}" for key, value in params.items())

"""Realistic synthetic jobs and job seekers, loaded with COPY (a million jobs in minutes).

Jobs: ~50 role titles over 20 role families with seniorities, ~1 company per 25 jobs, 3–6 skill
tags, ~150-word descriptions of five parts (who the company is, the role, requirements naming
skills and years, two or three sentences of everyday business prose drawn from a Zipf-distributed
vocabulary of common and rare words, benefits), 60 % with a salary in USD, EUR or GBP, a location
with its regions, a work mode, an employment type, posted and scraped dates over two months.

The matching columns are filled the cheap way for bulk rows (tags as skills, the role's family and
level, regions as places); `with_features=True` computes them with the real ingestion code
(jobs.matching.features.job_feature_values, ~1 ms a job), which the fan-out benchmark uses for the
jobs it scores.

Loading drops the table's secondary indexes, COPYs the rows and builds the indexes again from
their own definitions, so the schema measured is exactly the migrated one.
"""

from __future__ import annotations

import itertools
import json
import random
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

# (title, family, level offset, skills); "engineer" is in about 28 % of all jobs, as on real boards.
ROLES = [
    ("Backend Engineer", "software_engineering", ["Python", "Go", "PostgreSQL", "Django", "Kafka", "Redis", "AWS", "Java", "Kotlin", "Ruby on Rails", "Elixir"]),
    ("Frontend Developer", "software_engineering", ["React", "TypeScript", "JavaScript", "CSS", "Vue.js", "Next.js", "GraphQL"]),
    ("Full Stack Developer", "software_engineering", ["React", "Node.js", "TypeScript", "Python", "PostgreSQL", "Django", "Ruby on Rails"]),
    ("Software Developer", "software_engineering", ["Java", "C#", ".NET", "SQL", "Azure", "Python"]),
    ("iOS Developer", "software_engineering", ["Swift", "iOS", "Objective-C", "Xcode"]),
    ("Android Developer", "software_engineering", ["Kotlin", "Android", "Java"]),
    ("Data Engineer", "data_engineering", ["Python", "Spark", "Airflow", "SQL", "Kafka", "AWS", "dbt"]),
    ("Data Scientist", "data_science_ml", ["Python", "Machine Learning", "pandas", "SQL", "PyTorch", "TensorFlow"]),
    ("Machine Learning Engineer", "data_science_ml", ["Python", "PyTorch", "Machine Learning", "Kubernetes", "LLMs", "NLP"]),
    ("Data Analyst", "data_analytics", ["SQL", "Tableau", "Excel", "Python", "Looker"]),
    ("DevOps Engineer", "devops_sre_platform", ["Kubernetes", "Terraform", "AWS", "Docker", "Linux", "CI/CD", "Ansible"]),
    ("Site Reliability Engineer", "devops_sre_platform", ["Kubernetes", "Go", "Linux", "Prometheus", "AWS", "Terraform"]),
    ("Security Engineer", "security", ["Security", "AWS", "Python", "Linux", "SIEM"]),
    ("QA Analyst", "qa", ["Cypress", "Playwright", "Python", "Selenium"]),
    ("Product Designer", "design", ["Figma", "UX", "UI", "Design Systems"]),
    ("UX Researcher", "design", ["User Research", "UX", "Figma", "Usability Testing"]),
    ("Product Manager", "product_management", ["Product Management", "Agile", "SQL", "Analytics", "Roadmapping"]),
    ("Engineering Manager", "engineering_management", ["Leadership", "Agile", "Hiring", "Python", "Java"]),
    ("Project Manager", "program_project_management", ["Project Management", "Agile", "Scrum", "Jira"]),
    ("Technical Writer", "technical_writing", ["Documentation", "Markdown", "APIs"]),
    ("Customer Success Manager", "customer_success", ["Customer Success", "Salesforce", "Zendesk", "Onboarding"]),
    ("Customer Support Specialist", "customer_success", ["Zendesk", "Customer Support", "Intercom"]),
    ("Account Executive", "sales", ["Salesforce", "Sales", "HubSpot", "Negotiation"]),
    ("Sales Development Representative", "sales", ["Salesforce", "Sales", "HubSpot", "Outreach"]),
    ("Marketing Manager", "marketing", ["SEO", "Content Marketing", "Google Analytics", "HubSpot"]),
    ("Product Marketing Manager", "marketing", ["Product Marketing", "Positioning", "Content Marketing"]),
    ("Recruiter", "recruiting", ["Recruiting", "Sourcing", "Greenhouse", "Interviewing"]),
    ("People Partner", "people_hr", ["HR", "Employee Relations", "Workday"]),
    ("Financial Analyst", "finance", ["Excel", "Financial Modeling", "FP&A", "SQL"]),
    ("Accountant", "finance", ["Accounting", "Excel", "NetSuite", "GAAP"]),
    ("Operations Manager", "operations", ["Operations", "Excel", "Process Improvement", "Logistics"]),
    ("Mechanical Engineer", "industrial_engineering", ["CAD", "SolidWorks", "Mechanical Design", "GD&T"]),
    ("Developer Advocate", "devrel", ["Public Speaking", "Python", "JavaScript", "APIs"]),
    ("IT Support Specialist", "it_support", ["IT Support", "Windows", "Active Directory", "Networking"]),
    ("Legal Counsel", "legal", ["Contracts", "Compliance", "Privacy"]),
]
# How often each role is posted (software and data roles dominate job boards).
ROLE_WEIGHTS = [9, 7, 6, 4, 2, 2, 4, 3, 3, 3, 3, 2, 2, 2, 3, 1, 4, 2, 2, 1, 3, 3, 3, 3, 3, 2, 2, 1, 2, 2, 2, 1, 1, 1, 1]
SENIORITY = [("", None), ("", None), ("Junior ", 1), ("Senior ", 3), ("Senior ", 3), ("Staff ", 4), ("Lead ", 4), ("Principal ", 5)]
ROLE_LEVEL = 2
SYLLABLES = ["ac", "me", "glo", "bex", "ini", "tech", "umb", "rel", "la", "sky", "net", "vor", "tex", "nova", "quan", "tum", "pix",
             "el", "zen", "do", "hub", "ly", "ora", "flux", "mar", "sol", "ti", "ka", "ver", "io"]
SUFFIXES = ["", "", " Inc.", " Labs", " Technologies", " GmbH", " Ltd", " Systems", " AI", " Health", " Capital"]
DOMAINS = ["logistics", "healthcare", "fintech", "climate", "e-commerce", "education", "insurance", "media", "legal", "real estate",
           "travel", "gaming", "payments", "biotech", "retail"]
INTROS = [
    "{company} is building the operating system for {domain}. We are a remote-first team of {size} people across {regions}.",
    "At {company} we help {domain} companies move faster. Since our Series {series} we have grown to {size} people.",
    "{company} makes software that {domain} businesses rely on every day, used by more than {users} customers worldwide.",
    "Founded in {year}, {company} brings modern tools to {domain}. We are profitable, independent and growing.",
]
ROLE_LINES = [
    "As our {title} you will design, build and operate what thousands of customers use every day.",
    "You will own your work end to end, from the first written proposal to measuring the outcome with customers.",
    "You will work closely with product, design and support, and help new colleagues find their feet.",
    "You will join a small team that ships often and cares about review, testing and clear documentation.",
    "You will report to the head of the department and shape how the team works as it grows.",
    "You will talk to customers every week and turn what you learn into concrete improvements.",
]
REQUIREMENTS = [
    "{years}+ years of professional experience with {skill_a} and {skill_b}.",
    "Hands-on experience with {skill_a} in a fast-moving company.",
    "Comfortable with {skill_b} and {skill_c}; experience with {skill_d} is a plus.",
    "Strong written communication: we work asynchronously across time zones.",
    "You have delivered results that real customers depend on.",
]
BENEFITS = [
    "Competitive salary and equity, a home-office budget and a yearly learning stipend.",
    "Flexible hours, 30 days of paid time off and a company retreat every year.",
    "Private health insurance, parental leave and a four-day week in summer.",
    "We are unable to sponsor visas for this role.",
    "Visa sponsorship is available for exceptional candidates.",
]
# Everyday business prose: common words most postings share and rarer ones few do (Zipf, s ≈ 1.1).
COMMON_TEXT = (
    "team customers product company work growth impact build support quality process clear goals culture people "
    "projects market data results tools platform service experience solutions users values ownership priorities "
    "mission feedback learning career trust collaboration problems decisions partners strategy roadmap budget "
    "reports planning metrics delivery launch global local office remote hybrid schedule weekly monthly quarterly "
    "improve deliver measure review design manage plan share grow learn lead focus scale ship test write explain "
    "simple reliable thoughtful curious pragmatic friendly diverse inclusive ambitious independent careful honest"
)
COMMON_WORDS = COMMON_TEXT.split()
RARE_ROOTS = ["quor", "vesti", "malo", "drin", "pel", "tavo", "zur", "cand", "orvi", "besk", "yalm", "frel", "ost", "gwin", "plex",
              "thra", "umi", "senn", "kalv", "rhod", "ibex", "noct", "varu", "lisk"]
RARE_ENDINGS = ["a", "o", "en", "ix", "um", "ar", "ine", "ette", "ory", "al", "ist", "ous"]
LOCATIONS = [
    ("Worldwide", ["WORLDWIDE"], "remote"), ("Remote - USA only", ["US"], "remote"), ("Remote, Europe", ["EU"], "remote"),
    ("Remote - US or Canada", ["US", "CA"], "remote"), ("London, UK (Hybrid)", ["GB"], "hybrid"), ("Berlin, Germany", ["DE"], "onsite"),
    ("New York, NY", ["US"], "hybrid"), ("Toronto, Canada", ["CA"], "hybrid"), ("Remote - Americas", ["AMERICAS"], "remote"),
    ("Amsterdam, Netherlands (Hybrid)", ["NL"], "hybrid"), ("San Francisco, CA", ["US"], "onsite"), ("Remote, UK", ["GB"], "remote"),
]
SOURCES = ["remoteok", "weworkremotely", "greenhouse", "lever", "ashby", "workable"]


def _company(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() + rng.choice(SUFFIXES)


def _prose(rng: random.Random, count: int) -> list[str]:
    """`count` sentences of 8–14 words, Zipf-distributed over common words and ~2,900 rare ones."""
    rare = [root + ending + suffix for root in RARE_ROOTS for ending in RARE_ENDINGS for suffix in ("", "s", "er", "ing", "ic", "ward", "ton", "ley", "ia", "ane")]
    vocabulary = COMMON_WORDS + rare
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(vocabulary))]
    cumulative = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    sentences = []
    for _ in range(count):
        words = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(8, 14))
        sentences.append(" ".join(words).capitalize() + ".")
    return sentences


class JobGenerator:
    """Deterministic rows of jobs_job (as dicts of column → Python value)."""

    def __init__(self, count: int, *, seed: int = 20241218, now: datetime | None = None, prefix: str = "bench"):
        self.rng = random.Random(seed)
        self.count = count
        self.prefix = prefix
        self.now = now or datetime.now(UTC)
        self.companies = [_company(self.rng) for _ in range(max(50, count // 25))]
        self.prose = _prose(self.rng, 20_000)

    def _description(self, title: str, company: str, skills: list[str]) -> str:
        rng = self.rng
        pick = lambda: rng.choice(skills)  # noqa: E731
        intro = rng.choice(INTROS).format(
            company=company, domain=rng.choice(DOMAINS), size=rng.randint(8, 900), regions="Europe and the Americas",
            series=rng.choice("ABCD"), users=rng.randint(100, 90000), year=rng.randint(2005, 2023),
        )
        role = " ".join(line.format(title=title) for line in rng.sample(ROLE_LINES, 2))
        requirements = "What we are looking for:\n" + "\n".join(
            "- " + line.format(years=rng.randint(2, 8), skill_a=pick(), skill_b=pick(), skill_c=pick(), skill_d=pick())
            for line in rng.sample(REQUIREMENTS, 3)
        )
        prose = " ".join(rng.choice(self.prose) for _ in range(rng.randint(2, 3)))
        return "\n\n".join([intro, role, requirements, prose, " ".join(rng.sample(BENEFITS, 2))])

    def job(self, n: int) -> dict:
        rng = self.rng
        role, family, skills = rng.choices(ROLES, weights=ROLE_WEIGHTS)[0]
        prefix, level = rng.choice(SENIORITY)
        title = f"{prefix}{role}"
        company = rng.choice(self.companies)
        tags = rng.sample(skills, k=min(len(skills), rng.randint(3, 6)))
        has_salary = rng.random() < 0.6
        currency = rng.choices(["USD", "EUR", "GBP"], weights=[6, 3, 1])[0] if has_salary else ""
        low = rng.randrange(40_000, 200_000, 5_000) if has_salary else None
        location, regions, mode = rng.choice(LOCATIONS)
        job_type = rng.choices(["full_time", "contract", "part_time", "freelance"], weights=[8, 2, 1, 1])[0]
        sponsorship = rng.choices(["unknown", "yes", "no"], weights=[6, 1, 2])[0]
        scraped = self.now - timedelta(days=rng.randint(0, 30), seconds=rng.randint(0, 86400))
        return {
            "source": rng.choice(SOURCES),
            "source_id": f"{self.prefix}-{n}",
            "url": f"https://jobs.example.com/{self.prefix}/{n}",
            "title": title,
            "company": company,
            "description": self._description(title, company, skills),
            "salary_min": low,
            "salary_max": low + rng.randrange(10_000, 60_000, 5_000) if low else None,
            "salary_currency": currency,
            "location": location,
            "remote_type": mode,
            "job_type": job_type,
            "tags": tags,
            "eligible_regions": [r for r in regions if r != "WORLDWIDE"] or ["Worldwide"],
            "visa_sponsorship": {"yes": 1, "no": 0}.get(sponsorship),
            "posted_at": scraped - timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 1440)),
            "scraped_at": scraped,
            "raw_data": {"id": n},
            "source_attribution": "",
            "skills": tags,
            "required_years": None,
            "industries": [],
            "eligibility": {},
            "places": regions,
            "cities": [],
            "work_mode": mode,
            "employment_types": [job_type],
            "sponsorship": sponsorship,
            "authorization": "",
            "seniority_level": level if level is not None else ROLE_LEVEL,
            "role_family": family,
            "role_specialism": "",
            "travel": False,
            "owner_id": None,
            "duplicate_of_id": None,
            "dedupe_key": f"{company.lower()}|{title.lower()}|{n}",
            # Freshness (issue 18): every generated job is open, first and last seen when it was scraped.
            "first_seen_at": scraped,
            "last_seen_at": scraped,
            "closed_at": None,
            "board": "",
            "missed_listings": 0,
            "repost_of_id": None,
            "repost_count": 0,
            "repost_key": f"{company.lower()}|{title.lower()}|{location.lower()}|{n}",
            "created_at": scraped,
            "updated_at": scraped,
        }

    def rows(self, start: int = 0, stop: int | None = None, *, with_features: bool = False) -> Iterator[dict]:
        for n in range(start, self.count if stop is None else stop):
            row = self.job(n)
            if with_features:
                row.update(real_features(row))
            yield row


def real_features(row: dict) -> dict:
    """The matching columns as ingestion computes them (the posting reader on the title, location and text)."""
    from jobs.matching.features import job_feature_values

    return job_feature_values(
        title=row["title"], description=row["description"], tags=row["tags"], company=row["company"], location=row["location"],
        remote_type=row["remote_type"], job_type=row["job_type"], eligible_regions=row["eligible_regions"],
        visa_sponsorship=row["visa_sponsorship"],
    )


# --- COPY ----------------------------------------------------------------------------------------------


def _copy_value(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return value


def _secondary_indexes(cursor, table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the table's indexes that no constraint owns."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = %s::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
        """,
        [table],
    )
    return list(cursor.fetchall())


def copy_rows(table: str, rows: Iterator[dict], *, rebuild_indexes: bool = True, timings: dict | None = None) -> int:
    """COPY dict rows into `table` (columns from the first row); the table's secondary indexes are
    dropped first and built again afterwards when `rebuild_indexes`. Returns the number of rows;
    `timings` receives the seconds spent copying and indexing."""
    from django.db import connection, transaction

    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    columns = list(first)
    count = 0
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        indexes = _secondary_indexes(cursor, table) if rebuild_indexes else []
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        # Foreign keys are checked as rows arrive, not deferred to commit, so the indexes can be built inside the transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        quoted = ", ".join(f'"{column}"' for column in columns)
        with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for item in itertools.chain([first], rows):
                copy.write_row([_copy_value(item[column]) for column in columns])
                count += 1
        copied = time.monotonic()
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            cursor.execute(definition)
    if timings is not None:
        timings.update(copy=copied - started, index=time.monotonic() - copied)
    return count


def load_jobs(count: int, *, seed: int = 20241218, prefix: str = "bench") -> dict:
    """COPY `count` generated jobs into jobs_job, rebuild its indexes, VACUUM ANALYZE.

    Returns the seconds of each phase (copy: generating and COPY, with PostgreSQL computing the
    search vector of every row; index: building the secondary indexes; vacuum) and `total`.
    """
    from django.db import connection

    started = time.monotonic()
    timings: dict = {}
    copy_rows("jobs_job", JobGenerator(count, seed=seed, prefix=prefix).rows(), timings=timings)
    vacuum = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE jobs_job")
    timings["vacuum"] = time.monotonic() - vacuum
    timings["total"] = time.monotonic() - started
    return timings


def new_uuid() -> str:
    return str(uuid.uuid4())


# --- Job seekers ----------------------------------------------------------------------------------

# Where job seekers live: (country, cities, eligible regions, share); 1 in 8 needs a visa.
HOMES = [
    ("US", ["New York", "San Francisco", "Austin", "Seattle", "Chicago", "Boston", "Denver"], ["US"], 38),
    ("GB", ["London", "Manchester", "Edinburgh"], ["UK"], 10),
    ("DE", ["Berlin", "Munich", "Hamburg"], ["EU"], 9),
    ("NL", ["Amsterdam", "Rotterdam"], ["EU"], 4),
    ("FR", ["Paris", "Lyon"], ["EU"], 5),
    ("ES", ["Madrid", "Barcelona"], ["EU"], 4),
    ("PT", ["Lisbon", "Porto"], ["EU"], 3),
    ("PL", ["Warsaw", "Krakow"], ["EU"], 4),
    ("CA", ["Toronto", "Vancouver", "Montreal"], ["Canada"], 7),
    ("IN", ["Bangalore", "Pune", "Hyderabad"], ["India"], 8),
    ("BR", ["Sao Paulo", "Rio de Janeiro"], ["Brazil"], 4),
    ("AU", ["Sydney", "Melbourne"], ["Australia"], 4),
]
PROFILE_SENIORITY = [("junior", 1, 0, 2), ("mid-level", 2, 2, 5), ("senior", 3, 5, 10), ("staff", 4, 8, 14), ("lead", 4, 7, 12)]
SALARY_BY_LEVEL = {1: 55_000, 2: 80_000, 3: 110_000, 4: 140_000}
CURRENCY = {"US": "USD", "GB": "GBP", "CA": "USD", "IN": "USD", "BR": "USD", "AU": "USD"}


class SeekerGenerator:
    """Deterministic job seekers: a user row and a profile row each, like people who filled in the profile pages."""

    def __init__(self, count: int, *, seed: int = 7, prefix: str = "seeker"):
        self.rng = random.Random(seed)
        self.count = count
        self.prefix = prefix

    def seeker(self, n: int, now: datetime) -> tuple[dict, dict]:
        rng = self.rng
        user_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        role, _family, skills = rng.choices(ROLES, weights=ROLE_WEIGHTS)[0]
        other, _, other_skills = rng.choices(ROLES, weights=ROLE_WEIGHTS)[0]
        seniority, level, low_years, high_years = rng.choice(PROFILE_SENIORITY)
        country, cities, regions, _ = rng.choices(HOMES, weights=[home[3] for home in HOMES])[0]
        needs_visa = rng.random() < 0.125
        preferred = rng.sample(["US", "Germany", "Netherlands", "United Kingdom", "Canada", "Spain"], k=rng.randint(0, 2))
        minimum = SALARY_BY_LEVEL[level] + rng.randrange(-10_000, 30_000, 5_000) if rng.random() < 0.7 else None
        user = {
            "id": user_id,
            "password": "!",
            "last_login": None,
            "is_superuser": False,
            "email": f"{self.prefix}{n}@example.com",
            "username": f"{self.prefix}{n}",
            "display_name": f"Seeker {n}",
            "bio": "",
            "profile_visibility": "public",
            "timezone": "UTC",
            "streak_days": 0,
            "last_active_date": None,
            "is_active": True,
            "is_staff": False,
            "created_at": now,
            "updated_at": now,
        }
        profile = {
            "current_role": f"{seniority.split('-')[0].title()} {role}" if level >= 3 else role,
            "seniority": seniority,
            "experience_years": rng.randint(low_years, high_years),
            "skills": rng.sample(skills, k=min(len(skills), rng.randint(3, 6))) + rng.sample(other_skills, k=1),
            "target_roles": [role] + ([other] if rng.random() < 0.3 else []),
            "work_modes": rng.choice([["remote"], ["remote"], ["remote", "hybrid"], ["hybrid", "onsite"], []]),
            "employment_types": rng.choice([["full_time"], ["full_time"], ["full_time", "contract"], ["contract", "freelance"], []]),
            "open_to_other_job_types": rng.random() < 0.1,
            "salary_min": minimum,
            "salary_currency": CURRENCY.get(country, "EUR"),
            "preferred_countries": preferred,
            "eligible_regions": regions if not needs_visa else [],
            "needs_visa_sponsorship": needs_visa,
            "location_country": country,
            "location_city": rng.choice(cities),
        }
        return user, profile


def load_seekers(count: int, *, seed: int = 7, prefix: str = "seeker", batch: int = 5_000) -> list:
    """Users with a profile each, COPYed in batches (defaults filled by the models); returns their ids."""
    from django.db import connection

    from accounts.models import User
    from profiles.models import Profile

    generator = SeekerGenerator(count, seed=seed, prefix=prefix)
    now = datetime.now(UTC)
    ids = []
    for start in range(0, count, batch):
        users, profiles = [], []
        for n in range(start, min(count, start + batch)):
            user, profile = generator.seeker(n, now)
            users.append(User(**user))
            profiles.append(Profile(user_id=user["id"], **profile))
            ids.append(user["id"])
        copy_rows("accounts_user", (_columns(user, connection) for user in users), rebuild_indexes=False)
        copy_rows("profiles_profile", (_columns(profile, connection) for profile in profiles), rebuild_indexes=False)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE accounts_user")
        cursor.execute("VACUUM ANALYZE profiles_profile")
    return ids


def _columns(instance, connection) -> dict:
    """column -> database value of a model instance (its defaults included), for COPY."""
    values = {}
    for field in instance._meta.concrete_fields:
        value = field.pre_save(instance, True)  # auto_now(_add) dates are set here
        if field.get_internal_type() == "JSONField":
            values[field.column] = value
        else:
            values[field.column] = field.get_db_prep_save(value, connection)
    return values

"""The demo set's job postings, written in each board's own item shape and read by its real parser.

`demo_postings()` combines the made-up companies, roles, levels and places of data/demo.json into
a few hundred postings the way each board publishes them — Remote OK's lowercase tags and USD
ranges, Remotive's "$120k - $150k", Himalayas' location restrictions, Jobicy's `jobGeo`,
Arbeitnow's German titles and "Gehalt" lines, and the Greenhouse, Lever and Ashby boards of
fifteen companies with offices in twenty-odd countries, remote, hybrid and on-site. Each item goes
through its source's own `parse_item`, exactly as a scrape would, so the stored jobs carry the
same normalisation, eligibility and skills as real ones.

The choices come from a seeded random generator, so every run produces the same postings with the
same ids (a second run updates them instead of adding more). Every item carries
`"careerhub_demo": true` in its raw data and a link under `https://demo.careerhub.invalid/`, and
every description ends with the demo label.
"""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from jobs.sources import get_source
from jobs.sources.base import Posting, SourceBatch

DATA_FILE = Path(__file__).parent / "data" / "demo.json"
# The raw-data key that marks a job as the demo set's (and lets --remove find it).
DEMO_MARKER = "careerhub_demo"
# Of every posting, how many state no salary at all (as many real ones do).
SHARE_WITHOUT_SALARY = 0.3
NON_ENGINEERING_LEVELS = ("Junior", "", "Senior", "Lead")
# Regions (the `remote_regions` texts) paid in euros or pounds rather than dollars.
EURO_REGIONS = ("Europe", "EMEA", "Germany", "Portugal, Spain")
POUND_REGIONS = ("UK",)
REGIONAL_PAY = 0.6
# Boards that list remote jobs only; the others list a company's offices too.
REMOTE_BOARDS = ("remoteok", "remotive", "himalayas", "jobicy")
ARBEITNOW_PLACES = ("berlin", "munich", "hamburg", "vienna", "amsterdam")


@lru_cache(maxsize=1)
def demo_data() -> dict[str, Any]:
    """data/demo.json, read once."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class DemoJob:
    """One posting to write, before it takes a board's shape."""

    number: int
    source: str
    company: str
    token: str  # the board token of a company board ("" on the aggregators)
    industry: str
    title: str
    skills: tuple[str, ...]
    level_tag: str
    years: int
    work_mode: str  # remote | hybrid | onsite
    place: dict[str, Any] | None  # the office (and the pay's country); none for the remote boards' jobs
    region: dict[str, Any] | None  # who may apply, for remote jobs
    employment: str  # full_time | part_time | contract | internship
    salary: tuple[int, int, str] | None
    visa: str  # yes | no | ""
    posted: datetime

    @property
    def url(self) -> str:
        return f"{demo_data()['url_base']}/{self.source}/{self.number}"

    @property
    def demo_id(self) -> str:
        return f"careerhub-demo-{self.number}"


# --- Choosing the postings -----------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _company_name(token: str) -> str:
    # As the boards' parsers name a company from its token ("northwind-analytics" → "Northwind Analytics").
    return token.replace("-", " ").title()


def _salary(rng: random.Random, pay: float, currency: str, base: float) -> tuple[int, int, str] | None:
    if not pay or rng.random() < SHARE_WITHOUT_SALARY:
        return None
    middle = base * pay
    return int(round(middle * 0.9, -3)), int(round(middle * 1.12, -3)), currency


def _remote_pay(region: dict[str, Any]) -> tuple[float, str]:
    if region["text"] in EURO_REGIONS:
        return REGIONAL_PAY, "EUR"
    if region["text"] in POUND_REGIONS:
        return REGIONAL_PAY, "GBP"
    return 1.0, "USD"


class _Chooser:
    """Draws every choice of the demo set from one seeded generator, in a fixed order."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.rng = random.Random(data["seed"])
        self.number = 1000

    def role_and_level(self) -> tuple[dict, dict]:
        role = self.rng.choice(self.data["roles"])
        levels = self.data["levels"]
        if role["salary"] < 100_000 or role["title"].endswith("Manager"):
            levels = [level for level in levels if level["prefix"] in NON_ENGINEERING_LEVELS]
        return role, self.rng.choice(levels)

    def region(self) -> dict[str, Any]:
        regions = self.data["remote_regions"]
        return self.rng.choices(regions, weights=[region["weight"] for region in regions])[0]

    def employment(self, level: dict) -> str:
        draw = self.rng.random()
        if level["prefix"] == "Junior" and draw < 0.25:
            return "internship"
        return "contract" if draw < 0.12 else "part_time" if draw < 0.16 else "full_time"

    def job(
        self, *, source: str, company: str, token: str, industry: str, work_mode: str,
        place: dict | None = None, region: dict | None = None, now: datetime,
    ) -> DemoJob:
        role, level = self.role_and_level()
        employment = self.employment(level)
        title = f"{level['prefix']} {role['title']}".strip()
        if employment == "internship":
            title = f"{role['title']} Intern"
        base = role["salary"] * level["pay"]
        if place is not None:
            salary = _salary(self.rng, place["pay"], place["currency"], base)
        else:
            pay, currency = _remote_pay(region or {"text": "Worldwide"})
            salary = _salary(self.rng, pay, currency, base)
        visa = self.rng.choice(("yes", "no", "", "", ""))
        self.number += 1
        return DemoJob(
            number=self.number,
            source=source,
            company=company,
            token=token,
            industry=industry,
            title=title,
            skills=tuple(role["skills"]),
            level_tag=level["tag"],
            years=max(0, role["years"] + level["years"]),
            work_mode=work_mode,
            place=place,
            region=region,
            employment=employment,
            salary=salary,
            visa=visa,
            posted=now - timedelta(days=self.rng.randint(0, 27), hours=self.rng.randint(0, 23)),
        )


def demo_jobs(*, now: datetime) -> list[DemoJob]:
    """Every demo posting, always the same ones (the generator is seeded); dates are relative to `now`."""
    data = demo_data()
    chooser = _Chooser(data)
    counts = data["per_source"]
    boards = data["companies"]["boards"]
    places = data["places"]
    jobs: list[DemoJob] = []
    for source in REMOTE_BOARDS:
        for _ in range(counts[source]):
            company = chooser.rng.choice(boards)
            jobs.append(
                chooser.job(
                    source=source, company=company["name"], token="", industry=company["industry"],
                    work_mode="remote", region=chooser.region(), now=now,
                )
            )
    for _ in range(counts["arbeitnow"]):
        company = chooser.rng.choice(boards)
        work_mode = chooser.rng.choice(("remote", "hybrid", "onsite"))
        place = places[chooser.rng.choice(ARBEITNOW_PLACES)]
        jobs.append(
            chooser.job(
                source="arbeitnow", company=company["name"], token="", industry=company["industry"],
                work_mode=work_mode, place=place, region={"text": place["country"]}, now=now,
            )
        )
    for source in ("greenhouse", "lever", "ashby"):
        for company in data["companies"][source]:
            for _ in range(counts[source]):
                work_mode = chooser.rng.choice(("remote", "hybrid", "hybrid", "onsite"))
                place = places[chooser.rng.choice(company["places"])]
                # A remote job of a company board is open in its office's country and paid as there.
                jobs.append(
                    chooser.job(
                        source=source, company=_company_name(company["token"]), token=company["token"],
                        industry=company["industry"], work_mode=work_mode, place=place,
                        region={"text": place["country"]} if work_mode == "remote" else None, now=now,
                    )
                )
    return jobs


# --- Writing a posting in a board's words --------------------------------------------------------


def _where(job: DemoJob) -> str:
    """Who may apply or where the office is, as the posting says it."""
    if job.work_mode == "remote":
        region = (job.region or {}).get("text", "Worldwide")
        return "This is a fully remote role open to candidates anywhere." if region == "Worldwide" else (
            f"This is a fully remote role open to candidates in {region}."
        )
    place = job.place or {}
    if job.work_mode == "hybrid":
        return f"Hybrid: two days a week in our {place['city']} office."
    return f"This role is based in our {place['city']} office, {place['country']}."


def _visa(job: DemoJob) -> str:
    if job.visa == "yes":
        return "We sponsor visas and help with relocation."
    if job.visa == "no":
        country = (job.place or {}).get("country") or (job.region or {}).get("text", "the country of the role")
        return f"You must already have the right to work in {country}; we cannot sponsor visas."
    return ""


def _salary_text(job: DemoJob) -> str:
    if job.salary is None:
        return ""
    low, high, currency = job.salary
    return f"The salary range for this role is {low:,} - {high:,} {currency} per year."


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def _and(items: tuple[str, ...] | list[str]) -> str:
    items = list(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)


def _label_html() -> str:
    return f"<p><em>{html.escape(demo_data()['label'])}</em></p>"


def description_html(job: DemoJob, *, salary_in_text: bool = False, label: bool = True) -> str:
    skills = job.skills
    industry = demo_data()["industries"][job.industry]
    requirement = f"{job.years}+ years of experience in a similar role" if job.years else "Some experience, or a strong portfolio"
    parts = [
        f"<p>{html.escape(job.company)} builds {industry}. We are looking for {html.escape(_a(job.title))} to join the team.</p>",
        "<h3>What you will do</h3><ul>",
        f"<li>Work with {skills[0]} and {skills[1]} every day</li>",
        f"<li>Own projects built on {_and(skills[2:4] or skills[:1])} from the first idea to production</li>",
        "<li>Review work with your peers and share what you learn</li></ul>",
        "<h3>What we look for</h3><ul>",
        f"<li>{requirement}</li>",
        f"<li>Good knowledge of {_and(skills[:3])}</li>",
    ]
    if len(skills) > 4:
        parts.append(f"<li>Nice to have: {_and(skills[4:])}</li>")
    parts.append("</ul>")
    parts += [f"<p>{html.escape(sentence)}</p>" for sentence in (_where(job), _visa(job)) if sentence]
    if salary_in_text and job.salary is not None:
        parts.append(f"<p>{_salary_text(job)}</p>")
    if label:
        parts.append(_label_html())
    return "".join(parts)


def _marked(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, DEMO_MARKER: True}


def _salary_pair(job: DemoJob) -> tuple[int | None, int | None, str]:
    return job.salary if job.salary is not None else (None, None, "")


def _remoteok(job: DemoJob) -> tuple[dict, tuple[str, ...]]:
    low, high, currency = _salary_pair(job)
    usd = currency == "USD"
    tags = [skill.lower() for skill in job.skills[:5]] + ([job.level_tag] if job.level_tag else [])
    return _marked(
        {
            "slug": f"remote-{_slug(job.title)}-{_slug(job.company)}-{job.number}",
            "id": job.demo_id,
            "epoch": int(job.posted.timestamp()),
            "date": job.posted.isoformat(),
            "company": job.company,
            "position": job.title,
            "tags": tags,
            # Remote OK states ranges in USD only; a euro range is said in the text.
            "description": description_html(job, salary_in_text=not usd),
            "location": (job.region or {}).get("text", "Worldwide"),
            "salary_min": low if usd else 0,
            "salary_max": high if usd else 0,
            "apply_url": job.url,
            "url": job.url,
        }
    ), ()


def _short_money(value: int, currency: str) -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency, "")
    return f"{symbol}{value // 1000}k" if symbol else f"{value // 1000}k {currency}"


def _remotive(job: DemoJob) -> tuple[dict, tuple[str, ...]]:
    salary = ""
    if job.salary is not None:
        low, high, currency = job.salary
        salary = f"{_short_money(low, currency)} - {_short_money(high, currency)}"
    return _marked(
        {
            "id": job.demo_id,
            "url": job.url,
            "title": job.title,
            "company_name": job.company,
            "category": "Software Development",
            "tags": [skill.lower() for skill in job.skills[:4]],
            "job_type": job.employment,
            "publication_date": job.posted.strftime("%Y-%m-%dT%H:%M:%S"),
            "candidate_required_location": (job.region or {}).get("text", "Worldwide"),
            "salary": salary,
            "description": description_html(job),
        }
    ), ()


_HIMALAYAS_TYPES = {"full_time": "Full Time", "part_time": "Part Time", "contract": "Contractor", "internship": "Intern"}


def _himalayas(job: DemoJob) -> tuple[dict, tuple[str, ...]]:
    low, high, currency = _salary_pair(job)
    region = job.region or {}
    restrictions = next(
        (entry["himalayas"] for entry in demo_data()["remote_regions"] if entry["text"] == region.get("text")), []
    )
    return _marked(
        {
            "title": job.title,
            "excerpt": f"{job.company} is hiring {_a(job.title)}.",
            "companyName": job.company,
            "employmentType": _HIMALAYAS_TYPES[job.employment],
            "minSalary": low,
            "maxSalary": high,
            "currency": currency or "USD",
            "seniority": [job.level_tag.title()] if job.level_tag else ["Mid-level"],
            "locationRestrictions": restrictions,
            "categories": list(job.skills[:5]),
            "parentCategories": ["Software Engineering"],
            "description": description_html(job),
            "pubDate": int(job.posted.timestamp() * 1000),
            "applicationLink": job.url,
            "guid": job.url,
        }
    ), ()


def _jobicy(job: DemoJob) -> tuple[dict, tuple[str, ...]]:
    low, high, currency = _salary_pair(job)
    return _marked(
        {
            "id": job.demo_id,
            "url": job.url,
            "jobSlug": f"{job.number}-{_slug(job.title)}",
            "jobTitle": job.title,
            "companyName": job.company,
            "jobIndustry": ["Software Development"],
            "jobType": [job.employment.replace("_", "-")],
            "jobGeo": (job.region or {}).get("text", "Anywhere"),
            "jobLevel": job.level_tag.title() or "Any",
            "jobExcerpt": f"{job.company} is hiring {_a(job.title)}.",
            "jobDescription": description_html(job),
            "pubDate": job.posted.strftime("%Y-%m-%d %H:%M:%S"),
            "annualSalaryMin": str(low) if low else "",
            "annualSalaryMax": str(high) if high else "",
            "salaryCurrency": currency,
        }
    ), ()


_ARBEITNOW_TYPES = {"full_time": "full time", "part_time": "part time", "contract": "contract", "internship": "internship"}


def _arbeitnow(job: DemoJob) -> tuple[dict, tuple[str, ...]]:
    place = job.place or {}
    german = job.number % 2 == 0
    title = f"{job.title} (m/w/d)" if german else job.title
    if german:
        text = (
            f"<p>{html.escape(job.company)} sucht Verstärkung: {html.escape(title)}.</p>"
            f"<p>Deine Aufgaben: Arbeit mit {', '.join(job.skills[:3])}.</p>"
            + (f"<p>Gehalt: {job.salary[0]:,} - {job.salary[1]:,} {job.salary[2]}</p>".replace(",", ".") if job.salary else "")
            + description_html(job)
        )
    else:
        text = description_html(job, salary_in_text=True)
    return _marked(
        {
            "slug": f"{_slug(job.title)}-{_slug(job.company)}-{job.number}",
            "company_name": job.company,
            "title": title,
            "description": text,
            "remote": job.work_mode == "remote",
            "url": job.url,
            "tags": list(job.skills[:4]),
            "job_types": [_ARBEITNOW_TYPES[job.employment], "Berufserfahren" if job.years else "Berufseinsteiger"],
            "location": place.get("city", ""),
            "created_at": int(job.posted.timestamp()),
        }
    ), ()


_COMMITMENTS = {"full_time": "Full-time", "part_time": "Part-time", "contract": "Contract", "internship": "Internship"}


def _location_label(job: DemoJob) -> str:
    if job.work_mode == "remote":
        return f"Remote - {(job.region or {}).get('text', 'Worldwide')}"
    place = job.place or {}
    return f"{place['city']} (Hybrid)" if job.work_mode == "hybrid" else f"{place['city']}, {place['country']}"


def _greenhouse(job: DemoJob) -> tuple[dict, tuple[str, ...]]:
    return _marked(
        {
            "absolute_url": job.url,
            "internal_job_id": job.number,
            "location": {"name": _location_label(job)},
            "metadata": [
                {"id": 1, "name": "Employment Type", "value": _COMMITMENTS[job.employment], "value_type": "single_select"}
            ],
            "id": job.number,
            "updated_at": job.posted.isoformat(),
            "requisition_id": f"DEMO-{job.number}",
            "title": job.title,
            "company_name": job.company,
            "first_published": job.posted.isoformat(),
            # Greenhouse escapes its HTML once more.
            "content": html.escape(description_html(job, salary_in_text=True)),
            "departments": [{"id": 1, "name": "Engineering", "child_ids": [], "parent_id": None}],
        }
    ), (job.token,)


def _lever(job: DemoJob) -> tuple[dict, tuple[str, ...]]:
    place = job.place or {}
    location = _location_label(job) if job.work_mode == "remote" else place["city"]
    item: dict[str, Any] = {
        "categories": {
            "commitment": _COMMITMENTS[job.employment],
            "department": "Engineering",
            "location": location,
            "team": "Product",
            "allLocations": [location],
        },
        "createdAt": int(job.posted.timestamp() * 1000),
        "descriptionPlain": f"{job.company} is hiring {_a(job.title)}.",
        # Lever puts its lists after the description and `additional` last: the label goes there.
        "description": description_html(job, label=False),
        "additional": _label_html(),
        "id": job.demo_id,
        "lists": [{"text": "Requirements", "content": "".join(f"<li>{skill}</li>" for skill in job.skills[:3])}],
        "text": job.title,
        "country": place.get("code", ""),
        "workplaceType": {"remote": "remote", "hybrid": "hybrid", "onsite": "on-site"}[job.work_mode],
        "hostedUrl": job.url,
        "applyUrl": f"{job.url}/apply",
        "tags": list(job.skills[:5]),
    }
    if job.salary is not None:
        low, high, currency = job.salary
        item["salaryRange"] = {"currency": currency, "interval": "per-year-salary", "min": low, "max": high}
    return _marked(item), (job.token,)


_ASHBY_TYPES = {"full_time": "FullTime", "part_time": "PartTime", "contract": "Contract", "internship": "Intern"}


def _ashby(job: DemoJob) -> tuple[dict, tuple[str, ...]]:
    place = job.place or {}
    item: dict[str, Any] = {
        "id": job.demo_id,
        "title": job.title,
        "department": "Engineering",
        "team": "Product",
        "employmentType": _ASHBY_TYPES[job.employment],
        "location": _location_label(job) if job.work_mode == "remote" else place["city"],
        "secondaryLocations": [],
        "address": {"postalAddress": {"addressLocality": place.get("city", ""), "addressCountry": place.get("country", "")}},
        "isRemote": job.work_mode == "remote",
        "workplaceType": {"remote": "Remote", "hybrid": "Hybrid", "onsite": "OnSite"}[job.work_mode],
        "publishedAt": job.posted.isoformat(),
        "isListed": True,
        "jobUrl": job.url,
        "applyUrl": f"{job.url}/application",
        "descriptionHtml": description_html(job),
    }
    if job.salary is not None:
        low, high, currency = job.salary
        component = {"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": currency, "minValue": low, "maxValue": high}
        item["compensation"] = {"compensationTiers": [{"title": "Base", "components": [component]}]}
    return _marked(item), (job.token,)


ITEM_WRITERS = {
    "remoteok": _remoteok,
    "remotive": _remotive,
    "himalayas": _himalayas,
    "jobicy": _jobicy,
    "arbeitnow": _arbeitnow,
    "greenhouse": _greenhouse,
    "lever": _lever,
    "ashby": _ashby,
}


def demo_postings(*, now: datetime) -> tuple[list[Posting], list[str]]:
    """(postings, errors): every demo job written as its board writes it and read by that board's parser."""
    label = demo_data()["label"]
    batch = SourceBatch()
    for job in demo_jobs(now=now):
        source = get_source(job.source)
        item, context = ITEM_WRITERS[job.source](job)
        posting = batch.parse_guarded(f"demo {job.source}", source.parse_item, item, *context)
        if posting is not None:
            posting.source_attribution = label
            batch.postings.append(posting)
    return batch.postings, batch.errors

"""Skill names: one alias table for the whole product.

`postgres`, `Postgres` and `PostgreSQL` are one skill; so are `js`/`JavaScript` and
`k8s`/`Kubernetes`. Profiles store skills through `dedupe_skills`, job tags are compared
through `skill_key`, and matching, insights and the skills endpoints all use the same table,
so a skill never counts twice or fails to match because of its spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

MAX_SKILL_LENGTH = 50

# spelling (lowercase) -> display name. Canonical names map to themselves implicitly.
_ALIASES: dict[str, str] = {
    "postgres": "PostgreSQL", "postgresql": "PostgreSQL", "psql": "PostgreSQL", "pg": "PostgreSQL",
    "js": "JavaScript", "javascript": "JavaScript", "ecmascript": "JavaScript", "es6": "JavaScript",
    "ts": "TypeScript", "typescript": "TypeScript",
    "k8s": "Kubernetes", "kubernetes": "Kubernetes", "kube": "Kubernetes",
    "py": "Python", "python": "Python", "python3": "Python",
    "golang": "Go", "go": "Go",
    "react": "React", "reactjs": "React", "react.js": "React",
    "react native": "React Native", "react-native": "React Native",
    "node": "Node.js", "nodejs": "Node.js", "node.js": "Node.js",
    "vue": "Vue.js", "vuejs": "Vue.js", "vue.js": "Vue.js",
    "angular": "Angular", "angularjs": "Angular",
    "next": "Next.js", "nextjs": "Next.js", "next.js": "Next.js",
    "aws": "AWS", "amazon web services": "AWS",
    "gcp": "GCP", "google cloud": "GCP", "google cloud platform": "GCP",
    "azure": "Azure", "microsoft azure": "Azure",
    "ml": "Machine Learning", "machine learning": "Machine Learning",
    "ai": "AI", "artificial intelligence": "AI",
    "llm": "LLMs", "llms": "LLMs", "large language models": "LLMs",
    "nlp": "NLP", "natural language processing": "NLP",
    "c#": "C#", "csharp": "C#", "c sharp": "C#",
    "c++": "C++", "cpp": "C++",
    ".net": ".NET", "dotnet": ".NET", "asp.net": ".NET",
    "rails": "Ruby on Rails", "ruby on rails": "Ruby on Rails", "ror": "Ruby on Rails",
    "ruby": "Ruby",
    "mongo": "MongoDB", "mongodb": "MongoDB",
    "mysql": "MySQL", "sqlite": "SQLite", "sql": "SQL", "nosql": "NoSQL",
    "redis": "Redis", "graphql": "GraphQL", "rest": "REST", "rest api": "REST", "restful": "REST",
    "django": "Django", "drf": "Django REST Framework", "django rest framework": "Django REST Framework",
    "fastapi": "FastAPI", "flask": "Flask", "celery": "Celery",
    "docker": "Docker", "terraform": "Terraform", "ansible": "Ansible",
    "ci/cd": "CI/CD", "cicd": "CI/CD", "ci": "CI/CD",
    "html": "HTML", "html5": "HTML", "css": "CSS", "css3": "CSS",
    "sass": "Sass", "scss": "Sass", "tailwind": "Tailwind CSS", "tailwindcss": "Tailwind CSS", "tailwind css": "Tailwind CSS",
    "rust": "Rust", "java": "Java", "kotlin": "Kotlin", "swift": "Swift", "scala": "Scala", "elixir": "Elixir",
    "php": "PHP", "laravel": "Laravel", "spring": "Spring", "spring boot": "Spring",
    "linux": "Linux", "git": "Git", "bash": "Bash", "shell": "Bash",
    "elasticsearch": "Elasticsearch", "elastic": "Elasticsearch",
    "kafka": "Kafka", "apache kafka": "Kafka", "rabbitmq": "RabbitMQ",
    "spark": "Spark", "apache spark": "Spark", "hadoop": "Hadoop", "airflow": "Airflow",
    "pandas": "pandas", "numpy": "NumPy", "tensorflow": "TensorFlow", "pytorch": "PyTorch",
    "devops": "DevOps", "sre": "SRE", "site reliability engineering": "SRE",
    "ux": "UX", "ui": "UI", "figma": "Figma", "agile": "Agile", "scrum": "Scrum",
    "data science": "Data Science", "data engineering": "Data Engineering",
    "product management": "Product Management", "seo": "SEO",
}

# A skill that implies broader ones: whoever lists Django knows Python, whoever lists Technical
# Recruiting can do a posting's Recruiting. One direction only (a posting asking for Django is not
# met by Python), followed transitively. Matching counts the implied skills as held.
_IMPLIES: dict[str, tuple[str, ...]] = {
    "Django": ("Python",), "Flask": ("Python",), "FastAPI": ("Python",), "Celery": ("Python",),
    "pandas": ("Python",), "NumPy": ("Python",), "PyTorch": ("Python",), "TensorFlow": ("Python",),
    "Django REST Framework": ("Django", "REST"),
    "Ruby on Rails": ("Ruby",), "Laravel": ("PHP",), "Spring": ("Java",),
    "TypeScript": ("JavaScript",), "React": ("JavaScript",), "Vue.js": ("JavaScript",),
    "Angular": ("JavaScript",), "Node.js": ("JavaScript",), "Next.js": ("React",),
    "React Native": ("React",),
    "PostgreSQL": ("SQL",), "MySQL": ("SQL",), "SQLite": ("SQL",),
    "Tailwind CSS": ("CSS",), "Sass": ("CSS",),
    "Deep Learning": ("Machine Learning",), "NLP": ("Machine Learning",), "LLMs": ("AI",),
    "Machine Learning": ("AI",),
    "Technical Recruiting": ("Recruiting",), "Full-Cycle Recruiting": ("Recruiting",),
    "Technical Sourcing": ("Sourcing",), "Executive Search": ("Recruiting",),
}  # fmt: skip

_SPACES = re.compile(r"\s+")


def _lookup(name: str) -> str:
    return _SPACES.sub(" ", name.strip()).casefold()


def canonical_skill(name: str) -> str:
    """The display name of a skill: the alias table's, or the trimmed input as written."""
    cleaned = _SPACES.sub(" ", (name or "").strip())
    return _ALIASES.get(cleaned.casefold(), cleaned)


def skill_key(name: str) -> str:
    """The comparison key: equal for every spelling of one skill."""
    return _lookup(canonical_skill(name))


def dedupe_skills(names: Iterable[str]) -> list[str]:
    """Canonical names, first occurrence wins, blanks dropped, order kept."""
    seen: dict[str, str] = {}
    for name in names:
        display = canonical_skill(name)
        if display:
            seen.setdefault(skill_key(display), display)
    return list(seen.values())


def known_skills() -> list[str]:
    """Every display name in the alias table (for text extraction and autocomplete)."""
    return sorted(set(_ALIASES.values()))


def known_spellings() -> frozenset[str]:
    """Every lowercase spelling in the alias table (for finding skills named in text)."""
    return frozenset(_ALIASES)


def aliases_of(display_name: str) -> list[str]:
    """Every lowercase spelling that means this skill, the name itself included."""
    key = skill_key(display_name)
    return sorted({alias for alias, name in _ALIASES.items() if skill_key(name) == key} | {key})


@lru_cache(maxsize=1)
def _implied_by_key() -> dict[str, frozenset[str]]:
    """skill key -> the keys of every broader skill it implies (transitively, itself excluded)."""
    direct = {skill_key(name): {skill_key(broader) for broader in broaders} for name, broaders in _IMPLIES.items()}
    closed: dict[str, frozenset[str]] = {}
    for key in direct:
        seen: set[str] = set()
        todo = list(direct[key])
        while todo:
            broader = todo.pop()
            if broader not in seen and broader != key:
                seen.add(broader)
                todo.extend(direct.get(broader, ()))
        closed[key] = frozenset(seen)
    return closed


@lru_cache(maxsize=4096)
def with_implied_keys(keys: frozenset[str]) -> frozenset[str]:
    """The skill keys with the keys of every broader skill they imply ({"django"} → {"django", "python"})."""
    implied = _implied_by_key()
    return keys.union(*(implied.get(key, ()) for key in keys))

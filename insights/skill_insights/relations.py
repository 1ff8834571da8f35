"""How hard a skill is to pick up for a given user (seed 004: "Learning effort estimated based on
skill relationships").

    low     the skill is light to learn on its own (LIGHT), or the user already knows a skill of
            one of its families and it is not in HEAVY;
    high    the skill is in HEAVY and the user knows nothing of its families;
    medium  everything else (a HEAVY skill next to one the user knows, an unrelated tool).

Skills are compared through careerhub.skills, so `k8s` is Kubernetes here too.
"""

from __future__ import annotations

from collections.abc import Iterable

from careerhub.skills import skill_key

# Skills that make each other easier to learn.
FAMILIES: tuple[frozenset[str], ...] = tuple(
    frozenset(skill_key(name) for name in family)
    for family in (
        ("JavaScript", "TypeScript", "Node.js", "React", "Vue.js", "Angular", "Next.js", "React Native"),
        ("HTML", "CSS", "Sass", "Tailwind CSS", "JavaScript", "React", "Vue.js", "Angular"),
        ("Python", "Django", "Flask", "FastAPI", "Django REST Framework", "Celery"),
        ("Python", "pandas", "NumPy", "Data Science", "Machine Learning", "TensorFlow", "PyTorch", "NLP", "LLMs", "AI"),
        ("SQL", "Spark", "Airflow", "Data Engineering", "Hadoop", "Kafka", "pandas"),
        ("Docker", "Kubernetes", "Linux", "DevOps", "Terraform", "Ansible", "CI/CD", "SRE", "Bash"),
        ("AWS", "GCP", "Azure", "Terraform", "Kubernetes", "DevOps"),
        ("SQL", "PostgreSQL", "MySQL", "SQLite", "MongoDB", "Redis", "Elasticsearch", "NoSQL"),
        ("Java", "Kotlin", "Scala", "Spring"),
        ("C#", ".NET"),
        ("C++", "Rust", "Go"),
        ("Ruby", "Ruby on Rails"),
        ("PHP", "Laravel"),
        ("Kafka", "RabbitMQ", "Redis"),
        ("Swift", "Kotlin", "React Native"),
        ("UX", "UI", "Figma"),
        ("REST", "GraphQL"),
        ("Agile", "Scrum", "Product Management"),
    )
)

# A new language or a deep field: months rather than weeks.
HEAVY = frozenset(
    skill_key(name)
    for name in (
        "Kubernetes", "Machine Learning", "Data Science", "AI", "NLP", "LLMs", "TensorFlow", "PyTorch", "Spark", "Hadoop",
        "Rust", "C++", "Scala", "Go", "Java", "Kotlin", "Swift", "C#", "Elixir", "Ruby", "PHP", "Python", "JavaScript",
        "SRE", "Data Engineering", "AWS", "GCP", "Azure",
    )
)

# Picked up in days whatever one knows.
LIGHT = frozenset(skill_key(name) for name in ("Git", "Agile", "Scrum", "REST", "Figma", "HTML", "CSS", "SQLite", "Docker"))

LOW, MEDIUM, HIGH = "low", "medium", "high"


def related_known(skill: str, known: Iterable[str]) -> list[str]:
    """The user's skills that share a family with `skill`, in the user's order and spelling."""
    key = skill_key(skill)
    families = [family for family in FAMILIES if key in family]
    return [name for name in known if skill_key(name) != key and any(skill_key(name) in family for family in families)]


def learning_effort(skill: str, known: Iterable[str]) -> str:
    key = skill_key(skill)
    if key in LIGHT:
        return LOW
    related = related_known(skill, known)
    if key in HEAVY:
        return MEDIUM if related else HIGH
    return LOW if related else MEDIUM

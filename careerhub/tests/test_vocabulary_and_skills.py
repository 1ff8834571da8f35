import pytest
from django.core.exceptions import ValidationError

from careerhub import skills
from careerhub import vocabulary as v


@pytest.mark.parametrize(
    "dialect, spelling, canonical",
    [
        (v.TRACKER, "On-site", "onsite"),
        (v.AGENT, "full", "remote"),
        (v.SEEKER, "on-site", "onsite"),
        (v.CANONICAL, "hybrid", "hybrid"),
    ],
)
def test_work_modes_map_both_ways(dialect, spelling, canonical):
    assert v.WORK_MODES.to_canonical(spelling, dialect) == canonical
    assert v.WORK_MODES.from_canonical(canonical, dialect) == spelling


@pytest.mark.parametrize(
    "dialect, spelling, canonical",
    [
        (v.TRACKER, "Full-time", "full_time"),
        (v.AGENT, "permanent", "full_time"),
        (v.AGENT, "part-time", "part_time"),
        (v.SEEKER, "full-time", "full_time"),
    ],
)
def test_employment_types_map_both_ways(dialect, spelling, canonical):
    assert v.EMPLOYMENT_TYPES.to_canonical(spelling, dialect) == canonical
    assert v.EMPLOYMENT_TYPES.from_canonical(canonical, dialect) == spelling


def test_every_canonical_value_has_a_spelling_in_every_dialect():
    for vocabulary in (v.WORK_MODES, v.EMPLOYMENT_TYPES):
        for dialect in vocabulary.dialects:
            for value in vocabulary.canonical:
                if vocabulary is v.EMPLOYMENT_TYPES and dialect == v.TRACKER and value == "temporary":
                    assert v.employment_type_for_tracker(value) == "Contract"
                    continue
                assert vocabulary.from_canonical(value, dialect) in vocabulary.allowed(dialect)


def test_an_unknown_value_names_the_allowed_ones():
    with pytest.raises(ValidationError) as error:
        v.WORK_MODES.to_canonical("remote", v.TRACKER, field_name="work_mode")
    assert error.value.message_dict == {
        "work_mode": ["'remote' is not a valid work mode. Allowed values: Remote, Hybrid, On-site."]
    }


def test_dialect_input_is_exact():
    with pytest.raises(ValidationError):
        v.EMPLOYMENT_TYPES.to_canonical("full-time", v.TRACKER)


def test_lists_translate_in_order_without_duplicates():
    assert v.WORK_MODES.many_to_canonical(["full", "onsite", "full"], v.AGENT) == ["remote", "onsite"]


@pytest.mark.parametrize(
    "a, b",
    [("postgres", "PostgreSQL"), ("js", "JavaScript"), ("k8s", "Kubernetes"), ("Node", "node.js"), ("  react ", "ReactJS")],
)
def test_skill_aliases_compare_equal(a, b):
    assert skills.skill_key(a) == skills.skill_key(b)


def test_unknown_skills_keep_their_spelling_and_compare_case_insensitively():
    assert skills.canonical_skill("  Elixir  Phoenix ") == "Elixir Phoenix"
    assert skills.skill_key("HTMX") == skills.skill_key("htmx")


def test_dedupe_keeps_the_first_spelling_and_order():
    assert skills.dedupe_skills(["python", "Postgres", "Python", "", "postgresql", "Go"]) == ["Python", "PostgreSQL", "Go"]


def test_a_skill_implies_its_broader_skills_transitively_and_only_upwards():
    key = skills.skill_key
    # Django REST Framework → Django → Python, and REST; spellings go through the alias table
    assert skills.with_implied_keys(frozenset({key("drf")})) == {key(name) for name in ("drf", "Django", "Python", "REST")}
    assert skills.with_implied_keys(frozenset({key("Next.js")})) >= {key("React"), key("JavaScript")}
    assert skills.with_implied_keys(frozenset({key("technical recruiting")})) == {"technical recruiting", "recruiting"}
    # a broad skill implies no narrower one, and a skill outside the table implies nothing
    assert skills.with_implied_keys(frozenset({key("Python")})) == {key("Python")}
    assert skills.with_implied_keys(frozenset({"underwater basket weaving"})) == {"underwater basket weaving"}

"""Role families and seniority, read from titles through the data in `data/families.json` and
`data/seniority.json`.

A title's family is its longest known phrase, looked for first in the title's head (before the
first comma, dash, bar or parenthesis: "Account Executive, Developer Platform" is read as
"Account Executive"), then in the rest. Ties go to the rightmost phrase, the head noun ("Growth
Engineer" is an engineer). A leadership word with a domain ("Director, Engineering", "Head of
Sales") puts the title in the domain's family — engineering management for software
engineering. A generic engineering title qualified by another technical family is that family
("Software Engineer, Machine Learning" is machine learning; "Software Engineer, Backend" stays
software engineering). An industrial word with no software word ("Engineering Manager, Manufacturing")
makes an engineering (or project management) title industrial engineering. The specialism (backend,
frontend, ...) is the one whose longest spelling the whole title holds.

Seniority is one ladder (0 intern … 7 executive): the highest level among the title's phrases
(the longest phrase at each position: "Senior Engineering Manager" is 5, not 3), else the years
the posting asks for.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data"
MAX_PHRASE_WORDS = 5

_WORD = re.compile(r"[a-z0-9][a-z0-9&.+#/-]*")
_SPLIT_HEAD = re.compile(r"\s*(?:,|\s[-–—|]\s|\(|\)|:|\|)\s*")
_NOISE = re.compile(r"\((?:m/w/d|m/f/d|f/m/d|w/m/d|h/f|f/h|all genders|remote|hybrid|on-?site)\)", re.IGNORECASE)


class Role(NamedTuple):
    family: str
    specialism: str  # "" when the title names none


@dataclass(frozen=True)
class Families:
    phrases: dict[tuple[str, ...], str]  # title phrase → family
    specialisms: dict[str, tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]]  # family → ((name, phrases), ...)
    adjacent: dict[str, frozenset[str]]
    labels: dict[str, str]
    default_levels: dict[str, int]  # a family whose titles imply a level ("Engineering Manager": 4)
    leadership: frozenset[tuple[str, ...]]
    leadership_domains: frozenset[tuple[str, ...]]
    technical_qualifiers: frozenset[str]  # families whose name after a generic engineering title wins
    industrial: frozenset[tuple[str, ...]]
    software: frozenset[tuple[str, ...]]
    level_phrases: dict[tuple[str, ...], int]
    level_names: dict[int, str]
    profile_levels: dict[str, int]
    years_to_level: tuple[tuple[int, int], ...]


def words(text: str) -> tuple[str, ...]:
    """Lowercase words of a title; slashes between words separate them ("UI/UX" stays one word)."""
    found = []
    for raw in _WORD.findall((text or "").lower()):
        word = raw.strip(".-/")
        if word:
            found.append(word)
    return tuple(found)


def _phrase(text: str) -> tuple[str, ...]:
    return words(text)


@cache
def families() -> Families:
    with (DATA / "families.json").open(encoding="utf-8") as handle:
        raw = json.load(handle)
    with (DATA / "seniority.json").open(encoding="utf-8") as handle:
        ladder = json.load(handle)
    phrases: dict[tuple[str, ...], str] = {}
    specialisms = {}
    adjacent: dict[str, set[str]] = {}
    for family, spec in raw["families"].items():
        for title in spec["titles"]:
            phrases.setdefault(_phrase(title), family)
        specialisms[family] = tuple(
            (name, tuple(_phrase(p) for p in spellings)) for name, spellings in spec.get("specialisms", {}).items()
        )
        adjacent.setdefault(family, set()).update(spec.get("adjacent", ()))
        for other in spec.get("adjacent", ()):
            adjacent.setdefault(other, set()).add(family)
    return Families(
        phrases=phrases,
        specialisms=specialisms,
        adjacent={family: frozenset(others) for family, others in adjacent.items()},
        labels={family: spec["label"] for family, spec in raw["families"].items()},
        default_levels={family: spec["default_level"] for family, spec in raw["families"].items() if "default_level" in spec},
        leadership=frozenset(_phrase(w) for w in raw["leadership_words"]),
        leadership_domains=frozenset(_phrase(w) for w in raw["leadership_domains"]),
        technical_qualifiers=frozenset(raw.get("technical_qualifier_families", ())),
        industrial=frozenset(_phrase(w) for w in raw["industrial_words"]),
        software=frozenset(_phrase(w) for w in raw["software_words"]),
        level_phrases={_phrase(p): level for p, level in ladder["title_phrases"].items()},
        level_names={int(level): name for level, name in ladder["levels"].items()},
        profile_levels=dict(ladder["profile_seniority"]),
        years_to_level=tuple((years, level) for years, level in ladder["years_to_level"]),
    )


def _contains(tokens: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> bool:
    for size in range(1, MAX_PHRASE_WORDS + 1):
        for start in range(len(tokens) - size + 1):
            if tokens[start : start + size] in phrases:
                return True
    return False


def _best_phrase(tokens: tuple[str, ...], table: dict[tuple[str, ...], str]) -> tuple[str, ...] | None:
    """The longest phrase of `table` in `tokens`; the rightmost among equally long ones."""
    for size in range(min(MAX_PHRASE_WORDS, len(tokens)), 0, -1):
        for start in range(len(tokens) - size, -1, -1):
            if tokens[start : start + size] in table:
                return tokens[start : start + size]
    return None


def _segments(title: str) -> list[tuple[str, ...]]:
    cleaned = _NOISE.sub(" ", title or "")
    return [segment for segment in (words(part) for part in _SPLIT_HEAD.split(cleaned)) if segment]


@lru_cache(maxsize=16_384)
def role_of(title: str) -> Role | None:
    """The family and specialism a title names; None when it names no known role."""
    data = families()
    segments = _segments(title)
    if not segments:
        return None
    everything = tuple(word for segment in segments for word in segment)
    phrase = None
    for segment in (segments[0], everything):
        phrase = _best_phrase(segment, data.phrases)
        if phrase is not None:
            break
    if phrase is None:
        return None
    family = data.phrases[phrase]
    if family == "software_engineering" and len(segments) > 1:
        # "Software Engineer, Machine Learning", "Engineer - Site Reliability": a generic engineering
        # title is the work its qualifier names when that is another technical family
        qualifier = _best_phrase(tuple(word for segment in segments[1:] for word in segment), data.phrases)
        if qualifier is not None and data.phrases[qualifier] in data.technical_qualifiers:
            phrase, family = qualifier, data.phrases[qualifier]
    if phrase in data.leadership_domains and _contains(everything, data.leadership):
        family = "engineering_management"
    engineering = {"software_engineering", "engineering_management", "qa", "devops_sre_platform", "program_project_management"}
    if family in engineering and _contains(everything, data.industrial) and not _contains(everything, data.software):
        family = "industrial_engineering"
    return Role(family, _specialism(family, everything))


def _specialism(family: str, tokens: tuple[str, ...]) -> str:
    """The specialism whose longest spelling the title holds ("UX Researcher" is research, not "ux"); ties
    go to the family's order."""
    best, best_size = "", 0
    for name, spellings in families().specialisms.get(family, ()):
        for spelling in spellings:
            size = len(spelling)
            if size > best_size and _contains(tokens, frozenset({spelling})):
                best, best_size = name, size
    return best


def family_label(family: str) -> str:
    return families().labels.get(family, family.replace("_", " "))


def are_adjacent(one: str, other: str) -> bool:
    return other in families().adjacent.get(one, frozenset())


# --- Seniority -----------------------------------------------------------------------------------


@lru_cache(maxsize=16_384)
def title_level(title: str) -> int | None:
    """The seniority a title states: the highest level among its phrases (longest phrase at each position)."""
    table = families().level_phrases
    tokens = words(_NOISE.sub(" ", title or ""))
    found: list[int] = []
    index = 0
    while index < len(tokens):
        for size in range(min(MAX_PHRASE_WORDS, len(tokens) - index), 0, -1):
            phrase = tokens[index : index + size]
            if phrase in table and not _roman_inside(phrase, index, size, tokens):
                found.append(table[phrase])
                index += size
                break
        else:
            index += 1
    return max(found) if found else None


def _roman_inside(phrase: tuple[str, ...], index: int, size: int, tokens: tuple[str, ...]) -> bool:
    # "I"/"II" count only as a trailing level numeral ("Software Engineer II"), never a word inside a title
    return phrase in {("i",), ("ii",), ("iii",), ("iv",)} and index + size != len(tokens)


def family_default_level(family: str) -> int | None:
    return families().default_levels.get(family)


def level_from_years(years: float | None) -> int | None:
    if years is None:
        return None
    level = None
    for minimum, value in families().years_to_level:
        if years >= minimum:
            level = value
    return level


def profile_level(seniority: str) -> int | None:
    return families().profile_levels.get((seniority or "").strip().lower())


def level_name(level: int) -> str:
    return families().level_names.get(level, str(level))

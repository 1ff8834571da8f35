"""The inbox's rules are data: JSON files in `tracker/inbox/data/`, read and checked here once.

Each file has a loader that validates it and compiles its phrases; a file that cannot be used
raises `RulesError` naming the file and the entry, the first time the rules are needed (a test
loads every file, so a broken one fails the suite, not a user's email). The `*_from` functions
take the parsed document, so tests can check what a broken file does.
"""

from __future__ import annotations

import functools
import json
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any

from tracker.inbox.kinds import MessageKind
from tracker.models import StageType

DATA_DIR = Path(__file__).resolve().parent / "data"
FIELDS = ("subject", "text", "links", "sender", "calendar")


class RulesError(ValueError):
    """A rules file that cannot be used."""


def _read(name: str) -> Mapping[str, Any]:
    try:
        return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RulesError(f"{name}: cannot be read as JSON ({exc})") from exc


def _require(condition: bool, source: str, where: str, problem: str) -> None:
    if not condition:
        raise RulesError(f"{source}: {where}: {problem}")


def _strings(value: Any, source: str, where: str, *, empty: bool = False) -> list[str]:
    _require(
        isinstance(value, list) and (empty or bool(value)) and all(isinstance(item, str) and item for item in value),
        source, where, "must be a list of non-empty strings" if empty else "must be a non-empty list of non-empty strings",
    )
    return value


def phrase_pattern(phrases: Iterable[str], source: str, where: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of `phrases` as whole words."""
    phrases = list(phrases)
    for phrase in phrases:
        try:
            re.compile(phrase)
        except re.error as exc:
            raise RulesError(f"{source}: {where}: {phrase!r} is not a valid regular expression ({exc})") from exc
    # Whole words: no word character may continue a phrase's first or last word on either side. A phrase
    # that starts or ends with punctuation ("'d like to", "% off", "calendly.com/") is bounded by it.
    return re.compile(
        r"(?:(?<!\w)|(?!\w))(?:" + "|".join(f"(?:{phrase})" for phrase in phrases) + r")(?:(?!\w)|(?<!\w))",
        re.IGNORECASE,
    )


# --- Classification --------------------------------------------------------------------------


@dataclass(frozen=True)
class PhraseRule:
    kind: str
    field: str
    weight: float
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ClassificationRules:
    rules: tuple[PhraseRule, ...]
    masks: re.Pattern[str] | None
    decisive_weight: float
    dominated_factor: float
    min_score: float
    dominates: Mapping[str, frozenset[str]]
    priority: tuple[str, ...]


def _number(data: Mapping[str, Any], key: str, source: str, where: str = "") -> float:
    value = data.get(key)
    _require(isinstance(value, int | float) and not isinstance(value, bool) and value >= 0, source, where or key,
             "must be a number ≥ 0")
    return float(value)


def _kind(value: Any, source: str, where: str) -> str:
    _require(value in MessageKind.values, source, where, f"unknown kind {value!r}; kinds are {', '.join(MessageKind.values)}")
    return value


def classification_rules_from(data: Mapping[str, Any], *, source: str) -> ClassificationRules:
    _require(isinstance(data, Mapping), source, "the document", "must be an object")
    rules = []
    entries = data.get("rules")
    _require(isinstance(entries, list) and bool(entries), source, "rules", "must be a non-empty list")
    for index, entry in enumerate(entries):
        where = f"rules[{index}]"
        _require(isinstance(entry, Mapping), source, where, "must be an object")
        kind = _kind(entry.get("kind"), source, f"{where}.kind")
        _require(entry.get("field") in FIELDS, source, f"{where}.field", f"must be one of {', '.join(FIELDS)}")
        weight = _number(entry, "weight", source, f"{where}.weight")
        phrases = _strings(entry.get("phrases"), source, f"{where}.phrases")
        rules.append(PhraseRule(kind=kind, field=entry["field"], weight=weight,
                                pattern=phrase_pattern(phrases, source, f"{where}.phrases")))
    masks = _strings(data.get("masks", []), source, "masks", empty=True)
    dominates = data.get("dominates", {})
    _require(isinstance(dominates, Mapping), source, "dominates", "must be an object of kind → [kinds]")
    priority = _strings(data.get("priority"), source, "priority")
    _require(sorted(priority) == sorted(MessageKind.values), source, "priority", "must list every kind once")
    return ClassificationRules(
        rules=tuple(rules),
        masks=phrase_pattern(masks, source, "masks") if masks else None,
        decisive_weight=_number(data, "decisive_weight", source),
        dominated_factor=_number(data, "dominated_factor", source),
        min_score=_number(data, "min_score", source),
        dominates={
            _kind(kind, source, "dominates"): frozenset(
                _kind(other, source, f"dominates.{kind}") for other in _strings(others, source, f"dominates.{kind}")
            )
            for kind, others in dominates.items()
        },
        priority=tuple(priority),
    )


@functools.cache
def classification_rules() -> ClassificationRules:
    return classification_rules_from(_read("classification.json"), source="classification.json")


# --- Senders ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SenderRules:
    platforms: frozenset[str]
    free_mail: frozenset[str]
    generic_local_parts: frozenset[str]
    second_level_suffixes: frozenset[str]
    company_suffixes: frozenset[str]
    company_generic_words: frozenset[str]
    role_generic_words: frozenset[str]


def sender_rules_from(data: Mapping[str, Any], *, source: str) -> SenderRules:
    _require(isinstance(data, Mapping), source, "the document", "must be an object")

    def lowered(key: str) -> frozenset[str]:
        return frozenset(item.lower() for item in _strings(data.get(key), source, key))

    return SenderRules(
        platforms=lowered("platforms"),
        free_mail=lowered("free_mail"),
        generic_local_parts=lowered("generic_local_parts"),
        second_level_suffixes=lowered("second_level_suffixes"),
        company_suffixes=lowered("company_suffixes"),
        company_generic_words=lowered("company_generic_words"),
        role_generic_words=lowered("role_generic_words"),
    )


@functools.cache
def sender_rules() -> SenderRules:
    return sender_rules_from(_read("senders.json"), source="senders.json")


# --- Forwards and replies ----------------------------------------------------------------------


@dataclass(frozen=True)
class ThreadRules:
    forward_marker: re.Pattern[str]
    header_block_marker: re.Pattern[str]
    reply_marker: re.Pattern[str]
    header_labels: Mapping[str, str]  # label (lower case) -> field
    header_line: re.Pattern[str]
    reply_prefix: re.Pattern[str]
    forward_prefix: re.Pattern[str]


def _line_pattern(phrases: list[str], source: str, where: str) -> re.Pattern[str]:
    for phrase in phrases:
        try:
            re.compile(phrase)
        except re.error as exc:
            raise RulesError(f"{source}: {where}: {phrase!r} is not a valid regular expression ({exc})") from exc
    # A marker is a whole line, perhaps quoted ("> ") or emphasised ("*From:*").
    return re.compile(r"^[>\s*]*(?:" + "|".join(f"(?:{p})" for p in phrases) + r")[\s*]*$", re.IGNORECASE)


def thread_rules_from(data: Mapping[str, Any], *, source: str) -> ThreadRules:
    _require(isinstance(data, Mapping), source, "the document", "must be an object")
    labels = data.get("header_labels")
    _require(isinstance(labels, Mapping) and {"from", "date", "subject"} <= set(labels), source, "header_labels",
             "must map at least from, date and subject to their labels")
    by_label = {label.lower(): field for field, names in labels.items()
                for label in _strings(names, source, f"header_labels.{field}")}
    label_alternation = "|".join(re.escape(label) for label in sorted(by_label, key=len, reverse=True))
    prefixes = data.get("subject_prefixes")
    _require(isinstance(prefixes, Mapping), source, "subject_prefixes", "must be an object with reply, forward and tag")
    reply = _strings(prefixes.get("reply"), source, "subject_prefixes.reply")
    forward = _strings(prefixes.get("forward"), source, "subject_prefixes.forward")
    tags = _strings(prefixes.get("tag", ["\\[external\\]"]), source, "subject_prefixes.tag")
    any_prefix = "|".join([*(f"(?:{p})\\s*(?:\\[\\d+\\]|\\(\\d+\\))?\\s*:" for p in [*reply, *forward]), *tags])
    return ThreadRules(
        forward_marker=_line_pattern(_strings(data.get("forward_markers"), source, "forward_markers"), source, "forward_markers"),
        header_block_marker=_line_pattern(
            _strings(data.get("header_block_markers"), source, "header_block_markers"), source, "header_block_markers"
        ),
        reply_marker=_line_pattern(_strings(data.get("reply_markers"), source, "reply_markers"), source, "reply_markers"),
        header_labels=by_label,
        header_line=re.compile(rf"^[>\s*]*({label_alternation})[\s*]*:[\s*]*(.*)$", re.IGNORECASE),
        reply_prefix=re.compile(rf"^\s*(?:(?:{any_prefix})\s*)+", re.IGNORECASE),
        forward_prefix=re.compile(
            r"^\s*(?:(?:" + "|".join(f"(?:{p})" for p in reply + tags) + r")\s*:?\s*)*(?:"
            + "|".join(f"(?:{p})" for p in forward) + r")\s*:", re.IGNORECASE
        ),
    )


@functools.cache
def thread_rules() -> ThreadRules:
    return thread_rules_from(_read("forwarding.json"), source="forwarding.json")


# --- Dates ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateRules:
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    relative_days: Mapping[str, int]
    zones: Mapping[str, tzinfo]  # lower-case name -> zone
    zone_names: Mapping[str, str]  # lower-case name -> IANA name
    month_first_zones: frozenset[str]
    deadline_words: re.Pattern[str]
    choice_phrases: re.Pattern[str]


def _int_map(data: Mapping[str, Any], key: str, source: str, low: int, high: int) -> dict[str, int]:
    value = data.get(key)
    _require(isinstance(value, Mapping) and bool(value), source, key, "must be a non-empty object")
    for name, number in value.items():
        _require(isinstance(number, int) and low <= number <= high, source, f"{key}.{name}", f"must be {low}–{high}")
    return {name.lower(): number for name, number in value.items()}


def zone(name: str) -> tzinfo | None:
    """The IANA zone called `name`, or None when the zone database has no such zone."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def date_rules_from(data: Mapping[str, Any], *, source: str) -> DateRules:
    _require(isinstance(data, Mapping), source, "the document", "must be an object")
    zones = data.get("zones")
    _require(isinstance(zones, Mapping) and bool(zones), source, "zones", "must be a non-empty object")
    loaded = {}
    for name, iana in zones.items():
        found = zone(iana) if isinstance(iana, str) else None
        _require(found is not None, source, f"zones.{name}", f"{iana!r} is not an IANA zone")
        loaded[name.lower()] = found
    month_first = _strings(data.get("month_first_zones"), source, "month_first_zones")
    for iana in month_first:
        _require(zone(iana) is not None, source, "month_first_zones", f"{iana!r} is not an IANA zone")
    deadline = _strings(data.get("deadline_words"), source, "deadline_words")
    return DateRules(
        months=_int_map(data, "months", source, 1, 12),
        weekdays=_int_map(data, "weekdays", source, 0, 6),
        relative_days=_int_map(data, "relative_days", source, 0, 7),
        zones=loaded,
        zone_names={name.lower(): iana for name, iana in zones.items()},
        month_first_zones=frozenset(month_first),
        # The deadline word ends right before the date ("reply by Friday, March 13").
        deadline_words=re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(word) for word in sorted(deadline, key=len, reverse=True)) + r")[\s:,-]*$",
            re.IGNORECASE,
        ),
        choice_phrases=phrase_pattern(_strings(data.get("choice_phrases"), source, "choice_phrases"), source, "choice_phrases"),
    )


@functools.cache
def date_rules() -> DateRules:
    return date_rules_from(_read("dates.json"), source="dates.json")


# --- Stages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageRule:
    stage_type: str
    stage_name: str
    pattern: re.Pattern[str] | None = None


@dataclass(frozen=True)
class StageRules:
    stage_types: tuple[StageRule, ...]
    interview_default: StageRule
    assessment_default: StageRule


def _stage(entry: Any, source: str, where: str, *, with_phrases: bool) -> StageRule:
    _require(isinstance(entry, Mapping), source, where, "must be an object")
    _require(entry.get("stage_type") in StageType.values, source, f"{where}.stage_type",
             f"must be one of {', '.join(StageType.values)}")
    _require(isinstance(entry.get("stage_name"), str) and 0 < len(entry["stage_name"]) <= 100, source,
             f"{where}.stage_name", "must be a name of 1–100 characters")
    pattern = None
    if with_phrases:
        pattern = phrase_pattern(_strings(entry.get("phrases"), source, f"{where}.phrases"), source, f"{where}.phrases")
    return StageRule(stage_type=entry["stage_type"], stage_name=entry["stage_name"], pattern=pattern)


def stage_rules_from(data: Mapping[str, Any], *, source: str) -> StageRules:
    _require(isinstance(data, Mapping), source, "the document", "must be an object")
    entries = data.get("stage_types")
    _require(isinstance(entries, list), source, "stage_types", "must be a list")
    return StageRules(
        stage_types=tuple(_stage(entry, source, f"stage_types[{i}]", with_phrases=True) for i, entry in enumerate(entries)),
        interview_default=_stage(data.get("interview_default"), source, "interview_default", with_phrases=False),
        assessment_default=_stage(data.get("assessment_default"), source, "assessment_default", with_phrases=False),
    )


@functools.cache
def stage_rules() -> StageRules:
    return stage_rules_from(_read("stages.json"), source="stages.json")

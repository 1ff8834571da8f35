"""Which of the user's applications an email is about, or none.

Evidence for each application, added up:

| evidence | points |
| --- | --- |
| an earlier message of the same thread (In-Reply-To/References) belongs to it | 100 |
| the subject, without Re:/Fwd:, is an earlier subject of its thread | 40 |
| the sender wrote about it before, or is one of its contacts | 60 |
| ... or writes from the same company domain as one of them | 45 |
| the sender's domain is the company (`careers@acme-robotics.com` for Acme Robotics) | 60 |
| ... or its first word (`acme.com` for Acme Robotics) | 45 |
| an ATS address names it (`acmerobotics@myworkday.com`, `acme.wd5.myworkdayjobs.com`) | 60 / 45 |
| the sender's display name names it ("Acme Robotics Recruiting") | 45 |
| the subject names it | 40 |
| the text names it (quoted earlier messages: 15) | 30 |
| the role title is written out (else a share of its distinctive words, up to 20) | 25 |
| the email is older than the application | −30 |

The best application wins when it has at least `MIN_SCORE` and leads the next by `MIN_MARGIN`;
two equally good candidates (two roles at one company, and the email names neither role) are
never guessed between. Sender and company words (ATS domains, free mail, legal suffixes) are data
(`data/senders.json`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.inbox.parsing import ParsedMessage
from tracker.inbox.rules import SenderRules, sender_rules
from tracker.inbox.text import clean, compact, normalise, words
from tracker.inbox.threads import subject_base

MIN_SCORE = 30
MIN_MARGIN = 15
THREAD_POINTS = 100
THREAD_SUBJECT_POINTS = 40
KNOWN_SENDER_POINTS = 60
KNOWN_DOMAIN_POINTS = 45
DOMAIN_POINTS = 60
DOMAIN_FIRST_WORD_POINTS = 45
DISPLAY_NAME_POINTS = 45
SUBJECT_POINTS = 40
TEXT_POINTS = 30
QUOTED_POINTS = 15
ROLE_POINTS = 25
ROLE_WORDS_POINTS = 20
OLDER_THAN_APPLICATION_POINTS = -30
# A thread's subject must say something of its own to count ("Your application" does not).
MIN_THREAD_SUBJECT = 20
MIN_LABEL = 3


@dataclass(frozen=True)
class ApplicationCandidate:
    """One of the user's applications, as much as matching and suggesting need of it."""

    id: Hashable
    company_name: str
    role_title: str
    applied_date: date | None = None
    status: str = ""
    # Message-IDs and subjects of the earlier inbox messages matched to this application.
    message_ids: frozenset[str] = frozenset()
    subjects: tuple[str, ...] = ()
    # Addresses that wrote about it before, and its contacts' (lower case): a company whose domain
    # does not spell its name (Greyhaven Software at ghsoft.co) is known by its people.
    known_senders: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Match:
    application_id: Hashable | None
    score: float = 0
    reasons: tuple[str, ...] = ()
    # True when two or more applications were equally good and none was chosen.
    ambiguous: bool = False


@dataclass(frozen=True)
class _Company:
    full: str  # compact name without legal suffixes: "acmerobotics"
    core: str  # ... and without generic words: "acmerobotics" for "Acme Robotics Technologies"
    first: str  # its first distinctive word: "acme"
    mention: re.Pattern[str] | None  # how the text names it


def _name_words(name: str, rules: SenderRules) -> list[str]:
    found = words(name)
    kept = [word for word in found if word not in rules.company_suffixes]
    return kept or found


@functools.lru_cache(maxsize=512)
def _company(name: str) -> _Company:
    rules = sender_rules()
    named = _name_words(name, rules)
    core = [word for word in named if word not in rules.company_generic_words] or named
    mention = None
    if len(named) > 1:
        # Multi-word names are distinctive in any case: "meridian & hale", "Meridian and Hale".
        joined = r"\W{1,5}(?:and\W{1,3})?".join(re.escape(word) for word in named)
        mention = re.compile(rf"(?<!\w){joined}(?!\w)", re.IGNORECASE)
    elif named and len(named[0]) >= MIN_LABEL:
        # One word may be an ordinary word ("cobalt blue"): only its capitalised spelling counts.
        word = named[0]
        spellings = {word.capitalize(), word.upper(), "".join(clean(name).split())}
        mention = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in spellings if s) + r")(?!\w)")
    return _Company(full="".join(named), core="".join(core), first=core[0] if core else "", mention=mention)


def _registrable(domain: str, rules: SenderRules) -> tuple[str, list[str]]:
    """(`acme-robotics.com`'s registrable label `acme-robotics`, the labels before it)."""
    labels = [label for label in domain.lower().split(".") if label]
    if len(labels) >= 3 and ".".join(labels[-2:]) in rules.second_level_suffixes:
        return labels[-3], labels[:-3]
    if len(labels) >= 2:
        return labels[-2], labels[:-2]
    return (labels[0] if labels else ""), []


def _is_platform(domain: str, rules: SenderRules) -> bool:
    labels = domain.lower().split(".")
    return any(".".join(labels[index:]) in rules.platforms for index in range(len(labels) - 1))


def _label_points(label: str, company: _Company) -> int:
    label = compact(label)
    if len(label) < MIN_LABEL or not company.full:
        return 0
    if label in (company.full, company.core) or (label.startswith(company.core) and len(company.core) >= 4):
        return DOMAIN_POINTS
    if label == company.first and len(label) >= 4:
        return DOMAIN_FIRST_WORD_POINTS
    return 0


def _company_domain(domain: str, rules: SenderRules) -> bool:
    """A domain that belongs to one company: not a personal mailbox, not an ATS or job board."""
    return bool(domain) and domain not in rules.free_mail and not _is_platform(domain, rules)


def _sender_labels(message: ParsedMessage, rules: SenderRules) -> list[str]:
    """The parts of the sender's address that may name a company."""
    domain = message.sender_domain
    if not domain or domain in rules.free_mail:
        return []
    local = message.from_address.partition("@")[0].lower()
    registrable, subdomains = _registrable(domain, rules)
    named = [label for label in subdomains if label not in rules.generic_local_parts]
    if _is_platform(domain, rules):
        return named + ([local] if local not in rules.generic_local_parts else [])
    return [registrable, *named]


def _mentions(pattern: re.Pattern[str] | None, text: str) -> bool:
    return bool(pattern and text and pattern.search(text))


def _role_points(role_title: str, haystack: str, company_words: set[str], rules: SenderRules) -> tuple[int, str]:
    role = normalise(role_title)
    if len(role) >= 4 and re.search(rf"(?<!\w){re.escape(role)}(?!\w)", haystack):
        return ROLE_POINTS, f"role {role_title!r} named"
    distinctive = [w for w in words(role_title) if w not in rules.role_generic_words and w not in company_words and len(w) > 1]
    if not distinctive:
        return 0, ""
    present = [w for w in distinctive if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", haystack)]
    if not present:
        return 0, ""
    return round(ROLE_WORDS_POINTS * len(present) / len(distinctive)), f"role words {', '.join(present)}"


def _score(message: ParsedMessage, candidate: ApplicationCandidate, rules: SenderRules) -> tuple[float, list[str]]:
    company = _company(candidate.company_name)
    points, reasons = 0.0, []

    def add(amount: float, why: str) -> None:
        nonlocal points
        points += amount
        reasons.append(f"{why} ({amount:+g})")

    if candidate.message_ids & message.thread_ids:
        add(THREAD_POINTS, "same thread")
    base = subject_base(message.subject)
    if len(base) >= MIN_THREAD_SUBJECT and base in {subject_base(subject) for subject in candidate.subjects}:
        add(THREAD_SUBJECT_POINTS, "subject of its thread")
    sender = message.from_address.lower()
    if sender and sender in candidate.known_senders and not _is_platform(message.sender_domain, rules):
        add(KNOWN_SENDER_POINTS, f"known sender {sender}")
    elif _company_domain(message.sender_domain, rules) and message.sender_domain in {
        known.rpartition("@")[2] for known in candidate.known_senders
    }:
        add(KNOWN_DOMAIN_POINTS, f"known domain {message.sender_domain}")
    domain_points = max((_label_points(label, company) for label in _sender_labels(message, rules)), default=0)
    if domain_points:
        add(domain_points, f"sender {message.from_address}")
    if _mentions(company.mention, clean(message.from_name)):
        add(DISPLAY_NAME_POINTS, f"sender name {message.from_name!r}")
    if _mentions(company.mention, clean(message.subject)):
        add(SUBJECT_POINTS, "subject names the company")
    if _mentions(company.mention, clean(message.text)):
        add(TEXT_POINTS, "text names the company")
    elif _mentions(company.mention, clean(message.quoted)):
        add(QUOTED_POINTS, "quoted text names the company")
    role_points, role_reason = _role_points(
        candidate.role_title, normalise(f"{message.subject} {message.text}"), set(words(candidate.company_name)), rules
    )
    if role_points:
        add(role_points, role_reason)
    if message.date and candidate.applied_date and message.date.date() < candidate.applied_date - timedelta(days=1):
        add(OLDER_THAN_APPLICATION_POINTS, "older than the application")
    return points, reasons


def application_match(message: ParsedMessage, candidates: Sequence[ApplicationCandidate]) -> Match:
    """The application the message is about, or Match(None) when none is clearly it."""
    rules = sender_rules()
    scored = sorted(
        ((*_score(message, candidate, rules), candidate) for candidate in candidates),
        key=lambda item: -item[0],
    )
    if not scored or scored[0][0] < MIN_SCORE:
        return Match(application_id=None, score=scored[0][0] if scored else 0)
    best, reasons, candidate = scored[0]
    if len(scored) > 1 and best - scored[1][0] < MIN_MARGIN:
        return Match(application_id=None, score=best, reasons=tuple(reasons), ambiguous=True)
    return Match(application_id=candidate.id, score=best, reasons=tuple(reasons))

"""From a parsed email to a suggested tracker update: the inbox pipeline's one entry point.

`suggestion_build` classifies the message (`classification`), finds its application
(`matching`), reads the interview's time (`dates`) and proposes a change in the tracker's own
vocabulary:

| kind | proposed | applied (part 2) through |
| --- | --- | --- |
| rejection | StatusChange(Rejected, outcome Rejected) | `outcome_create` (or `outcome_update`) with status Rejected |
| offer | StatusChange(Offer, outcome Offer) | `outcome_create` with status Offer |
| interview_invitation | NewStage(type, name, scheduled_at, stage_date) | `stage_create` (moves Applied → Interviewing) |
| assessment | NewStage(Take-Home / Coding Challenge, its deadline) | `stage_create` |
| application_received | StatusChange(Applied) while the application is Saved | `application_update` |
| recruiter_outreach, other | nothing | — |

A change the application already shows (a rejection of a Rejected application) proposes nothing.
Nothing here writes: the suggestion is data until the user accepts it.

Times without a zone are read in the sender's zone when their Date header has an offset other
than UTC (a recruiter's own mail client), else in the user's zone (ATS servers send in UTC,
which says nothing about the recruiter).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any

from careerhub import llm
from tracker.inbox.classification import UNRECOGNISED_CONFIDENCE, Classification, message_classify
from tracker.inbox.dates import Mention, calendar_start, is_choice, mentions_in
from tracker.inbox.kinds import MessageKind
from tracker.inbox.matching import ApplicationCandidate, Match, application_match
from tracker.inbox.parsing import ParsedMessage
from tracker.inbox.rules import date_rules, stage_rules, zone
from tracker.inbox.text import normalise
from tracker.models import ApplicationStatus, OutcomeStatus

# An appointment written a little before the email's own time is still this one (clock skew,
# a forward's date); older ones are past events ("thanks for meeting on Tuesday").
PAST_SLACK = timedelta(hours=12)
# US offsets: a sender there writes 03/10 for March 10.
MONTH_FIRST_OFFSETS = (timedelta(hours=-10), timedelta(hours=-4))


@dataclass(frozen=True)
class StatusChange:
    """Move the application to `status`; with `outcome_status`, by recording that outcome."""

    status: str
    outcome_status: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"action": "status_change", "status": self.status, "outcome_status": self.outcome_status}


@dataclass(frozen=True)
class NewStage:
    """Add an interview stage. `scheduled_at` is the appointment (None when the email names no
    time); `stage_date` is its day in the user's zone (ApplicationStage.stage_date)."""

    stage_name: str
    stage_type: str
    scheduled_at: datetime | None = None
    stage_date: date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": "stage_add",
            "stage_name": self.stage_name,
            "stage_type": self.stage_type,
            "scheduled_at": self.scheduled_at.isoformat() if self.scheduled_at else None,
            "stage_date": self.stage_date.isoformat() if self.stage_date else None,
        }


Proposal = StatusChange | NewStage


@dataclass(frozen=True)
class Suggestion:
    kind: str
    confidence: float
    application_id: Hashable | None
    proposed: Proposal | None
    model: str = llm.HEURISTIC_MODEL
    reasons: tuple[str, ...] = ()
    ambiguous_application: bool = False
    # The rules were unsure and the LLM did not answer (Classification.model_unanswered).
    model_unanswered: bool = False


# --- Time ------------------------------------------------------------------------------------------


def _user_zone(user_timezone: str) -> tzinfo:
    return zone(user_timezone or "UTC") or UTC


def message_zone(message: ParsedMessage, *, user_timezone: str) -> tzinfo:
    """The zone of times the email writes without one: the sender's own offset, else the user's zone."""
    offset = message.date.utcoffset() if message.date else None
    if offset:
        return timezone(offset)
    return _user_zone(user_timezone)


def _month_first(message: ParsedMessage, *, user_timezone: str) -> bool:
    country = message.sender_domain.rpartition(".")[2]
    if len(country) == 2 and country != "us":
        return False
    offset = message.date.utcoffset() if message.date else None
    if offset:
        return MONTH_FIRST_OFFSETS[0] <= offset <= MONTH_FIRST_OFFSETS[1]
    return user_timezone in date_rules().month_first_zones


def _mentions(message: ParsedMessage, text: str, *, user_timezone: str, sent_at: datetime | None) -> list[Mention]:
    return mentions_in(text, sent_at=sent_at, zone=message_zone(message, user_timezone=user_timezone),
                       month_first=_month_first(message, user_timezone=user_timezone))


def _upcoming(mentions: list[Mention], sent_at: datetime | None, *, deadline: bool) -> list[Mention]:
    return [m for m in mentions
            if m.timed and m.deadline == deadline and (sent_at is None or m.at >= sent_at - PAST_SLACK)]


def message_interview_time(
    message: ParsedMessage, *, user_timezone: str, received_at: datetime | None = None
) -> datetime | None:
    """When the interview the email names takes place, or None (no time, or several to choose from).

    A calendar part's DTSTART first; then the first upcoming time in the subject and the text that is
    not a deadline; the quoted earlier messages only when the email's own words name no time (a
    recruiter answering "confirmed, see you then" above the time the user proposed).
    """
    sent_at = message.date or received_at
    here = message_zone(message, user_timezone=user_timezone)
    for calendar in message.calendars:
        start = calendar_start(calendar, zone=here)
        if start is not None:
            return start
    own = f"{message.subject}\n{message.text}"
    upcoming = _upcoming(_mentions(message, own, user_timezone=user_timezone, sent_at=sent_at), sent_at, deadline=False)
    text = own
    if not upcoming and message.quoted:
        upcoming = _upcoming(_mentions(message, message.quoted, user_timezone=user_timezone, sent_at=sent_at),
                             sent_at, deadline=False)
        text = message.quoted
    if not upcoming:
        return None
    instants = list(dict.fromkeys(m.at for m in upcoming))
    user_zone = _user_zone(user_timezone)
    days = {moment.astimezone(user_zone).date() for moment in instants}
    if len(instants) > 1 and (len(days) > 1 or is_choice(text)):
        return None
    return upcoming[0].at


def message_deadline(message: ParsedMessage, *, user_timezone: str, received_at: datetime | None = None) -> datetime | None:
    """The first upcoming deadline the email names ("complete it by Friday, March 13 at 5pm")."""
    sent_at = message.date or received_at
    mentions = _mentions(message, f"{message.subject}\n{message.text}", user_timezone=user_timezone, sent_at=sent_at)
    upcoming = _upcoming(mentions, sent_at, deadline=True)
    return upcoming[0].at if upcoming else None


# --- Proposals ---------------------------------------------------------------------------------


def _stage(message: ParsedMessage, kind: str, when: datetime | None, *, user_timezone: str) -> NewStage:
    rules = stage_rules()
    text = normalise(f"{message.subject} {message.text}")
    default = rules.assessment_default if kind == MessageKind.ASSESSMENT else rules.interview_default
    candidates = rules.stage_types
    if kind == MessageKind.ASSESSMENT:
        candidates = tuple(rule for rule in candidates if rule.stage_type in ("Take-Home", "Coding Challenge"))
    chosen = next((rule for rule in candidates if rule.pattern and rule.pattern.search(text)), default)
    return NewStage(
        stage_name=chosen.stage_name,
        stage_type=chosen.stage_type,
        scheduled_at=when,
        stage_date=when.astimezone(_user_zone(user_timezone)).date() if when else None,
    )


def _status_change(kind: str, current: str) -> StatusChange | None:
    if kind == MessageKind.REJECTION:
        change = StatusChange(status=ApplicationStatus.REJECTED.value, outcome_status=OutcomeStatus.REJECTED.value)
    elif kind == MessageKind.OFFER:
        if current == ApplicationStatus.ACCEPTED:
            return None
        change = StatusChange(status=ApplicationStatus.OFFER.value, outcome_status=OutcomeStatus.OFFER.value)
    elif kind == MessageKind.APPLICATION_RECEIVED:
        if current not in ("", ApplicationStatus.SAVED):
            return None  # confirmations arrive after the user already tracked the application
        change = StatusChange(status=ApplicationStatus.APPLIED.value)
    else:
        return None
    return None if change.status == current else change


def suggestion_propose(
    message: ParsedMessage,
    *,
    classification: Classification,
    match: Match,
    applications: Sequence[ApplicationCandidate],
    user_timezone: str,
    received_at: datetime | None = None,
) -> Proposal | None:
    """The tracker change a classified, matched message proposes, or None."""
    kind = classification.kind
    if kind == MessageKind.INTERVIEW_INVITATION:
        when = message_interview_time(message, user_timezone=user_timezone, received_at=received_at)
        return _stage(message, kind, when, user_timezone=user_timezone)
    if kind == MessageKind.ASSESSMENT:
        when = message_deadline(message, user_timezone=user_timezone, received_at=received_at)
        return _stage(message, kind, when, user_timezone=user_timezone)
    current = next((candidate.status for candidate in applications if candidate.id == match.application_id), "")
    return _status_change(kind, current)


def suggestion_build(
    message: ParsedMessage,
    *,
    applications: Sequence[ApplicationCandidate],
    user_timezone: str,
    use_llm: bool = True,
    received_at: datetime | None = None,
) -> Suggestion:
    """The whole pipeline for one parsed message and the user's applications; writes nothing.

    `use_llm=False` keeps to the rules even when an LLM is configured (the labelled set's benchmark).
    Raises nothing for any message: an LLM that fails leaves the rules' classification.
    """
    classification = message_classify(message, use_llm=use_llm)
    # Newsletters and job alerts name many companies and belong to none of them; an email the rules
    # could not place at all (other, unsure) may still be about one.
    recognised_other = classification.kind == MessageKind.OTHER and classification.confidence > UNRECOGNISED_CONFIDENCE
    match = Match(application_id=None) if recognised_other else application_match(message, applications)
    proposed = suggestion_propose(message, classification=classification, match=match, applications=applications,
                                  user_timezone=user_timezone, received_at=received_at)
    return Suggestion(
        kind=classification.kind,
        confidence=classification.confidence,
        application_id=match.application_id,
        proposed=proposed,
        model=classification.model,
        reasons=classification.reasons + match.reasons,
        ambiguous_application=match.ambiguous,
        model_unanswered=classification.model_unanswered,
    )

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from tracker.inbox.matching import ApplicationCandidate
from tracker.inbox.parsing import ParsedMessage, message_parse
from tracker.inbox.suggestions import (
    NewStage,
    StatusChange,
    message_deadline,
    message_interview_time,
    message_zone,
    suggestion_build,
)
from tracker.models import ApplicationStatus
from tracker.tests.inbox import emails

NEW_YORK = ZoneInfo("America/New_York")
EST = timezone(timedelta(hours=-5))
ACME = ApplicationCandidate(id="acme", company_name="Acme Robotics", role_title="Senior Backend Engineer",
                            status=ApplicationStatus.APPLIED)
SAVED = ApplicationCandidate(id="pellucid", company_name="Pellucid AI", role_title="ML Engineer",
                             status=ApplicationStatus.SAVED)
REJECTED = ApplicationCandidate(id="cobalt", company_name="Cobalt", role_title="Frontend Engineer",
                                status=ApplicationStatus.REJECTED)


def acme(text: str, *, subject: str = "Your application", sent: datetime | None = None, **fields) -> ParsedMessage:
    return ParsedMessage(from_address="recruiting@acme-robotics.com", from_name="Acme Robotics Recruiting",
                         subject=subject, text=text, date=sent or datetime(2026, 3, 5, 10, 12, tzinfo=EST), **fields)


def test_a_rejection_proposes_the_rejected_status_with_its_outcome(no_llm):
    # when
    suggestion = suggestion_build(acme("We have decided to move forward with other candidates."),
                                  applications=[ACME], user_timezone="America/New_York")
    # then
    assert (suggestion.kind, suggestion.application_id) == ("rejection", "acme")
    assert suggestion.proposed == StatusChange(status="Rejected", outcome_status="Rejected")
    assert suggestion.proposed.as_dict() == {"action": "status_change", "status": "Rejected", "outcome_status": "Rejected"}
    assert suggestion.model == "heuristic" and suggestion.confidence > 0.8


def test_an_offer_proposes_the_offer_status_with_its_outcome(no_llm):
    # when
    suggestion = suggestion_build(acme("I'm delighted to extend you an offer for the position!"),
                                  applications=[ACME], user_timezone="UTC")
    # then
    assert suggestion.proposed == StatusChange(status="Offer", outcome_status="Offer")


def test_an_interview_invitation_proposes_a_stage_at_its_time(no_llm):
    # when
    suggestion = suggestion_build(
        acme("We'd like to invite you to a technical interview on Tuesday, March 10 at 2:30 PM EST."),
        applications=[ACME], user_timezone="Europe/Berlin",
    )
    # then
    at = datetime(2026, 3, 10, 14, 30, tzinfo=NEW_YORK)
    assert suggestion.proposed == NewStage(stage_name="Technical interview", stage_type="Technical", scheduled_at=at,
                                           stage_date=date(2026, 3, 10))
    assert suggestion.proposed.as_dict() == {
        "action": "stage_add", "stage_name": "Technical interview", "stage_type": "Technical",
        "scheduled_at": "2026-03-10T14:30:00-04:00", "stage_date": "2026-03-10",
    }


def test_the_stage_date_is_the_users_day():
    # given an interview at 7pm in Los Angeles, which is already the next day in Berlin
    message = acme("We'd like to invite you to an interview on March 10 at 7pm PT.")
    # when
    suggestion = suggestion_build(message, applications=[ACME], user_timezone="Europe/Berlin", use_llm=False)
    # then
    assert suggestion.proposed.stage_date == date(2026, 3, 11)


def test_an_invitation_without_a_time_proposes_an_undated_stage(no_llm):
    # when
    suggestion = suggestion_build(acme("I'd love to set up a phone screen. When are you free?"), applications=[ACME],
                                  user_timezone="UTC")
    # then
    assert suggestion.proposed == NewStage(stage_name="Phone screen", stage_type="Phone Screen")


def test_an_assessment_proposes_a_stage_due_at_its_deadline(no_llm):
    # given
    message = acme("Please complete the HackerRank coding test by March 9, 2026 11:59 PM EST.",
                   links=("https://www.hackerrank.com/tests/abc",))
    # when
    suggestion = suggestion_build(message, applications=[ACME], user_timezone="America/New_York")
    # then
    assert suggestion.kind == "assessment"
    assert suggestion.proposed == NewStage(stage_name="Coding challenge", stage_type="Coding Challenge",
                                           scheduled_at=datetime(2026, 3, 9, 23, 59, tzinfo=NEW_YORK),
                                           stage_date=date(2026, 3, 9))


def test_a_confirmation_proposes_applied_only_for_a_saved_application(no_llm):
    # given
    pellucid = ParsedMessage(from_address="jobs@pellucid.ai", text="We have received your application.")
    acme_confirmation = acme("We have received your application.")
    # when
    for_saved = suggestion_build(pellucid, applications=[SAVED, ACME], user_timezone="UTC")
    for_applied = suggestion_build(acme_confirmation, applications=[SAVED, ACME], user_timezone="UTC")
    # then
    assert for_saved.proposed == StatusChange(status="Applied")
    assert (for_applied.application_id, for_applied.proposed) == ("acme", None)


def test_a_change_the_application_already_shows_proposes_nothing(no_llm):
    # when
    suggestion = suggestion_build(
        ParsedMessage(from_address="lena@cobalt.so", text="Unfortunately, we will not be moving forward."),
        applications=[REJECTED], user_timezone="UTC",
    )
    # then
    assert (suggestion.kind, suggestion.application_id, suggestion.proposed) == ("rejection", "cobalt", None)


def test_outreach_and_newsletters_propose_nothing_and_alerts_match_no_application(no_llm):
    # given
    outreach = ParsedMessage(from_address="ben@northstar-talent.com", text="I came across your profile on LinkedIn.")
    alert = ParsedMessage(from_address="jobalerts-noreply@linkedin.com", subject="25 new jobs",
                          text="Your job alert for backend. Senior Backend Engineer at Acme Robotics.")
    # when
    outreach_suggestion = suggestion_build(outreach, applications=[ACME], user_timezone="UTC")
    alert_suggestion = suggestion_build(alert, applications=[ACME], user_timezone="UTC")
    # then
    assert (outreach_suggestion.kind, outreach_suggestion.proposed) == ("recruiter_outreach", None)
    assert (alert_suggestion.kind, alert_suggestion.application_id, alert_suggestion.proposed) == ("other", None, None)


def test_an_email_the_rules_cannot_place_still_finds_its_application(no_llm):
    # when
    suggestion = suggestion_build(acme("Lorem ipsum dolor sit amet."), applications=[ACME], user_timezone="UTC")
    # then
    assert (suggestion.kind, suggestion.application_id, suggestion.proposed) == ("other", "acme", None)


def test_times_without_a_zone_are_in_the_senders_zone_or_else_the_users():
    # given one email from a recruiter's own client (−05:00) and one from an ATS server (UTC)
    recruiter = acme("x", sent=datetime(2026, 3, 5, 10, tzinfo=EST))
    server = acme("x", sent=datetime(2026, 3, 5, 15, tzinfo=UTC))
    # then
    assert message_zone(recruiter, user_timezone="Europe/Berlin") == EST
    assert message_zone(server, user_timezone="Europe/Berlin") == ZoneInfo("Europe/Berlin")
    assert message_zone(ParsedMessage(), user_timezone="not a zone") == UTC


def test_us_senders_write_the_month_first_and_others_the_day_first():
    # given "03/04" (March 4 or 3 April) from New York and from a German domain
    us = acme("Interview on 03/04 at 2pm", sent=datetime(2026, 2, 27, 12, tzinfo=EST))
    german = ParsedMessage(from_address="jana@tidewater-health.de", text="Interview on 03/04 at 14:00",
                           date=datetime(2026, 2, 27, 12, tzinfo=timezone(timedelta(hours=1))))
    # then
    assert message_interview_time(us, user_timezone="UTC").date() == date(2026, 3, 4)
    assert message_interview_time(german, user_timezone="UTC").date() == date(2026, 4, 3)


def test_a_calendar_part_decides_the_time():
    # given text and calendar part that disagree: the calendar is what lands in the calendar
    calendar = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260312T150000Z\r\nEND:VEVENT\r\nEND:VCALENDAR"
    message = acme("See you on March 11 at 10am!", calendars=(calendar,))
    # then
    assert message_interview_time(message, user_timezone="UTC") == datetime(2026, 3, 12, 15, tzinfo=UTC)


def test_past_times_deadlines_and_choices_are_not_the_interview():
    # then
    assert message_interview_time(acme("Thanks for meeting on March 2 at 3pm. Next: March 10 at 2pm."),
                                  user_timezone="UTC") == datetime(2026, 3, 10, 14, tzinfo=EST)
    assert message_interview_time(acme("Please confirm by March 9 at 5pm."), user_timezone="UTC") is None
    assert message_interview_time(acme("Would Tuesday March 10 at 2pm or Wednesday March 11 at 10am work?"),
                                  user_timezone="UTC") is None
    assert message_interview_time(acme("Pick one of these slots: March 10 at 2pm, March 10 at 4pm."),
                                  user_timezone="UTC") is None
    assert message_interview_time(acme("2pm ET / 11am PT on Thursday, March 19"), user_timezone="UTC"
                                  ) == datetime(2026, 3, 19, 18, tzinfo=UTC)


def test_a_reply_confirming_a_quoted_time_takes_that_time():
    # given
    raw = emails.plain(
        "Perfect, you're all set!\n\nOn Sun, Mar 1, 2026 at 8:14 PM Ada <ada@example.com> wrote:\n"
        "> Thursday, March 5 at 1pm EST works great for me.\n",
        subject="Re: Interview", date="Mon, 02 Mar 2026 10:05:00 -0500",
    )
    # then
    assert message_interview_time(message_parse(raw), user_timezone="UTC") == datetime(2026, 3, 5, 13, tzinfo=NEW_YORK)


def test_an_email_without_a_date_counts_from_when_it_was_received():
    # given
    message = ParsedMessage(text="Are you free tomorrow at 10am?")
    # when
    found = message_interview_time(message, user_timezone="America/New_York",
                                   received_at=datetime(2026, 3, 9, 20, tzinfo=UTC))
    # then
    assert found == datetime(2026, 3, 10, 10, tzinfo=NEW_YORK)
    assert message_interview_time(message, user_timezone="UTC") is None


def test_the_deadline_is_the_first_upcoming_one():
    # then
    assert message_deadline(acme("Submit it by Friday, March 6 at 5pm; the review is on March 9 at 10am."),
                            user_timezone="UTC") == datetime(2026, 3, 6, 17, tzinfo=EST)
    assert message_deadline(acme("No deadline, take your time."), user_timezone="UTC") is None


def test_with_an_llm_an_unsure_email_is_classified_by_the_model(llm_stub):
    # given
    llm_stub.queue(llm_stub.structured({"kind": "rejection", "confidence": 0.9}))
    # when
    suggestion = suggestion_build(acme("Lorem ipsum dolor sit amet."), applications=[ACME], user_timezone="UTC")
    # then
    assert (suggestion.kind, suggestion.application_id) == ("rejection", "acme")
    assert suggestion.proposed == StatusChange(status="Rejected", outcome_status="Rejected")
    assert suggestion.model != "heuristic"

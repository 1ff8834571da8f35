"""The inbox API: uploads (.eml and JSON), processing into suggestions, accepting and dismissing
them, the settings' auto_apply, the forwarding address, deletion and retention."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import format_datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tracker.inbox.models import InboxMessage, InboxSuggestion, SuggestionStatus
from tracker.models import ActivityAction, ActivityLog, Application, ApplicationStage, ApplicationStatus, Outcome
from tracker.services.inbox import inbox_messages_forget_old
from tracker.tests import factories

pytestmark = pytest.mark.django_db

MESSAGES = "/api/v1/inbox/messages"
SUGGESTIONS = "/api/v1/inbox/suggestions"
NEW_YORK = ZoneInfo("America/New_York")


def eml(body: str, *, subject: str, message_id: str = "<m1@acme-robotics.com>", sent: datetime | None = None) -> bytes:
    sent = sent or timezone.now() - timedelta(hours=2)
    return "\r\n".join([
        "From: Acme Robotics Recruiting <careers@acme-robotics.com>",
        "To: Ada Lovelace <ada@example.com>",
        f"Subject: {subject}",
        f"Date: {format_datetime(sent.astimezone(NEW_YORK))}",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        "",
        body,
    ]).encode("utf-8")


REJECTION = (
    "Dear Ada,\r\n\r\nThank you for your interest in the Senior Backend Engineer role at Acme Robotics. "
    "After careful consideration, we regret to inform you that we have decided to move forward with other "
    "candidates.\r\n\r\nBest,\r\nAcme Robotics Talent Team"
)


def invitation_at(when: datetime) -> str:
    local = when.astimezone(NEW_YORK)
    return (
        "Hi Ada,\r\n\r\nThanks for applying to the Senior Backend Engineer role at Acme Robotics. We would like to "
        "invite you to a phone screen with our hiring team on "
        f"{local.strftime('%A, %B')} {local.day}, {local.year} at {local.strftime('%I:%M %p').lstrip('0')} ET.\r\n\r\n"
        "Best,\r\nJane, Acme Robotics Recruiting"
    )


def upload(client, raw: bytes, name: str = "mail.eml"):
    return client.post(MESSAGES, {"file": SimpleUploadedFile(name, raw, content_type="message/rfc822")}, format="multipart")


@pytest.fixture
def acme(user):
    user.timezone = "America/New_York"
    user.save(update_fields=["timezone"])
    return factories.application(
        user, company_name="Acme Robotics", role_title="Senior Backend Engineer", status=ApplicationStatus.APPLIED
    )


@pytest.fixture
def received(auth_client, acme, no_llm, django_capture_on_commit_callbacks):
    """upload(raw) as the user, with the processing task run as it would be after commit."""

    def send(raw: bytes):
        with django_capture_on_commit_callbacks(execute=True):
            return upload(auth_client, raw)

    return send


def test_an_uploaded_rejection_waits_as_a_suggestion_and_changes_nothing_until_accepted(auth_client, acme, received):
    # when
    response = received(eml(REJECTION, subject="Your application to Acme Robotics"))

    # then the message was received and processed into a pending suggestion ...
    assert response.status_code == 202, response.json()
    assert response.json()["status"] == "received"
    suggestions = auth_client.get(SUGGESTIONS).json()
    assert len(suggestions) == 1
    suggestion = suggestions[0]
    assert suggestion["kind"] == "rejection"
    assert suggestion["application_id"] == str(acme.pk)
    assert suggestion["confidence"] >= 0.7
    assert suggestion["proposed"] == {"action": "status_change", "status": "Rejected", "outcome_status": "Rejected"}
    assert suggestion["message"]["from"] == "careers@acme-robotics.com"
    assert suggestion["message"]["subject"] == "Your application to Acme Robotics"
    assert suggestion["message"]["excerpt"].startswith("Dear Ada")
    # ... and the application is untouched
    acme.refresh_from_db()
    assert acme.status == ApplicationStatus.APPLIED
    assert not Outcome.objects.filter(application=acme).exists()

    # when accepted
    accepted = auth_client.post(f"{SUGGESTIONS}/{suggestion['id']}/accept")

    # then it went through the tracker's services: the outcome, the status and the activity log
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"] == "accepted"
    acme.refresh_from_db()
    assert acme.status == ApplicationStatus.REJECTED
    assert Outcome.objects.get(application=acme).status == "Rejected"
    assert ActivityLog.objects.filter(application=acme, action=ActivityAction.OUTCOME_ADDED).exists()
    assert auth_client.get(SUGGESTIONS).json() == []


def test_an_accepted_interview_invitation_adds_a_stage_that_keeps_its_time_in_the_calendar_feed(
    auth_client, acme, received
):
    # given an invitation for a week from now at 2:30 pm New York time
    day = (timezone.now() + timedelta(days=7)).astimezone(NEW_YORK)
    when = day.replace(hour=14, minute=30, second=0, microsecond=0)
    received(eml(invitation_at(when), subject="Interview invitation: Senior Backend Engineer"))
    suggestion = auth_client.get(SUGGESTIONS).json()[0]
    assert suggestion["kind"] == "interview_invitation"
    assert suggestion["proposed"]["action"] == "stage_add"
    assert datetime.fromisoformat(suggestion["proposed"]["scheduled_at"]) == when

    # when
    response = auth_client.post(f"{SUGGESTIONS}/{suggestion['id']}/accept")

    # then the stage has the time, the application moved on and the feed shows a timed event
    assert response.status_code == 200, response.json()
    stage = ApplicationStage.objects.get(application=acme)
    assert stage.scheduled_at == when
    assert stage.stage_date == when.date()
    acme.refresh_from_db()
    assert acme.status == ApplicationStatus.INTERVIEWING
    stages = auth_client.get(f"/api/v1/applications/{acme.pk}").json()["stages"]
    assert datetime.fromisoformat(stages[0]["scheduled_at"].replace("Z", "+00:00")) == when
    feed = auth_client.get("/api/v1/calendar/feed").json()["url"]
    body = auth_client.get(feed).content.decode()
    assert f"DTSTART:{when.astimezone(ZoneInfo('UTC')).strftime('%Y%m%dT%H%M%SZ')}" in body


def test_the_same_message_id_twice_is_one_message(auth_client, received):
    # given
    raw = eml(REJECTION, subject="Your application to Acme Robotics")
    first = received(raw)

    # when
    second = received(raw)

    # then
    assert first.status_code == 202
    assert second.status_code == 200, second.json()
    assert second.json()["status"] == "duplicate"
    assert second.json()["message"]["id"] == first.json()["message"]["id"]
    assert InboxMessage.objects.count() == 1
    assert InboxSuggestion.objects.count() == 1


def test_a_json_upload_of_a_confirmation_moves_a_saved_application_to_applied_once_accepted(
    auth_client, user, no_llm, django_capture_on_commit_callbacks
):
    # given a saved application
    saved = factories.application(user, company_name="Cobalt", role_title="Platform Engineer", status="Saved")
    fields = {
        "from": "Cobalt Careers <jobs@cobalt.io>",
        "to": "ada@example.com",
        "subject": "Thank you for applying to Cobalt",
        "date": (timezone.now() - timedelta(hours=1)).isoformat(),
        "text": "Hi Ada, thank you for applying for the Platform Engineer position at Cobalt. We have received "
                "your application and our team will review it.",
    }

    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(MESSAGES, fields, format="json")
    again = auth_client.post(MESSAGES, fields, format="json")

    # then
    assert response.status_code == 202, response.json()
    assert response.json()["message"]["from"] == "jobs@cobalt.io"
    assert again.json()["status"] == "duplicate"
    suggestion = auth_client.get(SUGGESTIONS).json()[0]
    assert suggestion["kind"] == "application_received"
    assert suggestion["proposed"] == {"action": "status_change", "status": "Applied", "outcome_status": None}
    assert auth_client.post(f"{SUGGESTIONS}/{suggestion['id']}/accept").status_code == 200
    saved.refresh_from_db()
    assert saved.status == ApplicationStatus.APPLIED
    assert saved.applied_date is not None


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "mail.eml"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "mail.eml"),
        (b"just some words, not an email at all\nsecond line\n", "mail.eml"),
    ],
)
def test_a_file_that_is_not_an_email_by_content_is_refused_with_415(auth_client, raw, name):
    # when
    response = upload(auth_client, raw, name)

    # then
    assert response.status_code == 415, response.json()
    assert response.json()["code"] == "unsupported_file_type"
    assert not InboxMessage.objects.exists()


def test_an_email_over_5_mb_is_refused_with_413(auth_client):
    # given a well-formed message a little over the cap
    raw = eml("x" * (5 * 1024 * 1024), subject="Big")

    # when
    response = upload(auth_client, raw)

    # then
    assert response.status_code == 413, response.json()
    assert not InboxMessage.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{}, {"from": "a@b.c"}, {"from": 3, "text": "x"}, {"from": "a@b.c", "text": ["x"]}],
)
def test_a_json_upload_without_a_sender_and_a_text_of_the_right_types_is_a_400(auth_client, body):
    response = auth_client.post(MESSAGES, body, format="json")

    assert response.status_code == 400, response.json()
    assert not InboxMessage.objects.exists()


def test_a_multipart_upload_without_a_file_is_a_400(auth_client):
    response = auth_client.post(MESSAGES, {"other": "x"}, format="multipart")

    assert response.status_code == 400
    assert response.json()["errors"] == {"file": ["No file was submitted."]}


def test_a_dismissed_suggestion_changes_nothing_and_cannot_be_decided_again(auth_client, acme, received):
    # given
    received(eml(REJECTION, subject="Your application to Acme Robotics"))
    suggestion_id = auth_client.get(SUGGESTIONS).json()[0]["id"]

    # when
    dismissed = auth_client.post(f"{SUGGESTIONS}/{suggestion_id}/dismiss")

    # then
    assert dismissed.status_code == 200
    assert dismissed.json()["status"] == "dismissed"
    acme.refresh_from_db()
    assert acme.status == ApplicationStatus.APPLIED
    assert auth_client.get(SUGGESTIONS).json() == []
    for action in ("accept", "dismiss"):
        again = auth_client.post(f"{SUGGESTIONS}/{suggestion_id}/{action}")
        assert again.status_code == 409
        assert again.json()["code"] == "already_decided"


def test_a_suggestion_whose_application_was_deleted_cannot_be_accepted(auth_client, acme, received):
    # given
    received(eml(REJECTION, subject="Your application to Acme Robotics"))
    suggestion_id = auth_client.get(SUGGESTIONS).json()[0]["id"]
    assert auth_client.delete(f"/api/v1/applications/{acme.pk}").status_code in (200, 204)

    # when
    response = auth_client.post(f"{SUGGESTIONS}/{suggestion_id}/accept")

    # then
    assert response.status_code == 409
    assert response.json()["code"] == "application_gone"


def test_a_kind_the_user_opted_into_is_applied_without_asking(auth_client, acme, received):
    # given
    settings_response = auth_client.put("/api/v1/inbox/settings", {"auto_apply": ["rejection"]}, format="json")
    assert settings_response.status_code == 200, settings_response.json()
    assert auth_client.get("/api/v1/inbox/settings").json() == {"auto_apply": ["rejection"]}

    # when
    received(eml(REJECTION, subject="Your application to Acme Robotics"))

    # then
    acme.refresh_from_db()
    assert acme.status == ApplicationStatus.REJECTED
    assert InboxSuggestion.objects.get().status == SuggestionStatus.AUTO_APPLIED
    assert auth_client.get(SUGGESTIONS).json() == []


def test_a_kind_the_user_did_not_opt_into_still_waits(auth_client, acme, received):
    # given
    auth_client.put("/api/v1/inbox/settings", {"auto_apply": ["offer"]}, format="json")

    # when
    received(eml(REJECTION, subject="Your application to Acme Robotics"))

    # then
    acme.refresh_from_db()
    assert acme.status == ApplicationStatus.APPLIED
    assert len(auth_client.get(SUGGESTIONS).json()) == 1


@pytest.mark.parametrize("body", [{"auto_apply": ["other"]}, {"auto_apply": ["recruiter_outreach"]}, {"auto_apply": "rejection"}, {}])
def test_settings_refuse_kinds_that_change_nothing_and_malformed_bodies(auth_client, body):
    response = auth_client.put("/api/v1/inbox/settings", body, format="json")

    assert response.status_code == 400, response.json()


def test_the_forwarding_address_is_stable_until_rotated(auth_client, settings):
    # given
    settings.INBOX_DOMAIN = "inbox.careerhub.test"
    first = auth_client.get("/api/v1/inbox/address").json()["address"]

    # when
    again = auth_client.get("/api/v1/inbox/address").json()["address"]
    rotated = auth_client.post("/api/v1/inbox/address/rotate").json()["address"]

    # then
    assert first == again
    assert first.startswith("in+") and first.endswith("@inbox.careerhub.test")
    assert rotated != first
    assert auth_client.get("/api/v1/inbox/address").json()["address"] == rotated


def test_a_deleted_message_takes_its_suggestion_but_not_an_applied_change(auth_client, acme, received):
    # given an accepted rejection
    message_id = received(eml(REJECTION, subject="Your application to Acme Robotics")).json()["message"]["id"]
    suggestion_id = auth_client.get(SUGGESTIONS).json()[0]["id"]
    auth_client.post(f"{SUGGESTIONS}/{suggestion_id}/accept")

    # when
    response = auth_client.delete(f"{MESSAGES}/{message_id}")

    # then
    assert response.status_code == 200
    assert auth_client.get(f"{MESSAGES}/{message_id}").status_code == 404
    assert not InboxSuggestion.objects.exists()
    acme.refresh_from_db()
    assert acme.status == ApplicationStatus.REJECTED


def test_retention_deletes_messages_older_than_the_setting_with_their_suggestions(user, acme, received, settings):
    # given one message received 31 days ago and one today
    settings.INBOX_RETENTION_DAYS = 30
    received(eml(REJECTION, subject="Your application to Acme Robotics", message_id="<old@acme-robotics.com>"))
    received(eml(REJECTION, subject="Your application to Acme Robotics", message_id="<new@acme-robotics.com>"))
    InboxMessage.objects.filter(message_id="<old@acme-robotics.com>").update(
        received_at=timezone.now() - timedelta(days=31)
    )

    # when
    deleted = inbox_messages_forget_old()

    # then
    assert deleted == 1
    assert list(InboxMessage.objects.values_list("message_id", flat=True)) == ["<new@acme-robotics.com>"]
    assert InboxSuggestion.objects.count() == 1


def test_a_later_reply_in_the_thread_is_matched_by_the_thread_alone(auth_client, user, no_llm, django_capture_on_commit_callbacks):
    # given two applications at companies the reply does not name, and an earlier message matched to one
    first = factories.application(user, company_name="Greyhaven Software", role_title="Data Engineer", status="Applied")
    factories.application(user, company_name="Northwind", role_title="Data Engineer", status="Applied")
    fields = {
        "from": "Sam <sam@ghsoft.co>",
        "subject": "Data Engineer at Greyhaven Software",
        "text": "Hi Ada, thank you for applying to Greyhaven Software for the Data Engineer role.",
        "message_id": "<thread-1@ghsoft.co>",
    }
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post(MESSAGES, fields, format="json")
    assert InboxMessage.objects.get().application_id == first.pk

    # when the reply names neither company
    reply = eml("Unfortunately we have decided not to move forward with your candidacy.", subject="Re: next steps",
                message_id="<thread-2@ghsoft.co>").replace(b"MIME-Version", b"In-Reply-To: <thread-1@ghsoft.co>\r\nMIME-Version")
    reply = reply.replace(b"careers@acme-robotics.com", b"sam@ghsoft.co").replace(b"Acme Robotics Recruiting", b"Sam")
    with django_capture_on_commit_callbacks(execute=True):
        upload(auth_client, reply)

    # then
    assert InboxMessage.objects.get(message_id="<thread-2@ghsoft.co>").application_id == first.pk


# --- Outsiders ----------------------------------------------------------------------------------


def test_someone_elses_messages_and_suggestions_are_not_found(auth_client, other_client, acme, received):
    # given A's processed rejection
    message_id = received(eml(REJECTION, subject="Your application to Acme Robotics")).json()["message"]["id"]
    suggestion_id = auth_client.get(SUGGESTIONS).json()[0]["id"]

    # then B sees none of it and can touch none of it
    assert other_client.get(MESSAGES).json() == []
    assert other_client.get(SUGGESTIONS).json() == []
    assert other_client.get(f"{MESSAGES}/{message_id}").status_code == 404
    assert other_client.delete(f"{MESSAGES}/{message_id}").status_code == 404
    assert other_client.post(f"{SUGGESTIONS}/{suggestion_id}/accept").status_code == 404
    assert other_client.post(f"{SUGGESTIONS}/{suggestion_id}/dismiss").status_code == 404
    # and A's data is as it was
    assert InboxSuggestion.objects.get().status == SuggestionStatus.PENDING
    assert Application.objects.get(pk=acme.pk).status == ApplicationStatus.APPLIED


def test_the_same_message_for_two_users_is_two_messages(auth_client, other_client, acme, received):
    # given
    raw = eml(REJECTION, subject="Your application to Acme Robotics")
    received(raw)

    # when
    response = upload(other_client, raw)

    # then
    assert response.status_code == 202
    assert InboxMessage.objects.count() == 2
    assert other_client.get("/api/v1/inbox/address").json()["address"] != auth_client.get("/api/v1/inbox/address").json()["address"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", MESSAGES),
        ("post", MESSAGES),
        ("get", f"{MESSAGES}/00000000-0000-0000-0000-000000000000"),
        ("delete", f"{MESSAGES}/00000000-0000-0000-0000-000000000000"),
        ("get", SUGGESTIONS),
        ("post", f"{SUGGESTIONS}/00000000-0000-0000-0000-000000000000/accept"),
        ("post", f"{SUGGESTIONS}/00000000-0000-0000-0000-000000000000/dismiss"),
        ("get", "/api/v1/inbox/settings"),
        ("put", "/api/v1/inbox/settings"),
        ("get", "/api/v1/inbox/address"),
        ("post", "/api/v1/inbox/address/rotate"),
    ],
)
def test_every_inbox_route_needs_a_sign_in(api_client, method, path):
    response = getattr(api_client, method)(path, {}, format="json")

    assert response.status_code == 401


# --- Query counts -------------------------------------------------------------------------------


def test_the_lists_cost_a_fixed_number_of_queries_however_many_rows(
    auth_client, user, acme, received, django_assert_num_queries
):
    # given ten processed messages, each with a suggestion
    for n in range(10):
        received(eml(REJECTION, subject="Your application to Acme Robotics", message_id=f"<m{n}@acme-robotics.com>"))

    # then: the user, then one query each
    with django_assert_num_queries(2):
        assert len(auth_client.get(MESSAGES).json()) == 10
    with django_assert_num_queries(2):
        assert len(auth_client.get(SUGGESTIONS).json()) == 10


def test_the_inbox_beat_entries_name_registered_tasks(settings):
    from celery import current_app

    for entry in ("tracker-inbox-read-mailboxes", "tracker-inbox-forget-old-messages"):
        assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] in current_app.tasks

"""An email the rules are unsure of, when the LLM does not answer: the rules' reading at once, the
model asked again later (docs/inbox.md, "When the LLM does not answer")."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from tracker.inbox.models import InboxMessage, InboxSuggestion, SuggestionStatus
from tracker.models import ApplicationStatus
from tracker.services.inbox import inbox_messages_ask_model_again
from tracker.tests.inbox.test_inbox_api import MESSAGES, SUGGESTIONS, eml, upload

pytestmark = pytest.mark.django_db

# One supporting phrase ("keep your resume on file"): the rules read a rejection, unsure (0.63).
UNSURE_REJECTION = (
    "Hi Ada,\r\n\r\nA note about the Senior Backend Engineer role at Acme Robotics: we will keep your resume "
    "on file.\r\n\r\nAcme Robotics Talent Team"
)


@pytest.fixture
def acme(user):
    from tracker.tests import factories

    return factories.application(
        user, company_name="Acme Robotics", role_title="Senior Backend Engineer", status=ApplicationStatus.APPLIED
    )


@pytest.fixture
def received_while_down(auth_client, acme, llm_stub, django_capture_on_commit_callbacks):
    """upload(raw) processed while the provider answers nothing but errors; the message."""

    def send(raw: bytes) -> InboxMessage:
        with django_capture_on_commit_callbacks(execute=True):
            response = upload(auth_client, raw)
        assert response.status_code == 202, response.json()
        return InboxMessage.objects.get(pk=response.json()["message"]["id"])

    return send


def later(message: InboxMessage):
    return message.model_retry_at + timedelta(seconds=1)


def test_the_rules_reading_is_stored_at_once_and_the_model_asked_again_when_it_answers(
    auth_client, acme, llm_stub, received_while_down
):
    # given the provider is down when the email arrives
    started = timezone.now()
    message = received_while_down(eml(UNSURE_REJECTION, subject="Senior Backend Engineer"))

    # then the rules' reading stands at once, with its suggestion, and the model is due again later
    assert (message.kind, message.model, message.model_attempts) == ("rejection", "heuristic", 1)
    assert message.confidence < 0.7
    retry = timedelta(seconds=django_settings.INBOX_MODEL_RETRY_SECONDS)
    assert started + retry <= message.model_retry_at <= timezone.now() + retry
    shown = auth_client.get(f"{MESSAGES}/{message.pk}").json()
    assert shown["model_retry_at"] is not None and shown["kind"] == "rejection"
    assert [s["kind"] for s in auth_client.get(SUGGESTIONS).json()] == ["rejection"]
    # nothing is due yet
    asked = len(llm_stub.requests)
    assert inbox_messages_ask_model_again() == 0
    assert len(llm_stub.requests) == asked

    # when the model answers at the next try, and reads it otherwise
    llm_stub.queue(llm_stub.structured({"kind": "other", "confidence": 0.9}))
    assert inbox_messages_ask_model_again(now=later(message)) == 1

    # then its reading replaced the rules', together with their pending suggestion
    message.refresh_from_db()
    assert (message.kind, message.confidence, message.model_retry_at) == ("other", 0.9, None)
    assert message.model != "heuristic"
    assert auth_client.get(SUGGESTIONS).json() == []
    assert not InboxSuggestion.objects.filter(message=message).exists()
    assert auth_client.get(f"{MESSAGES}/{message.pk}").json()["model_retry_at"] is None
    acme.refresh_from_db()
    assert acme.status == ApplicationStatus.APPLIED


def test_the_models_reading_is_auto_applied_when_the_user_opted_in(auth_client, acme, llm_stub, received_while_down):
    # given rejections apply without asking, and an unsure one arrived while the provider was down
    auth_client.put("/api/v1/inbox/settings", {"auto_apply": ["rejection"]}, format="json")
    message = received_while_down(eml(UNSURE_REJECTION, subject="Senior Backend Engineer"))
    acme.refresh_from_db()
    assert acme.status == ApplicationStatus.APPLIED  # the rules alone were not sure enough

    # when the model confirms it
    llm_stub.queue(llm_stub.structured({"kind": "rejection", "confidence": 0.92}))
    inbox_messages_ask_model_again(now=later(message))

    # then the new suggestion was applied as the settings say
    suggestion = InboxSuggestion.objects.get(message=message)
    assert suggestion.status == SuggestionStatus.AUTO_APPLIED
    acme.refresh_from_db()
    assert acme.status == ApplicationStatus.REJECTED


def test_a_suggestion_the_user_decided_on_stands(auth_client, acme, llm_stub, received_while_down):
    # given the user dismissed the rules' suggestion before the model was asked again
    message = received_while_down(eml(UNSURE_REJECTION, subject="Senior Backend Engineer"))
    suggestion = InboxSuggestion.objects.get(message=message)
    assert auth_client.post(f"{SUGGESTIONS}/{suggestion.pk}/dismiss").status_code == 200

    # when the model answers otherwise
    llm_stub.queue(llm_stub.structured({"kind": "offer", "confidence": 0.95}))
    inbox_messages_ask_model_again(now=later(message))

    # then their decision and the reading it was made on stand; nothing is asked any more
    suggestion.refresh_from_db()
    message.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DISMISSED
    assert (message.kind, message.model_retry_at) == ("rejection", None)


def test_while_the_provider_stays_down_a_run_stops_at_the_first_unanswered_message_and_waits_longer(
    acme, llm_stub, received_while_down
):
    # given two unsure emails received while the provider was down
    first = received_while_down(eml(UNSURE_REJECTION, subject="Senior Backend Engineer", message_id="<a@acme-robotics.com>"))
    second = received_while_down(eml(UNSURE_REJECTION, subject="Senior Backend Engineer", message_id="<b@acme-robotics.com>"))
    per_ask = len(llm_stub.requests) // 2
    assert per_ask >= 1

    # when a run comes while it is still down
    before = len(llm_stub.requests)
    when = later(second)
    assert inbox_messages_ask_model_again(now=when) == 0

    # then one message was tried (the other waits for the next run), and it waits twice as long now
    assert len(llm_stub.requests) - before == per_ask
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.model_attempts == 2
    assert first.model_retry_at > when + timedelta(seconds=2 * django_settings.INBOX_MODEL_RETRY_SECONDS - 5)
    assert second.model_attempts == 1 and second.model_retry_at < when


def test_after_the_last_attempt_the_rules_reading_is_final(settings, acme, llm_stub, received_while_down):
    # given one try again at most
    settings.INBOX_MODEL_RETRY_ATTEMPTS = 1
    message = received_while_down(eml(UNSURE_REJECTION, subject="Senior Backend Engineer"))

    # when that try is unanswered too
    inbox_messages_ask_model_again(now=later(message))

    # then nothing is due any more, and the rules' reading and suggestion stay
    message.refresh_from_db()
    assert (message.model_retry_at, message.model_attempts, message.kind) == (None, 2, "rejection")
    assert InboxSuggestion.objects.get(message=message).status == SuggestionStatus.PENDING


def test_without_a_provider_any_more_the_rules_readings_become_final(settings, acme, llm_stub, received_while_down):
    # given an email waiting for the model
    message = received_while_down(eml(UNSURE_REJECTION, subject="Senior Backend Engineer"))

    # when the provider is removed before the next run
    settings.LLM_PROVIDER = ""
    settings.ANTHROPIC_API_KEY = ""
    settings.OPENAI_API_KEY = ""
    settings.OPENAI_BASE_URL = None
    asked = len(llm_stub.requests)
    assert inbox_messages_ask_model_again(now=later(message)) == 0

    # then it is not asked, and nothing waits
    assert len(llm_stub.requests) == asked
    message.refresh_from_db()
    assert message.model_retry_at is None and message.kind == "rejection"


def test_a_sure_reading_or_an_answered_model_schedules_nothing(auth_client, acme, llm_stub, django_capture_on_commit_callbacks):
    # given the model answers at once
    llm_stub.queue(llm_stub.structured({"kind": "rejection", "confidence": 0.9}))
    with django_capture_on_commit_callbacks(execute=True):
        upload(auth_client, eml(UNSURE_REJECTION, subject="Senior Backend Engineer"))
    message = InboxMessage.objects.get()
    assert (message.kind, message.model_retry_at, message.model_attempts) == ("rejection", None, 0)


def test_the_beat_runs_the_task():
    from careerhub.celery import app

    entry = django_settings.CELERY_BEAT_SCHEDULE["tracker-inbox-ask-model-again"]
    assert entry["task"] == "tracker.inbox_ask_model_again" and entry["task"] in app.tasks
    assert entry["schedule"] == timedelta(seconds=django_settings.INBOX_MODEL_RETRY_SECONDS)

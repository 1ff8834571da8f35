"""Free text in the tracker has a maximum (issue 15): one character more is a 400 naming the field.

Found from outside: application notes and descriptions, stage notes, contact, document and
saved-job notes and reminder descriptions each took ~1 MB, and 60 such applications made
`GET /applications?limit=200` answer 114 MB. The limits are checked on input only; rows written
before them keep their text (careerhub/tests/test_text_limits.py checks every serializer).
"""

import pytest

from tracker.models import DESCRIPTION_MAX_LENGTH, NOTES_MAX_LENGTH, SHORT_TEXT_MAX_LENGTH, Application
from tracker.tests import factories
from tracker.tests.test_csv import csv_text, upload

pytestmark = pytest.mark.django_db

# (what, the URL to create one, the required fields, the free-text field, its maximum)
CREATES = [
    ("application", "/api/v1/applications", {"company_name": "Acme", "role_title": "SRE"}, "description", DESCRIPTION_MAX_LENGTH),
    ("application", "/api/v1/applications", {"company_name": "Acme", "role_title": "SRE"}, "notes", NOTES_MAX_LENGTH),
    ("stage", "/api/v1/applications/{app}/stages", {"stage_name": "Screen"}, "notes", NOTES_MAX_LENGTH),
    ("stage", "/api/v1/applications/{app}/stages", {"stage_name": "Screen"}, "prep_notes", NOTES_MAX_LENGTH),
    ("stage", "/api/v1/applications/{app}/stages", {"stage_name": "Screen"}, "interviewer_names", SHORT_TEXT_MAX_LENGTH),
    ("outcome", "/api/v1/applications/{app}/outcome", {}, "benefits", SHORT_TEXT_MAX_LENGTH),
    ("outcome", "/api/v1/applications/{app}/outcome", {}, "negotiation_notes", NOTES_MAX_LENGTH),
    ("reflection", "/api/v1/applications/{app}/reflection", {}, "what_failed", NOTES_MAX_LENGTH),
    ("contact", "/api/v1/contacts", {"name": "Rita"}, "notes", NOTES_MAX_LENGTH),
    ("document", "/api/v1/documents", {"application_id": "{app}", "name": "Letter"}, "notes", NOTES_MAX_LENGTH),
    ("reminder", "/api/v1/reminders", {"title": "Call", "remind_at": "2030-01-01T09:00:00Z"}, "description", NOTES_MAX_LENGTH),
    ("saved job", "/api/v1/saved-jobs", {"company_name": "Globex"}, "notes", NOTES_MAX_LENGTH),
]


def _fill(value, application_id: str):
    return value.replace("{app}", application_id) if isinstance(value, str) else value


@pytest.mark.parametrize(("what", "url", "required", "field", "maximum"), CREATES, ids=[f"{c[0]} {c[3]}" for c in CREATES])
def test_free_text_takes_its_maximum_and_refuses_one_character_more(auth_client, user, what, url, required, field, maximum):
    # given an application for the records that hang off one
    application_id = str(factories.application(user).pk)
    url = _fill(url, application_id)
    body = {name: _fill(value, application_id) for name, value in required.items()}

    # when the text is one character too long, then it is a 400 naming the field and the maximum
    refused = auth_client.post(url, {**body, field: "x" * (maximum + 1)}, format="json")
    assert refused.status_code == 400, refused.json()
    assert refused.json()["errors"][field] == [f"Ensure this field has no more than {maximum} characters."]

    # and at the maximum it is stored whole
    accepted = auth_client.post(url, {**body, field: "x" * maximum}, format="json")
    assert accepted.status_code == 201, accepted.json()
    assert len(accepted.json()[field]) == maximum


def test_text_written_before_the_limits_stays_readable_and_the_row_editable(auth_client, user):
    # given an application whose notes were stored before there was a limit
    application = factories.application(user, company_name="Acme")
    Application.objects.filter(pk=application.pk).update(notes="n" * (NOTES_MAX_LENGTH * 5))
    url = f"/api/v1/applications/{application.pk}"

    # then it is returned whole, and an edit that leaves the notes alone succeeds
    assert len(auth_client.get(url).json()["notes"]) == NOTES_MAX_LENGTH * 5
    edited = auth_client.put(url, {"status": "Applied"}, format="json")
    assert edited.status_code == 200 and len(edited.json()["notes"]) == NOTES_MAX_LENGTH * 5
    # while sending the long notes back is held to the limit like any input
    assert auth_client.put(url, {"notes": "n" * (NOTES_MAX_LENGTH * 5)}, format="json").status_code == 400


def test_the_csv_import_holds_cells_to_the_same_maximum(auth_client):
    text = csv_text(
        {"company_name": "A", "role_title": "R", "notes": "x" * (NOTES_MAX_LENGTH + 1)},
        {"company_name": "B", "role_title": "R", "stage_name": "S", "stage_questions": "\n".join(["Why?"] * 501)},
    )
    response = upload(auth_client, text)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "rows.2.notes": [f"Ensure this field has no more than {NOTES_MAX_LENGTH} characters."],
        "rows.3.stage_questions": ["At most 500 questions, one per line."],
    }
    assert not Application.objects.exists()

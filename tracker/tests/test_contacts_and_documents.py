import pytest

from tracker.models import Contact, Document
from tracker.tests import factories

pytestmark = pytest.mark.django_db


# --- Contacts --------------------------------------------------------------------------------


def test_a_contact_needs_only_a_name_and_defaults_to_other(auth_client, user):
    response = auth_client.post("/api/v1/contacts/", {"name": "Rita"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["contact_type"] == "Other" and body["application_id"] is None and body["user_id"] == str(user.pk)
    assert set(body) == {
        "id", "user_id", "application_id", "name", "email", "phone", "role_title", "company", "contact_type",
        "linkedin_url", "notes", "last_contacted", "created_at", "updated_at",
    }


def test_a_contact_can_be_linked_to_the_users_own_application(auth_client, user):
    application = factories.application(user)
    body = auth_client.post(
        "/api/v1/contacts", {"name": "Hank", "application_id": str(application.pk), "contact_type": "Hiring Manager"}, format="json"
    ).json()
    assert body["application_id"] == str(application.pk) and body["contact_type"] == "Hiring Manager"


def test_linking_a_contact_to_someone_elses_application_is_404(auth_client, user, other_user):
    theirs = factories.application(other_user)
    mine = factories.contact(user)
    response = auth_client.post("/api/v1/contacts", {"name": "Eve", "application_id": str(theirs.pk)}, format="json")
    assert response.status_code == 404
    response = auth_client.put(f"/api/v1/contacts/{mine.pk}", {"application_id": str(theirs.pk)}, format="json")
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.application_id is None
    assert Contact.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "email": "not-an-email"}, "email"),
        ({"name": "x", "phone": "1" * 51}, "phone"),
        ({"name": "x", "contact_type": "Friend"}, "contact_type"),
        ({"name": "x", "linkedin_url": "x" * 501}, "linkedin_url"),
        ({"name": "x", "last_contacted": "yesterday"}, "last_contacted"),
        ({"name": "x" * 256}, "name"),
    ],
)
def test_invalid_contacts_are_400(auth_client, body, field):
    response = auth_client.post("/api/v1/contacts", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_contacts_filter_by_application_and_type(auth_client, user):
    application = factories.application(user)
    linked = factories.contact(user, name="A", application=application, contact_type="Recruiter")
    factories.contact(user, name="B", contact_type="Recruiter")
    factories.contact(user, name="C", contact_type="Peer")
    by_application = auth_client.get("/api/v1/contacts", {"application_id": str(application.pk)}).json()
    assert [c["id"] for c in by_application] == [str(linked.pk)]
    recruiters = auth_client.get("/api/v1/contacts", {"contact_type": "Recruiter"}).json()
    assert [c["name"] for c in recruiters] == ["A", "B"]
    assert auth_client.get("/api/v1/contacts", {"contact_type": "Boss"}).status_code == 400
    assert auth_client.get("/api/v1/contacts", {"application_id": "nope"}).status_code == 400


def test_a_contact_is_read_updated_and_deleted(auth_client, user):
    contact = factories.contact(user, company="Acme")
    assert auth_client.get(f"/api/v1/contacts/{contact.pk}").json()["company"] == "Acme"
    body = auth_client.put(f"/api/v1/contacts/{contact.pk}", {"last_contacted": "2026-02-01"}, format="json").json()
    assert body["last_contacted"] == "2026-02-01" and body["company"] == "Acme"
    assert auth_client.delete(f"/api/v1/contacts/{contact.pk}").json() == {"detail": "Contact deleted"}
    assert not Contact.objects.exists()


# --- Documents -------------------------------------------------------------------------------


def test_a_document_is_attached_to_an_application_and_listed_under_it(auth_client, user):
    application = factories.application(user)
    response = auth_client.post(
        "/api/v1/documents/", {"application_id": str(application.pk), "name": "CV 2026", "doc_type": "Resume"}, format="json"
    )
    assert response.status_code == 201
    assert set(response.json()) == {"id", "application_id", "doc_type", "name", "file_url", "notes", "created_at", "updated_at"}
    listed = auth_client.get(f"/api/v1/documents/{application.pk}").json()
    assert [d["name"] for d in listed] == ["CV 2026"]


def test_a_document_defaults_to_other(auth_client, user):
    application = factories.application(user)
    body = auth_client.post("/api/v1/documents", {"application_id": str(application.pk), "name": "x"}, format="json").json()
    assert body["doc_type"] == "Other"


def test_a_document_for_someone_elses_application_is_404(auth_client, other_user):
    theirs = factories.application(other_user)
    response = auth_client.post("/api/v1/documents", {"application_id": str(theirs.pk), "name": "x"}, format="json")
    assert response.status_code == 404
    assert not Document.objects.exists()
    assert auth_client.get(f"/api/v1/documents/{theirs.pk}").status_code == 404


def test_a_document_needs_an_application_and_a_known_type(auth_client, user):
    application = factories.application(user)
    assert auth_client.post("/api/v1/documents", {"name": "x"}, format="json").status_code == 400
    response = auth_client.post(
        "/api/v1/documents", {"application_id": str(application.pk), "name": "x", "doc_type": "Essay"}, format="json"
    )
    assert response.status_code == 400 and "doc_type" in response.json()["errors"]


def test_a_document_is_updated_and_deleted_by_its_own_id(auth_client, user):
    document = factories.document(factories.application(user), notes="n")
    body = auth_client.put(f"/api/v1/documents/{document.pk}", {"doc_type": "Portfolio", "file_url": "https://x.test/p"}, format="json").json()
    assert body["doc_type"] == "Portfolio" and body["file_url"] == "https://x.test/p" and body["notes"] == "n"
    assert auth_client.delete(f"/api/v1/documents/{document.pk}").json() == {"detail": "Document deleted"}
    assert not Document.objects.exists()

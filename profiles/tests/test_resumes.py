"""Seed 003 resume versions, their uploaded files (on disk here) and the owner-only download."""

import uuid

import pytest
from django.core.files.storage import default_storage

from profiles.models import ResumeVersion
from profiles.tests.documents import PNG_BYTES, make_doc, make_docx, make_pdf, upload

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/resumes/"


def detail_url(resume_id) -> str:
    return f"/api/v1/resumes/{resume_id}"


def upload_url(resume_id) -> str:
    return f"/api/v1/upload/resumes/{resume_id}"


def create(client, **body):
    body.setdefault("version_name", "General")
    response = client.post(LIST_URL, body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_read_update_and_delete_a_resume_version(auth_client, user):
    # when a version is created
    created = create(auth_client, version_name="Backend", notes="For backend roles")
    assert created["user_id"] == str(user.pk)
    assert created["version_name"] == "Backend" and created["notes"] == "For backend roles"
    assert created["file_url"] is None and created["file_name"] is None

    # then it can be read, partially updated and deleted
    assert auth_client.get(detail_url(created["id"])).json() == created
    updated = auth_client.put(detail_url(created["id"]), {"notes": None}, format="json").json()
    assert updated["version_name"] == "Backend" and updated["notes"] is None
    updated = auth_client.put(detail_url(created["id"]), {"version_name": None, "file_url": "https://example.com/cv.pdf"}, format="json").json()
    assert updated["version_name"] == "Backend" and updated["file_url"] == "https://example.com/cv.pdf"
    response = auth_client.delete(detail_url(created["id"]))
    assert response.status_code == 200
    assert response.json() == {"detail": "Resume version deleted"}
    assert auth_client.get(detail_url(created["id"])).status_code == 404


def test_the_list_is_newest_first_with_skip_and_limit(auth_client):
    names = [create(auth_client, version_name=f"v{index}")["version_name"] for index in range(3)]
    assert [item["version_name"] for item in auth_client.get(LIST_URL).json()] == names[::-1]
    assert [item["version_name"] for item in auth_client.get(LIST_URL, {"skip": 1, "limit": 1}).json()] == ["v1"]


@pytest.mark.parametrize("rows", [1, 25])
def test_the_list_costs_two_queries_whatever_its_length(auth_client, user, rows, django_assert_num_queries):
    ResumeVersion.objects.bulk_create([ResumeVersion(user=user, version_name=f"v{index}") for index in range(rows)])
    # 1. the user named by the access token, 2. the page of resume versions
    with django_assert_num_queries(2):
        response = auth_client.get(LIST_URL)
    assert len(response.json()) == rows


@pytest.mark.parametrize(
    "body",
    [{}, {"version_name": ""}, {"version_name": "x" * 51}, {"version_name": "ok", "file_url": "not a url"}, {"version_name": "ok", "file_url": "javascript:alert(1)"}],
)
def test_invalid_bodies_are_a_400(auth_client, body):
    assert auth_client.post(LIST_URL, body, format="json").status_code == 400


def test_someone_elses_resume_is_not_found_for_every_method(auth_client, other_client):
    resume = create(auth_client)
    assert other_client.get(detail_url(resume["id"])).status_code == 404
    assert other_client.put(detail_url(resume["id"]), {"notes": "mine"}, format="json").status_code == 404
    assert other_client.delete(detail_url(resume["id"])).status_code == 404
    assert other_client.post(upload_url(resume["id"]), {"file": upload("a.pdf", make_pdf())}, format="multipart").status_code == 404
    assert other_client.get(f"{detail_url(resume['id'])}/file").status_code == 404
    assert other_client.get(LIST_URL).json() == []
    assert ResumeVersion.objects.get().notes == ""


def test_every_resume_endpoint_needs_a_signed_in_user(api_client, auth_client):
    resume = create(auth_client)
    assert api_client.get(LIST_URL).status_code == 401
    assert api_client.post(LIST_URL, {"version_name": "x"}, format="json").status_code == 401
    assert api_client.get(detail_url(resume["id"])).status_code == 401
    assert api_client.put(detail_url(resume["id"]), {}, format="json").status_code == 401
    assert api_client.delete(detail_url(resume["id"])).status_code == 401
    assert api_client.post(upload_url(resume["id"]), {}, format="multipart").status_code == 401
    assert api_client.get(f"{detail_url(resume['id'])}/file").status_code == 401


def test_an_unknown_resume_is_404(auth_client):
    assert auth_client.get(detail_url(uuid.uuid4())).status_code == 404


# --- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("resume.pdf", make_pdf(), "application/pdf"),
        ("resume.docx", make_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("resume.doc", make_doc(), "application/msword"),
        ("no-extension", make_pdf(), "application/pdf"),
    ],
)
def test_a_pdf_doc_or_docx_is_stored_and_only_the_owner_can_download_it(auth_client, other_client, api_client, name, data, content_type):
    resume = create(auth_client)

    response = auth_client.post(upload_url(resume["id"]), {"file": upload(name, data)}, format="multipart")

    assert response.status_code == 200, response.json()
    body = response.json()
    download = f"http://testserver/api/v1/resumes/{resume['id']}/file"
    assert body["file_url"] == download
    assert body["resume"]["file_url"] == download
    assert body["resume"]["file_name"] == name
    assert body["resume"]["file_size"] == len(data)
    assert body["resume"]["content_type"] == content_type
    # the owner gets the bytes back; nobody else gets anything
    got = auth_client.get(download)
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == data
    assert got["Content-Type"] == content_type
    assert got["X-Content-Type-Options"] == "nosniff"
    assert other_client.get(download).status_code == 404
    assert api_client.get(download).status_code == 401


def test_the_type_is_read_from_the_content_not_the_name(auth_client):
    # given a PNG that calls itself a PDF
    resume = create(auth_client)

    # when it is uploaded
    response = auth_client.post(upload_url(resume["id"]), {"file": upload("resume.pdf", PNG_BYTES, "application/pdf")}, format="multipart")

    # then it is a 415 (DESIGN §2 over seed 003's 400) and nothing is stored
    assert response.status_code == 415
    assert response.json() == {
        "detail": "Unsupported file type: upload a PDF or Word document (.pdf, .doc, .docx).",
        "code": "unsupported_file_type",
    }
    assert not ResumeVersion.objects.get().file


def test_a_plain_text_file_is_not_a_resume_file(auth_client):
    resume = create(auth_client)
    response = auth_client.post(upload_url(resume["id"]), {"file": upload("resume.docx", b"just some text")}, format="multipart")
    assert response.status_code == 415 and response.json()["code"] == "unsupported_file_type"


def test_a_file_over_the_limit_is_a_413_like_every_upload(auth_client, settings):
    # given a limit smaller than the file, but not than the request guard's margin
    settings.MAX_UPLOAD_SIZE = 1024
    resume = create(auth_client)

    # when the file is uploaded
    response = auth_client.post(upload_url(resume["id"]), {"file": upload("big.pdf", make_pdf() + b" " * 2048)}, format="multipart")

    # then the service refuses it with a 413 (DESIGN §2 over seed 003's 400) and stores nothing
    assert response.status_code == 413
    assert response.json() == {"detail": "File too large: the limit is 1024 bytes.", "code": "payload_too_large"}
    assert not ResumeVersion.objects.get().file


def test_a_real_12_mb_upload_is_a_413_from_the_request_guard(auth_client):
    # given the real 10 MB limit and a 12 MB file
    resume = create(auth_client)
    big = make_pdf() + b" " * (12 * 1024 * 1024)

    # when it is uploaded
    response = auth_client.post(upload_url(resume["id"]), {"file": upload("big.pdf", big)}, format="multipart")

    # then the middleware refuses the body before Django reads it, in the same shape and code
    assert response.status_code == 413
    assert response.json() == {"detail": "The request is larger than the 10 MB limit.", "code": "payload_too_large"}
    assert not ResumeVersion.objects.get().file


def test_a_missing_file_is_a_400(auth_client):
    resume = create(auth_client)
    assert auth_client.post(upload_url(resume["id"]), {}, format="multipart").status_code == 400


def test_a_new_upload_replaces_the_old_file(auth_client, django_capture_on_commit_callbacks):
    resume = create(auth_client)
    auth_client.post(upload_url(resume["id"]), {"file": upload("a.pdf", make_pdf())}, format="multipart")
    first = ResumeVersion.objects.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post(upload_url(resume["id"]), {"file": upload("b.docx", make_docx())}, format="multipart")

    assert not default_storage.exists(first)
    assert default_storage.exists(ResumeVersion.objects.get().file.name)


def test_deleting_a_version_deletes_its_file(auth_client, django_capture_on_commit_callbacks):
    resume = create(auth_client)
    auth_client.post(upload_url(resume["id"]), {"file": upload("a.pdf", make_pdf())}, format="multipart")
    name = ResumeVersion.objects.get().file.name
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.delete(detail_url(resume["id"]))
    assert not default_storage.exists(name)


def test_sending_back_the_download_url_keeps_the_file(auth_client):
    resume = create(auth_client)
    uploaded = auth_client.post(upload_url(resume["id"]), {"file": upload("a.pdf", make_pdf())}, format="multipart").json()

    # a client that PUTs the whole object back, file_url included
    again = auth_client.put(detail_url(resume["id"]), {**uploaded["resume"], "notes": "edited"}, format="json").json()

    assert again["notes"] == "edited"
    assert again["file_url"] == uploaded["file_url"] and again["file_name"] == "a.pdf"


def test_an_external_link_replaces_an_uploaded_file_and_null_removes_both(auth_client, django_capture_on_commit_callbacks):
    resume = create(auth_client)
    auth_client.post(upload_url(resume["id"]), {"file": upload("a.pdf", make_pdf())}, format="multipart")
    name = ResumeVersion.objects.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        linked = auth_client.put(detail_url(resume["id"]), {"file_url": "https://example.com/me.pdf"}, format="json").json()
    assert linked["file_url"] == "https://example.com/me.pdf" and linked["file_name"] is None
    assert not default_storage.exists(name)

    cleared = auth_client.put(detail_url(resume["id"]), {"file_url": None}, format="json").json()
    assert cleared["file_url"] is None


def test_routes_answer_with_and_without_a_trailing_slash_under_both_prefixes(auth_client):
    resume = create(auth_client)
    for url in (f"/api/resumes/{resume['id']}", f"/api/resumes/{resume['id']}/", f"{detail_url(resume['id'])}/"):
        assert auth_client.get(url).status_code == 200


def test_a_storage_outage_is_a_503_that_changes_nothing(auth_client, settings, tmp_path):
    # given a storage that cannot write (its root is a file, not a directory)
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    resume = create(auth_client)
    settings.MEDIA_ROOT = str(blocker)

    response = auth_client.post(upload_url(resume["id"]), {"file": upload("a.pdf", make_pdf())}, format="multipart")

    assert response.status_code == 503
    assert response.json()["code"] == "storage_unavailable" and response["Retry-After"]
    assert not ResumeVersion.objects.get().file


def test_a_file_gone_from_the_storage_is_a_404_not_an_error(auth_client):
    resume = create(auth_client)
    auth_client.post(upload_url(resume["id"]), {"file": upload("a.pdf", make_pdf())}, format="multipart")
    default_storage.delete(ResumeVersion.objects.get().file.name)
    assert auth_client.get(f"{detail_url(resume['id'])}/file").status_code == 404

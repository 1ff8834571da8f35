"""Uploads on S3 through django-storages, against a real S3 server (SeaweedFS, DESIGN §4)."""

import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

import pytest

from profiles.models import CvUpload, ResumeVersion
from profiles.tests.documents import CV_TEXT, make_docx, make_pdf, upload

pytestmark = pytest.mark.django_db


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def objects(server, prefix: str) -> list[str]:
    listing = server.client().list_objects_v2(Bucket=server.bucket, Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]


def upload_resume(client, data: bytes, name: str = "resume.pdf") -> dict:
    resume = client.post("/api/v1/resumes/", {"version_name": "S3"}, format="json").json()
    response = client.post(f"/api/v1/upload/resumes/{resume['id']}", {"file": upload(name, data)}, format="multipart")
    assert response.status_code == 200, response.json()
    return response.json()


def test_an_uploaded_resume_lands_in_the_bucket_behind_a_short_lived_signed_url(auth_client, user, s3_storage):
    data = make_pdf()

    body = upload_resume(auth_client, data)

    # the object is in the bucket under the user's prefix
    keys = objects(s3_storage, f"resumes/{user.pk}/")
    assert keys == [ResumeVersion.objects.get().file.name]
    # file_url is a presigned URL that fetches exactly what was uploaded ...
    url = body["file_url"]
    assert url.startswith(s3_storage.endpoint_url) and "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
    assert fetch(url) == (200, data)
    assert body["resume"]["file_url"].split("?")[0] == url.split("?")[0]
    # ... while the same object without the signature is refused: the bucket is private
    parts = urlsplit(url)
    status, _ = fetch(urlunsplit(parts._replace(query="")))
    assert status == 403


def test_the_download_endpoint_streams_from_s3_for_the_owner(auth_client, other_client, s3_storage):
    data = make_docx()
    body = upload_resume(auth_client, data, "resume.docx")
    resume_id = body["resume"]["id"]
    response = auth_client.get(f"/api/v1/resumes/{resume_id}/file")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert other_client.get(f"/api/v1/resumes/{resume_id}/file").status_code == 404


def test_replacing_and_deleting_remove_the_objects(auth_client, user, s3_storage, django_capture_on_commit_callbacks):
    body = upload_resume(auth_client, make_pdf())
    resume_id = body["resume"]["id"]
    first = ResumeVersion.objects.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post(f"/api/v1/upload/resumes/{resume_id}", {"file": upload("new.docx", make_docx())}, format="multipart")
    second = ResumeVersion.objects.get().file.name
    assert objects(s3_storage, f"resumes/{user.pk}/") == [second] != [first]

    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.delete(f"/api/v1/resumes/{resume_id}").status_code == 200
    assert objects(s3_storage, f"resumes/{user.pk}/") == []


def test_an_uploaded_cv_is_kept_in_the_bucket(auth_client, user, s3_storage, no_llm):
    response = auth_client.post("/api/v1/profile/cv", {"file": upload("cv.txt", CV_TEXT.encode())}, format="multipart")
    assert response.status_code == 200, response.json()
    stored = CvUpload.objects.get().file.name
    assert objects(s3_storage, f"cvs/{user.pk}/") == [stored]
    assert s3_storage.client().get_object(Bucket=s3_storage.bucket, Key=stored)["Body"].read() == CV_TEXT.encode()

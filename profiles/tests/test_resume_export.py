"""GET /resumes/{id}/export: every format opened with a real reader (pdfminer, python-docx, the JSON
Resume schema), the download name, access and query counts."""

from __future__ import annotations

import io
import json
from urllib.parse import unquote

import docx
import pytest
from pdfminer.high_level import extract_text

from profiles.export.json_resume import validator
from profiles.models import Profile
from profiles.services import TailoredFor, Tailoring, resume_version_create_tailored
from profiles.tests.factories import create_resume_version

pytestmark = pytest.mark.django_db

CONTENT = {
    "basics": {
        "name": "Ada Lovelace",
        "label": "Senior Backend Engineer",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0000",
        "location": {"city": "London", "region": "", "country": "United Kingdom"},
        "links": [{"network": "GitHub", "url": "https://github.com/ada"}],
    },
    "summary": "Senior Backend Engineer bringing Python and PostgreSQL to the Backend Developer role at Acme Payments.",
    "skills": ["Python", "PostgreSQL", "Kubernetes"],
    "work": [
        {
            "company": "Analytical Engines Ltd",
            "title": "Senior Backend Engineer",
            "start_date": "Jan 2020",
            "end_date": "present",
            "highlights": ["Built the Python and PostgreSQL billing platform.", "Ran the on-call rota."],
        },
        {"company": "Difference Works", "title": "Software Engineer", "start_date": "2016-09", "end_date": "2019-12", "highlights": []},
    ],
    "education": [{"institution": "University of London", "degree": "BSc", "field": "Mathematics", "end_date": "2016"}],
}
PARSED_CV = {
    "name": "Ada Lovelace",
    "email": "ada@cv.example.com",
    "summary": "Backend engineer who likes careful systems.",
    "skills": ["Python", "Django"],
    "experience": [
        {"company": "Difference Works", "title": "Software Engineer", "start_date": "2016-09", "end_date": "2019-12", "description": "Kept the build green."}
    ],
    "education": [],
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def export_url(resume_id, export_format: str | None = None) -> str:
    url = f"/api/v1/resumes/{resume_id}/export"
    return f"{url}?format={export_format}" if export_format else url


def tailored(user, content=None, version_name: str = "Tailored — Backend Developer at Acme"):
    return resume_version_create_tailored(
        user=user,
        version_name=version_name,
        tailoring=Tailoring(content=content or CONTENT, keywords={"covered": [], "added_from_cv": [], "gaps": []}, removed_claims=[], model="heuristic"),
        tailored_for=TailoredFor(job_id=1, match_id=None, title="Backend Developer", company="Acme"),
        source_hash="0" * 64,
    )


def pdf_text(data: bytes) -> str:
    return extract_text(io.BytesIO(data))


def docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)


def json_resume(data: bytes) -> dict:
    document = json.loads(data)
    validator().validate(document)
    return document


READERS = {
    "pdf": ("application/pdf", pdf_text),
    "docx": (DOCX, docx_text),
    "json": ("application/json", lambda data: json.dumps(json_resume(data), ensure_ascii=False)),
    "md": ("text/markdown; charset=utf-8", lambda data: data.decode()),
}


class TestEachFormat:
    @pytest.mark.parametrize("export_format", list(READERS))
    def test_a_tailored_version_opens_in_a_real_reader_with_the_name_a_title_and_a_skill(self, auth_client, user, export_format):
        # given
        resume = tailored(user)
        content_type, read = READERS[export_format]

        # when
        response = auth_client.get(export_url(resume.pk, export_format))

        # then
        assert response.status_code == 200, response.content[:300]
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("attachment; ")
        assert response["Cache-Control"] == "private, no-store"
        text = read(response.content)
        for expected in ("Ada Lovelace", "Senior Backend Engineer", "Software Engineer", "PostgreSQL", "Analytical Engines Ltd", "University of London"):
            assert expected in text, (export_format, expected)

    @pytest.mark.parametrize("export_format", list(READERS))
    def test_a_plain_version_exports_the_profile_and_parsed_cv(self, auth_client, user, export_format):
        Profile.objects.create(user=user, current_role="Staff Engineer", skills=["Go"], parsed_cv=PARSED_CV)
        resume = create_resume_version(user, version_name="General")

        response = auth_client.get(export_url(resume.pk, export_format))

        assert response.status_code == 200
        text = READERS[export_format][1](response.content)
        for expected in ("Ada Lovelace", "Staff Engineer", "Software Engineer", "Difference Works", "Go", "Django", "Kept the build green."):
            assert expected in text, (export_format, expected)

    def test_the_json_resume_maps_every_section_onto_the_schema(self, auth_client, user):
        resume = tailored(user)

        document = json_resume(auth_client.get(export_url(resume.pk, "json")).content)

        assert document["basics"]["name"] == "Ada Lovelace" and document["basics"]["label"] == "Senior Backend Engineer"
        assert document["basics"]["location"] == {"city": "London", "countryCode": "GB"}
        assert document["basics"]["profiles"] == [{"network": "GitHub", "url": "https://github.com/ada"}]
        # "Jan 2020" becomes the schema's date; "present" is an ongoing position (no end date)
        assert document["work"][0] == {
            "name": "Analytical Engines Ltd",
            "position": "Senior Backend Engineer",
            "startDate": "2020-01",
            "highlights": ["Built the Python and PostgreSQL billing platform.", "Ran the on-call rota."],
        }
        assert document["education"] == [{"institution": "University of London", "studyType": "BSc", "area": "Mathematics", "endDate": "2016"}]
        assert document["skills"] == [{"name": "Python"}, {"name": "PostgreSQL"}, {"name": "Kubernetes"}]
        assert document["meta"] == {"version": "v1.0.0"}

    def test_names_in_other_scripts_survive_every_format(self, auth_client, user):
        resume = tailored(user, {**CONTENT, "basics": {**CONTENT["basics"], "name": "Zoë Łukasiewicz-Παπαδοπούλου"}})

        for export_format, (_, read) in READERS.items():
            text = read(auth_client.get(export_url(resume.pk, export_format)).content)
            assert "Zoë Łukasiewicz-Παπαδοπούλου" in text, export_format

    def test_control_characters_from_a_cv_do_not_break_any_format(self, auth_client, user):
        Profile.objects.create(
            user=user,
            parsed_cv={**PARSED_CV, "name": "Ada\x08 Lovelace\x0b", "summary": "Careful\x1b systems.\x07", "skills": ["Py\x01thon"]},
        )
        resume = create_resume_version(user)

        for export_format, (_, read) in READERS.items():
            response = auth_client.get(export_url(resume.pk, export_format))
            assert response.status_code == 200, export_format
            text = read(response.content)
            assert "Careful systems." in text and "\x1b" not in text, export_format

    def test_markdown_escapes_user_text(self, auth_client, user):
        resume = tailored(user, {**CONTENT, "summary": "See [my site](javascript:alert(1)) <script>x</script> *now*"})

        text = auth_client.get(export_url(resume.pk, "md")).content.decode()

        assert "\\[my site\\](javascript:alert(1)) \\<script\\>x\\</script\\> \\*now\\*" in text


class TestTheDownloadName:
    def test_it_is_the_person_and_the_version(self, auth_client, user):
        resume = tailored(user, version_name="Backend v2")

        response = auth_client.get(export_url(resume.pk, "pdf"))

        assert response["Content-Disposition"] == 'attachment; filename="Ada Lovelace - Backend v2.pdf"'

    def test_quotes_slashes_and_control_characters_never_reach_the_header(self, auth_client, user):
        resume = tailored(user, version_name='a"b/..\\c\r\nX-Evil: 1;d')

        header = auth_client.get(export_url(resume.pk, "docx"))["Content-Disposition"]

        assert header == 'attachment; filename="Ada Lovelace - a b .. c X-Evil 1 d.docx"'

    def test_a_non_ascii_name_gets_an_ascii_fallback_and_an_rfc_6266_filename_star(self, auth_client, user):
        resume = tailored(user, {**CONTENT, "basics": {**CONTENT["basics"], "name": "Zoë Łukasiewicz"}}, version_name="Tailored — Backend")

        header = auth_client.get(export_url(resume.pk, "md"))["Content-Disposition"]

        ascii_part, star_part = header.split("; filename*=")
        assert ascii_part == 'attachment; filename="Zoe _ukasiewicz - Tailored _ Backend.md"'
        assert star_part.startswith("UTF-8''") and unquote(star_part[len("UTF-8''"):]) == "Zoë Łukasiewicz - Tailored — Backend.md"
        assert header.isascii()


class TestTheRequest:
    @pytest.mark.parametrize("query", ["", "?format=html", "?format=PDF", "?format="])
    def test_anything_but_the_four_formats_is_a_400_naming_them(self, auth_client, user, query):
        resume = tailored(user)

        response = auth_client.get(f"/api/v1/resumes/{resume.pk}/export{query}")

        assert response.status_code == 400
        assert response.json()["errors"]["format"] == ["Choose an export format: pdf, docx, json, md."]

    def test_a_client_accepting_only_pdf_still_gets_the_file_and_json_errors(self, auth_client, user):
        resume = tailored(user)

        assert auth_client.get(export_url(resume.pk, "pdf"), HTTP_ACCEPT="application/pdf").status_code == 200
        error = auth_client.get(export_url(resume.pk, "rtf"), HTTP_ACCEPT="application/pdf")
        assert error.status_code == 400 and error.json()["code"]

    def test_someone_elses_version_is_not_found(self, other_client, user):
        resume = tailored(user)

        assert other_client.get(export_url(resume.pk, "pdf")).status_code == 404
        assert other_client.get(export_url(resume.pk, "nonsense")).status_code == 404  # no hint that it exists

    def test_anonymous_is_401(self, api_client, user):
        assert api_client.get(export_url(tailored(user).pk, "pdf")).status_code == 401

    def test_the_route_answers_under_api_and_with_a_trailing_slash(self, auth_client, user):
        assert auth_client.get(f"/api/resumes/{tailored(user).pk}/export/?format=md").status_code == 200


class TestQueryCounts:
    @pytest.mark.parametrize("export_format", list(READERS))
    def test_a_tailored_version_costs_two_queries(self, auth_client, user, export_format, django_assert_num_queries):
        resume = tailored(user)
        # 1. the user named by the access token, 2. the resume version (its content is on the row)
        with django_assert_num_queries(2):
            assert auth_client.get(export_url(resume.pk, export_format)).status_code == 200

    @pytest.mark.parametrize("export_format", list(READERS))
    def test_a_plain_version_costs_three_queries(self, auth_client, user, export_format, django_assert_num_queries):
        Profile.objects.create(user=user, parsed_cv=PARSED_CV)
        resume = create_resume_version(user)
        # 1. the user, 2. the resume version, 3. the profile with its parsed CV
        with django_assert_num_queries(3):
            assert auth_client.get(export_url(resume.pk, export_format)).status_code == 200

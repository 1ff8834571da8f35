import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.http import StreamingHttpResponse
from django.utils import timezone

from tracker.csv_format import COLUMNS
from tracker.models import ActivityLog, Application, ApplicationStage
from tracker.selectors import exports
from tracker.services import imports
from tracker.tests import factories

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/applications/export"
IMPORT = "/api/v1/applications/import"


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def export_text(client) -> str:
    response = client.get(EXPORT)
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8-sig")


def csv_text(*rows: dict[str, str], columns=COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def upload(client, text: str, name: str = "applications.csv", **extra):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(IMPORT, {"file": file, **extra}, format="multipart")


# --- Export ----------------------------------------------------------------------------------


def test_the_export_streams_one_row_per_stage_in_the_seeds_spelling(auth_client, user, other_user):
    # given
    with_stages = factories.application(
        user, company_name="Acme", role_title="SRE", status="Interviewing", job_type="full_time", work_mode="onsite",
        applied_date=timezone.localdate(), salary_min=100,
    )
    factories.stage(with_stages, stage_name="Screen", stage_type="Phone Screen", questions_asked=["Why?", "When?"])
    factories.stage(with_stages, stage_name="Onsite", result="Passed")
    factories.application(user, company_name="Globex", role_title="SWE")
    factories.application(other_user, company_name="Not mine")
    # when
    response = auth_client.get(EXPORT)
    rows = read_csv(b"".join(response.streaming_content).decode("utf-8-sig"))
    # then
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="applications-')
    assert [(row["company_name"], row["stage_name"]) for row in rows] == [("Acme", "Screen"), ("Acme", "Onsite"), ("Globex", "")]
    first = rows[0]
    assert (first["job_type"], first["work_mode"], first["status"]) == ("Full-time", "On-site", "Interviewing")
    assert (first["stage_type"], first["stage_result"], first["stage_questions"]) == ("Phone Screen", "Pending", "Why?\nWhen?")
    assert first["application_ref"] == rows[1]["application_ref"] == str(with_stages.pk)


def test_the_export_header_is_the_documented_column_list(auth_client):
    assert export_text(auth_client).splitlines()[0].split(",") == COLUMNS


def test_the_export_starts_with_a_utf8_byte_order_mark_for_excel(auth_client, user):
    # given an application with accents
    factories.application(user, company_name="Société Générale", role_title="Ingénieure")
    # when it is exported
    raw = b"".join(auth_client.get(EXPORT).streaming_content)
    # then the file opens with the byte order mark, once, and the text is UTF-8
    assert raw.startswith(b"\xef\xbb\xbfapplication_ref,") and raw.count(b"\xef\xbb\xbf") == 1
    assert "Société Générale" in raw.decode("utf-8")


FORMULAS = {
    "company_name": '=HYPERLINK("http://evil.example/x","Click")',
    "role_title": "@SUM(A1:A9)",
    "location": "-5",
    "notes": "+1 555 0100",
    "description": "'Quoted' on purpose",  # a legitimate leading apostrophe
    "url": "'=not a formula, typed with its apostrophe",
}


def test_cells_a_spreadsheet_would_run_as_formulas_are_exported_as_text(auth_client, user):
    # given text a spreadsheet would take for formulas (one scraped, one typed), and a stage too
    application = factories.application(user, **FORMULAS)
    factories.stage(application, stage_name="=1+1", notes="\tindented", prep_notes="\rreturn", interviewer_names="Ann")
    # when it is exported
    [row] = read_csv(export_text(auth_client))
    # then each such cell starts with an apostrophe, and nothing else changed
    assert row["company_name"] == "'" + FORMULAS["company_name"]
    assert row["role_title"] == "'@SUM(A1:A9)"
    assert row["location"] == "'-5"
    assert row["notes"] == "'+1 555 0100"
    assert row["description"] == "'Quoted' on purpose"
    assert row["url"] == "''=not a formula, typed with its apostrophe"
    assert (row["stage_name"], row["stage_notes"], row["stage_prep_notes"]) == ("'=1+1", "'\tindented", "'\rreturn")
    assert row["stage_interviewer_names"] == "Ann" and row["status"] == "Saved"


def test_an_export_with_formula_like_cells_imports_back_unchanged(auth_client, other_client, user, other_user):
    # given an application whose text looks like formulas, and a legitimate leading apostrophe
    factories.stage(factories.application(user, **FORMULAS), stage_name="-1 round", notes="@mention")
    # when its export is imported into another account
    response = upload(other_client, export_text(auth_client))
    # then every value is back exactly as it was
    assert response.status_code == 201, response.json()
    copy = Application.objects.get(user=other_user)
    assert {name: getattr(copy, name) for name in FORMULAS} == FORMULAS
    assert copy.stages.values_list("stage_name", "notes").get() == ("-1 round", "@mention")


def test_the_import_reads_semicolon_separated_files_with_loosely_spelled_headers(auth_client, user):
    # given a file as a spreadsheet in a comma-decimal locale saves it, with a byte order mark
    # and headers in another case with spaces around them
    text = "\ufeff Company_Name ;ROLE_TITLE; Salary_Min;notes\nAcme;SRE;50000;a, b and c\nGlobex;\"Dev; Ops\";;\n"
    # when it is imported
    response = upload(auth_client, text)
    # then both rows are read, with their columns
    assert response.status_code == 201, response.json()
    acme, globex = Application.objects.filter(user=user).order_by("company_name")
    assert (acme.role_title, acme.salary_min, acme.notes) == ("SRE", 50000, "a, b and c")
    assert (globex.role_title, globex.salary_min, globex.notes) == ("Dev; Ops", None, None)


def test_a_column_given_twice_in_different_spellings_is_400(auth_client):
    response = upload(auth_client, "company_name,role_title,Notes,notes\nA,B,x,y\n")
    assert response.status_code == 400
    assert response.json()["errors"]["header"] == ["Column(s) given more than once: notes."]
    assert not Application.objects.exists()


def test_the_export_reads_applications_in_chunks_as_it_streams(user, monkeypatch, django_assert_num_queries):
    # given five applications and chunks of two
    monkeypatch.setattr(exports, "EXPORT_CHUNK_SIZE", 2)
    for n in range(5):
        factories.stage(factories.application(user, company_name=f"C{n}"))
    rows = exports.application_export_rows(user=user)
    # then nothing is read before the first row is asked for
    with django_assert_num_queries(0):
        assert next(rows) == COLUMNS
    # and the rest costs one query for the applications plus one stage query per chunk of two
    with django_assert_num_queries(1 + 3):
        assert len(list(rows)) == 5


# --- Import ----------------------------------------------------------------------------------


def test_an_export_imports_back_into_another_account(auth_client, other_client, user, other_user):
    # given
    source = factories.application(
        user, company_name="Acme", role_title="SRE", status="Offer", applied_date=timezone.localdate() - timedelta(days=40),
        job_type="contract", work_mode="hybrid", salary_min=1, salary_max=2, salary_currency="EUR", notes="multi\nline",
        applied_source="Referral", priority="High",
    )
    factories.stage(source, stage_name="Screen", stage_type="Recruiter Call", questions_asked=["Q1", "Q2"], duration_minutes=30)
    factories.stage(source, stage_name="Final", stage_date=timezone.localdate(), result="Passed")
    factories.application(user, company_name="Globex", role_title="SWE")
    # when
    response = upload(other_client, export_text(auth_client))
    # then
    assert response.status_code == 201
    assert response.json() == {"imported": 2, "stages_imported": 2, "skipped": [], "dry_run": False}
    copy = Application.objects.get(user=other_user, company_name="Acme")
    fields = ("role_title", "status", "applied_date", "job_type", "work_mode", "salary_min", "salary_max", "salary_currency", "notes", "applied_source", "priority")
    assert [getattr(copy, f) for f in fields] == [getattr(source, f) for f in fields]
    stages = list(copy.stages.order_by("stage_name"))
    assert [(s.stage_name, s.result, s.questions_asked) for s in stages] == [("Final", "Passed", None), ("Screen", "Pending", ["Q1", "Q2"])]
    assert ActivityLog.objects.filter(user=other_user, action="Application Created").count() == 2


def test_any_invalid_row_imports_nothing_and_every_problem_is_reported_by_row(auth_client, user):
    # given rows 2 and 4 valid, rows 3 and 5 not
    text = csv_text(
        {"company_name": "Good", "role_title": "One"},
        {"company_name": "Bad", "role_title": "Two", "salary_min": "lots", "status": "Hired"},
        {"company_name": "Good", "role_title": "Three", "stage_name": "Screen"},
        {"company_name": "", "role_title": "Four", "stage_duration_minutes": "0", "stage_name": "x"},
    )
    # when
    response = upload(auth_client, text)
    # then
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"rows.3.salary_min", "rows.3.status", "rows.5.company_name", "rows.5.stage_duration_minutes"}
    assert not Application.objects.exists() and not ApplicationStage.objects.exists()


def test_a_stage_row_needs_a_stage_name(auth_client):
    response = upload(auth_client, csv_text({"company_name": "A", "role_title": "B", "stage_date": "2026-01-01"}))
    assert response.status_code == 400
    assert "rows.2.stage_name" in response.json()["errors"]


def test_duplicates_of_existing_and_earlier_rows_are_skipped_and_reported(auth_client, user):
    # given an existing application and a file repeating it, and repeating itself
    factories.application(user, company_name="Acme", role_title="SRE", applied_date="2026-01-10")
    text = csv_text(
        {"company_name": "ACME", "role_title": "sre", "applied_date": "2026-01-10"},
        {"company_name": "Acme", "role_title": "SRE", "applied_date": "2026-01-11"},
        {"company_name": "acme", "role_title": "Sre", "applied_date": "2026-01-11"},
    )
    # when
    body = upload(auth_client, text).json()
    # then
    assert body["imported"] == 1
    assert [(row["row"], row["reason"], row["applied_date"]) for row in body["skipped"]] == [
        (2, "duplicate", "2026-01-10"),
        (4, "duplicate", "2026-01-11"),
    ]
    assert Application.objects.count() == 2


def test_dates_may_be_backdated_and_applied_without_a_date_means_today(auth_client, user):
    text = csv_text(
        {"company_name": "Old", "role_title": "R", "status": "Rejected", "applied_date": "2019-05-01", "stage_name": "S", "stage_date": "2019-05-10"},
        {"company_name": "New", "role_title": "R", "status": "Applied"},
    )
    assert upload(auth_client, text).status_code == 201
    assert Application.objects.get(company_name="Old").applied_date.isoformat() == "2019-05-01"
    assert ApplicationStage.objects.get().stage_date.isoformat() == "2019-05-10"
    assert Application.objects.get(company_name="New").applied_date == timezone.localdate()


def test_an_import_refuses_dates_not_written_exactly_as_yyyy_mm_dd(auth_client, user):
    # given dates strptime would read, in an application and a stage cell
    text = csv_text(
        {"company_name": "A", "role_title": "R", "applied_date": "2026-1-5"},
        {"company_name": "B", "role_title": "R", "stage_name": "Screen", "stage_date": "2026-01-5"},
    )
    # when
    response = upload(auth_client, text)
    # then
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "rows.2.applied_date": ["Use the date format YYYY-MM-DD, e.g. 2026-03-15."],
        "rows.3.stage_date": ["Use the date format YYYY-MM-DD, e.g. 2026-03-15."],
    }
    assert not Application.objects.exists()


def test_rows_sharing_an_application_ref_are_one_application(auth_client, user):
    text = csv_text(
        {"application_ref": "a1", "company_name": "Acme", "role_title": "SRE", "stage_name": "One"},
        {"application_ref": "a1", "stage_name": "Two"},
        {"application_ref": "", "company_name": "Solo", "role_title": "X"},
    )
    body = upload(auth_client, text).json()
    assert (body["imported"], body["stages_imported"]) == (2, 2)
    assert sorted(Application.objects.get(company_name="Acme").stages.values_list("stage_name", flat=True)) == ["One", "Two"]


def test_a_file_with_only_the_required_columns_imports(auth_client):
    text = "company_name,role_title\nAcme,SRE\nGlobex,SWE\n"
    assert upload(auth_client, text).json()["imported"] == 2


def test_unknown_or_missing_columns_are_400(auth_client):
    unknown = upload(auth_client, "company_name,role_title,compnay\nA,B,C\n")
    assert unknown.status_code == 400 and "compnay" in unknown.json()["errors"]["header"][0]
    missing = upload(auth_client, "company_name\nA\n")
    assert missing.status_code == 400 and "role_title" in missing.json()["errors"]["header"][0]


def test_a_row_longer_than_the_header_is_400(auth_client):
    response = upload(auth_client, "company_name,role_title\nA,B,extra\n")
    assert response.status_code == 400 and "rows.2.row" in response.json()["errors"]


def test_a_dry_run_reports_and_writes_nothing(auth_client):
    response = upload(auth_client, csv_text({"company_name": "A", "role_title": "B"}), dry_run="true")
    assert response.status_code == 200
    assert response.json()["imported"] == 1 and response.json()["dry_run"] is True
    assert not Application.objects.exists()


def test_a_file_that_is_not_utf8_csv_is_refused(auth_client):
    file = SimpleUploadedFile("apps.csv", "company_name,role_title\nCafé,B\n".encode("latin-1"), content_type="text/csv")
    assert auth_client.post(IMPORT, {"file": file}, format="multipart").status_code == 400
    assert upload(auth_client, "company_name,role_title\nA,B\n", name="apps.pdf").status_code == 415
    assert auth_client.post(IMPORT, {}, format="multipart").status_code == 400


def test_too_many_rows_is_400(auth_client, monkeypatch):
    monkeypatch.setattr(imports, "MAX_IMPORT_ROWS", 2)
    response = upload(auth_client, "company_name,role_title\nA,B\nC,D\nE,F\n")
    assert response.status_code == 400 and "file" in response.json()["errors"]
    assert not Application.objects.exists()


def test_a_failure_while_writing_leaves_no_partial_import(user, monkeypatch):
    # given a fault after the applications were inserted
    real_bulk_create = ApplicationStage.objects.bulk_create

    def fail(*args, **kwargs):
        real_bulk_create(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(ApplicationStage.objects, "bulk_create", fail)
    # when
    with pytest.raises(RuntimeError):
        imports.applications_import(user=user, text=csv_text({"company_name": "A", "role_title": "B", "stage_name": "S"}))
    # then
    assert not Application.objects.exists() and not ApplicationStage.objects.exists()


# --- Commands --------------------------------------------------------------------------------


def test_the_export_and_import_commands_round_trip(user, other_user, tmp_path):
    factories.stage(factories.application(user, company_name="Acme"), stage_name="Screen")
    path = tmp_path / "apps.csv"
    call_command("export_applications", user.email, "--output", str(path), stderr=io.StringIO())
    out = io.StringIO()
    call_command("import_applications", other_user.email, str(path), stdout=out)
    assert "Imported 1 application(s) with 1 stage(s)." in out.getvalue()
    assert Application.objects.filter(user=other_user, company_name="Acme").exists()


def test_the_export_command_writes_to_standard_output(user):
    factories.application(user, company_name="Acme")
    out = io.StringIO()
    call_command("export_applications", user.email, stdout=out)
    assert [row["company_name"] for row in read_csv(out.getvalue())] == ["Acme"]


def test_the_import_command_reports_problems_and_writes_nothing(user, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("company_name,role_title,salary_min\nA,B,-1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="salary_min"):
        call_command("import_applications", user.email, str(path))
    assert not Application.objects.exists()
    with pytest.raises(CommandError, match="No user"):
        call_command("import_applications", "nobody@example.com", str(path))

"""The applications CSV: one row per stage (or one row for an application without stages).

Rows sharing an `application_ref` are one application; its fields are read from the group's
first row. A blank `application_ref` makes the row an application of its own. Values use the
seed's spellings (Applied, Full-time, On-site, Phone Screen, ...), dates are YYYY-MM-DD and the
questions of a stage are one per line inside their cell. docs/tracker.md describes the format.

Spreadsheets run a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula, so a company name scraped as `=HYPERLINK(...)` would become a live link (CSV injection).
The export writes such a cell with a leading apostrophe, which spreadsheets show as text
(`spreadsheet_safe`), and the import removes exactly that apostrophe (`spreadsheet_value`).
"""

from __future__ import annotations

from typing import Any

from careerhub.api import serializers
from tracker.input_fields import (
    CurrencyField,
    SeedDateField,
    TrackerJobTypeField,
    TrackerWorkModeField,
    choice,
    money,
)
from tracker.models import (
    DEFAULT_CURRENCY,
    DESCRIPTION_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    STAGE_QUESTION_MAX_LENGTH,
    STAGE_QUESTIONS_MAX,
    Application,
    ApplicationStage,
    ApplicationStatus,
    Priority,
    Source,
    StageResult,
    StageType,
)

APPLICATION_COLUMNS = [
    "application_ref",
    "company_name",
    "role_title",
    "status",
    "priority",
    "applied_source",
    "applied_date",
    "follow_up_date",
    "job_type",
    "work_mode",
    "location",
    "url",
    "salary_min",
    "salary_max",
    "salary_currency",
    "description",
    "notes",
]
# CSV column → StageRowSerializer field.
STAGE_COLUMN_FIELDS = {
    "stage_name": "stage_name",
    "stage_type": "stage_type",
    "stage_date": "stage_date",
    "stage_result": "result",
    "stage_duration_minutes": "duration_minutes",
    "stage_interviewer_names": "interviewer_names",
    "stage_prep_notes": "prep_notes",
    "stage_questions": "questions",
    "stage_notes": "notes",
}
STAGE_COLUMNS = list(STAGE_COLUMN_FIELDS)
STAGE_FIELD_COLUMNS = {field: column for column, field in STAGE_COLUMN_FIELDS.items()}
COLUMNS = APPLICATION_COLUMNS + STAGE_COLUMNS
REQUIRED_COLUMNS = ("company_name", "role_title")
QUESTION_SEPARATOR = "\n"

# The file starts with a UTF-8 byte order mark: Excel reads a CSV as UTF-8 only with it.
BYTE_ORDER_MARK = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ESCAPE = "'"

_JOB_TYPE = TrackerJobTypeField()
_WORK_MODE = TrackerWorkModeField()


def spreadsheet_safe(value: str) -> str:
    """The cell as the export writes it: text a spreadsheet would run as a formula gets an apostrophe.

    A value whose apostrophes already precede a trigger (`'=x`, typed by a user) gets one more,
    so `spreadsheet_value` can remove exactly one and every text survives an export and import.
    """
    if value.lstrip(FORMULA_ESCAPE).startswith(FORMULA_TRIGGERS):
        return FORMULA_ESCAPE + value
    return value


def spreadsheet_value(cell: str) -> str:
    """The text an exported cell stands for: the inverse of `spreadsheet_safe`."""
    if cell.startswith(FORMULA_ESCAPE) and cell.lstrip(FORMULA_ESCAPE).startswith(FORMULA_TRIGGERS):
        return cell[len(FORMULA_ESCAPE) :]
    return cell


def header_name(name: str) -> str:
    """A header cell as a column name: `" Company_Name "` is `company_name`."""
    return name.strip().lower()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def application_cells(application: Application) -> list[str]:
    return [
        str(application.pk),
        application.company_name,
        application.role_title,
        application.status,
        _cell(application.priority),
        _cell(application.applied_source),
        _cell(application.applied_date),
        _cell(application.follow_up_date),
        _cell(_JOB_TYPE.to_representation(application.job_type)),
        _cell(_WORK_MODE.to_representation(application.work_mode)),
        _cell(application.location),
        _cell(application.url),
        _cell(application.salary_min),
        _cell(application.salary_max),
        application.salary_currency,
        _cell(application.description),
        _cell(application.notes),
    ]


def stage_cells(stage: ApplicationStage | None) -> list[str]:
    if stage is None:
        return [""] * len(STAGE_COLUMNS)
    questions = stage.questions_asked if isinstance(stage.questions_asked, list) else []
    return [
        stage.stage_name,
        _cell(stage.stage_type),
        _cell(stage.stage_date),
        stage.result,
        _cell(stage.duration_minutes),
        _cell(stage.interviewer_names),
        _cell(stage.prep_notes),
        QUESTION_SEPARATOR.join(str(question) for question in questions),
        _cell(stage.notes),
    ]


def _blank_to_none(row: dict[str, str]) -> dict[str, str | None]:
    return {key: (value.strip() if value and value.strip() else None) for key, value in row.items()}


class ApplicationRowSerializer(serializers.Serializer):
    """The application half of a CSV row (the same rules as POST /applications)."""

    textual_input = True  # CSV cells are text: "50000" is a number here (careerhub.api.serializers)

    company_name = serializers.CharField(max_length=255)
    role_title = serializers.CharField(max_length=255)
    status = choice(ApplicationStatus.choices, required=False, allow_null=True)
    priority = choice(Priority.choices, required=False, allow_null=True)
    applied_source = choice(Source.choices, required=False, allow_null=True)
    applied_date = SeedDateField(required=False, allow_null=True)
    follow_up_date = SeedDateField(required=False, allow_null=True)
    job_type = TrackerJobTypeField(required=False, allow_null=True)
    work_mode = TrackerWorkModeField(required=False, allow_null=True)
    location = serializers.CharField(max_length=255, required=False, allow_null=True)
    url = serializers.CharField(max_length=500, required=False, allow_null=True)
    salary_min = money(required=False, allow_null=True)
    salary_max = money(required=False, allow_null=True)
    salary_currency = CurrencyField(required=False, allow_null=True)
    description = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH, required=False, allow_null=True)
    notes = serializers.CharField(max_length=NOTES_MAX_LENGTH, required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        low, high = attrs.get("salary_min"), attrs.get("salary_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"salary_max": ["The maximum salary must be greater than or equal to the minimum."]}
            )
        attrs["status"] = attrs.get("status") or ApplicationStatus.SAVED
        attrs["salary_currency"] = attrs.get("salary_currency") or DEFAULT_CURRENCY
        return attrs


class StageRowSerializer(serializers.Serializer):
    """The stage half of a CSV row, its columns without the `stage_` prefix."""

    textual_input = True

    stage_name = serializers.CharField(max_length=100)
    stage_type = choice(StageType.choices, required=False, allow_null=True)
    stage_date = SeedDateField(required=False, allow_null=True)
    result = choice(StageResult.choices, required=False, allow_null=True)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=100_000, required=False, allow_null=True)
    interviewer_names = serializers.CharField(max_length=SHORT_TEXT_MAX_LENGTH, required=False, allow_null=True)
    prep_notes = serializers.CharField(max_length=NOTES_MAX_LENGTH, required=False, allow_null=True)
    # One question per line: as many lines, each as long, as the API's list takes.
    questions = serializers.CharField(
        max_length=STAGE_QUESTIONS_MAX * (STAGE_QUESTION_MAX_LENGTH + len(QUESTION_SEPARATOR)),
        required=False,
        allow_null=True,
    )
    notes = serializers.CharField(max_length=NOTES_MAX_LENGTH, required=False, allow_null=True)

    def validate_questions(self, value: str | None) -> str | None:
        lines = [line.strip() for line in (value or "").split(QUESTION_SEPARATOR) if line.strip()]
        if len(lines) > STAGE_QUESTIONS_MAX:
            raise serializers.ValidationError(f"At most {STAGE_QUESTIONS_MAX} questions, one per line.")
        if any(len(line) > STAGE_QUESTION_MAX_LENGTH for line in lines):
            raise serializers.ValidationError(f"Each question has at most {STAGE_QUESTION_MAX_LENGTH} characters.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        questions = attrs.pop("questions", None) or ""
        lines = [line.strip() for line in questions.split(QUESTION_SEPARATOR) if line.strip()]
        attrs["questions_asked"] = lines or None
        attrs["result"] = attrs.get("result") or StageResult.PENDING
        return attrs


def split_row(row: dict[str, str]) -> tuple[dict[str, str | None], dict[str, str | None] | None]:
    """(application values, stage values or None when no stage column is filled)."""
    values = _blank_to_none(row)
    application = {name: values.get(name) for name in APPLICATION_COLUMNS if name != "application_ref"}
    stage = {field: values.get(column) for column, field in STAGE_COLUMN_FIELDS.items()}
    if all(value is None for value in stage.values()):
        return application, None
    return application, stage

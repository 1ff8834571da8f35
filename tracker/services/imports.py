"""The applications CSV import: everything validated first, then all rows in one transaction."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from accounts.days import user_today
from accounts.models import User
from careerhub import events
from careerhub.api import serializers
from tracker import events as tracker_events
from tracker.csv_format import (
    APPLICATION_COLUMNS,
    BYTE_ORDER_MARK,
    COLUMNS,
    REQUIRED_COLUMNS,
    STAGE_FIELD_COLUMNS,
    ApplicationRowSerializer,
    StageRowSerializer,
    header_name,
    split_row,
    spreadsheet_value,
)
from tracker.models import ActivityAction, ActivityLog, Application, ApplicationStage, ApplicationStatus
from tracker.services.bookkeeping import tracker_write_done

MAX_IMPORT_ROWS = 5000
FIRST_DATA_ROW = 2  # row 1 is the header, as a spreadsheet numbers them


@dataclass
class ImportReport:
    imported: int = 0
    stages_imported: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False


@dataclass
class _PlannedApplication:
    row: int
    values: dict[str, Any]
    stages: list[dict[str, Any]] = field(default_factory=list)

    def key(self) -> tuple[str, str, date | None]:
        return _duplicate_key(self.values["company_name"], self.values["role_title"], self.values.get("applied_date"))


def _duplicate_key(company: str, role: str, applied: date | None) -> tuple[str, str, date | None]:
    return company.strip().lower(), role.strip().lower(), applied


def _delimiter(text: str) -> str:
    """`;` when the header line is separated by semicolons (spreadsheets in locales whose decimal
    separator is a comma write CSV that way), else `,`. Column names contain neither."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _check_header(header: list[str]) -> None:
    errors: list[str] = []
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        errors.append(f"Missing column(s): {', '.join(missing)}.")
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        errors.append(f"Unknown column(s): {', '.join(unknown)}. Allowed columns: {', '.join(COLUMNS)}.")
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        errors.append(f"Column(s) given more than once: {', '.join(repeated)}.")
    if errors:
        raise serializers.ValidationError({"header": errors})


def _read_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """The data rows by number, keyed by column name; each cell as the text it stands for.

    Header names are matched ignoring case and surrounding spaces; the file may be `,`- or
    `;`-separated and start with a byte order mark.
    """
    text = text.removeprefix(BYTE_ORDER_MARK)
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="__extra__", delimiter=_delimiter(text))
    try:
        header = [header_name(name) for name in reader.fieldnames or []]
        _check_header(header)
        reader.fieldnames = header
        rows = []
        for number, row in enumerate(reader, start=FIRST_DATA_ROW):
            if len(rows) >= MAX_IMPORT_ROWS:
                raise serializers.ValidationError({"file": [f"At most {MAX_IMPORT_ROWS} rows can be imported at once."]})
            cells = {name: spreadsheet_value(value) if isinstance(value, str) else value for name, value in row.items()}
            rows.append((number, cells))
        return rows
    except csv.Error as exc:
        raise serializers.ValidationError({"file": [f"Row {reader.line_num}: this is not valid CSV ({exc})."]}) from None


def _validate(rows: list[tuple[int, dict[str, str]]]) -> list[_PlannedApplication]:
    """Every row checked; all problems reported at once, keyed by row number."""
    errors: dict[str, dict[str, list[str]]] = {}
    planned: list[_PlannedApplication] = []
    by_ref: dict[str, _PlannedApplication] = {}
    for number, row in rows:
        row_errors: dict[str, list[str]] = {}
        if row.get("__extra__"):
            row_errors["row"] = ["This row has more cells than the header has columns."]
        application_values, stage_values = split_row({k: v for k, v in row.items() if k in COLUMNS and v is not None})
        ref = (row.get("application_ref") or "").strip()
        group = by_ref.get(ref) if ref else None

        if group is None:
            application = ApplicationRowSerializer(data=application_values)
            if application.is_valid():
                group = _PlannedApplication(row=number, values=dict(application.validated_data))
                planned.append(group)
                if ref:
                    by_ref[ref] = group
            else:
                for name, messages in application.errors.items():
                    row_errors.setdefault(name, []).extend(str(message) for message in messages)

        if stage_values is not None:
            stage = StageRowSerializer(data=stage_values)
            if stage.is_valid():
                if group is not None:
                    group.stages.append(dict(stage.validated_data))
            else:
                for name, messages in stage.errors.items():
                    column = STAGE_FIELD_COLUMNS.get(name, name)
                    row_errors.setdefault(column, []).extend(str(message) for message in messages)
        if row_errors:
            errors[str(number)] = row_errors
    if errors:
        raise serializers.ValidationError({"rows": errors})
    return planned


def _build(user: User, plan: _PlannedApplication, today: date) -> tuple[Application, list[ApplicationStage]]:
    values = {name: value for name, value in plan.values.items() if name in APPLICATION_COLUMNS}
    if values["status"] == ApplicationStatus.APPLIED and not values.get("applied_date"):
        values["applied_date"] = today
    application = Application(user=user, **values)
    stages = [ApplicationStage(application=application, **stage) for stage in plan.stages]
    return application, stages


def applications_import(*, user: User, text: str, dry_run: bool = False) -> ImportReport:
    """Import applications (and their stages) from CSV text, all or nothing.

    Every row is validated before anything is written; any invalid row means a 400 listing
    every problem by row number and nothing imported. Dates may lie in the past. An
    application with the same company, role and applied date as an existing one (or an
    earlier row) is skipped and reported, not duplicated.
    """
    planned = _validate(_read_rows(text))
    today = user_today(user)
    existing = {
        _duplicate_key(company, role, applied)
        for company, role, applied in Application.objects.filter(user=user).values_list(
            "company_name", "role_title", "applied_date"
        )
    }
    report = ImportReport(dry_run=dry_run)
    to_create: list[tuple[Application, list[ApplicationStage]]] = []
    for plan in planned:
        application, stages = _build(user, plan, today)
        key = _duplicate_key(application.company_name, application.role_title, application.applied_date)
        if key in existing:
            report.skipped.append(
                {
                    "row": plan.row,
                    "company_name": application.company_name,
                    "role_title": application.role_title,
                    "applied_date": application.applied_date.isoformat() if application.applied_date else None,
                    "reason": "duplicate",
                }
            )
            continue
        existing.add(key)
        to_create.append((application, stages))
        report.imported += 1
        report.stages_imported += len(stages)
    if dry_run or not to_create:
        return report
    _write(user=user, to_create=to_create)
    return report


@transaction.atomic
def _write(*, user: User, to_create: list[tuple[Application, list[ApplicationStage]]]) -> None:
    applications = Application.objects.bulk_create([application for application, _ in to_create])
    ApplicationStage.objects.bulk_create([stage for _, stages in to_create for stage in stages])
    ActivityLog.objects.bulk_create(
        ActivityLog(
            user=user,
            application=application,
            action=ActivityAction.APPLICATION_CREATED,
            description=f"Imported {application.role_title} at {application.company_name}",
            metadata={"status": application.status, "origin": "import"},
        )
        for application in applications
    )
    tracker_write_done(user=user)
    events.emit(tracker_events.APPLICATION_CREATED, user_id=str(user.pk))

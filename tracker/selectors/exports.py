"""The applications CSV export, produced row by row so large sets never sit in memory."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.db.models import Prefetch

from accounts.models import User
from tracker.csv_format import BYTE_ORDER_MARK, COLUMNS, application_cells, spreadsheet_safe, stage_cells
from tracker.models import Application, ApplicationStage

EXPORT_CHUNK_SIZE = 500


def application_export_rows(*, user: User) -> Iterator[list[str]]:
    """The header, then one row per stage (one row for an application without stages), each cell
    as the file holds it (`spreadsheet_safe`).

    Applications are read in chunks of EXPORT_CHUNK_SIZE, each chunk with its stages in one
    more query, so memory stays flat however many applications there are.
    """
    yield COLUMNS
    applications = (
        Application.objects.filter(user=user)
        .prefetch_related(Prefetch("stages", queryset=ApplicationStage.objects.order_by("created_at", "id")))
        .order_by("created_at", "id")
    )
    for application in applications.iterator(chunk_size=EXPORT_CHUNK_SIZE):
        cells = [spreadsheet_safe(cell) for cell in application_cells(application)]
        stages = list(application.stages.all())
        if not stages:
            yield cells + stage_cells(None)
        for stage in stages:
            yield cells + [spreadsheet_safe(cell) for cell in stage_cells(stage)]


class _Line:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def application_export_csv(*, user: User) -> Iterator[str]:
    """The export file as text, piece by piece: the byte order mark, then one CSV line per row."""
    writer = csv.writer(_Line())
    yield BYTE_ORDER_MARK
    for row in application_export_rows(user=user):
        yield writer.writerow(row)

"""Filling exported feedback workbooks with openpyxl, as a unit would (or as a careless one would).

Works on the real .xlsx files: opens them in openpyxl's normal mode (which keeps the protection,
the validations and the very hidden identification sheet), changes cells and saves them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from desktop.formats.feedback.workbook import COLUMN_INDEX, FIRST_ROW, SHEET_TITLE

Report = tuple[str, str, date | None]  # 进展情况, 完成状态 label, 完成时间


def rows_by_task(ws: Worksheet) -> dict[int, int]:
    """Sheet row of each task id (from the hidden row-id column)."""
    out: dict[int, int] = {}
    for row in range(FIRST_ROW, ws.max_row + 1):
        value = ws.cell(row=row, column=COLUMN_INDEX["task_id"]).value
        if value is not None and str(value).isdigit():
            out[int(value)] = row
    return out


def set_report(ws: Worksheet, row: int, report: Report) -> None:
    progress, status, completed = report
    ws.cell(row=row, column=COLUMN_INDEX["progress"]).value = progress or None
    ws.cell(row=row, column=COLUMN_INDEX["status"]).value = status or None
    cell = ws.cell(row=row, column=COLUMN_INDEX["completed"])
    cell.value = completed
    if completed is not None:
        cell.number_format = "yyyy-mm-dd"


def fill(path: Path, reports: Mapping[int, Report]) -> None:
    """Fill the rows of the given task ids and save the workbook in place."""
    workbook = openpyxl.load_workbook(path)
    ws = workbook[SHEET_TITLE]
    rows = rows_by_task(ws)
    for task_id, report in reports.items():
        set_report(ws, rows[task_id], report)
    workbook.save(path)


def row_values(path: Path, task_id: int) -> list[object]:
    """Every cell (visible and hidden) of a task's row, to copy it into another workbook."""
    workbook = openpyxl.load_workbook(path)
    ws = workbook[SHEET_TITLE]
    row = rows_by_task(ws)[task_id]
    return [ws.cell(row=row, column=col).value for col in range(1, len(COLUMN_INDEX) + 1)]


def set_saved_time(path: Path, when: datetime) -> None:
    """Give the workbook the "modified" time Excel would write when the unit saved it (openpyxl
    always writes the current time, so docProps/core.xml is edited in the package)."""
    import re
    import zipfile

    stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp + rb"\g<2>", data)
            archive.writestr(info, data)

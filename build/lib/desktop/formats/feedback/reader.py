"""Reading a returned feedback workbook (an untrusted file) into a :class:`ReturnedWorkbook`.

The file may be the .xlsx Fenjie sent, re-saved by Excel, WPS or LibreOffice, or saved as .xls,
.et or .ods: :mod:`desktop.formats.feedback.grids` reads each safely and gives the same cells. A
file that is not a Fenjie feedback workbook — no identification sheet, another format version, a
header row whose columns were added, removed or moved — is refused with one :class:`FormatError`
sentence naming the real problem. Rows are read as they are (with the formulas that carry no
value, and the workbook's own saved time); judging them is :mod:`desktop.core.feedback_check`'s
job.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any

from desktop.core.feedback import FORMAT, HIDDEN_KEYS, LOCKED_KEYS, META_KEYS, NOT_FEEDBACK
from desktop.core.feedback_check import ReturnedRow, ReturnedWorkbook
from desktop.formats.errors import FormatError
from desktop.formats.feedback.grids import SheetValues, read_grid
from desktop.formats.feedback.messages import NO_IDENTITY, NOT_FEEDBACK_REASONS
from desktop.formats.feedback.workbook import (
    COLUMN_INDEX,
    EDITABLE_KEYS,
    FIRST_ROW,
    HEADER_ROW,
    MAX_ROWS,
    META_SHEET,
    SHEET_TITLE,
    header_labels,
)
from desktop.formats.xlsx.reader import cell_text

COLUMNS_MOVED = "反馈表的列被增加、删除或移动过，无法可靠地导入；请让填报单位在原表上填写后再交回。"
TOO_MANY_ROWS = "反馈表的行数过多，不像是 Fenjie 导出的反馈表，未导入。"
NO_DATA_SHEET = "反馈表中找不到“落实情况反馈”工作表，无法导入。"
__all__ = ["COLUMNS_MOVED", "NOT_FEEDBACK_REASONS", "NO_IDENTITY", "TOO_MANY_ROWS", "read_feedback_workbook"]


def _meta(sheet: SheetValues) -> dict[str, str]:
    meta: dict[str, str] = {}
    for raw in sheet.rows[:2 * len(META_KEYS)]:
        if raw and raw[0] in META_KEYS:
            meta[str(raw[0])] = "" if len(raw) < 2 or raw[1] is None else _plain(raw[1]).strip()
    if meta.get("format") != FORMAT:
        raise FormatError(NOT_FEEDBACK)
    return meta


def _plain(value: Any) -> str:
    """A hidden or identification cell as text (a number that was text stays its digits)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _value(values: tuple[Any, ...], key: str) -> Any:
    index = COLUMN_INDEX[key] - 1
    return values[index] if index < len(values) else None


def _text(values: tuple[Any, ...], key: str) -> str:
    return cell_text(_value(values, key))


def _rows(sheet: SheetValues) -> list[ReturnedRow]:
    labels = list(header_labels())
    width = len(labels)
    if len(sheet.rows) < HEADER_ROW:
        raise FormatError(COLUMNS_MOVED)
    found = [cell_text(v) for v in sheet.rows[HEADER_ROW - 1][:width + 2]]
    found += [""] * (width + 2 - len(found))
    if found[:width] != labels or any(found[width:]):
        raise FormatError(COLUMNS_MOVED)
    rows: list[ReturnedRow] = []
    for number in range(FIRST_ROW, len(sheet.rows) + 1):
        values = sheet.rows[number - 1]
        if number - FIRST_ROW >= MAX_ROWS:
            if any(v not in (None, "") for v in values):
                raise FormatError(TOO_MANY_ROWS)
            break
        completed = _value(values, "completed")
        if isinstance(completed, str):
            completed = completed.strip()
        elif isinstance(completed, datetime) and completed.time() == time(0):
            completed = completed.date()  # a date cell, whichever library read it
        status = _value(values, "status")
        status = status if isinstance(status, int | float) and not isinstance(status, bool) \
            else _text(values, "status")
        formulas = tuple(key for key in EDITABLE_KEYS if (number, COLUMN_INDEX[key]) in sheet.formulas)
        rows.append(ReturnedRow(
            number,
            {key: _plain(_value(values, key)).strip() for key in HIDDEN_KEYS},
            {key: _text(values, key) for key in LOCKED_KEYS},
            _text(values, "progress"),
            status,
            completed if completed != "" else None,
            formulas,
        ))
    return rows


def _wanted(name: str) -> bool:
    return True


def read_feedback_workbook(path: Path) -> ReturnedWorkbook:
    """The identification block and data rows of a returned workbook; FormatError if it is not one."""
    path = Path(path)
    grid = read_grid(path, _wanted)
    if META_SHEET not in grid.sheets:
        raise FormatError(NO_IDENTITY)
    meta = _meta(grid.sheets[META_SHEET])
    data = grid.sheets.get(SHEET_TITLE)
    if data is None:
        others = [name for name in grid.sheets if name != META_SHEET]
        if not others:
            raise FormatError(NO_DATA_SHEET)
        data = grid.sheets[others[0]]
    return ReturnedWorkbook(path.name, meta, tuple(_rows(data)), grid.saved_at, grid.kind)

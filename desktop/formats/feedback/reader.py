"""Reading a returned feedback workbook (an untrusted file) into a :class:`ReturnedWorkbook`.

The package is checked by :mod:`desktop.formats.safety.safe_zip` and every XML part pre-scanned for DTDs
and entities before openpyxl (read-only mode, no links, no macros) sees it. A file that is not a
Fenjie feedback workbook — no identification sheet, another format version, a header row whose
columns were added, removed or moved — is refused with one :class:`FormatError` sentence. Rows
are read as they are; judging them is :mod:`desktop.core.feedback_check`'s job.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

from desktop.core.feedback import FORMAT, HIDDEN_KEYS, LOCKED_KEYS, META_KEYS, NOT_FEEDBACK
from desktop.core.feedback_check import ReturnedRow, ReturnedWorkbook
from desktop.formats.errors import FormatError
from desktop.formats.feedback.workbook import (
    COLUMN_INDEX,
    FIRST_ROW,
    HEADER_ROW,
    MAX_ROWS,
    META_SHEET,
    header_labels,
)
from desktop.formats.safety.safe_zip import DAMAGED_MESSAGE, Package, open_package
from desktop.formats.xlsx.parts import WORKBOOK
from desktop.formats.xlsx.reader import cell_text, check_parts

COLUMNS_MOVED = "反馈表的列被增加、删除或移动过，无法可靠地导入；请让填报单位在原表上填写后再交回。"
TOO_MANY_ROWS = "反馈表的行数过多，不像是 Fenjie 导出的反馈表，未导入。"


def _load(package: Package) -> Any:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return openpyxl.load_workbook(io.BytesIO(package.data), read_only=True, data_only=True,
                                          keep_links=False, keep_vba=False, rich_text=False)
        except Exception as error:  # openpyxl raises many kinds on damaged parts
            raise FormatError(DAMAGED_MESSAGE) from error


def _meta(workbook: Any) -> dict[str, str]:
    if META_SHEET not in workbook.sheetnames:
        raise FormatError(NOT_FEEDBACK)
    meta: dict[str, str] = {}
    for raw in workbook[META_SHEET].iter_rows(min_row=1, max_row=2 * len(META_KEYS), max_col=2,
                                              values_only=True):
        if raw and raw[0] in META_KEYS:
            meta[str(raw[0])] = "" if len(raw) < 2 or raw[1] is None else str(raw[1]).strip()
    if meta.get("format") != FORMAT:
        raise FormatError(NOT_FEEDBACK)
    return meta


def _text(values: tuple[Any, ...], key: str) -> str:
    index = COLUMN_INDEX[key] - 1
    return cell_text(values[index]) if index < len(values) else ""


def _rows(sheet: Any) -> list[ReturnedRow]:
    labels = list(header_labels())
    width = len(labels)
    rows: list[ReturnedRow] = []
    header_seen = False
    for number, values in enumerate(sheet.iter_rows(min_row=HEADER_ROW, max_col=width + 2, values_only=True),
                                    start=HEADER_ROW):
        if number == HEADER_ROW:
            found = [cell_text(v) for v in values[:width + 2]]
            if found[:width] != labels or any(found[width:]):
                raise FormatError(COLUMNS_MOVED)
            header_seen = True
            continue
        if number - FIRST_ROW >= MAX_ROWS:
            raise FormatError(TOO_MANY_ROWS)
        completed_index = COLUMN_INDEX["completed"] - 1
        completed = values[completed_index] if completed_index < len(values) else None
        if isinstance(completed, str):
            completed = completed.strip()
        rows.append(ReturnedRow(
            number,
            {key: _text(values, key) for key in HIDDEN_KEYS},
            {key: _text(values, key) for key in LOCKED_KEYS},
            _text(values, "progress"),
            _text(values, "status"),
            completed if completed != "" else None,
        ))
    if not header_seen:
        raise FormatError(COLUMNS_MOVED)
    return rows


def read_feedback_workbook(path: Path) -> ReturnedWorkbook:
    """The identification block and data rows of a returned workbook; FormatError if it is not one."""
    path = Path(path)
    package = open_package(path)
    if not package.has(WORKBOOK):  # a .docx, or any other zip
        raise FormatError(NOT_FEEDBACK)
    check_parts(package)
    workbook = _load(package)
    try:
        meta = _meta(workbook)
        sheets = [ws for ws in workbook.worksheets if ws.title != META_SHEET]
        if not sheets:
            raise FormatError(NOT_FEEDBACK)
        rows = _rows(sheets[0])
    finally:
        workbook.close()
    return ReturnedWorkbook(path.name, meta, tuple(rows))

"""The feedback workbook (落实情况反馈表) sent to one unit: its rows, three columns to fill, the rest locked.

Sheet ``落实情况反馈`` (landscape A4, header repeated when printed):

- row 1 the title, row 2 the unit and export date, row 3 the instructions;
- row 4 the header, then one row per task of the unit: 序号 · 工作任务 · 具体要求 · 牵头单位 ·
  责任单位 · 完成时限 (locked) · 进展情况 · 完成状态 · 完成时间 (light yellow, unlocked; 完成状态
  is a drop-down list, 完成时间 a date cell) · then six hidden columns: the row id (task id), the
  unit's role, the task fingerprint, the locked cells' hashes, the state at export and the row's
  signature (see :mod:`desktop.core.feedback`).

The sheet is protected without a password (unlocked cells stay editable, rows may be resized;
columns, inserting and deleting are locked) and the workbook structure is locked. A very hidden
sheet ``fenjie`` holds the identification block (format, plan id and key, plan title, unit, export
time, row count, signature). Protection only prevents accidents: the importer checks every row
against the hashes and signatures, whatever the file went through.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.feedback import HIDDEN_KEYS, LOCKED_KEYS, META_KEYS, FeedbackSheet, SheetRow
from desktop.core.tracking import STATUS_LABELS
from desktop.formats.atomic import write_atomically
from desktop.formats.xlsx.cells import put_text, set_value
from desktop.formats.xlsx.sheet import active_sheet, fit_to_page, footer, top_left
from desktop.formats.xlsx.sizing import line_count
from desktop.layout.typography import BODY_FACE, HEADER_FACE, LABEL_FACE

SHEET_TITLE = "落实情况反馈"
META_SHEET = "fenjie"
TITLE_ROW, UNIT_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3, 4
FIRST_ROW = HEADER_ROW + 1
MAX_ROWS = 5000
EDITABLE_KEYS: tuple[str, ...] = ("progress", "status", "completed")


@dataclass(frozen=True)
class SheetColumn:
    key: str
    header: str
    width: float  # Excel width units
    hidden: bool = False


COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("seq", "序号", 6),
    SheetColumn("path", "工作任务", 22),
    SheetColumn("text", "具体要求", 46),
    SheetColumn("lead", "牵头单位", 14),
    SheetColumn("units", "责任单位", 18),
    SheetColumn("deadline", "完成时限", 12),
    SheetColumn("progress", "进展情况", 40),
    SheetColumn("status", "完成状态", 11),
    SheetColumn("completed", "完成时间", 13),
    SheetColumn("task_id", "行标识", 10, True),
    SheetColumn("role", "分工角色", 10, True),
    SheetColumn("fingerprint", "任务指纹", 20, True),
    SheetColumn("cells", "内容指纹", 20, True),
    SheetColumn("prior", "导出时状态", 20, True),
    SheetColumn("signature", "校验码", 20, True),
)
COLUMN_INDEX: dict[str, int] = {column.key: index for index, column in enumerate(COLUMNS, start=1)}
VISIBLE_COLUMNS = sum(1 for column in COLUMNS if not column.hidden)
assert tuple(c.key for c in COLUMNS) == (*LOCKED_KEYS, *EDITABLE_KEYS, *HIDDEN_KEYS)

INSTRUCTIONS = (
    "填写说明：1. 请只在浅黄色的“进展情况”“完成状态”“完成时间”三列填写，其他内容已锁定，请勿修改，"
    "也不要插入、删除或移动行；2. “完成状态”请从下拉列表中选择（未开始、推进中、已完成、持续推进）；"
    "3. 选为“已完成”时请填写完成时间，如 2024-06-30；4. 填好后保存为 .xlsx 文件原样交回。"
)
DATE_FORMAT = "yyyy-mm-dd"
FONT_SIZE = 11.0
LINE_PT = FONT_SIZE * 1.3
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_EXCEL_MAX_ROW_PT = 409.0


def column_points(width: float) -> float:
    """An Excel column width in points (7 px per character plus 5 px padding, 96 px per inch)."""
    return (width * 7.0 + 5.0) * 0.75


def write_feedback_workbook(sheet: FeedbackSheet, target: Path) -> None:
    """Write ``sheet`` as the unit's .xlsx at ``target`` (atomically; FormatError on failure)."""
    workbook = build_feedback_workbook(sheet)
    write_atomically(Path(target), lambda tmp: workbook.save(tmp))


def build_feedback_workbook(sheet: FeedbackSheet) -> Workbook:
    workbook = Workbook()
    ws = active_sheet(workbook)
    ws.title = SHEET_TITLE
    for column in COLUMNS:
        dimension = ws.column_dimensions[get_column_letter(COLUMN_INDEX[column.key])]
        dimension.width = column.width
        dimension.hidden = column.hidden
    if not any(row.cells.get("lead") for row in sheet.rows):
        ws.column_dimensions[get_column_letter(COLUMN_INDEX["lead"])].hidden = True
    _preamble(ws, sheet)
    _header(ws)
    for offset, row in enumerate(sheet.rows):
        _data_row(ws, FIRST_ROW + offset, row)
    _validations(ws, len(sheet.rows))
    _page_setup(ws)
    _protect(ws)
    _meta_sheet(workbook, sheet)
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.properties.title = f"{sheet.unit}落实情况反馈表"
    workbook.properties.creator = "Fenjie"
    return workbook


def _merged_line(ws: Worksheet, row: int, text: str, font: Font, height: float,
                 horizontal: str = "left") -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=VISIBLE_COLUMNS)
    cell = put_text(ws, row, 1, text)
    cell.font = font
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    ws.row_dimensions[row].height = height


def _visible_width_pt() -> float:
    return sum(column_points(c.width) for c in COLUMNS if not c.hidden)


def _preamble(ws: Worksheet, sheet: FeedbackSheet) -> None:
    title = f"{sheet.plan_title}落实情况反馈表"
    lines = line_count(title, _visible_width_pt(), 16)
    _merged_line(ws, TITLE_ROW, title, Font(name=LABEL_FACE.east_asian, size=16), lines * 16 * 1.3 + 10,
                 "center")
    exported = sheet.exported_at[:10]
    line = f"填报单位：{sheet.unit}　　　导出日期：{exported}　　　共 {len(sheet.rows)} 项任务"
    _merged_line(ws, UNIT_ROW, line, Font(name=HEADER_FACE.east_asian, size=12), 24)
    lines = line_count(INSTRUCTIONS, _visible_width_pt(), FONT_SIZE)
    _merged_line(ws, NOTE_ROW, INSTRUCTIONS, Font(name=BODY_FACE.east_asian, size=FONT_SIZE, color="7F0000"),
                 lines * LINE_PT + 8)


def _header(ws: Worksheet) -> None:
    font = Font(name=HEADER_FACE.east_asian, size=FONT_SIZE)
    for column in COLUMNS:
        cell = put_text(ws, HEADER_ROW, COLUMN_INDEX[column.key], column.header)
        cell.font = font
        cell.border = _BORDER
        cell.fill = _EDITABLE_FILL if column.key in EDITABLE_KEYS else _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[HEADER_ROW].height = LINE_PT + 10


def _data_row(ws: Worksheet, number: int, row: SheetRow) -> None:
    body = Font(name=BODY_FACE.east_asian, size=FONT_SIZE)
    values: dict[str, str | int | date | None] = {**row.cells, **row.hidden()}
    values["seq"] = int(row.cells["seq"]) if row.cells["seq"].isdigit() else row.cells["seq"]
    values["progress"] = None
    values["status"] = STATUS_LABELS.get(row.status, "")
    values["completed"] = row.completed_on
    need = 1
    for column in COLUMNS:
        value = values.get(column.key)
        cell = top_left(ws, number, COLUMN_INDEX[column.key])
        set_value(cell, value)
        cell.font = body
        cell.border = _BORDER
        # hidden columns are left aligned: centred text would spill into the visible column beside
        horizontal = "left" if column.hidden or column.key in ("path", "text", "progress") else "center"
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=not column.hidden)
        if column.key in EDITABLE_KEYS:
            cell.protection = Protection(locked=False)
            cell.fill = _EDITABLE_FILL
        if column.key == "completed":
            cell.number_format = DATE_FORMAT
        if isinstance(value, str) and not column.hidden:
            need = max(need, line_count(value, column_points(column.width), FONT_SIZE))
    ws.row_dimensions[number].height = min(max(need, 3) * LINE_PT + 6, _EXCEL_MAX_ROW_PT)


def _validations(ws: Worksheet, count: int) -> None:
    if count == 0:
        return
    last = FIRST_ROW + count - 1
    labels = ",".join(STATUS_LABELS.values())
    status = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True, showDropDown=False,
                            showErrorMessage=True, errorTitle="完成状态",
                            error=f"请从下拉列表中选择：{labels.replace(',', '、')}。",
                            showInputMessage=True, promptTitle="完成状态", prompt="请从下拉列表中选择")
    column = get_column_letter(COLUMN_INDEX["status"])
    status.add(f"{column}{FIRST_ROW}:{column}{last}")
    completed = DataValidation(type="date", operator="between", formula1="36526", formula2="73415",
                               allow_blank=True, showErrorMessage=True, errorTitle="完成时间",
                               error="请填写日期，例如 2024-06-30。", showInputMessage=True,
                               promptTitle="完成时间", prompt="状态为“已完成”时填写，例如 2024-06-30")
    column = get_column_letter(COLUMN_INDEX["completed"])
    completed.add(f"{column}{FIRST_ROW}:{column}{last}")
    ws.add_data_validation(status)
    ws.add_data_validation(completed)


def _page_setup(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    fit_to_page(ws)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(VISIBLE_COLUMNS)}{max(ws.max_row, HEADER_ROW)}"
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1).coordinate
    footer(ws.oddFooter).center.text = "第 &P 页，共 &N 页"


def _protect(ws: Worksheet) -> None:
    protection = ws.protection
    protection.sheet = True
    protection.formatRows = False  # rows may be made taller for long reports
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def _meta_sheet(workbook: Workbook, sheet: FeedbackSheet) -> None:
    meta = workbook.create_sheet(META_SHEET)
    values = sheet.meta()
    for index, key in enumerate(META_KEYS, start=1):
        put_text(meta, index, 1, key)
        put_text(meta, index, 2, values[key])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True


def header_labels() -> Sequence[str]:
    return [column.header for column in COLUMNS]

"""The feedback workbook as a real .xlsx: what openpyxl finds in it, and reading it back (or refusing)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.core.feedback import HIDDEN_KEYS, LOCKED_KEYS, META_KEYS, build_sheet
from desktop.core.model import Plan
from desktop.core.tracking import DONE, Assignment
from desktop.formats.errors import FormatError
from desktop.formats.feedback.reader import (
    COLUMNS_MOVED,
    NO_IDENTITY,
    NOT_FEEDBACK_REASONS,
    read_feedback_workbook,
)
from desktop.formats.feedback.workbook import (
    COLUMN_INDEX,
    FIRST_ROW,
    HEADER_ROW,
    META_SHEET,
    NOTE_ROW,
    SHEET_TITLE,
    write_feedback_workbook,
)
from desktop.formats.safety.safe_zip import DAMAGED_MESSAGE

SECRET = b"s" * 32


def make_sheet(plan: Plan, unit: str = "区财政局"):
    plan.id = 3
    items = [Assignment(leaf.id, unit, "units", id=leaf.id) for leaf in plan.leaves()[:4]]
    items[1] = Assignment(items[1].task_id, unit, "lead", DONE, date(2024, 5, 6), id=items[1].id)
    return build_sheet(plan, "k", SECRET, unit, items, "2024-06-01T08:00:00+00:00")


@pytest.fixture
def written(laiwu_plan, tmp_path: Path):
    sheet = make_sheet(laiwu_plan)
    path = tmp_path / "区财政局-反馈表.xlsx"
    write_feedback_workbook(sheet, path)
    return sheet, path


def test_layout_protection_and_validation(written) -> None:
    _, path = written
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [SHEET_TITLE, META_SHEET]
    assert workbook.security.lockStructure
    ws = workbook[SHEET_TITLE]
    assert ws.protection.sheet and not ws.protection.formatRows and ws.protection.insertRows
    assert ws.protection.deleteRows and ws.protection.formatColumns
    assert "填写说明" in ws.cell(row=NOTE_ROW, column=1).value
    assert [ws.cell(row=HEADER_ROW, column=c).value for c in range(1, 10)] == [
        "序号", "工作任务", "具体要求", "牵头单位", "责任单位", "完成时限",
        "进展情况", "完成状态", "完成时间"]
    first = FIRST_ROW
    assert ws.cell(row=first, column=COLUMN_INDEX["seq"]).value == 1
    path_cell = ws.cell(row=first, column=COLUMN_INDEX["path"]).value
    assert path_cell == "一、广覆盖推进全领域信息公开\n（一）以公开助推高质量发展"
    for key in (*LOCKED_KEYS, *HIDDEN_KEYS):
        assert ws.cell(row=first, column=COLUMN_INDEX[key]).protection.locked, key
    for key in ("progress", "status", "completed"):
        assert not ws.cell(row=first, column=COLUMN_INDEX[key]).protection.locked, key
    assert ws.cell(row=first + 1, column=COLUMN_INDEX["status"]).value == "已完成"
    assert ws.cell(row=first + 1, column=COLUMN_INDEX["completed"]).value.date() == date(2024, 5, 6)
    assert ws.cell(row=first + 1, column=COLUMN_INDEX["completed"]).number_format == "yyyy-mm-dd"
    assert ws.cell(row=first, column=COLUMN_INDEX["status"]).value == "未开始"
    for key in HIDDEN_KEYS:
        letter = openpyxl.utils.get_column_letter(COLUMN_INDEX[key])
        assert ws.column_dimensions[letter].hidden, key
    assert ws.column_dimensions["D"].hidden  # no 牵头单位 in the Laiwu plan
    validations = {v.type: v for v in ws.data_validations.dataValidation}
    assert validations["list"].formula1 == '"未开始,推进中,已完成,持续推进"'
    assert str(validations["list"].sqref) == f"H{first}:H{first + 3}"
    assert validations["date"].showErrorMessage
    assert ws.row_dimensions[first].height > 40  # wrapped text gets its height
    meta = workbook[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert [meta.cell(row=r, column=1).value for r in range(1, len(META_KEYS) + 1)] == list(META_KEYS)


def test_reading_back_gives_the_rows_as_written(written) -> None:
    sheet, path = written
    returned = read_feedback_workbook(path)
    assert returned.source == path.name
    assert returned.meta == sheet.meta()
    assert [row.sheet_row for row in returned.rows] == list(range(FIRST_ROW, FIRST_ROW + 4))
    for row, sent in zip(returned.rows, sheet.rows, strict=True):
        assert row.hidden == sent.hidden()
        assert row.cells == sent.cells
        assert row.progress == ""
    assert returned.rows[1].status == "已完成"
    assert returned.rows[1].completed == date(2024, 5, 6)


def test_formula_like_text_stays_text(laiwu_plan, tmp_path: Path) -> None:
    leaf = laiwu_plan.leaves()[0]
    laiwu_plan.set_text(leaf.id, "=HYPERLINK(\"http://x\")")
    path = tmp_path / "f.xlsx"
    sheet = make_sheet(laiwu_plan)
    write_feedback_workbook(sheet, path)
    assert read_feedback_workbook(path).rows[0].cells["text"] == "=HYPERLINK(\"http://x\")"
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_other_files_are_refused_in_one_sentence(samples_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="没有 Fenjie 反馈表的标识信息"):
        read_feedback_workbook(samples_dir / "laiwu-2024.xlsx")
    with pytest.raises(FormatError, match="这是 Word 文档"):
        read_feedback_workbook(samples_dir / "laiwu-2024.docx")
    text = tmp_path / "notes.xlsx"
    text.write_text("不是表格", encoding="utf-8")
    with pytest.raises(FormatError, match="文件不是 Excel、WPS 或 LibreOffice 表格"):
        read_feedback_workbook(text)
    archive = tmp_path / "other.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("readme.txt", "x")
    with pytest.raises(FormatError, match="文件不是 Excel、WPS 或 LibreOffice 表格"):
        read_feedback_workbook(archive)
    for name in ("laiwu-2024.xlsx", "laiwu-2024.docx"):
        with pytest.raises(FormatError) as caught:
            read_feedback_workbook(samples_dir / name)
        assert str(caught.value) in NOT_FEEDBACK_REASONS  # the app offers these to the annex import


def test_a_workbook_with_a_column_inserted_is_refused(written) -> None:
    _, path = written
    workbook = openpyxl.load_workbook(path)
    workbook[SHEET_TITLE].insert_cols(3)
    workbook.save(path)
    with pytest.raises(FormatError, match=COLUMNS_MOVED):
        read_feedback_workbook(path)


def test_a_workbook_whose_identification_sheet_was_removed_is_not_feedback(written) -> None:
    _, path = written
    workbook = openpyxl.load_workbook(path)
    del workbook[META_SHEET]
    workbook.save(path)
    with pytest.raises(FormatError, match=NO_IDENTITY):
        read_feedback_workbook(path)


def test_the_damaged_sentence_is_the_package_checks_own() -> None:
    from desktop.formats.feedback.messages import DAMAGED

    assert DAMAGED == DAMAGED_MESSAGE

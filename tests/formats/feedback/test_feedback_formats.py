"""Returned workbooks in every format units send: re-saved by LibreOffice as .xlsx, .xls and .ods.

Real files: a workbook exported by Fenjie, filled with openpyxl as a unit would (a date, a typed
date, a percentage, a synonym), then converted by LibreOffice. Each conversion must read back to
the same identification block and the same values, and import to the same result.
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest

from desktop.core.tracking import DONE, IN_PROGRESS
from desktop.formats.errors import FormatError
from desktop.formats.feedback.reader import read_feedback_workbook
from desktop.formats.feedback.workbook import COLUMN_INDEX, SHEET_TITLE, write_feedback_workbook
from desktop.store.feedback_store import feedback_sheets, import_feedback
from desktop.store.tracking_store import load_assignments
from desktop.store.workspace import Workspace
from tests.support.feedback_fill import fill, rows_by_task, set_saved_time
from tests.support.render import soffice_convert

TODAY = date(2024, 7, 1)
DATA = "区大数据服务中心"
REPORTS = {36: ("平台已上线。", "完成", date(2024, 6, 3)), 39: ("正在建设。", "80%", None),
           42: ("已办结。", "已完成", "2024.6.5")}


@pytest.fixture(scope="module")
def laiwu_plan_module(samples_dir: Path):
    from desktop.formats.tables.canonical import plan_from_canonical

    return plan_from_canonical(samples_dir / "laiwu-2024.canonical.json")


@pytest.fixture(scope="module")
def returned(tmp_path_factory, laiwu_plan_module) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("formats")
    ws = Workspace.open(folder / "workspace.sqlite3", seed_sample=False)
    ws.add_plan(laiwu_plan_module)
    sheet = feedback_sheets(ws.db, laiwu_plan_module, [DATA])[0]
    ws.close()
    original = folder / "back.xlsx"
    write_feedback_workbook(sheet, original)
    fill(original, REPORTS)
    files = {"xlsx": original}
    for kind in ("xls", "ods", "xlsx"):
        files[f"lo-{kind}"] = soffice_convert(original, folder / f"lo-{kind}", kind)
    return folder / "workspace.sqlite3", files


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["lo-xlsx", "lo-xls", "lo-ods"])
def test_a_resaved_workbook_reads_like_the_original(returned, kind: str) -> None:
    _, files = returned
    original = read_feedback_workbook(files["xlsx"])
    again = read_feedback_workbook(files[kind])
    assert again.kind == kind.removeprefix("lo-")
    assert again.meta == original.meta
    mine = [(r.hidden, r.progress, str(r.status), r.completed) for r in original.rows]
    theirs = [(r.hidden, r.progress, str(r.status), r.completed) for r in again.rows if not r.blank]
    assert theirs == mine
    assert again.saved_at is not None


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["xlsx", "lo-xls", "lo-ods"])
def test_each_format_imports_to_the_same_states(returned, kind: str, tmp_path: Path) -> None:
    workspace, files = returned
    copy = tmp_path / "workspace.sqlite3"
    shutil.copy(workspace, copy)
    with Workspace.open(copy) as ws:
        result = import_feedback(ws.db, [read_feedback_workbook(files[kind])], TODAY)
        assert not result.failed
        states = {a.task_id: (a.status, a.completed_on) for a in load_assignments(ws.db, 1) if a.unit == DATA}
    assert states[36] == (DONE, date(2024, 6, 3))
    assert states[39] == (IN_PROGRESS, None)
    assert states[42] == (DONE, date(2024, 6, 5))


def test_a_workbook_keeps_its_own_saved_time(tmp_path: Path, laiwu_plan) -> None:
    with Workspace.open(tmp_path / "ws.sqlite3", seed_sample=False) as ws:
        ws.add_plan(laiwu_plan)
        sheet = feedback_sheets(ws.db, laiwu_plan, [DATA])[0]
    path = tmp_path / "back.xlsx"
    write_feedback_workbook(sheet, path)
    set_saved_time(path, datetime(2024, 6, 20, 9, 15, tzinfo=UTC))
    saved = read_feedback_workbook(path).saved_at
    assert saved is not None and saved.astimezone(UTC).date() == date(2024, 6, 20)


def test_a_formula_without_a_cached_value_is_found(tmp_path: Path, laiwu_plan) -> None:
    with Workspace.open(tmp_path / "ws.sqlite3", seed_sample=False) as ws:
        ws.add_plan(laiwu_plan)
        sheet = feedback_sheets(ws.db, laiwu_plan, [DATA])[0]
    path = tmp_path / "back.xlsx"
    write_feedback_workbook(sheet, path)
    workbook = openpyxl.load_workbook(path)
    ws_ = workbook[SHEET_TITLE]
    row = rows_by_task(ws_)[36]
    ws_.cell(row=row, column=COLUMN_INDEX["status"]).value = '=IF(1,"已完成","")'  # openpyxl keeps no value
    workbook.save(path)
    rows = {r.hidden["task_id"]: r for r in read_feedback_workbook(path).rows}
    assert rows["36"].formulas == ("status",)
    assert all(not r.formulas for key, r in rows.items() if key != "36")


def test_refusals_name_the_real_problem(tmp_path: Path) -> None:
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
                          + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600)
    with pytest.raises(FormatError, match="打开密码"):
        read_feedback_workbook(encrypted)
    broken = tmp_path / "broken.xls"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    with pytest.raises(FormatError, match=r"\.xls/\.et 文件已损坏"):
        read_feedback_workbook(broken)
    ods = tmp_path / "broken.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(FormatError, match=r"\.ods 文件已损坏"):
        read_feedback_workbook(ods)

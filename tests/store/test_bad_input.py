"""Crashes that must be one sentence (issue 11 defect 5) and the smaller defects of defect 8.

A lone surrogate in a plan file's fields, an import path longer than the system allows, a plan id
with more digits than SQLite holds, damaged JSON inside the workspace's rows; unit names that
differ only in characters a file name cannot hold, an 80-character unit name, a file name that is
not valid UTF-8, and temporaries left by killed exports.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from desktop.core.model import Plan
from desktop.formats.atomic import TEMP_PREFIX, write_text_atomically
from desktop.formats.errors import FormatError
from desktop.formats.feedback.unit_share import export_unit_files, file_stem
from desktop.formats.importers import import_file
from desktop.store.errors import StoreError
from desktop.store.feedback_store import feedback_sheets
from desktop.store.workspace import Workspace

SURROGATE_PLAN = ('{"format":"fenjie-plan/1","title":"计划\\ud800","note":"说明\\ud800",'
                  '"issuing_office":"区政府办公室\\udc00","tasks":[{"text":"任务\\ud800",'
                  '"units":"区财政局\\ud800","备注\\ud800":"值"}]}')


def test_a_lone_surrogate_in_a_plan_file_is_cleaned_and_stored(tmp_path: Path) -> None:
    path = tmp_path / "s.fenjie"
    path.write_text(SURROGATE_PLAN, encoding="utf-8")
    plan = import_file(path)
    with Workspace.open(tmp_path / "w.sqlite3", seed_sample=False) as workspace:
        plan_id = workspace.add_plan(plan).plan_id
        stored = workspace.load_plan(plan_id)
    assert (stored.title, stored.fields["note"], stored.fields["issuing_office"]) == \
        ("计划", "说明", "区政府办公室")
    assert stored.leaves()[0].attrs == {"units": "区财政局", "备注": "值"}


def test_an_import_path_longer_than_the_system_allows(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="无法读取文件"):
        import_file(tmp_path / ("很长的名字" * 400 + ".txt"))


def test_a_plan_id_beyond_sqlite_integers(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.sqlite3", seed_sample=False) as workspace, \
            pytest.raises(StoreError, match="没有编号为"):
        workspace.find_plan("99999999999999999999999")


@pytest.mark.parametrize("column", ["fields", "attrs"])
def test_damaged_json_inside_the_workspace(tmp_path: Path, laiwu_plan: Plan, column: str) -> None:
    with Workspace.open(tmp_path / "w.sqlite3", seed_sample=False) as workspace:
        plan_id = workspace.add_plan(laiwu_plan).plan_id
    with sqlite3.connect(str(tmp_path / "w.sqlite3")) as conn:
        table = "plans" if column == "fields" else "tasks"
        key = "id" if column == "fields" else "plan_id"
        conn.execute(f"UPDATE {table} SET {column} = '{{\"broken' WHERE {key} = ?", (plan_id,))
    with Workspace.open(tmp_path / "w.sqlite3") as workspace:
        assert [p.id for p in workspace.list_plans()] == [plan_id]  # the list still shows it
        with pytest.raises(StoreError, match="数据已损坏"):
            workspace.load_plan(plan_id)


def unit_plan(units: list[str]) -> Plan:
    plan = Plan("分工")
    for index, unit in enumerate(units):
        plan.insert_subtree(plan.ROOT_ID, index, plan.make_task(f"任务{index}", {"units": unit}))
    return plan


def test_unit_names_alike_as_file_names_do_not_overwrite_each_other(tmp_path: Path) -> None:
    long_name = "区" + "很长的单位名称" * 11 + "局"  # 79 characters: 237 bytes
    plan = unit_plan(["区财政局/区税务局", "区财政局:区税务局", long_name])
    with Workspace.open(tmp_path / "w.sqlite3", seed_sample=False) as workspace:
        workspace.add_plan(plan)
        sheets = feedback_sheets(workspace.db, plan)
    assert len(sheets) == 3
    written, warnings = export_unit_files(plan, sheets, tmp_path, ("xlsx", "docx"))
    assert len(written) == len(set(written)) == 6 and all(p.is_file() for p in written)
    assert any("已改名" in w for w in warnings)
    assert len(file_stem(long_name).encode("utf-8")) <= 120


def test_a_file_name_that_is_not_utf8_gives_a_readable_title(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode("工作要点".encode("gb18030") + b".txt")
    path.write_text("一、总体要求\n落实各项工作。", encoding="utf-8")
    assert import_file(path).title == "工作要点"


def test_temporaries_of_killed_exports_are_cleaned_up(tmp_path: Path) -> None:
    stale = tmp_path / f"{TEMP_PREFIX}计划-abc123.docx"
    stale.write_bytes(b"")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    fresh = tmp_path / f"{TEMP_PREFIX}计划-def456.docx"  # another export may be writing it now
    fresh.write_bytes(b"")
    write_text_atomically(tmp_path / "plan.fenjie", "{}")
    assert not stale.exists() and fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, "plan.fenjie"])



def test_an_html_file_with_a_doctype_keeps_its_title(tmp_path: Path) -> None:
    path = tmp_path / "annex.html"
    path.write_text('<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" [ <!ENTITY x "y"> ]>\n'
                    "<html><body><p>2024年重点工作任务分工</p><table><tr><th>序号</th><th>工作任务</th>"
                    "<th>责任单位</th></tr><tr><td>1</td><td>落实工作。</td><td>区财政局</td></tr></table>"
                    "</body></html>", encoding="utf-8")
    assert import_file(path).title == "2024年重点工作任务分工"


def test_an_xlsx_declaring_the_whole_sheet_is_refused_in_one_sentence(tmp_path: Path) -> None:
    """A 5 KB workbook with a cell at XFD1048576 (the speed: ``python -c`` on it, 19 s → 0.3 s)."""
    import re
    import zipfile

    import openpyxl

    small = tmp_path / "small.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["序号", "工作任务", "责任单位"])
    book.active.append([1, "落实工作。", "区财政局"])
    book.save(small)
    far = tmp_path / "far.xlsx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(far, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
                data = data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                                    b"<is><t>x</t></is></c></row></sheetData>")
            target.writestr(item, data)
    with pytest.raises(FormatError, match="表格太大"):
        import_file(far)


def test_formula_cells_without_saved_results_are_reported(tmp_path: Path) -> None:
    import openpyxl

    from desktop.formats.importers import import_source

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "责任单位"])
    sheet.append([1, "第1项工作。", "区财政局"])
    sheet.append([2, '=CONCATENATE("第2项","工作。")', "区财政局"])  # openpyxl saves no result
    book.save(tmp_path / "f.xlsx")
    imported = import_source(tmp_path / "f.xlsx")
    assert [leaf.text for leaf in imported.plan.leaves()] == ["第1项工作。", ""]
    assert any("1 个公式单元格没有保存计算结果" in line for line in imported.report.lines())

"""The 修改对照表 as .docx and .xlsx: official columns, words for added/removed, strings only."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from desktop.core.compare import compare_plans
from desktop.core.compare.accept import clone_plan
from desktop.core.model import Plan
from desktop.core.operations import DeleteTask, InsertTask, SetAttr, SetText
from desktop.formats.compare_table import export_comparison
from desktop.formats.errors import FormatError
from desktop.formats.plan_json import read_plan
from desktop.resources import sample_plan_path
from tests.support.render import pdf_text, pdf_to_pngs, soffice_to_pdf

FORMULA = '=HYPERLINK("http://example.invalid","点我")'


def _versions() -> tuple[Plan, Plan]:
    old = read_plan(sample_plan_path())
    new = clone_plan(old)
    leaves = old.leaves()
    SetText(leaves[0].id, leaves[0].text.replace("坚定实施", "全面实施")).apply(new)
    SetAttr(leaves[1].id, "units", "区发展改革局、区审计局").apply(new)
    DeleteTask(leaves[2].id).apply(new)
    parent = leaves[3].parent
    assert parent is not None
    InsertTask(parent.id, len(new[parent.id].children), {"id": new.next_id, "text": FORMULA}).apply(new)
    return old, new


def _comparison():  # type: ignore[no-untyped-def]
    old, new = _versions()
    result = compare_plans(old, new, identity=False, old_label="初稿", new_label="征求意见稿",
                           proposer="区发展改革局")
    result.changes()[0].note = "根据区委要求修改"
    return result


def test_docx_table(tmp_path: Path) -> None:
    target = tmp_path / "对照表.docx"
    export_comparison(_comparison(), target)
    document = docx.Document(str(target))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "原表述", "修改后", "修改说明"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]
    assert rows[0][3] == "根据区委要求修改"  # the clerk's note wins
    assert "坚定" in rows[0][1] and "全面" in rows[0][2]
    struck = [run.text for run in table.rows[1].cells[1].paragraphs[0].runs if run.font.strike]
    underlined = [run.text for run in table.rows[1].cells[2].paragraphs[0].runs if run.font.underline]
    assert struck == ["坚定"] and underlined == ["全面"]
    assert "责任单位：" in rows[1][1] and "区审计局" in rows[1][2]
    assert rows[1][3].startswith("根据区发展改革局意见责任单位由")
    kinds = {r[1].split("：")[0] if "：" in r[1] else r[1] for r in rows}
    assert "（新增）" in kinds and any(r[2] == "（删除）" for r in rows)
    assert any(r[2] == "新增：" + FORMULA for r in rows)


def test_xlsx_table_cells_are_strings(tmp_path: Path) -> None:
    target = tmp_path / "对照表.xlsx"
    export_comparison(_comparison(), target)
    sheet = openpyxl.load_workbook(target).active
    assert [c.value for c in sheet[3]] == ["序号", "原表述", "修改后", "修改说明"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert len(values) == 4
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.value is None or cell.data_type == "s"
    assert any(v[2] == "新增：" + FORMULA for v in values)
    assert any(v[2] == "（删除）" for v in values)


def test_json_and_bad_suffix(tmp_path: Path) -> None:
    target = tmp_path / "对照.json"
    export_comparison(_comparison(), target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "fenjie-compare/1"
    assert data["counts"]["added"] == 1 and data["counts"]["removed"] == 1
    with pytest.raises(FormatError, match=r"请使用 \.docx、\.xlsx 或 \.json"):
        export_comparison(_comparison(), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_docx_table_renders_in_libreoffice(tmp_path: Path) -> None:
    target = tmp_path / "修改对照表.docx"
    export_comparison(_comparison(), target)
    pdf = soffice_to_pdf(target, tmp_path / "pdf")
    text = "".join(pdf_text(pdf).split())
    for word in ("修改对照表", "序号", "原表述", "修改后", "修改说明", "（新增）", "（删除）",
                 "根据区委要求修改"):
        assert word in text
    pages = pdf_to_pngs(pdf, tmp_path / "png")
    assert pages

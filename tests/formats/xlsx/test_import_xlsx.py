"""Importing .xlsx annexes: the real samples leaf for leaf, title rows, merged ranges, other sheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from desktop.core.numbering import numbering_of
from desktop.core.style import PRESETS, style_of
from desktop.formats.errors import FormatError
from desktop.formats.importers import import_file
from desktop.formats.plan_json import dumps
from tests.support.canonical_compare import canonical_leaf_rows, first_difference, leaf_rows


@pytest.mark.parametrize("sample", ["laiwu-2024", "taian-2017"])
def test_sample_xlsx_matches_its_canonical_json(samples_dir: Path, sample: str) -> None:
    plan = import_file(samples_dir / f"{sample}.xlsx")
    expected = canonical_leaf_rows(samples_dir / f"{sample}.canonical.json")
    actual = leaf_rows(plan)
    assert first_difference(actual, expected) == ""
    assert actual == expected
    plan.check_invariants()


@pytest.mark.parametrize("sample", ["laiwu-2024", "taian-2017"])
def test_xlsx_and_docx_of_a_sample_give_the_same_plan(samples_dir: Path, sample: str) -> None:
    from_xlsx = import_file(samples_dir / f"{sample}.xlsx")
    from_docx = import_file(samples_dir / f"{sample}.docx")
    assert dumps(from_xlsx) == dumps(from_docx)


def test_laiwu_xlsx_title_rows_and_repeated_headers(samples_dir: Path) -> None:
    plan = import_file(samples_dir / "laiwu-2024.xlsx")
    assert plan.title == "2024年莱芜区政务公开重点工作任务分工"
    assert plan.fields["attachment_label"] == "附件"
    assert style_of(plan.fields) == PRESETS["laiwu2024"]
    assert len(plan.root.children) == 6  # header rows repeated inside the sheet were dropped
    assert not any(leaf.text in ("具体要求", "序号") for leaf in plan.leaves())


def _annex_sheet(sheet) -> None:
    sheet.append(["附件3"])
    sheet.append(["2023年某县政务公开任务分解"])
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("A2:E2")
    sheet.append(["序号", "工作任务", None, "具体要求", "责任单位", "完成时限"])
    sheet.merge_cells("B3:C3")
    sheet.append([1, "一、加强公开", "（一）推进发布", "要求一。", "县财政局", dt.datetime(2023, 12, 31)])
    sheet.append([2, None, None, "要求二。", None, "长期坚持"])
    sheet.append([3, None, "（二）回应关切", "要求三。", "县民政局", "持续推进"])
    sheet.append([4, "二、夯实基础", "加强培训。", None, "县司法局", "年底前"])
    for area in ("B4:B6", "C4:C5", "E4:E5", "C7:D7"):
        sheet.merge_cells(area)


def test_first_sheet_holding_a_table_is_read(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "说明"
    cover["A1"] = "本工作簿第二张表是任务分解表。"
    _annex_sheet(workbook.create_sheet("分解表"))
    path = tmp_path / "annex.xlsx"
    workbook.save(path)
    plan = import_file(path)
    assert plan.title == "2023年某县政务公开任务分解"
    assert plan.fields["attachment_label"] == "附件3"
    assert plan.fields["year"] == 2023
    assert [(r["path"], r["text"], r["units"], r["deadline"]) for r in leaf_rows(plan)] == [
        (["加强公开", "推进发布"], "要求一。", "县财政局", "2023年12月31日"),
        (["加强公开", "推进发布"], "要求二。", "县财政局", "长期坚持"),
        (["加强公开", "回应关切"], "要求三。", "县民政局", "持续推进"),
        (["夯实基础"], "加强培训。", "县司法局", "年底前"),
    ]
    assert plan.root.children[0].children[0].attrs == {"units": "县财政局"}  # E4:E5 covers the category
    assert [level.scheme for level in numbering_of(plan)] == ["chinese", "chinese_paren"]


def test_sheet_without_merges_repeats_blank_category_cells(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["一级任务", "二级任务", "具体要求", "责任单位"])
    sheet.append(["一、甲", "（一）乙", "要求一。", "区财政局"])
    sheet.append([None, None, "要求二。", None])
    sheet.append([None, "（二）丙", "要求三。", "区民政局"])
    path = tmp_path / "flat.xlsx"
    workbook.save(path)
    rows = leaf_rows(import_file(path))
    assert [(r["path"], r["units"]) for r in rows] == [
        (["甲", "乙"], "区财政局"), (["甲", "乙"], ""), (["甲", "丙"], "区民政局")]


def test_workbook_without_any_table_is_refused(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    path = tmp_path / "empty.xlsx"
    workbook.save(path)
    with pytest.raises(FormatError, match=r"^这个文件里没有找到表格。$"):
        import_file(path)


def test_word_file_named_xlsx_is_refused_plainly(tmp_path: Path, samples_dir: Path) -> None:
    path = tmp_path / "wrong.xlsx"
    path.write_bytes((samples_dir / "laiwu-2024.docx").read_bytes())
    with pytest.raises(FormatError, match="Word"):
        import_file(path)

"""Importing .docx annexes: the real samples leaf for leaf, and the quirks of Word/WPS/LibreOffice files."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from desktop.core.numbering import compute_numbers, numbering_of
from desktop.core.style import PRESETS, style_of
from desktop.formats.errors import FormatError
from desktop.formats.importers import import_file
from tests.support.canonical_compare import canonical_leaf_rows, first_difference, leaf_rows
from tests.support.ooxml_build import cell, para, row, runs, table, write_docx


@pytest.mark.parametrize("sample", ["laiwu-2024", "taian-2017"])
def test_sample_docx_matches_its_canonical_json(samples_dir: Path, sample: str) -> None:
    plan = import_file(samples_dir / f"{sample}.docx")
    expected = canonical_leaf_rows(samples_dir / f"{sample}.canonical.json")
    actual = leaf_rows(plan)
    assert first_difference(actual, expected) == ""
    assert actual == expected
    plan.check_invariants()


def test_laiwu_docx_metadata_style_and_numbering(samples_dir: Path) -> None:
    plan = import_file(samples_dir / "laiwu-2024.docx")
    assert plan.title == "2024年莱芜区政务公开重点工作任务分工"
    assert plan.fields["attachment_label"] == "附件"
    assert plan.fields["year"] == 2024
    assert style_of(plan.fields) == PRESETS["laiwu2024"]
    levels = numbering_of(plan)
    assert [level.scheme for level in levels] == ["chinese", "chinese_paren"]
    assert levels[1].continuous  # （一）…（十六） run on through the plan
    top = plan.root.children
    assert len(top) == 6  # categories restated after each page break were continued, not duplicated
    assert sum(len(t.children) for t in top) == 16
    assert compute_numbers(plan)[top[5].children[-1].id] == "（十六）"


def test_taian_docx_keeps_leaves_at_different_depths_and_merged_leads(samples_dir: Path) -> None:
    plan = import_file(samples_dir / "taian-2017.docx")
    assert style_of(plan.fields) == PRESETS["taian2017"]
    assert [level.scheme for level in numbering_of(plan)] == ["none", "chinese_paren", "arabic"]
    depths = {leaf.depth for leaf in plan.leaves()}
    assert depths == {3, 4}
    # 牵头单位 merged over all rows of "（二）推进减税、降费…" is that category's attribute.
    second = plan.root.children[0].children[1]
    assert second.text.startswith("推进减税、降费")
    assert second.attrs["lead"].startswith("市发展改革委")
    assert all("lead" not in leaf.attrs for leaf in second.children)


def _quirky_annex(path: Path) -> Path:
    header = row(cell("序号"), cell("工作任务", span=2), cell("具体要求"), cell("责任单位"), cell("完成时限"),
                 header=True)
    first = table(
        [600, 1200, 1400, 5000, 2000, 1200],
        header,
        row(cell("1"), cell("一、加强公开", vmerge="restart"), cell("(一)推进发布", vmerge="restart"),
            cell(runs("加强", "政策", "发布。"), raw=True), cell("区财政局", vmerge="restart"),
            cell("2024年12月底前", vmerge="restart")),
        row(cell("2"), cell(vmerge="bare"), cell(vmerge="continue"),
            cell('<w:p><w:r><w:t>做好解读</w:t><w:br/><w:t>及时发布。</w:t></w:r></w:p>', raw=True),
            cell(vmerge="bare"), cell(vmerge="continue")),
        row(cell("3"), cell(vmerge="continue"), cell("（二）回应关切", vmerge="restart"),
            cell('<w:p><w:r><w:t>回应社会关切。</w:t></w:r><w:del w:id="1" w:author="x"><w:r>'
                 '<w:delText>删掉的字</w:delText></w:r></w:del></w:p>', raw=True),
            cell("区政府办公室"), cell("长期坚持")),
    )
    second = table(
        [600, 1200, 1400, 5000, 2000, 1200],
        header,
        row(cell("4"), cell("一、加强公开（续）", vmerge="restart"), cell("（二）回应关切", vmerge="restart"),
            cell("及时回应。"), cell("区政府办公室"), cell("长期坚持")),
        row(cell("5"), cell(vmerge="continue"), cell(vmerge="continue"),
            '<w:sdt><w:sdtContent>' + cell("第二条。") + '</w:sdtContent></w:sdt>',
            cell("区政府办公室"), cell("2024年6月底前")),
        row(cell("6"), cell("二、夯实基础"), cell("加强培训。", span=2), cell("区司法局"), cell("年底前")),
    )
    body = (para("关于印发某区政务公开工作要点的通知") + para("各街道（镇）：现将要点印发给你们。")
            + para("附件2") + para("2025年某区政务公开") + para("重点任务分工") + first
            + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + second + para(""))
    return write_docx(path, body)


def test_word_and_wps_quirks(tmp_path: Path) -> None:
    path = _quirky_annex(tmp_path / "quirks.docx")
    assert len(docx.Document(str(path)).tables) == 2  # a real package python-docx opens
    plan = import_file(path)
    assert plan.title == "2025年某区政务公开重点任务分工"
    assert plan.fields["attachment_label"] == "附件2"
    assert plan.fields["year"] == 2025
    assert [level.scheme for level in numbering_of(plan)] == ["chinese", "chinese_paren"]
    rows = [(r["path"], r["text"], r["units"], r["deadline"]) for r in leaf_rows(plan)]
    assert rows == [
        (["加强公开", "推进发布"], "加强政策发布。", "区财政局", "2024年12月底前"),
        (["加强公开", "推进发布"], "做好解读及时发布。", "区财政局", "2024年12月底前"),
        (["加强公开", "回应关切"], "回应社会关切。", "区政府办公室", "长期坚持"),
        (["加强公开", "回应关切"], "及时回应。", "区政府办公室", "长期坚持"),
        (["加强公开", "回应关切"], "第二条。", "区政府办公室", "2024年6月底前"),
        (["夯实基础"], "加强培训。", "区司法局", "年底前"),
    ]
    top = plan.root.children
    assert [t.text for t in top] == ["加强公开", "夯实基础"]
    assert [t.text for t in top[0].children] == ["推进发布", "回应关切"]  # restated, not duplicated
    publish = top[0].children[0]
    assert publish.attrs == {"units": "区财政局", "deadline": "2024年12月底前"}  # merged cells → category
    assert publish.children[1].text == "做好解读\n及时发布。"  # Word's soft line break kept
    assert top[1].children[0].depth == 2  # a leaf spanning level 2 and 具体要求 sits higher


def test_legacy_hmerge_and_grid_before(tmp_path: Path) -> None:
    body = para("附件") + para("任务分解表") + table(
        [300, 1200, 1400, 5000, 2000],
        row(cell("工作任务及要求", hmerge="restart"), cell(hmerge="continue"), cell(hmerge="bare"),
            cell("牵头单位"), grid_before=1),
        row(cell("一、甲类工作", vmerge="restart"), cell("（一）乙项", vmerge="restart"), cell("要求一。"),
            cell("区财政局", vmerge="restart"), grid_before=1),
        row(cell(vmerge="continue"), cell(vmerge="continue"), cell("要求二。"), cell(vmerge="continue"),
            grid_before=1),
        row(cell(vmerge="continue"), cell("要求三。", hmerge="restart"), cell(hmerge="continue"),
            cell("区民政局"), grid_before=1),
    )
    plan = import_file(write_docx(tmp_path / "hmerge.docx", body))
    assert [(r["path"], r["text"], r["lead"]) for r in leaf_rows(plan)] == [
        (["甲类工作", "乙项"], "要求一。", "区财政局"),
        (["甲类工作", "乙项"], "要求二。", "区财政局"),
        (["甲类工作"], "要求三。", "区民政局"),
    ]
    assert plan.root.children[0].children[0].attrs == {"lead": "区财政局"}
    assert style_of(plan.fields).attr_keys == ("lead",)


def test_columns_are_mapped_by_header_text_and_a_style_is_built(tmp_path: Path) -> None:
    labels = ["序号", "重点任务", "工作要求", "牵头单位", "配合单位", "时限要求", "备注"]
    body = para("附件") + para("自定义表") + table(
        [500, 1500, 5000, 1500, 1500, 1000, 800],
        row(*(cell(label) for label in labels)),
        row(cell("1"), cell("一、甲", vmerge="restart"), cell("要求一。"), cell("区财政局"), cell("区税务局"),
            cell("6月底前"), cell("重点")),
        row(cell("2"), cell(vmerge="continue"), cell("要求二。"), cell("区民政局"), cell(""),
            cell("长期坚持"), cell("")),
    )
    plan = import_file(write_docx(tmp_path / "custom.docx", body))
    style = style_of(plan.fields)
    assert [(c.kind, c.header) for c in style.columns] == [
        ("seq", "序号"), ("level", "重点任务"), ("requirement", "工作要求"), ("attr", "牵头单位"),
        ("attr", "配合单位"), ("attr", "时限要求"), ("attr", "备注")]
    assert style.attr_keys == ("lead", "cooperating", "deadline", "note")
    assert max(c.width for c in style.columns) == 6.0  # relative widths from w:tblGrid
    first = plan.leaves()[0]
    assert first.text == "要求一。"  # 序号 is dropped: it is computed
    assert {k: first.effective(k) for k in style.attr_keys} == {
        "lead": "区财政局", "cooperating": "区税务局", "deadline": "6月底前", "note": "重点"}


def test_table_without_header_is_mapped_by_position(tmp_path: Path) -> None:
    long_text = "加强政策解读，及时回应社会关切，做好信息发布工作，提升公开质效。"
    body = para("任务表") + table(
        [500, 1500, 5000, 2000, 1200],
        row(cell("1"), cell("一、甲", vmerge="restart"), cell(long_text), cell("区财政局"),
            cell("2024年底前")),
        row(cell("2"), cell(vmerge="continue"), cell(long_text + "二"), cell("区民政局"), cell("长期坚持")),
    )
    plan = import_file(write_docx(tmp_path / "noheader.docx", body))
    assert [(r["path"], r["units"], r["deadline"]) for r in leaf_rows(plan)] == [
        (["甲"], "区财政局", "2024年底前"), (["甲"], "区民政局", "长期坚持")]


def test_largest_table_wins_and_section_and_note_rows(tmp_path: Path) -> None:
    small = table([3000, 3000], row(cell("文号"), cell("某政办字〔2024〕1号")))
    annex = table(
        [1500, 5000, 2000],
        row(cell("工作任务"), cell("具体要求"), cell("责任单位")),
        row(cell("一、总体安排", span=3)),
        row(cell("（一）甲", vmerge="restart"), cell("要求一。"), cell("区财政局")),
        row(cell(vmerge="continue"), cell("要求二。"), cell("区民政局")),
        row(cell("注：各单位按职责落实。", span=3)),
    )
    plan = import_file(write_docx(tmp_path / "two.docx", small + para("附件") + para("分工表") + annex))
    assert plan.title == "分工表"
    assert [r["path"] for r in leaf_rows(plan)] == [["总体安排", "甲"], ["总体安排", "甲"]]
    assert plan.fields["note"] == "注：各单位按职责落实。"


def test_docx_without_table_is_refused_plainly_or_read_as_text(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "plain.docx", para("2024年工作要点") + para("一、加强公开")
                      + para("（一）推进发布。做好发布。加强解读。"))
    with pytest.raises(FormatError, match=r"^这个文件里没有找到表格。$"):
        import_file(path)
    plan = import_file(path, as_text=True)
    assert plan.title == "2024年工作要点"
    assert [r["text"] for r in leaf_rows(plan)] == ["做好发布。", "加强解读。"]
    assert leaf_rows(plan)[0]["path"] == ["加强公开", "推进发布"]


def test_title_argument_overrides_and_empty_title_falls_back_to_file_name(tmp_path: Path) -> None:
    body = table([1500, 5000], row(cell("工作任务"), cell("具体要求")), row(cell("一、甲"), cell("要求。")))
    path = write_docx(tmp_path / "无题.docx", body)
    assert import_file(path).title == "无题"
    assert import_file(path, title="我的计划").title == "我的计划"


def test_merged_requirement_is_one_leaf_and_a_category_row_alone_is_a_leaf(tmp_path: Path) -> None:
    body = table(
        [1500, 1500, 5000, 2000],
        row(cell("一级任务"), cell("二级任务"), cell("具体要求"), cell("责任单位")),
        row(cell("一、甲", vmerge="restart"), cell("（一）乙"), cell(""), cell("")),
        row(cell(vmerge="continue"), cell("（一）乙"), cell("要求一。", vmerge="restart"), cell("区财政局")),
        row(cell(vmerge="continue"), cell("（一）乙"), cell(vmerge="continue"), cell("区民政局")),
        row(cell("二、单独一行的任务"), cell(""), cell(""), cell("区司法局")),
    )
    plan = import_file(write_docx(tmp_path / "merged-requirement.docx", body))
    rows = [(r["path"], r["text"], r["units"]) for r in leaf_rows(plan)]
    assert rows == [(["甲", "乙"], "要求一。", "区财政局区民政局"), ([], "单独一行的任务", "区司法局")]
    assert plan.leaves()[0].effective("units") == "区财政局\n区民政局"
    assert plan.leaves()[1].text == "二、单独一行的任务"

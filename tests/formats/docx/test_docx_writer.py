"""The .docx annex writer: structure, page set-up, fonts and footers read back from real files."""

from __future__ import annotations

import dataclasses
import datetime
import os
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from desktop.core.model import Plan
from desktop.core.style import PRESETS
from desktop.core.textclean import normalise_space
from desktop.formats.docx.table_text import RULE_TWIPS
from desktop.formats.docx.table_xml import column_widths
from desktop.formats.docx.writer import write_docx, write_docx_grid
from desktop.formats.errors import FormatError
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid
from desktop.layout.page import LANDSCAPE, PORTRAIT, mm_to_twips
from desktop.layout.page_plan import plan_table
from desktop.version import app_version
from tests.support.docx_grid import W, read_docx_table
from tests.support.render import pdf_text, soffice_to_pdf

SAMPLES = ("laiwu_plan", "taian_plan")


def _first_run_rpr(tc) -> tuple[str | None, str | None, int]:
    rpr = tc.find(f".//{W}r/{W}rPr")
    fonts = rpr.find(f"{W}rFonts")
    return fonts.get(f"{W}eastAsia"), fonts.get(f"{W}ascii"), int(rpr.find(f"{W}sz").get(f"{W}val"))


def _jc(tc) -> str:
    return tc.find(f".//{W}p/{W}pPr/{W}jc").get(f"{W}val")


@pytest.fixture(params=SAMPLES)
def sample(request, tmp_path):
    plan = request.getfixturevalue(request.param)
    target = tmp_path / f"{request.param}.docx"
    write_docx(plan, target)
    return plan, build_grid(plan), target


def _check_table(table, cells, header) -> None:
    assert table.header_spans() == {(c.row, c.col, c.rowspan, c.colspan) for c in header}
    assert [c.text for c in sorted(table.header, key=lambda c: c.col)] == [c.text for c in header]
    assert table.body_spans() == {(c.row, c.col, c.rowspan, c.colspan) for c in cells}
    texts = {(c.row, c.col): c.text for c in table.body}
    assert texts == {(c.row, c.col): c.text for c in cells}


def test_one_table_per_planned_page(sample):
    _plan, grid, target = sample
    plan = plan_table(grid)
    count = len(docx.Document(str(target)).tables)
    assert count == len(plan.pages) > 1
    for index, page in enumerate(plan.pages):
        table = read_docx_table(target, index)
        assert table.header_rows == grid.header_rows == 1
        assert table.body_rows == page.row_count
        _check_table(table, page.cells, grid.header)
        heights = [int(tr.find(f"{W}trPr/{W}trHeight").get(f"{W}val")) for tr in table.rows[1:]]
        assert heights == [round(h * 20) - RULE_TWIPS for h in page.heights]
    # a continued category is restated at the top of the next page
    restated = [cell for page in plan.pages[1:] for cell in page.cells
                if cell.row == 0 and cell.role == "category"]
    assert restated
    # every table after the first starts on a new page
    body = docx.Document(str(target)).element.body
    before = [tbl.getprevious() for tbl in body.iterchildren(f"{W}tbl")][1:]
    assert all(p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in before)


def test_word_paginates_option_is_one_table_like_the_grid(sample, tmp_path):
    plan, grid, _target = sample
    target = tmp_path / "flow.docx"
    write_docx(plan, target, word_paginates=True)
    assert len(docx.Document(str(target)).tables) == 1
    table = read_docx_table(target)
    assert table.body_rows == grid.n_rows
    _check_table(table, grid.cells, grid.header)
    assert all(tr.find(f"{W}trPr/{W}trHeight") is None for tr in table.rows)


def test_header_repeats_and_rows_do_not_split(sample):
    _plan, _grid, target = sample
    for index in range(len(docx.Document(str(target)).tables)):
        table = read_docx_table(target, index)
        header, *body = table.rows
        assert header.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(tr.find(f"{W}trPr/{W}tblHeader") is None for tr in body)
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in table.rows)


def test_fixed_column_widths_over_the_type_area(sample):
    _plan, grid, target = sample
    tbl = docx.Document(str(target)).tables[0]._tbl
    assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    widths = [int(col.get(f"{W}w")) for col in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    total = mm_to_twips(LANDSCAPE.type_width)
    assert sum(widths) == total
    assert widths == column_widths(grid.style, total)
    relative = [c.width for c in grid.style.columns]
    for width, weight in zip(widths, relative, strict=True):
        assert abs(width - total * weight / sum(relative)) <= 1
    border = tbl.find(f"{W}tblPr/{W}tblBorders/{W}insideH")
    assert (border.get(f"{W}val"), border.get(f"{W}sz")) == ("single", "4")


def test_page_setup_is_a4_landscape_with_gbt9704_margins(sample):
    _plan, _grid, target = sample
    section = docx.Document(str(target)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width.twips, section.page_height.twips) == (mm_to_twips(297), mm_to_twips(210))
    assert section.top_margin.twips == mm_to_twips(LANDSCAPE.margin_top) == mm_to_twips(28)
    assert section.bottom_margin.twips == mm_to_twips(26)
    assert section.left_margin.twips == mm_to_twips(35)
    assert section.right_margin.twips == mm_to_twips(37)
    type_width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    assert abs(type_width - mm_to_twips(225)) <= 1


def _style_font(document, name: str) -> tuple[str | None, float | None]:
    style = document.styles[name]
    while style.font.size is None and style.base_style is not None:
        style = style.base_style
    fonts = style.element.rPr.rFonts
    return fonts.get(f"{W}eastAsia"), style.font.size.pt


def _style_of(tc) -> str:
    return tc.find(f".//{W}p/{W}pPr/{W}pStyle").get(f"{W}val")


def test_fonts_and_alignment_come_from_named_styles(sample):
    _plan, grid, target = sample
    document = docx.Document(str(target))
    label, _blank, title = document.paragraphs[:3]
    assert label.text == "附件" and label.style.name == "附件标注"
    assert _style_font(document, "附件标注") == ("黑体", 16)
    assert title.text == grid.title and title.style.name == "标题"
    assert title.style.paragraph_format.alignment == 1  # centred
    assert _style_font(document, "标题") == ("方正小标宋简体", grid.style.title_font_size)
    assert _style_font(document, "表头") == ("黑体", grid.style.header_font_size)
    assert _style_font(document, "表格正文") == ("仿宋_GB2312", grid.style.body_font_size)
    assert _style_font(document, "表格正文居中") == ("仿宋_GB2312", grid.style.body_font_size)
    assert document.styles["表格正文"].paragraph_format.alignment == 3  # justified
    assert document.styles["表格正文居中"].paragraph_format.alignment == 1
    assert document.styles["表格正文居中"].base_style.name == "表格正文"

    plan = plan_table(grid)
    for index, page in enumerate(plan.pages):
        table = read_docx_table(target, index)
        assert {_style_of(cell.tc) for cell in table.header} == {"Head"}
        for cell, source in zip(sorted(table.body, key=lambda c: (c.row, c.col)), page.cells, strict=True):
            assert cell.tc.find(f"{W}tcPr/{W}vAlign").get(f"{W}val") == "center"
            wanted = "Body" if source.role == "requirement" else "BodyC"
            assert all(p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == wanted for p in cell.tc.iter(f"{W}p"))
            assert all(r.find(f"{W}rPr") is None for r in cell.tc.iter(f"{W}r"))  # no direct formatting


def test_only_used_styles_and_honest_properties(sample):
    plan, _grid, target = sample
    document = docx.Document(str(target))
    names = {s.name for s in document.styles}
    assert names == {"Normal", "Default Paragraph Font", "Normal Table", "附件标注", "标题", "表头",
                     "表格正文", "表格正文居中", "页码"}
    props = document.core_properties
    now = datetime.datetime.now(datetime.UTC)
    assert abs((props.created.replace(tzinfo=datetime.UTC) - now).total_seconds()) < 600
    assert props.created == props.modified
    assert props.title == plan.title
    with zipfile.ZipFile(target) as archive:
        app = archive.read("docProps/app.xml").decode()
        size = archive.getinfo("word/document.xml").file_size
    assert f"<Application>Fenjie {app_version()}</Application>" in app
    assert size <= 1600 * build_grid(plan).n_rows


def test_author_is_the_issuing_office(laiwu_plan, tmp_path):
    laiwu_plan.set_field("issuing_office", "莱芜区人民政府办公室")
    target = tmp_path / "office.docx"
    write_docx(laiwu_plan, target)
    assert docx.Document(str(target)).core_properties.author == "莱芜区人民政府办公室"


def _footer_paragraph(footer):
    (paragraph,) = footer.paragraphs
    instr = "".join(t.text for t in paragraph._p.iter(f"{W}instrText"))
    return paragraph, instr


def test_page_numbers_outside_odd_right_even_left(sample):
    _plan, _grid, target = sample
    document = docx.Document(str(target))
    assert document.settings.odd_and_even_pages_header_footer
    assert document.settings.element.find(f"{W}evenAndOddHeaders") is not None
    section = document.sections[0]
    odd, odd_instr = _footer_paragraph(section.footer)
    even, even_instr = _footer_paragraph(section.even_page_footer)
    assert odd_instr.strip() == even_instr.strip() == "PAGE"
    assert odd.text.startswith("— ") and odd.text.endswith(" —")
    assert (odd.alignment, even.alignment) == (2, 0)  # right, left
    assert odd.paragraph_format.right_indent == Pt(14)
    assert even.paragraph_format.left_indent == Pt(14)
    assert odd.style.name == even.style.name == "页码"
    assert _style_font(document, "页码") == ("宋体", 14)


def test_centred_page_numbers_and_portrait(laiwu_plan, tmp_path):
    style = PRESETS["laiwu2024"].with_options(page_numbers="center", orientation="portrait")
    target = tmp_path / "centred.docx"
    write_docx(laiwu_plan, target, style)
    document = docx.Document(str(target))
    assert not document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    paragraph, instr = _footer_paragraph(section.footer)
    assert instr.strip() == "PAGE"
    assert paragraph.alignment == 1
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (section.page_width.twips, section.page_height.twips) == (mm_to_twips(210), mm_to_twips(297))
    assert section.left_margin.twips == mm_to_twips(PORTRAIT.margin_left) == mm_to_twips(28)
    widths = [int(c.get(f"{W}w")) for c in document.tables[0]._tbl.iter(f"{W}gridCol")]
    assert sum(widths) == mm_to_twips(156)


def test_a_row_taller_than_a_page_is_split_over_pages(tmp_path):
    plan = Plan("超长的一行", style=PRESETS["shizhong2020"].to_dict())
    top = plan.make_task("一级任务")
    plan.insert_subtree(plan.root.id, 0, top)
    second = plan.make_task("二级任务")
    plan.insert_subtree(top.id, 0, second)
    long_text = "很长的要求，" * 600
    for index, text in enumerate(["短的要求。", long_text, "又一条短的要求。"]):
        plan.insert_subtree(second.id, index, plan.make_task(text, {"units": "区政府办公室"}))
    target = tmp_path / "tall.docx"
    write_docx(plan, target)
    tables = docx.Document(str(target)).tables
    assert len(tables) > 2
    parts = []
    for index in range(len(tables)):
        table = read_docx_table(target, index)
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in table.rows)
        short = ("短的要求。", "又一条短的要求。")
        parts += [c.text for c in table.body if "要" in c.text and c.text not in short]
        assert any(c.text.endswith("一级任务") for c in table.body)  # restated on every page
    assert "".join(parts) == long_text

    flowing = tmp_path / "flowing.docx"
    write_docx(plan, flowing, word_paginates=True)
    table = read_docx_table(flowing)
    cant_split = [tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in table.rows[1:]]
    assert cant_split == [True, False, True]  # Word could not place the long row whole


def test_forbidden_characters_export(tmp_path):
    dirty = "甲\x0b乙\x01丙\ufffe丁"
    plan = Plan("标题\x01含控制字符", style=PRESETS["shizhong2020"].to_dict())
    top = plan.make_task("一级\x0c任务")
    plan.insert_subtree(plan.root.id, 0, top)
    plan.insert_subtree(top.id, 0, plan.make_task(dirty, {"units": "区财政局\ufffe"}))
    grid = build_grid(plan)
    # The model cleans text on the way in; the writer must also survive a grid that was not.
    raw = Grid(grid.style, "标题\x01\ufffe", grid.attachment_label, grid.header, [
        dataclasses.replace(c, text=dirty) if c.role == "requirement" else c for c in grid.cells],
        grid.row_task_ids)
    for name, source in (("plan.docx", plan), ("grid.docx", raw)):
        target = tmp_path / name
        if isinstance(source, Plan):
            write_docx(source, target)
        else:
            write_docx_grid(source, target)
        table = read_docx_table(target)
        assert [c.text for c in table.body if c.text.startswith("甲")] == ["甲\n乙丙丁"]
        assert "\ufffe" not in docx.Document(str(target)).paragraphs[2].text


def _make_unwritable(path: Path) -> None:
    """Make the existing file ``path`` impossible to replace (root ignores directory modes)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.parent.chmod(0o555)


def _undo_unwritable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.parent.chmod(0o755)


def test_unwritable_target_raises_and_keeps_the_old_file(laiwu_plan, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "annex.docx"
    target.write_bytes(b"the clerk's previous file")
    _make_unwritable(target)
    try:
        with pytest.raises(FormatError) as raised:
            write_docx(laiwu_plan, target)
    finally:
        _undo_unwritable(target)
    assert target.read_bytes() == b"the clerk's previous file"
    assert [p.name for p in folder.iterdir()] == ["annex.docx"]
    message = str(raised.value)
    assert "annex.docx" in message and "\n" not in message


def test_missing_folder_raises(laiwu_plan, tmp_path):
    with pytest.raises(FormatError):
        write_docx(laiwu_plan, tmp_path / "no-such-folder" / "annex.docx")
    assert not (tmp_path / "no-such-folder").exists()


@pytest.mark.libreoffice
def test_libreoffice_renders_every_leaf(laiwu_plan, taian_plan, tmp_path):
    for name, plan in (("laiwu", laiwu_plan), ("taian", taian_plan)):
        target = tmp_path / f"{name}.docx"
        write_docx(plan, target)
        text = normalise_space(pdf_text(soffice_to_pdf(target, tmp_path / "pdf")))
        assert normalise_space(plan.title) in text
        assert "—1—" in text and "—2—" in text
        leaves = [task for task in plan.tasks() if task.is_leaf]
        assert leaves
        missing = [task.text for task in leaves if normalise_space(task.text) not in text]
        assert missing == []

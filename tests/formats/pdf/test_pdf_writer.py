"""The PDF writer: real PDFs written and read back with poppler (text, word boxes, fonts, page size)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from desktop.core.model import Plan, Task
from desktop.core.style import PRESETS, TableStyle
from desktop.core.textclean import normalise_space
from desktop.formats.errors import FormatError
from desktop.formats.pdf.fonts import PdfFont, PdfFonts, load_fonts
from desktop.formats.pdf.table import PADDING_H_PT
from desktop.formats.pdf.writer import write_pdf, write_pdf_grid
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid
from desktop.layout.page import geometry, mm_to_pt
from tests.support.pdf_inspect import Word, font_rows, page_size, raw_text, words
from tests.support.render import pdf_page_count

SAMPLES = {"laiwu_plan": (5, 30), "taian_plan": (10, 60)}  # plausible page counts


def header_text(style: TableStyle) -> str:
    return "".join(label for label, _, _ in style.header_groups())


def column_edges(style: TableStyle) -> list[float]:
    """x of each column rule in points, as pdftotext reports them (from the left edge)."""
    page = geometry(style.orientation)
    left, width = mm_to_pt(page.margin_left), mm_to_pt(page.type_width)
    total = sum(c.width for c in style.columns)
    edges = [left]
    for column in style.columns:
        edges.append(edges[-1] + width * column.width / total)
    return edges


def pages_text(pdf: Path) -> list[str]:
    return [normalise_space(page) for page in raw_text(pdf).split("\f")[:-1]]


def add(plan: Plan, parent: Task, text: str, attrs: dict[str, str] | None = None) -> Task:
    task = plan.make_task(text, attrs)
    plan.insert_subtree(parent.id, len(parent.children), task)
    return task


@pytest.mark.parametrize("fixture", SAMPLES)
def test_samples_print_every_leaf_with_embedded_fonts(fixture, request, tmp_path):
    plan = request.getfixturevalue(fixture)
    target = tmp_path / "annex.pdf"
    warnings = write_pdf(plan, target)
    text = normalise_space(raw_text(target))
    missing = [leaf.text for leaf in plan.leaves() if normalise_space(leaf.text) not in text]
    assert missing == []
    assert text.startswith("附件" + normalise_space(plan.title))
    low, high = SAMPLES[fixture]
    assert low <= pdf_page_count(target) <= high
    fonts = load_fonts()
    rows = font_rows(target)
    if fonts.body.embedded:  # a CJK TrueType font is installed (fonts-wqy-zenhei on the CI machine)
        assert rows and all(embedded and kind == "TrueType" for _, kind, embedded in rows)
        assert all(w.startswith("本机没有安装") for w in warnings) and len(warnings) <= 1
    else:
        assert any("STSong-Light" in w for w in warnings)


def test_header_and_page_numbers_are_on_every_page(laiwu_plan, tmp_path):
    target = tmp_path / "annex.pdf"
    write_pdf(laiwu_plan, target)
    style = PRESETS["laiwu2024"]
    pages = pages_text(target)
    assert len(pages) == pdf_page_count(target) > 2
    for number, text in enumerate(pages, start=1):
        body = text if number > 1 else text.split(normalise_space(laiwu_plan.title), 1)[1]
        assert body.startswith(header_text(style))
        assert text.endswith(f"—{number}—")
    width, _ = page_size(target)
    dashes = [w for w in words(target) if w.text == "—" and w.y_min > 500]
    for page in range(1, len(pages) + 1):
        x = min(w.x_min for w in dashes if w.page == page)
        assert (x > width / 2) == (page % 2 == 1)  # odd pages right, even pages left


def _first_row_on(page_text: str, header: str) -> int:
    match = re.match(re.escape(header) + r"(\d+)", page_text)
    assert match, page_text[:80]
    return int(match.group(1)) - 1


@pytest.mark.parametrize("marker", [False, True])
def test_categories_continuing_on_a_page_are_restated_at_its_top(laiwu_plan, tmp_path, marker):
    style = PRESETS["laiwu2024"].with_options(continued_marker=marker)
    grid = build_grid(laiwu_plan, style)
    target = tmp_path / "annex.pdf"
    write_pdf_grid(grid, target)
    levels = [i for i, c in enumerate(style.columns) if c.kind == "level"]
    pages = pages_text(target)
    restated = 0
    for text in pages[1:]:
        row = _first_row_on(text, header_text(style))
        expected = ""
        for col in levels:
            cell = grid.cell_at(row, col)
            continued = cell.row < row
            restated += continued
            expected += normalise_space(cell.text) + ("（续）" if continued and marker else "")
        # right after the header: the row number, then the categories of that row
        assert text[len(header_text(style)) + len(str(row + 1)):].startswith(expected)
    assert restated >= len(pages) - 1  # the long first category crosses several page breaks


def test_a_row_taller_than_a_page_is_split_across_pages_without_losing_text(tmp_path):
    plan = Plan("超长一行", style=PRESETS["laiwu2024"].to_dict())
    top = add(plan, plan.root, "推进全领域信息公开", {"deadline": "2024年12月底前"})
    section = add(plan, top, "以公开助推高质量发展")
    add(plan, section, "第一条普通要求。", {"units": "区政府办公室"})
    sentence = "第{}句，加强政务公开平台建设和信息发布工作，提升政策解读质量。"
    long_text = "".join(sentence.format(i) for i in range(1, 121))
    add(plan, section, long_text, {"units": "区财政局、区教育和体育局"})
    add(plan, section, "第三条普通要求。", {"units": "区司法局"})
    target = tmp_path / "tall.pdf"
    write_pdf(plan, target)
    n_pages = pdf_page_count(target)
    assert n_pages >= 5
    style = PRESETS["laiwu2024"]
    edges = column_edges(style)
    req = next(i for i, c in enumerate(style.columns) if c.kind == "requirement")
    _, height = page_size(target)
    bottom = height - mm_to_pt(geometry(style.orientation).margin_bottom)
    in_column = [w for w in words(target)
                 if edges[req] < w.x_min < edges[req + 1] and w.text not in ("具体要求", plan.title)]
    assert all(w.y_max <= bottom + 0.5 for w in in_column)  # nothing below the type area: no overflow
    printed = "".join(w.text for w in sorted(in_column, key=lambda w: (w.page, w.y_min)))
    assert printed == "第一条普通要求。" + long_text + "第三条普通要求。"
    pages = pages_text(target)
    assert all("一、推进全领域信息公开" in text for text in pages)  # the category on every piece


def _body_words(pdf: Path, style: TableStyle, title: str) -> list[Word]:
    """Words of the table body: not the label, title, header labels or page numbers."""
    _, height = page_size(pdf)
    bottom = height - mm_to_pt(geometry(style.orientation).margin_bottom)
    skip = {label for label, _, _ in style.header_groups()} | {"附件", title, "序", "号"}
    return [w for w in words(pdf) if w.y_max < bottom and w.text not in skip]


@pytest.mark.parametrize(("width", "kinsoku"), [(0.8, False), (1.15, True)])
def test_nothing_sticks_out_of_narrow_columns(laiwu_plan, tmp_path, width, kinsoku):
    """Unit and deadline columns about 3 (0.8) or 4 (1.15) characters wide: every printed line stays
    inside its cell's padding; from 4 characters on, 、，。） never start a line either (in a 3-character
    column an unbreakable piece such as "（镇）、" has to break somewhere)."""
    base = PRESETS["laiwu2024"]
    columns = tuple(dataclasses.replace(c, width=width) if c.kind == "attr" else c for c in base.columns)
    style = dataclasses.replace(base, columns=columns)
    target = tmp_path / "narrow.pdf"
    write_pdf(laiwu_plan, target, style)
    edges = column_edges(style)
    body = _body_words(target, style, laiwu_plan.title)
    assert len(body) > 500
    for word in body:
        col = max(i for i, x in enumerate(edges[:-1]) if x <= word.x_min)
        assert word.x_min >= edges[col] + PADDING_H_PT - 0.01, word
        assert word.x_max <= edges[col + 1] - PADDING_H_PT + 0.01, word
        if kinsoku:
            assert not word.text.startswith(("、", "，", "。", "）")), word
    assert "各街道（镇）、" in normalise_space("".join(w.text for w in body))


def test_unsafe_characters_and_markup_are_printed_as_text(laiwu_plan, tmp_path):
    grid = build_grid(laiwu_plan)
    index = next(i for i, c in enumerate(grid.cells) if c.role == "requirement")
    grid.cells[index] = dataclasses.replace(grid.cells[index], text="A&B <b>粗</b>\x0b第二行\x00\ufffe结束")
    target = tmp_path / "unsafe.pdf"
    write_pdf_grid(grid, target)
    lines = raw_text(target, 1, 1).splitlines()
    assert any(line.startswith("A&B <b>粗</b>") for line in lines)
    assert any(line.startswith("第二行结束") for line in lines)


def test_portrait_style_with_centred_page_numbers(taian_plan, tmp_path):
    style = PRESETS["taian2017"].with_options(orientation="portrait", page_numbers="center")
    target = tmp_path / "portrait.pdf"
    write_pdf(taian_plan, target, style)
    width, height = page_size(target)
    assert (round(width), round(height)) == (595, 842)
    dashes = [w for w in words(target) if w.text == "—" and w.y_min > height - 100]
    for page in (1, 2):
        left, right = sorted(w.x_min for w in dashes if w.page == page)
        assert left < width / 2 < right
        assert abs((left + right) / 2 - width / 2) < 20
    text = normalise_space(raw_text(target))  # pdftotext once for the file, not once per leaf
    missing = [leaf.text for leaf in taian_plan.leaves() if normalise_space(leaf.text) not in text]
    assert missing == []


def test_an_empty_plan_prints_title_and_header(tmp_path):
    plan = Plan("空白任务分解表", style=PRESETS["shizhong2020"].to_dict())
    target = tmp_path / "empty.pdf"
    write_pdf(plan, target)
    assert pdf_page_count(target) == 1
    expected = "附件空白任务分解表" + header_text(PRESETS["shizhong2020"]) + "—1—"
    assert normalise_space(raw_text(target)) == expected


def test_unwritable_targets_raise_format_error_and_leave_files_alone(laiwu_plan, tmp_path):
    with pytest.raises(FormatError):
        write_pdf(laiwu_plan, tmp_path / "missing-folder" / "annex.pdf")
    folder = tmp_path / "annex.pdf"
    folder.mkdir()
    with pytest.raises(FormatError):
        write_pdf(laiwu_plan, folder)
    assert folder.is_dir()
    existing = tmp_path / "existing.pdf"
    existing.write_bytes(b"old contents")
    broken = PdfFont("No-Such-Font", "无", official=False)
    with pytest.raises(KeyError):
        write_pdf_grid(build_grid(laiwu_plan), existing, fonts=PdfFonts(broken, broken, broken, broken))
    assert existing.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annex.pdf", "existing.pdf"]


def test_builtin_font_is_the_last_resort_and_the_user_is_warned(laiwu_plan, tmp_path):
    target = tmp_path / "builtin.pdf"
    warnings = write_pdf_grid(build_grid(laiwu_plan), target, fonts=load_fonts((), use_fontconfig=False))
    assert len(warnings) == 1 and "STSong-Light" in warnings[0] and "未嵌入" in warnings[0]
    assert b"/BaseFont /STSong-Light" in target.read_bytes()
    assert pdf_page_count(target) >= 5


def test_grid_and_plan_entry_points_agree(laiwu_plan, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_pdf(laiwu_plan, a)
    grid: Grid = build_grid(laiwu_plan)
    write_pdf_grid(grid, b)
    assert raw_text(a) == raw_text(b)

"""The shared page plan: conservative measures, full pages, and pages every writer can hold."""

from __future__ import annotations

import pytest

from desktop.core.model import Plan
from desktop.core.style import PRESETS
from desktop.formats.pdf.fonts import load_fonts
from desktop.formats.pdf.layout import AnnexLayout
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid, GridCell
from desktop.layout.linebreak import Line
from desktop.layout.page import geometry, mm_to_pt
from desktop.layout.page_plan import (
    CELL_PADDING_H_PT,
    CELL_PADDING_V_PT,
    PAGE_SLACK_PT,
    ROW_SLACK_PT,
    column_widths_pt,
    join_lines,
    leading,
    plan_table,
    text_lines,
    width_em,
)
from desktop.layout.paginate import PagePlan, Paginator, RowMetrics
from tests.support.generated import generated_plan

MAX_BLANK_PT = mm_to_pt(30.0)
PRESET_NAMES = ("laiwu2024", "taian2017", "zichuan2020", "shizhong2020")


def test_width_is_one_em_per_cjk_character_and_generous_for_latin():
    assert width_em("政务公开，“。”") == 8
    assert width_em("2024") == pytest.approx(4 * 0.62)
    assert width_em("WM") == pytest.approx(1.6)


def test_lines_keep_slack_and_join_back():
    text = "加强政务公开工作，" * 5 + "\n第二段 PDF 2024"
    lines = text_lines(text, 12 * 10 + 1.5, 12.0)
    assert all(width_em(line.text) * 12 <= 120 for line in lines)
    assert join_lines(lines) == text


def _plans(laiwu_plan: Plan, taian_plan: Plan) -> list[Plan]:
    return [laiwu_plan, taian_plan, generated_plan(500)]


def _paginator(grid: Grid) -> Paginator:
    style = grid.style
    widths = column_widths_pt(style)

    def lines_of(cell: GridCell) -> list[Line]:
        width = sum(widths[cell.col:cell.last_col + 1]) - 2 * CELL_PADDING_H_PT
        return text_lines(cell.text, width, style.body_font_size)

    return Paginator(grid, lines_of, RowMetrics(leading(style.body_font_size),
                                                2 * CELL_PADDING_V_PT + ROW_SLACK_PT))


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_no_page_ends_with_more_than_30_mm_blank(laiwu_plan, taian_plan, preset: str) -> None:
    """Unless the next row alone (categories restated) is taller than the space left."""
    for plan in _plans(laiwu_plan, taian_plan):
        grid = build_grid(plan, PRESETS[preset])
        table = plan_table(grid)
        assert len(table.pages) > 1
        room = mm_to_pt(geometry(grid.style.orientation).type_height) - table.header_height
        paginator = _paginator(grid)
        for index, page in enumerate(table.pages[:-1]):
            blank = room - (table.title_height if index == 0 else 0.0) - sum(page.heights)
            assert blank >= PAGE_SLACK_PT - 1e-6
            if blank > MAX_BLANK_PT:
                row = page.last_row + 1
                alone = sum(paginator.heights(PagePlan(row, row, ())))
                assert alone > blank - PAGE_SLACK_PT, (plan.title, index)


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_the_pdf_fonts_never_need_more_lines_than_planned(laiwu_plan, taian_plan, preset: str) -> None:
    fonts = load_fonts()
    for plan in (laiwu_plan, taian_plan):
        layout = AnnexLayout(build_grid(plan, PRESETS[preset]), fonts)
        widths = column_widths_pt(layout.grid.style)
        size = layout.grid.style.body_font_size
        for page in layout.pages:
            for cell, lines in page.cells:
                width = sum(widths[cell.col:cell.last_col + 1]) - 2 * CELL_PADDING_H_PT
                assert len(lines) <= len(text_lines(cell.text, width, size)), cell.text


def test_a_split_row_prints_all_its_text_once(tmp_path):
    plan = Plan("超长", style=PRESETS["shizhong2020"].to_dict())
    top = plan.make_task("一级任务")
    plan.insert_subtree(plan.root.id, 0, top)
    second = plan.make_task("二级任务")
    plan.insert_subtree(top.id, 0, second)
    long_text = "很长的要求，" * 500 + "\n" + "第二段 ABC 2024。" * 40
    plan.insert_subtree(second.id, 0, plan.make_task(long_text))
    table = plan_table(build_grid(plan))
    assert len(table.pages) > 2
    parts = [c.text for page in table.pages for c in page.cells if c.role == "requirement"]
    assert "".join("".join(parts).split()) == "".join(long_text.split())  # a space at a break goes
    categories = [[c.text for c in page.cells if c.role == "category"] for page in table.pages]
    assert all(any(text.endswith("一级任务") for text in page) for page in categories)

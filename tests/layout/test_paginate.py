"""Pagination of the grid: rows fill pages, merged cells fit, continued cells restated, tall rows split."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.model import Plan, Task
from desktop.core.style import PRESETS
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid, GridCell
from desktop.layout.paginate import MIN_SPLIT_LINES, PagePlan, Paginator, RowMetrics, row_heights
from tests.support.generated import generated_plan

METRICS = RowMetrics(leading=10.0, padding=0.0)  # a row of n lines is 10·n high


def chunk_lines(cell: GridCell) -> list[str]:
    """A stand-in font: 4 characters per line per column spanned."""
    per_line = 4 * cell.colspan
    return [cell.text[i:i + per_line] for i in range(0, len(cell.text), per_line)]


def add(plan: Plan, parent: Task, text: str, attrs: dict[str, str] | None = None) -> Task:
    task = plan.make_task(text, attrs)
    plan.insert_subtree(parent.id, len(parent.children), task)
    return task


def two_level_plan(leaf_texts: list[str], category: str = "一类", per_section: int = 100) -> Plan:
    plan = Plan("分页测试", style=PRESETS["laiwu2024"].to_dict())
    top = add(plan, plan.root, category)
    section = None
    for index, text in enumerate(leaf_texts):
        if index % per_section == 0:
            section = add(plan, top, f"二类{index}")
        add(plan, section, text, {"units": "区财政局"})
    return plan


def paginate(grid: Grid, room: float, first_room: float | None = None, marker: str = "") -> tuple[
        Paginator, list[PagePlan]]:
    paginator = Paginator(grid, chunk_lines, METRICS, restate=True, marker=marker)
    pages = paginator.paginate(lambda i: first_room if (i == 0 and first_room is not None) else room)
    return paginator, pages


def column_of(grid: Grid, kind: str) -> int:
    return next(i for i, c in enumerate(grid.style.columns) if c.kind == kind)


def shown_lines(paginator: Paginator, pages: list[PagePlan], row: int, col: int) -> list[str]:
    """Every line printed for the cell starting at (row, col), page after page."""
    out: list[str] = []
    for page in pages:
        if not page.first_row <= row <= page.last_row:
            continue
        for cell, lines in paginator.page_cells(page):
            if cell.col == col and cell.row == row - page.first_row:
                out.extend(lines)
    return out


def test_row_heights_take_the_tallest_one_row_cell_and_grow_the_last_row_of_a_merge():
    cells = [(GridCell(0, 0, 1, 1, "", "seq"), 2), (GridCell(0, 1, 1, 1, "", "requirement"), 3),
             (GridCell(0, 2, 2, 1, "", "category"), 9), (GridCell(1, 1, 1, 1, "", "requirement"), 1)]
    assert row_heights(cells, 2, METRICS) == [30.0, 60.0]
    assert row_heights([], 2, METRICS) == [10.0, 10.0]  # an empty row still has one line


def test_pages_cover_every_row_once_in_order_and_fit_their_room():
    grid = build_grid(generated_plan(300))
    paginator, pages = paginate(grid, room=200.0, first_room=120.0)
    rows = [r for page in pages for r in range(page.first_row, page.last_row + 1)]
    assert rows == list(range(grid.n_rows))
    for index, page in enumerate(pages):
        assert sum(page.heights) <= (120.0 if index == 0 else 200.0)
        assert list(page.heights) == paginator.heights(page)
    # pages are filled: the next row would not have fitted
    for page, following in itertools.pairwise(pages):
        trial = PagePlan(page.first_row, following.first_row, (), max_lines=20)
        assert sum(paginator.heights(trial)) > 200.0 or page is pages[0]


def test_a_merged_cell_makes_its_rows_tall_enough_for_its_text():
    plan = two_level_plan(["短", "短"], category="很" * 38)  # "一、很…": 10 lines over two one-line rows
    grid = build_grid(plan)
    _, pages = paginate(grid, room=500.0)
    assert len(pages) == 1
    assert pages[0].heights == (10.0, 90.0)


def test_a_category_continuing_on_a_new_page_is_restated_at_its_top():
    plan = two_level_plan(["要求" * 6] * 12, category="推进政务公开")
    grid = build_grid(plan)
    paginator, pages = paginate(grid, room=100.0, marker="（续）")
    assert len(pages) > 1
    level1 = column_of(grid, "level")
    for page in pages[1:]:
        top = [cell for cell, _ in paginator.page_cells(page) if cell.row == 0 and cell.col == level1]
        assert top and top[0].text == "一、推进政务公开（续）"
        assert sum(page.heights) <= 100.0


def test_restated_text_counts_towards_the_first_rows_height():
    plan = two_level_plan(["短"] * 6, category="长" * 38)  # category needs 10 lines wherever it appears
    grid = build_grid(plan)
    _, pages = paginate(grid, room=120.0)
    for page in pages:
        assert sum(page.heights) >= 100.0  # every page shows the whole category text
        assert sum(page.heights) <= 120.0


def test_a_row_taller_than_a_page_is_split_and_every_line_is_shown_once():
    long_text = "".join(f"第{i:03d}句" for i in range(200))  # 1,000 characters: 250 lines
    plan = two_level_plan(["第一行", long_text, "第三行"])
    grid = build_grid(plan)
    paginator, pages = paginate(grid, room=200.0)
    requirement = column_of(grid, "requirement")
    lines = shown_lines(paginator, pages, 1, requirement)
    assert "".join(lines) == long_text
    assert len(pages) >= 250 // 20
    for page in pages:
        assert sum(page.heights) <= 200.0
    # the tall row starts on the first page below row 0, and row 2 follows its last piece
    assert (pages[0].first_row, pages[0].last_row) == (0, 1)
    assert pages[-1].last_row == 2 and pages[-1].first_row == 1


def test_a_tall_row_waits_for_the_next_page_when_too_little_room_is_left():
    filler = "满" * (4 * 18)  # 18 lines of a 20-line page
    plan = two_level_plan([filler, "长" * 400])
    _, pages = paginate(build_grid(plan), room=200.0)
    assert (pages[0].first_row, pages[0].last_row) == (0, 0)
    assert 200.0 - sum(pages[0].heights) < METRICS.height(MIN_SPLIT_LINES)
    assert pages[1].first_row == 1


def test_restated_cells_on_continuation_pieces_and_short_cells_blank():
    plan = two_level_plan(["长" * 400], category="一类任务")
    grid = build_grid(plan)
    paginator, pages = paginate(grid, room=100.0)
    seq, level1 = column_of(grid, "seq"), column_of(grid, "level")
    for page in pages[1:]:
        cells = {cell.col: lines for cell, lines in paginator.page_cells(page)}
        assert cells[seq] == ()  # the row number is printed once
        assert "".join(cells[level1]) == "一、一类任务"  # the category is restated on every piece


def test_an_empty_grid_has_one_page_without_rows():
    plan = Plan("空", style=PRESETS["laiwu2024"].to_dict())
    paginator, pages = paginate(build_grid(plan), room=100.0)
    assert pages == [PagePlan(0, -1, ())]
    assert paginator.page_cells(pages[0]) == []


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=30),
       st.integers(min_value=3, max_value=30), st.integers(min_value=1, max_value=8),
       st.sampled_from([1, 30, 400]), st.sampled_from(["", "（续）"]))
def test_property_every_cell_is_printed_whole_and_pages_fit(lengths: list[int], room_lines: int,
                                                           per_section: int, category: int, marker: str):
    texts = ["字" * n for n in lengths]
    grid = build_grid(two_level_plan(texts, category="类" * category, per_section=per_section))
    room = room_lines * 10.0
    paginator, pages = paginate(grid, room=room, first_room=room / 2, marker=marker)
    requirement = column_of(grid, "requirement")
    for row, text in enumerate(texts):
        assert "".join(shown_lines(paginator, pages, row, requirement)) == text
    for cell in grid.cells:  # categories and attributes too, however tall, appear in full
        assert cell.text in "".join(shown_lines(paginator, pages, cell.row, cell.col))
    for index, page in enumerate(pages):
        assert sum(page.heights) <= max(room / 2 if index == 0 else room, 10.0)

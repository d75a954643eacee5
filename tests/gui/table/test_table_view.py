"""The official table view: the layout engine's grid with its spans, row heights, edits and zoom."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core import operations as ops
from desktop.core.style import PRESETS
from desktop.gui.plans.plan_session import PlanSession
from desktop.gui.table.cell_layout import TableLayout, closed_range
from desktop.gui.table.table_model import GridTableModel
from desktop.gui.table.table_view import PlanTableView
from desktop.layout.engine import build_grid


def view_spans(view: PlanTableView) -> set[tuple[int, int, int, int]]:
    """(row, col, rowspan, colspan) of every cell as the QTableView shows it."""
    model = view.model()
    spans = set()
    covered: set[tuple[int, int]] = set()
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            if (row, col) in covered:
                continue
            rows, cols = view.rowSpan(row, col), view.columnSpan(row, col)
            spans.add((row, col, rows, cols))
            covered.update((r, c) for r in range(row, row + rows) for c in range(col, col + cols))
    return spans


def make_view(qtbot, plan, style=None) -> PlanTableView:
    view = PlanTableView(GridTableModel(build_grid(plan, style)))
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_spans_equal_the_layout_engines_grid(qtbot, laiwu_plan, taian_plan) -> None:
    for plan in (laiwu_plan, taian_plan):
        grid = build_grid(plan)
        view = make_view(qtbot, plan)
        assert view_spans(view) == grid.spans()
        assert any(rowspan > 1 for _, _, rowspan, _ in grid.spans())


def test_spans_follow_edits_and_undo(qtbot, qtmodeltester, laiwu_plan) -> None:
    session = PlanSession(laiwu_plan)
    view = make_view(qtbot, laiwu_plan)
    qtmodeltester.check(view.model())
    session.changed.connect(lambda _c: view.show_grid(build_grid(laiwu_plan)))
    first_leaf = laiwu_plan.leaves()[0]
    session.do(ops.make_add_sibling(laiwu_plan, first_leaf.id, "新增的要求", {"units": "区财政局"}))
    session.do(ops.make_indent(laiwu_plan, laiwu_plan.root.children[1].id))
    session.do(ops.make_delete(laiwu_plan, laiwu_plan.leaves()[5].id))
    session.do(ops.SetAttr(laiwu_plan.root.children[0].id, "deadline", "长期坚持"))
    assert view_spans(view) == build_grid(laiwu_plan).spans()
    while session.stack.canUndo():
        session.stack.undo()
        assert view_spans(view) == build_grid(laiwu_plan).spans()
    assert view.model().rowCount() == 59


def test_switching_style_resets_columns(qtbot, laiwu_plan) -> None:
    view = make_view(qtbot, laiwu_plan)
    view.show_grid(build_grid(laiwu_plan, PRESETS["taian2017"]))
    assert view.model().columnCount() == len(PRESETS["taian2017"].columns)
    assert view_spans(view) == build_grid(laiwu_plan, PRESETS["taian2017"]).spans()


def test_row_heights_fit_the_text(qtbot, laiwu_plan) -> None:
    view = make_view(qtbot, laiwu_plan)
    qtbot.waitUntil(lambda: not view._idle.isActive(), timeout=10000)
    grid = view.grid_model().grid
    layout = view.table_layout
    header = view.verticalHeader()
    for cell in grid.cells:
        if cell.rowspan == 1 and cell.role == "requirement":
            lines = layout.body.lines(cell.text, layout.text_width(cell))
            needed = len(lines) * layout.body.leading + 2 * layout.pad_v
            assert header.sectionSize(cell.row) >= round(needed) - 1
    # a merged cell's rows together are tall enough for its text
    for cell in grid.cells:
        if cell.rowspan > 1:
            lines = layout.body.lines(cell.text, layout.text_width(cell))
            total = sum(header.sectionSize(r) for r in range(cell.row, cell.last_row + 1))
            assert total >= len(lines) * layout.body.leading


def test_estimates_are_replaced_by_measurements(qtbot, laiwu_plan) -> None:
    view = make_view(qtbot, laiwu_plan)
    qtbot.waitUntil(lambda: not view._idle.isActive(), timeout=10000)
    grid = view.grid_model().grid
    precise = view.table_layout.row_heights(grid, 0, grid.n_rows - 1, precise=True)
    header = view.verticalHeader()
    assert [header.sectionSize(r) for r in range(grid.n_rows)] == [max(1, round(h)) for h in precise]


def test_zoom_scales_columns_and_keeps_spans(qtbot, laiwu_plan) -> None:
    view = make_view(qtbot, laiwu_plan)
    view.set_zoom(1.0)
    width = sum(view.columnWidth(c) for c in range(view.model().columnCount()))
    view.zoom_in()
    assert view.zoom > 1.0
    wider = sum(view.columnWidth(c) for c in range(view.model().columnCount()))
    assert wider > width
    assert view_spans(view) == build_grid(laiwu_plan).spans()
    view.fit_to_width()
    assert abs(sum(view.columnWidth(c) for c in range(6)) - (view.viewport().width() - 2)) <= 6


def test_edits_in_cells_go_to_the_handler(qtbot, laiwu_plan) -> None:
    view = make_view(qtbot, laiwu_plan)
    edits = []

    def handler(cell, text) -> bool:
        edits.append((cell.role, cell.task_id, text))
        return True

    view.grid_model().edit_handler = handler
    model = view.model()
    req = next(c for c in view.grid_model().grid.cells if c.role == "requirement")
    assert model.setData(model.index(req.row, req.col), "新的要求")
    seq = next(c for c in view.grid_model().grid.cells if c.role == "seq")
    editable = Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(seq.row, seq.col)) & editable
    assert model.flags(model.index(req.row, req.col)) & editable
    assert edits == [("requirement", req.task_id, "新的要求")]


def test_closed_range_covers_whole_merged_cells(laiwu_plan) -> None:
    grid = build_grid(laiwu_plan)
    for first in range(0, grid.n_rows, 7):
        top, bottom = closed_range(grid, first, first)
        for cell in grid.cells:
            if cell.row <= bottom and cell.last_row >= top:
                assert top <= cell.row and cell.last_row <= bottom


def test_layout_breaks_lines_within_the_column(qtbot, laiwu_plan) -> None:
    layout = TableLayout(build_grid(laiwu_plan).style, 1.0)
    for cell in build_grid(laiwu_plan).cells:
        width = layout.text_width(cell)
        for line in layout.body.lines(cell.text, width):
            assert layout.body.measure(line.text) <= width + 0.5

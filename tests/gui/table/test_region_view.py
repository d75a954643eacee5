"""The table view after incremental (region) updates shows exactly the whole layout's grid."""

from __future__ import annotations

import random

import pytest

from desktop.gui.plans.plan_session import ChangeSet, PlanSession
from desktop.gui.table.table_model import row_keys
from desktop.layout.engine import build_grid
from desktop.layout.incremental import update_grid
from tests.gui.table.test_table_view import make_view, view_spans
from tests.support.generated import generated_plan
from tests.support.op_mix import next_op


@pytest.mark.parametrize("seed", [3, 8])
def test_region_updates_keep_spans_cells_and_heights_equal_to_a_full_build(qtbot, qtmodeltester,
                                                                           seed: int) -> None:
    """Rows come and go where the region first changes (Qt moves later spans and heights along),
    only the spans that cannot stay are removed: the view still equals a whole new layout."""
    plan = generated_plan(300, seed=seed)
    session = PlanSession(plan)
    view = make_view(qtbot, plan)
    qtmodeltester.check(view.model())
    regions = 0

    def follow(change_set: ChangeSet) -> None:
        nonlocal regions
        update = update_grid(view.grid_model().grid, plan, change_set.changes)
        if update is None:
            view.show_grid(build_grid(plan))
        else:
            regions += 1
            view.show_region(update)

    session.changed.connect(follow)
    rng = random.Random(seed + 1)
    for _ in range(40):
        session.do(next_op(plan, rng))
        full = build_grid(plan)
        model = view.grid_model()
        assert model.rowCount() == full.n_rows
        assert view_spans(view) == full.spans()
        assert model.grid.cells == full.cells
        assert row_keys(model.grid) == row_keys(full)
        for row in (0, full.n_rows // 2, full.n_rows - 1):
            for col in range(full.n_cols):
                assert model.cell(row, col) == full.cell_at(row, col)
    while session.stack.canUndo():
        session.stack.undo()
        assert view_spans(view) == build_grid(plan).spans()
    assert regions > 20
    qtbot.waitUntil(lambda: not view._idle.isActive(), timeout=20000)
    grid = view.grid_model().grid
    precise = view.table_layout.row_heights(grid, 0, grid.n_rows - 1, precise=True)
    header = view.verticalHeader()
    assert [header.sectionSize(r) for r in range(grid.n_rows)] == [max(1, round(h)) for h in precise]

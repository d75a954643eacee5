"""Switching back to a plan nobody changed does not reconcile its assignments again; an edit does."""

from __future__ import annotations

from datetime import date

from desktop.core import operations as ops
from tests.gui.tracking_support import open_window
from tests.support.generated import generated_plan

TODAY = date(2024, 7, 1)


def _active_rows(workspace, plan_id: int) -> int:
    return workspace.db.conn.execute("SELECT COUNT(*) FROM assignments WHERE plan_id = ? AND active = 1",
                                     (plan_id,)).fetchone()[0]


def test_reopening_an_unchanged_plan_skips_the_sync_and_an_edit_brings_it_back(
        qtbot, workspace, settings) -> None:
    other = workspace.add_plan(generated_plan(30)).plan_id
    window = open_window(qtbot, workspace, settings, TODAY)
    state = window.tracking_ui.state
    first = window.session.plan_id
    assert first is not None
    synced = state._synced.get(first)
    if first == other:
        first = next(s.id for s in workspace.list_plans() if s.id != other)
        window.open_plan(first)
        synced = state._synced[first]
    window.open_plan(other)
    assert state._synced[other] is not None
    window.open_plan(first)
    assert state._synced[first] is synced  # the same plan copy, version and directory: no new sync
    assert state.assignments and state.session is window.session
    before = _active_rows(workspace, first)
    leaf = window.session.plan.leaves()[0]
    window.session.do(ops.make_add_sibling(window.session.plan, leaf.id, "新增的要求", {"units": "区财政局"}))
    window.open_plan(other)
    window.open_plan(first)
    assert state._synced[first] is not synced
    assert _active_rows(workspace, first) == before + 1
    assert len(state.for_task(window.session.plan.leaves()[1].id)) == 1

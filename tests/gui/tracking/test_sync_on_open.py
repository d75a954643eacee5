"""Switching back to a plan nobody changed does not reconcile its assignments again; an edit does."""

from __future__ import annotations

from datetime import date

from desktop.core import operations as ops
from desktop.store.sync_mark import read_mark
from tests.gui.tracking_support import open_window
from tests.support.generated import generated_plan

TODAY = date(2024, 7, 1)


def _active_rows(workspace, plan_id: int) -> int:
    return workspace.db.conn.execute("SELECT COUNT(*) FROM assignments WHERE plan_id = ? AND active = 1",
                                     (plan_id,)).fetchone()[0]


def test_reopening_an_unchanged_plan_skips_the_sync_and_an_edit_brings_it_back(
        qtbot, workspace, settings, monkeypatch) -> None:
    from desktop.gui.tracking import tracking_state

    synced: list[list[int]] = []
    real = tracking_state.sync_tasks

    def counting(db, plan, directory, ids):  # the real sync, counted
        synced.append(list(ids))
        return real(db, plan, directory, ids)

    monkeypatch.setattr(tracking_state, "sync_tasks", counting)
    other = workspace.add_plan(generated_plan(30)).plan_id
    window = open_window(qtbot, workspace, settings, TODAY)
    state = window.tracking_ui.state
    first = window.session.plan_id
    assert first is not None
    if first == other:
        first = next(s.id for s in workspace.list_plans() if s.id != other)
        window.open_plan(first)
    window.open_plan(other)
    assert synced  # its first opening synced it
    assert read_mark(workspace.db.conn, other) is not None
    synced.clear()
    window.open_plan(first)
    window.open_plan(other)
    assert synced == []  # both marks still match: nothing synced, only read
    assert state.assignments and state.session is window.session
    window.open_plan(first)
    before = _active_rows(workspace, first)
    leaf = window.session.plan.leaves()[0]
    window.session.do(ops.make_add_sibling(window.session.plan, leaf.id, "新增的要求", {"units": "区财政局"}))
    state.flush()
    assert synced and len(synced[0]) < 10  # only the new row and its parent
    assert _active_rows(workspace, first) == before + 1
    assert len(state.for_task(window.session.plan.leaves()[1].id)) == 1
    synced.clear()
    window.open_plan(other)
    window.open_plan(first)
    assert synced == []  # the edit's sync wrote the mark at the new revision


def test_a_large_plan_shows_before_its_assignments_are_read(qtbot, workspace, settings) -> None:
    """Above LAZY_TRACKING_TASKS the tree and table come first; the assignments follow the first
    paint (synced and read then), and nothing of the plan shown before stays in the panel."""
    from desktop.gui.tracking.tracking_ui import LAZY_TRACKING_TASKS

    big = workspace.add_plan(generated_plan(2400)).plan_id
    window = open_window(qtbot, workspace, settings, TODAY)
    state = window.tracking_ui.state
    window.open_plan(big)
    assert window.session.plan.task_count() > LAZY_TRACKING_TASKS
    assert state.session is None and state.assignments == []
    qtbot.waitUntil(lambda: state.ready and state.session is window.session, timeout=30000)
    assert state.assignments
    leaf = next(t for t in window.session.plan.leaves() if t.effective("units"))
    assert state.for_task(leaf.id)
    assert _active_rows(workspace, big) == len([a for a in state.assignments if a.active])

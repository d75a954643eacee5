"""A large plan's tracking opens in slices between frames and ends exactly as a synchronous open.

Edits made while the slices run are synced too, a held write lock pauses the slices (they go on
once it is released), and the store is left with its sync mark: a whole-plan reconciliation
afterwards finds nothing to change and the state holds exactly what the store holds.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from desktop.core import operations as ops
from desktop.core.feedback_check import Update
from desktop.core.tracking import IN_PROGRESS, sync_assignments
from desktop.gui.shell.app import GUI_BUSY_TIMEOUT_MS
from desktop.store.connection import transaction
from desktop.store.sync_mark import clear_mark
from desktop.store.tracking_store import load_assignments
from desktop.store.tracking_sync import plan_synced
from tests.gui.tracking_support import open_window
from tests.support.generated import generated_plan
from tests.support.workspaces import Workspace

TODAY = date(2024, 7, 1)


def _forget_sync(workspace: Workspace, plan_id: int) -> None:
    """Make the store say the plan was never synced (its next open syncs every row)."""
    with transaction(workspace.db):
        clear_mark(workspace.db.conn, plan_id)


def _in_line(window, workspace: Workspace) -> None:
    state = window.tracking_ui.state
    session = window.session
    stored = load_assignments(workspace.db, session.plan_id)
    assert sync_assignments(session.plan, stored, workspace.units()).changed == []
    assert plan_synced(workspace.db, session.plan, workspace.units())
    assert state.assignments == stored
    for leaf in session.plan.leaves()[:50]:
        assert state.for_task(leaf.id) == sorted((a for a in stored if a.task_id == leaf.id and a.active),
                                                 key=lambda a: a.role != "lead")


def test_an_edit_during_the_background_open_is_synced_too(qtbot, tmp_path, settings) -> None:
    workspace = Workspace.open(tmp_path / "ws.sqlite3", seed_sample=False)
    try:
        workspace.add_plan(generated_plan(600))
        window = open_window(qtbot, workspace, settings, TODAY)
        state = window.tracking_ui.state
        _forget_sync(workspace, window.session.plan_id)
        state.open(window.session, background=True)
        assert state.busy and not state.ready  # nothing done yet: the slices run from the event loop
        leaf = window.session.plan.leaves()[3]
        window.session.do(ops.make_add_sibling(window.session.plan, leaf.id, "新增的要求",
                                               {"units": "区审计局、区统计局"}))
        qtbot.waitUntil(lambda: state.ready and not state._sync.isActive(), timeout=60000)
        new = window.session.plan.leaves()[4]
        assert {a.unit for a in state.for_task(new.id)} >= {"区审计局", "区统计局"}
        _in_line(window, workspace)
    finally:
        workspace.close()


def test_a_held_lock_pauses_the_slices_until_it_is_released(qtbot, tmp_path, settings) -> None:
    path = tmp_path / "ws.sqlite3"
    with Workspace.open(path, seed_sample=False) as setup:
        setup.add_plan(generated_plan(500))
    workspace = Workspace.open(path, busy_timeout_ms=GUI_BUSY_TIMEOUT_MS)
    holder = sqlite3.connect(str(path), isolation_level=None)
    try:
        window = open_window(qtbot, workspace, settings, TODAY)
        state = window.tracking_ui.state
        messages: list[str] = []
        state.failed.connect(messages.append)
        _forget_sync(workspace, window.session.plan_id)
        holder.execute("BEGIN IMMEDIATE")
        state.open(window.session, background=True)
        qtbot.waitUntil(lambda: bool(messages), timeout=10000)
        assert state.busy and "占用" in messages[0]
        holder.execute("ROLLBACK")
        qtbot.waitUntil(lambda: state.ready, timeout=60000)
        _in_line(window, workspace)
    finally:
        holder.close()
        workspace.close()


def test_changes_made_while_the_assignments_are_read_are_not_lost(qtbot, tmp_path, settings) -> None:
    """A status stored and a row's units edited after the read has passed their rows: both show."""
    workspace = Workspace.open(tmp_path / "ws.sqlite3", seed_sample=False)
    try:
        workspace.add_plan(generated_plan(900))
        window = open_window(qtbot, workspace, settings, TODAY)
        state = window.tracking_ui.state
        state.open(window.session, background=True)  # synced already: only read, page by page
        state._step()  # the first page
        assert state.busy
        stored = sorted(load_assignments(workspace.db, window.session.plan_id), key=lambda a: a.id or 0)
        first = stored[0]
        other = next(a for a in stored if a.task_id != first.task_id)  # read too, another row
        assert state._read is not None and {first.id, other.id} <= set(state._read.items)
        state.apply([Update(int(first.id or 0), IN_PROGRESS, None, None)], "修改督办状态")
        leaf = window.session.plan[other.task_id]
        window.session.do(ops.SetAttr(leaf.id, "units", "区审计局"))
        state.flush()
        assert state.ready
        assert state.assignment(int(first.id or 0)).status == IN_PROGRESS  # type: ignore[union-attr]
        assert "区审计局" in {a.unit for a in state.for_task(leaf.id)}
        _in_line(window, workspace)
        index = state.dashboard_index()
        assert index is not None
        assert sum(t.total for t in index.overview().units) == sum(
            1 for a in load_assignments(workspace.db, window.session.plan_id) if a.active)
    finally:
        workspace.close()

"""The window and another writer on one workspace (issue 11 defect 1), with two real connections.

The "other writer" is a second ``Workspace`` on the same file, as the command line or a second
machine on a shared folder would open it. The window notices its commits (a plan imported from
the command line appears in the list; an edited plan is reloaded), and an edit the window makes on
a copy that became stale is stored on top of the other writer's instead of overwriting it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.core import operations as ops
from desktop.core.model import Plan
from desktop.store.workspace import Workspace


@pytest.fixture
def other(window) -> Iterator[Workspace]:
    ws = Workspace.open(window.workbench.workspace.path)
    yield ws
    ws.close()


def listed_titles(window) -> list[str]:
    items = window.plan_list.list
    return [items.topLevelItem(i).text(0) for i in range(items.topLevelItemCount())]


def test_a_plan_imported_from_the_command_line_appears(qtbot, window, other) -> None:
    other.add_plan(Plan("命令行导入的计划"))
    qtbot.waitUntil(lambda: any("命令行导入的计划" in t for t in listed_titles(window)), timeout=10000)


def test_the_shown_plan_follows_an_edit_made_elsewhere(qtbot, window, other) -> None:
    session = window.session
    leaf = session.plan.leaves()[0].id
    theirs = other.load_plan(int(session.plan_id))
    other.apply(theirs, ops.SetText(leaf, "另一程序改写的内容"))
    qtbot.waitUntil(lambda: window.session.plan[leaf].text == "另一程序改写的内容", timeout=10000)
    index = window.tree_model.index_of(leaf)
    assert window.tree_model.data(index).endswith("另一程序改写的内容")
    assert "重新载入" in window.statusBar().currentMessage()


def test_an_edit_on_a_stale_copy_is_stored_on_top_of_the_other(qtbot, window, other) -> None:
    window.store_watch.timer.stop()  # the window has not noticed the other writer yet
    session = window.session
    plan_id = int(session.plan_id)
    first, second = session.plan.leaves()[0].id, session.plan.leaves()[1].id
    theirs = other.load_plan(plan_id)
    other.apply(theirs, ops.SetText(first, "另一程序先保存的"))
    added = ops.make_add_child(theirs, theirs.root.children[0].id)
    other.apply(theirs, added)

    window.tree.select_task(first)
    assert window.editor.add_child()  # on the stale copy: the same next id as the other's new task
    window.tree_model.setData(window.tree_model.index_of(second), "窗口里输入的")
    stored = other.load_plan(plan_id)
    assert stored[first].text == "另一程序先保存的"  # not overwritten
    assert stored[second].text == "窗口里输入的"  # the clerk's edit, kept
    assert int(added.subtree["id"]) in stored
    assert len(list(stored.tasks())) == len(list(theirs.tasks())) + 1  # the window's new task too
    assert window.session.plan.to_dict(with_ids=True) == stored.to_dict(with_ids=True)
    assert "最新内容" in window.statusBar().currentMessage()


def test_steps_of_a_reloaded_plan_are_refused_not_replayed(qtbot, window, other) -> None:
    """One undo stack: the steps made on the copy another writer replaced would undo that writer's
    edit; they are refused with a plain sentence and drop out, the later steps still work."""
    session = window.session
    leaf = session.plan.leaves()[0].id
    session.do(ops.SetText(leaf, "窗口里先改的"))
    theirs = other.load_plan(int(session.plan_id))
    other.apply(theirs, ops.SetText(leaf, "另一程序改写的内容"))
    qtbot.waitUntil(lambda: window.session.plan[leaf].text == "另一程序改写的内容", timeout=10000)
    failures: list[str] = []
    window.workbench.failed.disconnect()  # no modal dialog in the test: collect the sentences
    window.workbench.failed.connect(failures.append)
    stack = window.workbench.stack
    count = stack.count()
    stack.undo()
    assert failures and "重新载入" in failures[0]
    assert window.session.plan[leaf].text == "另一程序改写的内容"  # the other writer's edit stays
    assert stack.count() == count - 1

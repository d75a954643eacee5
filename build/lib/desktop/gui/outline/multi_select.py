"""Several tasks selected in the outline: which tasks an action works on, and the actions themselves.

With one row selected (the usual case) every action keeps working on the current task exactly as
before. With several rows selected (Ctrl/Shift-click), indent, outdent, move up/down, delete, cut,
copy and dragging work on the *top-most* selected tasks — a selected task's descendants go with
it — in the outline's order, each action as one core ``Batch`` (one undo step), and the tasks stay
selected afterwards. The properties panel shows them all; the table follows the current task.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.core import multi_ops
from desktop.core.model import Plan
from desktop.core.operations import Operation
from desktop.gui.outline.tree_view import PlanTreeView

if TYPE_CHECKING:
    from desktop.gui.outline.edit_controller import EditController

Build = Callable[[Plan, list[int]], Operation]


def selected_tops(tree: PlanTreeView, plan: Plan) -> list[int]:
    """The top-most selected tasks in outline order; the current task alone when at most one row
    is selected (nothing at all when there is no current task either)."""
    selected = tree.selected_task_ids()
    if len(selected) <= 1:
        current = tree.current_task_id()
        return [current] if current else []
    return multi_ops.top_most(plan, selected)


def is_multiple(tree: PlanTreeView, plan: Plan) -> bool:
    """True when an action must work on a selection rather than on the current task alone."""
    tops = selected_tops(tree, plan)
    return len(tops) > 1 or (len(tops) == 1 and tops[0] != tree.current_task_id())


def run_on_selection(controller: EditController, build: Build) -> bool:
    """Build one operation for the selected tasks, apply it as one step, keep them selected."""
    if controller.session is None:
        return False
    plan = controller.plan
    tops = selected_tops(controller.tree, plan)
    if not tops:
        return False
    current = controller.tree.current_task_id()
    if not controller.run(lambda: build(plan, tops)):
        return False
    reselect(controller.tree, tops, current)
    return True


def reselect(tree: PlanTreeView, task_ids: list[int], current: int | None = None) -> None:
    """Select the tasks again after an edit, the previous current task staying current if it can."""
    ids = [i for i in task_ids if i in tree.plan_model().plan]
    if current in ids:
        ids.remove(current)
        ids.insert(0, current)
    tree.select_tasks(ids)


def delete_selection(controller: EditController) -> bool:
    """Delete the selected tasks (asking first when they have sub-tasks); one undo step."""
    if controller.session is None:
        return False
    plan = controller.plan
    tops = selected_tops(controller.tree, plan)
    if not tops:
        return False
    below = sum(sum(1 for _ in plan[i].walk()) - 1 for i in tops)
    if below and not controller.confirm(
            "删除任务", f"选中的 {len(tops)} 项任务下还有 {below} 项下级任务，确定一并删除吗？"):
        return False
    neighbour = neighbour_after_deleting(plan, tops)
    done = controller.run(lambda: multi_ops.make_delete_many(plan, tops), lambda _op: neighbour)
    return done


def neighbour_after_deleting(plan: Plan, tops: list[int]) -> int | None:
    """The task to select once ``tops`` are gone: the next sibling after the last one that is not
    deleted, else the previous sibling of the first one, else the first one's parent."""
    gone = set(tops)
    last, first = plan[tops[-1]], plan[tops[0]]
    assert last.parent is not None and first.parent is not None
    after = [t.id for t in last.parent.children[last.index + 1:] if t.id not in gone]
    if after:
        return after[0]
    before = [t.id for t in first.parent.children[:first.index] if t.id not in gone]
    if before:
        return before[-1]
    return first.parent.id or None


MANY: dict[str, Build] = {
    "indent": multi_ops.make_indent_many,
    "outdent": multi_ops.make_outdent_many,
    "move_up": multi_ops.make_move_up_many,
    "move_down": multi_ops.make_move_down_many,
}

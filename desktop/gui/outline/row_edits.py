"""Merging the selected rows into one and splitting a row, on the shown plan (one undo step each).

合并为一行 works on the top-most selected tasks (asking which value to keep where their units or
deadlines differ); 按句拆分 on the current task; splitting at the cursor on the task being edited,
with the text the editor shows. The core builds the operations (``desktop.core.merge_split``).
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.merge_split import make_merge, make_split_at, make_split_sentences, merge_conflicts
from desktop.core.operations import Batch, Operation
from desktop.gui.outline.edit_controller import EditController
from desktop.gui.outline.multi_select import selected_tops

Chooser = Callable[[dict[str, list[str]], int], dict[str, str] | None]


def merge_selection(controller: EditController, choose: Chooser) -> bool:
    """Merge the selected rows into the first of them; ``choose`` settles differing values."""
    if controller.session is None:
        return False
    plan = controller.plan
    tops = selected_tops(controller.tree, plan)
    if len(tops) < 2:
        controller.message.emit("请先选择要合并的几行（Ctrl+单击 或 Shift+单击），再合并为一行。")
        return False
    choices = choose(merge_conflicts(plan, tops), len(tops))
    if choices is None:
        return False
    first = tops[0]
    return controller.run(lambda: make_merge(plan, tops, choices), lambda _op: first)


def split_sentences(controller: EditController) -> bool:
    current = controller.tree.current_task_id()
    if controller.session is None or not current:
        return False
    plan = controller.plan
    return controller.run(lambda: make_split_sentences(plan, current), lambda _op: current)


def split_at(controller: EditController, task_id: int, position: int, text: str) -> bool:
    """Split ``task_id`` at ``position`` of ``text`` (what its editor shows); the new row is selected."""
    if controller.session is None or task_id not in controller.plan:
        return False
    plan = controller.plan
    return controller.run(lambda: make_split_at(plan, task_id, position, text), _second_row)


def _second_row(op: Operation) -> int | None:
    if isinstance(op, Batch):
        for part in op.ops:
            subtree = getattr(part, "subtree", None)
            if isinstance(subtree, dict):
                return int(subtree["id"])
    return None


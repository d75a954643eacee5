"""Copy, cut and paste of subtrees, and pasting tables from Word, WPS or Excel into the tree.

Copying puts the subtree on the clipboard twice: as Fenjie data (text and effective attributes,
so a paste into another plan keeps what the rows showed) and as an indented outline for any
other program. With several tasks selected, copy and cut take the top-most selected tasks (in
outline order; cutting them is one undo step) and paste goes after the last of them. Pasting
Fenjie data inserts a copy after the current task; anything else goes through the importers'
clipboard reader (HTML tables with merged cells, Excel's tab-separated text, or a work-plan text)
and its top-level tasks are inserted as one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from desktop.core.model import Plan, PlanError
from desktop.core.multi_ops import make_delete_many
from desktop.core.numbering import compute_numbers
from desktop.core.operations import Operation, copy_subtree, make_delete
from desktop.formats.importers import import_clipboard
from desktop.gui.outline.edit_controller import EditController
from desktop.gui.outline.multi_select import neighbour_after_deleting, selected_tops
from desktop.gui.outline.tree_dnd import TaskPayload


def outline_text(plan: Plan, task_id: int, numbers: dict[int, str] | None = None) -> str:
    """The subtree as indented lines with computed numbers, for pasting into other programs."""
    numbers = compute_numbers(plan) if numbers is None else numbers
    top = plan[task_id]
    base = top.depth
    return "\n".join("\t" * (t.depth - base) + numbers.get(t.id, "") + t.text for t in top.walk())


def copy_current(controller: EditController) -> bool:
    """Copy the selected tasks (the current one when one row is selected) to the clipboard."""
    if controller.session is None:
        return False
    plan = controller.plan
    task_ids = selected_tops(controller.tree, plan)
    if not task_ids:
        return False
    subtrees = tuple(copy_subtree(plan, task_id) for task_id in task_ids)
    mime = TaskPayload(plan.id, tuple(task_ids), subtrees).to_mime(QMimeData())
    numbers = compute_numbers(plan)
    mime.setText("\n".join(outline_text(plan, task_id, numbers) for task_id in task_ids))
    QGuiApplication.clipboard().setMimeData(mime)
    return True


def cut_current(controller: EditController) -> bool:
    if not copy_current(controller):
        return False
    plan = controller.plan
    task_ids = selected_tops(controller.tree, plan)
    if len(task_ids) == 1:
        task_id = task_ids[0]
        return controller.run(lambda: make_delete(plan, task_id), lambda _op: None)
    neighbour = neighbour_after_deleting(plan, task_ids)

    def build() -> Operation:
        batch = make_delete_many(plan, task_ids)
        batch.label = "剪切"
        return batch

    return controller.run(build, lambda _op: neighbour)


def paste_position(controller: EditController) -> tuple[int, int]:
    """After the current task (after the last selected one), as its sibling; at the end when
    nothing is current."""
    plan = controller.plan
    tops = selected_tops(controller.tree, plan)
    current = tops[-1] if tops else 0
    if not current:
        return plan.ROOT_ID, len(plan.root.children)
    task = plan[current]
    assert task.parent is not None
    return task.parent.id, task.index + 1


def paste(controller: EditController, unit_names: list[str] | None = None) -> bool:
    if controller.session is None:
        return False
    mime = QGuiApplication.clipboard().mimeData()
    parent_id, index = paste_position(controller)
    payload = TaskPayload.from_mime(mime)
    if payload is not None:
        return controller.paste_subtrees(list(payload.subtrees), parent_id, index)
    html = mime.html() if mime is not None and mime.hasHtml() else None
    text = mime.text() if mime is not None and mime.hasText() else None
    try:
        pasted = import_clipboard(html, text, unit_names=unit_names or ())
    except PlanError as error:
        controller.message.emit(str(error))
        return False
    subtrees = [copy_subtree(pasted, child.id) for child in pasted.root.children]
    return controller.paste_subtrees(subtrees, parent_id, index)

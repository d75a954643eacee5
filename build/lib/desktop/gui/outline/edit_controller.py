"""Turning the clerk's editing gestures into core operations on the current plan session.

Every method builds one operation with the core's ``make_*`` helpers, hands it to the session
(applied, persisted, one undo step) and moves the tree's selection to where the clerk expects it.
An action that is not possible here (outdenting a top-level task …) raises PlanError in the core;
it is shown in the status bar, not as a crash. With several tasks selected, indent, outdent, move,
delete and drops work on the top-most selected tasks as one step (see ``multi_select``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.core import operations as ops
from desktop.core.model import Plan, PlanError
from desktop.core.multi_ops import make_move_many, make_paste_many
from desktop.core.numbering import compute_numbers
from desktop.core.operations import Operation
from desktop.gui.outline import multi_select
from desktop.gui.outline.tree_dnd import TaskPayload
from desktop.gui.outline.tree_view import PlanTreeView
from desktop.gui.plans.plan_session import PlanSession
from desktop.layout.grid import GridCell

Confirm = Callable[[str, str], bool]


class EditController(QObject):
    """Tree editing for the session shown in ``tree``; ``message`` reports refusals in plain words."""

    message = Signal(str)

    def __init__(self, tree: PlanTreeView, confirm: Confirm, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tree = tree
        self.confirm = confirm
        self.session: PlanSession | None = None

    # ----- plumbing --------------------------------------------------------------------------
    def run(self, build: Callable[[], Operation], select: Callable[[Operation], int | None] | None = None,
            edit: bool = False) -> bool:
        """Build and apply one operation; select the task ``select`` names afterwards."""
        if self.session is None:
            return False
        try:
            op = build()
            self.session.do(op)
        except PlanError as error:
            self.message.emit(str(error))
            return False
        target = select(op) if select is not None else None
        if target:
            self.tree.select_task(target)
            if edit:
                self.tree.edit(self.tree.currentIndex())
        return True

    def _current(self) -> int:
        return self.tree.current_task_id()

    @property
    def plan(self) -> Plan:
        assert self.session is not None
        return self.session.plan

    # ----- outliner gestures -----------------------------------------------------------------
    def add_sibling(self) -> bool:
        current = self._current()
        if current == 0:
            return self.add_child()
        return self.run(lambda: ops.make_add_sibling(self.plan, current), _inserted_id, edit=True)

    def add_child(self) -> bool:
        current = self._current()
        return self.run(lambda: ops.make_add_child(self.plan, current), _inserted_id, edit=True)

    def _multiple(self) -> bool:
        """Several tasks are selected: the action works on them (see ``multi_select``)."""
        return self.session is not None and multi_select.is_multiple(self.tree, self.plan)

    def indent(self) -> bool:
        if self._multiple():
            return multi_select.run_on_selection(self, multi_select.MANY["indent"])
        current = self._current()
        return self.run(lambda: ops.make_indent(self.plan, current), lambda _: current)

    def outdent(self) -> bool:
        if self._multiple():
            return multi_select.run_on_selection(self, multi_select.MANY["outdent"])
        current = self._current()
        return self.run(lambda: ops.make_outdent(self.plan, current), lambda _: current)

    def move_up(self) -> bool:
        if self._multiple():
            return multi_select.run_on_selection(self, multi_select.MANY["move_up"])
        current = self._current()
        return self.run(lambda: ops.make_move_up(self.plan, current), lambda _: current)

    def move_down(self) -> bool:
        if self._multiple():
            return multi_select.run_on_selection(self, multi_select.MANY["move_down"])
        current = self._current()
        return self.run(lambda: ops.make_move_down(self.plan, current), lambda _: current)

    def delete(self) -> bool:
        if self._multiple():
            return multi_select.delete_selection(self)
        current = self._current()
        if current == 0 or self.session is None:
            return False
        task = self.plan[current]
        if task.children:
            count = sum(1 for _ in task.walk()) - 1
            question = f"“{_short(task.text)}”下还有 {count} 项下级任务，确定一并删除吗？"
            if not self.confirm("删除任务", question):
                return False
        neighbour = _neighbour_after_delete(self.plan, current)
        return self.run(lambda: ops.make_delete(self.plan, current), lambda _: neighbour)

    def edit_text(self, task_id: int, text: str) -> bool:
        return self.run(lambda: ops.SetText(task_id, text))

    def edit_cell(self, cell: GridCell, text: str, row_task_ids: list[int]) -> bool:
        """An edit typed into a table cell: the task's text, or the attribute where it is set."""
        if self.session is None:
            return False
        if cell.role in ("requirement", "category") and cell.task_id is not None:
            return self.edit_text(cell.task_id, _own_text(self.plan, cell, text))
        if cell.role == "attribute" and cell.attr:
            key = cell.attr
            if cell.task_id is not None:
                task_id = cell.task_id
                return self.run(lambda: ops.SetAttr(task_id, key, text), lambda _op: task_id)
            rows = row_task_ids[cell.row:cell.row + cell.rowspan]
            return self.run(lambda: ops.make_set_attr_on_rows(self.plan, rows, key, text))
        return False

    # ----- drops and pastes ------------------------------------------------------------------
    def drop(self, payload: TaskPayload, parent_id: int, index: int) -> bool:
        """Move (same plan) or copy (another plan) dragged subtrees to ``parent_id`` at ``index``."""
        if self.session is None:
            return False
        if payload.plan_id == self.plan.id and all(i in self.plan for i in payload.task_ids):
            if len(payload.task_ids) > 1:  # several selected tasks: one batch, kept in outline order
                moved = list(payload.task_ids)
                if not self.run(lambda: make_move_many(self.plan, moved, parent_id, index)):
                    return False
                multi_select.reselect(self.tree, moved)
                return True
            return self.run(lambda: _moves(self.plan, payload.task_ids, parent_id, index),
                            lambda _: payload.task_ids[0])
        return self.paste_subtrees(list(payload.subtrees), parent_id, index)

    def paste_subtrees(self, subtrees: list[dict], parent_id: int, index: int) -> bool:
        """Insert copies of ``subtrees``; a new plan's blank starter row gives way to them."""
        def build() -> Operation:
            inserts: list[Operation] = list(make_paste_many(self.plan, subtrees, parent_id, index))
            blank = blank_starter(self.plan)
            if blank is not None:
                inserts.append(ops.make_delete(self.plan, blank))
            return inserts[0] if len(inserts) == 1 else ops.Batch(inserts, label="粘贴")

        return self.run(build, _inserted_id) if subtrees else False


def blank_starter(plan: Plan) -> int | None:
    """The empty first row of a new plan, if that is all the plan has."""
    tasks = plan.root.children
    if len(tasks) == 1 and not tasks[0].text.strip() and not tasks[0].children and not tasks[0].attrs:
        return tasks[0].id
    return None


def _inserted_id(op: Operation) -> int | None:
    if isinstance(op, ops.InsertTask):
        return int(op.subtree["id"])
    if isinstance(op, ops.Batch) and op.ops:
        return _inserted_id(op.ops[0])
    return None


def _moves(plan: Plan, task_ids: tuple[int, ...], parent_id: int, index: int) -> Operation:
    """One move (or a Batch of moves) putting the tasks at ``index`` under ``parent_id`` in order."""
    moves: list[Operation] = []
    parent = plan[parent_id]
    for offset, task_id in enumerate(task_ids):
        task = plan[task_id]
        position = index + offset
        if task.parent is parent and task.index < index:
            position -= 1
        moves.append(ops.make_move_to(plan, task_id, parent_id, position))
    return moves[0] if len(moves) == 1 else ops.Batch(moves, label="移动任务")


def _neighbour_after_delete(plan: Plan, task_id: int) -> int | None:
    task = plan[task_id]
    assert task.parent is not None
    siblings = task.parent.children
    if task.index + 1 < len(siblings):
        return siblings[task.index + 1].id
    if task.index > 0:
        return siblings[task.index - 1].id
    return task.parent.id or None


def _own_text(plan: Plan, cell: GridCell, text: str) -> str:
    """What remains of a cell's edited text once the number and folded categories shown with it
    (which the task's own text does not contain) are taken off again."""
    own = plan[int(cell.task_id or 0)].text
    shown_before = cell.text[:len(cell.text) - len(own)] if own and cell.text.endswith(own) else ""
    if shown_before and text.startswith(shown_before):
        return text[len(shown_before):].strip()
    if cell.role == "category":
        prefix = compute_numbers(plan).get(int(cell.task_id or 0), "")
        if prefix and text.startswith(prefix):
            return text[len(prefix):].strip()
    return text.strip()


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"

"""The plan tree as a Qt item model, updated row by row from the core's change journal.

The structure lives in a ``QStandardItemModel``: one item per task, holding the task's id
(``TASK_ID_ROLE``). Qt's tree view lays out every expanded row again after any row comes or goes;
with the structure in C++ that costs about a millisecond for 10,000 rows, where a model answering
``index``/``parent``/``hasChildren`` in Python cost tens (the part of an edit that grew with the
plan). What a row shows is still read from the plan when it is painted (``data``): its text, its
number (``NUMBER_ROLE``, worked out from its siblings: numbering changes with every structural
edit, so it is not stored), the red marker of a 完成时限 that cannot be read (``DecorationRole``)
and the tooltip. After an operation, ``apply_changes`` replays the journal: removed subtrees leave
first, then every parent that received tasks gets them in plan order, and text or attribute edits
emit ``dataChanged`` for that row only. A model reset happens only when another plan is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop.core.change_set import ChangeSet
from desktop.core.model import Plan, Task
from desktop.core.numbering import compute_numbers, number_of, numbering_of
from desktop.gui.outline.deadline_flag import deadline_problem, flag_icon
from desktop.gui.outline.tree_dnd import TreeDragDrop

Index = QModelIndex | QPersistentModelIndex
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 2
ROOT = Plan.ROOT_ID
SHOWN_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, NUMBER_ROLE, TASK_ID_ROLE,
                         Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole})
# what QStandardItem gives every item: selectable, enabled, editable, draggable, a drop target
TASK_FLAGS = (Qt.ItemFlag.ItemIsDropEnabled | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)


class PlanTreeModel(TreeDragDrop, QStandardItemModel):
    """One column: each task's text; ``NUMBER_ROLE`` gives its computed number (一、（一）1. …)."""

    def __init__(self, plan: Plan | None = None) -> None:
        super().__init__()
        self.plan: Plan = plan or Plan()
        self._items: dict[int, QStandardItem] = {}
        self._numbers: dict[int, str] = {}
        self._mirror_all()

    # ----- the items -------------------------------------------------------------------------
    def _item_tree(self, task: Task) -> QStandardItem:
        """A new item for ``task`` with items for all its descendants."""
        item = QStandardItem()
        item.setData(task.id, TASK_ID_ROLE)
        self._items[task.id] = item
        if task.children:
            item.appendRows([self._item_tree(child) for child in task.children])
        return item

    def _mirror_all(self) -> None:
        self.clear()  # a reset; then one insertion of the top-level rows
        self.setColumnCount(1)
        root = self.invisibleRootItem()
        root.setFlags(Qt.ItemFlag.ItemIsDropEnabled)
        self._items = {ROOT: root}
        tops = [self._item_tree(child) for child in self.plan.root.children]
        if tops:
            root.appendRows(tops)
        self._renumber()

    def _renumber(self) -> None:
        """Forget the numbers shown: each is worked out from its siblings when a row is painted
        (a level counting on across parents needs the whole plan: then all are numbered at once)."""
        continuous = any(level.continuous for level in numbering_of(self.plan))
        self._numbers = compute_numbers(self.plan) if continuous else {}

    def _number(self, task_id: int) -> str:
        found = self._numbers.get(task_id)
        if found is None:
            found = number_of(self.plan, self.plan[task_id]) if task_id in self.plan else ""
            self._numbers[task_id] = found
        return found

    def set_plan(self, plan: Plan) -> None:
        self.plan = plan
        self._mirror_all()

    # ----- addressing ------------------------------------------------------------------------
    def index_of(self, task_id: int) -> QModelIndex:
        item = self._items.get(task_id)
        if item is None or task_id == ROOT:
            return QModelIndex()
        return item.index()

    def task_id(self, index: Index) -> int:
        if not index.isValid():
            return ROOT
        item = self.itemFromIndex(index)
        return int(item.data(TASK_ID_ROLE)) if item is not None else ROOT

    def task(self, index: Index) -> Task:
        return self.plan[self.task_id(index)]

    def number(self, task_id: int) -> str:
        return self._number(task_id)

    # ----- what a row shows --------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in SHOWN_ROLES:  # the delegate asks for a dozen roles per painted row
            return None
        task_id = self.task_id(index)
        if not index.isValid() or task_id not in self.plan:
            return None  # between begin/endRemoveRows the plan has already dropped the task
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.plan[task_id].text
        if role == NUMBER_ROLE:
            return self._number(task_id)
        if role == TASK_ID_ROLE:
            return task_id
        if role == Qt.ItemDataRole.DecorationRole:
            return flag_icon() if deadline_problem(self.plan, self.plan[task_id]) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            task = self.plan[task_id]
            tips = [task.text] if len(task.text) > 40 else []
            problem = deadline_problem(self.plan, task)
            if problem:
                tips.append("⚠ " + problem)
            return "\n".join(tips) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if section == 0 and orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "任务"
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Edits are not applied here: they go to ``edit_handler`` as a core operation."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.edit_handler is None:
            return False
        text = str(value)
        if text == self.plan[self.task_id(index)].text:
            return False
        return self.edit_handler(self.task_id(index), text)

    # The plan changes only through core operations: nothing else (a view finishing a move drag,
    # say) may add, remove or move rows.
    def insertRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return False

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return False

    def moveRows(self, source_parent: Index, source_row: int, count: int, destination_parent: Index,
                 destination_child: int) -> bool:
        return False

    # ----- following the plan ----------------------------------------------------------------
    def apply_changes(self, change_set: ChangeSet) -> None:
        """Bring the items and the views up to date after one applied operation."""
        if change_set.structural:
            self._apply_structure(change_set)
        if change_set.structural or "numbering" in change_set.fields:
            self._renumber()
        for task_id in sorted(change_set.touched_tasks()):
            index = self.index_of(task_id)
            if index.isValid():
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])

    def _apply_structure(self, change_set: ChangeSet) -> None:
        parents: set[int] = set()
        for change in change_set.changes:
            if change.kind == "remove" and change.task_ids and change.task_ids[0] in self._items:
                self._remove_row(change.task_ids)
            elif change.kind == "insert" and change.parent_id is not None:
                parents.add(change.parent_id)
        live = [p for p in parents if p in self.plan and p in self._items]
        for parent_id in sorted(live, key=lambda p: self.plan[p].depth):
            self._insert_missing(parent_id)

    def _remove_row(self, task_ids: tuple[int, ...]) -> None:
        """Remove the row of ``task_ids[0]``, whose subtree held ``task_ids``."""
        item = self._items[task_ids[0]]
        parent: QStandardItem | None = item.parent()  # None for a top-level row
        if parent is None:
            parent = self.invisibleRootItem()
        row = item.row()
        for task_id in task_ids:
            self._items.pop(task_id, None)
        parent.removeRow(row)

    def _child_ids(self, parent: QStandardItem) -> list[int]:
        return [int(parent.child(row).data(TASK_ID_ROLE)) for row in range(parent.rowCount())]

    def _insert_missing(self, parent_id: int) -> None:
        parent = self._items[parent_id]
        mirrored = self._child_ids(parent)
        for row, child in enumerate(self.plan[parent_id].children):
            if row < len(mirrored) and mirrored[row] == child.id:
                continue
            parent.insertRow(row, self._item_tree(child))
            mirrored.insert(row, child.id)
        if mirrored != [c.id for c in self.plan[parent_id].children]:
            raise AssertionError(f"tree mirror out of step under task {parent_id}")

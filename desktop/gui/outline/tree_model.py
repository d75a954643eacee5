"""The plan tree as a QAbstractItemModel, updated row by row from the core's change journal.

Index ids are task ids. The model keeps a mirror of the tree structure (children per task) that it
changes only between begin/end calls, so Qt always sees a consistent tree. After an operation,
``apply_changes`` replays the journal: removed subtrees leave the mirror first (``beginRemoveRows``),
then every parent that received tasks gets them in plan order (``beginInsertRows``), and text or
attribute edits emit ``dataChanged`` for that row only. A model reset happens only when another
plan is shown. Numbering is not part of the display text (it changes with every structural edit):
it is exposed as ``NUMBER_ROLE`` and painted by the view's delegate. A requirement whose 完成时限
cannot be read carries a red marker (``DecorationRole``) and says so in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.change_set import ChangeSet
from desktop.core.model import Plan, Task
from desktop.core.numbering import compute_numbers, number_of, numbering_of
from desktop.gui.outline.deadline_flag import deadline_problem, flag_icon
from desktop.gui.outline.tree_dnd import TreeDragDrop

Index = QModelIndex | QPersistentModelIndex
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 2
ROOT = Plan.ROOT_ID
TASK_FLAGS = (Qt.ItemFlag.ItemIsDropEnabled | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)


class PlanTreeModel(TreeDragDrop, QAbstractItemModel):
    """One column: each task's text; ``NUMBER_ROLE`` gives its computed number (一、（一）1. …)."""

    def __init__(self, plan: Plan | None = None) -> None:
        super().__init__()
        self.plan: Plan = plan or Plan()
        self._children: dict[int, list[int]] = {}
        self._parent: dict[int, int] = {}
        self._row: dict[int, int] = {}  # each task's row under its parent
        self._numbers: dict[int, str] = {}
        self._mirror_all()

    # ----- the mirror ------------------------------------------------------------------------
    def _mirror_subtree(self, task: Task) -> None:
        for node in task.walk():
            self._children[node.id] = [child.id for child in node.children]
            for row, child in enumerate(node.children):
                self._parent[child.id] = node.id
                self._row[child.id] = row

    def _reindex(self, parent_id: int, start: int = 0) -> None:
        children = self._children[parent_id]
        for row in range(start, len(children)):
            self._row[children[row]] = row

    def _mirror_all(self) -> None:
        self._children, self._parent, self._row = {}, {}, {}
        self._mirror_subtree(self.plan.root)
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

    def _forget_subtree(self, task_id: int) -> None:
        stack = [task_id]
        while stack:
            node = stack.pop()
            stack.extend(self._children.pop(node, []))
            self._parent.pop(node, None)
            self._row.pop(node, None)

    def set_plan(self, plan: Plan) -> None:
        self.beginResetModel()
        try:
            self.plan = plan
            self._mirror_all()
        finally:
            self.endResetModel()

    # ----- addressing ------------------------------------------------------------------------
    def index_of(self, task_id: int) -> QModelIndex:
        row = self._row.get(task_id)
        if row is None:
            return QModelIndex()
        return self.createIndex(row, 0, task_id)

    def task_id(self, index: Index) -> int:
        return int(index.internalId()) if index.isValid() else ROOT

    def task(self, index: Index) -> Task:
        return self.plan[self.task_id(index)]

    def number(self, task_id: int) -> str:
        return self._number(task_id)

    # ----- QAbstractItemModel ----------------------------------------------------------------
    # (Hot paths: QTreeView calls these for every visible row on each layout. An invalid index has
    # internal id 0, which is the root's id, so no isValid() call is needed.)
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children.get(parent.internalId())
        if column != 0 or children is None or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008  # QObject.parent() shares the name
        parent_id = self._parent.get(index.internalId(), ROOT)
        row = self._row.get(parent_id)
        return QModelIndex() if row is None else self.createIndex(row, 0, parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        return len(self._children.get(parent.internalId(), ()))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return parent.column() <= 0 and bool(self._children.get(parent.internalId()))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
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

    def flags(self, index: Index) -> Qt.ItemFlag:
        return TASK_FLAGS if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if section == 0 and orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "任务"
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Edits are not applied here: they go to ``edit_requested`` as a core operation."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.edit_handler is None:
            return False
        text = str(value)
        if text == self.plan[self.task_id(index)].text:
            return False
        return self.edit_handler(self.task_id(index), text)

    # ----- following the plan ----------------------------------------------------------------
    def apply_changes(self, change_set: ChangeSet) -> None:
        """Bring the mirror and the views up to date after one applied operation."""
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
            if change.kind == "remove" and change.task_ids and change.task_ids[0] in self._parent:
                self._remove_row(change.task_ids[0])
            elif change.kind == "insert" and change.parent_id is not None:
                parents.add(change.parent_id)
        live = [p for p in parents if p in self.plan and p in self._children]
        for parent_id in sorted(live, key=lambda p: self.plan[p].depth):
            if parent_id in self._children:  # not inside a subtree inserted just before
                self._insert_missing(parent_id)

    def _remove_row(self, task_id: int) -> None:
        parent_id = self._parent[task_id]
        row = self._children[parent_id].index(task_id)
        self.beginRemoveRows(self.index_of(parent_id), row, row)
        try:
            del self._children[parent_id][row]
            self._forget_subtree(task_id)
            self._reindex(parent_id, row)
        finally:
            self.endRemoveRows()

    def _insert_missing(self, parent_id: int) -> None:
        mirrored = self._children[parent_id]
        for row, child in enumerate(self.plan[parent_id].children):
            if row < len(mirrored) and mirrored[row] == child.id:
                continue
            self.beginInsertRows(self.index_of(parent_id), row, row)
            try:
                mirrored.insert(row, child.id)
                self._parent[child.id] = parent_id
                self._mirror_subtree(child)
                self._reindex(parent_id, row)
            finally:
                self.endInsertRows()
        if mirrored != [c.id for c in self.plan[parent_id].children]:
            raise AssertionError(f"tree mirror out of step under task {parent_id}")

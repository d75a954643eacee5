"""Keeping the tree, the table and the properties panel on the same task.

Making a task current in the tree selects its cell in the table, and the other way round; a
guard flag stops the two from echoing each other. Several rows selected in the tree, or several
cells in the table, put all their tasks in the properties panel: an attribute set there goes to
every one of them as one undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop.core.multi_ops import outline_key
from desktop.gui.outline.tree_view import PlanTreeView
from desktop.gui.plans.plan_session import PlanSession
from desktop.gui.properties.properties_panel import PropertiesPanel
from desktop.gui.table.table_view import PlanTableView


class SelectionSync(QObject):
    def __init__(self, tree: PlanTreeView, table: PlanTableView, properties: PropertiesPanel,
                 session: Callable[[], PlanSession | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tree, self.table, self.properties = tree, table, properties
        self._session = session
        self._syncing = False
        tree.current_task_changed.connect(self._tree_current)
        tree.selectionModel().selectionChanged.connect(lambda *_: self._tree_selection())
        table.current_task_changed.connect(self._table_current)
        table.selectionModel().selectionChanged.connect(lambda *_: self._table_selection())

    def _tree_current(self, task_id: int) -> None:
        if self._syncing:
            return
        self._tree_selection()
        self.table_to(task_id)

    def _tree_selection(self) -> None:
        """Several rows selected in the tree: the panel edits all of them (outline order)."""
        session = self._session()
        if self._syncing or session is None:
            return
        ids = self.tree.selected_task_ids()
        if len(ids) <= 1:
            current = self.tree.current_task_id()
            ids = [current] if current else []
        else:
            plan = session.plan
            ids = sorted((i for i in ids if i in plan and i != plan.ROOT_ID),
                         key=lambda i: outline_key(plan[i]))
        if self.properties.session is not session or self.properties.task_ids != ids:
            self.properties.show_tasks(session, ids)

    def table_to(self, task_id: int) -> None:
        """Make the table's current cell the one showing ``task_id``."""
        if not task_id or self.table.current_task_id() == task_id:
            return
        session = self._session()
        first_leaf = None
        if session is not None and task_id in session.plan:
            node = session.plan[task_id]
            while node.children:
                node = node.children[0]
            first_leaf = node.id
        self._syncing = True
        try:
            self.table.select_task(task_id, first_leaf)
        finally:
            self._syncing = False

    def _table_current(self, task_id: int) -> None:
        if self._syncing or not task_id:
            return
        self._syncing = True
        try:
            self.tree.select_task(task_id)
        finally:
            self._syncing = False
        self._table_selection()

    def _table_selection(self) -> None:
        session = self._session()
        if self._syncing or session is None:
            return
        ids = self.table.selected_task_ids()
        if ids:
            self.properties.show_tasks(session, ids)

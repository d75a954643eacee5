"""The left half of the editor: the find bar over the task tree, and the search that links them.

The tree shows every task unless it is narrowed: by the find bar's 筛选 (matches and their
ancestors) and by the dashboard's scope (:meth:`TreePanel.set_scope`, the rows of a unit, a
category, a due list …). With both, only the tasks that pass both are shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.gui.outline.find_bar import FindBar
from desktop.gui.outline.tree_filter import apply_filter, matching_ids, with_ancestors
from desktop.gui.outline.tree_model import PlanTreeModel
from desktop.gui.outline.tree_view import PlanTreeView


class TreePanel(QWidget):
    """Find bar (hidden until Ctrl+F) above the tree; ``refresh_search`` re-runs it after edits."""

    def __init__(self, model: PlanTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.tree = PlanTreeView(self)
        self.tree.setModel(model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.tree)
        self._matches: list[int] = []
        self._filtered = False
        self._scope: set[int] | None = None
        self.find_bar.search_changed.connect(self.refresh_search)
        self.find_bar.step.connect(self.step)
        self.find_bar.closed.connect(self._closed)

    def open_find(self) -> None:
        self.find_bar.open_bar()

    def set_scope(self, task_ids: set[int] | None) -> None:
        """Show only these tasks and their ancestors (None: no scope); the find filter still applies."""
        self._scope = None if task_ids is None else set(task_ids)
        self.refresh_search()

    def shown_ids(self) -> set[int] | None:
        """The tasks the filters let through (None: every task)."""
        plan = self.model.plan
        shown = None
        if self._scope is not None:
            shown = with_ancestors(plan, [t for t in self._scope if t in plan])
        if self.find_bar.filtering:
            matches = with_ancestors(plan, self._matches)
            shown = matches if shown is None else shown & matches
        return shown

    def refresh_search(self) -> None:
        """Recompute matches (after typing or an edit) and apply or lift the filters."""
        plan = self.model.plan
        self._matches = matching_ids(plan, self.find_bar.query, self.find_bar.field_key)
        shown = self.shown_ids()
        if shown is not None:
            apply_filter(self.tree, self.model, shown)
            self._filtered = True
        elif self._filtered:
            apply_filter(self.tree, self.model, None)
            self._filtered = False
        current = self.tree.current_task_id()
        position = self._matches.index(current) + 1 if current in self._matches else 0
        self.find_bar.show_count(position, len(self._matches))

    def step(self, direction: int) -> None:
        """Select the next (+1) or previous (-1) match after the current task."""
        if not self._matches:
            self.refresh_search()
        if not self._matches:
            return
        order = [t.id for t in self.model.plan.tasks()]
        place = {task_id: n for n, task_id in enumerate(order)}
        here = place.get(self.tree.current_task_id(), -1)
        if direction > 0:
            target = next((m for m in self._matches if place[m] > here), self._matches[0])
        else:
            target = next((m for m in reversed(self._matches) if place[m] < here), self._matches[-1])
        self.tree.select_task(target)
        self.find_bar.show_count(self._matches.index(target) + 1, len(self._matches))

    def _closed(self) -> None:
        self._matches = []
        if self._filtered:
            shown = self.shown_ids()
            apply_filter(self.tree, self.model, shown)
            self._filtered = shown is not None
        self.tree.setFocus()

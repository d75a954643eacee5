"""The left half of the editor: the find bar over the task tree, and the search that links them."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.gui.find_bar import FindBar
from desktop.gui.tree_filter import apply_filter, matching_ids, with_ancestors
from desktop.gui.tree_model import PlanTreeModel
from desktop.gui.tree_view import PlanTreeView


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
        self.find_bar.search_changed.connect(self.refresh_search)
        self.find_bar.step.connect(self.step)
        self.find_bar.closed.connect(self._closed)

    def open_find(self) -> None:
        self.find_bar.open_bar()

    def refresh_search(self) -> None:
        """Recompute matches (after typing or an edit) and apply or lift the filter."""
        plan = self.model.plan
        self._matches = matching_ids(plan, self.find_bar.query, self.find_bar.field_key)
        if self.find_bar.filtering:
            apply_filter(self.tree, self.model, with_ancestors(plan, self._matches))
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
        if self._filtered:
            apply_filter(self.tree, self.model, None)
            self._filtered = False
        self._matches = []
        self.tree.setFocus()

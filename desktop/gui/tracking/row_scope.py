"""The dashboard's filter on the views: which rows the tree and the table show.

A :class:`RowScope` keeps the clicked :class:`RowFilter` (a unit, a category, a status, a due
list …) and the leaf ids it selects. The ids are computed again whenever the tracking data is
reloaded (after plan edits, progress entries, imports, a new "due soon" horizon), so the views
follow the data; the task the clerk is working on stays visible through such a recomputation.
``scope_changed`` carries the ids (None: no filter), again whenever rows were added or removed
since (rows made after the computation stay visible until the filter has judged them); the main
window hands them to the tree (rows hidden, ancestors kept) and the table (the annex grid cut
down to those rows).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.core.tracking_overview import DEFAULT_HORIZON, RowFilter, filter_rows
from desktop.gui.tracking.tracking_state import TrackingState


class RowScope(QObject):
    """The active filter; ``scope_changed(set[int] | None)`` and ``label_changed(str)``."""

    scope_changed = Signal(object)
    label_changed = Signal(str)

    def __init__(self, tracking: TrackingState, current_task: Callable[[], int],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tracking = tracking
        self._current_task = current_task
        self.row_filter: RowFilter | None = None
        self.ids: set[int] | None = None
        self._judged: object = None  # the plan's structure when ``ids`` was computed
        self.horizon = DEFAULT_HORIZON
        tracking.changed.connect(self.recompute)

    @property
    def active(self) -> bool:
        return self.row_filter is not None

    def set_filter(self, row_filter: RowFilter) -> set[int]:
        """Filter the views to ``row_filter``'s rows; returns them."""
        self.row_filter = row_filter
        self._compute(keep=None)
        return self.ids or set()

    def clear(self) -> None:
        if self.row_filter is None:
            return
        self.row_filter = None
        self.ids = None
        self.label_changed.emit("")
        self.scope_changed.emit(None)

    def set_horizon(self, days: int) -> None:
        self.horizon = days
        if self.row_filter is not None and self.row_filter.kind == "due_soon":
            self._compute(keep=None)

    def recompute(self) -> None:
        """The data changed: the same filter, new rows (the current task stays visible)."""
        if self.row_filter is not None:
            self._compute(keep=self._current_task())

    def _compute(self, keep: int | None) -> None:
        session = self.tracking.session
        if self.row_filter is None or session is None:
            return
        plan = session.plan
        index = self.tracking.dashboard_index()
        if index is not None:  # kept up to date by each change: costs the rows it returns
            ids = index.rows(self.row_filter, self.horizon, self.tracking.not_sent)
        else:
            ids = filter_rows(plan, self.tracking.assignments, self.row_filter, self.tracking.today(),
                              self.horizon, self.tracking.not_sent)
        if keep and keep in plan:
            ids.add(keep)
        judged = self.tracking.structure  # changes when rows were inserted, removed or moved
        changed = ids != self.ids or judged != self._judged
        self.ids, self._judged = ids, judged
        self.label_changed.emit(f"{self.row_filter.label}（{len(ids)} 行）")
        if changed:
            self.scope_changed.emit(set(ids))

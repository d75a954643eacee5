"""The workbench: the workspace, the plans open in this run of the app, and which one is shown.

A :class:`PlanSession` is made the first time a plan is opened and kept until the app closes, so
switching back to a plan finds its undo history intact; all sessions' stacks sit in one QUndoGroup
whose active stack drives the Undo/Redo actions. Plan-list edits (new, duplicate, rename, delete,
archive) go to the workspace and are announced with ``plans_changed``; every edit of the shown
plan is announced with ``plan_changed`` so the views can follow.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup

from desktop.core.model import Plan, PlanError
from desktop.core.operations import SetField
from desktop.core.style import PRESETS
from desktop.gui.directory_undo import DirectoryEdits
from desktop.gui.plan_session import ChangeSet, PlanSession
from desktop.store.workspace import PlanSummary, Workspace

NEW_PLAN_TITLE = "新建任务分解表"


class Workbench(QObject):
    """Owns the workspace and the plan sessions; the main window shows ``current``."""

    plan_opened = Signal(object)  # PlanSession, or None when no plan is shown
    plan_changed = Signal(object, object)  # PlanSession, ChangeSet
    plans_changed = Signal()
    units_changed = Signal()
    failed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.sessions: dict[int, PlanSession] = {}
        self.current: PlanSession | None = None
        self.undo_group = QUndoGroup(self)
        self.directory = DirectoryEdits(workspace, lambda: self.current.stack if self.current else None,
                                        self.directory_changed)

    # ----- sessions ----------------------------------------------------------------------------
    def session_for(self, plan_id: int) -> PlanSession:
        session = self.sessions.get(plan_id)
        if session is None:
            session = PlanSession(self.workspace.load_plan(plan_id), self.workspace.apply, self)
            session.changed.connect(lambda change_set, s=session: self._session_changed(s, change_set))
            session.failed.connect(self.failed)
            self.undo_group.addStack(session.stack)
            self.sessions[plan_id] = session
        return session

    def open_plan(self, plan_id: int | None) -> PlanSession | None:
        if plan_id is None:
            self.current = None
            self.undo_group.setActiveStack(None)
        else:
            if self.current is not None and self.current.plan_id == plan_id:
                return self.current
            self.current = self.session_for(plan_id)
            self.undo_group.setActiveStack(self.current.stack)
        self.plan_opened.emit(self.current)
        return self.current

    def _session_changed(self, session: PlanSession, change_set: ChangeSet) -> None:
        self.plan_changed.emit(session, change_set)
        if change_set.structural or "title" in change_set.fields or "year" in change_set.fields:
            self.plans_changed.emit()

    # ----- the plan list -----------------------------------------------------------------------
    def summaries(self, include_archived: bool = True) -> list[PlanSummary]:
        return self.workspace.list_plans(include_archived=include_archived)

    def add_plan(self, plan: Plan, open_it: bool = True) -> int:
        plan_id = self.workspace.add_plan(plan)
        self.plans_changed.emit()
        if open_it:
            self.open_plan(plan_id)
        return plan_id

    def new_plan(self, title: str = NEW_PLAN_TITLE, year: int | None = None) -> int:
        plan = Plan(title or NEW_PLAN_TITLE, year=year, style=PRESETS["laiwu2024"].to_dict())
        plan.insert_subtree(plan.ROOT_ID, 0, plan.make_task(""))
        plan.take_journal()
        return self.add_plan(plan)

    def duplicate_plan(self, plan_id: int) -> int:
        copy_id = self.workspace.duplicate_plan(plan_id)
        self.plans_changed.emit()
        return copy_id

    def rename_plan(self, plan_id: int, title: str) -> None:
        title = title.strip()
        if not title:
            raise PlanError("计划标题不能为空。")
        self.session_for(plan_id).do(SetField("title", title, label="重命名计划"))

    def delete_plan(self, plan_id: int) -> None:
        self.workspace.delete_plan(plan_id)
        session = self.sessions.pop(plan_id, None)
        if session is not None:
            self.undo_group.removeStack(session.stack)
            if session is self.current:
                self.open_plan(None)
            session.deleteLater()
        self.plans_changed.emit()

    def set_archived(self, plan_id: int, archived: bool) -> None:
        self.workspace.set_archived(plan_id, archived)
        self.plans_changed.emit()

    # ----- directory-wide edits ----------------------------------------------------------------
    def directory_changed(self, result: object) -> None:
        """After a directory edit (or its undo): refresh the plans a rename rewrote, and the views."""
        if isinstance(result, list):
            self.plans_rewritten([int(i) for i in result])
        else:
            self.units_changed.emit()

    def plans_rewritten(self, plan_ids: list[int]) -> None:
        """After a unit rename or merge changed open plans in memory: refresh what shows them."""
        for plan_id in plan_ids:
            session = self.sessions.get(plan_id)
            if session is not None:
                session.plan.take_journal()
                session.version += 1
                self.plan_changed.emit(session, ChangeSet(()))
        self.units_changed.emit()

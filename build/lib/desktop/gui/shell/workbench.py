"""The workbench: the workspace, the plans open in this run of the app, and which one is shown.

A :class:`PlanSession` is made the first time a plan is opened and kept until the app closes, so
switching back to a plan finds its undo history intact; all sessions' stacks sit in one QUndoGroup
whose active stack drives the Undo/Redo actions. Plan-list edits (new, import, duplicate, delete to
the recycle bin, restore, archive) are undo steps on the plan-list stack of the same group (see
``plan_undo``; renaming is a step of the plan's own stack) and are announced with
``plans_changed``; every edit of the shown plan is announced with ``plan_changed`` so the views
can follow.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from desktop.core.deadlines import plan_year
from desktop.core.model import Plan, PlanError
from desktop.core.operations import SetField
from desktop.core.style import PRESETS
from desktop.gui.plans.plan_session import ChangeSet, PlanSession
from desktop.gui.undo.directory_undo import DirectoryEdits
from desktop.gui.undo.plan_undo import PlanListEdits
from desktop.store.workspace import PlanSummary, Workspace

NEW_PLAN_TITLE = "新建任务分解表"


class Workbench(QObject):
    """Owns the workspace and the plan sessions; the main window shows ``current``."""

    plan_opened = Signal(object)  # PlanSession, or None when no plan is shown
    plan_changed = Signal(object, object)  # PlanSession, ChangeSet
    plans_changed = Signal()
    units_changed = Signal()
    failed = Signal(str)
    notice = Signal(str)  # status-bar sentences from the sessions (edits waiting for the workspace)
    external_change = Signal()  # another window or program committed to the workspace

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.sessions: dict[int, PlanSession] = {}
        self.current: PlanSession | None = None
        self.undo_group = QUndoGroup(self)
        self.plan_edits = PlanListEdits(self)
        self.plan_stack = self.plan_edits.stack
        self.undo_group.setActiveStack(self.plan_stack)
        self.directory = DirectoryEdits(workspace, self.directory_stack, self.directory_changed,
                                        lambda error: self.failed.emit(str(error)))

    def directory_stack(self) -> QUndoStack:
        """Directory edits go on the shown plan's stack (the plan-list stack when none is shown)."""
        return self.current.stack if self.current is not None else self.plan_stack

    # ----- sessions ----------------------------------------------------------------------------
    def session_for(self, plan_id: int) -> PlanSession:
        session = self.sessions.get(plan_id)
        if session is None:
            session = PlanSession(self.workspace.load_plan(plan_id), self.workspace.apply, self,
                                  self.workspace.load_plan)
            session.reloaded.connect(lambda s=session: self._session_reloaded(s))
            session.changed.connect(lambda change_set, s=session: self._session_changed(s, change_set))
            session.failed.connect(self.failed)
            session.notice.connect(self.notice)
            self.undo_group.addStack(session.stack)
            self.plan_edits.watch(session)
            self.sessions[plan_id] = session
        return session

    def open_plan(self, plan_id: int | None) -> PlanSession | None:
        if plan_id is None:
            self.current = None
            self.undo_group.setActiveStack(self.plan_stack)
        else:
            if self.current is not None and self.current.plan_id == plan_id:
                return self.current
            self.current = self.session_for(plan_id)
            self.undo_group.setActiveStack(self.current.stack)
        self.plan_opened.emit(self.current)
        return self.current

    def _session_reloaded(self, session: PlanSession) -> None:
        """A session's plan was replaced by the stored one: the views show it afresh."""
        if session is self.current:
            self.plan_opened.emit(session)
        self.plans_changed.emit()

    def _session_changed(self, session: PlanSession, change_set: ChangeSet) -> None:
        self.plan_changed.emit(session, change_set)
        if change_set.structural or "title" in change_set.fields or "year" in change_set.fields:
            self.plans_changed.emit()

    # ----- the plan list -----------------------------------------------------------------------
    def summaries(self, include_archived: bool = True) -> list[PlanSummary]:
        return self.workspace.list_plans(include_archived=include_archived)

    def add_plan(self, plan: Plan, open_it: bool = True, action: str = "导入计划") -> int:
        """Store a new plan (an undo step of the plan list: undoing it moves the plan to the bin)."""
        plan_id = self.workspace.add_plan(plan)
        self.plans_changed.emit()
        if open_it:
            self.open_plan(plan_id)
        self.plan_edits.created(plan_id, f"{action}“{plan.title}”")
        return plan_id

    def new_plan(self, title: str = NEW_PLAN_TITLE, year: int | None = None) -> int:
        """A plan with one empty task; its year is the title's 20xx年, else this year."""
        title = title or NEW_PLAN_TITLE
        year = year or plan_year({"title": title}) or date.today().year
        plan = Plan(title, year=year, style=PRESETS["laiwu2024"].to_dict())
        plan.insert_subtree(plan.ROOT_ID, 0, plan.make_task(""))
        plan.take_journal()
        return self.add_plan(plan, action="新建计划")

    def duplicate_plan(self, plan_id: int) -> int:
        copy_id = self.workspace.duplicate_plan(plan_id)
        self.plans_changed.emit()
        self.plan_edits.created(copy_id, "复制计划")
        return copy_id

    def rename_plan(self, plan_id: int, title: str) -> None:
        title = title.strip()
        if not title:
            raise PlanError("计划标题不能为空。")
        self.session_for(plan_id).do(SetField("title", title, label="重命名计划"))

    def delete_plan(self, plan_id: int) -> None:
        """Move the plan to the recycle bin, as an undo step; the first plan of the list is shown."""
        self.plan_edits.delete(plan_id)

    def restore_plan(self, plan_id: int) -> None:
        """Take the plan out of the recycle bin and show it, as an undo step."""
        self.plan_edits.restore(plan_id)

    def purge_plan(self, plan_id: int) -> None:
        """Delete a plan in the recycle bin for good; this cannot be undone."""
        self.plan_edits.purge(plan_id)

    def deleted_plans(self) -> list[PlanSummary]:
        return self.workspace.deleted_plans()

    def set_archived(self, plan_id: int, archived: bool) -> None:
        self.plan_edits.set_archived(plan_id, archived)

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

"""The workbench: the workspace, the plans open in this run of the app, which one is shown, and undo.

A :class:`PlanSession` is made the first time a plan is opened and kept until the app closes (or
the plan is purged from the recycle bin). There is ONE undo stack for everything the clerk does —
plan edits, the units directory, the plan list (new, import, copy, delete to the recycle bin,
restore, archive), tracking changes: Ctrl+Z undoes the last thing done, wherever it was done,
and brings the view back to where it happened. Every change is made through the workspace, which
returns an :class:`OpChanges` record; :meth:`Workbench.do` announces it and pushes it as one
:class:`ChangeCommand`, whose undo and redo come back through :meth:`Workbench.revert` and
:meth:`Workbench.reveal`. Announcements: ``plan_changed`` for every edit of an open plan (the views
follow), ``plans_changed`` for the plan list (``plan_rows_changed`` when an edit changed only one
plan's row count: the list updates that line without reading the workspace), ``units_changed``
for the directory, ``tracking_changed`` for assignments and progress entries; ``reveal_tasks``
asks the views to select the rows an undo or redo changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.core.change_set import ChangeSet
from desktop.core.deadlines import plan_year
from desktop.core.model import Change, Plan, PlanError
from desktop.core.operations import SetField
from desktop.core.style import PRESETS
from desktop.gui.plans.plan_session import PlanSession
from desktop.gui.undo.change_command import ChangeCommand
from desktop.store.changes import OpChanges
from desktop.store.workspace import PlanSummary, Workspace

NEW_PLAN_TITLE = "新建任务分解表"
RELOADED_STEP = "这个计划已被另一个窗口或程序修改并重新载入，这一步不能再撤销或重做。"


def _rows(change: Change) -> tuple[int, ...]:
    """The rows a primitive change shows in: its tasks, or the parent of a removed one."""
    return change.task_ids if change.kind != "remove" else (change.parent_id or 0,)


class Workbench(QObject):
    """Owns the workspace, the plan sessions and the undo stack; the main window shows ``current``."""

    plan_opened = Signal(object)  # PlanSession, or None when no plan is shown
    plan_changed = Signal(object, object)  # PlanSession, ChangeSet
    plans_changed = Signal()
    plan_rows_changed = Signal(int)  # the id of a plan whose number of requirement rows an edit changed
    units_changed = Signal()
    tracking_changed = Signal()
    tracking_record = Signal(object)  # OpChanges: the tracking change just made or undone
    reveal_tasks = Signal(object)  # the ids of the shown plan's tasks an undo or redo changed
    failed = Signal(str)
    notice = Signal(str)  # status-bar sentences from the sessions (edits waiting for the workspace)
    external_change = Signal()  # another window or program committed to the workspace

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.sessions: dict[int, PlanSession] = {}
        self.current: PlanSession | None = None
        self.stack = QUndoStack(self)

    @property
    def current_id(self) -> int | None:
        return self.current.plan_id if self.current is not None else None

    # ----- sessions ----------------------------------------------------------------------------
    def session_for(self, plan_id: int) -> PlanSession:
        session = self.sessions.get(plan_id)
        if session is None:
            session = PlanSession(self.workspace.load_plan(plan_id), self.workspace.apply, self,
                                  self.workspace.load_plan, stack=self.stack, host=self)
            session.reloaded.connect(lambda s=session: self._session_reloaded(s))
            session.changed.connect(lambda change_set, s=session: self._session_changed(s, change_set))
            session.failed.connect(self.failed)
            session.notice.connect(self.notice)
            self.sessions[plan_id] = session
        return session

    def open_plan(self, plan_id: int | None) -> PlanSession | None:
        if plan_id is None:
            self.current = None
        else:
            if self.current is not None and self.current.plan_id == plan_id:
                return self.current
            self.current = self.session_for(plan_id)
        self.plan_opened.emit(self.current)
        return self.current

    def _session_reloaded(self, session: PlanSession) -> None:
        """A session's plan was replaced by the stored one: the views show it afresh.

        The undo steps that edit that plan would now undo the other writer's edits: they are
        retired (refused, with a plain sentence, if the clerk reaches them).
        """
        for index in range(self.stack.count()):
            command = self.stack.command(index)
            if isinstance(command, ChangeCommand) and session.plan_id in command.edited_plans():
                command.retire(RELOADED_STEP)
        if session is self.current:
            self.plan_opened.emit(session)
        self.plans_changed.emit()

    def _session_changed(self, session: PlanSession, change_set: ChangeSet) -> None:
        self.plan_changed.emit(session, change_set)
        if "title" in change_set.fields or "year" in change_set.fields:
            self.plans_changed.emit()
        elif change_set.structural and session.plan_id is not None:  # the list's row count only
            self.plan_rows_changed.emit(session.plan_id)

    # ----- the one undo path -------------------------------------------------------------------
    def do(self, change: Callable[[], OpChanges], text: str | None = None,
           after: Callable[[OpChanges], object] | None = None) -> OpChanges:
        """Make a workspace change the clerk asked for, announce it and push it as one undo step.

        ``after`` runs before the step is pushed (to show a new plan, say): the plan shown then is
        the one redo comes back to; undo comes back to the plan shown before.
        """
        before = self.current_id
        record = change()
        self.announce(record)
        if after is not None:
            after(record)
        self.push(record, before, text)
        return record

    def push(self, record: OpChanges, before: int | None, text: str | None = None) -> None:
        """Put a change already made and announced on the undo stack (nothing for an empty change)."""
        if not record.empty:
            self.stack.push(ChangeCommand(self, record, text or record.label, before, self.current_id))

    def revert(self, record: OpChanges) -> OpChanges:
        """Undo or redo: take ``record`` back through the workspace and announce what that changed."""
        shown = {plan_id: session.plan for plan_id, session in self.sessions.items()}
        result = self.workspace.revert(record, shown)
        self.announce(result)
        return result

    def announce(self, record: OpChanges) -> None:
        """Tell the views what a change (or its undo) changed."""
        for plan_id in record.plan_ids:
            session = self.sessions.get(plan_id)
            if session is not None:
                session.follow(record.changes_of(plan_id))
        if record.plan_list:
            self.plans_changed.emit()
        if record.units:
            self.units_changed.emit()
        if record.tracking:
            self.tracking_changed.emit()
            self.tracking_record.emit(record)

    def reveal(self, plan_id: int | None, record: OpChanges) -> None:
        """After an undo or redo: show ``plan_id`` (when still in the list) and select the rows changed."""
        live = self.workspace.live_plan_ids()  # not the summaries: those count every plan's rows
        ids = {live_id for live_id, _archived in live}
        if plan_id in ids:
            self.open_plan(plan_id)
        elif self.current_id not in ids:
            self.open_plan(next((live_id for live_id, archived in live if not archived), None))
        if self.current is not None:
            changed = record.changes_of(self.current.plan_id or 0)
            task_ids = [task_id for change in changed  # a removed row: its parent
                        for task_id in _rows(change)]
            plan = self.current.plan
            shown = [task_id for task_id in dict.fromkeys(task_ids) if task_id and task_id in plan]
            if shown:
                self.reveal_tasks.emit(shown)

    def report(self, error: Exception) -> None:
        self.failed.emit(f"撤销或重做没有完成：{error}")

    # ----- the plan list -----------------------------------------------------------------------
    def summaries(self, include_archived: bool = True) -> list[PlanSummary]:
        return self.workspace.list_plans(include_archived=include_archived)

    def add_plan(self, plan: Plan, open_it: bool = True, action: str = "导入计划") -> int:
        """Store a new plan (an undo step: undoing it moves the plan to the bin, the view goes back)."""
        text = f"{action}“{plan.title}”"
        record = self.do(lambda: self.workspace.add_plan(plan, text), text,
                         after=lambda done: self.open_plan(done.plan_id) if open_it else None)
        return int(record.plan_id or 0)

    def new_plan(self, title: str = NEW_PLAN_TITLE, year: int | None = None) -> int:
        """A plan with one empty task; its year is the title's 20xx年, else this year."""
        title = title or NEW_PLAN_TITLE
        year = year or plan_year({"title": title}) or date.today().year
        plan = Plan(title, year=year, style=PRESETS["laiwu2024"].to_dict())
        plan.insert_subtree(plan.ROOT_ID, 0, plan.make_task(""))
        plan.take_journal()
        return self.add_plan(plan, action="新建计划")

    def duplicate_plan(self, plan_id: int) -> int:
        return int(self.do(lambda: self.workspace.duplicate_plan(plan_id)).plan_id or 0)

    def rename_plan(self, plan_id: int, title: str) -> None:
        title = title.strip()
        if not title:
            raise PlanError("计划标题不能为空。")
        self.session_for(plan_id).do(SetField("title", title, label="重命名计划"))

    def _title(self, plan_id: int) -> str:
        summaries = self.summaries() + self.workspace.deleted_plans()
        return next((s.title for s in summaries if s.id == plan_id), str(plan_id))

    def _show_following(self, record: OpChanges) -> None:
        """After the shown plan went to the recycle bin: show the first plan of the list."""
        if record.plan_id is not None and record.plan_id == self.current_id:
            self.open_plan(next((s.id for s in self.summaries() if not s.archived), None))

    def delete_plan(self, plan_id: int) -> None:
        """Move the plan to the recycle bin, as an undo step; the first plan of the list is shown."""
        text = f"删除计划“{self._title(plan_id)}”"
        self.do(lambda: self.workspace.delete_plan(plan_id), text, after=self._show_following)

    def restore_plan(self, plan_id: int) -> None:
        """Take the plan out of the recycle bin and show it, as an undo step."""
        text = f"恢复计划“{self._title(plan_id)}”"
        self.do(lambda: self.workspace.restore_plan(plan_id), text,
                after=lambda _record: self.open_plan(plan_id))

    def purge_plan(self, plan_id: int) -> None:
        """Delete a plan in the recycle bin for good; this cannot be undone.

        Undo steps that refer to it then fail with a plain sentence and drop out of the stack.
        """
        record = self.workspace.purge_plan(plan_id)
        session = self.sessions.pop(plan_id, None)
        if session is not None:
            session.deleteLater()
        self.announce(record)

    def deleted_plans(self) -> list[PlanSummary]:
        return self.workspace.deleted_plans()

    def set_archived(self, plan_id: int, archived: bool) -> None:
        text = f"{'归档' if archived else '取消归档'}“{self._title(plan_id)}”"
        self.do(lambda: self.workspace.set_archived(plan_id, archived), text)

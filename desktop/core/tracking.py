"""Progress tracking: who owes what for each requirement, how far they are, and what they reported.

Every leaf of a plan, for each unit of its effective 牵头单位 (role ``lead``) and 责任单位 (role
``units``), is an :class:`Assignment` with a status (未开始 / 推进中 / 已完成 / 持续推进), a
completion date, its due day (from the leaf's 完成时限, see ``deadlines``) and a dated log of
:class:`ProgressEntry` (text, who reported it, typed or imported from a file, attachments by
path). 逾期 (overdue) is never stored: it is derived from the due day, today and the status.

A unit named in both cells of one row gets one assignment, as lead. 配合单位 get none.

When the plan's units change, :func:`reconcile` matches existing assignments to the expected ones
by (task id, unit name ignoring spaces and bracket width): a unit that remains keeps its status and
log; a unit that is gone is marked inactive, never deleted, so undoing the change brings its
history back. Everything here is pure: functions return new values and change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from desktop.core.assignment_units import cell_units
from desktop.core.deadlines import task_deadline
from desktop.core.model import Plan, PlanError, Task
from desktop.core.textclean import clean_text
from desktop.core.unit_text import normalise_name
from desktop.core.units import UnitDirectory

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
ONGOING = "ongoing"
OVERDUE = "overdue"  # derived, never stored
NOT_REPORTED = "not_reported"  # derived: 未开始 of a unit that sent nothing this round (tracking_rounds)
STATUS_LABELS: dict[str, str] = {
    NOT_STARTED: "未开始", IN_PROGRESS: "推进中", DONE: "已完成", ONGOING: "持续推进",
}
STATUSES: tuple[str, ...] = tuple(STATUS_LABELS)
DISPLAY_LABELS: dict[str, str] = {**STATUS_LABELS, OVERDUE: "逾期", NOT_REPORTED: "未报送"}
DISPLAY_STATUSES: tuple[str, ...] = (NOT_STARTED, IN_PROGRESS, ONGOING, OVERDUE, DONE)
ROLES: tuple[str, ...] = ("lead", "units")
ROLE_LABELS: dict[str, str] = {"lead": "牵头单位", "units": "责任单位"}
SOURCES: tuple[str, ...] = ("typed", "imported")


class TrackingError(PlanError):
    """A tracking edit that cannot be done; the message is one plain sentence for the user."""


@dataclass(frozen=True)
class ProgressEntry:
    """One dated report in an assignment's log."""

    date: date
    text: str
    reported_by: str = ""
    source: str = "typed"  # "typed" by the clerk, or "imported" from a unit's file
    attachments: tuple[str, ...] = ()  # file paths, by reference; the files are not copied
    source_file: str = ""  # for "imported": the file the entry came from
    id: int | None = None

    def check(self) -> None:
        """Raise :class:`TrackingError` unless the entry can be stored."""
        if self.source not in SOURCES:
            raise TrackingError("进展来源只能是手工录入或导入文件。")
        if not self.text.strip() and not self.attachments:
            raise TrackingError("进展情况不能为空：请填写内容或添加附件。")
        if any(not path.strip() for path in self.attachments):
            raise TrackingError("附件路径不能为空。")


def progress_entry(on: date, text: str, reported_by: str = "", source: str = "typed",
                   attachments: Sequence[str] = (), source_file: str = "") -> ProgressEntry:
    """A checked entry with its text cleaned of characters a document cannot hold."""
    entry = ProgressEntry(on, clean_text(text).strip(), clean_text(reported_by).strip(), source,
                          tuple(str(path) for path in attachments), str(source_file))
    entry.check()
    return entry


@dataclass(frozen=True)
class Assignment:
    """One unit's share of one requirement (a leaf of the plan)."""

    task_id: int
    unit: str
    role: str = "units"
    status: str = NOT_STARTED
    completed_on: date | None = None
    due: date | None = None  # from the leaf's 完成时限 when it has a due day
    active: bool = True  # False once the unit (or the leaf) left the plan
    progress: tuple[ProgressEntry, ...] = ()
    id: int | None = None

    @property
    def key(self) -> tuple[int, str]:
        return assignment_key(self.task_id, self.unit)

    def check(self) -> None:
        """Raise :class:`TrackingError` unless the assignment can be stored."""
        if not normalise_name(self.unit):
            raise TrackingError("单位名称不能为空。")
        if self.role not in ROLES:
            raise TrackingError(f"未知的分工角色“{self.role}”。")
        if self.status not in STATUSES:
            raise TrackingError(f"未知的进展状态“{self.status}”。")
        if self.status == DONE and self.completed_on is None:
            raise TrackingError("标记为已完成时请填写完成日期。")
        for entry in self.progress:
            entry.check()

    def is_overdue(self, today: date) -> bool:
        """Active, with a due day before today, and not done (see ``deadlines.is_overdue``)."""
        return self.active and self.due is not None and self.status != DONE and today > self.due

    def display_status(self, today: date) -> str:
        """The status to show: 逾期 (``overdue``) when the due day has passed and it is not done."""
        return OVERDUE if self.is_overdue(today) else self.status


def assignment_key(task_id: int, unit: str) -> tuple[int, str]:
    """How assignments are matched: the task and the unit name ignoring spaces and bracket width."""
    return (task_id, normalise_name(unit))


def set_status(assignment: Assignment, status: str, completed_on: date | None = None) -> Assignment:
    """The assignment with a new status; 已完成 needs its completion date, other statuses clear it."""
    if status not in STATUSES:
        raise TrackingError(f"未知的进展状态“{status}”。")
    if status == DONE:
        completed_on = completed_on or assignment.completed_on
        if completed_on is None:
            raise TrackingError("标记为已完成时请填写完成日期。")
        return replace(assignment, status=status, completed_on=completed_on)
    return replace(assignment, status=status, completed_on=None)


def add_progress(assignment: Assignment, entry: ProgressEntry) -> Assignment:
    """The assignment with the entry added to its log (kept in date order, stable for equal dates)."""
    entry.check()
    log = sorted((*assignment.progress, entry), key=lambda item: item.date)
    return replace(assignment, progress=tuple(log))


class ExpectedAssignment(NamedTuple):
    task_id: int
    unit: str
    role: str


def expected_assignments(plan: Plan, directory: UnitDirectory | None = None,
                         leaves: Iterable[Task] | None = None) -> list[ExpectedAssignment]:
    """(task id, unit, role) for every leaf and each unit of its effective lead and units cells.

    Leaves in document order (or those of ``leaves``, in their order); lead units first. Duty
    phrases (牵头落实 …) are stripped and, with a directory, names are the directory's own; a unit
    in both cells is assigned once, as lead. A cell text is read once per call (most rows inherit
    their units from a category, so many leaves share one text).
    """
    read: dict[str, list[str]] = {}
    out: list[ExpectedAssignment] = []
    for leaf in plan.leaves() if leaves is None else leaves:
        seen: set[str] = set()
        for role in ROLES:
            text = leaf.effective(role)
            units = read.get(text)
            if units is None:
                units = read[text] = cell_units(text, directory)
            for unit in units:
                key = normalise_name(unit)
                if key not in seen:
                    seen.add(key)
                    out.append(ExpectedAssignment(leaf.id, unit, role))
    return out


def plan_dues(plan: Plan, leaves: Iterable[Task] | None = None) -> dict[int, date | None]:
    """Each leaf's due day (of ``leaves`` when given) from its effective 完成时限, read with the plan's
    year and issue date."""
    return {leaf.id: task_deadline(plan.fields, leaf.effective("deadline")).due
            for leaf in (plan.leaves() if leaves is None else leaves)}


@dataclass(frozen=True)
class Reconciled:
    """The outcome of :func:`reconcile`: the full new list and what changed in it."""

    assignments: list[Assignment]  # active ones in plan order, then the inactive ones as they were
    added: list[Assignment]
    deactivated: list[Assignment]
    reactivated: list[Assignment]
    changed: list[Assignment]  # every assignment that must be written (added ones included)


def reconcile(existing: Sequence[Assignment], expected: Sequence[tuple[int, str, str]],
              dues: Mapping[int, date | None] | None = None) -> Reconciled:
    """Match existing assignments to the expected (task id, unit, role) triples.

    A match keeps its id, status and log, takes the expected unit spelling and role, becomes
    active again if it was inactive, and takes the due day from ``dues`` when given. Existing
    assignments not expected any more become inactive; expected ones without a match are new.
    """
    by_key: dict[tuple[int, str], Assignment] = {}
    for item in existing:
        by_key.setdefault(item.key, item)
    used: set[tuple[int, str]] = set()
    result: list[Assignment] = []
    added: list[Assignment] = []
    reactivated: list[Assignment] = []
    changed: list[Assignment] = []
    for task_id, unit, role in expected:
        key = assignment_key(task_id, unit)
        if key in used:
            continue
        used.add(key)
        due = dues.get(task_id) if dues is not None else None
        old = by_key.get(key)
        if old is None:
            new = Assignment(task_id, unit, role, due=due)
            added.append(new)
        else:
            new = replace(old, unit=unit, role=role, active=True,
                          due=due if dues is not None else old.due)
            if not old.active:
                reactivated.append(new)
        if new != old:
            changed.append(new)
        result.append(new)
    deactivated: list[Assignment] = []
    for key, old in by_key.items():
        if key in used:
            continue
        if old.active:
            old = replace(old, active=False)
            deactivated.append(old)
            changed.append(old)
        result.append(old)
    return Reconciled(result, added, deactivated, reactivated, changed)


def sync_assignments(plan: Plan, existing: Sequence[Assignment],
                     directory: UnitDirectory | None = None) -> Reconciled:
    """:func:`reconcile` against what the plan now says, due days included."""
    return reconcile(existing, expected_assignments(plan, directory), plan_dues(plan))


__all__ = [
    "DISPLAY_LABELS", "DISPLAY_STATUSES", "DONE", "IN_PROGRESS", "NOT_REPORTED", "NOT_STARTED",
    "ONGOING", "OVERDUE",
    "ROLES", "ROLE_LABELS", "SOURCES", "STATUSES", "STATUS_LABELS", "Assignment", "ExpectedAssignment",
    "ProgressEntry", "Reconciled", "TrackingError", "add_progress", "assignment_key",
    "expected_assignments", "plan_dues", "progress_entry", "reconcile", "set_status", "sync_assignments",
]

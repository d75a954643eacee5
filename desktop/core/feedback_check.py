"""Checking a returned feedback workbook row by row: what may be applied, and why the rest may not.

Every row ends as one :class:`RowOutcome`:

``applied``
    valid, and it changes the assignment (a new status, completion date or progress entry);
``unchanged``
    valid, but it says nothing new (left blank, or the same as what is already recorded);
``conflict``
    the row is the unit's, but a locked cell was edited in the workbook or the plan changed the
    task since the export: the report is kept (``update``) for the clerk to accept or drop;
``rejected``
    not applied, with the reason: no row id, a task the plan does not have, a task that is not
    this unit's, a forged or altered row id (signature), a second row of the same task, an
    invalid status or date.

Checks run against the assignments' current state, so importing the same workbook twice leaves
the second import ``unchanged``. A status or date the unit left as exported never overwrites
a change the clerk made in the meantime. Everything here is pure.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from desktop.core.feedback import (
    LOCKED_LABELS,
    Identity,
    changed_cells,
    parse_prior,
    row_signature,
    task_fingerprint,
)
from desktop.core.feedback_values import InvalidValue, parse_completed, parse_status
from desktop.core.model import Plan
from desktop.core.textclean import clean_text, normalise_space
from desktop.core.tracking import DONE, Assignment, ProgressEntry, TrackingError, progress_entry

APPLIED, UNCHANGED, CONFLICT, REJECTED = "applied", "unchanged", "conflict", "rejected"
OUTCOMES: tuple[str, ...] = (APPLIED, UNCHANGED, CONFLICT, REJECTED)
OUTCOME_LABELS: dict[str, str] = {
    APPLIED: "已导入", UNCHANGED: "无变化", CONFLICT: "冲突", REJECTED: "已拒绝",
}


@dataclass(frozen=True)
class ReturnedRow:
    """One data row of a returned workbook, as read (nothing checked yet)."""

    sheet_row: int  # the row number the unit sees in Excel
    hidden: dict[str, str]  # HIDDEN_KEYS → text
    cells: dict[str, str]  # LOCKED_KEYS → text
    progress: str
    status: str
    completed: object  # date, datetime, number or text as the cell held it; None when blank

    @property
    def blank(self) -> bool:
        return not (any(self.hidden.values()) or any(self.cells.values()) or self.progress.strip()
                    or self.status.strip() or self.completed not in (None, ""))


@dataclass(frozen=True)
class ReturnedWorkbook:
    """A returned workbook as read: its identification block and its rows."""

    source: str  # the file's name, recorded with imported entries
    meta: dict[str, str]
    rows: tuple[ReturnedRow, ...]


@dataclass(frozen=True)
class Update:
    """The new state of one assignment: status, completion date and an entry to add (or None)."""

    assignment_id: int
    status: str
    completed_on: date | None
    entry: ProgressEntry | None


@dataclass(frozen=True)
class RowOutcome:
    """What became of one returned row; ``update`` is set for applied rows and conflicts."""

    source: str
    sheet_row: int
    task_id: int | None
    seq: str
    task: str  # the requirement text (the plan's when known), shortened
    outcome: str
    reason: str = ""
    update: Update | None = None

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


def _short(text: str, limit: int = 30) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


class RowChecker:
    """Checks the rows of one workbook for one plan and unit against the current assignments."""

    def __init__(self, plan: Plan, identity: Identity, secret: bytes,
                 assignments: Mapping[int, Assignment], today: date) -> None:
        self.plan = plan
        self.identity = identity
        self.secret = secret
        self.assignments = assignments  # this unit's active assignments by task id
        self.today = today
        self.seqs = {leaf.id: index for index, leaf in enumerate(plan.leaves(), start=1)}

    def check(self, workbook: ReturnedWorkbook) -> list[RowOutcome]:
        seen: set[int] = set()
        return [self._row(workbook.source, row, seen) for row in workbook.rows if not row.blank]

    def _row(self, source: str, row: ReturnedRow, seen: set[int]) -> RowOutcome:
        raw_id = row.hidden.get("task_id", "").strip()
        task_id = int(raw_id) if raw_id.isdigit() else None
        known = task_id is not None and task_id in self.seqs
        seq = str(self.seqs[task_id]) if known and task_id is not None else row.cells.get("seq", "")
        text = self.plan[task_id].text if known and task_id is not None else row.cells.get("text", "")

        def out(outcome: str, reason: str = "", update: Update | None = None) -> RowOutcome:
            return RowOutcome(source, row.sheet_row, task_id, seq, _short(text), outcome, reason, update)

        if task_id is None:
            return out(REJECTED, "这一行没有有效的行标识（可能是自行插入或改动的行），未导入。")
        if not known:
            return out(REJECTED, "计划中没有这项任务（行标识无效或已被删除），未导入。")
        current = self.assignments.get(task_id)
        if current is None or current.id is None:
            return out(REJECTED, f"这项任务不是本单位（{self.identity.unit}）的任务，未导入。")
        expected = row_signature(self.secret, self.identity.plan_key, self.identity.unit, row.hidden)
        if not hmac.compare_digest(row.hidden.get("signature", ""), expected):
            return out(REJECTED, "这一行的行标识或校验信息被改动，未导入。")
        if task_id in seen:  # only genuine rows count: a forged one must not shadow the real row
            return out(REJECTED, "与前面某一行是同一项任务（重复的行），未导入。")
        seen.add(task_id)
        try:
            update, notes = self._update(source, row, current)
        except InvalidValue as error:
            return out(REJECTED, str(error))
        conflicts = self._conflicts(row)
        if update is None:
            return out(UNCHANGED, "".join(notes) or "没有填写新的进展。")
        if conflicts:
            return out(CONFLICT, "".join(conflicts) + "进展没有导入，请核对后决定是否采用。", update)
        return out(APPLIED, "".join(notes), update)

    def _conflicts(self, row: ReturnedRow) -> list[str]:
        found: list[str] = []
        edited = changed_cells(row.hidden.get("cells", ""), row.cells)
        if edited:
            names = "、".join(f"“{LOCKED_LABELS[key]}”" for key in edited)
            found.append(f"反馈表中锁定的{names}列被改动。")
        task = self.plan[int(row.hidden["task_id"])]
        if row.hidden.get("fingerprint") != task_fingerprint(task):
            found.append("导出反馈表后，计划中这项任务的内容已修改。")
        return found

    def _update(self, source: str, row: ReturnedRow,
                current: Assignment) -> tuple[Update | None, list[str]]:
        """The assignment's new state, or None when the row says nothing new; plus notes."""
        notes: list[str] = []
        status = parse_status(row.status)
        completed = parse_completed(row.completed, self.today)
        prior_status, prior_date = parse_prior(row.hidden.get("prior", ""))
        new_status = current.status
        if status is not None and status != prior_status:
            new_status = status
        new_date = current.completed_on if new_status == DONE else None
        reported = completed != prior_date or status != prior_status
        if new_status == DONE and completed is not None and reported:
            new_date = completed
        if new_status == DONE and new_date is None:
            raise InvalidValue("标记为“已完成”时请填写完成时间。")
        if completed is not None and status is not None and status != DONE:
            notes.append("完成时间只在完成状态为“已完成”时记录，已忽略。")
        entry = self._entry(source, row.progress, current)
        if entry is None and new_status == current.status and new_date == current.completed_on:
            if row.progress.strip():
                notes.insert(0, "这条进展已经导入过。")
            return None, notes
        assert current.id is not None
        return Update(current.id, new_status, new_date, entry), notes

    def _entry(self, source: str, text: str, current: Assignment) -> ProgressEntry | None:
        key = normalise_space(clean_text(text))
        if not key or any(normalise_space(item.text) == key for item in current.progress):
            return None
        try:
            return progress_entry(self.today, text, self.identity.unit, "imported", (), source)
        except TrackingError as error:
            raise InvalidValue(str(error)) from None


def check_rows(plan: Plan, identity: Identity, secret: bytes, workbook: ReturnedWorkbook,
               assignments: Mapping[int, Assignment], today: date) -> list[RowOutcome]:
    """Every non-blank row of ``workbook`` checked (see the module doc); nothing is changed."""
    return RowChecker(plan, identity, secret, assignments, today).check(workbook)


def counts(outcomes: Sequence[RowOutcome]) -> dict[str, int]:
    """How many rows ended in each outcome (all four keys present)."""
    totals = dict.fromkeys(OUTCOMES, 0)
    for item in outcomes:
        totals[item.outcome] += 1
    return totals

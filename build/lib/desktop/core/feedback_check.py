"""Checking a returned feedback workbook row by row: what may be applied, and why the rest may not.

Every row ends as one :class:`RowOutcome`:

``applied``
    valid, and it changes the assignment (a new status, completion date or progress entry); a
    field that could not be read (``issues``: the field and why) is left out, the rest is applied;
``unchanged``
    valid, but it says nothing new (left blank, the same as what is already recorded, or a row a
    newer return of the same unit in the same import also reports: the newer one wins);
``conflict``
    the row is the unit's, but a locked cell was edited in the workbook, the plan changed the
    task since the export, or the unit reports a new state while the assignment is no longer in
    the state the workbook was exported with (a newer return or the clerk changed it since): the
    report is kept (``update``) for the clerk to accept or drop, never applied on its own;
``rejected``
    not applied, with the reason: no row id, a task the plan does not have, a task that is not
    this unit's, a forged or altered row id (signature), a second row of the same task, or a row
    whose only content was a value that cannot be read.

Values are read forgivingly (:mod:`desktop.core.feedback_values`: synonyms, percentages, dates
as units type them); progress typed in the 完成状态 or 完成时间 column is kept as progress; 已完成
without a readable date takes the workbook's saved date. Checks run against the assignments'
current state, so importing the same workbook twice leaves the second import ``unchanged``.
Everything here is pure.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.core.feedback import (
    LOCKED_LABELS,
    Identity,
    changed_cells,
    parse_prior,
    row_signature,
    task_fingerprint,
)
from desktop.core.feedback_values import InvalidValue, read_completed, read_status
from desktop.core.model import Plan
from desktop.core.textclean import clean_text, normalise_space
from desktop.core.tracking import (
    DONE,
    STATUS_LABELS,
    Assignment,
    ProgressEntry,
    TrackingError,
    progress_entry,
)

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
    status: object  # text, or a number (a percentage cell); None or "" when blank
    completed: object  # date, datetime, number or text as the cell held it; None when blank
    formulas: tuple[str, ...] = ()  # editable keys holding a formula the file kept no value for

    @property
    def blank(self) -> bool:
        return not (any(self.hidden.values()) or any(self.cells.values()) or self.progress.strip()
                    or (self.status not in (None, "") and str(self.status).strip())
                    or self.completed not in (None, "") or self.formulas)


@dataclass(frozen=True)
class ReturnedWorkbook:
    """A returned workbook as read: its identification block, its rows and when it was last saved."""

    source: str  # the file's name, recorded with imported entries
    meta: dict[str, str]
    rows: tuple[ReturnedRow, ...]
    saved_at: datetime | None = None  # the workbook's own "modified" time (UTC), when it has one
    kind: str = "xlsx"  # the format actually read: xlsx, xls, ods


@dataclass(frozen=True)
class Update:
    """The new state of one assignment: status, completion date and an entry to add (or None)."""

    assignment_id: int
    status: str
    completed_on: date | None
    entry: ProgressEntry | None


@dataclass(frozen=True)
class FieldIssue:
    """One field of a row that was not imported (the rest of the row was), and why."""

    field: str  # 进展情况 / 完成状态 / 完成时间
    reason: str


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
    issues: tuple[FieldIssue, ...] = ()  # fields not imported while the rest of the row was
    reported: bool = False  # the unit said something on this row (progress, a new state)

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


def _short(text: str, limit: int = 30) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


FIELD_LABELS: dict[str, str] = {"progress": "进展情况", "status": "完成状态", "completed": "完成时间"}
NO_CACHED_VALUE = ("“{field}”是公式，但文件中没有保存计算结果（请在 Excel 或 WPS 中打开并保存后再交回），"
                   "未导入。")
SUPERSEDED = "同一单位较新的反馈表“{newer}”也填报了这一行，以较新的为准。"


def _looks_like_prose(value: object) -> bool:
    """A text that is clearly a sentence (progress typed in the wrong column), not a value."""
    if not isinstance(value, str):
        return False
    text = normalise_space(clean_text(value))
    return len(text) > 8 and sum("\u4e00" <= ch <= "\u9fff" for ch in text) >= 4


@dataclass
class _Reading:
    """The editable fields of one row as understood, with notes and the fields rejected."""

    progress: str
    status: str | None = None
    completed: date | None = None
    date_rejected: bool = False
    notes: list[str] = field(default_factory=list)
    issues: list[FieldIssue] = field(default_factory=list)


class RowChecker:
    """Checks the rows of one workbook for one plan and unit against the current assignments.

    ``year`` is the year for dates typed without one; ``fallback_done`` the completion date used for
    已完成 given without a readable date (the workbook's own saved date, else today); ``covered``
    maps task ids reported by a newer return of the same unit in the same import to that file.
    """

    def __init__(self, plan: Plan, identity: Identity, secret: bytes,
                 assignments: Mapping[int, Assignment], today: date, *, year: int | None = None,
                 fallback_done: date | None = None, covered: Mapping[int, str] | None = None) -> None:
        self.plan = plan
        self.identity = identity
        self.secret = secret
        self.assignments = assignments  # this unit's active assignments by task id
        self.today = today
        self.year = year
        self.fallback_done = min(fallback_done or today, today)
        self.covered = covered or {}
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

        def out(outcome: str, reason: str = "", update: Update | None = None,
                issues: Sequence[FieldIssue] = (), reported: bool = False) -> RowOutcome:
            return RowOutcome(source, row.sheet_row, task_id, seq, _short(text), outcome, reason, update,
                              tuple(issues), reported)

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
        if task_id in self.covered:
            return out(UNCHANGED, SUPERSEDED.format(newer=self.covered[task_id]))
        reading = self._read(row)
        prior = parse_prior(row.hidden.get("prior", ""))
        said = bool(reading.progress.strip()) or (reading.status is not None and reading.status != prior[0]) \
            or (reading.completed is not None and reading.completed != prior[1])
        update, conflict = self._update(source, row, reading, current)
        issues = reading.issues
        rejected = "".join(f"{item.reason}" for item in issues)
        if update is None:
            if issues and not reading.notes:
                return out(REJECTED, rejected, None, issues, said)
            reason = "".join(reading.notes) + rejected or "没有填写新的进展。"
            return out(UNCHANGED, reason, None, issues, said)
        conflicts = self._conflicts(row) + conflict
        if conflicts:
            reason = "".join(conflicts) + "这一行没有导入，请核对后决定是否采用。"
            return out(CONFLICT, reason, update, issues, said)
        kept = "其余内容已导入。" if issues else ""
        return out(APPLIED, "".join(reading.notes) + rejected + kept, update, issues, said)

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

    def _read(self, row: ReturnedRow) -> _Reading:
        """Each editable field on its own: a value that cannot be read rejects only that field."""
        reading = _Reading(row.progress)
        for key in row.formulas:
            reading.issues.append(FieldIssue(FIELD_LABELS.get(key, key),
                                             NO_CACHED_VALUE.format(field=FIELD_LABELS.get(key, key))))
            if key == "completed":
                reading.date_rejected = True
        if "status" not in row.formulas:
            try:
                found = read_status(row.status)
            except InvalidValue as error:
                if _looks_like_prose(row.status):
                    self._as_progress(reading, "完成状态", str(row.status))
                else:
                    reading.issues.append(FieldIssue("完成状态", f"{error}该项未导入。"))
            else:
                if found is not None:
                    reading.status = str(found.value)
                    if found.note:
                        reading.notes.append(found.note)
        if "completed" not in row.formulas:
            try:
                day = read_completed(row.completed, self.today, self.year)
            except InvalidValue as error:
                reading.date_rejected = True
                if _looks_like_prose(row.completed):
                    self._as_progress(reading, "完成时间", str(row.completed))
                else:
                    reading.issues.append(FieldIssue("完成时间", f"{error}该项未导入。"))
            else:
                if day is not None:
                    reading.completed = day.value  # type: ignore[assignment]
                    if day.note:
                        reading.notes.append(day.note)
        return reading

    @staticmethod
    def _as_progress(reading: _Reading, column: str, text: str) -> None:
        typed = clean_text(text).strip()
        before = reading.progress.strip()
        reading.progress = f"{before}\n{typed}" if before else typed
        reading.notes.append(f"“{column}”列中填写的是文字说明，已作为进展情况导入。")

    def _update(self, source: str, row: ReturnedRow, reading: _Reading,
                current: Assignment) -> tuple[Update | None, list[str]]:
        """The assignment's new state, or None when the row says nothing new; plus conflicts.

        A state the unit changed (from the state at export) is applied only when the assignment is
        still in that state; otherwise something newer (a later return, the clerk) changed it since
        the export and the row is a conflict, never an overwrite.
        """
        notes = reading.notes
        status, completed = reading.status, reading.completed
        prior_status, prior_date = parse_prior(row.hidden.get("prior", ""))
        new_status = current.status
        status_reported = status is not None and status != prior_status
        if status_reported:
            new_status = str(status)
        new_date = current.completed_on if new_status == DONE else None
        date_reported = completed is not None and (completed != prior_date or status_reported)
        if new_status == DONE and completed is not None and date_reported:
            new_date = completed
        if new_status == DONE and new_date is None:
            new_date = self.fallback_done
            why = "完成时间无法识别" if reading.date_rejected else "标为“已完成”但没有填写完成时间"
            notes.append(f"{why}，完成时间按反馈表的保存日期记为 {new_date.isoformat()}。")
        if completed is not None and status is not None and status != DONE:
            notes.append("完成时间只在完成状态为“已完成”时记录，已忽略。")
        entry = self._entry(source, reading, current)
        state_changed = (new_status, new_date) != (current.status, current.completed_on)
        if entry is None and not state_changed:
            if reading.progress.strip():
                notes.insert(0, "这条进展已经导入过。")
            return None, []
        assert current.id is not None
        update = Update(current.id, new_status, new_date, entry)
        conflict: list[str] = []
        reported = status_reported or (date_reported and new_status == DONE)
        moved = (current.status, current.completed_on) != (prior_status, prior_date)
        if state_changed and reported and moved:
            was = STATUS_LABELS.get(prior_status, prior_status or "未知")
            now = STATUS_LABELS.get(current.status, current.status)
            if current.completed_on is not None and current.status == DONE:
                now += f"（{current.completed_on.isoformat()}）"
            conflict.append(f"导出这份反馈表时状态为“{was}”，现在已是“{now}”（有更新的反馈或手工修改），"
                            f"反馈表中的“{STATUS_LABELS.get(new_status, new_status)}”不会自动覆盖。")
        return update, conflict

    def _entry(self, source: str, reading: _Reading, current: Assignment) -> ProgressEntry | None:
        key = normalise_space(clean_text(reading.progress))
        if not key or any(normalise_space(item.text) == key for item in current.progress):
            return None
        try:
            return progress_entry(self.today, reading.progress, self.identity.unit, "imported", (), source)
        except TrackingError as error:
            reading.issues.append(FieldIssue("进展情况", f"{error}该项未导入。"))
            return None


def check_rows(plan: Plan, identity: Identity, secret: bytes, workbook: ReturnedWorkbook,
               assignments: Mapping[int, Assignment], today: date, *, year: int | None = None,
               covered: Mapping[int, str] | None = None) -> list[RowOutcome]:
    """Every non-blank row of ``workbook`` checked (see the module doc); nothing is changed."""
    saved = workbook.saved_at.date() if workbook.saved_at is not None else None
    return RowChecker(plan, identity, secret, assignments, today, year=year, fallback_done=saved,
                      covered=covered).check(workbook)


def counts(outcomes: Sequence[RowOutcome]) -> dict[str, int]:
    """How many rows ended in each outcome (all four keys present)."""
    totals = dict.fromkeys(OUTCOMES, 0)
    for item in outcomes:
        totals[item.outcome] += 1
    return totals

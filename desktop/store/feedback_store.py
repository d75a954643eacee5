"""Unit feedback in the workspace: preparing units' sheets and importing returned workbooks.

Identity. A returned workbook names its plan by the plan's id and a *plan key*, sha256 of the id
and the plan row's ``created_at`` (never changed, unique to that row): a plan deleted and added
again, a copy of the plan or a plan with the same id in another workspace has another key. Rows
and the sheet are signed with an HMAC keyed by a random secret kept in the ``meta`` table
(``feedback_secret``, created at the first export), so a workbook from another workspace or one
whose hidden fields were edited is recognised (see :mod:`desktop.core.feedback`). No schema change
is needed for either.

Import. :func:`import_feedback` checks every workbook (one plan loaded and synced once however
many files name it), then writes all applied rows of all files in ONE transaction and returns
the per-file and per-row results with the :class:`~desktop.store.changes.OpChanges` of that step
(``changes``), which ``Workspace.revert`` takes back exactly (and whose revert redoes it): the
assignments' states, the progress entries, the units' returns recorded in the reporting round (so a
unit goes back to 未报送 or to its earlier return) and a round the import had to open.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from sqlite_utils import Database

from desktop.core.deadlines import plan_year
from desktop.core.feedback import FeedbackError, FeedbackSheet, Identity, build_sheet, read_identity
from desktop.core.feedback_check import (
    APPLIED,
    OUTCOMES,
    REJECTED,
    SUPERSEDED,
    FieldIssue,
    ReturnedWorkbook,
    RowOutcome,
    Update,
    check_rows,
    counts,
)
from desktop.core.model import Plan, PlanError
from desktop.core.tracking import Assignment
from desktop.core.tracking_rounds import Rejection, ReturnRecord, Round
from desktop.core.unit_text import normalise_name
from desktop.core.units import UnitDirectory
from desktop.store.boundary import store_call, translate
from desktop.store.changes import AssignmentState, DropReturns, DropRound, OpChanges, Step
from desktop.store.connection import transaction
from desktop.store.errors import StoreError
from desktop.store.feedback_last import remember
from desktop.store.feedback_undo import apply_changes, apply_updates
from desktop.store.rounds import current_round, ensure_round, get_round, round_returns, write_returns
from desktop.store.rows import now_text, read_plan, stored_revision
from desktop.store.sync_mark import is_synced
from desktop.store.tracking_store import Db, load_unit, sync_plan
from desktop.store.unit_edits import read_units

SECRET_KEY = "feedback_secret"
NO_UNIT = "计划中没有单位“{unit}”的任务。"


def _database(db: Db) -> Database:
    return db if isinstance(db, Database) else Database(db, execute_plugins=False)


@store_call("读取计划")
def plan_key(db: Db, plan_id: int) -> str | None:
    """The plan's key (see the module doc); None when the workspace has no such plan (or it is in the
    recycle bin: its returned workbooks are refused until it is restored)."""
    row = _database(db).conn.execute("SELECT created_at FROM plans WHERE id = ? AND deleted_at IS NULL",
                                     (plan_id,)).fetchone()
    if row is None:
        return None
    return hashlib.sha256(f"fenjie-plan|{plan_id}|{row[0]}".encode()).hexdigest()[:24]


@store_call("读取反馈表签名密钥")
def feedback_secret(db: Db, *, create: bool = False) -> bytes | None:
    """The workspace's signing secret; made (in its own transaction) when missing and ``create``."""
    database = _database(db)
    query = "SELECT value FROM meta WHERE key = ?"
    row = database.conn.execute(query, (SECRET_KEY,)).fetchone()
    if row is None and create:
        with transaction(database):
            database.conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                                  (SECRET_KEY, secrets.token_hex(32)))
            row = database.conn.execute(query, (SECRET_KEY,)).fetchone()
    return None if row is None else bytes.fromhex(row[0])


def _by_unit(assignments: Iterable[Assignment]) -> dict[str, list[Assignment]]:
    """Active assignments grouped by unit key, units in the order of their first row in the plan."""
    groups: dict[str, list[Assignment]] = {}
    for item in assignments:
        if item.active:
            groups.setdefault(normalise_name(item.unit), []).append(item)
    return groups


@store_call("生成反馈表")
def feedback_sheets(db: Db, plan: Plan, units: Sequence[str] | None = None, *,
                    directory: UnitDirectory | None = None,
                    now: datetime | None = None, round_: Round | None = None) -> list[FeedbackSheet]:
    """The sheets to send: one per unit named (every unit of the plan when ``units`` is None).

    Brings the assignments in line with the plan first (:func:`sync_plan`). A unit the plan does
    not assign anything is a :class:`StoreError`. The sheets carry ``round_``, else the plan's
    open reporting round, which is opened (named after this month) when there is none.
    """
    if plan.id is None:
        raise StoreError("这个计划还没有保存到工作区。")
    database = _database(db)
    directory = directory if directory is not None else read_units(database)
    secret = feedback_secret(database, create=True)
    key = plan_key(database, plan.id)
    if secret is None or key is None:
        raise StoreError(f"工作区中没有编号为 {plan.id} 的计划。")
    reconciled = sync_plan(database, plan, directory)
    order = {leaf.id: index for index, leaf in enumerate(plan.leaves())}
    active = sorted((item for item in reconciled.assignments if item.active),
                    key=lambda item: (order.get(item.task_id, len(order)), item.role != "lead"))
    groups = _by_unit(active)
    if units is None:
        chosen = list(groups)
    else:
        chosen = []
        for name in units:
            known = directory.find(name)
            unit_key = normalise_name(known.name if known is not None else name)
            if unit_key not in groups:
                raise StoreError(NO_UNIT.format(unit=name.strip()))
            chosen.append(unit_key)
    moment = now or datetime.now(UTC)
    stamp = moment.isoformat(timespec="seconds")
    if round_ is None:
        round_ = ensure_round(database, plan.id, moment.date())
    elif not round_.open or round_.plan_id != plan.id:
        raise StoreError(f"报送轮次“{round_.name}”已结束或不属于这个计划，不能再为它导出反馈表。")
    return [build_sheet(plan, key, secret, groups[unit_key][0].unit, groups[unit_key], stamp,
                        round_.id, round_.name)
            for unit_key in dict.fromkeys(chosen)]


# ----- importing ------------------------------------------------------------------------------
@dataclass(frozen=True)
class FileOutcome:
    """One returned file: the plan and unit it belongs to and its rows, or why it was not read."""

    source: str
    plan_id: int | None = None
    plan_title: str = ""
    unit: str = ""
    error: str = ""
    rows: tuple[RowOutcome, ...] = ()
    saved_at: str = ""  # the workbook's own saved time (ISO), when it has one
    notes: tuple[str, ...] = ()  # e.g. which file of the same unit superseded this one
    round_name: str = ""  # the reporting round it was imported into
    record: ReturnRecord | None = None  # what the round keeps of this return

    @property
    def issues(self) -> list[tuple[RowOutcome, FieldIssue]]:
        """Every field left out of an imported row, with its row."""
        return [(row, issue) for row in self.rows for issue in row.issues]


@dataclass(frozen=True)
class FeedbackImport:
    """The result of one import: per file and per row, and what it changed (with how to undo it)."""

    files: tuple[FileOutcome, ...]
    changes: OpChanges = field(default_factory=lambda: OpChanges("导入反馈表"))

    @property
    def rows(self) -> list[RowOutcome]:
        return [row for item in self.files for row in item.rows]

    def counts(self) -> dict[str, int]:
        return counts(self.rows)

    @property
    def failed(self) -> list[FileOutcome]:
        return [item for item in self.files if item.error]


class _ByUnit(dict[str, dict[int, Assignment]]):
    """A synced plan's active assignments by unit key and task, each unit read when first asked
    for: an import of one unit's file reads that unit's rows, not the plan's."""

    def __init__(self, database: Database, plan_id: int) -> None:
        super().__init__()
        self._database, self._plan_id = database, plan_id

    def __missing__(self, unit_key: str) -> dict[int, Assignment]:
        found = {item.task_id: item for item in load_unit(self._database, self._plan_id, unit_key)}
        self[unit_key] = found
        return found

    def get(self, unit_key: str, default: object = None) -> dict[int, Assignment] | None:  # type: ignore[override]
        return self[unit_key] or None

    def __contains__(self, unit_key: object) -> bool:
        return isinstance(unit_key, str) and bool(self[unit_key])


class _PlanState:
    """One plan during an import: the plan, its key and the assignments as the import changes them.

    ``shown`` is the caller's copy of the plan (the window's), used when it is the stored revision
    instead of reading the plan again; a plan whose assignments are in line with it (its sync mark
    matches) has its units' assignments read one unit at a time (:class:`_ByUnit`).
    """

    def __init__(self, database: Database, plan_id: int, directory: UnitDirectory,
                 shown: Plan | None = None) -> None:
        fresh = shown is not None and shown.id == plan_id and shown.revision == stored_revision(database,
                                                                                              plan_id)
        self.plan = shown if fresh and shown is not None else read_plan(database, plan_id)
        self.key = plan_key(database, plan_id)
        self.year = plan_year(self.plan.fields)
        self.covered: dict[str, dict[int, str]] = {}  # unit key → task id → newer file reporting it
        self.units: dict[str, dict[int, Assignment]]
        if is_synced(database.conn, plan_id, self.plan.revision, directory):
            self.units = _ByUnit(database, plan_id)
        else:
            reconciled = sync_plan(database, self.plan, directory)
            self.units = {unit_key: {item.task_id: item for item in items}
                          for unit_key, items in _by_unit(reconciled.assignments).items()}

    def record(self, unit_key: str, task_id: int, update: Update) -> None:
        item = self.units[unit_key][task_id]
        log = item.progress if update.entry is None else (*item.progress, update.entry)
        self.units[unit_key][task_id] = replace(item, status=update.status,
                                                completed_on=update.completed_on, progress=log)


def _round_of(database: Database, identity: Identity, today: date) -> Round:
    """The open round a return goes into: its own (refused when closed or unknown), else the open one."""
    if identity.round_id is None:
        return ensure_round(database, identity.plan_id, today)
    found = get_round(database, identity.round_id)
    if found is None or found.plan_id != identity.plan_id:
        raise FeedbackError(f"这份反馈表所属的报送轮次“{identity.round_name}”在工作区中已不存在，未导入。")
    if not found.open:
        current = current_round(database, identity.plan_id)
        now = f"（当前轮次为“{current.name}”）" if current is not None else ""
        raise FeedbackError(f"这份反馈表属于已结束的报送轮次“{found.name}”{now}，未导入；"
                            "请向该单位发送本轮的反馈表。")
    return found


def _record(round_: Round, unit: str, workbook: ReturnedWorkbook, outcomes: Sequence[RowOutcome],
            error: str = "") -> ReturnRecord:
    rejected = [Rejection("", "", error)] if error else []
    for row in outcomes:
        if row.outcome == REJECTED:
            rejected.append(Rejection(row.seq, "", row.reason))
        rejected.extend(Rejection(row.seq, issue.field, issue.reason) for issue in row.issues
                        if row.outcome != REJECTED)
    saved = workbook.saved_at.isoformat(timespec="seconds") if workbook.saved_at is not None else None
    return ReturnRecord(round_.id, unit, workbook.source, saved, now_text(), len(outcomes), tuple(rejected))


def _check_file(database: Database, workbook: ReturnedWorkbook, secret: bytes | None,
                plans: dict[int, _PlanState], directory: UnitDirectory, today: date,
                shown: Mapping[int, Plan]) -> FileOutcome:
    round_: Round | None = None
    try:
        identity = read_identity(workbook.meta, secret)
        assert secret is not None
        if identity.plan_id not in plans:
            if plan_key(database, identity.plan_id) != identity.plan_key:
                raise FeedbackError(f"这份反馈表属于计划“{identity.plan_title}”，工作区中已没有这个计划"
                                    "（可能已删除或来自另一个工作区），未导入。")
            plans[identity.plan_id] = _PlanState(database, identity.plan_id, directory,
                                                 shown.get(identity.plan_id))
        state = plans[identity.plan_id]
        if state.key != identity.plan_key:
            raise FeedbackError("这份反馈表属于另一个计划，未导入。")
        unit_key = normalise_name(identity.unit)
        known = directory.find(identity.unit)
        if unit_key not in state.units and known is not None:  # merged since: the old name is an alias
            unit_key = normalise_name(known.name)
        round_ = _round_of(database, identity, today)
        mine = state.units.get(unit_key)
        if not mine:
            raise FeedbackError(NO_UNIT.format(unit=identity.unit) + "这份反馈表未导入。")
    except PlanError as error:
        if round_ is None:
            return FileOutcome(workbook.source, error=str(error))
        record = _record(round_, identity.unit, workbook, (), str(error))
        return FileOutcome(workbook.source, identity.plan_id, state.plan.title, identity.unit, str(error),
                           round_name=round_.name, record=record)
    covered = state.covered.setdefault(unit_key, {})
    outcomes = check_rows(state.plan, identity, secret, workbook, mine, today, year=state.year,
                          covered=covered)
    superseded: dict[str, int] = {}
    for outcome in outcomes:
        if outcome.outcome == APPLIED and outcome.update is not None and outcome.task_id is not None:
            state.record(unit_key, outcome.task_id, outcome.update)
        newer = covered.get(outcome.task_id) if outcome.task_id is not None else None
        if newer is not None and outcome.reason == SUPERSEDED.format(newer=newer):
            superseded[newer] = superseded.get(newer, 0) + 1
    for outcome in outcomes:
        if outcome.reported and outcome.task_id is not None and outcome.outcome != REJECTED:
            covered.setdefault(outcome.task_id, workbook.source)
    saved = _saved_text(workbook)
    notes = tuple(f"同一单位（{identity.unit}）交回了多份反馈表：这份（保存于 {saved or '未知时间'}）较早，"
                  f"其中 {count} 行以较新的“{newer}”为准。" for newer, count in superseded.items())
    record = _record(round_, identity.unit, workbook, outcomes)
    return FileOutcome(workbook.source, identity.plan_id, state.plan.title, identity.unit, "",
                       tuple(outcomes), saved, notes, round_.name, record)


def _saved_text(workbook: ReturnedWorkbook) -> str:
    if workbook.saved_at is None:
        return ""
    stamp = workbook.saved_at
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone().replace(tzinfo=None)
    return stamp.isoformat(sep=" ", timespec="minutes")


def _newest_first(workbooks: Sequence[ReturnedWorkbook]) -> list[int]:
    """Indexes of ``workbooks`` in the order they are checked: newest saved time first, so that of
    two returns of one unit the newer wins row by row (a file without a saved time counts as oldest;
    ties keep the given order)."""
    def key(index: int) -> tuple[int, float]:
        saved = workbooks[index].saved_at
        if saved is None:
            return (1, 0.0)
        stamp = saved if saved.tzinfo is not None else saved.replace(tzinfo=UTC)
        return (0, -stamp.timestamp())

    return sorted(range(len(workbooks)), key=key)


def _new_returns(database: Database, files: Sequence[FileOutcome]) -> list[ReturnRecord]:
    """The returns to record: a file already recorded in its round (same unit, name, saved time and
    result), imported again, is not a new return."""
    out: list[ReturnRecord] = []
    seen: set[tuple[object, ...]] = set()
    for item in files:
        record = item.record
        if record is None:
            continue
        key = (record.round_id, normalise_name(record.unit), record.source, record.saved_at, record.rejected)
        known = {(r.round_id, normalise_name(r.unit), r.source, r.saved_at, r.rejected)
                 for r in round_returns(database, record.round_id)}
        if key in seen or key in known:
            continue
        seen.add(key)
        out.append(record)
    return out


def _opened_rounds(database: Database, last_round: int) -> list[Round]:
    """The rounds opened during this import (for returns whose workbook named no round)."""
    return [Round(*row) for row in database.conn.execute(
        "SELECT id, plan_id, name, opened_at, closed_at FROM report_rounds WHERE id > ? ORDER BY id",
        (last_round,))]


def _with_returns(changes: OpChanges, written: Sequence[ReturnRecord], opened: Sequence[Round]) -> OpChanges:
    """The import's record: undoing it also deletes the returns it recorded (each unit's state in
    the round goes back: 未报送, or its earlier return) and the rounds it opened, after the rows."""
    steps: list[Step] = list(changes.undo)
    if written:
        steps.append(DropReturns(tuple(written)))
    steps.extend(DropRound(found) for found in opened)
    return replace(changes, undo=tuple(steps), tracking=bool(steps))


@store_call("导入反馈表")
def import_feedback(db: Db, workbooks: Sequence[ReturnedWorkbook], today: date, *,
                    directory: UnitDirectory | None = None,
                    unreadable: Sequence[tuple[str, str]] = (),
                    remember_as: str | None = None,
                    shown_plans: Mapping[int, Plan] | None = None) -> FeedbackImport:
    """Check the returned workbooks and apply every ``applied`` row, all in one transaction.

    ``unreadable`` lists (file, reason) of files that could not be read at all; they are reported
    in the result, in order before the others, and change nothing. With ``remember_as`` (a label)
    the import's undo record is kept in the workspace, in the same transaction, for
    ``fenjie feedback undo`` (:mod:`desktop.store.feedback_last`). ``shown_plans``: plans
    the caller holds (the window's), used instead of reading them again while still current.
    """
    database = _database(db)
    secret = feedback_secret(database)
    files = [FileOutcome(source, error=reason) for source, reason in unreadable]
    plans_shown: Mapping[int, Plan] = shown_plans or {}
    try:
        with transaction(database):
            directory = directory if directory is not None else read_units(database)
            (last_round,) = database.conn.execute("SELECT COALESCE(MAX(id), 0) FROM report_rounds").fetchone()
            plans: dict[int, _PlanState] = {}
            checked: dict[int, FileOutcome] = {}
            for index in _newest_first(workbooks):
                checked[index] = _check_file(database, workbooks[index], secret, plans, directory, today,
                                             plans_shown)
            files.extend(checked[index] for index in range(len(workbooks)))
            updates = [row.update for item in files for row in item.rows
                       if row.outcome == APPLIED and row.update is not None]
            plan_ids = [item.plan_id for item in files if item.plan_id is not None]
            label = f"导入反馈表（{len(files)} 个文件）"
            changes = apply_changes(database.conn, updates, label, plan_ids[0] if plan_ids else None)
            changes = _with_returns(changes, write_returns(database, _new_returns(database, files)),
                                    _opened_rounds(database, last_round))
            if remember_as is not None and not changes.empty:
                remember(database, changes, remember_as)
    except sqlite3.Error as error:
        raise translate("导入反馈表", error) from error
    return FeedbackImport(tuple(files), changes)


__all__ = [
    "OUTCOMES", "AssignmentState", "FeedbackImport", "FileOutcome", "apply_updates",
    "feedback_secret", "feedback_sheets", "import_feedback", "plan_key",
]  # AssignmentState comes from changes, apply_updates from feedback_undo

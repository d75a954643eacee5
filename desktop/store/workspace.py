"""The workspace: one SQLite file holding the clerk's plans and units directory.

Every edit is committed as it happens: :meth:`Workspace.apply` applies a core operation to the
plan in memory and stores exactly what the plan's journal reports, in one transaction, before it
returns — there is no "Save", and a crash loses nothing that had returned. If storing fails, the
plan in memory is put back as it was and the error is raised, so memory and file never disagree.

Plans loaded from (or added to) the workspace are remembered weakly, so that a directory-wide
edit such as :meth:`Workspace.rename_unit` also updates the copies the GUI is showing.

Every call that changes something returns an :class:`~desktop.store.changes.OpChanges`: what it
changed and the steps that take it back exactly; :meth:`Workspace.revert` runs them (one
transaction) and returns the record that redoes them — the one undo path for plan edits, the
units directory, the plan list and tracking. Deleting a plan moves it to the recycle bin
(:meth:`Workspace.delete_plan`); only :meth:`Workspace.purge_plan` deletes it for good.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from desktop.core.limits import check_changes, check_plan
from desktop.core.model import Plan
from desktop.core.operations import Operation
from desktop.core.units import UnitDirectory
from desktop.store import catalog, revert, snapshots, unit_edits, unit_merge
from desktop.store.backups import backup_if_due, damaged_message, read_only_message
from desktop.store.boundary import busy_error, is_busy, translate, unstorable
from desktop.store.catalog import PlanSummary
from desktop.store.changes import (
    AddUnit,
    ArchivePlan,
    BinPlan,
    EditPlan,
    OpChanges,
    OrderUnits,
    PlanChanges,
    PutUnit,
    RemoveUnit,
    Step,
)
from desktop.store.connection import (
    BUSY_TIMEOUT_MS,
    connect,
    enable_wal,
    open_read_only,
    transaction,
    writable,
)
from desktop.store.creation import Seed, create_database
from desktop.store.errors import StoreError
from desktop.store.guard import FileState, check_marker, inspect_file
from desktop.store.migrations import CURRENT_VERSION, check_version, migrate, schema_version
from desktop.store.paths import resolve_db_path
from desktop.store.rows import insert_plan, now_text, read_plan, stored_revision, write_changes
from desktop.store.snapshots import SnapshotData, SnapshotInfo
from desktop.store.unit_edits import Done
from desktop.store.unit_seed import seed_default_units

__all__ = ["OpChanges", "PlanSummary", "Workspace"]


Sample = Callable[[], Plan]  # reads the plan a new workspace starts with (the app's bundled sample)


def _seed(sample: Sample | None, units: bool) -> Seed | None:
    """What a new workspace starts with: the shipped units directory and/or the sample plan."""
    if sample is None and not units:
        return None

    def seed(db: Database) -> None:
        if units:
            seed_default_units(db)
        if sample is not None:
            insert_plan(db, sample(), now_text())

    return seed


def _unreadable(path: Path, error: sqlite3.Error) -> StoreError:
    detail = str(error).rstrip(".")
    return StoreError(f"工作区数据库“{path}”已损坏或无法读取（{detail}），请从备份恢复或换一个文件。")


class Workspace:
    """An open workspace database. Use :meth:`open`; close it with :meth:`close` (or ``with``)."""

    def __init__(self, db: Database, path: Path, read_only: str | None = None) -> None:
        self.db = db
        self.path = path
        # why the workspace may only be read (read-only media, a failed integrity check), or None
        self.read_only = read_only
        self._live: weakref.WeakValueDictionary[int, Plan] = weakref.WeakValueDictionary()

    # ----- opening and closing -------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None, *, sample: Sample | None = None,
             seed_units: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Workspace:
        """Open (creating, and for a new one seeding with the sample plan) the workspace database.

        A new workspace starts with the plan ``sample`` reads (the app and the CLI hand in the
        bundled sample, ``desktop.formats.sample``: the store does not read plan files) and the
        shipped units directory, resources/units/default-units.json (``seed_units``).

        ``path`` wins over ``$FENJIE_DB``, which wins over the user's data folder. A file that is
        not a Fenjie database, or one from a newer Fenjie, is refused with :class:`StoreError`
        and left unchanged; an older one is backed up and migrated. ``busy_timeout_ms`` is how
        long a write waits for another program's lock before :class:`StoreBusy` (the GUI: short).
        """
        target = resolve_db_path(path)
        if inspect_file(target) is not FileState.FENJIE:
            try:
                create_database(target, _seed(sample, seed_units))
            except sqlite3.Error as error:
                raise StoreError(f"无法创建工作区数据库“{target}”：{error}。") from None
        elif not writable(target):  # read-only media: no journal or -shm file can be made there
            return cls._read_only(target)
        try:
            db = connect(target, busy_timeout_ms)
        except sqlite3.DatabaseError as error:
            raise _unreadable(target, error) from None
        try:
            check_marker(db, target)
            check_version(db)
            enable_wal(db)
            migrate(db, target)
        except sqlite3.DatabaseError as error:
            db.close()
            if is_busy(error):
                raise busy_error("打开工作区") from None
            raise _unreadable(target, error) from None
        except BaseException:
            db.close()
            raise
        return cls._checked(db, target)

    @classmethod
    def _read_only(cls, target: Path) -> Workspace:
        """The workspace on read-only media, opened only for reading (it cannot be upgraded there)."""
        try:
            db = open_read_only(target)
            check_marker(db, target)
            if check_version(db) != CURRENT_VERSION:
                db.close()
                raise StoreError(f"工作区“{target}”需要升级到新版本，但它位于只读的位置；"
                                 "请把它复制到可写的文件夹后再打开。")
        except sqlite3.DatabaseError as error:
            raise _unreadable(target, error) from None
        return cls(db, target, read_only_message(target))

    @classmethod
    def _checked(cls, db: Database, target: Path) -> Workspace:
        """The opened workspace after ``quick_check``: a damaged file is only read, a sound one backed up."""
        try:
            problems = [str(row[0]) for row in db.conn.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError:
            problems = ["unreadable"]
        if problems != ["ok"]:
            with db.ensure_autocommit_on():
                db.conn.execute("PRAGMA query_only = ON")  # tracking and feedback writes too
            return cls(db, target, damaged_message(target))
        backup_if_due(db, target)
        return cls(db, target)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.db)

    def integrity_check(self) -> list[str]:
        """SQLite's integrity and foreign-key checks: ``["ok"]`` when the file is sound."""
        with self._guard("检查数据库"):
            problems = [row[0] for row in self.db.conn.execute("PRAGMA integrity_check")]
            orphans = self.db.conn.execute("PRAGMA foreign_key_check").fetchall()
        if orphans:
            problems = [p for p in problems if p != "ok"] + [f"外键不一致：{row}" for row in orphans]
        return problems

    @contextmanager
    def _guard(self, action: str, *, write: bool = False) -> Iterator[Database]:
        """Turn SQLite errors into one plain sentence; with ``write``, run in one transaction.

        A read-only workspace refuses every write here, with the reason it is read-only.
        """
        if write and self.read_only:
            raise StoreError(f"{action}没有完成：{self.read_only}")
        try:
            if write:
                with transaction(self.db):
                    yield self.db
            else:
                yield self.db
        except sqlite3.Error as error:
            raise translate(action, error) from error
        except UnicodeEncodeError as error:
            raise unstorable(action) from error

    # ----- plans ---------------------------------------------------------------------------
    def list_plans(self, *, include_archived: bool = True) -> list[PlanSummary]:
        """Every live plan (id, title, year, leaf count, last change, archived) in id order, archived last.

        Plans in the recycle bin are not listed (see :meth:`deleted_plans`).
        """
        with self._guard("读取计划列表") as db:
            return catalog.summaries(db, include_archived)

    def live_plan_ids(self) -> list[tuple[int, bool]]:
        """(id, archived) of every live plan, in the order of :meth:`list_plans` (rows not counted)."""
        with self._guard("读取计划列表") as db:
            return catalog.live_ids(db)

    def add_plan(self, plan: Plan, label: str = "添加计划") -> OpChanges:
        """Store the plan as a new one (one transaction); sets ``plan.id`` (also the record's ``plan_id``).

        Undoing it moves the plan to the recycle bin: an undo never destroys anything. A plan above
        the limits of :mod:`desktop.core.limits` is refused with one sentence.
        """
        check_plan(plan)
        with self._guard("保存计划", write=True) as db:
            plan_id = insert_plan(db, plan, now_text())
        if plan.id is not None and self._live.get(plan.id) is plan:
            del self._live[plan.id]
        plan.id = plan_id
        plan.revision = 0
        plan.take_journal()
        self._live[plan_id] = plan
        return OpChanges(label, (BinPlan(plan_id, True),), plan_id=plan_id, plan_list=True)

    def load_plan(self, plan_id: int) -> Plan:
        """The stored plan, with its ids and ``plan.id`` set; a plan in the recycle bin is refused."""
        with self._guard("读取计划") as db:
            catalog.check_live(db, plan_id)
            plan = read_plan(db, plan_id)
        self._live[plan_id] = plan
        return plan

    def delete_plan(self, plan_id: int) -> OpChanges:
        """Move the plan to the recycle bin (one transaction); undoing it takes it back.

        Its rows stay as they are, and an open copy is still kept up to date by unit renames.
        """
        with self._guard("删除计划", write=True) as db:
            catalog.delete(db, plan_id)
        return OpChanges("删除计划", (BinPlan(plan_id, False),), plan_id=plan_id, plan_list=True)

    def restore_plan(self, plan_id: int) -> OpChanges:
        """Take the plan out of the recycle bin."""
        with self._guard("恢复计划", write=True) as db:
            catalog.restore(db, plan_id)
        return OpChanges("恢复计划", (BinPlan(plan_id, True),), plan_id=plan_id, plan_list=True)

    def deleted_plans(self) -> list[PlanSummary]:
        """The plans in the recycle bin (``deleted_at`` set), the most recently deleted first."""
        with self._guard("读取回收站") as db:
            return catalog.deleted_summaries(db)

    def purge_plan(self, plan_id: int) -> OpChanges:
        """Delete a plan in the recycle bin for good, with its tasks and tracking rows; cannot be undone."""
        with self._guard("彻底删除计划", write=True) as db:
            catalog.purge(db, plan_id)
        self._live.pop(plan_id, None)
        return OpChanges("彻底删除计划", (), plan_id=plan_id, plan_list=True)

    def duplicate_plan(self, plan_id: int, title: str | None = None) -> OpChanges:
        """A copy of the plan titled ``title`` or “原标题（副本）”; the record's ``plan_id`` is the copy's."""
        with self._guard("复制计划", write=True) as db:
            copy_id = catalog.duplicate(db, plan_id, title)
        return OpChanges("复制计划", (BinPlan(copy_id, True),), plan_id=copy_id, plan_list=True)

    def set_archived(self, plan_id: int, archived: bool) -> OpChanges:
        with self._guard("归档计划", write=True) as db:
            (was,) = db.conn.execute("SELECT archived FROM plans WHERE id = ?", (plan_id,)).fetchone() or (0,)
            catalog.set_archived(db, plan_id, archived)
        label = "归档计划" if archived else "取消归档"
        return OpChanges(label, (ArchivePlan(plan_id, bool(was)),), plan_id=plan_id, plan_list=True)

    def find_plan(self, id_or_title: str) -> int:
        """The plan with this id, else the one plan with exactly this title; a plain error otherwise."""
        with self._guard("查找计划") as db:
            return catalog.find(db, id_or_title)

    # ----- other writers --------------------------------------------------------------------
    def data_version(self) -> int:
        """A number that changes whenever another connection (window, CLI, machine) commits."""
        with self._guard("检查工作区"):
            return int(self.db.conn.execute("PRAGMA data_version").fetchone()[0])

    def plan_revision(self, plan_id: int) -> int | None:
        """The stored plan's revision (None: no such plan); compare with ``plan.revision``."""
        with self._guard("读取计划"):
            return stored_revision(self.db, plan_id)

    def changed_tasks(self, plan_id: int, since: int) -> set[int]:
        """Ids of the plan's task rows written after revision ``since`` (by any writer)."""
        with self._guard("读取计划") as db:
            rows = db.conn.execute("SELECT id FROM tasks WHERE plan_id = ? AND revision > ?",
                                   (plan_id, since))
            return {int(row[0]) for row in rows}

    # ----- editing -------------------------------------------------------------------------
    def apply(self, plan: Plan, op: Operation) -> OpChanges:
        """Apply the operation and commit what it changed before returning; returns what it changed."""
        if plan.id is None:
            raise StoreError("这个计划还没有保存到工作区，请先添加。")
        with self._guard("保存修改") as db:
            catalog.check_live(db, plan.id)  # a plan in the recycle bin is not edited
        try:
            inverse = op.apply(plan)
        except BaseException:
            self._store_leftovers(plan)
            raise
        changes = plan.take_journal()
        revision = plan.revision
        try:
            check_changes(plan, changes)  # pasting 200,000 rows or a 10 MB text is refused
            with self._guard("保存修改", write=True) as db:
                write_changes(db, plan, changes, now_text())
        except BaseException:
            plan.revision = revision
            inverse.apply(plan)
            plan.take_journal()
            raise
        return OpChanges(op.label, (EditPlan(plan.id, inverse),), plan_id=plan.id,
                         plans=(PlanChanges(plan.id, tuple(changes)),))

    def revert(self, record: OpChanges, plans: Mapping[int, Plan] | None = None) -> OpChanges:
        """Take back exactly what ``record`` changed (one transaction); returns the record that redoes it.

        ``plans`` are the in-memory plans to change (the ones on screen); other plans the record
        touches are taken from those loaded before, else read. A step that no longer fits (its plan
        purged, its unit or progress entry gone) raises a plain error and changes nothing, in the
        file or in the open plans.
        """
        live: Mapping[int, Plan] = ChainMap(dict(plans or {}), dict(self._live))
        known = list({id(plan): plan for plan in live.values()}.values())
        revisions = [(plan, plan.revision) for plan in known]
        done: Done = []
        try:
            with self._guard(f"撤销“{record.label}”", write=True) as db:
                return revert.revert(db, live, record, done)
        except BaseException:
            for plan, revision in revisions:
                plan.revision = revision
            self._put_back(done)
            for plan in known:
                self._store_leftovers(plan)
            raise

    def _store_leftovers(self, plan: Plan) -> None:
        """After a failed operation, store whatever it left changed so file and memory still agree."""
        changes = plan.take_journal()
        if not changes:
            return
        revision = plan.revision
        try:
            with self._guard("保存修改", write=True) as db:
                write_changes(db, plan, changes, now_text())
        except StoreError:
            plan.revision = revision  # the operation's own error is the one to report

    # ----- named snapshots (desktop.formats.snapshots serialises them) ---------------------
    def add_snapshot(self, plan_id: int, name: str, content: str, task_ids: list[int],
                     next_task_id: int) -> SnapshotInfo:
        """Store a snapshot of the plan (its fenjie-plan/1 JSON and task ids) under a unique name."""
        with self._guard("保存快照", write=True) as db:
            return snapshots.insert(db, plan_id, name, content, task_ids, next_task_id, now_text())

    def snapshots(self, plan_id: int) -> list[SnapshotInfo]:
        """The plan's snapshots, oldest first."""
        with self._guard("读取快照列表") as db:
            return snapshots.listing(db, plan_id)

    def snapshot_data(self, snapshot_id: int) -> SnapshotData:
        with self._guard("读取快照") as db:
            return snapshots.read(db, snapshot_id)

    def find_snapshot(self, plan_id: int, name: str) -> SnapshotInfo:
        with self._guard("查找快照") as db:
            return snapshots.find(db, plan_id, name)

    def rename_snapshot(self, snapshot_id: int, name: str) -> SnapshotInfo:
        with self._guard("重命名快照", write=True) as db:
            return snapshots.rename(db, snapshot_id, name)

    def delete_snapshot(self, snapshot_id: int) -> None:
        with self._guard("删除快照", write=True) as db:
            snapshots.delete(db, snapshot_id)

    @staticmethod
    def _put_back(done: Done) -> None:
        """Put the plans a failed transaction changed in memory back as they were."""
        for plan, inverse in reversed(done):
            inverse.apply(plan)
            plan.take_journal()

    # ----- units directory -------------------------------------------------------------------
    def units(self) -> UnitDirectory:
        with self._guard("读取单位名录") as db:
            return unit_edits.read_units(db)

    def add_unit(self, name: str, *, short_name: str = "", aliases: Sequence[str] = (),
                 kind: str | None = None) -> OpChanges:
        """Add a unit at the end of the directory; ``kind`` defaults to a guess from the name."""
        with self._guard("添加单位", write=True) as db:
            unit = unit_edits.add_unit(db, name, short_name, aliases, kind)
        return OpChanges(f"添加单位“{unit.name}”", (RemoveUnit(unit),), units=True)

    def update_unit(self, name: str, *, short_name: str | None = None,
                    aliases: Sequence[str] | None = None, kind: str | None = None) -> OpChanges:
        """Change a unit's short name, aliases or kind; None keeps the current value."""
        with self._guard("修改单位", write=True) as db:
            before = unit_edits.read_units(db).get(name)
            unit_edits.update_unit(db, name, short_name, aliases, kind)
        return OpChanges(f"修改单位“{before.name}”", (PutUnit(before, before.name),), units=True)

    def rename_unit(self, old: str, new: str) -> OpChanges:
        """Rename the unit in the directory and in every plan (one transaction).

        The record's ``plan_ids`` are the plans whose cells changed; undoing it puts back exactly
        the cells the rename changed.
        """
        return self._plan_wide("重命名单位", f"将单位“{old}”改名为“{new}”",
                               lambda db, done: unit_edits.rename_unit(db, self._live, done, old, new))

    def merge_units(self, keep: str, drop: str) -> OpChanges:
        """Replace ``drop`` by ``keep`` everywhere and remove it (its names become aliases of ``keep``).

        One transaction; undoing the record takes the merge back exactly (``.plan_ids``: the plans
        whose cells changed).
        """
        return self._plan_wide("合并单位", f"将单位“{drop}”合并到“{keep}”",
                               lambda db, done: unit_merge.merge_units(db, self._live, done, keep, drop))

    def reorder_units(self, names: Sequence[str]) -> OpChanges:
        with self._guard("调整单位顺序", write=True) as db:
            before = tuple(int(unit.id or 0) for unit in unit_edits.read_units(db))
            unit_edits.reorder_units(db, names)
        return OpChanges("调整单位顺序", (OrderUnits(before),), units=True)

    def delete_unit(self, name: str) -> OpChanges:
        """Remove the unit from the directory; plans keep their text as free text."""
        with self._guard("删除单位", write=True) as db:
            unit = unit_edits.read_units(db).get(name)
            unit_edits.delete_unit(db, name)
        return OpChanges(f"删除单位“{unit.name}”", (AddUnit(unit),), units=True)

    def _plan_wide(self, action: str, label: str,
                   work: Callable[[Database, Done], tuple[Step, ...]]) -> OpChanges:
        """Run a directory edit that also changes plans in one transaction; returns its record.

        If it fails, every plan it changed in memory (listed in ``done``) is put back.
        """
        done: Done = []
        revisions = [(plan, plan.revision) for plan in list(self._live.values())]
        try:
            with self._guard(action, write=True) as db:
                steps = work(db, done)
        except BaseException:
            for plan, revision in revisions:
                plan.revision = revision
            self._put_back(done)
            raise
        changed = tuple(PlanChanges(int(plan.id or 0), ()) for plan, _ in done)
        return OpChanges(label, steps, plans=changed, units=True, tracking=True)

"""Schema versions after 1: ordered steps, each in one transaction, with a backup copy first.

``PRAGMA user_version`` holds the schema version. Opening a database older than
:data:`CURRENT_VERSION` first copies it to ``<db>.v<N>.bak`` with SQLite's online backup API,
then runs each missing step in its own transaction (the step and the new version number commit
together, so a crash leaves the database at the last completed version). A database newer than
this program is refused with a plain sentence and left alone. Steps are frozen once released:
fix a step's mistake with a new step.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from desktop.store.connection import transaction
from desktop.store.errors import StoreError


@dataclass(frozen=True)
class Migration:
    version: int  # the version the database has after this step
    description: str
    run: Callable[[Database], None]


def _to_v2(db: Database) -> None:
    conn = db.conn
    # Task ids are never reused, even after the highest one is deleted and the workspace reopened
    # (progress tracking refers to them): keep each plan's next id.
    conn.execute("ALTER TABLE plans ADD COLUMN next_task_id INTEGER NOT NULL DEFAULT 1")
    conn.execute("UPDATE plans SET next_task_id = "
                 "COALESCE((SELECT MAX(id) FROM tasks WHERE tasks.plan_id = plans.id), 0) + 1")
    # Units are organisations or groups (各街道（镇）, 区政府有关部门单位); v1 did not say which.
    conn.execute("ALTER TABLE units ADD COLUMN kind TEXT NOT NULL DEFAULT 'organisation' "
                 "CHECK (kind IN ('organisation', 'group'))")
    conn.execute("UPDATE units SET kind = 'group' WHERE name LIKE '各%' OR name LIKE '%有关%' "
                 "OR name LIKE '%各部门%' OR name LIKE '%各单位%' OR name LIKE '%相关%'")


_V3_TRACKING = (
    """CREATE TABLE assignments (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        task_id INTEGER NOT NULL,
        unit TEXT NOT NULL,
        unit_key TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('lead', 'units')),
        status TEXT NOT NULL DEFAULT 'not_started'
            CHECK (status IN ('not_started', 'in_progress', 'done', 'ongoing')),
        completed_on TEXT,
        due TEXT,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        updated_at TEXT NOT NULL,
        UNIQUE (plan_id, task_id, unit_key))""",
    "CREATE INDEX assignments_by_unit ON assignments (plan_id, active, unit_key)",
    """CREATE TABLE progress_entries (
        id INTEGER PRIMARY KEY,
        assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
        entry_date TEXT NOT NULL,
        text TEXT NOT NULL,
        reported_by TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'typed' CHECK (source IN ('typed', 'imported')),
        source_file TEXT NOT NULL DEFAULT '',
        attachments TEXT NOT NULL DEFAULT '[]',
        recorded_at TEXT NOT NULL)""",
    "CREATE INDEX progress_by_assignment ON progress_entries (assignment_id, entry_date, id)",
)


def _to_v3(db: Database) -> None:
    # Progress tracking (督办): one assignment per requirement row and unit, with a dated log.
    for statement in _V3_TRACKING:
        db.conn.execute(statement)


def _to_v4(db: Database) -> None:
    # The recycle bin: deleting a plan only stamps it (NULL = live), so the deletion can be undone;
    # purging it from the bin is the real DELETE (cascading to tasks and tracking rows).
    db.conn.execute("ALTER TABLE plans ADD COLUMN deleted_at TEXT")


def _to_v5(db: Database) -> None:
    # Two writers (two windows, the app and the CLI, two machines on a shared folder): every plan
    # and task row carries the plan revision that last wrote it; a write from a copy older than
    # the stored revision is refused instead of silently overwriting the other writer's edits.
    db.conn.execute("ALTER TABLE plans ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    db.conn.execute("ALTER TABLE tasks ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")


_V5_ROUNDS = (
    """CREATE TABLE report_rounds (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        UNIQUE (plan_id, name))""",
    "CREATE UNIQUE INDEX report_rounds_one_open ON report_rounds (plan_id) WHERE closed_at IS NULL",
    """CREATE TABLE round_returns (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES report_rounds (id) ON DELETE CASCADE,
        unit TEXT NOT NULL,
        unit_key TEXT NOT NULL,
        source TEXT NOT NULL,
        saved_at TEXT,
        imported_at TEXT NOT NULL,
        rows INTEGER NOT NULL DEFAULT 0,
        rejected TEXT NOT NULL DEFAULT '[]')""",
    "CREATE INDEX round_returns_by_unit ON round_returns (round_id, unit_key)",
    """CREATE TABLE round_states (
        round_id INTEGER NOT NULL REFERENCES report_rounds (id) ON DELETE CASCADE,
        assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        completed_on TEXT,
        due TEXT,
        PRIMARY KEY (round_id, assignment_id)) WITHOUT ROWID""",
)


def _to_v6(db: Database) -> None:
    # Reporting rounds (报送轮次): each round's returns per unit, and each assignment's state as the
    # round closed (the 上期 of the next round's report).
    for statement in _V5_ROUNDS:
        db.conn.execute(statement)


def _to_v7(db: Database) -> None:
    # Named snapshots of a plan (初稿, 征求意见稿, …): its fenjie-plan/1 JSON, task ids and time.
    db.conn.execute("""CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        content TEXT NOT NULL,
        task_ids TEXT NOT NULL,
        next_task_id INTEGER NOT NULL,
        row_count INTEGER NOT NULL,
        UNIQUE (plan_id, name))""")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, "plans.next_task_id and units.kind", _to_v2),
    Migration(3, "progress tracking: assignments and progress_entries", _to_v3),
    Migration(4, "recycle bin: plans.deleted_at", _to_v4),
    Migration(5, "two writers: plans.revision and tasks.revision", _to_v5),
    Migration(6, "reporting rounds: report_rounds, round_returns, round_states", _to_v6),
    Migration(7, "named snapshots", _to_v7),
)
CURRENT_VERSION = MIGRATIONS[-1].version if MIGRATIONS else 1


def schema_version(db: Database) -> int:
    return int(db.conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(db: Database) -> int:
    """The database's schema version; raises :class:`StoreError` if it is newer than this program."""
    version = schema_version(db)
    if version > CURRENT_VERSION:
        raise StoreError(f"这个工作区由更新版本的 Fenjie 创建（数据库版本 {version}，本程序只支持到版本 "
                         f"{CURRENT_VERSION}），为免损坏没有打开它；请升级 Fenjie 后再打开。")
    if version < 1:
        raise StoreError("工作区数据库没有版本号，可能已损坏，程序没有改动它。")
    return version


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


def backup(db: Database, target: Path) -> None:
    """A consistent copy of the open database at ``target`` (written beside it, then renamed)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    copy = sqlite3.connect(str(partial))
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def migrate(db: Database, path: Path | None, *, make_backup: bool = True,
            steps: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Bring the database to :data:`CURRENT_VERSION` (or through ``steps``); returns the versions reached."""
    version = check_version(db)
    steps = [step for step in steps if step.version > version]
    if not steps:
        return []
    if make_backup and path is not None:
        try:
            backup(db, backup_path(path, version))
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"升级工作区前无法备份数据库：{error}。数据库没有改动。") from None
    done: list[int] = []
    for step in steps:
        with transaction(db):
            step.run(db)
            db.conn.execute(f"PRAGMA user_version = {step.version}")
            db.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            (f"migrated_to_v{step.version}", datetime.now(UTC).isoformat(timespec="seconds")))
        done.append(step.version)
    return done

"""Opening workspace files: creating, upgrading the version 1 fixture, refusing files that are not ours."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.core.units import split_units
from desktop.formats.plan_json import read_plan
from desktop.resources import sample_plan_path
from desktop.store.connection import connect
from desktop.store.errors import StoreError
from desktop.store.migrations import CURRENT_VERSION, MIGRATIONS, Migration, backup_path, migrate
from desktop.store.schema import APPLICATION_ID
from desktop.store.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
V1 = FIXTURES / "workspace-v1.sqlite3"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder(path: Path) -> dict[str, str]:
    """Every file in the folder (and its backups folder) with its hash: nothing written or removed."""
    return {p.relative_to(path).as_posix(): digest(p) for p in sorted(path.rglob("*")) if p.is_file()}


def schema_of(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        conn.close()


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "old.sqlite3"
    shutil.copyfile(V1, target)
    return target


def test_the_v1_fixture_is_small_and_really_version_1(tmp_path: Path) -> None:
    assert V1.stat().st_size < 100_000
    header = V1.read_bytes()[:100]
    assert int.from_bytes(header[60:64], "big") == 1  # user_version
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID
    copy = tmp_path / "look.sqlite3"
    shutil.copyfile(V1, copy)
    columns = {row[1] for row in sqlite3.connect(str(copy)).execute("PRAGMA table_info(plans)")}
    assert "next_task_id" not in columns


def test_opening_the_v1_fixture_backs_it_up_and_migrates(v1_copy: Path) -> None:
    fixture_digest = digest(V1)
    original = digest(v1_copy)
    expected = json.loads((FIXTURES / "workspace-v1.expected.json").read_text(encoding="utf-8"))
    with Workspace.open(v1_copy) as workspace:
        assert workspace.schema_version == CURRENT_VERSION
        plans = workspace.list_plans()
        assert [(p.id, p.leaf_count, p.year) for p in plans] == [(1, 59, 2024)]
        plan = workspace.load_plan(1)
        assert plan.to_dict(with_ids=True) == expected["plan"]
        assert plan.next_id == expected["next_id"]
        units = workspace.units()
        assert [(u.name, u.short_name, list(u.aliases)) for u in units] == \
            [(u["name"], u["short_name"], u["aliases"]) for u in expected["units"]]
        kinds = {u.name: u.kind for u in units}
        assert kinds["各街道（镇）"] == kinds["区政府各部门单位"] == "group"
        assert kinds["区财政局"] == kinds["区政府办公室"] == "organisation"
        assert workspace.integrity_check() == ["ok"]
        assert workspace.db.conn.execute("SELECT value FROM meta WHERE key = 'migrated_to_v2'").fetchone()
        # v5: every plan and task row has a revision, 0 for rows written before revisions existed
        assert plan.revision == 0 == workspace.plan_revision(1)
        assert workspace.db.conn.execute("SELECT DISTINCT revision FROM tasks").fetchall() == [(0,)]

    backup = backup_path(v1_copy, 1)
    assert backup.name == "old.sqlite3.v1.bak"
    conn = sqlite3.connect(str(backup))
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert conn.execute("SELECT count(*) FROM tasks").fetchone() == (81,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert digest(v1_copy) != original
    assert digest(V1) == fixture_digest  # the committed fixture itself is never opened


def test_an_upgraded_database_has_the_same_schema_as_a_new_one(v1_copy: Path, tmp_path: Path) -> None:
    Workspace.open(v1_copy).close()
    fresh = tmp_path / "fresh.sqlite3"
    Workspace.open(fresh, seed_sample=False).close()
    assert schema_of(v1_copy) == schema_of(fresh)


def test_reopening_a_migrated_database_does_not_migrate_again(v1_copy: Path) -> None:
    Workspace.open(v1_copy).close()
    backup = backup_path(v1_copy, 1)
    stamp = backup.stat().st_mtime_ns
    with Workspace.open(v1_copy) as workspace:
        assert workspace.schema_version == CURRENT_VERSION
    assert backup.stat().st_mtime_ns == stamp
    assert not backup_path(v1_copy, CURRENT_VERSION).exists()


def test_edits_work_on_migrated_data(v1_copy: Path) -> None:
    with Workspace.open(v1_copy) as workspace:
        plan = workspace.load_plan(1)
        changed = workspace.rename_unit("区大数据服务中心", "区大数据局").plan_ids
        assert changed == [1]
        tokens = [name for t in plan.tasks() for name in split_units(t.attrs.get("units", ""))]
        assert tokens.count("区大数据局") == 5 and "区大数据服务中心" not in tokens
        # free text that merely contains the old name is kept as written
        assert "区大数据服务中心等有关部门单位" in tokens
    with Workspace.open(v1_copy) as workspace:
        assert workspace.load_plan(1).to_dict(with_ids=True) == plan.to_dict(with_ids=True)


def test_a_failing_migration_step_leaves_the_last_completed_version(v1_copy: Path) -> None:
    def broken(db: Database) -> None:
        db.conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("step 3 failed")

    db = connect(v1_copy)
    try:
        with pytest.raises(sqlite3.OperationalError, match="step 3"):
            migrate(db, v1_copy, steps=(*MIGRATIONS, Migration(CURRENT_VERSION + 1, "broken", broken)))
        assert db.conn.execute("PRAGMA user_version").fetchone() == (CURRENT_VERSION,)
        tables = {row[0] for row in db.conn.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in tables
    finally:
        db.close()


def test_a_newer_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    Workspace.open(path).close()
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.close()
    before = folder(tmp_path)
    with pytest.raises(StoreError, match=rf"更新版本.*{CURRENT_VERSION + 1}.*请升级 Fenjie"):
        Workspace.open(path)
    assert folder(tmp_path) == before


def _foreign_sqlite(path: Path, wal: bool) -> None:
    conn = sqlite3.connect(str(path))
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('别人的数据')")
    conn.commit()
    conn.close()


def _looks_like_fenjie_without_marker(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    conn.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); CREATE TABLE plans (id);")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def _our_id_without_meta(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE something (x)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make", [
    pytest.param(lambda p: _foreign_sqlite(p, wal=False), id="other-sqlite"),
    pytest.param(lambda p: _foreign_sqlite(p, wal=True), id="other-sqlite-wal"),
    pytest.param(_looks_like_fenjie_without_marker, id="fenjie-tables-without-application-id"),
    pytest.param(_our_id_without_meta, id="application-id-without-meta"),
    pytest.param(lambda p: p.write_bytes(os.urandom(8192)), id="random-bytes"),
    pytest.param(lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(50)), id="truncated-header"),
    pytest.param(lambda p: shutil.copyfile(sample_plan_path(), p), id="a-plan-json-file"),
])
def test_a_file_that_is_not_a_fenjie_database_is_refused_unchanged(tmp_path: Path, make) -> None:
    path = tmp_path / "not-ours.sqlite3"
    make(path)
    before = folder(tmp_path)
    with pytest.raises(StoreError, match="不是 Fenjie 工作区数据库"):
        Workspace.open(path)
    assert folder(tmp_path) == before


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="文件夹"):
        Workspace.open(tmp_path)


def test_a_new_workspace_is_created_with_folders_and_the_sample(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "workspace.sqlite3"
    with Workspace.open(path) as workspace:
        assert workspace.schema_version == CURRENT_VERSION
        [summary] = workspace.list_plans()
        assert (summary.id, summary.leaf_count, summary.archived) == (1, 59, False)
        sample = read_plan(sample_plan_path())
        assert workspace.load_plan(1).to_dict(with_ids=True) == sample.to_dict(with_ids=True)
    # the workspace and its first automatic backup (see desktop/store/backups.py)
    assert sorted(p.name for p in path.parent.iterdir()) == \
        ["workspace.sqlite3", "workspace.sqlite3.backups"]


def test_an_empty_file_becomes_a_new_workspace(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    with Workspace.open(path, seed_sample=False) as workspace:
        assert workspace.list_plans() == []
        assert workspace.schema_version == CURRENT_VERSION


def test_a_creation_cut_short_does_not_stop_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "ws.sqlite3"
    (tmp_path / "ws.sqlite3.creating").write_bytes(b"SQLite format 3\x00 half written")
    (tmp_path / "ws.sqlite3.creating-journal").write_bytes(b"junk")
    with Workspace.open(path) as workspace:
        assert len(workspace.list_plans()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws.sqlite3", "ws.sqlite3.backups"]


def test_a_damaged_fenjie_database_gives_a_plain_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    Workspace.open(path).close()
    data = bytearray(path.read_bytes())
    data[100:] = os.urandom(len(data) - 100)  # keep the header (and with it Fenjie's id), ruin the rest
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="已损坏"):
        Workspace.open(path)

"""Automatic backups of the workspace, and what to say when the file is damaged.

Once a day, when a sound workspace is opened for writing, a consistent copy is made with SQLite's
online backup API into the folder ``<workspace file>.backups`` beside it
(``workspace-20250110-083000.sqlite3``); the newest :data:`KEEP` copies are kept. A workspace that
fails ``PRAGMA quick_check`` at open is not written to (see ``Workspace.open``); the sentence the
clerk reads names the newest backup and how to put it back.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from desktop.store.migrations import backup

KEEP = 7
EVERY_S = 24 * 3600.0


def backup_folder(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def backups(path: Path) -> list[Path]:
    """The automatic backups of the workspace at ``path``, newest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-*.sqlite3"), key=lambda p: p.name, reverse=True)


def backup_if_due(db: Database, path: Path, now: float | None = None) -> Path | None:
    """Copy the open workspace into its backup folder if the newest copy is a day old; returns the copy."""
    now = time.time() if now is None else now
    existing = backups(path)
    if existing and now - existing[0].stat().st_mtime < EVERY_S:
        return None
    folder = backup_folder(path)
    try:
        folder.mkdir(exist_ok=True)
        stamp = datetime.fromtimestamp(now).strftime("%Y%m%d-%H%M%S")
        target = folder / f"{path.stem}-{stamp}.sqlite3"
        backup(db, target)
    except (OSError, sqlite3.Error):
        return None  # a backup that cannot be written must not stop the clerk's work
    for old in backups(path)[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def restore_hint(path: Path) -> str:
    """How to get the work back: the newest automatic (or migration) backup beside the file."""
    found = backups(path)
    if not found:
        found = sorted(path.parent.glob(f"{path.name}.v*.bak"), reverse=True)
    if not found:
        return "请换用一份备份的工作区文件。"
    return (f"请关闭 Fenjie，把最近的自动备份“{found[0]}”复制一份，改名为“{path.name}”替换损坏的文件"
            "（先把损坏的文件另存一份）。")


def damaged_message(path: Path) -> str:
    return (f"工作区数据库“{path.name}”已损坏（完整性检查未通过）。为免损坏扩大，现在只能查看和导出，"
            f"不能修改。{restore_hint(path)}")


def read_only_message(path: Path) -> str:
    return (f"工作区数据库“{path.name}”位于只读的位置（或文件是只读的），已以只读方式打开：可以查看、"
            "打印和导出，不能修改。要修改，请把它复制到可写的文件夹后再打开。")

"""Telling a Fenjie database from any other file before touching it.

:func:`inspect_file` reads only the 100-byte SQLite header, so a file that is not Fenjie's —
not SQLite at all, or another program's SQLite database — is refused without ever being opened
by SQLite (opening could create journal files or recover someone else's journal). Fenjie writes
its ``application_id`` into the header when it creates a database, before anything else.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from pathlib import Path

from sqlite_utils import Database

from desktop.store.errors import StoreError
from desktop.store.schema import APP_KEY, APP_MARKER, APPLICATION_ID

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
APPLICATION_ID_OFFSET = 68


class FileState(Enum):
    MISSING = "missing"  # no file: create a new workspace
    EMPTY = "empty"  # a zero-byte file: nothing to lose, create a new workspace in its place
    FENJIE = "fenjie"  # a SQLite file carrying Fenjie's application id


def not_fenjie(path: Path) -> StoreError:
    return StoreError(f"文件“{path}”不是 Fenjie 工作区数据库，程序没有打开也没有改动它；请换一个文件。")


def inspect_file(path: Path) -> FileState:
    """What is at ``path``; raises :class:`StoreError` for anything that is not a Fenjie database."""
    if not path.exists():
        return FileState.MISSING
    if path.is_dir():
        raise StoreError(f"“{path}”是一个文件夹，不是工作区数据库文件。")
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as error:
        raise StoreError(f"无法读取工作区数据库“{path}”：{error.strerror or error}。") from None
    if not header:
        return FileState.EMPTY
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise not_fenjie(path)
    app_id = int.from_bytes(header[APPLICATION_ID_OFFSET:APPLICATION_ID_OFFSET + 4], "big")
    if app_id != APPLICATION_ID:
        raise not_fenjie(path)
    return FileState.FENJIE


def check_marker(db: Database, path: Path) -> None:
    """Raise unless the opened database has Fenjie's ``meta`` marker row."""
    try:
        row = db.conn.execute(
            "SELECT value FROM meta WHERE key = ?", (APP_KEY,)).fetchone()
    except sqlite3.OperationalError:  # no meta table; a damaged file raises DatabaseError instead
        raise not_fenjie(path) from None
    if row is None or row[0] != APP_MARKER:
        raise not_fenjie(path)

"""Opening a workspace database connection with Fenjie's settings, and one-transaction blocks.

Every connection has foreign keys on, WAL journaling, ``synchronous=FULL`` (a commit is on disk
before it returns) and a busy timeout so a second Fenjie process waits instead of failing.
Writes go through :func:`transaction`, which takes the write lock up front (``BEGIN IMMEDIATE``)
and commits or rolls back as a whole.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000  # the CLI waits this long for another writer before giving up
_savepoints = itertools.count(1)


def connect(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Database:
    """A sqlite-utils Database on ``path`` with foreign keys on, FULL sync and a busy timeout.

    The GUI passes a short ``busy_timeout_ms`` so a held lock never freezes the window: the
    write fails quickly with ``StoreBusy`` and is retried in the background.

    The journal mode is left as the file has it; call :func:`enable_wal` once the file is known
    to be Fenjie's.
    """
    conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000)
    try:
        db = Database(conn, execute_plugins=False)
        with db.ensure_autocommit_on():
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return db


def enable_wal(db: Database) -> None:
    """Switch the file to write-ahead logging (kept in the file, so later connections use it too)."""
    db.enable_wal()


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """Run the block in one write transaction; a nested block is a savepoint inside the outer one."""
    conn = db.conn
    if conn.in_transaction:
        name = f"fenjie_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise

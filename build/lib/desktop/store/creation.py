"""Creating a new workspace database so that it either exists complete or not at all.

The new file is built beside the target under a temporary name — version 1 schema, every
migration, the optional seed (the bundled sample plan) — closed, flushed to disk and only then
renamed into place. A crash during creation leaves no half-made workspace at the real path.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from desktop.store.connection import connect, transaction
from desktop.store.errors import StoreError
from desktop.store.migrations import migrate
from desktop.store.schema import create_v1
from desktop.version import app_version as _version

Seed = Callable[[Database], None]


def app_version() -> str:
    """What the ``meta`` table records as the creator of a new workspace, e.g. ``fenjie 0.1.0``."""
    return f"fenjie {_version()}"


def create_database(path: Path, seed: Seed | None = None) -> None:
    """Make a complete, current workspace database at ``path`` (replacing an empty file there)."""
    partial = path.with_name(path.name + ".creating")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
    except OSError as error:
        raise StoreError(f"无法在“{path.parent}”创建工作区：{error.strerror or error}。") from None
    db = connect(partial)
    try:
        with transaction(db):
            create_v1(db, app_version())
        migrate(db, None, make_backup=False)
        if seed is not None:
            with transaction(db):
                seed(db)
    except BaseException:
        db.close()
        partial.unlink(missing_ok=True)
        raise
    db.close()
    _sync(partial)
    os.replace(partial, path)
    _sync(path.parent)


def _sync(path: Path) -> None:
    """Flush a file (or, on POSIX, a directory entry) to disk."""
    if path.is_dir() and os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

"""The store's one error boundary: no ``sqlite3.Error`` ever leaves a store call.

Every public call of the store — :class:`~desktop.store.workspace.Workspace`'s methods and the
functions of ``tracking_store``, ``feedback_store`` and ``feedback_undo`` — runs inside
:func:`store_errors` (the functions through the :func:`store_call` decorator). A workspace whose
write lock another program holds becomes :class:`StoreBusy` with a sentence that says so and that
nothing was lost; any other SQLite failure becomes :class:`StoreError` naming what was being done.
Callers (the GUI, the CLI) therefore only ever catch ``StoreError``; the GUI retries a
``StoreBusy`` write in the background instead of showing an error.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from desktop.store.errors import StoreBusy, StoreError

P = ParamSpec("P")
R = TypeVar("R")

SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 5, 6, 8
STORE_ACTION = "__store_action__"  # set on every function wrapped by store_call


def is_busy(error: sqlite3.Error) -> bool:
    """Whether ``error`` means another connection holds the lock (SQLITE_BUSY / SQLITE_LOCKED)."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED):
        return True
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def busy_error(action: str) -> StoreBusy:
    return StoreBusy(f"工作区正被另一个程序（例如另一个 Fenjie 窗口或命令行）占用，{action}暂时没有完成，"
                     "请稍后再试；已保存的内容没有丢失。")


def unstorable(action: str) -> StoreError:
    return StoreError(f"{action}失败：内容中含有无法保存的字符（可能来自损坏的文件）。")


def translate(action: str, error: sqlite3.Error) -> StoreError:
    """The plain sentence for a SQLite failure while doing ``action``."""
    if is_busy(error):
        return busy_error(action)
    code = getattr(error, "sqlite_errorcode", None)
    if (isinstance(code, int) and code & 0xFF == SQLITE_READONLY) or "readonly database" in str(error):
        return StoreError(f"{action}没有完成：这个工作区现在只能查看，不能修改（只读或已损坏）。")
    return StoreError(f"{action}失败：{str(error).rstrip('.')}。")


@contextmanager
def store_errors(action: str) -> Iterator[None]:
    """Run the block; a ``sqlite3.Error`` inside becomes a :class:`StoreError` about ``action``."""
    try:
        yield
    except sqlite3.Error as error:
        raise translate(action, error) from error
    except UnicodeEncodeError as error:  # text SQLite cannot store (a lone surrogate)
        raise unstorable(action) from error


def store_call(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a public store function so that it runs inside :func:`store_errors`."""
    def wrap(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            with store_errors(action):
                return function(*args, **kwargs)

        setattr(guarded, STORE_ACTION, action)
        return guarded

    return wrap

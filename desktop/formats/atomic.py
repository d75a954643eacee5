"""Atomic file writing: an export goes to a temporary file beside the target, then is renamed.

A failure while writing leaves any existing file untouched and no half-written file behind. The
temporary file is hidden and named ``.~fenjie-<start of the name>-<random><suffix>`` (short, so a
long unit name cannot make it longer than the file system allows). The app's export jobs stage
their file as ``.<name>.fenjie-export<suffix>`` first (so a cancelled job replaces nothing). Either
kind left behind by a killed export (older than an hour) is removed by the next export into the
same folder, and by the app's next start in the folders it exported to.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.formats.errors import FormatError

TEMP_PREFIX = ".~fenjie-"
STAGING_MARK = ".fenjie-export"  # the app's staging name: .<stem>.fenjie-export<suffix>
STALE_AFTER_S = 3600.0


def _short(stem: str) -> str:
    while len(stem.encode("utf-8", "surrogateescape")) > 60:
        stem = stem[:-1]
    return stem


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Delete temporaries that killed exports left in ``directory`` (older than an hour)."""
    removed: list[Path] = []
    now = time.time()
    with contextlib.suppress(OSError):
        leftovers = [*directory.glob(f"{TEMP_PREFIX}*"), *directory.glob(f".*{STAGING_MARK}*")]
        for path in leftovers:
            with contextlib.suppress(OSError):
                if path.is_file() and now - path.stat().st_mtime > STALE_AFTER_S:
                    path.unlink()
                    removed.append(path)
    return removed


_REASONS = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘配额已用完", errno.EROFS: "保存位置是只读的",
            errno.EACCES: "没有写入这个位置的权限", errno.EPERM: "没有写入这个位置的权限",
            errno.ENAMETOOLONG: "文件名太长"}


def os_reason(error: OSError) -> str:
    """Why a file could not be written, in Chinese where the cause is a common one."""
    return _REASONS.get(error.errno or 0) or str(error.strerror or error)


@contextlib.contextmanager
def _quiet_cleanup() -> Iterator[None]:
    """Keep a failed writer's own clean-up quiet: one sentence, not a stray traceback after it.

    When the disk is full, the zip writer inside openpyxl/python-docx fails half-way; its object
    is freed later and tries to finish the file again in ``__del__``, which Python reports as an
    "Exception ignored" traceback. The objects are freed here, with that report silenced.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        yield
    finally:
        gc.collect()
        sys.unraisablehook = hook


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp_path)`` and move the result onto ``target`` in one rename."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise FormatError(f"保存位置“{directory}”不存在。")
    remove_stale_temporaries(directory)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{_short(target.stem)}-", suffix=target.suffix,
                                        dir=directory)
    except OSError as error:
        raise FormatError(f"无法写入“{target}”：{error.strerror or error}。") from None
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp creates the file owner-only; an export should get the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o666 & ~umask)
    failure: str | None = None
    with _quiet_cleanup():
        try:
            write(tmp)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except OSError as error:
            failure = f"无法写入“{target}”：{os_reason(error)}。"
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    if failure is not None:  # raised outside the except block: no traceback keeps the writer alive
        raise FormatError(failure)


def write_text_atomically(target: Path, text: str) -> None:
    write_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))

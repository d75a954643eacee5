"""Atomic file writing: an export goes to a temporary file beside the target, then is renamed.

A failure while writing leaves any existing file untouched and no half-written file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop.formats.errors import FormatError


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp_path)`` and move the result onto ``target`` in one rename."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise FormatError(f"保存位置“{directory}”不存在。")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=directory)
    except OSError as error:
        raise FormatError(f"无法写入“{target}”：{error.strerror or error}。") from None
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp creates the file owner-only; an export should get the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o666 & ~umask)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as error:
        raise FormatError(f"无法写入“{target}”：{error.strerror or error}。") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_text_atomically(target: Path, text: str) -> None:
    write_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))

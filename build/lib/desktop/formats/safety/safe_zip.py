"""Opening untrusted Office packages (.docx, .xlsx) without letting them exhaust memory or time.

A .docx or .xlsx is a zip file. Before any part is read, :func:`open_package` checks the whole
central directory: the file size, the number of entries, each entry's and the total declared
uncompressed size, the compression ratio (a zip bomb compresses a gigabyte of zeros into a
megabyte) and encryption. Legacy .doc/.xls files and password-protected Office files are OLE2
compound files; they are recognised by their signature and refused with a plain sentence.

Reading a part never returns more than its (capped) declared size: ``zipfile`` stops at the
declared size and checks the CRC, so a lying header fails instead of inflating.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from desktop.formats.errors import FormatError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 160 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, checked for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024

LEGACY_MESSAGE = "这是旧版 Word/Excel 文件（.doc/.xls）或加密文件，请另存为 .docx/.xlsx 后再导入。"
DAMAGED_MESSAGE = "文件已损坏或不是 Word/Excel 文件，无法读取。"
BOMB_MESSAGE = "文件解压后过大或结构异常，可能是恶意文件，已拒绝导入。"


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file no larger than ``limit``; a plain FormatError otherwise."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise FormatError(f"无法读取文件“{Path(path).name}”：{error.strerror or error}。") from None
    if len(data) > limit:
        raise FormatError("文件太大，无法导入。")
    return data


class Package:
    """A checked zip package held in memory; parts are read with :meth:`read`."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        check_signature(data)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError,
                NotImplementedError, struct.error):
            raise FormatError(DAMAGED_MESSAGE) from None
        check_entries(infos)
        self._infos = {info.filename: info for info in infos}

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """One part's bytes; FormatError when it is missing or damaged."""
        info = self._infos.get(name)
        if info is None:
            raise FormatError(DAMAGED_MESSAGE)
        try:
            with self._zip.open(info) as handle:
                data = handle.read(MAX_ENTRY_BYTES + 1)
        except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError, RuntimeError):
            raise FormatError(DAMAGED_MESSAGE) from None
        except Exception as error:  # zlib.error and friends from a damaged stream
            raise FormatError(DAMAGED_MESSAGE) from error
        if len(data) > MAX_ENTRY_BYTES:
            raise FormatError(BOMB_MESSAGE)
        return data


def check_signature(data: bytes) -> None:
    if data.startswith(OLE_SIGNATURE):
        raise FormatError(LEGACY_MESSAGE)
    if not data.startswith(ZIP_SIGNATURE):
        raise FormatError(DAMAGED_MESSAGE)


def check_entries(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse absurd entry counts, sizes, ratios and encrypted entries."""
    if len(infos) > MAX_ENTRIES:
        raise FormatError(BOMB_MESSAGE)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise FormatError(LEGACY_MESSAGE)
        size = info.file_size
        if size > MAX_ENTRY_BYTES:
            raise FormatError(BOMB_MESSAGE)
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise FormatError(BOMB_MESSAGE)
        total += size
        if total > MAX_TOTAL_BYTES:
            raise FormatError(BOMB_MESSAGE)


def open_package(path: Path) -> Package:
    """Read and check an untrusted .docx/.xlsx file."""
    return Package(read_limited(Path(path)))

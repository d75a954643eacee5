"""Malicious Office packages for the safety tests, built quickly and without the disk filling up.

``zip_bomb_docx`` writes a .docx whose word/document.xml inflates to 1 GB of zeros from about
1 MB: one megabyte of zeros is deflated once, ended with a full flush (which resets the
compressor, so the block can be repeated) and the block is repeated. The zip structure is written
by hand so that the declared sizes can also lie (``declared_size``).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from tests.support.ooxml_build import CONTENT_TYPES, RELS

CHUNK = 1 << 20


def deflated_zeros(size: int) -> tuple[bytes, int]:
    """(raw deflate stream, CRC-32) of ``size`` zero bytes (a multiple of 1 MiB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * CHUNK) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = block * (size // CHUNK) + compressor.flush(zlib.Z_FINISH)
    crc = 0
    zeros = b"\0" * CHUNK
    for _ in range(size // CHUNK):
        crc = zlib.crc32(zeros, crc)
    return data, crc


def _entries_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip of (name, data, method, crc, declared uncompressed size) entries."""
    out = bytearray()
    central = bytearray()
    for name, data, method, crc, size in entries:
        raw_name = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size,
                           len(raw_name), 0) + raw_name + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data),
                               size, len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def _stored(name: str, text: str) -> tuple[str, bytes, int, int, int]:
    data = text.encode()
    return (name, data, 0, zlib.crc32(data), len(data))


def zip_bomb_docx(path: Path, size: int = 1 << 30, declared_size: int | None = None) -> Path:
    """A .docx whose document.xml is ``size`` zeros; its header may declare another size."""
    data, crc = deflated_zeros(size)
    entries = [_stored("[Content_Types].xml", CONTENT_TYPES), _stored("_rels/.rels", RELS),
               ("word/document.xml", data, 8, crc, size if declared_size is None else declared_size)]
    path.write_bytes(_entries_zip(entries))
    return path

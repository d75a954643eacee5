"""Defences for reading an untrusted PDF before and while pdfplumber/pdfminer look at it.

Before parsing: a PDF header, no absurdly deep nesting of arrays or dictionaries, and every
stream's inflated size bounded (each stream is trial-inflated in small steps, so a compression
bomb is refused after reading a few megabytes instead of filling memory). While opening: a
password gives its own sentence, at most :data:`MAX_PAGES` pages (counted lazily, so a page tree
with millions of leaves is refused early). Per page: caps on characters and drawn objects, and an
overall time limit.
"""

from __future__ import annotations

import io
import re
import time
import zlib
from itertools import islice
from typing import Any

from desktop.formats.errors import FormatError

MAX_PAGES = 4000  # Fenjie's own PDF of a 20,000-row annex has about 3,300 pages
MAX_STREAMS = 200_000
MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_TOTAL_INFLATED = 256 * 1024 * 1024
MAX_PAGE_CHARS = 200_000
MAX_PAGE_OBJECTS = 100_000
MAX_SECONDS = 180.0
_CHUNK = 256 * 1024
_STREAM = re.compile(rb"stream\r?\n")
_DEEP = re.compile(rb"(?:\[\s*){256}|(?:<<\s*(?:/[^\s/<>\[\]()]+\s*)?){256}")

NOT_PDF_MESSAGE = "这不是 PDF 文件，或文件已损坏，无法导入。"
BOMB_MESSAGE = "PDF 文件结构异常（解压后过大或嵌套过深），可能是恶意文件，已拒绝导入。"
TOO_MANY_PAGES_MESSAGE = f"PDF 超过 {MAX_PAGES} 页，无法导入。"
PASSWORD_MESSAGE = "PDF 设有打开密码，请先取消密码或向发文单位索取 Word 或 Excel 版本。"
SCANNED_MESSAGE = "这个 PDF 是扫描的图片，没有文字，无法识别；请向发文单位索取 Word 或 Excel 版本。"
TOO_SLOW_MESSAGE = "PDF 内容过于复杂，读取超时，无法导入。"


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """How many bytes the zlib stream at ``start`` inflates to, stopping just past ``limit``."""
    inflater = zlib.decompressobj()
    total = 0
    pos = start
    pending = b""
    try:
        while not inflater.eof:
            if not pending:
                if pos >= len(data):
                    break
                pending = data[pos:pos + _CHUNK]
                pos += _CHUNK
            total += len(inflater.decompress(pending, _CHUNK))
            if total > limit:
                return total
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # not a Flate stream, or damaged: pdfminer reports it, it cannot inflate
    return total


def check_pdf_bytes(data: bytes) -> None:
    """Refuse bytes that are not a PDF, nest absurdly deep or inflate to too much."""
    if b"%PDF-" not in data[:1024]:
        raise FormatError(NOT_PDF_MESSAGE)
    if _DEEP.search(data):
        raise FormatError(BOMB_MESSAGE)
    total = 0
    for count, match in enumerate(_STREAM.finditer(data)):
        if count >= MAX_STREAMS:
            raise FormatError(BOMB_MESSAGE)
        size = _inflated_size(data, match.end(), min(MAX_STREAM_BYTES, MAX_TOTAL_INFLATED - total))
        total += size
        if size > MAX_STREAM_BYTES or total > MAX_TOTAL_INFLATED:
            raise FormatError(BOMB_MESSAGE)


def open_checked(stream: io.BytesIO) -> Any:
    """pdfplumber's PDF for ``stream``: password and page count checked."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage

    try:
        pdf = pdfplumber.open(stream)
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise FormatError(PASSWORD_MESSAGE) from error
    except Exception as error:  # pdfminer raises many kinds on damaged files
        if type(error).__name__ == "PdfminerException" and isinstance(error.args[0] if error.args else None,
                                                                      PDFPasswordIncorrect):
            raise FormatError(PASSWORD_MESSAGE) from error
        raise FormatError(NOT_PDF_MESSAGE) from error
    if sum(1 for _ in islice(PDFPage.create_pages(pdf.doc), MAX_PAGES + 1)) > MAX_PAGES:
        pdf.close()
        raise FormatError(TOO_MANY_PAGES_MESSAGE)
    return pdf


def check_page(page: Any, started: float) -> None:
    """Refuse a page with absurd amounts of text or drawing, or a PDF read for too long."""
    if time.monotonic() - started > MAX_SECONDS:
        raise FormatError(TOO_SLOW_MESSAGE)
    if len(page.chars) > MAX_PAGE_CHARS:
        raise FormatError(BOMB_MESSAGE)
    if len(page.rects) + len(page.lines) + len(page.curves) > MAX_PAGE_OBJECTS:
        raise FormatError(BOMB_MESSAGE)

"""Hostile legacy, OpenDocument and PDF files: each refused in one plain sentence within seconds.

Every import runs in a child process (``guarded_import``), which fails the test on a crash, a
hang (more than ten seconds) or files left behind.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import xlrd

from desktop.formats.legacy.ods_reader import NOT_ODS_MESSAGE
from desktop.formats.legacy.sources import NOT_SHEET_MESSAGE, NOT_WORD_MESSAGE
from desktop.formats.pdf.guard import (
    BOMB_MESSAGE,
    MAX_PAGES,
    NOT_PDF_MESSAGE,
    SCANNED_MESSAGE,
    TOO_MANY_PAGES_MESSAGE,
)
from desktop.formats.tables.raw_table import TOO_BIG_MESSAGE
from tests.formats.safety.test_import_safety import _fresh, guarded_import
from tests.support.pdf_build import pages_pdf, stream, write_pdf

PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
PAGES = b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>"
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def _zeros_deflated(megabytes: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    return b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()


def test_pdf_whose_stream_inflates_to_gigabytes_is_refused(tmp_path: Path) -> None:
    bomb = _zeros_deflated(80)  # 80 MB of zeros in about 80 KB
    path = write_pdf(tmp_path / "bomb.pdf", [CATALOG, PAGES, PAGE, stream(b"/Filter /FlateDecode", bomb)])
    assert path.stat().st_size < 200_000
    assert guarded_import(path) == ("error", BOMB_MESSAGE)


def test_pdf_with_absurdly_deep_nesting_is_refused(tmp_path: Path) -> None:
    deep = b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * 100_000 + b"]" * 100_000 + b" >>"
    path = write_pdf(tmp_path / "deep.pdf", [deep, PAGES, PAGE, stream(b"", b"")])
    assert guarded_import(path) == ("error", BOMB_MESSAGE)


def test_pdf_with_a_huge_page_count_is_refused(tmp_path: Path) -> None:
    path = pages_pdf(tmp_path / "pages.pdf", MAX_PAGES + 500)
    assert guarded_import(path) == ("error", TOO_MANY_PAGES_MESSAGE)


def test_scanned_pdf_without_a_text_layer_gets_a_plain_refusal(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, 700, 40):  # a photographed table: ruled lines, but only pixels
        draw.line((50, y, 550, y), fill=0, width=2)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, 595, 842)
    page.showPage()
    page.save()
    assert guarded_import(path) == ("error", SCANNED_MESSAGE)


def test_files_that_are_not_what_their_name_says_are_refused(tmp_path: Path) -> None:
    text = "只是一段文字。".encode()
    assert guarded_import(_fresh(tmp_path, "notes.doc", text)) == ("error", NOT_WORD_MESSAGE)
    noise = bytes((i * 7919) % 251 for i in range(50_000))
    assert guarded_import(_fresh(tmp_path, "noise.doc", noise)) == ("error", NOT_WORD_MESSAGE)
    assert guarded_import(_fresh(tmp_path, "noise.wps", noise)) == ("error", NOT_WORD_MESSAGE)
    assert guarded_import(_fresh(tmp_path, "noise.xls", noise)) == ("error", NOT_SHEET_MESSAGE)
    assert guarded_import(_fresh(tmp_path, "noise.pdf", noise)) == ("error", NOT_PDF_MESSAGE)
    empty_zip = io.BytesIO()
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert guarded_import(_fresh(tmp_path, "empty.ods", empty_zip.getvalue())) == ("error", NOT_ODS_MESSAGE)


def _cell_record_offset(mem: bytes, start: int) -> int:
    """Offset of the first LABELSST record of the sheet substream at ``start``."""
    pos = start
    while pos + 4 <= len(mem):
        kind, length = struct.unpack_from("<HH", mem, pos)
        if kind == 0x00FD:
            return pos
        pos += 4 + length
    raise AssertionError("no LABELSST record")


def test_xls_whose_sheet_reaches_far_beyond_the_limits_is_refused(samples_dir: Path, tmp_path: Path) -> None:
    data = bytearray((samples_dir / "rw" / "laiwu-2024.xls").read_bytes())
    book = xlrd.open_workbook(file_contents=bytes(data), on_demand=True, logfile=io.StringIO())
    record = _cell_record_offset(book.mem, book._sh_abs_posn[0])
    context = bytes(book.mem[record:record + 14])
    assert data.count(context) == 1
    where = data.index(context)
    struct.pack_into("<H", data, where + 4, 65000)  # the cell now sits in row 65,001
    path = _fresh(tmp_path, "huge.xls", bytes(data))
    assert guarded_import(path) == ("error", TOO_BIG_MESSAGE)


def test_ods_repeating_rows_and_columns_millions_of_times_is_refused(tmp_path: Path) -> None:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="S">'
               '<table:table-row table:number-rows-repeated="1048576">'
               '<table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell>'
               '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    assert guarded_import(_fresh(tmp_path, "repeat.ods", buffer.getvalue())) == ("error", TOO_BIG_MESSAGE)

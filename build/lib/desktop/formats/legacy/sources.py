"""Reading the sources beyond .docx/.xlsx: .doc/.wps (and .et) through LibreOffice, .xls, .ods, PDF.

The file's first bytes decide, not only its name: a ".doc" that is really a .docx, an RTF or an
HTML page (what many web systems export as .doc/.xls) is read as what it is; anything else that
is not the compound file its name promises is refused in one sentence without starting
LibreOffice. Every path ends in the same table or text pipeline as a .docx, with an
:class:`ImportReport` saying what was read.
"""

from __future__ import annotations

from pathlib import Path

from desktop.formats.errors import FormatError
from desktop.formats.import_report import ImportReport
from desktop.formats.importers import (
    MAX_TEXT_BYTES,
    Imported,
    TextOptions,
    decode_text,
    outline_import,
    sheet_import,
    table_import,
)
from desktop.formats.safety.safe_zip import (
    MAX_FILE_BYTES,
    OLE_SIGNATURE,
    ZIP_SIGNATURE,
    Package,
    read_limited,
)
from desktop.formats.text.clipboard import html_tables

NOT_WORD_MESSAGE = "这不是 Word 文档（.doc），或文件已损坏，无法导入。"
PASSWORD_MESSAGE = "文件设有打开密码，请先在 Word、Excel 或 WPS 中取消密码再导入。"
NOT_SHEET_MESSAGE = "这不是 Excel 工作簿，或文件已损坏，无法导入。"
MAX_LEGACY_BYTES = 32 * 1024 * 1024


def _kind(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    if data.startswith(OLE_SIGNATURE):
        return "ole"
    if data.startswith(ZIP_SIGNATURE):
        return "zip"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head[:1] == b"<" and b"<table" in data[:1_000_000].lower():
        return "html"
    if data.startswith(b"%PDF"):
        return "pdf"
    return "other"


def ole_streams(data: bytes) -> set[str]:
    """The stream names in an OLE2 compound file; empty when it is damaged."""
    from xlrd.compdoc import CompDoc

    try:
        return {entry.name for entry in CompDoc(data, logfile=_Discard()).dirlist}
    except Exception:  # a damaged compound file can make the parser raise anything
        return set()


class _Discard:
    """A log file that drops what the compound-file parser writes."""

    def write(self, _text: str) -> int:
        return 0


def _check_ole(data: bytes, wanted: tuple[str, ...], message: str) -> None:
    streams = ole_streams(data)
    if "EncryptedPackage" in streams:
        raise FormatError(PASSWORD_MESSAGE)
    if not streams & set(wanted):
        raise FormatError(message)


def read_other(path: Path, suffix: str, as_text: bool, options: TextOptions) -> Imported:
    """Import a legacy, WPS, OpenDocument or PDF file."""
    data = read_limited(path, MAX_FILE_BYTES if suffix == ".pdf" else MAX_LEGACY_BYTES)
    kind = _kind(data)
    if suffix == ".pdf" or kind == "pdf":
        from desktop.formats.pdf.reader import pdf_tables

        tables, pages = pdf_tables(data)
        report = ImportReport("pdf", f"共 {pages} 页", check_all=True)
        return table_import(tables, options.title, report)
    if kind == "html":
        text = decode_text(data[:MAX_TEXT_BYTES])
        return table_import(html_tables(text), options.title, ImportReport("html"))
    if suffix in (".doc", ".wps"):
        return _word(path, data, kind, as_text, options)
    return _sheet(path, suffix, data, kind, options)


def _word(path: Path, data: bytes, kind: str, as_text: bool, options: TextOptions) -> Imported:
    from desktop.formats.docx.reader import docx_outline, docx_tables
    from desktop.formats.legacy.soffice import convert

    if kind == "zip":  # a .docx saved under an old name
        package = Package(data)
        source = "docx"
    elif kind in ("ole", "rtf"):
        if kind == "ole":
            _check_ole(data, ("WordDocument",), NOT_WORD_MESSAGE)
        package = Package(convert(path, "docx"))
        source = "doc_converted"
    else:
        raise FormatError(NOT_WORD_MESSAGE)
    if as_text:
        return outline_import(docx_outline(package), options,
                              "docx_text" if source == "docx" else "doc_converted_text")
    return table_import(docx_tables(package), options.title,
                        ImportReport("docx_table" if source == "docx" else "doc_converted"))


def _sheet(path: Path, suffix: str, data: bytes, kind: str, options: TextOptions) -> Imported:
    if kind == "zip" and suffix == ".ods":
        from desktop.formats.legacy.ods_reader import ods_tables

        return sheet_import(ods_tables(Package(data)), options.title, ImportReport("ods"))
    if kind == "zip":  # an .xlsx saved under an old name
        from desktop.formats.xlsx.reader import xlsx_tables

        return sheet_import(xlsx_tables(path), options.title, ImportReport("xlsx"))
    if kind != "ole":
        raise FormatError(NOT_SHEET_MESSAGE)
    _check_ole(data, ("Workbook", "Book", "WorkBook"), NOT_SHEET_MESSAGE)
    from desktop.formats.legacy.xls_reader import xls_tables

    try:
        return sheet_import(xls_tables(data), options.title, ImportReport("xls"))
    except FormatError:
        if suffix != ".et":
            raise
    from desktop.formats.legacy.soffice import convert  # a WPS .et that is not BIFF inside
    from desktop.formats.xlsx.reader import xlsx_package_tables

    tables = xlsx_package_tables(Package(convert(path, "xlsx", sheet=True)))
    return sheet_import(tables, options.title, ImportReport("et_converted"))

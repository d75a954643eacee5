"""Importing an OpenDocument spreadsheet (.ods, from LibreOffice or WPS) with odfpy.

The zip is checked by :mod:`desktop.formats.safety.safe_zip` and every XML part for DTDs and
entities before odfpy parses it. Repeated rows and cells (``number-rows-repeated``,
``number-columns-repeated``, which LibreOffice writes for the empty rest of a sheet) are expanded
only up to the last cell with content and never beyond the table limits; spanned cells become
merged ranges, column widths come from the automatic column styles.
"""

from __future__ import annotations

import io
import re
from typing import Any

from odf import opendocument
from odf.namespaces import STYLENS, TABLENS, TEXTNS

from desktop.core.textclean import clean_text
from desktop.formats.errors import FormatError
from desktop.formats.safety.safe_xml import check_xml_bytes
from desktop.formats.safety.safe_zip import Package
from desktop.formats.tables.header import find_header
from desktop.formats.tables.raw_table import MAX_COLS, MAX_ROWS, TOO_BIG_MESSAGE, RawTable
from desktop.formats.xlsx.parts import SheetLayout
from desktop.formats.xlsx.reader import sheet_table

NOT_ODS_MESSAGE = "这不是 OpenDocument 电子表格（.ods），或文件已损坏，无法导入。"
MAX_SHEETS = 64
MAX_CONTENT_BYTES = 48 * 1024 * 1024
_LENGTH = re.compile(r"^\s*([\d.]+)\s*(cm|mm|in|pt|pc|px)?\s*$")
_CM = {"cm": 1.0, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72, "pc": 2.54 / 6, "px": 2.54 / 96, None: 1.0}
_ROW_CONTAINERS = ("table-header-rows", "table-rows", "table-row-group")


def _name(node: Any) -> tuple[str, str] | None:
    return getattr(node, "qname", None)


def _attr(node: Any, ns: str, name: str) -> str | None:
    attributes = getattr(node, "attributes", None) or {}
    value = attributes.get((ns, name))
    return None if value is None else str(value)


def _count(node: Any, name: str) -> int:
    try:
        return max(1, int(_attr(node, TABLENS, name) or 1))
    except ValueError:
        return 1


def _text(node: Any, parts: list[str]) -> None:
    for child in getattr(node, "childNodes", []):
        qname = _name(child)
        if qname is None:
            data = getattr(child, "data", None)
            if isinstance(data, str):
                parts.append(data)
            continue
        ns, local = qname
        if ns == TEXTNS and local == "s":
            parts.append(" " * min(_count_text(child), 100))
        elif ns == TEXTNS and local == "tab":
            parts.append(" ")
        elif ns == TEXTNS and local == "line-break":
            parts.append("\n")
        elif ns == TABLENS and local == "annotation":
            continue
        elif ns == TEXTNS and local in ("p", "h"):
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            _text(child, parts)
            parts.append("\n")
        else:
            _text(child, parts)


def _count_text(node: Any) -> int:
    try:
        return max(1, int(_attr(node, TEXTNS, "c") or 1))
    except ValueError:
        return 1


def cell_text(cell: Any) -> str:
    parts: list[str] = []
    _text(cell, parts)
    return clean_text("".join(parts)).strip()


class _SheetReader:
    """Rows of one table:table, with repeats expanded lazily and spans recorded as merges."""

    def __init__(self) -> None:
        self.values: list[list[str]] = []
        self.merges: list[tuple[int, int, int, int]] = []
        self.pending_rows = 0

    def rows(self, parent: Any) -> None:
        for child in getattr(parent, "childNodes", []):
            qname = _name(child)
            if qname is None or qname[0] != TABLENS:
                continue
            if qname[1] == "table-row":
                self.row(child)
            elif qname[1] in _ROW_CONTAINERS:
                self.rows(child)

    def row(self, node: Any) -> None:
        values: list[str] = []
        pending_cells = 0
        spans: list[tuple[int, int, int]] = []  # (col, rowspan, colspan)
        for cell in getattr(node, "childNodes", []):
            qname = _name(cell)
            if qname is None or qname[0] != TABLENS or qname[1] not in ("table-cell", "covered-table-cell"):
                continue
            repeat = _count(cell, "number-columns-repeated")
            text = cell_text(cell) if qname[1] == "table-cell" else ""
            rowspan = _count(cell, "number-rows-spanned")
            colspan = _count(cell, "number-columns-spanned")
            if not text and rowspan == 1 and colspan == 1:
                pending_cells += repeat
                continue
            if len(values) + pending_cells + repeat > MAX_COLS:
                raise FormatError(TOO_BIG_MESSAGE)
            values.extend([""] * pending_cells)
            pending_cells = 0
            for _ in range(repeat):
                if rowspan > 1 or colspan > 1:
                    spans.append((len(values), rowspan, colspan))
                values.append(text)
        repeat = _count(node, "number-rows-repeated")
        if not values:
            self.pending_rows += repeat
            if len(self.values) + self.pending_rows > MAX_ROWS * 4:
                self.pending_rows = MAX_ROWS * 4 - len(self.values)  # the empty rest of the sheet
            return
        if len(self.values) + self.pending_rows + repeat > MAX_ROWS:
            raise FormatError(TOO_BIG_MESSAGE)
        self.values.extend([] for _ in range(self.pending_rows))
        self.pending_rows = 0
        for _ in range(repeat):
            r = len(self.values)
            self.merges.extend((c + 1, r + 1, c + colspan, r + rowspan) for c, rowspan, colspan in spans)
            self.values.append(list(values))


def _column_widths(table: Any, widths_by_style: dict[str, float]) -> dict[int, float]:
    widths: dict[int, float] = {}
    col = 0

    def visit(parent: Any) -> None:
        nonlocal col
        for child in getattr(parent, "childNodes", []):
            qname = _name(child)
            if qname == (TABLENS, "table-column"):
                width = widths_by_style.get(_attr(child, TABLENS, "style-name") or "")
                for _ in range(min(_count(child, "number-columns-repeated"), MAX_COLS)):
                    if width is not None and col < MAX_COLS:
                        widths[col + 1] = width
                    col += 1
            elif qname is not None and qname[0] == TABLENS and qname[1] in ("table-columns",
                                                                             "table-header-columns",
                                                                             "table-column-group"):
                visit(child)

    visit(table)
    return widths


def _style_widths(document: Any) -> dict[str, float]:
    """Column style name → Excel width (characters), from ``style:column-width``."""
    out: dict[str, float] = {}
    for style in getattr(document.automaticstyles, "childNodes", []):
        if _name(style) != (STYLENS, "style"):
            continue
        for props in getattr(style, "childNodes", []):
            if _name(props) != (STYLENS, "table-column-properties"):
                continue
            match = _LENGTH.match(_attr(props, STYLENS, "column-width") or "")
            if match:
                cm = float(match.group(1)) * _CM[match.group(2)]
                out[_attr(style, STYLENS, "name") or ""] = max(0.0, (cm * 96 / 2.54 - 5) / 7)
    return out


def _load(package: Package) -> Any:
    for name in package.names():
        if name.lower().endswith((".xml", ".rdf")):
            check_xml_bytes(package.read(name))
    if not package.has("content.xml"):
        raise FormatError(NOT_ODS_MESSAGE)
    if len(package.read("content.xml")) > MAX_CONTENT_BYTES:  # odfpy builds a tree of every node
        raise FormatError(TOO_BIG_MESSAGE)
    try:
        return opendocument.load(io.BytesIO(package.data))
    except FormatError:
        raise
    except Exception as error:  # odfpy raises KeyError, SAX errors … on damaged parts
        raise FormatError(NOT_ODS_MESSAGE) from error


def ods_tables(package: Package) -> list[RawTable]:
    """One table per sheet of an .ods workbook, sheets with a recognisable header first."""
    document = _load(package)
    spreadsheet = getattr(document, "spreadsheet", None)
    if spreadsheet is None:
        raise FormatError(NOT_ODS_MESSAGE)
    widths_by_style = _style_widths(document)
    sheets = [child for child in spreadsheet.childNodes if _name(child) == (TABLENS, "table")]
    if len(sheets) > MAX_SHEETS:
        raise FormatError(TOO_BIG_MESSAGE)
    tables: list[RawTable] = []
    for sheet in sheets:
        reader = _SheetReader()
        reader.rows(sheet)
        layout = SheetLayout(reader.merges, _column_widths(sheet, widths_by_style))
        tables.append(sheet_table(reader.values, layout))
    with_header = [t for t in tables if find_header(t).header_rows]
    return with_header + [t for t in tables if t not in with_header]

"""The cells of a returned workbook in any format units send: .xlsx, .xls / .et and .ods.

Each reader gives a :class:`WorkbookGrid`: the identification sheet's key/value pairs, the data
sheet's rows as raw values (dates as ``date``/``datetime``, numbers as numbers, text as text), the
cells holding a formula the file kept no computed value for, and the workbook's own saved time.

- **.xlsx** (Excel, WPS, LibreOffice): :mod:`desktop.formats.safety.safe_zip` checks the package,
  every XML part is pre-scanned for DTDs/entities, then openpyxl in read-only mode reads the
  cached values; when a sheet holds formulas it is read a second time without cached values to
  find the formulas that have none. The saved time is ``dcterms:modified`` of docProps/core.xml.
- **.xls** (and WPS .et, which is the same BIFF8 compound file): xlrd, from the checked bytes;
  formulas come with their cached values. xlrd gives no saved time: the file's own is used.
- **.ods**: content.xml and meta.xml parsed with the hardened parser of ``safe_xml`` (no DTD, no
  entities, no network) — no third-party ODF library needed; ``office:date-value`` /
  ``office:value`` are the computed values, ``dc:date`` of meta.xml the saved time.

The kind is told by the file's first bytes, never by its name: a renamed file is read as what it
is, and a refusal names the real problem (a password, a damaged file, a Word document).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from desktop.formats.errors import FormatError
from desktop.formats.feedback.messages import (
    DAMAGED_LEGACY,
    DAMAGED_ODS,
    ENCRYPTED,
    NOT_A_WORKBOOK,
    WORD_FILE,
)
from desktop.formats.safety.safe_xml import parse_xml
from desktop.formats.safety.safe_zip import (
    DAMAGED_MESSAGE,
    OLE_SIGNATURE,
    ZIP_SIGNATURE,
    Package,
    read_limited,
)
from desktop.formats.xlsx.parts import WORKBOOK
from desktop.formats.xlsx.reader import check_parts, load_workbook

MAX_GRID_ROWS = 6000
MAX_GRID_COLUMNS = 64


@dataclass
class SheetValues:
    """One sheet: rows of raw values (1-based row numbers as in the spreadsheet)."""

    rows: list[tuple[Any, ...]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, column), 1-based, no value


@dataclass
class WorkbookGrid:
    """What a returned workbook holds, whatever its format."""

    kind: str  # xlsx, xls, ods
    sheets: dict[str, SheetValues]  # by name, in workbook order
    saved_at: datetime | None


def read_grid(path: Path, wanted: Callable[[str], bool]) -> WorkbookGrid:
    """The sheets of ``path`` whose names ``wanted`` accepts (FormatError with the real reason)."""
    data = read_limited(Path(path))
    if data.startswith(OLE_SIGNATURE):
        return _legacy(data, path, wanted)
    if not data.startswith(ZIP_SIGNATURE):
        raise FormatError(NOT_A_WORKBOOK)
    package = Package(data)
    if package.has("mimetype") and b"opendocument.spreadsheet" in package.read("mimetype")[:200]:
        return _ods(package, wanted)
    if package.has("word/document.xml"):
        raise FormatError(WORD_FILE)
    if not package.has(WORKBOOK):
        raise FormatError(NOT_A_WORKBOOK)
    check_parts(package)
    return _xlsx(package, wanted)


# ----- .xlsx ------------------------------------------------------------------------------------
def _xlsx_values(workbook: Any, wanted: Callable[[str], bool]) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for sheet in workbook.worksheets:
        if not wanted(sheet.title):
            continue
        rows: list[tuple[Any, ...]] = []
        for values in sheet.iter_rows(max_col=MAX_GRID_COLUMNS, values_only=True):
            rows.append(tuple(values))
            if len(rows) > MAX_GRID_ROWS:
                break
        out[sheet.title] = rows
    return out


def _has_formulas(package: Package) -> bool:
    return any(name.startswith("xl/worksheets/") and name.endswith(".xml")
               and re.search(rb"<(?:\w+:)?f[ >]", package.read(name)) is not None
               for name in package.names())


def _xlsx(package: Package, wanted: Callable[[str], bool]) -> WorkbookGrid:
    workbook = load_workbook(package, data_only=True)
    try:
        values = _xlsx_values(workbook, wanted)
    except FormatError:
        raise
    except Exception as error:
        raise FormatError(DAMAGED_MESSAGE) from error
    finally:
        workbook.close()
    sheets = {name: SheetValues(rows) for name, rows in values.items()}
    if _has_formulas(package):
        raw = load_workbook(package, data_only=False)
        try:
            formulas = _xlsx_values(raw, wanted)
        except Exception as error:
            raise FormatError(DAMAGED_MESSAGE) from error
        finally:
            raw.close()
        for name, rows in formulas.items():
            cached = sheets[name].rows
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if isinstance(value, str) and value.startswith("=") and r < len(cached) \
                            and (c >= len(cached[r]) or cached[r][c] in (None, "")):
                        sheets[name].formulas.add((r + 1, c + 1))
    return WorkbookGrid("xlsx", sheets, _core_modified(package))


_DC_NS = {"dcterms": "http://purl.org/dc/terms/", "dc": "http://purl.org/dc/elements/1.1/"}


def _stamp(text: str | None) -> datetime | None:
    if not text:
        return None
    value = text.strip().replace("Z", "+00:00")
    value = re.sub(r"(\.\d{6})\d+", r"\1", value)
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        return None
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def _core_modified(package: Package) -> datetime | None:
    if not package.has("docProps/core.xml"):
        return None
    root = parse_xml(package.read("docProps/core.xml"))
    node = root.find("dcterms:modified", _DC_NS)
    return _stamp(node.text if node is not None else None)


# ----- .xls / .et -------------------------------------------------------------------------------
def _legacy(data: bytes, path: Path, wanted: Callable[[str], bool]) -> WorkbookGrid:
    import xlrd

    if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
        raise FormatError(ENCRYPTED)
    if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data:
        raise FormatError(WORD_FILE)
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO(),
                                  ignore_workbook_corruption=False)
    except Exception as error:  # xlrd raises XLRDError, struct errors, AssertionError on bad files
        message = str(error).lower()
        if "encrypt" in message or "password" in message:
            raise FormatError(ENCRYPTED) from None
        raise FormatError(DAMAGED_LEGACY) from None
    try:
        sheets: dict[str, SheetValues] = {}
        for index, name in enumerate(book.sheet_names()):
            if not wanted(name):
                continue
            sheet = book.sheet_by_index(index)
            rows: list[tuple[Any, ...]] = []
            for r in range(min(sheet.nrows, MAX_GRID_ROWS + 1)):
                rows.append(tuple(_xls_value(sheet.cell(r, c), book.datemode)
                                  for c in range(min(sheet.ncols, MAX_GRID_COLUMNS))))
            sheets[name] = SheetValues(rows)
    except Exception as error:
        raise FormatError(DAMAGED_LEGACY) from error
    finally:
        book.release_resources()
    return WorkbookGrid("xls", sheets, _file_time(path))


def _xls_value(cell: Any, datemode: Literal[0, 1]) -> Any:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            found = xlrd.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
        return found.date() if not (found.hour or found.minute or found.second) else found
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return cell.value


def _file_time(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(Path(path).stat().st_mtime, UTC)
    except OSError:
        return None


# ----- .ods -------------------------------------------------------------------------------------
_ODS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_ODS[prefix]}}}{name}"


def _ods(package: Package, wanted: Callable[[str], bool]) -> WorkbookGrid:
    if not package.has("content.xml"):
        raise FormatError(DAMAGED_ODS)
    if package.has("META-INF/manifest.xml") and b"encryption-data" in package.read("META-INF/manifest.xml"):
        raise FormatError(ENCRYPTED)
    root = parse_xml(package.read("content.xml"))
    sheets: dict[str, SheetValues] = {}
    for table in root.iter(_q("table", "table")):
        name = table.get(_q("table", "name"), "")
        if wanted(name):
            sheets[name] = _ods_table(table)
    saved = None
    if package.has("meta.xml"):
        node = parse_xml(package.read("meta.xml")).find(".//dc:date", _ODS)
        saved = _stamp(node.text if node is not None else None)
    return WorkbookGrid("ods", sheets, saved)


def _ods_table(table: Any) -> SheetValues:
    values = SheetValues()
    for row in table.iter(_q("table", "table-row")):
        cells: list[Any] = []
        formulas: list[int] = []
        for cell in row:
            if cell.tag not in (_q("table", "table-cell"), _q("table", "covered-table-cell")):
                continue
            repeat = min(int(cell.get(_q("table", "number-columns-repeated"), "1") or 1), MAX_GRID_COLUMNS)
            value, missing = _ods_value(cell)
            for _ in range(repeat):
                if len(cells) >= MAX_GRID_COLUMNS:
                    break
                if missing:
                    formulas.append(len(cells) + 1)
                cells.append(value)
        repeat = int(row.get(_q("table", "number-rows-repeated"), "1") or 1)
        if not any(v not in (None, "") for v in cells):
            repeat = min(repeat, 1)  # trailing empty rows are stored as one repeated row
        for _ in range(min(repeat, MAX_GRID_ROWS + 1 - len(values.rows))):
            values.rows.append(tuple(cells))
            values.formulas.update((len(values.rows), column) for column in formulas)
        if len(values.rows) > MAX_GRID_ROWS:
            break
    return values


def _ods_value(cell: Any) -> tuple[Any, bool]:
    """(value, formula without a value) of one ODS cell."""
    kind = cell.get(_q("office", "value-type"))
    formula = cell.get(_q("table", "formula"))
    if kind in ("float", "percentage", "currency"):
        try:
            number = float(cell.get(_q("office", "value"), ""))
        except ValueError:
            return None, formula is not None
        return (int(number) if number.is_integer() and kind != "percentage" else number), False
    if kind == "date":
        text = cell.get(_q("office", "date-value"), "")
        try:
            found = datetime.fromisoformat(text)
        except ValueError:
            return text, False
        return (found.date() if len(text) <= 10 else found), False
    if kind == "boolean":
        return cell.get(_q("office", "boolean-value")) == "true", False
    paragraphs = ["".join(p.itertext()) for p in cell.iter(_q("text", "p"))]
    text = "\n".join(paragraphs)
    if kind in ("string", None) and (text or kind == "string"):
        return text, False
    if kind == "time":
        return text, False
    return None, formula is not None


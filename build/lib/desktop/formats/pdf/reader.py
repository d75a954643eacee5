"""Importing the ruled annex table of a PDF with a text layer (pdfplumber), across page breaks.

Each page's ruled table is found from its lines; its cells keep their geometry, so merged cells
come from their extent over the rows and over one set of column edges shared by all pages (a
table split into several tables with different grids still lines up). The pages are then sewn
into one :class:`RawTable`:

- a row broken by a page break continues at the top of the next page: its first body row (after
  a repeated header) is joined to the last row above when it has no row number (序号) and the
  text it continues does not end a sentence, or when it is blank;
- a blank cell at the top of a page continues the merged cell above (a category or a unit that
  the page break cut); a category restated on the new page is left to the table reader, which
  treats equal consecutive categories as one;
- the line breaks inside a cell are the PDF's wrapping in a narrow column, not the author's: the
  lines are joined (with a space only between two Latin letters or digits).

The file is checked by :mod:`desktop.formats.pdf.guard` first (size, page count, decompressed
stream sizes, a text layer at all).
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
import time
from dataclasses import dataclass
from typing import Any

from desktop.formats.errors import FormatError
from desktop.formats.pdf.guard import SCANNED_MESSAGE, check_page, check_pdf_bytes, open_checked
from desktop.formats.tables.raw_table import MAX_COLS, MAX_ROWS, TOO_BIG_MESSAGE, RawCell, RawTable

NO_RULED_TABLE_MESSAGE = "这个 PDF 里没有找到带表格线的表格，无法导入；请向发文单位索取 Word 或 Excel 版本。"
EDGE_TOLERANCE = 2.0  # rows: a cell reaches the next row when it ends this far below its top
COLUMN_TOLERANCE = 1.5  # columns: edges this close are one (lines are snapped only within 1 pt)
# pdfplumber's default 3 pt snapping averages the edges of two differently ruled tables on one page
TABLE_SETTINGS = {"snap_tolerance": 1, "join_tolerance": 3, "intersection_tolerance": 3}
_CLOSING = "。；;！!？?）)”\""
_NUMBER = re.compile(r"^\d{1,5}$")
_LATIN = re.compile(r"[A-Za-z0-9]")


def join_wrapped(text: str) -> str:
    """A cell's lines joined as one text: PDF wrapping in narrow columns is not content."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = ""
    for line in lines:
        if out and _LATIN.match(out[-1]) and _LATIN.match(line[0]):
            out += " "
        out += line
    return out


@dataclass
class _PageCell:
    text: str
    top_row: int  # index into the page table's rows
    bottom_row: int
    x0: float
    x1: float


@dataclass
class _PageTable:
    cells: list[_PageCell]
    n_rows: int
    header_rows: set[int]
    page_start: bool  # the first table on its page: its top may continue the page before


def _edges(values: list[float]) -> list[float]:
    """Column edges: x positions clustered (each cluster no wider than the tolerance)."""
    edges: list[float] = []
    for x in sorted(values):
        if not edges or x - edges[-1] > COLUMN_TOLERANCE:
            edges.append(x)
    return edges


def _column(edges: list[float], x: float) -> int:
    """The edge cluster ``x`` belongs to (clusters start at an edge and are the tolerance wide)."""
    return max(bisect.bisect_right(edges, x + 1e-6) - 1, 0)


def _page_table(table: Any) -> tuple[list[_PageCell], int]:
    rows = table.rows
    texts = table.extract()
    tops = [row.bbox[1] for row in rows]
    cells: list[_PageCell] = []
    for i, row in enumerate(rows):
        for j, bbox in enumerate(row.cells):
            if bbox is None:
                continue
            x0, _, x1, bottom = bbox
            last = i
            while last + 1 < len(tops) and tops[last + 1] < bottom - EDGE_TOLERANCE:
                last += 1
            raw = texts[i][j] if i < len(texts) and j < len(texts[i]) else ""
            cells.append(_PageCell(join_wrapped(raw or ""), i, last, x0, x1))
    return cells, len(rows)


def _signature(cells: list[_PageCell], row: int) -> frozenset[str]:
    return frozenset(re.sub(r"\s+", "", c.text) for c in cells if c.top_row == row and c.text)


class _Sewer:
    """Places the page tables' cells in one grid, joining rows and merges broken by page breaks."""

    def __init__(self, edges: list[float]) -> None:
        self.edges = edges
        self.cells: list[RawCell] = []
        self.n_rows = 0
        self.owner: dict[tuple[int, int], RawCell] = {}

    def _cols(self, cell: _PageCell) -> tuple[int, int]:
        first = _column(self.edges, cell.x0)
        last = max(first + 1, _column(self.edges, cell.x1))
        return first, last - first

    def _above(self, col: int) -> RawCell | None:
        return self.owner.get((self.n_rows - 1, col))

    def _occupy(self, cell: RawCell, first_row: int, last_row: int) -> None:
        for r in range(first_row, last_row + 1):
            for c in range(cell.col, cell.col + cell.colspan):
                self.owner.setdefault((r, c), cell)

    def _is_continuation(self, top: list[_PageCell]) -> bool:
        if self.n_rows == 0:
            return False
        texts = [c for c in top if c.text]
        if not texts:
            return True
        for cell in texts:
            above = self._above(self._cols(cell)[0])
            if _NUMBER.match(cell.text) and above is not None and _NUMBER.match(above.text):
                return False  # a new row number (序号)
        longest = max(texts, key=lambda c: len(c.text))
        above = self._above(self._cols(longest)[0])
        return above is not None and bool(above.text) and above.text.rstrip()[-1] not in _CLOSING

    def add_page(self, page: _PageTable) -> None:
        body = [r for r in range(page.n_rows) if r not in page.header_rows]
        first_body = body[0] if body else None
        top = [c for c in page.cells if c.top_row == first_body]
        continuation = page.page_start and first_body is not None and self._is_continuation(top)
        row_map: dict[int, int] = {}
        for r in range(page.n_rows):
            if r == first_body and continuation:
                row_map[r] = self.n_rows - 1
            else:
                row_map[r] = self.n_rows
                self.n_rows += 1
                if self.n_rows > MAX_ROWS:
                    raise FormatError(TOO_BIG_MESSAGE)
        for cell in sorted(page.cells, key=lambda c: (c.top_row, c.x0)):
            first, span = self._cols(cell)
            if first + span > MAX_COLS:
                raise FormatError(TOO_BIG_MESSAGE)
            start, end = row_map[cell.top_row], row_map[cell.bottom_row]
            joins = page.page_start and cell.top_row == first_body and (continuation or not cell.text)
            above = self.owner.get((start if continuation else start - 1, first)) if joins else None
            if above is not None:
                if cell.text:
                    above.text = join_wrapped(above.text + "\n" + cell.text)
                above.rowspan = max(above.rowspan, end - above.row + 1)
                self._occupy(above, above.row, end)
                continue
            raw = RawCell(cell.text, start, first, end - start + 1, span)
            self.cells.append(raw)
            self._occupy(raw, start, end)

    def table(self, before: list[str]) -> RawTable:
        n_cols = max(len(self.edges) - 1, 1)
        grid: list[list[RawCell | None]] = [[self.owner.get((r, c)) for c in range(n_cols)]
                                            for r in range(self.n_rows)]
        widths = [self.edges[i + 1] - self.edges[i] for i in range(n_cols)]
        return RawTable(grid, n_cols, [False] * self.n_rows, widths, True, False, before)


def _text_above(page: Any, top: float) -> list[str]:
    if top <= 1:
        return []
    text = page.crop((0, 0, page.width, top)).extract_text() or ""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _split_at_headers(page: _PageTable) -> list[_PageTable]:
    """A page table cut before each header row that is not its first row (a new table begins)."""
    cuts = sorted(r for r in page.header_rows if r > 0)
    if not cuts:
        return [page]
    parts: list[_PageTable] = []
    bounds = [0, *cuts, page.n_rows]
    for index, (low, high) in enumerate(itertools.pairwise(bounds)):
        cells = [_PageCell(c.text, c.top_row - low, min(c.bottom_row, high - 1) - low, c.x0, c.x1)
                 for c in page.cells if low <= c.top_row < high]
        headers = {r - low for r in page.header_rows if low <= r < high}
        parts.append(_PageTable(cells, high - low, headers, page.page_start and index == 0))
    return parts


def _same_edges(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= COLUMN_TOLERANCE for x, y in zip(a, b, strict=True))


def _logical_tables(parts: list[_PageTable]) -> list[list[_PageTable]]:
    """Parts grouped into the tables they belong to: a header inside a page starts a new table,
    a header at the top of a page only when the columns differ from the table running above."""
    tables: list[list[_PageTable]] = []
    for part in parts:
        starts_with_header = 0 in part.header_rows
        if tables and starts_with_header and part.page_start:
            running = _edges([v for p in tables[-1] for c in p.cells for v in (c.x0, c.x1)])
            own = _edges([v for c in part.cells for v in (c.x0, c.x1)])
            starts_with_header = not _same_edges(running, own)
        if not tables or starts_with_header:
            tables.append([part])
        else:
            tables[-1].append(part)
    return tables


def pdf_tables(data: bytes) -> tuple[list[RawTable], int]:
    """The ruled tables of a PDF (pages sewn together, one per table begun with a header) and
    the number of pages."""
    check_pdf_bytes(data)
    started = time.monotonic()
    pdf = open_checked(io.BytesIO(data))
    try:
        parts: list[_PageTable] = []
        before: list[str] = []
        signature: frozenset[str] | None = None
        has_text = False
        for page in pdf.pages:
            check_page(page, started)
            has_text = has_text or bool(page.chars)
            found = sorted(page.find_tables(TABLE_SETTINGS), key=lambda t: t.bbox[1])
            for index, table in enumerate(found):
                cells, n_rows = _page_table(table)
                if not cells:
                    continue
                if signature is None:
                    signature = _signature(cells, 0)
                    before = _text_above(page, table.bbox[1])
                headers = {r for r in range(n_rows) if _signature(cells, r) == signature}
                parts.extend(_split_at_headers(_PageTable(cells, n_rows, headers, index == 0)))
            page.flush_cache()
        n_pages = len(pdf.pages)
    finally:
        pdf.close()
    if not has_text:
        raise FormatError(SCANNED_MESSAGE)
    if not parts:
        raise FormatError(NO_RULED_TABLE_MESSAGE)
    tables: list[RawTable] = []
    total_rows = 0
    for group in _logical_tables(parts):
        sewer = _Sewer(_edges([v for part in group for c in part.cells for v in (c.x0, c.x1)]))
        for part in group:
            sewer.add_page(part)
        total_rows += sewer.n_rows
        if total_rows > MAX_ROWS:
            raise FormatError(TOO_BIG_MESSAGE)
        tables.append(sewer.table(before if not tables else []))
    return tables, n_pages

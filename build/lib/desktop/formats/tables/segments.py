"""Normalising raw tables before reading: split at repeated headers, drop sliver grid columns.

One file table may hold several page segments, each starting with the header again (an Excel
sheet, or LibreOffice's HTML export, which puts a whole split table into one grid). And a grid
may have columns that no cell starts in: LibreOffice's HTML builds one grid for segments of
different widths, Word leaves slivers after column edits. Each segment becomes its own
:class:`RawTable` whose columns are exactly the cell boundaries used in it.
"""

from __future__ import annotations

from itertools import pairwise

from desktop.formats.tables.header import find_header, is_header_row
from desktop.formats.tables.raw_table import RawCell, RawTable


def split_segments(table: RawTable) -> list[RawTable]:
    """The table cut before every header row that follows body rows, each part compacted."""
    info = find_header(table)
    cuts = [0]
    if info.header_rows:
        row = info.body_start
        while row < table.n_rows:
            if is_header_row(table, row):
                cuts.append(row)
                while row + 1 < table.n_rows and is_header_row(table, row + 1):
                    row += 1
            row += 1
    cuts.append(table.n_rows)
    parts = []
    for index, (start, end) in enumerate(pairwise(cuts)):
        if end > start:
            parts.append(compact(table, start, end, table.before if index == 0 else []))
    return parts


def compact(table: RawTable, start: int, end: int, before: list[str]) -> RawTable:
    """Rows start..end-1 with only the grid columns where some cell (or gap) begins."""
    rows = table.grid[start:end]
    starts: set[int] = set()
    for row in rows:
        previous: RawCell | None = None
        for col, cell in enumerate(row):
            gap_goes_on = cell is None and previous is None and col > 0
            if (col == 0 or cell is not previous) and not gap_goes_on:
                starts.add(col)
            previous = cell
    keep = sorted(starts) or [0]
    widths: list[float] = []
    if len(table.widths) == table.n_cols:
        bounds = [*keep, table.n_cols]
        widths = [sum(table.widths[a:b]) for a, b in pairwise(bounds)]
    grid = [[row[c] for c in keep] for row in rows]
    return RawTable(grid, len(keep), table.header_marked[start:end], widths, table.merges_known,
                    table.blank_continues, list(before))

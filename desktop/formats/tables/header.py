"""Finding the header of an imported table: title rows above it, header rows, and column labels.

A header row holds short labels, most of them known (序号, 工作任务, 责任单位 …), and no numbered
text; a file may also flag it as a repeated header row. Several header rows stack (工作任务 over
一级任务 | 二级任务); a row of column numbers (1 2 3 …) under them belongs to the header too. Rows
above the header holding one short text each (附件, the title) are title rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.numbering import split_number
from desktop.formats.tables.column_map import MAX_LABEL_CHARS, classify_label, normalise_label
from desktop.formats.tables.raw_table import RawTable

MAX_HEADER_ROWS = 4
MAX_TITLE_ROWS = 6


@dataclass
class HeaderInfo:
    title_rows: int  # rows above the header (附件, title) that belong to the context
    header_rows: int  # rows of labels (and column numbers) after the title rows
    labels: list[str]  # one label per grid column ("" where none)

    @property
    def body_start(self) -> int:
        return self.title_rows + self.header_rows

    def signature(self) -> tuple[str, ...]:
        return tuple(normalise_label(label) for label in self.labels)


def is_header_row(table: RawTable, row: int) -> bool:
    texts = [t for t in dict.fromkeys(table.row_texts(row)) if t]
    if not texts:
        return False
    if any(len(normalise_label(t)) > MAX_LABEL_CHARS or split_number(t)[0] for t in texts):
        return False
    known = sum(1 for t in texts if classify_label(t) is not None)
    if table.is_marked_header(row):
        return known >= 1
    return (known >= 2 and known * 2 >= len(texts)) or (known == 1 and len(texts) == 1 == table.n_cols)


def _is_column_number_row(texts: list[str]) -> bool:
    values = [t for t in dict.fromkeys(texts) if t]
    return len(values) >= 2 and values == [str(i) for i in range(1, len(values) + 1)]


def _is_title_row(table: RawTable, row: int) -> bool:
    texts = [t for t in dict.fromkeys(table.row_texts(row)) if t]
    return len(texts) <= 1 and all(len(t) <= 120 for t in texts)


def find_header(table: RawTable) -> HeaderInfo:
    """Title rows, header rows and labels of a table (0 header rows when none is recognisable)."""
    start = None
    for row in range(min(table.n_rows, MAX_TITLE_ROWS + 1)):
        if is_header_row(table, row):
            start = row
            break
        if not _is_title_row(table, row):
            break
    if start is None:
        return HeaderInfo(0, 0, [""] * table.n_cols)
    end = start + 1
    while end < table.n_rows and end - start < MAX_HEADER_ROWS and is_header_row(table, end):
        end += 1
    label_rows = list(range(start, end))
    if end < table.n_rows and _is_column_number_row(table.row_texts(end)):
        end += 1
    return HeaderInfo(start, end - start, column_labels(table, label_rows))


def column_labels(table: RawTable, rows: list[int]) -> list[str]:
    """Per column, the lowest header label that is known, else the lowest non-empty one."""
    labels: list[str] = []
    for col in range(table.n_cols):
        texts = [cell.text.strip() if (cell := table.grid[r][col]) is not None else "" for r in rows]
        texts = [t for t in texts if t]
        known = [t for t in texts if classify_label(t) is not None]
        labels.append(known[-1] if known else (texts[-1] if texts else ""))
    return labels


def is_repeated_header(table: RawTable, row: int, signature: tuple[str, ...]) -> bool:
    """A body row that restates the header labels (a header repeated by hand in the middle)."""
    if not is_header_row(table, row):
        return False
    labels = tuple(normalise_label(t) for t in table.row_texts(row))
    return labels == signature or all(not t or t in signature for t in labels)

"""Read an exported ``w:tbl`` back into merged cells: (row, col, rowspan, colspan) and text.

Resolves ``w:gridSpan`` (horizontal) and ``w:vMerge`` restart/continue (vertical; a bare
``<w:vMerge/>`` continues), so a test can compare a .docx table with the layout grid it came from.
Header rows (``w:tblHeader``) are returned apart from body rows, each numbered from 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import docx
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class ReadCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    tc: etree._Element = field(repr=False)

    @property
    def span(self) -> tuple[int, int, int, int]:
        return (self.row, self.col, self.rowspan, self.colspan)


@dataclass
class ReadTable:
    header: list[ReadCell]
    body: list[ReadCell]
    header_rows: int
    body_rows: int
    rows: list[etree._Element]  # every w:tr, header rows first

    def body_spans(self) -> set[tuple[int, int, int, int]]:
        return {c.span for c in self.body}

    def header_spans(self) -> set[tuple[int, int, int, int]]:
        return {c.span for c in self.header}


def cell_text(tc: etree._Element) -> str:
    """Paragraphs joined with newlines; w:br and w:tab read as newline and tab."""
    lines = []
    for p in tc.iter(f"{W}p"):
        parts = []
        for node in p.iter(f"{W}t", f"{W}br", f"{W}tab"):
            if node.tag == f"{W}t":
                parts.append(node.text or "")
            else:
                parts.append("\n" if node.tag == f"{W}br" else "\t")
        lines.append("".join(parts))
    return "\n".join(lines)


def _spans(rows: list[etree._Element]) -> list[ReadCell]:
    cells: list[ReadCell] = []
    open_at: dict[int, ReadCell] = {}  # first grid column -> cell that may continue downwards
    for r, tr in enumerate(rows):
        col = 0
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span_el = tcpr.find(f"{W}gridSpan") if tcpr is not None else None
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            merge_el = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            merge = None if merge_el is None else (merge_el.get(f"{W}val") or "continue")
            above = open_at.get(col)
            if merge == "continue":
                if above is None or above.colspan != span or above.row + above.rowspan != r:
                    raise AssertionError(f"vMerge continue at row {r}, column {col} has no cell above")
                above.rowspan += 1
            else:
                cell = ReadCell(r, col, 1, span, cell_text(tc), tc)
                cells.append(cell)
                open_at[col] = cell
            col += span
    return cells


def read_table(tbl: etree._Element) -> ReadTable:
    rows = tbl.findall(f"{W}tr")
    header_rows = 0
    for tr in rows:
        trpr = tr.find(f"{W}trPr")
        if trpr is None or trpr.find(f"{W}tblHeader") is None:
            break
        header_rows += 1
    header = _spans(rows[:header_rows])
    body = _spans(rows[header_rows:])
    return ReadTable(header, body, header_rows, len(rows) - header_rows, rows)


def read_docx_table(path: Path, index: int = 0) -> ReadTable:
    """The ``index``-th table of the .docx at ``path``."""
    document = docx.Document(str(path))
    return read_table(document.tables[index]._tbl)

"""The annex tables of document.xml as XML text, row by row, for the streaming .docx writer.

Fixed layout over the type-area width (``tblLayout fixed``, one ``gridCol`` per style column),
horizontal spans as ``w:gridSpan``, vertical merges as ``w:vMerge`` restart/continue, the header
row(s) marked ``w:tblHeader`` and every row ``w:cantSplit``. Paragraphs carry no direct formatting,
only a named style (``styles_xml``), which keeps document.xml near 1 KB per row.

With a page plan each page's rows get ``w:trHeight`` (at least the planned height, less the half
point rule Word and LibreOffice add), so Word draws the rows as tall as the PDF does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from xml.sax.saxutils import escape

from desktop.core.style import TableStyle
from desktop.core.textclean import clean_text
from desktop.formats.docx.styles_xml import BODY_STYLE_IDS
from desktop.layout.grid import GridCell
from desktop.layout.page_plan import CELL_PADDING_V_PT

BORDER_EIGHTHS = 4  # single 0.5 pt lines
CELL_MARGIN_H_TWIPS = 85  # 1.5 mm left and right inside each cell (the plan's 4.25 pt)
CELL_MARGIN_V_TWIPS = round(CELL_PADDING_V_PT * 20) - 10  # the plan's 3 pt, less half a point for the rule
RULE_TWIPS = 10  # the 0.5 pt rule a renderer may add to each row


def table_start(widths: Sequence[int]) -> str:
    """``<w:tbl>`` with its properties and grid (the caller closes it with ``</w:tbl>``)."""
    borders = "".join(f'<w:{edge} w:val="single" w:sz="{BORDER_EIGHTHS}" w:space="0" w:color="000000"/>'
                      for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:top w:w="{CELL_MARGIN_V_TWIPS}" w:type="dxa"/>'
            f'<w:left w:w="{CELL_MARGIN_H_TWIPS}" w:type="dxa"/>'
            f'<w:bottom w:w="{CELL_MARGIN_V_TWIPS}" w:type="dxa"/>'
            f'<w:right w:w="{CELL_MARGIN_H_TWIPS}" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>')


def paragraphs(text: str, style_id: str) -> str:
    """One paragraph per line of ``text`` (at least one), each in style ``style_id``."""
    out = []
    for line in clean_text(text).split("\n"):
        run = ""
        if line:
            space = ' xml:space="preserve"' if line != line.strip() else ""
            run = f"<w:r><w:t{space}>{escape(line)}</w:t></w:r>"
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{run}</w:p>')
    return "".join(out)


class CellStyles:
    """Which named style each cell's paragraphs take; remembers the ones used."""

    def __init__(self, style: TableStyle) -> None:
        self.style = style
        self.requirement = BODY_STYLE_IDS[next(c.align for c in style.columns if c.kind == "requirement")]
        self.used: set[str] = set()

    def of(self, cell: GridCell | None) -> str:
        if cell is None:
            found = BODY_STYLE_IDS["center"]
        elif cell.role == "header":
            found = "Head"
        elif cell.role == "requirement":
            found = self.requirement
        else:
            found = BODY_STYLE_IDS.get(self.style.columns[cell.col].align, BODY_STYLE_IDS["center"])
        self.used.add(found)
        return found


def _cell(width: int, span: int, merge: str | None, style_id: str, text: str) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>' if span > 1 else ""  # one column: tblGrid says it
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    body = paragraphs(text if merge != "continue" else "", style_id)
    return f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>{body}</w:tc>'


def owner_rows(cells: Sequence[GridCell], n_rows: int, n_cols: int) -> list[list[int]]:
    """For each row and column, the index in ``cells`` of the cell covering it (-1: none)."""
    owner = [[-1] * n_cols for _ in range(n_rows)]
    for index, cell in enumerate(cells):
        for r in range(cell.row, cell.row + cell.rowspan):
            row = owner[r]
            for c in range(cell.col, cell.col + cell.colspan):
                row[c] = index
    return owner


def rows(cells: Sequence[GridCell], owner: Sequence[Sequence[int]], widths: Sequence[int],
         styles: CellStyles, *, header: bool, heights: Sequence[float] | None = None,
         may_split: Sequence[bool] | None = None) -> Iterator[str]:
    """One ``w:tr`` per row of ``owner``; ``heights`` (points) sets each row's least height.

    Every row is kept whole on a page (``cantSplit``) unless ``may_split`` says otherwise.
    """
    n_cols = len(widths)
    for r, row_owner in enumerate(owner):
        props = "" if may_split is not None and may_split[r] else "<w:cantSplit/>"
        if heights is not None:
            props += f'<w:trHeight w:val="{max(round(heights[r] * 20) - RULE_TWIPS, 1)}" w:hRule="atLeast"/>'
        if header:
            props += "<w:tblHeader/>"
        parts = [f"<w:tr><w:trPr>{props}</w:trPr>" if props else "<w:tr>"]
        c = 0
        while c < n_cols:
            index = row_owner[c]
            if index < 0:  # a hole in the grid: an empty cell keeps the table rectangular
                parts.append(_cell(widths[c], 1, None, styles.of(None), ""))
                c += 1
                continue
            cell = cells[index]
            span = cell.last_col - c + 1
            merge = None if cell.rowspan == 1 else ("restart" if cell.row == r else "continue")
            parts.append(_cell(sum(widths[c:c + span]), span, merge, styles.of(cell), cell.text))
            c += span
        parts.append("</w:tr>")
        yield "".join(parts)

"""One page plan for every output: which rows stand on which page, how tall each row is, what each cell shows.

The PDF, the print path, the .docx and the .xlsx all print the pages computed here, so they have
the same number of pages, the same rows on each page and the same restated categories. The .docx
and .xlsx are laid out again by Word, WPS, Excel or LibreOffice with fonts Fenjie cannot see, so
the plan measures text *conservatively*, without any font file:

- a CJK character or full-width punctuation mark is one em wide in every CJK face (GB 2312 faces,
  SimSun, FangSong, WenQuanYi, Droid Sans Fallback ... all draw them on a square em); so a line of
  Chinese text that fits here fits in any renderer;
- a Latin letter, digit or ASCII sign is counted ``NARROW_EM`` (0.62 em; upper case and ``MW@%&``
  ``WIDE_NARROW_EM``, 0.8 em): the official faces draw them half an em wide, the widest fallback
  faces (DejaVu Sans digits 0.64 em, capitals up to 0.78 em) no wider than this;
- every line keeps ``LINE_SLACK_PT`` spare (covers rounding column widths to twips or pixels and the
  half-point rule between cells), and every row ``ROW_SLACK_PT`` (a renderer adding the rule's width
  to the row); every page keeps ``PAGE_SLACK_PT`` (the 1 pt paragraph Word needs after a table);
- line height is ``LINE_HEIGHT_FACTOR`` (1.3) em, which the .docx fixes as exact line spacing, so
  Word's own line height (1.0–1.4 em depending on the face) never matters.

Rows whose measured height here is larger than a renderer's need just show a little more white
space; a page never receives more than it can hold. See docs/layout.md, "One page plan".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from desktop.core.style import TableStyle
from desktop.layout.grid import Grid, GridCell
from desktop.layout.linebreak import Line, break_lines
from desktop.layout.page import geometry, mm_to_pt
from desktop.layout.paginate import PagePlan, Paginator, RowMetrics, row_heights

LINE_HEIGHT_FACTOR = 1.3  # exact line spacing of table text, in ems
NARROW_EM = 0.62
WIDE_NARROW_EM = 0.8
_WIDE_NARROW = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZmw@%&")
CELL_PADDING_H_PT = 4.25  # 1.5 mm inside each cell, left and right
CELL_PADDING_V_PT = 3.0  # above and below
LINE_SLACK_PT = 1.5
ROW_SLACK_PT = 0.0  # the vertical padding (6 pt) already exceeds Word's cell margins + rule by 1 pt
PAGE_SLACK_PT = 4.0
LINE_PITCH_PT = 29.0  # one GB/T 9704 line (22 lines in the 225 mm type area): label and title lines
TITLE_GAP_PT = 14.0  # white space between the title and the table
CONTINUED_MARKER = "（续）"
CACHE_LIMIT = 4096


def width_em(text: str) -> float:
    """Conservative width of ``text`` in ems (see the module docstring)."""
    total = 0.0
    for ch in text:
        if ord(ch) < 0x2E80 and ch not in "“”‘’—…·":
            total += WIDE_NARROW_EM if ch in _WIDE_NARROW else NARROW_EM
        else:
            total += 1.0
    return total


def text_lines(text: str, width_pt: float, size_pt: float) -> list[Line]:
    """``text`` broken into lines as every renderer fits at least as much into ``width_pt``."""
    room = max(width_pt - LINE_SLACK_PT, size_pt)
    return break_lines(text, room, lambda piece: width_em(piece) * size_pt)


def leading(size_pt: float) -> float:
    return size_pt * LINE_HEIGHT_FACTOR


def title_pitch(size_pt: float) -> float:
    """Line pitch of the title: one official line, or more for a very large title face."""
    return max(LINE_PITCH_PT, leading(size_pt))


def join_lines(lines: Sequence[Line]) -> str:
    """The text of consecutive lines: paragraph ends become newlines, Latin words keep a space."""
    parts: list[str] = []
    for index, line in enumerate(lines):
        parts.append(line.text)
        if index == len(lines) - 1:
            break
        following = lines[index + 1].text
        if line.last:
            parts.append("\n")
        elif line.text[-1:].isascii() and line.text[-1:].isalnum() and following[:1].isascii() \
                and following[:1].isalnum():
            parts.append(" ")
    return "".join(parts)


@dataclass(frozen=True)
class PlannedPage:
    """One page: body rows ``first_row..last_row`` of the grid, their heights, and the cells printed.

    ``cells`` have rows counted from 0 on this page and the text printed there: a continued merged
    cell restated, the part of a row taller than a page that falls on this page.
    """

    first_row: int
    last_row: int
    heights: tuple[float, ...]
    cells: tuple[GridCell, ...]
    plan: PagePlan

    @property
    def row_count(self) -> int:
        return len(self.heights)


@dataclass(frozen=True)
class TablePlan:
    """The pages of one grid and the measures shared by every writer (points)."""

    style: TableStyle
    column_widths: tuple[float, ...]
    header_heights: tuple[float, ...]
    title_lines: int
    title_height: float  # from the type area's top to the table on the first page
    pages: tuple[PlannedPage, ...]

    @property
    def header_height(self) -> float:
        return sum(self.header_heights)


def column_widths_pt(style: TableStyle) -> list[float]:
    """Each column's width: the style's relative widths scaled to the type area's width."""
    total = mm_to_pt(geometry(style.orientation).type_width)
    weights = [c.width for c in style.columns]
    scale = total / sum(weights)
    return [w * scale for w in weights]


def title_height(attachment_label: str, title_lines: int, pitch: float) -> float:
    """Label on line 1, line 2 blank, the title from line 3, then a gap (GB/T 9704 annex)."""
    if not attachment_label.strip() and title_lines == 0:
        return 0.0
    if title_lines == 0:
        return LINE_PITCH_PT + TITLE_GAP_PT
    return 2 * LINE_PITCH_PT + title_lines * pitch + TITLE_GAP_PT


def plan_table(grid: Grid) -> TablePlan:
    """The page plan of ``grid`` on the GB/T 9704 page of its style."""
    style = grid.style
    widths = column_widths_pt(style)

    def inner(cell: GridCell) -> float:
        return sum(widths[cell.col:cell.last_col + 1]) - 2 * CELL_PADDING_H_PT

    cache: dict[tuple[str, int, int], list[Line]] = {}

    def body_lines(cell: GridCell) -> list[Line]:
        key = (cell.text, cell.col, cell.colspan)
        found = cache.get(key)
        if found is None:
            if len(cache) > CACHE_LIMIT:  # pages are planned in order: old texts are not asked again
                cache.clear()
            found = cache[key] = text_lines(cell.text, inner(cell), style.body_font_size)
        return found

    padding = 2 * CELL_PADDING_V_PT + ROW_SLACK_PT
    header_counts = [(c, len(text_lines(c.text, inner(c), style.header_font_size))) for c in grid.header]
    headers = row_heights(header_counts, grid.header_rows,
                          RowMetrics(leading(style.header_font_size), padding))
    total_width = sum(widths)
    title = grid.title.strip()
    n_title = len(text_lines(title, total_width, style.title_font_size)) if title else 0
    top = title_height(grid.attachment_label, n_title, title_pitch(style.title_font_size))
    type_height = mm_to_pt(geometry(style.orientation).type_height)
    paginator = Paginator(grid, body_lines, RowMetrics(leading(style.body_font_size), padding),
                          style.restate_continued, CONTINUED_MARKER if style.continued_marker else "")
    plans = paginator.paginate(
        lambda index: type_height - sum(headers) - PAGE_SLACK_PT - (top if index == 0 else 0.0))
    pages = []
    for plan in plans:
        cells = []
        for cell, lines in paginator.page_cells(plan):
            full = body_lines(cell)
            text = cell.text if len(lines) == len(full) else join_lines(lines)
            cells.append(replace(cell, text=text))
        pages.append(PlannedPage(plan.first_row, plan.last_row, plan.heights, tuple(cells), plan))
    return TablePlan(style, tuple(widths), tuple(headers), n_title, top, tuple(pages))


def rows_taller_than_a_page(grid: Grid) -> list[bool]:
    """For a table Word paginates itself: which body rows (measured as the plan measures them,
    merged cells counted whole) would not fit on a page below the header, and so must be allowed
    to break across pages (Word cannot place a row that may not split and is taller than a page)."""
    style = grid.style
    widths = column_widths_pt(style)
    padding = 2 * CELL_PADDING_V_PT + ROW_SLACK_PT

    def counts(cells: Sequence[GridCell], size: float) -> list[tuple[GridCell, int]]:
        return [(c, len(text_lines(c.text, sum(widths[c.col:c.last_col + 1]) - 2 * CELL_PADDING_H_PT, size)))
                for c in cells]

    headers = row_heights(counts(grid.header, style.header_font_size), grid.header_rows,
                          RowMetrics(leading(style.header_font_size), padding))
    heights = row_heights(counts(grid.cells, style.body_font_size), grid.n_rows,
                          RowMetrics(leading(style.body_font_size), padding))
    room = mm_to_pt(geometry(style.orientation).type_height) - sum(headers) - PAGE_SLACK_PT
    return [height > room for height in heights]

"""From raw tables to a plan: grouping continued tables, mapping columns, reading rows.

Shared by the .docx, .xlsx and clipboard readers. Consecutive tables with the same header (or a
table with no header of its own and as many columns) are one table split at page breaks; their
repeated header rows are dropped. The largest such table is the annex. Each body row becomes a
:class:`TableRow`: the category cells left of the requirement (a requirement cell spanning level
columns makes a leaf at the shallower depth), the requirement, and the attribute values with
"merged with the row above" taken from the file's merged cells — or, at the top of a continued
table, from a value restated equal to the one above. ``plan_from_rows`` builds the tree.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.model import Plan
from desktop.core.numbering import split_number
from desktop.formats.errors import FormatError
from desktop.formats.tables.column_map import ColumnRole, choose_style
from desktop.formats.tables.context import context_from_paragraphs
from desktop.formats.tables.groups import group_tables
from desktop.formats.tables.header import HeaderInfo, is_repeated_header
from desktop.formats.tables.raw_table import RawCell, RawTable
from desktop.formats.tables.rows import TableRow, plan_from_rows
from desktop.formats.tables.segments import split_segments

NO_TABLE_MESSAGE = "这个文件里没有找到表格。"
NO_ROWS_MESSAGE = "表格里没有找到任务行。"
_CONTINUED_MARKERS = ("（续）", "(续)", "（续表）", "(续表)")


def plan_from_tables(tables: Sequence[RawTable], title: str | None = None,
                     roles: Sequence[ColumnRole] | None = None) -> Plan:
    """The plan held by the largest table (group of continued tables); FormatError if none.

    ``roles`` (one per grid column, as the user corrected them in the import preview) replace
    the detected roles of every segment with that many columns.
    """
    groups = group_tables([segment for table in tables for segment in split_segments(table)])
    if not groups:
        raise FormatError(NO_TABLE_MESSAGE)
    group = max(groups, key=lambda g: g.body_rows())
    if roles is not None:
        for member in group.members:
            if len(roles) == member.table.n_cols:
                member.roles = list(roles)
    first = group.members[0]
    before = list(first.table.before)
    for r in range(first.header.title_rows):
        before.extend(t for t in dict.fromkeys(first.table.row_texts(r)) if t)
    context = context_from_paragraphs(before)
    reader = _RowReader()
    keys: dict[str, None] = {}
    for member in group.members:
        if member.roles is None or not any(r.kind == "requirement" for r in member.roles):
            continue
        keys.update((str(r.attr), None) for r in member.roles if r.kind == "attr" and r.attr)
        reader.read(member.table, member.header, member.roles)
    rows = reader.finish()
    styled = group.style_member()
    if not rows or styled.roles is None:
        raise FormatError(NO_ROWS_MESSAGE)
    style = choose_style(styled.roles, styled.table.widths)
    fields: dict[str, object] = {"style": style.to_dict(),
                                 "attachment_label": context.attachment_label or "附件"}
    if context.year is not None:
        fields["year"] = context.year
    if reader.notes:
        fields["note"] = "\n".join(reader.notes)
    return plan_from_rows(rows, title if title is not None else context.title, tuple(keys), **fields)


class _RowReader:
    """Turns body rows of one or more continued tables into TableRows."""

    def __init__(self) -> None:
        self.signature: tuple[str, ...] = ()
        self.level_cols: list[tuple[int, int]] = []
        self.req_col = 0
        self.attr_cols: list[tuple[int, str]] = []
        self.rows: list[TableRow] = []
        self.notes: list[str] = []
        self.section: list[str] = []
        self.pending: TableRow | None = None  # a row with categories but no requirement
        self.prev_path: list[str] = []
        self.prev_req: RawCell | None = None
        self.prev_attr: dict[str, RawCell | None] = {}
        self.prev_value: dict[str, str] = {}

    def read(self, table: RawTable, header: HeaderInfo, roles: list[ColumnRole]) -> None:
        """Read the body rows of one segment whose columns have the given roles."""
        self.signature = header.signature()
        self.level_cols = sorted((r.level or 0, i) for i, r in enumerate(roles) if r.kind == "level")
        self.req_col = next(i for i, r in enumerate(roles) if r.kind == "requirement")
        self.attr_cols = [(i, str(r.attr)) for i, r in enumerate(roles) if r.kind == "attr" and r.attr]
        self.prev_attr = {}
        start = header.body_start
        new_segment = bool(self.rows) or self.pending is not None
        self.prev_req = None
        for r in range(start, table.n_rows):
            texts = table.row_texts(r)
            if not any(texts):
                continue
            if is_repeated_header(table, r, self.signature):
                new_segment = True
                self.prev_req = None
                continue
            if self._full_width(table, r):
                continue
            self._read_row(table, r, new_segment)
            new_segment = False

    def _full_width(self, table: RawTable, r: int) -> bool:
        """A row that is one cell across the table: a numbered section heading or a note.

        Only in tables with attribute columns: without them, a leaf spanning the level columns and
        the requirement would look the same.
        """
        cells = table.row_cells(r)
        if not self.attr_cols or len(cells) != 1 or any(c is not cells[0] for c in table.grid[r]):
            return False
        text = cells[0].text.strip()
        if split_number(text)[0]:
            self._flush_pending()
            self.section = [text]
        else:
            self.notes.append(text)
        return True

    def _read_row(self, table: RawTable, r: int, new_segment: bool) -> None:
        grid = table.grid[r]
        req_cell = grid[self.req_col] if self.req_col < len(grid) else None
        path_cells: list[RawCell] = []
        path: list[str] = []
        new_category: RawCell | None = None  # the outermost category that begins in this row
        for _, col in self.level_cols:
            cell = grid[col]
            if cell is not None and cell is req_cell:
                break
            if cell is None or (path_cells and path_cells[-1] is cell):
                path.append("")
                continue
            path_cells.append(cell)
            path.append(_category_text(cell.text))
            index = len(path) - 1
            if new_category is None and (index >= len(self.prev_path) or path[-1] != self.prev_path[index]):
                new_category = cell
        if not table.merges_known:
            path = self._fill_down(path)
        text = req_cell.text.strip() if req_cell is not None else ""
        if req_cell is not None and req_cell is self.prev_req and text and self.rows:
            self._merge_into_previous(table, r, req_cell, path_cells)
            return
        self.prev_req = req_cell
        attrs, merged = self._attributes(table, r, req_cell, path_cells, new_segment, new_category)
        full_path = self.section + [p for p in path if p]
        row = TableRow(full_path, text, attrs, merged)
        self._emit(row, path)

    def _fill_down(self, path: list[str]) -> list[str]:
        """Without merge information, a blank category cell under a continued one repeats the row above."""
        out: list[str] = []
        continuing = True
        for index, text in enumerate(path):
            above = self.prev_path[index] if index < len(self.prev_path) else ""
            if not text and continuing and above:
                text = above
            continuing = continuing and text == above
            out.append(text)
        return out

    def _attributes(self, table: RawTable, r: int, req_cell: RawCell | None, path_cells: list[RawCell],
                    new_segment: bool,
                    new_category: RawCell | None = None) -> tuple[dict[str, str], set[str]]:
        """The row's attribute values, and which of them continue the value above.

        At the top of a continued table a value equal to the one above continues it (restated by
        hand or by Fenjie) unless its cell lies within a category that begins in this row: then the
        value belongs to that new category, which merely happens to start a page.
        """
        attrs: dict[str, str] = {}
        merged: set[str] = set()
        has_previous = bool(self.rows) or self.pending is not None
        for col, key in self.attr_cols:
            cell = table.grid[r][col]
            if cell is not None and (cell is req_cell or any(cell is p for p in path_cells)):
                cell = None
            value = cell.text.strip() if cell is not None else ""
            previous = self.prev_value.get(key, "")
            same_cell = cell is not None and cell is self.prev_attr.get(key) and not new_segment
            inside_new = (cell is not None and new_category is not None and cell.row >= new_category.row
                          and cell.last_row <= new_category.last_row)
            restated = new_segment and value and value == previous and has_previous and not inside_new
            if same_cell or restated:
                merged.add(key)
            elif table.blank_continues and not value and has_previous and previous:
                value = previous
                merged.add(key)
            attrs[key] = value
            self.prev_attr[key] = cell
            self.prev_value[key] = value
        return attrs, merged

    def _merge_into_previous(self, table: RawTable, r: int, req_cell: RawCell,
                             path_cells: list[RawCell]) -> None:
        """A requirement cell merged over several rows is one leaf; differing values are joined."""
        last = self.rows[-1]
        for col, key in self.attr_cols:
            cell = table.grid[r][col]
            if cell is None or cell is req_cell or any(cell is p for p in path_cells):
                continue
            value = cell.text.strip()
            if cell is not self.prev_attr.get(key) and value and value not in last.attrs.get(key, ""):
                last.attrs[key] = "\n".join(v for v in (last.attrs.get(key, ""), value) if v)
            self.prev_attr[key] = cell

    def _emit(self, row: TableRow, level_texts: list[str]) -> None:
        self.prev_path = level_texts
        if not row.text and not row.path and not any(row.attrs.values()):
            return
        if not row.text and row.path:
            if self.pending is not None and row.path[:len(self.pending.path)] != self.pending.path:
                self._flush_pending()
            self.pending = row
            return
        if self.pending is not None:
            if row.path[:len(self.pending.path)] != self.pending.path:
                self._flush_pending()
            self.pending = None
        self._append(row)

    def _append(self, row: TableRow) -> None:
        """Keep "merged with the row above" only where the value really equals the row above."""
        above = self.rows[-1].attrs if self.rows else None
        row.merged = {k for k in row.merged if above is not None and above.get(k) == row.attrs.get(k)}
        self.rows.append(row)

    def _flush_pending(self) -> None:
        """A row with categories but no requirement and no rows under it: its last cell is the leaf."""
        row = self.pending
        self.pending = None
        if row is not None and row.path:
            self._append(TableRow(row.path[:-1], row.path[-1], row.attrs, set(row.merged)))

    def finish(self) -> list[TableRow]:
        self._flush_pending()
        return self.rows


def _category_text(text: str) -> str:
    """A category cell's text without the "（续）" a clerk adds when restating it on a new page."""
    text = text.strip()
    for marker in _CONTINUED_MARKERS:
        if text.endswith(marker):
            return text[: -len(marker)].strip()
    return text

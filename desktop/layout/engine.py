"""The layout engine: plan + table style → :class:`Grid` of merged cells.

Rules (DESIGN.md §2):
- one body row per requirement (leaf), in document order; 序号 counts them from 1;
- a category cell spans the rows of all its descendants, in the column of its level;
- a leaf that sits higher than the deepest level column spans the remaining level columns and the
  requirement column; categories deeper than the style's level columns are folded into the first
  requirement cell below them;
- an attribute cell spans the rows over which its value is set on one category, or (with
  ``merge_equal``) adjacent rows under the same parent showing the same non-empty value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from desktop.core.model import Plan, Task
from desktop.core.numbering import compute_numbers, label, level_for, numbering_of
from desktop.core.style import TableStyle, style_of
from desktop.layout.grid import Grid, GridCell, Segment


def build_header(style: TableStyle) -> list[GridCell]:
    return [GridCell(0, first, 1, span, label, "header") for label, first, span in style.header_groups()]


def build_grid(plan: Plan, style: TableStyle | None = None) -> Grid:
    style = style or style_of(plan.fields)
    numbers = compute_numbers(plan)
    tops = plan.root.children
    attachment_label = str(plan.fields.get("attachment_label") or "")
    if not tops or style.level_count < 1 or any(not top.children for top in tops):
        cells, leaves = region_cells(tops, 0, style, numbers)
        return Grid(style, plan.title, attachment_label, build_header(style), cells,
                    [leaf.id for leaf in leaves])
    segments, row_ids = top_segments(tops, 0, 1, style, numbers)
    starts = [seg.base for seg in segments]
    return Grid.of_segments(style, plan.title, attachment_label, build_header(style), segments,
                            [top.id for top in tops], starts, row_ids, first_level_relabel(plan))


def top_segments(tops: Sequence[Task], first_row: int, first_place: int, style: TableStyle,
                 numbers: Numbers) -> tuple[list[Segment], list[int]]:
    """One segment per top-level task (each has children), laid out from ``first_row`` on, the
    first at place ``first_place``; and the leaf ids of their rows."""
    segments: list[Segment] = []
    row_ids: list[int] = []
    row = first_row
    for place, top in enumerate(tops, start=first_place):
        cells, leaves = region_cells((top,), row, style, numbers)
        segments.append(Segment(row, len(leaves), cells, place))
        row_ids.extend(leaf.id for leaf in leaves)
        row += len(leaves)
    return segments, row_ids


def first_level_relabel(plan: Plan) -> Callable[[str, int, int], str]:
    """Gives a first-level category's text the number of another place (a segment moved)."""
    scheme = level_for(numbering_of(plan), 1).scheme

    def relabel(text: str, old: int, new: int) -> str:
        return label(scheme, new) + text[len(label(scheme, old)):]

    return relabel


class Numbers(Protocol):
    def get(self, task_id: int, default: str, /) -> str: ...


def region_cells(tops: Sequence[Task], first_row: int, style: TableStyle,
                 numbers: Numbers) -> tuple[list[GridCell], list[Task]]:
    """Body cells of the top-level tasks ``tops`` laid out from row ``first_row`` on, ordered by
    (row, column), and their leaves; ``build_grid`` is this over all top-level tasks. (The
    incremental layout rebuilds a run of top-level tasks with it: no merged cell crosses from one
    top-level category to the next.)"""
    columns = style.columns
    level_col = {c.level: i for i, c in enumerate(columns) if c.kind == "level"}
    req_col = next(i for i, c in enumerate(columns) if c.kind == "requirement")
    seq_col = next((i for i, c in enumerate(columns) if c.kind == "seq"), None)
    attr_cols = [(i, c.attr) for i, c in enumerate(columns) if c.kind == "attr" and c.attr]
    max_level = style.level_count

    cells: list[GridCell] = []
    leaves: list[Task] = []

    def visit(task: Task, depth: int) -> None:
        """Emit the cells of ``task``'s subtree; returns after appending its rows to ``leaves``."""
        if not task.children:
            leaves.append(task)
            return
        first = len(leaves)
        for child in task.children:
            visit(child, depth + 1)
        if depth <= max_level:
            cells.append(GridCell(first + first_row, level_col[depth], len(leaves) - first, 1,
                                  numbers.get(task.id, "") + task.text, "category", task.id, level=depth))
        else:
            folded.setdefault(first, []).append(numbers.get(task.id, "") + task.text)

    folded: dict[int, list[str]] = {}
    for top in tops:
        visit(top, 1)

    for row, leaf in enumerate(leaves):
        depth = leaf.depth
        start = level_col[depth] if depth <= max_level else req_col
        text = leaf.text
        if row in folded:
            text = "\n".join([*reversed(folded[row]), text])
        cells.append(GridCell(row + first_row, start, 1, req_col - start + 1, text, "requirement", leaf.id))
        if seq_col is not None:
            cells.append(GridCell(row + first_row, seq_col, 1, 1, str(row + first_row + 1), "seq", leaf.id))

    for col, key in attr_cols:
        cells.extend(_attribute_cells(leaves, col, key, style.merge_equal, first_row))

    cells.sort(key=lambda c: (c.row, c.col))
    return cells, leaves


def _attribute_cells(leaves: list[Task], col: int, key: str, merge_equal: bool,
                     first_row: int = 0) -> list[GridCell]:
    cells: list[GridCell] = []
    start = 0
    while start < len(leaves):
        leaf = leaves[start]
        value = leaf.effective(key)
        source = leaf.source_of(key)
        end = start + 1
        while end < len(leaves):
            other = leaves[end]
            other_source = other.source_of(key)
            same_category = source is not None and source is other_source and bool(source.children)
            same_value = (merge_equal and value != "" and other.parent is leaf.parent
                          and other.effective(key) == value)
            if not (same_category or same_value):
                break
            end += 1
        shared_source = source if all(leaves[i].source_of(key) is source for i in range(start, end)) else None
        task_id = shared_source.id if shared_source is not None else (leaf.id if end - start == 1 else None)
        cells.append(GridCell(start + first_row, col, end - start, 1, value, "attribute", task_id, key))
        start = end
    return cells

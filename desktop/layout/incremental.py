"""Incremental layout: the grid after a structural edit, rebuilt only where the edit touched it.

No merged cell crosses from one top-level category to the next (a category cell spans its own
rows, an attribute run stays under one category or one parent, folded categories fold into their
own first row), so a grid is a sequence of *blocks*, one per top-level category. ``update_grid``
finds the top-level tasks an operation touched (from the plan's journal), keeps the blocks before
them as they are, rebuilds the run of blocks between the first and the last touched one with the
engine's own ``region_cells`` and appends the blocks after it: unchanged when the row count and
the number of top-level categories stayed the same (a move, an attribute, a category's text), else
shifted (new rows and 序号) and renumbered (the first level's labels). It declines (None: build the
whole grid) for plan fields (style, numbering, title), a numbering level that runs on across
parents, requirement rows directly under the plan, and plans shown without level columns.
Tests compare it with ``build_grid`` after every step of random edit sequences.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.model import Change, Plan, Task
from desktop.core.numbering import NumberingLevel, label, level_for, number_of, numbering_of
from desktop.layout.engine import region_cells
from desktop.layout.grid import Blocks, Grid, GridCell


@dataclass(frozen=True)
class RegionUpdate:
    """The new grid and its rebuilt rows: old rows first..old_last became first..new_last; rows
    after them moved by new_last - old_last (their 序号 changed when that is not 0)."""

    grid: Grid
    first: int
    old_last: int  # first - 1 when the region held no rows before
    new_last: int  # first - 1 when it holds none now
    renumbered: bool  # the first level's numbers of the rows after the region changed


class _SiblingNumbers:
    """Number prefixes computed from each task's siblings (no whole-plan walk)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.numbering = numbering_of(plan)

    def get(self, task_id: int, default: str = "", /) -> str:
        return number_of(self.plan, self.plan[task_id], self.numbering) if task_id in self.plan else default


def _row_of(cell: GridCell) -> int:
    return cell.row


def grid_blocks(grid: Grid) -> Blocks | None:
    """The grid's blocks (kept on the grid once found), or None when top-level categories do not
    tile its rows (requirements directly under the plan, or no level columns)."""
    if grid.blocks is not None:
        return grid.blocks
    tops: list[int] = []
    starts: list[int] = []
    expected = 0
    for cell in grid.cells:
        if cell.role == "category" and cell.level == 1 and cell.task_id is not None:
            if cell.row != expected:
                return None
            tops.append(cell.task_id)
            starts.append(cell.row)
            expected = cell.row + cell.rowspan
    if expected != grid.n_rows:
        return None
    grid.blocks = Blocks(tops, starts)
    return grid.blocks


def _top_of(plan: Plan, task_id: int) -> int | None:
    if task_id not in plan:
        return None
    node: Task = plan[task_id]
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node.id if node.parent is not None else None


def touched_tops(plan: Plan, changes: Iterable[Change]) -> set[int] | None:
    """Ids of the top-level tasks (old or new) whose blocks an operation changed; None when the
    change reaches beyond blocks (plan fields) or cannot be placed."""
    touched: set[int] = set()
    for change in changes:
        if change.kind in ("insert", "remove"):
            if change.parent_id == Plan.ROOT_ID:
                touched.add(change.task_ids[0])
                continue
            top = _top_of(plan, change.parent_id) if change.parent_id is not None else None
            if top is None:
                if change.kind == "remove":
                    continue  # its parent left too: that removal places it
                return None
            touched.add(top)
        elif change.kind in ("text", "attr"):
            top = _top_of(plan, change.task_ids[0]) if change.task_ids else None
            if top is not None:
                touched.add(top)  # a task removed afterwards is placed by its removal
        else:
            return None
    return touched


def update_grid(old: Grid, plan: Plan, changes: Iterable[Change]) -> RegionUpdate | None:
    """The grid of ``plan`` (which ``old`` showed before ``changes``), or None to build it whole."""
    style = old.style
    numbering = numbering_of(plan)
    if style.level_count < 1 or any(level.continuous for level in numbering):
        return None
    touched = touched_tops(plan, changes)
    blocks = grid_blocks(old)
    if touched is None or blocks is None:
        return None
    old_tops = blocks.tops
    new_top_tasks = plan.root.children
    new_tops = [t.id for t in new_top_tasks]
    m, k = len(old_tops), len(new_tops)
    head = 0
    while head < min(m, k) and old_tops[head] == new_tops[head] and old_tops[head] not in touched:
        head += 1
    tail = 0
    while (tail < min(m, k) - head and old_tops[m - 1 - tail] == new_tops[k - 1 - tail]
           and old_tops[m - 1 - tail] not in touched):
        tail += 1
    region_tasks = new_top_tasks[head:k - tail]
    if any(not task.children for task in region_tasks):
        return None
    first = blocks.starts[head] if head < m else old.n_rows
    old_end = blocks.starts[m - tail] if tail else old.n_rows  # first row after the old region
    cells, leaves = region_cells(region_tasks, first, style, _SiblingNumbers(plan))
    new_end = first + len(leaves)
    delta = new_end - old_end
    old_cells = old.cells
    c0 = bisect_left(old_cells, first, key=_row_of)
    c1 = bisect_left(old_cells, old_end, lo=c0, key=_row_of)
    suffix = old_cells[c1:]
    renumber = k != m
    if delta or renumber:
        suffix = _moved(suffix, delta, renumber, plan, numbering)
    new_cells = old_cells[:c0] + cells + suffix
    row_ids = old.row_task_ids[:first] + [leaf.id for leaf in leaves] + old.row_task_ids[old_end:]
    starts = blocks.starts[:head]
    for cell in cells:
        if cell.role == "category" and cell.level == 1:
            starts.append(cell.row)
    starts += [s + delta for s in blocks.starts[m - tail:]] if tail else []
    owner = _owner_after(old, c0, cells, first, old_end, new_end, len(new_cells) - len(old_cells))
    grid = Grid(style, plan.title, str(plan.fields.get("attachment_label") or ""), old.header, new_cells,
                row_ids, owner)
    grid.blocks = Blocks(new_tops, starts)
    return RegionUpdate(grid, first, old_end - 1, new_end - 1, renumber)


def _moved(cells: list[GridCell], delta: int, renumber: bool, plan: Plan,
           numbering: tuple[NumberingLevel, ...]) -> list[GridCell]:
    """The cells after the region, ``delta`` rows further down, 序号 and first-level numbers
    made right (a top-level category's number is its place among the plan's top-level tasks)."""
    scheme = level_for(numbering, 1).scheme
    places = {t.id: n for n, t in enumerate(plan.root.children, start=1)} if renumber else {}
    out: list[GridCell] = []
    append = out.append
    for c in cells:
        if c.role == "seq":
            append(GridCell(c.row + delta, c.col, 1, 1, str(c.row + delta + 1), "seq", c.task_id))
        elif renumber and c.role == "category" and c.level == 1 and c.task_id is not None:
            text = label(scheme, places[c.task_id]) + plan[c.task_id].text
            append(GridCell(c.row + delta, c.col, c.rowspan, c.colspan, text, c.role, c.task_id, c.attr,
                            c.level))
        elif delta:
            append(GridCell(c.row + delta, c.col, c.rowspan, c.colspan, c.text, c.role, c.task_id, c.attr,
                            c.level))
        else:
            append(c)
    return out


def _owner_after(old: Grid, c0: int, cells: list[GridCell], first: int, old_end: int,
                 new_end: int, shift: int) -> list[list[int]] | None:
    """The new owner table from the old one (when it was built): rows before the region kept,
    the region's filled in, the rows after it kept or with their cell indexes moved by ``shift``."""
    owner = old._owner
    if owner is None:
        return None
    region = [[-1] * old.n_cols for _ in range(new_end - first)]
    for offset, cell in enumerate(cells):
        index = c0 + offset
        for r in range(cell.row - first, cell.row - first + cell.rowspan):
            row = region[r]
            for col in range(cell.col, cell.col + cell.colspan):
                row[col] = index
    after = owner[old_end:]
    if shift:
        after = [[i + shift for i in row] for row in after]
    return owner[:first] + region + after

"""Incremental layout: the grid after a structural edit, rebuilt only where the edit touched it.

No merged cell crosses from one top-level category to the next (a category cell spans its own
rows, an attribute run stays under one category or one parent, folded categories fold into their
own first row), so the engine keeps a grid as a sequence of *blocks* (segments), one per top-level
category. ``update_grid`` finds the top-level tasks an operation touched (from the plan's journal),
keeps the blocks before them as they are, rebuilds the run of blocks between the first and the
last touched one with the engine's own ``region_cells`` and keeps the blocks after it as they
were: when the row count or the number of top-level categories changed, they now start at other
rows (new 序号) and places (new first-level labels), and the grid moves each of them only when its
cells are first read (``Grid.segment``). Nothing here is proportional to the plan but the list of
row task ids (copied, not walked) and of block starts. It declines (None: build the
whole grid) for plan fields (style, numbering, title), a numbering level that runs on across
parents, requirement rows directly under the plan, and plans shown without level columns.
Tests compare it with ``build_grid`` after every step of random edit sequences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.model import Change, Plan, Task
from desktop.core.numbering import number_of, numbering_of
from desktop.layout.engine import first_level_relabel, top_segments
from desktop.layout.grid import Blocks, Grid


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


def grid_blocks(grid: Grid) -> Blocks | None:
    """The grid's blocks (its top-level categories and their first rows), or None when it is not
    kept by segments (requirements directly under the plan, no level columns, a cut-down grid)."""
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
    segments = old.segments()
    if touched is None or blocks is None or segments is None:
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
    made, leaf_ids = top_segments(region_tasks, first, head + 1, style, _SiblingNumbers(plan))
    new_end = first + len(leaf_ids)
    delta = new_end - old_end
    row_ids = old.row_task_ids[:first] + leaf_ids + old.row_task_ids[old_end:]
    starts = blocks.starts[:head] + [seg.base for seg in made]
    starts += [s + delta for s in blocks.starts[m - tail:]] if tail else []
    # the segments after the region keep the cells made for their old rows and places: the grid
    # moves each when it is first read (see desktop.layout.grid)
    kept_after = segments[m - tail:] if tail else []
    grid = Grid.of_segments(style, plan.title, str(plan.fields.get("attachment_label") or ""), old.header,
                            segments[:head] + made + kept_after, new_tops, starts, row_ids,
                            first_level_relabel(plan))
    return RegionUpdate(grid, first, old_end - 1, new_end - 1, k != m)

"""Cutting a grid down to some rows: spans shrink to the kept rows, texts and numbers stay."""

from __future__ import annotations

from desktop.layout.engine import build_grid
from desktop.layout.grid_subset import subset_rows


def test_keeping_every_row_gives_the_same_grid(taian_plan) -> None:
    grid = build_grid(taian_plan)
    same = subset_rows(grid, set(grid.row_task_ids))
    assert same.spans() == grid.spans()
    assert [c.text for c in same.cells] == [c.text for c in grid.cells]
    assert same.title == grid.title


def test_kept_rows_keep_their_numbers_and_merged_cells_shrink(laiwu_plan) -> None:
    grid = build_grid(laiwu_plan)
    keep = {grid.row_task_ids[r] for r in (3, 13, 20)}
    cut = subset_rows(grid, keep, "标题（单位）")
    assert cut.title == "标题（单位）" and cut.n_rows == 3
    assert cut.row_task_ids == [grid.row_task_ids[r] for r in (3, 13, 20)]
    assert [c.text for c in cut.cells if c.role == "seq"] == ["4", "14", "21"]
    level1 = [c for c in cut.cells if c.role == "category" and c.level == 1]
    assert [(c.row, c.rowspan, c.text) for c in level1] == [(0, 3, "一、广覆盖推进全领域信息公开")]
    level2 = [c.text for c in cut.cells if c.role == "category" and c.level == 2]
    assert [text[:4] for text in level2] == ["（一）以", "（三）以", "（四）以"]
    # every body position is covered exactly once
    owner = cut.owner_table()
    assert all(index >= 0 for row in owner for index in row)
    assert sum(c.rowspan * c.colspan for c in cut.cells) == cut.n_rows * cut.n_cols


def test_keeping_nothing_gives_an_empty_body(laiwu_plan) -> None:
    cut = subset_rows(build_grid(laiwu_plan), set())
    assert cut.n_rows == 0 and cut.cells == [] and cut.header

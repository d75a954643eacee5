"""The layout engine: category spans, shallow leaves, attribute merges, page slices."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core import operations as ops
from desktop.core.model import Plan
from desktop.core.style import PRESETS
from desktop.core.textclean import normalise_space
from desktop.layout.engine import build_grid


def two_level_plan() -> Plan:
    plan = Plan("测试", style=PRESETS["taian2017"].to_dict())
    top = plan.make_task("一级", {"lead": "区政府办公室"})
    plan.insert_subtree(0, 0, top)
    second = plan.make_task("二级")
    plan.insert_subtree(top.id, 0, second)
    for text in ("甲", "乙"):
        plan.insert_subtree(second.id, len(second.children), plan.make_task(text, {"units": "区财政局"}))
    plan.insert_subtree(top.id, 1, plan.make_task("浅层要求", {"units": "区财政局"}))
    plan.take_journal()
    return plan


def test_categories_span_their_rows_and_shallow_leaves_span_level_columns() -> None:
    grid = build_grid(two_level_plan())
    assert grid.n_rows == 3
    by_text = {c.text: c for c in grid.cells}
    assert (by_text["一、一级"].row, by_text["一、一级"].rowspan, by_text["一、一级"].col) == (0, 3, 0)
    assert (by_text["（一）二级"].rowspan, by_text["（一）二级"].col) == (2, 1)
    # 泰安 style: 3 level columns + requirement; a leaf at depth 2 starts in the level-2 column and
    # spans it, the level-3 column and the requirement column.
    shallow = by_text["浅层要求"]
    assert (shallow.col, shallow.colspan) == (1, 3)
    assert (by_text["甲"].col, by_text["甲"].colspan) == (2, 2)


def test_attribute_on_a_category_is_one_merged_cell() -> None:
    grid = build_grid(two_level_plan())
    lead = [c for c in grid.cells if c.attr == "lead"]
    assert len(lead) == 1 and (lead[0].row, lead[0].rowspan) == (0, 3)
    units = [c for c in grid.cells if c.attr == "units"]
    # equal values merge only under the same parent
    assert [(c.row, c.rowspan) for c in units] == [(0, 2), (2, 1)]


def test_merge_equal_off_keeps_leaf_values_apart() -> None:
    plan = two_level_plan()
    style = PRESETS["taian2017"].with_options(merge_equal=False)
    units = [c for c in build_grid(plan, style).cells if c.attr == "units"]
    assert [(c.row, c.rowspan) for c in units] == [(0, 1), (1, 1), (2, 1)]


def test_explicit_empty_value_breaks_a_category_merge() -> None:
    plan = two_level_plan()
    leaf = plan.leaves()[1]
    ops.SetAttr(leaf.id, "lead", "").apply(plan)
    lead = [(c.row, c.rowspan, c.text) for c in build_grid(plan).cells if c.attr == "lead"]
    assert lead == [(0, 1, "区政府办公室"), (1, 1, ""), (2, 1, "区政府办公室")]


def test_every_grid_position_is_covered_exactly_once(laiwu_plan: Plan, taian_plan: Plan) -> None:
    for plan in (laiwu_plan, taian_plan):
        grid = build_grid(plan)
        covered = [[0] * grid.n_cols for _ in range(grid.n_rows)]
        for cell in grid.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    covered[r][c] += 1
        assert all(count == 1 for row in covered for count in row)


def test_laiwu_grid_shows_the_canonical_rows(samples_dir: Path, laiwu_plan: Plan) -> None:
    canonical = json.loads((samples_dir / "laiwu-2024.canonical.json").read_text(encoding="utf-8"))
    grid = build_grid(laiwu_plan)
    assert [h.text for h in grid.header] == ["序号", "工作任务", "具体要求", "责任单位", "完成时限"]
    assert [h.colspan for h in grid.header] == [1, 2, 1, 1, 1]
    for row, leaf in enumerate(canonical["leaves"]):
        shown = [normalise_space(grid.cell_at(row, col).text) for col in range(grid.n_cols)]
        assert shown == [str(row + 1), *(normalise_space(p) for p in leaf["path"]),
                         normalise_space(leaf["text"]), normalise_space(leaf["units"]),
                         normalise_space(leaf["deadline"])]


def test_page_slice_restates_continued_cells() -> None:
    grid = build_grid(two_level_plan())
    page = grid.page_slice(1, 2)
    first_row = {c.col: c for c in page if c.row == 0}
    assert first_row[0].text == "一、一级" and first_row[0].rowspan == 2
    assert first_row[1].text == "（一）二级" and first_row[1].rowspan == 1
    marked = grid.page_slice(1, 2, marker="（续）")
    assert {c.col: c.text for c in marked if c.row == 0}[0] == "一、一级（续）"
    blank = grid.page_slice(1, 2, restate=False)
    assert {c.col: c.text for c in blank if c.row == 0}[0] == ""


def test_categories_deeper_than_the_level_columns_fold_into_the_requirement() -> None:
    plan = two_level_plan()
    style = PRESETS["shizhong2020"]  # two level columns
    deep = plan.make_task("三级", {}, [plan.make_task("深层要求")])
    second = plan.root.children[0].children[0]
    plan.insert_subtree(second.id, 0, deep)
    grid = build_grid(plan, style)
    requirement = next(c for c in grid.cells if c.role == "requirement" and "深层要求" in c.text)
    assert requirement.text == "1.三级\n深层要求"

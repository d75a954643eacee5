"""LeafRows gives every requirement the row a whole walk of the plan gives, through random edits
and their undo, while forgetting only the counts each edit changed."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.leaf_rows import LeafRows
from desktop.core.model import Plan
from desktop.core.operations import Operation
from tests.support.generated import generated_plan
from tests.support.op_mix import next_op, start_plan


def walked_rows(plan: Plan) -> dict[int, int]:
    rows = {task.id: 0 for task in plan.tasks()}
    rows.update({leaf.id: n for n, leaf in enumerate(plan.leaves(), start=1)})
    return rows


def assert_rows(rows: LeafRows, plan: Plan) -> None:
    expected = walked_rows(plan)
    assert {task_id: rows.row(task_id) for task_id in expected} == expected


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 100_000), steps=st.integers(1, 25))
def test_rows_equal_a_walk_after_every_edit_and_every_undo(seed: int, steps: int) -> None:
    plan = start_plan(seed % 40)
    rows = LeafRows(plan)
    assert_rows(rows, plan)
    rng = random.Random(seed)
    undo: list[Operation] = []
    for _ in range(steps):
        undo.append(next_op(plan, rng).apply(plan))
        rows.forget(plan.take_journal())
        assert_rows(rows, plan)
    while undo:
        undo.pop().apply(plan)
        rows.forget(plan.take_journal())
        assert_rows(rows, plan)


def test_an_edit_forgets_only_the_counts_of_its_ancestors() -> None:
    plan = generated_plan(600)
    rows = LeafRows(plan)
    last = plan.leaves()[-1]
    assert rows.row(last.id) == 600
    known = len(rows._counts)
    target = plan.leaves()[10]
    depth = target.depth
    plan.remove_subtree(target.id)
    rows.forget(plan.take_journal())
    assert known - len(rows._counts) <= 1 + depth
    assert rows.row(last.id) == 599
    assert rows.row(Plan.ROOT_ID) == 0 and rows.row(10**9) == 0

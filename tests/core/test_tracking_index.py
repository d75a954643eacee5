"""The dashboard's incremental index equals the overview and filters computed from scratch.

Random runs of changes — statuses, completion, due days, units leaving and coming back, new and
forgotten assignments, rows inserted, removed and moved, a new day, a round's 未报送 units — each
followed by the same questions to :class:`TrackingIndex` and to ``build_overview`` /
``filter_rows`` over the same assignments: every count, every due list, every filter must agree.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import operations as ops
from desktop.core.model import Plan, PlanError
from desktop.core.tracking import STATUSES, Assignment, expected_assignments, set_status
from desktop.core.tracking_index import TrackingIndex
from desktop.core.tracking_overview import RowFilter, build_overview, filter_rows
from desktop.core.unit_text import normalise_name
from tests.support.generated import UNITS, generated_plan

TODAY = date(2024, 7, 1)


def _assignments(plan: Plan, rng: random.Random) -> list[Assignment]:
    out = []
    for n, (task_id, unit, role) in enumerate(expected_assignments(plan), start=1):
        due = TODAY + timedelta(days=rng.randint(-40, 40)) if rng.random() < 0.8 else None
        out.append(_random_status(Assignment(task_id, unit, role, due=due, id=n), rng))
    return out


def _random_status(item: Assignment, rng: random.Random) -> Assignment:
    status = rng.choice(STATUSES)
    return set_status(item, status, TODAY - timedelta(days=rng.randint(0, 30)))


def _structural(plan: Plan, rng: random.Random) -> None:
    tasks = list(plan.tasks())
    task = rng.choice(tasks)
    try:
        op = rng.choice([
            lambda: ops.make_add_child(plan, task.id, "新的子项", index=0),
            lambda: ops.make_delete(plan, task.id) if len(tasks) > 20 else None,
            lambda: ops.make_move_down(plan, task.id),
            lambda: ops.make_indent(plan, task.id),
            lambda: ops.make_outdent(plan, task.id),
            lambda: ops.make_add_sibling(plan, task.id, "新的同级", after=True),
        ])()
    except PlanError:
        return
    if op is not None:
        op.apply(plan)
        plan.take_journal()


def _same(index: TrackingIndex, plan: Plan, items: dict[int, Assignment], today: date,
          not_sent: frozenset[str]) -> None:
    assignments = sorted(items.values(), key=lambda a: (a.task_id, a.role, a.id or 0))
    for horizon in (7, 14):
        want = build_overview(plan, assignments, today, horizon, not_sent)
        got = index.overview(horizon, not_sent)
        assert got.units == want.units
        assert got.categories == want.categories
        assert list(got.overdue) == want.overdue
        assert list(got.due_soon) == want.due_soon
        assert got.total == want.total
    filters = [RowFilter("overdue"), RowFilter("due_soon"), RowFilter("tasks", task_ids=frozenset({1, 5, 9}))]
    filters += [RowFilter("unit", unit, status) for unit in UNITS[:6]
                for status in (None, "overdue", "not_started", "not_reported", "done")]
    filters += [RowFilter("category", str(task.id), status) for task in plan.root.children[:4]
                for status in (None, "in_progress", "not_reported")]
    filters.append(RowFilter("category", "999999"))
    for row_filter in filters:
        assert index.rows(row_filter, 14, not_sent) == filter_rows(
            plan, assignments, row_filter, today, 14, not_sent), row_filter


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_the_index_follows_random_changes_exactly(seed: int) -> None:
    rng = random.Random(seed)
    plan = generated_plan(rng.randint(20, 70), seed=seed % 1000)
    items = {item.id: item for item in _assignments(plan, rng) if item.id is not None}
    structure = 0
    today = TODAY
    index = TrackingIndex(plan, today, items.values(), structure)
    not_sent: frozenset[str] = frozenset()
    next_id = max(items) + 1
    for _step in range(30):
        changed: list[Assignment] = []
        removed: list[int] = []
        for _ in range(rng.randint(1, 8)):
            kind = rng.random()
            if not items or not plan.leaves():  # everything was deleted: nothing left to change
                break
            item = rng.choice(list(items.values()))
            if kind < 0.45:
                changed.append(_random_status(item, rng))
            elif kind < 0.6:
                changed.append(replace(item, active=not item.active))
            elif kind < 0.7:
                changed.append(replace(item, due=TODAY + timedelta(days=rng.randint(-5, 20))))
            elif kind < 0.8:
                leaf = rng.choice(plan.leaves())
                changed.append(Assignment(leaf.id, rng.choice(UNITS), rng.choice(("lead", "units")),
                                          due=TODAY, id=next_id))
                next_id += 1
            elif kind < 0.85:
                removed.append(item.id or 0)
            elif kind < 0.95:
                _structural(plan, rng)
                structure += 1
                index.restructure(structure)
            else:
                today += timedelta(days=rng.randint(1, 9))
                index.set_today(today)
        latest = {item.id: item for item in changed if item.id not in removed}
        for assignment_id in removed:
            items.pop(assignment_id, None)
        items.update(latest)
        index.update(latest.values(), removed)
        if rng.random() < 0.3:
            not_sent = frozenset(normalise_name(unit) for unit in rng.sample(UNITS, rng.randint(0, 3)))
        _same(index, plan, items, today, not_sent)

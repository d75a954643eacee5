"""The dashboard's numbers without Qt: counts per unit and category, due lists, filters, new overdue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.core.tracking import DONE, IN_PROGRESS, NOT_STARTED, ONGOING, OVERDUE, Assignment
from desktop.core.tracking_overview import (
    RowFilter,
    build_overview,
    category_of,
    filter_label,
    filter_rows,
    newly_overdue,
)


def _assignments(plan) -> list[Assignment]:
    """Two units on every leaf; leaf n is due on day n of June 2024; a few statuses set."""
    out: list[Assignment] = []
    for n, leaf in enumerate(plan.leaves(), start=1):
        due = date(2024, 6, min(n, 30))
        out.append(Assignment(leaf.id, "区财政局", "units", due=due, id=2 * n))
        out.append(Assignment(leaf.id, "区 政府办公室", "lead", due=due, id=2 * n + 1))
    out[0] = replace(out[0], status=DONE, completed_on=date(2024, 6, 1))
    out[1] = replace(out[1], status=ONGOING)
    out[2] = replace(out[2], status=IN_PROGRESS)
    out[5] = replace(out[5], active=False)
    return out


def test_counts_by_unit_and_category(laiwu_plan) -> None:
    laiwu_plan.id = 1
    items = _assignments(laiwu_plan)
    today = date(2024, 6, 10)
    overview = build_overview(laiwu_plan, items, today, horizon=5)
    assert [t.label for t in overview.units] == ["区财政局", "区 政府办公室"]
    finance, office = overview.units
    assert finance.total == len(laiwu_plan.leaves())
    assert office.total == len(laiwu_plan.leaves()) - 1  # its inactive assignment is left out
    assert finance.counts[DONE] == 1
    # due on days 1..9 and not done: overdue, whatever the unit reported (推进中, 持续推进)
    assert finance.counts[OVERDUE] == 8 and finance.counts[IN_PROGRESS] == 0
    assert office.counts[OVERDUE] == 8 and office.counts[ONGOING] == 0
    assert finance.counts[NOT_STARTED] == len(laiwu_plan.leaves()) - 9
    assert overview.total.total == finance.total + office.total
    assert sum(t.total for t in overview.categories) == overview.total.total
    assert [t.task_id for t in overview.categories] == [c.id for c in laiwu_plan.root.children]
    assert overview.categories[0].label.startswith("一、")
    first = overview.categories[0]
    leaves = [leaf.id for leaf in laiwu_plan.leaves() if category_of(leaf).id == first.task_id]
    assert first.total == sum(1 for a in items if a.active and a.task_id in leaves)


def test_due_lists_and_filters(laiwu_plan) -> None:
    items = _assignments(laiwu_plan)
    today = date(2024, 6, 10)
    overview = build_overview(laiwu_plan, items, today, horizon=5)
    assert [d.days for d in overview.overdue][:3] == [9, 8, 8]  # the most overdue first
    assert all(d.status == OVERDUE for d in overview.overdue)
    assert {d.due for d in overview.due_soon} == {date(2024, 6, d) for d in range(10, 16)}
    assert overview.due_soon[0].days == 0
    assert all(d.status == NOT_STARTED for d in overview.due_soon)

    leaves = laiwu_plan.leaves()
    unit = filter_rows(laiwu_plan, items, RowFilter("unit", "区财政局"), today)
    assert unit == {leaf.id for leaf in leaves}
    spaced = filter_rows(laiwu_plan, items, RowFilter("unit", "区政府办公室"), today)
    assert spaced == {leaf.id for leaf in leaves} - {items[5].task_id}  # spaces ignored; inactive left out
    done = filter_rows(laiwu_plan, items, RowFilter("unit", "区财政局", DONE), today)
    assert done == {items[0].task_id}
    overdue = filter_rows(laiwu_plan, items, RowFilter("overdue"), today)
    assert overdue == {d.task_id for d in overview.overdue}
    soon = filter_rows(laiwu_plan, items, RowFilter("due_soon"), today, horizon=5)
    assert soon == {d.task_id for d in overview.due_soon}
    category = laiwu_plan.root.children[1]
    under = filter_rows(laiwu_plan, items, RowFilter("category", str(category.id)), today)
    assert under == {leaf.id for leaf in leaves if category_of(leaf) is category}
    picked = RowFilter("tasks", task_ids=frozenset({leaves[3].id, 999999}))
    chosen = filter_rows(laiwu_plan, items, picked, today)
    assert chosen == {leaves[3].id}
    assert filter_label("unit", "区财政局", OVERDUE) == "单位“区财政局” · 逾期"


def test_newly_overdue_between_two_days(laiwu_plan) -> None:
    items = _assignments(laiwu_plan)
    new = newly_overdue(items, date(2024, 6, 5), date(2024, 6, 8))
    assert {a.due for a in new} == {date(2024, 6, 5), date(2024, 6, 6), date(2024, 6, 7)}
    assert all(a.status != DONE and a.active for a in new)
    assert newly_overdue(items, date(2024, 6, 8), date(2024, 6, 8)) == []

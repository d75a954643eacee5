"""What the 督办 dashboard shows: counts by status per unit and per level-1 category, due lists.

Pure functions over a plan and its stored assignments (see :mod:`desktop.core.tracking`); only
active assignments of the plan's current leaves count. A count is of assignments (one unit's share
of one requirement), with 逾期 derived from the due day and ``today`` exactly as the store's
``OVERDUE_SQL`` and the progress report derive it, so the dashboard, a direct SQL count and the
report's summary agree.

:class:`RowFilter` describes what the clerk clicked (a unit, a category, perhaps restricted to
one status; the overdue or due-soon list; an explicit set of rows) and :func:`filter_rows`
turns it into the leaf ids the tree and the table show. :func:`newly_overdue` gives what became
overdue between two days (the notice shown when a plan is opened again).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from desktop.core.model import Plan, Task
from desktop.core.numbering import compute_numbers
from desktop.core.progress_summary import REPORT_STATUSES, StatusCounts
from desktop.core.tracking import DISPLAY_LABELS, DONE, OVERDUE, Assignment
from desktop.core.unit_text import normalise_name

DEFAULT_HORIZON = 14  # days ahead for the "due soon" list
FILTER_KINDS: tuple[str, ...] = ("unit", "category", "overdue", "due_soon", "tasks")


@dataclass(frozen=True)
class Tally(StatusCounts):
    """Active assignments of one unit or one category, counted by displayed status."""

    key: str  # the unit's name key, or the category's task id as text
    label: str
    counts: dict[str, int]  # every key of REPORT_STATUSES
    task_id: int | None = None  # categories: the level-1 task


@dataclass(frozen=True)
class DueItem:
    """One assignment on the overdue or due-soon list."""

    task_id: int
    unit: str
    due: date
    status: str  # displayed status (``overdue`` on the overdue list)
    days: int  # overdue: days past the due day; due soon: days left (0 = today)


@dataclass(frozen=True)
class Overview:
    today: date
    horizon: int
    units: list[Tally]
    categories: list[Tally]
    overdue: list[DueItem]
    due_soon: list[DueItem]
    total: Tally = field(default_factory=lambda: Tally("", "合计", dict.fromkeys(REPORT_STATUSES, 0)))


@dataclass(frozen=True)
class RowFilter:
    """What the views are filtered to; ``label`` says it in Chinese for the filter bar."""

    kind: str  # one of FILTER_KINDS
    value: str = ""  # unit name (kind "unit") or category task id as text (kind "category")
    status: str | None = None  # with "unit"/"category": only rows showing this displayed status
    task_ids: frozenset[int] = frozenset()  # kind "tasks"
    label: str = ""


def category_of(task: Task) -> Task:
    """The level-1 task above ``task`` (the task itself when it is at level 1)."""
    node = task
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node


def active_of(plan: Plan, assignments: Iterable[Assignment]) -> list[Assignment]:
    """The active assignments of the plan's current leaves, in the given order."""
    leaves = {leaf.id for leaf in plan.leaves()}
    return [item for item in assignments if item.active and item.task_id in leaves]


def _count(groups: dict[str, dict[str, int]], key: str, status: str) -> None:
    groups.setdefault(key, dict.fromkeys(REPORT_STATUSES, 0))[status] += 1


def _short(text: str, limit: int = 18) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def unit_counts(plan: Plan, active: Sequence[Assignment], today: date) -> list[Tally]:
    """Per unit (in the order of its first row in the plan) the assignments by displayed status."""
    order = {leaf.id: index for index, leaf in enumerate(plan.leaves())}
    names: dict[str, str] = {}
    first: dict[str, int] = {}
    groups: dict[str, dict[str, int]] = {}
    for item in active:
        key = normalise_name(item.unit)
        names.setdefault(key, item.unit)
        first[key] = min(first.get(key, order[item.task_id]), order[item.task_id])
        _count(groups, key, item.display_status(today))
    return [Tally(key, names[key], groups[key]) for key in sorted(groups, key=first.__getitem__)]


def category_counts(plan: Plan, active: Sequence[Assignment], today: date) -> list[Tally]:
    """Per level-1 category (in plan order) the assignments of its leaves by displayed status."""
    numbers = compute_numbers(plan)
    groups: dict[str, dict[str, int]] = {}
    for item in active:
        _count(groups, str(category_of(plan[item.task_id]).id), item.display_status(today))
    out: list[Tally] = []
    for task in plan.root.children:
        if str(task.id) in groups:
            label = numbers.get(task.id, "") + _short(task.text)
            out.append(Tally(str(task.id), label, groups[str(task.id)], task.id))
    return out


def _total(tallies: Sequence[Tally]) -> Tally:
    counts = dict.fromkeys(REPORT_STATUSES, 0)
    for tally in tallies:
        for key, value in tally.counts.items():
            counts[key] += value
    return Tally("", "合计", counts)


def is_due_soon(item: Assignment, today: date, horizon: int) -> bool:
    """Active, not done, and due between today and ``horizon`` days from now (both included)."""
    return (item.active and item.status != DONE and item.due is not None
            and today <= item.due <= today + timedelta(days=horizon))


def due_lists(plan: Plan, active: Sequence[Assignment], today: date,
              horizon: int) -> tuple[list[DueItem], list[DueItem]]:
    """(overdue, due soon): the most overdue first; the soonest due first; then plan order."""
    order = {leaf.id: index for index, leaf in enumerate(plan.leaves())}
    overdue: list[DueItem] = []
    soon: list[DueItem] = []
    for item in active:
        if item.due is None:
            continue
        if item.is_overdue(today):
            overdue.append(DueItem(item.task_id, item.unit, item.due, OVERDUE, (today - item.due).days))
        elif is_due_soon(item, today, horizon):
            soon.append(DueItem(item.task_id, item.unit, item.due, item.status, (item.due - today).days))
    overdue.sort(key=lambda d: (-d.days, order[d.task_id]))
    soon.sort(key=lambda d: (d.days, order[d.task_id]))
    return overdue, soon


def build_overview(plan: Plan, assignments: Sequence[Assignment], today: date,
                   horizon: int = DEFAULT_HORIZON) -> Overview:
    """Everything the dashboard shows for the plan on ``today``."""
    active = active_of(plan, assignments)
    units = unit_counts(plan, active, today)
    overdue, soon = due_lists(plan, active, today, horizon)
    return Overview(today, horizon, units, category_counts(plan, active, today), overdue, soon, _total(units))


def filter_rows(plan: Plan, assignments: Sequence[Assignment], row_filter: RowFilter, today: date,
                horizon: int = DEFAULT_HORIZON) -> set[int]:
    """The leaf ids the views show under ``row_filter``."""
    if row_filter.kind == "tasks":
        return {task_id for task_id in row_filter.task_ids if task_id in plan and plan[task_id].is_leaf}
    active = active_of(plan, assignments)
    if row_filter.kind == "overdue":
        return {item.task_id for item in active if item.is_overdue(today)}
    if row_filter.kind == "due_soon":
        return {item.task_id for item in active if is_due_soon(item, today, horizon)}
    wanted = row_filter.status
    chosen = [item for item in active if wanted is None or item.display_status(today) == wanted]
    if row_filter.kind == "unit":
        key = normalise_name(row_filter.value)
        return {item.task_id for item in chosen if normalise_name(item.unit) == key}
    if row_filter.kind == "category":
        if not row_filter.value.isdigit() or int(row_filter.value) not in plan:
            return set()
        category = int(row_filter.value)
        under = {leaf.id for leaf in plan.leaves() if category_of(leaf).id == category}
        if wanted is None:
            return under
        return {item.task_id for item in chosen if item.task_id in under}
    raise ValueError(f"unknown filter kind {row_filter.kind!r}")


def filter_label(kind: str, name: str = "", status: str | None = None) -> str:
    """单位“区财政局”, 类别“一、…”·逾期, 逾期任务 … for the filter bar."""
    base = {"unit": f"单位“{name}”", "category": f"类别“{name}”", "overdue": "逾期的任务",
            "due_soon": "即将到期的任务", "tasks": name or "选定的任务"}[kind]
    return base + (f" · {DISPLAY_LABELS[status]}" if status else "")


def newly_overdue(assignments: Iterable[Assignment], since: date, today: date) -> list[Assignment]:
    """Assignments overdue on ``today`` that were not yet overdue on ``since``."""
    return [item for item in assignments if item.is_overdue(today) and not item.is_overdue(since)]


__all__ = [
    "DEFAULT_HORIZON", "FILTER_KINDS", "DueItem", "Overview", "RowFilter", "Tally", "active_of",
    "build_overview", "category_counts", "category_of", "due_lists", "filter_label", "filter_rows",
    "is_due_soon", "newly_overdue", "unit_counts",
]

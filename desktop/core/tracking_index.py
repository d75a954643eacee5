"""The dashboard's counts, due lists and row filters kept up to date by what changed: :class:`TrackingIndex`.

:func:`~desktop.core.tracking_overview.build_overview` and ``filter_rows`` walk every assignment
of the plan, which at 20,000 assignments is a noticeable pause after each status change, import
or sync. The index keeps each counted assignment's part (its unit, level-1 category, status as
displayed today without the round's 未报送, due day) and the totals those parts add up to; when
assignments change, only theirs are taken out and put back (:meth:`TrackingIndex.update`).
:meth:`~TrackingIndex.overview` and :meth:`~TrackingIndex.rows` then cost the number of units,
categories and rows they return, and are equal to ``build_overview`` and ``filter_rows`` on the
same data (``tests/core/test_tracking_index.py`` checks it after random changes).

What counts is what ``active_of`` keeps: active assignments of the plan's current leaves. Which
tasks are leaves, their level-1 categories and their order (a unit's first row, the due lists'
order, 序号) change only with the plan's structure: the caller passes a ``structure`` token that
changes whenever rows were inserted, removed or moved, and only then is that recomputed for every
assignment. 未报送 (a 未开始 of a unit that sent nothing in the current round) is applied per unit
when the overview is made, so a new round costs nothing here.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import overload

from desktop.core.model import Plan
from desktop.core.numbering import label, level_for, numbering_of
from desktop.core.progress_summary import REPORT_STATUSES, NotSent
from desktop.core.tracking import DONE, NOT_REPORTED, NOT_STARTED, OVERDUE, Assignment
from desktop.core.tracking_overview import (
    DEFAULT_HORIZON,
    DueItem,
    Overview,
    RowFilter,
    Tally,
    category_of,
)
from desktop.core.unit_text import normalise_name

_Dated = tuple[date, int, str, int]  # (due, leaf order, role, assignment id): the due lists' order


@dataclass(frozen=True, slots=True)
class _Part:
    """What one counted assignment adds to the totals."""

    task_id: int
    key: str  # the unit's name key
    unit: str
    role: str
    id: int
    category: int
    base: str  # displayed status today, before 未报送
    due: date | None
    status: str

    @property
    def first(self) -> tuple[int, str, int]:
        return self.task_id, self.role, self.id  # the order of the stored assignments


class _DueList(Sequence[DueItem]):
    """A due list read straight from the index's sorted keys: items are made only when read."""

    def __init__(self, keys: list[_Dated], parts: dict[int, _Part], today: date, overdue: bool) -> None:
        self._keys, self._parts, self._today, self._overdue = keys, parts, today, overdue

    def __len__(self) -> int:
        return len(self._keys)

    def _item(self, key: _Dated) -> DueItem:
        part = self._parts[key[3]]
        due = key[0]
        if self._overdue:
            return DueItem(part.task_id, part.unit, due, OVERDUE, (self._today - due).days)
        return DueItem(part.task_id, part.unit, due, part.status, (due - self._today).days)

    @overload
    def __getitem__(self, index: int) -> DueItem: ...

    @overload
    def __getitem__(self, index: slice) -> list[DueItem]: ...

    def __getitem__(self, index: int | slice) -> DueItem | list[DueItem]:
        if isinstance(index, slice):
            return [self._item(key) for key in self._keys[index]]
        return self._item(self._keys[index])

    def __iter__(self) -> Iterator[DueItem]:
        return (self._item(key) for key in self._keys)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and all(
            a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


class TrackingIndex:
    """Counts and lists over one plan's assignments, updated by the assignments that changed."""

    def __init__(self, plan: Plan, today: date, assignments: Iterable[Assignment] = (),
                 structure: object = None) -> None:
        self.plan = plan
        self.today = today
        self._items: dict[int, Assignment] = {}  # every assignment given, by id
        self._parts: dict[int, _Part] = {}  # the counted ones
        self._unit_counts: Counter[tuple[str, str]] = Counter()  # (unit key, base) → n
        self._category_counts: Counter[tuple[int, str]] = Counter()  # (category, base) → n
        self._category_waiting: Counter[tuple[int, str]] = Counter()  # (category, unit key) → 未开始 n
        self._tasks: dict[tuple[int, str, str], Counter[int]] = {}  # (category, key, base) → task ids
        self._by_key: dict[str, set[int]] = {}  # unit key → its parts' ids
        self._firsts: dict[str, tuple[int, tuple[int, str, int], str]] = {}  # key → (leaf order, first, name)
        self._stale: set[str] = set()  # keys whose _firsts must be worked out again
        self._dated: list[_Dated] = []
        self._unsorted = False  # _dated was appended to (bulk updates, a recount)
        self._structure = structure
        self._order: dict[int, int] = {}
        self._leaf_order()
        self.update(assignments)

    # ----- changes -----------------------------------------------------------------------------
    def update(self, assignments: Iterable[Assignment], removed: Iterable[int] = (), *,
               bulk: bool = False) -> None:
        """Take in new versions of these assignments (by id) and forget the ``removed`` ids.

        ``bulk``: many new ones (a page of a first read); the due lists are put in order by
        :meth:`sort`, or when next read.
        """
        self._ordered()  # a removal below finds its due-list key by bisection
        for assignment_id in removed:
            self._items.pop(assignment_id, None)
            self._drop(assignment_id)
        for item in assignments:
            if item.id is None:
                continue
            self._items[item.id] = item
            old = self._parts.get(item.id)
            new = self._part(item)
            if old == new:
                continue
            self._drop(item.id)
            if new is not None:
                self._add(new, sort=not bulk)
        if bulk:
            self._unsorted = True

    def sort(self) -> None:
        """Put the due lists in order after bulk updates."""
        self._ordered()

    def _ordered(self) -> None:
        if self._unsorted:
            self._dated.sort()
            self._unsorted = False

    def restructure(self, structure: object) -> None:
        """The plan's rows were inserted, removed or moved (``structure`` changed): recount everything."""
        if structure != self._structure:
            self._structure = structure
            self._recount()

    def set_today(self, today: date) -> None:
        """A new day: statuses shown as 逾期 change, so everything is counted again."""
        if today != self.today:
            self.today = today
            self._recount()

    def _recount(self) -> None:
        self._leaf_order()
        items = list(self._items.values())
        self._parts.clear()
        self._unit_counts.clear()
        self._category_counts.clear()
        self._category_waiting.clear()
        self._tasks.clear()
        self._by_key.clear()
        self._firsts.clear()
        self._stale.clear()
        self._dated = []
        for item in items:
            part = self._part(item)
            if part is not None:
                self._add(part, sort=False)
        self._unsorted = True

    def _leaf_order(self) -> None:
        self._order = {leaf.id: index for index, leaf in enumerate(self.plan.leaves())}

    def _part(self, item: Assignment) -> _Part | None:
        if not item.active or item.id is None or item.task_id not in self._order:
            return None
        category = category_of(self.plan[item.task_id]).id
        return _Part(item.task_id, normalise_name(item.unit), item.unit, item.role, item.id, category,
                     item.display_status(self.today), item.due, item.status)

    def _dated_key(self, part: _Part) -> _Dated | None:
        if part.due is None or part.status == DONE:
            return None
        return part.due, self._order[part.task_id], part.role, part.id

    def _add(self, part: _Part, sort: bool = True) -> None:
        self._parts[part.id] = part
        self._unit_counts[part.key, part.base] += 1
        self._category_counts[part.category, part.base] += 1
        if part.base == NOT_STARTED:
            self._category_waiting[part.category, part.key] += 1
        self._tasks.setdefault((part.category, part.key, part.base), Counter())[part.task_id] += 1
        self._by_key.setdefault(part.key, set()).add(part.id)
        dated = self._dated_key(part)
        if dated is not None:
            if sort:
                bisect.insort(self._dated, dated)
            else:
                self._dated.append(dated)
        if part.key in self._stale:
            return
        known = self._firsts.get(part.key)
        candidate = (self._order[part.task_id], part.first, part.unit)
        if known is None:
            if len(self._by_key[part.key]) == 1:
                self._firsts[part.key] = candidate
            else:
                self._stale.add(part.key)
            return
        order, first, name = known
        if candidate[0] < order:
            order = candidate[0]
        if candidate[1] < first:
            first, name = candidate[1], candidate[2]
        self._firsts[part.key] = (order, first, name)

    def _drop(self, assignment_id: int) -> None:
        part = self._parts.pop(assignment_id, None)
        if part is None:
            return
        self._unit_counts[part.key, part.base] -= 1
        self._category_counts[part.category, part.base] -= 1
        if part.base == NOT_STARTED:
            self._category_waiting[part.category, part.key] -= 1
        tasks = self._tasks[part.category, part.key, part.base]
        tasks[part.task_id] -= 1
        if tasks[part.task_id] <= 0:
            del tasks[part.task_id]
        ids = self._by_key[part.key]
        ids.discard(part.id)
        if not ids:
            del self._by_key[part.key]
        dated = self._dated_key(part)
        if dated is not None:
            at = bisect.bisect_left(self._dated, dated)
            if at < len(self._dated) and self._dated[at] == dated:
                del self._dated[at]
        known = self._firsts.get(part.key)
        if known is not None and (known[0] == self._order[part.task_id] or known[1] == part.first):
            self._stale.add(part.key)  # it may have been the first: work it out again when asked

    def _first(self, key: str) -> tuple[int, tuple[int, str, int], str]:
        if key in self._stale or key not in self._firsts:
            parts = [self._parts[assignment_id] for assignment_id in self._by_key[key]]
            order = min(self._order[part.task_id] for part in parts)
            earliest = min(parts, key=lambda part: part.first)
            self._firsts[key] = (order, earliest.first, earliest.unit)
            self._stale.discard(key)
        return self._firsts[key]

    # ----- reading -----------------------------------------------------------------------------
    def _counts(self, base: dict[str, int], waiting: int) -> dict[str, int]:
        counts = dict.fromkeys(REPORT_STATUSES, 0)
        for status, count in base.items():
            counts[status] += count
        counts[NOT_STARTED] -= waiting
        counts[NOT_REPORTED] += waiting
        return counts

    def unit_tallies(self, not_sent: NotSent = frozenset()) -> list[Tally]:
        """As ``unit_counts``: 未报送 units first, then in the order of their first row in the plan."""
        bases: dict[str, dict[str, int]] = {}
        for (key, status), count in self._unit_counts.items():
            if count:
                bases.setdefault(key, {})[status] = count
        tallies: list[tuple[tuple[bool, int, tuple[int, str, int]], Tally]] = []
        for key, counts in bases.items():
            order, first, name = self._first(key)
            waiting = counts.get(NOT_STARTED, 0) if key in not_sent else 0
            tally = Tally(key, name, self._counts(counts, waiting))
            tallies.append(((key not in not_sent, order, first), tally))
        tallies.sort(key=lambda pair: pair[0])
        return [tally for _key, tally in tallies]

    def category_tallies(self, not_sent: NotSent = frozenset()) -> list[Tally]:
        """As ``category_counts``: per level-1 category in plan order, its leaves' assignments."""
        bases: dict[int, dict[str, int]] = {}
        for (category, status), count in self._category_counts.items():
            if count:
                bases.setdefault(category, {})[status] = count
        level = level_for(numbering_of(self.plan), 1)
        number = 0
        out: list[Tally] = []
        for task in self.plan.root.children:
            prefix = ""
            if task.children:
                number += 1
                prefix = label(level.scheme, number)
            counts = bases.get(task.id)
            if counts is None:
                continue
            waiting = sum(self._category_waiting[task.id, key] for key in not_sent)
            flat = " ".join(task.text.split())
            short = flat if len(flat) <= 18 else flat[:17] + "…"
            out.append(Tally(str(task.id), prefix + short, self._counts(counts, waiting), task.id))
        return out

    def due_lists(self, horizon: int = DEFAULT_HORIZON) -> tuple[Sequence[DueItem], Sequence[DueItem]]:
        """(overdue, due soon) in the order of ``tracking_overview.due_lists``, read lazily."""
        self._ordered()
        today = self.today
        split = bisect.bisect_left(self._dated, (today,))
        end = bisect.bisect_left(self._dated, (today + timedelta(days=horizon + 1),))
        return (_DueList(self._dated[:split], self._parts, today, True),
                _DueList(self._dated[split:end], self._parts, today, False))

    def overview(self, horizon: int = DEFAULT_HORIZON, not_sent: NotSent = frozenset()) -> Overview:
        """Equal to ``build_overview(plan, assignments, today, horizon, not_sent)`` (due lists lazily)."""
        units = self.unit_tallies(not_sent)
        overdue, soon = self.due_lists(horizon)
        total = dict.fromkeys(REPORT_STATUSES, 0)
        for tally in units:
            for status, count in tally.counts.items():
                total[status] += count
        return Overview(self.today, horizon, units, self.category_tallies(not_sent),
                        overdue, soon, Tally("", "合计", total))  # type: ignore[arg-type]

    def rows(self, row_filter: RowFilter, horizon: int = DEFAULT_HORIZON,
             not_sent: NotSent = frozenset()) -> set[int]:
        """Equal to ``filter_rows(plan, assignments, row_filter, today, horizon, not_sent)``."""
        plan = self.plan
        kind = row_filter.kind
        if kind == "tasks":
            return {task_id for task_id in row_filter.task_ids if task_id in plan and plan[task_id].is_leaf}
        if kind in ("overdue", "due_soon"):
            overdue, soon = self.due_lists(horizon)
            return {item.task_id for item in (overdue if kind == "overdue" else soon)}
        if kind == "unit":
            key = normalise_name(row_filter.value)
            return self._task_ids(None, key, row_filter.status, not_sent)
        if kind == "category":
            if not row_filter.value.isdigit() or int(row_filter.value) not in plan:
                return set()
            category = int(row_filter.value)
            if row_filter.status is None:
                top = plan[category]
                if top.parent is not plan.root:
                    return set()
                return {leaf.id for leaf in top.leaves()} if top.children else {top.id}
            return self._task_ids(category, None, row_filter.status, not_sent)
        raise ValueError(f"unknown filter kind {kind!r}")

    def _task_ids(self, category: int | None, key: str | None, wanted: str | None,
                  not_sent: NotSent) -> set[int]:
        out: set[int] = set()
        for (cat, unit, base), tasks in self._tasks.items():
            if not tasks or (category is not None and cat != category) or (key is not None and unit != key):
                continue
            shown = NOT_REPORTED if base == NOT_STARTED and unit in not_sent else base
            if wanted is None or shown == wanted:
                out.update(tasks)
        return out


__all__ = ["TrackingIndex"]

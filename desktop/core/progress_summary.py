"""What the progress report (落实情况汇总表) says: per row, the units' progress and status; per unit, counts.

Pure functions over a plan and its assignments (active ones only; inactive assignments belong to
units that left the row). A row's 进展情况 is each unit's latest report — or every report, oldest
first, with ``all_entries`` — with the unit named when the row has more than one unit; its 完成状态
is one label when all its units agree, else one line per unit, and says the 上期 status of a unit
whose status changed since the last reporting round (已完成（上期：推进中）). 逾期 is derived from
the due day and ``today`` (see :meth:`Assignment.display_status`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from desktop.core.model import Plan
from desktop.core.tracking import (
    DISPLAY_LABELS,
    DONE,
    IN_PROGRESS,
    NOT_REPORTED,
    NOT_STARTED,
    ONGOING,
    OVERDUE,
    STATUS_LABELS,
    Assignment,
    ProgressEntry,
)
from desktop.core.unit_text import normalise_name

REPORT_STATUSES: tuple[str, ...] = (DONE, ONGOING, IN_PROGRESS, NOT_STARTED, OVERDUE, NOT_REPORTED)
NotSent = frozenset[str]  # normalised names of the units that sent nothing in the current round


def shown_status(item: Assignment, today: date, not_sent: NotSent = frozenset()) -> str:
    """The status a report shows: 逾期 when overdue; 未报送 for a 未开始 of a unit that sent nothing
    this round (nobody said it was not started); else the stored status."""
    shown = item.display_status(today)
    if shown == NOT_STARTED and normalise_name(item.unit) in not_sent:
        return NOT_REPORTED
    return shown


class StatusCounts:
    """Totals over ``counts`` (assignments by displayed status), shared by the report and the dashboard."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[DONE]

    @property
    def rate(self) -> float:
        """Share that is 已完成 (0 when there is nothing to count)."""
        return self.done / self.total if self.total else 0.0

    @property
    def rate_text(self) -> str:
        """完成率 to one decimal (62.5%), "—" when there is nothing to count."""
        return f"{self.rate * 100:.1f}%" if self.total else "—"


@dataclass(frozen=True)
class UnitTally(StatusCounts):
    """One unit's active assignments counted by displayed status."""

    unit: str
    counts: dict[str, int]  # every key of REPORT_STATUSES



def day_text(on: date, today: date) -> str:
    """6月30日 in the current year, else 2023年6月30日."""
    if on.year == today.year:
        return f"{on.month}月{on.day}日"
    return f"{on.year}年{on.month}月{on.day}日"


def _latest(entries: Sequence[ProgressEntry]) -> ProgressEntry | None:
    return max(entries, key=lambda item: (item.date, item.id or 0)) if entries else None


def _entry_text(entry: ProgressEntry, today: date) -> str:
    return f"{entry.text}（{day_text(entry.date, today)}）" if entry.text else ""


def progress_text(assignments: Sequence[Assignment], today: date, all_entries: bool = False) -> str:
    """The 进展情况 cell of one row from its units' assignments."""
    named = len(assignments) > 1
    lines: list[str] = []
    for item in assignments:
        if all_entries:
            texts = [_entry_text(entry, today) for entry in item.progress]
        else:
            latest = _latest(item.progress)
            texts = [_entry_text(latest, today)] if latest is not None else []
        for text in (t for t in texts if t):
            lines.append(f"{item.unit}：{text}" if named else text)
    return "\n".join(lines)


def status_text(assignments: Sequence[Assignment], today: date, not_sent: NotSent = frozenset(),
                before: Mapping[int, str] | None = None) -> str:
    """The 完成状态 cell of one row: one label when the units agree, else one line per unit. With
    ``before`` (assignment id → status as the last round closed), a unit whose status changed since
    says so: 已完成（上期：推进中）."""
    shown = [shown_status(item, today, not_sent) + _since(item, before) for item in assignments]
    if not shown:
        return ""
    if len(set(shown)) == 1:
        return _label(shown[0])
    pairs = zip(assignments, shown, strict=True)
    return "\n".join(f"{item.unit}：{_label(status)}" for item, status in pairs)


def _since(item: Assignment, before: Mapping[int, str] | None) -> str:
    """"\t" and the 上期 status when the stored status changed since the last round (else "")."""
    then = before.get(item.id) if before and item.id is not None else None
    return f"\t{then}" if then is not None and then != item.status and then in STATUS_LABELS else ""


def _label(shown: str) -> str:
    status, _, then = shown.partition("\t")
    return DISPLAY_LABELS[status] + (f"（上期：{STATUS_LABELS[then]}）" if then else "")


def by_leaf(plan: Plan, assignments: Sequence[Assignment]) -> dict[int, list[Assignment]]:
    """Active assignments of each leaf, lead units first, in stored order."""
    leaves = {leaf.id for leaf in plan.leaves()}
    out: dict[int, list[Assignment]] = {}
    for item in assignments:
        if item.active and item.task_id in leaves:
            out.setdefault(item.task_id, []).append(item)
    for items in out.values():
        items.sort(key=lambda item: item.role != "lead")
    return out


def row_texts(plan: Plan, assignments: Sequence[Assignment], today: date,
              all_entries: bool = False, not_sent: NotSent = frozenset(),
              before: Mapping[int, str] | None = None) -> dict[int, tuple[str, str]]:
    """(进展情况, 完成状态) of every leaf that has active assignments (``before``: see status_text)."""
    return {task_id: (progress_text(items, today, all_entries), status_text(items, today, not_sent, before))
            for task_id, items in by_leaf(plan, assignments).items()}


def unit_tallies(plan: Plan, assignments: Sequence[Assignment], today: date,
                 not_sent: NotSent = frozenset()) -> list[UnitTally]:
    """Per unit (in the order of its first row in the plan), active assignments by displayed status."""
    order = {leaf.id: index for index, leaf in enumerate(plan.leaves())}
    names: dict[str, str] = {}
    first: dict[str, int] = {}
    counts: dict[str, dict[str, int]] = {}
    for item in assignments:
        if not item.active or item.task_id not in order:
            continue
        key = normalise_name(item.unit)
        names.setdefault(key, item.unit)
        first[key] = min(first.get(key, order[item.task_id]), order[item.task_id])
        tally = counts.setdefault(key, dict.fromkeys(REPORT_STATUSES, 0))
        tally[shown_status(item, today, not_sent)] += 1
    return [UnitTally(names[key], counts[key]) for key in sorted(counts, key=first.__getitem__)]


def total_tally(tallies: Sequence[UnitTally]) -> UnitTally:
    """The 合计 line: the units' counts added up."""
    counts = dict.fromkeys(REPORT_STATUSES, 0)
    for tally in tallies:
        for key, value in tally.counts.items():
            counts[key] += value
    return UnitTally("合计", counts)


__all__ = [
    "REPORT_STATUSES",
    "NotSent",
    "UnitTally",
    "by_leaf",
    "day_text",
    "progress_text",
    "row_texts",
    "shown_status",
    "status_text",
    "total_tally",
    "unit_tallies",
]

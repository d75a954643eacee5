"""催办: who must be reminded (units that are overdue or sent nothing this round) and what to say.

:func:`reminders` gives one :class:`Reminder` per unit that has overdue tasks or is 未报送 in the
current round — 未报送 first, then the most overdue — with its overdue tasks (序号, text, due day,
days overdue). :func:`reminder_list` is the plain list to paste into a message; the .docx notices
are written by :mod:`desktop.formats.report.reminder_docx`. Everything here is pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop.core.model import Plan
from desktop.core.tracking import Assignment
from desktop.core.tracking_rounds import NOT_SENT, UnitReturn
from desktop.core.unit_text import normalise_name


@dataclass(frozen=True)
class OverdueTask:
    seq: int  # the row's 序号 in the plan
    text: str
    due: date
    days: int  # days past the due day


@dataclass(frozen=True)
class Reminder:
    """One unit to remind: whether it sent nothing this round, and its overdue tasks."""

    unit: str
    not_sent: bool
    overdue: tuple[OverdueTask, ...]

    @property
    def since(self) -> date | None:
        """The earliest due day passed (overdue since)."""
        return min((task.due for task in self.overdue), default=None)

    def reasons(self) -> str:
        """未报送；逾期 2 项（最早自 2026年10月31日起）."""
        parts = ["本轮未报送落实情况"] if self.not_sent else []
        if self.overdue:
            since = self.since
            first = f"（最早自{since.year}年{since.month}月{since.day}日起）" if since else ""
            parts.append(f"逾期 {len(self.overdue)} 项{first}")
        return "；".join(parts)


def reminders(plan: Plan, assignments: Sequence[Assignment], states: Sequence[UnitReturn],
              today: date) -> list[Reminder]:
    """The units to remind (see the module doc), 未报送 first, then by the number of overdue tasks."""
    seqs = {leaf.id: index for index, leaf in enumerate(plan.leaves(), start=1)}
    names: dict[str, str] = {}
    overdue: dict[str, list[OverdueTask]] = {}
    for item in assignments:
        if item.task_id not in seqs:
            continue
        key = normalise_name(item.unit)
        names.setdefault(key, item.unit)
        if item.is_overdue(today) and item.due is not None:
            overdue.setdefault(key, []).append(OverdueTask(seqs[item.task_id], plan[item.task_id].text,
                                                           item.due, (today - item.due).days))
    not_sent = {normalise_name(state.unit) for state in states if state.state == NOT_SENT}
    keys = [key for key in names if key in not_sent or key in overdue]
    out = [Reminder(names[key], key in not_sent, tuple(sorted(overdue.get(key, []), key=lambda t: t.seq)))
           for key in keys]
    return sorted(out, key=lambda r: (not r.not_sent, -len(r.overdue)))


def _day(on: date) -> str:
    return f"{on.year}年{on.month}月{on.day}日"


def reminder_list(items: Sequence[Reminder], today: date, reply_by: date) -> str:
    """The plain list to paste into a message (one line per unit, then its overdue tasks)."""
    lines = [f"催办名单（截至{_day(today)}，请于{_day(reply_by)}前报送落实情况）："]
    for number, item in enumerate(items, start=1):
        lines.append(f"{number}. {item.unit}：{item.reasons()}")
        for task in item.overdue:
            text = task.text if len(task.text) <= 40 else task.text[:39] + "…"
            lines.append(f"   序号 {task.seq}：{text}（完成时限 {_day(task.due)}，已逾期 {task.days} 天）")
    if not items:
        lines.append("没有需要催办的单位。")
    return "\n".join(lines)

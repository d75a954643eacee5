"""Reporting rounds (报送轮次): which units reported in a round, and what changed since the last one.

A plan's progress is collected in rounds ("2026年11月"): the clerk opens a round, sends the units
their workbooks (each carries its round) and imports what comes back into that round. At most one
round per plan is open; opening the next closes the current one and keeps every assignment's state
as it closed (the 上期 of the next report).

Each unit's state in a round is explicit (:func:`unit_states`):

已报送 (``sent``)
    its latest return in the round was imported with nothing rejected; the time is the import's;
部分退回 (``partly``)
    its latest return had rows or fields rejected (or the whole file was refused): which and why;
未报送 (``not_sent``)
    nothing came back in the round. Such a unit's assignments that are still 未开始 are shown as
    未报送, never as 未开始: nobody said they were not started.

Everything here is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from desktop.core.tracking import DONE, Assignment
from desktop.core.unit_text import normalise_name

NOT_SENT, PARTLY, SENT = "not_sent", "partly", "sent"
UNIT_STATE_LABELS: dict[str, str] = {NOT_SENT: "未报送", PARTLY: "部分退回", SENT: "已报送"}
UNIT_STATE_ORDER: dict[str, int] = {NOT_SENT: 0, PARTLY: 1, SENT: 2}


def default_round_name(on: date) -> str:
    """The round named after its month: 2026年11月."""
    return f"{on.year}年{on.month}月"


@dataclass(frozen=True)
class Round:
    """One reporting round of a plan."""

    id: int
    plan_id: int
    name: str
    opened_at: str  # ISO date and time
    closed_at: str | None = None

    @property
    def open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class Rejection:
    """One thing of a return that was not taken: a row (序号) or a field of it, or the whole file."""

    seq: str  # "" for the whole file
    field: str  # "" for the whole row
    reason: str


@dataclass(frozen=True)
class ReturnRecord:
    """One returned file of one unit imported into a round."""

    round_id: int
    unit: str
    source: str  # the file's name
    saved_at: str | None  # the workbook's own saved time
    imported_at: str
    rows: int  # rows read (non-blank)
    rejected: tuple[Rejection, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class UnitReturn:
    """A unit's state in a round (see the module doc)."""

    unit: str
    state: str
    time: str = ""  # when its latest return was imported
    source: str = ""
    rejected: tuple[Rejection, ...] = ()

    @property
    def label(self) -> str:
        return UNIT_STATE_LABELS[self.state]

    def describe(self) -> str:
        """已报送（2026-11-28 10:05） / 部分退回：序号 3 完成时间：… / 未报送."""
        if self.state == NOT_SENT:
            return self.label
        if self.state == SENT:
            return f"{self.label}（{self.time[:16].replace('T', ' ')}）"
        parts = []
        for item in self.rejected:
            where = f"序号 {item.seq}" if item.seq else "整个文件"
            field = f"“{item.field}”" if item.field else ""
            parts.append(f"{where}{field}：{item.reason}")
        return f"{self.label}：" + "；".join(parts)


def unit_states(units: Iterable[str], returns: Sequence[ReturnRecord]) -> list[UnitReturn]:
    """Each unit's state from the round's returns: 未报送 first, then 部分退回, then 已报送 (stable)."""
    latest: dict[str, ReturnRecord] = {}
    for record in sorted(returns, key=lambda r: (r.imported_at, r.saved_at or "", r.id or 0)):
        latest[normalise_name(record.unit)] = record
    out: list[UnitReturn] = []
    for unit in dict.fromkeys(units):
        found = latest.get(normalise_name(unit))
        if found is None:
            out.append(UnitReturn(unit, NOT_SENT))
        else:
            state = PARTLY if found.rejected else SENT
            out.append(UnitReturn(unit, state, found.imported_at, found.source, found.rejected))
    return sorted(out, key=lambda item: UNIT_STATE_ORDER[item.state])


def not_sent_keys(states: Iterable[UnitReturn]) -> frozenset[str]:
    """Normalised names of the units that sent nothing."""
    return frozenset(normalise_name(item.unit) for item in states if item.state == NOT_SENT)


@dataclass(frozen=True)
class PeriodChange:
    """This round against the last one (本期 / 上期)."""

    previous: str  # the last round's name
    newly_done: tuple[Assignment, ...]
    newly_overdue: tuple[Assignment, ...]
    before: Mapping[int, str] = field(default_factory=dict)  # assignment id → its status then (上期)


Kept = Mapping[int, tuple[str, str | None, str | None]]  # assignment id → status, completed_on, due


def compare_rounds(assignments: Sequence[Assignment], previous: Kept, previous_name: str,
                   previous_day: date, today: date) -> PeriodChange:
    """What is newly 已完成 and newly 逾期 now compared with the states kept when the last round closed.

    ``previous`` maps assignment id → (status, completed_on, due) as kept; an assignment the last
    round did not have counts as not done and not overdue then.
    """
    done: list[Assignment] = []
    overdue: list[Assignment] = []
    for item in assignments:
        if not item.active or item.id is None:
            continue
        status, _, due = previous.get(item.id, ("", None, None))
        was_done = status == DONE
        was_overdue = not was_done and due is not None and date.fromisoformat(due) < previous_day \
            if status else False
        if item.status == DONE and not was_done:
            done.append(item)
        if item.is_overdue(today) and not was_overdue:
            overdue.append(item)
    before = {key: status for key, (status, _, _) in previous.items()}
    return PeriodChange(previous_name, tuple(done), tuple(overdue), before)

"""A row's history across reporting rounds (历次报送): each round, each unit, what it reported.

For one row of the plan, :class:`RoundHistory` is one round — the open round (or, without one, the
current state, named 当前) and every closed round as it closed — with one :class:`UnitInRound` per
unit of the row: whether the unit reported in that round (已报送 / 部分退回 / 未报送), the status and
completion date it had then, whether it was overdue then, and its latest progress text then. The
store builds them (``desktop.store.row_history``); the command line (``fenjie feedback history``)
and the window's 「历次报送」 dialog show them, newest round first. Everything here is pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.tracking import (
    DISPLAY_LABELS,
    NOT_REPORTED,
    NOT_STARTED,
    OVERDUE,
    ROLE_LABELS,
    STATUS_LABELS,
)
from desktop.core.tracking_rounds import NOT_SENT, UNIT_STATE_LABELS

CURRENT = "当前"  # the name of the current state when no round is open


@dataclass(frozen=True)
class UnitInRound:
    """One unit of the row in one round."""

    unit: str
    role: str  # "lead" or "units"
    status: str  # the stored status then
    completed_on: str | None  # ISO date
    overdue: bool  # past its due day then, and not done
    returned: str  # NOT_SENT / PARTLY / SENT, "" outside any round
    progress: str = ""  # the latest progress text then
    progress_date: str | None = None  # its date (ISO)

    @property
    def shown(self) -> str:
        """The status as the report shows it: 逾期, 未报送 (未开始 of a unit that sent nothing), or
        the status."""
        if self.overdue:
            return OVERDUE
        if self.returned == NOT_SENT and self.status == NOT_STARTED:
            return NOT_REPORTED
        return self.status

    @property
    def status_label(self) -> str:
        """What the unit said and whether it was late: 推进中（逾期）, 已完成（2026-11-20）, 未报送."""
        unsent = self.returned == NOT_SENT and self.status == NOT_STARTED
        label = DISPLAY_LABELS[NOT_REPORTED] if unsent else STATUS_LABELS[self.status]
        if self.completed_on:
            return f"{label}（{self.completed_on}）"
        return f"{label}（{DISPLAY_LABELS[OVERDUE]}）" if self.overdue else label

    @property
    def returned_label(self) -> str:
        return UNIT_STATE_LABELS.get(self.returned, "")

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


@dataclass(frozen=True)
class RoundHistory:
    """One round of the row's history: its name, whether it is the current one, and the units."""

    name: str
    current: bool  # the open round, or the current state without one
    closed_at: str | None  # ISO time the round closed (None for the current one)
    units: tuple[UnitInRound, ...]

    @property
    def when(self) -> str:
        """进行中 / 截至 2026-11-30 (when the round closed) / 当前."""
        if self.closed_at:
            return f"截至 {self.closed_at[:10]}"
        return "进行中" if self.name != CURRENT else "当前"


def history_rows(history: list[RoundHistory]) -> list[tuple[str, ...]]:
    """One line per round and unit, newest round first: 报送轮次, 单位, 报送情况, 完成状态, 进展情况,
    进展日期."""
    return [(f"{item.name}（{item.when}）", unit.unit, unit.returned_label or "—", unit.status_label,
             unit.progress or "—", unit.progress_date or "—")
            for item in history for unit in item.units]

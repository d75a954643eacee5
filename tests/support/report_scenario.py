"""A county's reporting state at 40 or 100 units, built in a real workspace, for the report's layout tests.

:func:`report_scenario` makes a plan whose rows each name three units (long, realistic unit names),
stores it in a real SQLite workspace, runs two reporting rounds through the store (the first closed,
so the report has 上期), sets every assignment's status with ``apply_updates`` as imports would, and
records the units' returns in the current round: most 已报送, some 部分退回 (with rejected rows),
some 未报送. Many rows are overdue, spread over many units, so every list on the leader's page is
long. Nothing is mocked; the report is then written from what the store says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli_tracking import round_facts
from desktop.core.feedback_check import Update
from desktop.core.model import Plan
from desktop.core.tracking import DONE, IN_PROGRESS, NOT_STARTED, ONGOING, Assignment, ProgressEntry
from desktop.core.tracking_rounds import Rejection, ReturnRecord
from desktop.store.feedback_undo import apply_updates
from desktop.store.rounds import open_round, write_returns
from desktop.store.tracking_store import load_assignments, sync_plan
from tests.support.workspaces import Workspace

TODAY = date(2026, 12, 5)
DUE_EARLY, DUE_LATE = "2026年11月30日前", "2026年12月31日前"
_BASES = ("发展和改革局", "财政局", "教育和体育局", "住房和城乡建设局", "商务综合服务中心", "城市管理局",
          "农业农村局", "人力资源和社会保障局", "文化和旅游局", "卫生健康局", "民政局", "水务局",
          "行政审批服务局", "大数据服务中心", "司法局", "自然资源和规划局", "应急管理局", "市场监督管理局",
          "退役军人事务局", "医疗保障局")


def unit_names(count: int) -> list[str]:
    """``count`` distinct unit names of real length (区财政局 … 区第3人力资源和社会保障局)."""
    names = []
    for n in range(count):
        base = _BASES[n % len(_BASES)]
        names.append(f"区{base}" if n < len(_BASES) else f"区第{n // len(_BASES) + 1}{base}")
    return names


@dataclass
class Scenario:
    workspace: Workspace
    plan: Plan
    units: list[str]
    items: list[Assignment]
    facts: Any  # RoundFacts
    today: date = TODAY


def _plan(units: list[str]) -> Plan:
    plan = Plan("2026年测试区政务公开重点工作任务分工", year=2026)
    category = None
    rows = max(59, len(units))
    for i in range(rows):
        if i % 10 == 0:
            category = plan.make_task(f"第{i // 10 + 1}方面重点任务")
            plan.insert_subtree(plan.ROOT_ID, len(plan.root.children), category)
        names = "、".join(units[(3 * i + k) % len(units)] for k in range(3))
        leaf = plan.make_task(f"第{i + 1}项具体要求：做好政策解读和回应关切工作，按时报送落实情况。",
                              {"units": names, "deadline": DUE_EARLY if i % 2 == 0 else DUE_LATE})
        assert category is not None
        plan.insert_subtree(category.id, len(category.children), leaf)
    plan.take_journal()
    return plan


def _status(unit: int, k: int, final: bool) -> tuple[str, date | None]:
    pick = (unit * 7 + k) % 5
    if not final and pick == 0:
        pick = 1  # done only in the current round: 本期新完成
    if pick == 0:
        return DONE, date(2026, 11, 20 + k % 8)
    return {1: (IN_PROGRESS, None), 2: (ONGOING, None)}.get(pick, (NOT_STARTED, None))


def report_scenario(folder: Path, count: int, *, not_sent: int, partly: int) -> Scenario:
    """The scenario at ``count`` units: the last ``not_sent`` send nothing, the ``partly`` before them
    have rows rejected (see the module doc)."""
    units = unit_names(count)
    plan = _plan(units)
    ws = Workspace.open(folder / "ws.sqlite3", seed_sample=False, seed_units=False)
    ws.add_plan(plan)
    assert plan.id is not None
    sync_plan(ws.db, plan, ws.units())
    index = {name: n for n, name in enumerate(units)}
    silent = set(units[count - not_sent:])
    partial = set(units[count - not_sent - partly:count - not_sent])
    open_round(ws.db, plan.id, "2026年10月")
    for final in (False, True):
        if final:
            current = open_round(ws.db, plan.id, "2026年11月")
        updates = []
        seen: dict[str, int] = {}
        for item in load_assignments(ws.db, plan.id, include_inactive=False):
            if item.unit in silent and final:
                continue
            k = seen[item.unit] = seen.get(item.unit, -1) + 1
            status, day = _status(index[item.unit], k, final)
            text = f"{item.unit}第{k + 1}项：已按要求推进。" if status != NOT_STARTED else ""
            entry = ProgressEntry(date(2026, 11 if final else 10, 28), text, item.unit, "imported") if text \
                else None
            assert item.id is not None
            updates.append(Update(item.id, status, day, entry))
        apply_updates(ws.db, updates, "导入反馈表", plan.id)
    rejected = (Rejection("3", "完成时间", "“某日”不是日期"),)
    write_returns(ws.db, [ReturnRecord(current.id, unit, f"{unit}-反馈表.xlsx", "2026-12-01T09:00:00",
                                       "2026-12-02T10:00:00", 3, rejected if unit in partial else ())
                          for unit in units if unit not in silent])
    items = load_assignments(ws.db, plan.id, include_inactive=False)
    return Scenario(ws, plan, units, items, round_facts(ws, plan.id, items, TODAY))

"""What the progress report says per row and per unit (pure)."""

from __future__ import annotations

from datetime import date

from desktop.core.model import Plan
from desktop.core.progress_summary import (
    day_text,
    progress_text,
    row_texts,
    status_text,
    total_tally,
    unit_tallies,
)
from desktop.core.tracking import DONE, IN_PROGRESS, NOT_STARTED, ONGOING, OVERDUE, Assignment, ProgressEntry

TODAY = date(2024, 7, 1)


def entry(day: int, text: str, entry_id: int) -> ProgressEntry:
    return ProgressEntry(date(2024, 6, day), text, id=entry_id)


def test_latest_report_per_unit_or_all_of_them() -> None:
    finance = Assignment(1, "区财政局", "lead", progress=(entry(3, "启动。", 1), entry(20, "过半。", 2)))
    civil = Assignment(1, "区民政局", progress=(entry(5, "已完成。", 3),))
    silent = Assignment(1, "区水务局")
    assert progress_text([finance], TODAY) == "过半。（6月20日）"
    both = progress_text([finance, civil, silent], TODAY)
    assert both == "区财政局：过半。（6月20日）\n区民政局：已完成。（6月5日）"
    assert progress_text([finance], TODAY, all_entries=True) == "启动。（6月3日）\n过半。（6月20日）"
    assert progress_text([silent], TODAY) == ""
    assert day_text(date(2023, 12, 1), TODAY) == "2023年12月1日"


def test_one_status_when_units_agree_else_one_line_each() -> None:
    done = Assignment(1, "区财政局", status=DONE, completed_on=date(2024, 6, 1))
    late = Assignment(1, "区民政局", status=IN_PROGRESS, due=date(2024, 6, 30))
    assert status_text([done, Assignment(1, "区水务局", status=DONE, completed_on=TODAY)], TODAY) == "已完成"
    assert status_text([done, late], TODAY) == "区财政局：已完成\n区民政局：逾期"
    assert status_text([], TODAY) == ""


def test_rows_and_tallies_count_active_assignments_in_plan_order() -> None:
    plan = Plan("计划")
    top = plan.make_task("类别")
    plan.insert_subtree(0, 0, top)
    first, second = plan.make_task("甲"), plan.make_task("乙")
    plan.insert_subtree(top.id, 0, first)
    plan.insert_subtree(top.id, 1, second)
    items = [
        Assignment(second.id, "区民政局", status=ONGOING),
        Assignment(first.id, "区财政局", status=DONE, completed_on=TODAY),
        Assignment(second.id, "区财政局", status=NOT_STARTED, due=date(2024, 6, 1)),
        Assignment(first.id, "区水务局", active=False),
        Assignment(999, "区财政局"),  # a deleted leaf
    ]
    tallies = unit_tallies(plan, items, TODAY)
    assert [(t.unit, t.total, t.done) for t in tallies] == [("区财政局", 2, 1), ("区民政局", 1, 0)]
    assert tallies[0].counts[OVERDUE] == 1 and tallies[0].rate == 0.5
    total = total_tally(tallies)
    assert (total.unit, total.total, total.counts[ONGOING]) == ("合计", 3, 1)
    texts = row_texts(plan, items, TODAY)
    assert texts[first.id] == ("", "已完成")
    assert texts[second.id] == ("", "区民政局：持续推进\n区财政局：逾期")  # lead units first, else as stored

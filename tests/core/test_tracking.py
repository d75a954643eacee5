"""Tracking core: expected assignments from real plans, statuses, progress logs, reconciliation."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from desktop.core.assignment_units import cell_units, unit_name
from desktop.core.model import Plan
from desktop.core.operations import DeleteTask, SetAttr
from desktop.core.tracking import (
    DISPLAY_LABELS,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    ONGOING,
    OVERDUE,
    STATUS_LABELS,
    Assignment,
    TrackingError,
    add_progress,
    assignment_key,
    expected_assignments,
    plan_dues,
    progress_entry,
    reconcile,
    set_status,
    sync_assignments,
)
from desktop.core.units import Unit, UnitDirectory


def small_plan() -> Plan:
    plan = Plan("2024年测试工作要点", year=2024, issue_date="2024-06-26")
    category = plan.make_task("一、推进公开", {"deadline": "2024年12月底前"})
    plan.insert_subtree(plan.ROOT_ID, 0, category)
    first = plan.make_task("公开预算", {"lead": "区财政局牵头落实", "units": "各街道（镇）、区财政局"})
    second = plan.make_task("公开决算", {"units": "区审计局", "deadline": "长期坚持"})
    third = plan.make_task("印发方案", {"units": "区政府办公室", "deadline": "本要点印发30日内"})
    for index, task in enumerate((first, second, third)):
        plan.insert_subtree(category.id, index, task)
    return plan


def test_status_ids_and_labels() -> None:
    assert STATUS_LABELS == {NOT_STARTED: "未开始", IN_PROGRESS: "推进中", DONE: "已完成",
                             ONGOING: "持续推进"}
    assert DISPLAY_LABELS[OVERDUE] == "逾期"


@pytest.mark.parametrize(("token", "name"), [
    ("市国税局按职责分工分别牵头落实", "市国税局"),
    ("市政府办公室牵头落实", "市政府办公室"),
    ("区农业农村局等有关部门单位", "区农业农村局"),
    ("市政府有关部门（单位）按职责分工分别牵头落实", "市政府有关部门（单位）"),
    ("各县（市、区）", "各县（市、区）"),
    ("区政府各部门单位", "区政府各部门单位"),
    ("市环保局配合", "市环保局"),
    ("按职责分工负责", ""),
])
def test_unit_names_lose_duty_phrases(token: str, name: str) -> None:
    assert unit_name(token) == name


def test_directory_names_win_over_short_names() -> None:
    directory = UnitDirectory([Unit("区财政局", short_name="财政局", sort_order=1),
                               Unit("各街道（镇）", sort_order=2, kind="group")])
    assert unit_name("财政局牵头落实", directory) == "区财政局"
    assert unit_name("各街道(镇)", directory) == "各街道（镇）"
    assert cell_units("财政局、区财政局、各街道（镇）", directory) == ["区财政局", "各街道（镇）"]


def test_expected_assignments_of_the_laiwu_sample(laiwu_plan) -> None:
    expected = expected_assignments(laiwu_plan)
    leaves = laiwu_plan.leaves()
    assert {task_id for task_id, _, _ in expected} == {leaf.id for leaf in leaves}
    assert {role for _, _, role in expected} == {"units"}
    counts = Counter(unit for _, unit, _ in expected)
    assert counts["各街道（镇）"] == 50
    assert "市生态环境局莱芜分局" in counts  # "…等有关部门单位" stripped
    assert not any("等有关部门" in unit for unit in counts)
    order = [task_id for task_id, _, _ in expected]
    assert order == sorted(order, key=[leaf.id for leaf in leaves].index)


def test_expected_assignments_of_the_taian_sample(taian_plan) -> None:
    expected = expected_assignments(taian_plan)
    roles = Counter(role for _, _, role in expected)
    assert roles["lead"] > 0 and roles["units"] > 0
    assert not any("牵头落实" in unit for _, unit, _ in expected)
    first_leaf = taian_plan.leaves()[0]
    mine = [(unit, role) for task_id, unit, role in expected if task_id == first_leaf.id]
    assert mine[0] == ("市发展改革委", "lead")
    assert ("人行泰安市中心支行", "lead") in mine
    assert ("各县（市、区）", "units") in mine
    keys = [assignment_key(task_id, unit) for task_id, unit, _ in expected]
    assert len(keys) == len(set(keys))


def test_a_unit_in_both_cells_is_assigned_once_as_lead() -> None:
    plan = small_plan()
    leaf = plan.leaves()[0]
    mine = [(unit, role) for task_id, unit, role in expected_assignments(plan) if task_id == leaf.id]
    assert mine == [("区财政局", "lead"), ("各街道（镇）", "units")]


def test_dues_come_from_inherited_deadlines_and_the_issue_date() -> None:
    plan = small_plan()
    first, second, third = (leaf.id for leaf in plan.leaves())
    assert plan_dues(plan) == {first: date(2024, 12, 31), second: None, third: date(2024, 7, 26)}


def test_status_changes() -> None:
    item = Assignment(1, "区财政局")
    with pytest.raises(TrackingError, match="完成日期"):
        set_status(item, DONE)
    done = set_status(item, DONE, date(2024, 11, 2))
    assert (done.status, done.completed_on) == (DONE, date(2024, 11, 2))
    back = set_status(done, IN_PROGRESS)
    assert (back.status, back.completed_on) == (IN_PROGRESS, None)
    with pytest.raises(TrackingError, match="未知"):
        set_status(item, "finished")
    assert item.status == NOT_STARTED  # pure: the original is unchanged


def test_overdue_is_derived() -> None:
    item = Assignment(1, "区财政局", due=date(2024, 12, 31), status=IN_PROGRESS)
    assert item.display_status(date(2024, 12, 31)) == IN_PROGRESS
    assert item.display_status(date(2025, 1, 1)) == OVERDUE
    assert set_status(item, ONGOING).display_status(date(2025, 1, 1)) == OVERDUE
    assert set_status(item, DONE, date(2025, 2, 1)).display_status(date(2025, 3, 1)) == DONE
    assert Assignment(1, "x", due=None).display_status(date(2099, 1, 1)) == NOT_STARTED
    inactive = Assignment(1, "x", due=date(2020, 1, 1), active=False)
    assert inactive.display_status(date(2024, 1, 1)) == NOT_STARTED


def test_progress_log_keeps_date_order_and_checks_entries() -> None:
    item = Assignment(1, "区财政局")
    late = progress_entry(date(2024, 9, 1), "已完成初稿", "张三")
    early = progress_entry(date(2024, 7, 1), "已部署", "李四", "imported",
                           attachments=["/tmp/报告.docx"], source_file="/tmp/进展汇总.xlsx")
    logged = add_progress(add_progress(item, late), early)
    assert [entry.text for entry in logged.progress] == ["已部署", "已完成初稿"]
    assert logged.progress[0].attachments == ("/tmp/报告.docx",)
    assert progress_entry(date(2024, 7, 1), " 文字\x0b换行\x00 ").text == "文字\n换行"
    with pytest.raises(TrackingError, match="不能为空"):
        progress_entry(date(2024, 7, 1), "  ")
    with pytest.raises(TrackingError, match="来源"):
        progress_entry(date(2024, 7, 1), "x", source="email")
    assert progress_entry(date(2024, 7, 1), "", attachments=["a.pdf"]).attachments == ("a.pdf",)


def test_assignment_check() -> None:
    Assignment(1, "区财政局", "lead").check()
    for bad, message in ((Assignment(1, " "), "单位"), (Assignment(1, "x", "cooperating"), "角色"),
                         (Assignment(1, "x", status=DONE), "完成日期")):
        with pytest.raises(TrackingError, match=message):
            bad.check()


def _by_unit(items: list[Assignment], task_id: int) -> dict[str, Assignment]:
    return {item.unit: item for item in items if item.task_id == task_id}


def test_changing_units_keeps_history_of_remaining_units_and_undo_brings_the_rest_back() -> None:
    plan = small_plan()
    leaf = plan.leaves()[0]
    first = sync_assignments(plan, [])
    assert len(first.added) == len(first.assignments) == 4
    assert first.changed == first.added
    # the units report progress
    logged = [add_progress(set_status(item, IN_PROGRESS),
                           progress_entry(date(2024, 7, 1), f"{item.unit}已部署"))
              if item.task_id == leaf.id else item for item in first.assignments]
    # the clerk drops 各街道（镇） from the row and adds 区审计局
    undo = SetAttr(leaf.id, "units", "区财政局、区审计局").apply(plan)
    second = sync_assignments(plan, logged)
    mine = _by_unit(second.assignments, leaf.id)
    assert mine["区财政局"].status == IN_PROGRESS
    assert mine["区财政局"].progress[0].text == "区财政局已部署"
    assert mine["各街道（镇）"].active is False
    assert mine["各街道（镇）"].progress[0].text == "各街道（镇）已部署"
    assert [item.unit for item in second.deactivated] == ["各街道（镇）"]
    assert [item.unit for item in second.added] == ["区审计局"]
    assert {item.unit for item in second.changed} == {"各街道（镇）", "区审计局"}
    # undo: the old unit is active again with its history; the added one is kept, inactive
    undo.apply(plan)
    third = sync_assignments(plan, second.assignments)
    mine = _by_unit(third.assignments, leaf.id)
    assert mine["各街道（镇）"].active and mine["各街道（镇）"].status == IN_PROGRESS
    assert mine["各街道（镇）"].progress[0].text == "各街道（镇）已部署"
    assert [item.unit for item in third.reactivated] == ["各街道（镇）"]
    assert not mine["区审计局"].active
    assert len(third.assignments) == 5


def test_deleting_a_leaf_deactivates_its_assignments_and_nothing_is_lost() -> None:
    plan = small_plan()
    leaf = plan.leaves()[1]
    first = sync_assignments(plan, [])
    undo = DeleteTask(leaf.id).apply(plan)
    second = sync_assignments(plan, first.assignments)
    assert [(item.task_id, item.active) for item in second.deactivated] == [(leaf.id, False)]
    assert len(second.assignments) == len(first.assignments)
    undo.apply(plan)
    third = sync_assignments(plan, second.assignments)
    assert [item.task_id for item in third.reactivated] == [leaf.id]
    assert all(item.active for item in third.assignments)


def test_role_spelling_and_due_follow_the_plan() -> None:
    existing = [Assignment(7, "区 财政局", "units", IN_PROGRESS, due=date(2024, 6, 30), id=3)]
    result = reconcile(existing, [(7, "区财政局", "lead")], {7: date(2024, 12, 31)})
    (item,) = result.assignments
    assert (item.id, item.unit, item.role, item.status, item.due) == (
        3, "区财政局", "lead", IN_PROGRESS, date(2024, 12, 31))
    assert result.changed == [item] and not result.added
    unchanged = reconcile(result.assignments, [(7, "区财政局", "lead")], {7: date(2024, 12, 31)})
    assert unchanged.changed == []
    no_dues = reconcile(existing, [(7, "区财政局", "units")])
    assert no_dues.assignments[0].due == date(2024, 6, 30)


def test_changing_the_deadline_moves_the_due_day() -> None:
    plan = small_plan()
    first = sync_assignments(plan, [])
    category = plan.root.children[0]
    SetAttr(category.id, "deadline", "2024年6月30日前").apply(plan)
    second = sync_assignments(plan, first.assignments)
    leaf = plan.leaves()[0]
    assert {item.due for item in second.changed} == {date(2024, 6, 30)}
    assert all(item.task_id == leaf.id for item in second.changed)

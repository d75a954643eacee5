"""Invalid operations raise a clear error and change nothing; user actions do what a clerk expects."""

from __future__ import annotations

import pytest

from desktop.core import operations as ops
from desktop.core.model import Plan, PlanError


def small_plan() -> Plan:
    plan = Plan("测试")
    a = plan.make_task("一", {"units": "区财政局"}, [plan.make_task("a1"), plan.make_task("a2")])
    b = plan.make_task("二", {}, [plan.make_task("b1")])
    plan.insert_subtree(0, 0, a)
    plan.insert_subtree(0, 1, b)
    plan.take_journal()
    return plan


def ids(plan: Plan, text: str) -> int:
    return next(t.id for t in plan.tasks() if t.text == text)


@pytest.mark.parametrize("make, message", [
    (lambda p: ops.make_outdent(p, ids(p, "一")), "一级任务不能再升级"),
    (lambda p: ops.make_indent(p, ids(p, "一")), "不能降级"),
    (lambda p: ops.make_move_up(p, ids(p, "a1")), "最上面"),
    (lambda p: ops.make_move_down(p, ids(p, "a2")), "最下面"),
    (lambda p: ops.make_move_to(p, ids(p, "一"), ids(p, "a1"), 0), "自己的下级"),
    (lambda p: ops.make_move_to(p, ids(p, "a1"), ids(p, "二"), 5), "超出范围"),
])
def test_invalid_action_raises_and_changes_nothing(make, message) -> None:
    plan = small_plan()
    before = plan.to_dict(with_ids=True)
    with pytest.raises(PlanError, match=message):
        make(plan)
    assert plan.to_dict(with_ids=True) == before


def test_move_into_own_subtree_refused_at_apply_time_too() -> None:
    plan = small_plan()
    before = plan.to_dict(with_ids=True)
    with pytest.raises(PlanError):
        ops.MoveTask(ids(plan, "一"), ids(plan, "a1"), 0).apply(plan)
    assert plan.to_dict(with_ids=True) == before


def test_failed_batch_rolls_back() -> None:
    plan = small_plan()
    before = plan.to_dict(with_ids=True)
    batch = ops.Batch([ops.SetText(ids(plan, "a1"), "改"), ops.MoveTask(ids(plan, "一"), ids(plan, "a2"), 0)])
    with pytest.raises(PlanError):
        batch.apply(plan)
    assert plan.to_dict(with_ids=True) == before


def test_indent_outdent_and_inheritance() -> None:
    plan = small_plan()
    b1 = ids(plan, "b1")
    ops.make_outdent(plan, b1).apply(plan)
    assert [t.text for t in plan.root.children] == ["一", "二", "b1"]
    ops.make_indent(plan, b1).apply(plan)
    assert plan[b1].parent is plan[ids(plan, "二")]
    assert plan[ids(plan, "a1")].effective("units") == "区财政局"
    ops.SetAttr(ids(plan, "a1"), "units", "").apply(plan)
    assert plan[ids(plan, "a1")].effective("units") == ""
    assert plan[ids(plan, "a2")].effective("units") == "区财政局"


def test_paste_between_plans_keeps_effective_attributes() -> None:
    source = small_plan()
    target = Plan("另一个计划")
    data = ops.copy_subtree(source, ids(source, "a1"))
    ops.make_paste(target, data, target.ROOT_ID).apply(target)
    pasted = target.root.children[0]
    assert pasted.text == "a1" and pasted.effective("units") == "区财政局"


def test_sort_children_and_undo() -> None:
    plan = Plan("排序")
    for text in ("丙", "甲", "乙"):
        ops.make_add_child(plan, plan.ROOT_ID, text).apply(plan)
    inverse = ops.make_sort_children(plan, plan.ROOT_ID, key=lambda t: "甲乙丙".index(t.text)).apply(plan)
    assert [t.text for t in plan.root.children] == ["甲", "乙", "丙"]
    inverse.apply(plan)
    assert [t.text for t in plan.root.children] == ["丙", "甲", "乙"]


def test_text_is_cleaned_of_xml_forbidden_characters() -> None:
    plan = small_plan()
    ops.SetText(ids(plan, "a1"), "第一行\x0b第二行\x01\ufffe").apply(plan)
    assert plan[ids(plan, "第一行\n第二行")].text == "第一行\n第二行"

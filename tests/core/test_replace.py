"""Find and replace over texts and unit values: scope, counts, exact inverse."""

from __future__ import annotations

import pytest

from desktop.core.model import Plan, PlanError
from desktop.core.replace import TEXT, count_occurrences, find_matches, make_replace


def sample() -> Plan:
    plan = Plan("替换测试")
    top = plan.make_task("一、基层")
    plan.insert_subtree(plan.ROOT_ID, 0, top)
    other = plan.make_task("二、其他")
    plan.insert_subtree(plan.ROOT_ID, 1, other)
    for n, text in enumerate(("各镇（街道）要做好宣传。", "各镇（街道）要加强培训，各镇（街道）要落实。")):
        plan.insert_subtree(top.id, n, plan.make_task(text))
    plan.insert_subtree(other.id, 0, plan.make_task("各镇（街道）要报送信息。"))
    plan.set_attr(top.id, "units", "各镇（街道）、区财政局")
    plan.take_journal()
    return plan


def test_replace_in_the_whole_plan_is_one_exact_step() -> None:
    plan = sample()
    before = plan.to_dict(with_ids=True)
    matches = find_matches(plan, "各镇（街道）要")
    assert count_occurrences(matches) == 4 and all(m.key == TEXT for m in matches)
    inverse = make_replace(plan, "各镇（街道）要", "").apply(plan)
    texts = [t.text for t in plan.leaves()]
    assert texts == ["做好宣传。", "加强培训，落实。", "报送信息。"]
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before


def test_replace_in_units_and_in_a_selection() -> None:
    plan = sample()
    top, other = plan.root.children
    make_replace(plan, "各镇（街道）", "各街道", keys=("units",)).apply(plan)
    assert top.attrs["units"] == "各街道、区财政局"
    assert plan.leaves()[0].effective("units") == "各街道、区财政局"
    make_replace(plan, "各镇（街道）要", "", task_ids=[other.id]).apply(plan)
    assert [t.text for t in plan.leaves()][2] == "报送信息。"
    assert plan.leaves()[0].text == "各镇（街道）要做好宣传。"  # outside the selection
    with pytest.raises(PlanError, match="没有找到"):
        make_replace(plan, "不存在的文字", "")
    make_replace(plan, "区财政局", "", keys=("units",)).apply(plan)
    assert top.attrs["units"] == "各街道"

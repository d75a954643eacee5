"""Merging rows and splitting a row: the results, the refusals, and exact inverses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.merge_split import (
    join_texts,
    make_merge,
    make_split_at,
    make_split_sentences,
    merge_conflicts,
    merge_options,
)
from desktop.core.model import Plan, PlanError


def sample() -> Plan:
    """一 (a b c), 二 (d (d1 d2)), 三."""
    plan = Plan("合并测试")
    tops = {}
    for text in ("一", "二", "三"):
        tops[text] = plan.make_task(text)
        plan.insert_subtree(plan.ROOT_ID, len(plan.root.children), tops[text])
    for n, text in enumerate(("推进政务公开标准化", "加强政策解读。", "做好回应关切")):
        plan.insert_subtree(tops["一"].id, n, plan.make_task(text))
    d = plan.make_task("d")
    plan.insert_subtree(tops["二"].id, 0, d)
    for n, text in enumerate(("d1", "d2")):
        plan.insert_subtree(d.id, n, plan.make_task(text))
    plan.set_attr(tops["一"].id, "units", "区政府办公室")
    plan.take_journal()
    return plan


def ids(plan: Plan, *texts: str) -> list[int]:
    return [next(t.id for t in plan.tasks() if t.text == text) for text in texts]


def test_join_adds_a_full_stop_only_where_missing() -> None:
    assert join_texts(["推进标准化", "加强解读。", "做好回应"]) == "推进标准化。加强解读。做好回应"
    assert join_texts(["甲；", " ", "乙"]) == "甲；乙"


def test_merge_two_rows_and_undo_exactly() -> None:
    plan = sample()
    before = plan.to_dict(with_ids=True)
    a, b = ids(plan, "推进政务公开标准化", "加强政策解读。")
    inverse = make_merge(plan, [b, a]).apply(plan)  # selection order does not matter
    assert [t.text for t in plan.root.children[0].children] == [
        "推进政务公开标准化。加强政策解读。", "做好回应关切"]
    assert b not in plan
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before


def test_merge_moves_children_and_needs_a_choice_where_values_differ() -> None:
    plan = sample()
    before = plan.to_dict(with_ids=True)
    one, two = plan.root.children[0].id, plan.root.children[1].id
    assert merge_conflicts(plan, [one, two]) == {"units": ["区政府办公室", ""]}
    with pytest.raises(PlanError, match="责任单位"):
        make_merge(plan, [one, two])
    assert plan.to_dict(with_ids=True) == before
    inverse = make_merge(plan, [one, two], {"units": "区政府办公室"}).apply(plan)
    merged = plan[one]
    assert merged.text == "一。二"
    assert [c.text for c in merged.children] == ["推进政务公开标准化", "加强政策解读。", "做好回应关切", "d"]
    assert [c.text for c in merged.children[3].children] == ["d1", "d2"]
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before


def test_unit_options_offer_the_union() -> None:
    assert merge_options("units", ["区财政局", "区审计局", ""]) == [
        "区财政局", "区审计局", "区财政局、区审计局", ""]
    assert merge_options("units", ["区财政局", "区财政局、区审计局"]) == ["区财政局", "区财政局、区审计局"]
    assert merge_options("deadline", ["年底前", "6月底前"]) == ["年底前", "6月底前"]


def test_merge_refuses_a_single_row() -> None:
    plan = sample()
    with pytest.raises(PlanError):
        make_merge(plan, ids(plan, "d", "d1"))  # d1 is inside d: one top-most row


def test_split_at_the_cursor_and_into_sentences() -> None:
    plan = sample()
    before = plan.to_dict(with_ids=True)
    a = ids(plan, "推进政务公开标准化")[0]
    inverse = make_split_at(plan, a, 4).apply(plan)
    assert [t.text for t in plan.root.children[0].children][:2] == ["推进政务", "公开标准化"]
    assert plan.root.children[0].children[1].effective("units") == "区政府办公室"
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before
    with pytest.raises(PlanError):
        make_split_at(plan, a, 0)

    plan.set_text(a, "一是推进标准化。二是加强解读；三是回应关切！")
    plan.set_attr(a, "deadline", "年底前")
    plan.take_journal()
    before = plan.to_dict(with_ids=True)
    inverse = make_split_sentences(plan, a).apply(plan)
    rows = plan.root.children[0].children
    assert [t.text for t in rows[:3]] == ["一是推进标准化。", "二是加强解读；", "三是回应关切！"]
    assert all(t.attrs.get("deadline") == "年底前" for t in rows[:3])
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before
    with pytest.raises(PlanError):
        make_split_sentences(plan, ids(plan, "d1")[0])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=8), min_size=2, max_size=5, unique=True))
def test_any_merge_is_undone_exactly(picks: list[int]) -> None:
    plan = sample()
    tasks = list(plan.tasks())[1:]
    chosen = [tasks[p % len(tasks)].id for p in picks]
    before = plan.to_dict(with_ids=True)
    choices = {key: values[0] for key, values in merge_conflicts(plan, chosen).items()}
    try:
        batch = make_merge(plan, chosen, choices)
    except PlanError:
        assert plan.to_dict(with_ids=True) == before
        return
    inverse = batch.apply(plan)
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before

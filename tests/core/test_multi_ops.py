"""Operations on several selected tasks: each is one Batch that does what the outline shows and undoes
exactly."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import operations as ops
from desktop.core.model import Plan, PlanError
from desktop.core.multi_ops import (
    make_delete_many,
    make_indent_many,
    make_move_down_many,
    make_move_many,
    make_move_up_many,
    make_outdent_many,
    make_paste_many,
    top_most,
)
from tests.core.test_operations_property import random_plan


def outline(plan: Plan) -> list[tuple[str, list]]:
    def node(task) -> tuple[str, list]:
        return task.text, [node(child) for child in task.children]

    return [node(child) for child in plan.root.children]


def sample() -> Plan:
    """一 (a, b, c, d), 二 (e), 三 — texts are unique, so the outline shows where each task is."""
    plan = Plan("多选")
    for top, children in (("一", "abcd"), ("二", "e"), ("三", "")):
        task = plan.make_task(top)
        plan.insert_subtree(plan.ROOT_ID, len(plan.root.children), task)
        for n, text in enumerate(children):
            plan.insert_subtree(task.id, n, plan.make_task(text))
    plan.take_journal()
    return plan


def ids(plan: Plan, texts: str) -> list[int]:
    by_text = {task.text: task.id for task in plan.tasks()}
    return [by_text[t] for t in texts.split()]


def applied(plan: Plan, op: ops.Operation) -> list:
    """Apply, check that the inverse gives the plan back exactly, apply again; returns the outline."""
    before = plan.to_dict(with_ids=True)
    inverse = op.apply(plan)
    after = plan.to_dict(with_ids=True)
    result = outline(plan)
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before
    op.apply(plan)
    assert plan.to_dict(with_ids=True) == after
    plan.check_invariants()
    return result


def test_top_most_drops_descendants_and_sorts_in_document_order() -> None:
    plan = sample()
    assert top_most(plan, ids(plan, "e c 一 三")) == ids(plan, "一 e 三")
    assert top_most(plan, ids(plan, "d b")) == ids(plan, "b d")
    assert top_most(plan, [plan.ROOT_ID, 999]) == []


def test_drop_several_tasks_keeps_their_order_before_the_target_row() -> None:
    plan = sample()
    one, two = ids(plan, "一 二")
    # d and a (selected in that order) dropped between b and c of 一: a, d in document order
    op = make_move_many(plan, ids(plan, "d a"), one, 2)
    assert isinstance(op, ops.Batch) and op.label == "移动任务"
    assert applied(plan, op) == [("一", [("b", []), ("a", []), ("d", []), ("c", [])]),
                                 ("二", [("e", [])]), ("三", [])]
    plan = sample()
    one, two = ids(plan, "一 二")
    # b, c and e onto 二 (as its last children); a task dropped at the end of its own parent
    assert applied(plan, make_move_many(plan, ids(plan, "e b c"), two, 1)) == [
        ("一", [("a", []), ("d", [])]), ("二", [("b", []), ("c", []), ("e", [])]), ("三", [])]
    plan = sample()
    # a category with one of its own children selected too: the child goes with it
    assert applied(plan, make_move_many(plan, ids(plan, "a 二 e"), plan.ROOT_ID, 0)) == [
        ("a", []), ("二", [("e", [])]), ("一", [("b", []), ("c", []), ("d", [])]), ("三", [])]


def test_drop_into_a_dragged_task_is_refused() -> None:
    plan = sample()
    with pytest.raises(PlanError, match="自己的下级"):
        make_move_many(plan, ids(plan, "一 e"), ids(plan, "a")[0], 0)
    with pytest.raises(PlanError, match="超出范围"):
        make_move_many(plan, ids(plan, "e"), plan.ROOT_ID, 9)


def test_indent_outdent_up_down_delete_several() -> None:
    plan = sample()
    # b and c go under a, in order
    assert applied(plan, make_indent_many(plan, ids(plan, "c b"))) == [
        ("一", [("a", [("b", []), ("c", [])]), ("d", [])]), ("二", [("e", [])]), ("三", [])]
    plan = sample()
    with pytest.raises(PlanError, match="上面没有同级任务"):
        make_indent_many(plan, ids(plan, "a b"))
    # b and c outdented: right after 一, in order; d stays under 一
    assert applied(plan, make_outdent_many(plan, ids(plan, "b c"))) == [
        ("一", [("a", []), ("d", [])]), ("b", []), ("c", []), ("二", [("e", [])]), ("三", [])]
    plan = sample()
    with pytest.raises(PlanError, match="一级任务"):
        make_outdent_many(plan, ids(plan, "a 二"))
    assert applied(plan, make_move_up_many(plan, ids(plan, "c d"))) == [
        ("一", [("a", []), ("c", []), ("d", []), ("b", [])]), ("二", [("e", [])]), ("三", [])]
    plan = sample()
    assert applied(plan, make_move_down_many(plan, ids(plan, "a b"))) == [
        ("一", [("c", []), ("a", []), ("b", []), ("d", [])]), ("二", [("e", [])]), ("三", [])]
    plan = sample()
    with pytest.raises(PlanError, match="最下面"):
        make_move_down_many(plan, ids(plan, "c d"))
    with pytest.raises(PlanError, match="最上面"):
        make_move_up_many(plan, ids(plan, "a c"))
    assert applied(plan, make_delete_many(plan, ids(plan, "a 二 e d"))) == [
        ("一", [("b", []), ("c", [])]), ("三", [])]


def test_paste_several_subtrees_after_the_last_child() -> None:
    plan = sample()
    one = ids(plan, "一")[0]
    copies = [ops.copy_subtree(plan, i) for i in ids(plan, "二 a")]
    inserts = make_paste_many(plan, copies, one, 4)  # at the end of 一: index 4, then 5
    assert [insert.index for insert in inserts] == [4, 5]
    assert applied(plan, ops.Batch(list(inserts), label="粘贴")) == [
        ("一", [("a", []), ("b", []), ("c", []), ("d", []), ("二", [("e", [])]), ("a", [])]),
        ("二", [("e", [])]), ("三", [])]
    with pytest.raises(PlanError, match="超出范围"):
        make_paste_many(plan, copies, one, 9)


def _structure(plan: Plan) -> dict[int, list[int]]:
    return {task.id: [child.id for child in task.children] for task in [plan.root, *plan.tasks()]}


def _expected_drop(plan: Plan, chosen: list[int], parent_id: int, index: int) -> dict[int, list[int]]:
    """What a drop must give, worked out on plain lists: take the subtrees out, insert them before
    the first unselected child that was at ``index`` or later."""
    tops = top_most(plan, chosen)
    children = _structure(plan)
    anchor = next((c for c in children[parent_id][index:] if c not in tops), None)
    for top in tops:
        for kids in children.values():
            if top in kids:
                kids.remove(top)
    at = children[parent_id].index(anchor) if anchor is not None else len(children[parent_id])
    children[parent_id][at:at] = tops
    return children


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_random_drops_match_the_list_model_and_undo_exactly(seed: int) -> None:
    rng = random.Random(seed)
    plan = random_plan(rng)
    tasks = list(plan.tasks())
    chosen = rng.sample([t.id for t in tasks], rng.randint(1, min(5, len(tasks))))
    tops = top_most(plan, chosen)
    targets = [t for t in [plan.root, *tasks]
               if not any(t.id == i or t.is_descendant_of(plan[i]) for i in tops)]
    target = rng.choice(targets)
    index = rng.randint(0, len(target.children))
    expected = _expected_drop(plan, chosen, target.id, index)
    op = make_move_many(plan, chosen, target.id, index)
    before = plan.to_dict(with_ids=True)
    inverse = op.apply(plan)
    assert _structure(plan) == expected
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before


def _one_by_one(make: Callable[[Plan, int], ops.Operation],
                reverse: bool) -> Callable[[Plan, list[int]], None]:
    def run(plan: Plan, tops: list[int]) -> None:
        for task_id in (reversed(tops) if reverse else tops):
            make(plan, task_id).apply(plan)

    return run


MANY = {
    "indent": (make_indent_many, _one_by_one(ops.make_indent, False)),
    "outdent": (make_outdent_many, _one_by_one(ops.make_outdent, True)),
    "up": (make_move_up_many, _one_by_one(ops.make_move_up, False)),
    "down": (make_move_down_many, _one_by_one(ops.make_move_down, True)),
    "delete": (make_delete_many, _one_by_one(ops.make_delete, False)),
}


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(sorted(MANY)))
def test_each_batch_equals_the_single_actions_in_turn(seed: int, kind: str) -> None:
    rng = random.Random(seed)
    plan = random_plan(rng)
    tasks = list(plan.tasks())
    chosen = rng.sample([t.id for t in tasks], rng.randint(1, min(4, len(tasks))))
    tops = top_most(plan, chosen)
    many, single = MANY[kind]
    reference = _copy(plan)
    try:
        single(reference, tops)
    except PlanError:
        with pytest.raises(PlanError):
            many(plan, chosen)
        return
    before = plan.to_dict(with_ids=True)
    inverse = many(plan, chosen).apply(plan)
    assert plan.to_dict(with_ids=True)["tasks"] == reference.to_dict(with_ids=True)["tasks"]
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before


def _copy(plan: Plan) -> Plan:
    copy = Plan(plan.title)
    for n, data in enumerate(plan.to_dict(with_ids=True)["tasks"]):
        copy.insert_subtree(copy.ROOT_ID, n, copy.subtree_from_dict(data, keep_ids=True))
    return copy


def test_outline_key_sorts_like_a_walk_of_the_plan() -> None:
    """Sorting by ``outline_key`` (no walk of the plan) gives the outline's order of rows."""
    import random

    from desktop.core.multi_ops import outline_key
    from tests.support.generated import generated_plan

    plan = generated_plan(300)
    walked = [task.id for task in plan.tasks() if task.id != plan.ROOT_ID]
    shuffled = list(walked)
    random.Random(2).shuffle(shuffled)
    assert sorted(shuffled, key=lambda i: outline_key(plan[i])) == walked

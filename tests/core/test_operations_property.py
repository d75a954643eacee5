"""Property test: any long random run of valid operations undoes and redoes exactly."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import operations as ops
from desktop.core.history import History
from desktop.core.model import Plan, PlanError
from desktop.core.numbering import compute_numbers
from desktop.layout.engine import build_grid

KEYS = ("lead", "units", "deadline", "note")


def random_plan(rng: random.Random) -> Plan:
    plan = Plan("随机计划", year=2024)
    for _ in range(rng.randint(1, 25)):
        candidates = [plan.root, *plan.tasks()]
        parent = rng.choice(candidates)
        attrs = {rng.choice(KEYS): rng.choice(["区财政局", "", "年底前"])} if rng.random() < 0.3 else {}
        plan.insert_subtree(parent.id, rng.randint(0, len(parent.children)),
                            plan.make_task(f"任务{rng.randint(1, 999)}", attrs))
    plan.take_journal()
    return plan


def random_operation(plan: Plan, rng: random.Random, clipboard: list[dict]) -> ops.Operation | None:
    tasks = list(plan.tasks())
    if not tasks:
        return ops.make_add_child(plan, plan.ROOT_ID, "新任务")
    task = rng.choice(tasks)
    kind = rng.choice(["child", "sibling", "delete", "up", "down", "indent", "outdent", "move",
                       "text", "attr", "clear", "field", "copy", "paste", "sort", "batch"])
    try:
        if kind == "child":
            return ops.make_add_child(plan, task.id, f"子{rng.randint(1, 99)}",
                                      index=rng.randint(0, len(task.children)))
        if kind == "sibling":
            return ops.make_add_sibling(plan, task.id, "同级", after=rng.random() < 0.5)
        if kind == "delete":
            return ops.make_delete(plan, task.id) if len(tasks) > 3 else None
        if kind == "up":
            return ops.make_move_up(plan, task.id)
        if kind == "down":
            return ops.make_move_down(plan, task.id)
        if kind == "indent":
            return ops.make_indent(plan, task.id)
        if kind == "outdent":
            return ops.make_outdent(plan, task.id)
        if kind == "move":
            target = rng.choice([plan.root, *tasks])
            limit = len(target.children) - (1 if task.parent is target else 0)
            return ops.make_move_to(plan, task.id, target.id, rng.randint(0, max(limit, 0)))
        if kind == "text":
            return ops.SetText(task.id, rng.choice(["改后的内容", "", "含\x0b软回车", "（一）带编号"]))
        if kind == "attr":
            return ops.SetAttr(task.id, rng.choice(KEYS), rng.choice(["区政府办公室", "", "长期坚持"]))
        if kind == "clear":
            return ops.SetAttr(task.id, rng.choice(KEYS), None)
        if kind == "field":
            return ops.SetField(rng.choice(["title", "doc_number", "year"]),
                                rng.choice(["新标题", "莱芜政办发〔2024〕2号", 2025]))
        if kind == "copy":
            clipboard[:] = [ops.copy_subtree(plan, task.id)]
            return None
        if kind == "paste" and clipboard:
            target = rng.choice([plan.root, *tasks])
            return ops.make_paste(plan, clipboard[0], target.id, rng.randint(0, len(target.children)))
        if kind == "sort":
            return ops.make_sort_children(plan, rng.choice([plan.root, task]).id)
        if kind == "batch":
            chosen = rng.sample(tasks, min(3, len(tasks)))
            return ops.make_set_attr_on_rows(plan, [t.id for t in chosen], "units", "各街道（镇）")
    except PlanError:
        return None
    return None


def check(plan: Plan) -> None:
    plan.check_invariants()
    grid = build_grid(plan)
    assert grid.n_rows == len(plan.leaves())
    numbers = compute_numbers(plan)
    assert set(numbers) == {t.id for t in plan.tasks()}


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_random_operations_undo_and_redo_exactly(seed: int) -> None:
    rng = random.Random(seed)
    plan = random_plan(rng)
    original = plan.to_dict(with_ids=True)
    history = History(plan)
    clipboard: list[dict] = []
    applied = 0
    while applied < 200:
        op = random_operation(plan, rng, clipboard)
        if op is None:
            continue
        history.do(op)
        applied += 1
        check(plan)
    edited = plan.to_dict(with_ids=True)
    while history.can_undo:
        history.undo()
        check(plan)
    assert plan.to_dict(with_ids=True) == original
    while history.can_redo:
        history.redo()
        check(plan)
    assert plan.to_dict(with_ids=True) == edited


def test_grouped_operations_undo_as_one_step() -> None:
    plan = Plan("计划")
    history = History(plan)
    first = ops.make_add_child(plan, plan.ROOT_ID, "一")
    history.do(first)
    before = plan.to_dict(with_ids=True)
    history.begin_group("导入")
    for text in ("甲", "乙", "丙"):
        history.do(ops.make_add_child(plan, first.subtree["id"], text))
    history.end_group()
    assert len(plan[first.subtree["id"]].children) == 3
    history.undo()
    assert plan.to_dict(with_ids=True) == before
    history.redo()
    assert [t.text for t in plan[first.subtree["id"]].children] == ["甲", "乙", "丙"]

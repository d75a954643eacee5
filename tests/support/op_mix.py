"""A deterministic stream of random edits (insert, set text, set attribute, move, delete, batches).

``next_op(plan, rng)`` depends only on the plan's state and the generator's state, so replaying
the same seed on a copy of the same starting plan yields the same operations: the crash test
replays in memory what a killed process had stored.
"""

from __future__ import annotations

import random

from desktop.core.limits import MAX_DEPTH, height
from desktop.core.model import Plan, PlanError, Task
from desktop.core.operations import (
    Operation,
    SetAttr,
    SetText,
    make_add_child,
    make_delete,
    make_indent,
    make_move_to,
    make_outdent,
    make_set_attr_on_rows,
)
from desktop.core.units import make_rename_unit
from tests.support.generated import DEADLINES, UNITS, generated_plan

KINDS = ("insert", "text", "attr", "move", "delete", "rows", "indent", "outdent", "rename")
_TEXTS = ("推进政务公开标准化规范化建设。", "加强政策解读，\n回应社会关切。", "完善依申请公开工作机制",
          "带\x0b软回车的文字", "空格  与\t制表符", "English and 中文 mixed（括号）")


def start_plan(seed: int) -> Plan:
    """The plan a crash-test run starts from: small, with units and deadlines on categories."""
    plan = generated_plan(leaves=24, seed=seed, per_category=3)
    plan.set_field("title", f"崩溃测试计划 {seed}")
    plan.take_journal()
    return plan


def _unit_value(rng: random.Random) -> str | None:
    choice = rng.random()
    if choice < 0.15:
        return None
    if choice < 0.25:
        return ""
    names = rng.sample(UNITS, rng.randint(1, 3))
    if rng.random() < 0.2:
        names[-1] += "按职责分工分别牵头落实"
    return "、".join(names)


def _make(plan: Plan, rng: random.Random, kind: str, tasks: list[Task]) -> Operation:
    task = rng.choice(tasks)
    if kind == "insert":
        parent = rng.choice([plan.root, *tasks])
        attrs = {"units": "、".join(rng.sample(UNITS, 2))} if rng.random() < 0.3 else None
        return make_add_child(plan, parent.id, rng.choice(_TEXTS), attrs,
                              index=rng.randint(0, len(parent.children)))
    if kind == "text":
        return SetText(task.id, rng.choice(_TEXTS) + str(rng.randint(0, 999)))
    if kind == "attr":
        key = rng.choice(("units", "lead", "cooperating", "deadline"))
        value = rng.choice(DEADLINES) if key == "deadline" else _unit_value(rng)
        return SetAttr(task.id, key, value)
    if kind == "move":
        parent = rng.choice([plan.root, *tasks])
        if parent.depth + height(task) > MAX_DEPTH:  # the store refuses plans deeper than any real one
            raise PlanError("too deep")
        limit = len(parent.children) - (1 if task.parent is parent else 0)
        return make_move_to(plan, task.id, parent.id, rng.randint(0, max(limit, 0)))
    if kind == "delete":
        return make_delete(plan, task.id)
    if kind == "rows":
        ids = [t.id for t in rng.sample(tasks, min(len(tasks), 4))]
        return make_set_attr_on_rows(plan, ids, "units", _unit_value(rng))
    if kind == "indent":
        if task.depth + height(task) > MAX_DEPTH:
            raise PlanError("too deep")
        return make_indent(plan, task.id)
    if kind == "outdent":
        return make_outdent(plan, task.id)
    old = rng.choice(UNITS)
    batch = make_rename_unit(plan, old, old[:-1] + "（新）" + old[-1])
    if not batch.ops:
        raise PlanError("nothing to rename")
    return batch


def next_op(plan: Plan, rng: random.Random) -> Operation:
    """The next random operation for this plan; always valid for the plan as it is now."""
    while True:
        tasks = list(plan.tasks())
        weights = [4, 4, 4, 3, 0 if len(tasks) < 15 else (6 if len(tasks) > 90 else 2), 1, 1, 1, 1]
        if not tasks:
            weights = [1, 0, 0, 0, 0, 0, 0, 0, 0]
        kind = rng.choices(KINDS, weights)[0]
        try:
            return _make(plan, rng, kind, tasks or [plan.root])
        except PlanError:
            continue

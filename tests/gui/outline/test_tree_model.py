"""The tree model follows every kind of operation row by row, never resetting, and passes qtmodeltester."""

from __future__ import annotations

import random

from desktop.core import operations as ops
from desktop.core.model import Plan
from desktop.gui.outline.tree_model import NUMBER_ROLE, PlanTreeModel
from desktop.gui.plans.plan_session import PlanSession


def mirror_of(model: PlanTreeModel, parent=None) -> list:
    """The tree as the model reports it: [(text, [children...]), ...]."""
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append((model.data(index), mirror_of(model, index)))
    return out


def plan_tree(task) -> list:
    return [(child.text, plan_tree(child)) for child in task.children]


def watch(model: PlanTreeModel) -> dict[str, int]:
    counts = {"reset": 0, "inserted": 0, "removed": 0, "changed": 0}
    model.modelReset.connect(lambda: counts.__setitem__("reset", counts["reset"] + 1))
    model.rowsInserted.connect(lambda *_: counts.__setitem__("inserted", counts["inserted"] + 1))
    model.rowsRemoved.connect(lambda *_: counts.__setitem__("removed", counts["removed"] + 1))
    model.dataChanged.connect(lambda *_: counts.__setitem__("changed", counts["changed"] + 1))
    return counts


def test_single_edits_update_rows_without_reset(qtmodeltester, laiwu_plan) -> None:
    session = PlanSession(laiwu_plan)
    model = PlanTreeModel(laiwu_plan)
    qtmodeltester.check(model)
    session.changed.connect(model.apply_changes)
    counts = watch(model)
    first = laiwu_plan.root.children[0]
    leaf = first.children[0].children[0]

    session.do(ops.SetText(leaf.id, "改过的要求"))
    assert counts == {"reset": 0, "inserted": 0, "removed": 0, "changed": 1}
    session.do(ops.make_add_sibling(laiwu_plan, leaf.id, "新要求"))
    assert counts["inserted"] == 1
    session.do(ops.make_delete(laiwu_plan, leaf.id))
    assert counts["removed"] == 1
    session.do(ops.make_indent(laiwu_plan, laiwu_plan.root.children[1].id))
    assert counts["reset"] == 0
    assert mirror_of(model) == plan_tree(laiwu_plan.root)


def test_numbers_follow_moves(laiwu_plan) -> None:
    session = PlanSession(laiwu_plan)
    model = PlanTreeModel(laiwu_plan)
    session.changed.connect(model.apply_changes)
    second = laiwu_plan.root.children[1]
    assert model.data(model.index(1, 0), NUMBER_ROLE) == "二、"
    session.do(ops.make_move_up(laiwu_plan, second.id))
    assert model.data(model.index(0, 0), NUMBER_ROLE) == "一、"
    assert model.data(model.index(0, 0)) == second.text
    # the Laiwu plan numbers its second level continuously: （一） … run on across categories
    assert model.data(model.index(0, 0, model.index(1, 0)), NUMBER_ROLE).startswith("（")


def test_random_operations_keep_model_and_plan_in_step(qtmodeltester, laiwu_plan) -> None:
    """A long random run of edits, batches, undos and redos; the C++ tester watches every signal."""
    session = PlanSession(laiwu_plan)
    model = PlanTreeModel(laiwu_plan)
    qtmodeltester.check(model)
    session.changed.connect(model.apply_changes)
    counts = watch(model)
    rng = random.Random(5)
    makers = [
        lambda t: ops.make_add_sibling(laiwu_plan, t, "新"),
        lambda t: ops.make_add_child(laiwu_plan, t, "子"),
        lambda t: ops.make_indent(laiwu_plan, t),
        lambda t: ops.make_outdent(laiwu_plan, t),
        lambda t: ops.make_move_up(laiwu_plan, t),
        lambda t: ops.make_move_down(laiwu_plan, t),
        lambda t: ops.make_delete(laiwu_plan, t),
        lambda t: ops.SetText(t, f"文字{rng.random():.3f}"),
        lambda t: ops.make_paste(laiwu_plan, ops.copy_subtree(laiwu_plan, t), 0, 0),
        lambda t: ops.Batch([ops.make_move_down(laiwu_plan, t)], label="批量"),
    ]
    done = 0
    for _ in range(150):
        ids = [t.id for t in laiwu_plan.tasks()]
        try:
            session.do(rng.choice(makers)(rng.choice(ids)))
            done += 1
        except ValueError:
            continue
        if rng.random() < 0.2:
            session.stack.undo()
        if rng.random() < 0.1:
            session.stack.redo()
    assert done > 80
    assert counts["reset"] == 0
    assert mirror_of(model) == plan_tree(laiwu_plan.root)
    while session.stack.canUndo():
        session.stack.undo()
    assert mirror_of(model) == plan_tree(laiwu_plan.root)


def test_batch_of_moves_into_a_new_subtree(qtmodeltester) -> None:
    """Several structural changes in one step (the journal replayed in order)."""
    plan = Plan("t")
    session = PlanSession(plan)
    model = PlanTreeModel(plan)
    qtmodeltester.check(model)
    session.changed.connect(model.apply_changes)
    for text in ("甲", "乙", "丙"):
        session.do(ops.make_add_child(plan, 0, text))
    a, b, c = (t.id for t in plan.root.children)
    holder = ops.make_add_child(plan, 0, "新类别")
    new_id = holder.subtree["id"]
    batch = ops.Batch([holder, ops.MoveTask(a, new_id, 0), ops.MoveTask(c, new_id, 1), ops.DeleteTask(b)])
    session.do(batch)
    assert mirror_of(model) == plan_tree(plan.root) == [("新类别", [("甲", []), ("丙", [])])]
    session.stack.undo()
    assert mirror_of(model) == [("甲", []), ("乙", []), ("丙", [])]


def shown(model: PlanTreeModel, parent=None) -> list:
    """Everything a row shows, by row: (task id, text, number, children...)."""
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        assert model.parent(index) == parent and model.index_of(model.task_id(index)) == index
        out.append((model.task_id(index), model.data(index), model.data(index, NUMBER_ROLE),
                    model.hasChildren(index), shown(model, index)))
    return out


def test_followed_model_equals_a_fresh_one_after_random_edits_and_undo(qtmodeltester) -> None:
    """The model that followed an edit sequence (op_mix: inserts, moves, deletes, batches, indent,
    outdent) shows what a model made afresh from the plan shows, after every step and every undo."""
    from tests.support.op_mix import next_op, start_plan

    for seed in (1, 2, 3):
        plan = start_plan(seed)
        session = PlanSession(plan)
        model = PlanTreeModel(plan)
        qtmodeltester.check(model)
        session.changed.connect(model.apply_changes)
        rng = random.Random(seed)
        for _ in range(30):
            session.do(next_op(plan, rng))
            assert shown(model) == shown(PlanTreeModel(plan))
        while session.stack.canUndo():
            session.stack.undo()
            assert shown(model) == shown(PlanTreeModel(plan))

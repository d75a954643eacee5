"""Property: random edits applied to a copy of the sample annex are recovered by content alone."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.compare import accept_batch, compare_plans
from desktop.core.compare.accept import clone_plan, content_signature
from desktop.core.model import Plan
from desktop.formats.plan_json import read_plan
from desktop.resources import sample_plan_path
from tests.core.compare.edits import ADDED_TEXTS, NEW_UNITS, Editor

BASE = read_plan(sample_plan_path())
EDIT = st.tuples(st.sampled_from(("move", "reword", "units", "add", "delete")),
                 st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 10_000))


def _apply(base: Plan, edits: list[tuple[str, int, int, int]]) -> Editor:
    editor = Editor(base)
    plan = editor.plan
    for n, (kind, a, b, c) in enumerate(edits):
        free = [t for t in plan.leaves() if t.id not in editor.truth.touched()]
        categories = [t for t in plan.tasks() if t.children]
        if not free:
            break
        leaf = free[a % len(free)]
        if kind == "move":
            others = [t for t in categories if t is not leaf.parent and t.depth == leaf.depth - 1]
            if others:
                editor.move(leaf.id, others[b % len(others)].id, c)
        elif kind == "reword" and len(leaf.text) >= 20:
            editor.reword(leaf.id, b)
        elif kind == "units":
            unit = NEW_UNITS[b % len(NEW_UNITS)]
            if leaf.effective("units") != unit:
                editor.set_units(leaf.id, unit)
        elif kind == "add":
            parent = categories[b % len(categories)]
            editor.add(parent.id, c, ADDED_TEXTS[n % len(ADDED_TEXTS)])
        elif kind == "delete" and len(leaf.parent.children if leaf.parent else []) > 1:
            editor.delete(leaf.id)
    return editor


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EDIT, min_size=1, max_size=12))
def test_random_edits_are_recovered(edits: list[tuple[str, int, int, int]]) -> None:
    editor = _apply(BASE, edits)
    truth = editor.truth
    result = compare_plans(BASE, editor.plan, identity=False)

    for entry in result.entries:
        assert entry.kind in ("same", "changed", "added", "removed"), entry
        if entry.kind in ("same", "changed"):
            assert entry.old_ids == entry.new_ids  # the content match found the true row
    kinds = {kind: {i for e in result.entries if e.kind == kind for i in (e.old_ids or e.new_ids)}
             for kind in ("changed", "added", "removed")}
    assert kinds["changed"] == truth.reworded
    assert kinds["added"] == truth.added
    assert kinds["removed"] == truth.deleted
    assert {e.new_ids[0] for e in result.entries if e.moved} == truth.moved
    assert {e.new_ids[0] for e in result.entries if e.attrs} == truth.units
    assert all(change.key == "units" for e in result.entries for change in e.attrs)

    # Taking every change over makes the original show exactly the edited copy.
    target = clone_plan(BASE)
    inverse = accept_batch(target, editor.plan, result, result.changes()).apply(target)
    target.check_invariants()
    assert content_signature(target) == content_signature(editor.plan)
    inverse.apply(target)
    assert target.to_dict(with_ids=True) == BASE.to_dict(with_ids=True)

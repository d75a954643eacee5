"""Syncing only what an edit touched leaves the assignments exactly as a whole-plan sync would.

Random edit runs (with undos) on a real workspace: after each batch of edits, the rows named by
the batch's ``SyncScope`` are synced with ``sync_tasks``; then a whole-plan reconciliation of the
stored assignments must find nothing left to change. The sync mark is written after each batch
and must make ``sync_plan`` skip the work; a slice-by-slice first sync must equal ``sync_plan``.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.change_set import ChangeSet
from desktop.core.sync_scope import SyncScope, scope_ids, sync_scope
from desktop.core.tracking import sync_assignments
from desktop.store.sync_mark import read_mark
from desktop.store.tracking_store import load_assignments, sync_plan
from desktop.store.tracking_sync import finish_sync, full_sync_ids, plan_synced, sync_tasks
from tests.core.test_operations_property import random_operation, random_plan
from tests.support.generated import generated_plan
from tests.support.workspaces import Workspace


def _rows(workspace: Workspace, plan_id: int) -> list[tuple[object, ...]]:
    return workspace.db.conn.execute(
        "SELECT task_id, unit_key, unit, role, status, due, active FROM assignments WHERE plan_id = ? "
        "ORDER BY task_id, unit_key", (plan_id,)).fetchall()


@settings(max_examples=12, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_syncing_what_edits_touched_equals_a_whole_sync(tmp_path_factory, seed: int) -> None:
    rng = random.Random(seed)
    path = Path(tmp_path_factory.mktemp("sync")) / "ws.sqlite3"
    with Workspace.open(path, seed_sample=False) as workspace:
        plan = random_plan(rng)
        plan_id = workspace.add_plan(plan).plan_id
        assert plan_id is not None
        units = workspace.units()
        sync_plan(workspace.db, plan, units)
        done: list[object] = []
        clipboard: list[dict] = []
        for _batch in range(8):
            scope = SyncScope()
            for _ in range(rng.randint(1, 6)):
                if done and rng.random() < 0.25:
                    record = workspace.revert(done.pop(), {plan_id: plan})  # type: ignore[arg-type]
                else:
                    op = random_operation(plan, rng, clipboard)
                    if op is None:
                        continue
                    record = workspace.apply(plan, op)
                    done.append(record)
                scope = scope | sync_scope(ChangeSet(record.changes_of(plan_id)))
            ids = full_sync_ids(workspace.db, plan) if scope.full else scope_ids(plan, scope)
            sync_tasks(workspace.db, plan, units, ids)
            left = sync_assignments(plan, load_assignments(workspace.db, plan_id), units)
            assert left.changed == [], f"seed {seed}: an incremental sync missed {left.changed[:3]}"
            finish_sync(workspace.db, plan, units)
            assert plan_synced(workspace.db, plan, units)
            before = _rows(workspace, plan_id)
            assert sync_plan(workspace.db, plan, units).changed == []
            assert _rows(workspace, plan_id) == before


def test_a_first_sync_in_slices_equals_one_sync(tmp_path) -> None:
    plan, twin = generated_plan(300, seed=3), generated_plan(300, seed=3)
    with Workspace.open(tmp_path / "a.sqlite3", seed_sample=False) as sliced, \
            Workspace.open(tmp_path / "b.sqlite3", seed_sample=False) as whole:
        sliced.add_plan(plan)
        whole.add_plan(twin)
        units = sliced.units()
        assert not plan_synced(sliced.db, plan, units)
        ids = full_sync_ids(sliced.db, plan)
        for start in range(0, len(ids), 37):
            sync_tasks(sliced.db, plan, units, ids[start:start + 37])
        finish_sync(sliced.db, plan, units)
        sync_plan(whole.db, twin, whole.units())
        assert plan.id is not None and twin.id is not None
        assert _rows(sliced, plan.id) == _rows(whole, twin.id)
        assert len(_rows(sliced, plan.id)) > 600


def test_the_mark_follows_the_revision_the_directory_and_a_purge(tmp_path) -> None:
    with Workspace.open(tmp_path / "ws.sqlite3", seed_sample=False) as workspace:
        plan = generated_plan(40)
        plan_id = workspace.add_plan(plan).plan_id
        assert plan_id is not None
        units = workspace.units()
        first = sync_plan(workspace.db, plan, units)
        assert first.added and plan_synced(workspace.db, plan, units)
        again = sync_plan(workspace.db, plan, units)  # the mark matches: only read
        assert again.changed == [] and len(again.assignments) == len(first.assignments)
        leaf = plan.leaves()[0]
        from desktop.core import operations as ops

        workspace.apply(plan, ops.SetAttr(leaf.id, "units", "区审计局"))
        assert not plan_synced(workspace.db, plan, units)  # a new revision
        assert [item.unit for item in sync_plan(workspace.db, plan, units).added] == ["区审计局"]
        workspace.add_unit("区审计局")
        assert not plan_synced(workspace.db, plan, workspace.units())  # the directory changed
        workspace.delete_plan(plan_id)
        workspace.purge_plan(plan_id)
        assert read_mark(workspace.db.conn, plan_id) is None

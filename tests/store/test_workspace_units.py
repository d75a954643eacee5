"""The units directory in the workspace: add, edit, order, delete, and rename or merge across all plans."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest

from desktop.core.model import Plan
from desktop.core.operations import SetAttr
from desktop.core.units import UnitError, split_units, unit_usage
from desktop.formats.plan_json import read_plan
from desktop.resources import sample_plan_path
from desktop.store.changes import RemoveUnit
from desktop.store.errors import StoreError
from desktop.store.workspace import Workspace
from tests.support.generated import generated_plan

LAIWU_UNITS = ("各街道（镇）", "区政府各部门单位", "区政府办公室", "区大数据服务中心", "区发展改革局")


@pytest.fixture
def workspace(tmp_path: Path):
    with Workspace.open(tmp_path / "ws.sqlite3", seed_sample=True, seed_units=False) as opened:
        for name in LAIWU_UNITS:
            opened.add_unit(name)
        yield opened


def tokens(plan: Plan) -> list[str]:
    return [name for task in plan.tasks() for key in ("lead", "units", "cooperating")
            for name in split_units(task.attrs.get(key, ""))]


def test_added_units_keep_their_order_kind_and_names_after_reopening(workspace: Workspace) -> None:
    (step,) = workspace.add_unit("区财政局", short_name="财政局", aliases=["莱芜区财政局", " "]).undo
    assert isinstance(step, RemoveUnit)
    unit = step.unit
    assert unit.id is not None and unit.sort_order == len(LAIWU_UNITS) and unit.aliases == ("莱芜区财政局",)
    with Workspace.open(workspace.path) as again:
        directory = again.units()
    assert directory.names() == [*LAIWU_UNITS, "区财政局"]
    assert directory.find("财政局").name == directory.find("莱芜区财政局").name == "区财政局"
    assert [u.kind for u in directory][:3] == ["group", "group", "organisation"]


@pytest.mark.parametrize("kwargs, message", [
    ({"name": "区政府办公室"}, "已是单位“区政府办公室”"),
    ({"name": "区财政局", "aliases": ["区政府办公室"]}, "已是单位“区政府办公室”"),
    ({"name": "区财政局、区审计局"}, "不能作为单位名称"),
    ({"name": "  "}, "不能作为单位名称"),
    ({"name": "区财政局", "kind": "team"}, "类别"),
])
def test_bad_units_are_refused_and_nothing_is_stored(workspace: Workspace, kwargs: dict,
                                                     message: str) -> None:
    with pytest.raises(UnitError, match=message):
        workspace.add_unit(**kwargs)
    assert workspace.units().names() == list(LAIWU_UNITS)


def test_update_unit_changes_short_name_aliases_and_kind(workspace: Workspace) -> None:
    workspace.update_unit("区大数据服务中心", short_name="大数据中心", aliases=["区大数据局"],
                          kind="organisation")
    unit = workspace.units().get("区大数据服务中心")
    assert (unit.short_name, unit.aliases, unit.kind) == ("大数据中心", ("区大数据局",), "organisation")
    workspace.update_unit("区大数据服务中心", kind="group")
    assert workspace.units().get("区大数据服务中心").short_name == "大数据中心"
    with pytest.raises(UnitError, match="已是单位“区政府办公室”"):
        workspace.update_unit("区大数据服务中心", aliases=["区政府办公室"])


def test_reorder_and_delete(workspace: Workspace) -> None:
    order = list(reversed(LAIWU_UNITS))
    workspace.reorder_units(order)
    assert workspace.units().names() == order
    with pytest.raises(UnitError, match="全部单位"):
        workspace.reorder_units(order[:2])
    with pytest.raises(UnitError, match="全部单位"):
        workspace.reorder_units([*order, order[0]])
    with pytest.raises(UnitError, match="没有“区审计局”"):
        workspace.reorder_units([*order[:-1], "区审计局"])
    before = workspace.load_plan(1).to_dict(with_ids=True)
    workspace.delete_unit("区政府办公室")
    assert "区政府办公室" not in workspace.units().names()
    assert workspace.load_plan(1).to_dict(with_ids=True) == before  # plans keep the text
    with pytest.raises(UnitError, match="没有“区政府办公室”"):
        workspace.delete_unit("区政府办公室")


def test_rename_reaches_every_plan_the_open_ones_included(workspace: Workspace) -> None:
    shown = workspace.load_plan(1)  # the copy the GUI would be showing
    other_id = workspace.duplicate_plan(1).plan_id
    generated = workspace.add_plan(generated_plan(40)).plan_id  # uses other unit names only
    generated_before = workspace.load_plan(generated).to_dict(with_ids=True)
    gc.collect()
    used = tokens(shown).count("区大数据服务中心")
    assert used >= 4

    changed = workspace.rename_unit("区大数据服务中心", "区大数据局").plan_ids
    assert changed == [1, other_id]
    assert tokens(shown).count("区大数据局") == used and "区大数据服务中心" not in tokens(shown)
    assert "区大数据服务中心等有关部门单位" in tokens(shown)  # free text stays as written
    assert shown.journal == []
    with Workspace.open(workspace.path) as again:
        assert again.load_plan(1).to_dict(with_ids=True) == shown.to_dict(with_ids=True)
        assert tokens(again.load_plan(other_id)).count("区大数据局") == used
        assert again.load_plan(generated).to_dict(with_ids=True) == generated_before
        assert again.units().names()[3] == "区大数据局"
        assert again.units().find("区大数据服务中心") is None


def test_rename_refuses_a_name_already_in_the_directory(workspace: Workspace) -> None:
    workspace.update_unit("区政府办公室", aliases=["区政府办"])
    before = workspace.load_plan(1).to_dict(with_ids=True)
    for taken in ("区发展改革局", "区政府办"):
        with pytest.raises(UnitError, match="已是单位"):
            workspace.rename_unit("区大数据服务中心", taken)
    with pytest.raises(UnitError, match="没有“区审计局”"):
        workspace.rename_unit("区审计局", "审计局")
    assert workspace.load_plan(1).to_dict(with_ids=True) == before


def test_a_failed_rename_puts_the_open_plans_back(workspace: Workspace) -> None:
    shown = workspace.load_plan(1)
    before = shown.to_dict(with_ids=True)
    workspace.db.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(str(workspace.path), timeout=0.05)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="重命名单位暂时没有完成"):
            workspace.rename_unit("区大数据服务中心", "区大数据局")
    finally:
        other.rollback()
        other.close()
    assert shown.to_dict(with_ids=True) == before
    assert workspace.units().names() == list(LAIWU_UNITS)


def test_merge_replaces_the_dropped_unit_and_keeps_its_names_as_aliases(workspace: Workspace) -> None:
    shown = workspace.load_plan(1)
    leaf = shown.leaves()[0]
    workspace.apply(shown, SetAttr(leaf.id, "units", "区政府办公室、区大数据服务中心、区发展改革局"))
    changed = workspace.merge_units("区政府办公室", "区大数据服务中心")
    assert changed.plan_ids == [1]
    assert leaf.attrs["units"] == "区政府办公室、区发展改革局"
    assert "区大数据服务中心" not in tokens(shown)
    directory = workspace.units()
    assert "区大数据服务中心" not in directory.names()
    assert directory.find("区大数据服务中心").name == "区政府办公室"
    usage = unit_usage(shown, directory)
    assert usage["区政府办公室"] >= 5
    assert workspace.load_plan(1).to_dict(with_ids=True) == shown.to_dict(with_ids=True)
    with pytest.raises(UnitError, match="合并到它自己"):
        workspace.merge_units("区政府办公室", "区政府办公室")


def test_usage_over_the_stored_sample(workspace: Workspace) -> None:
    usage = unit_usage(read_plan(sample_plan_path()), workspace.units())
    assert usage["各街道（镇）"] >= 21 and usage["区发展改革局"] >= 2

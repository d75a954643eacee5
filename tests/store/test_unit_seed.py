"""A new workspace starts with the shipped units directory (resources/units/default-units.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.units import unmatched_names
from desktop.formats.plan_json import read_plan
from desktop.resources import default_units_path, sample_plan_path
from desktop.store.errors import StoreError
from desktop.store.unit_seed import FORMAT, read_default_units
from tests.support.workspaces import Workspace

GROUPS = ["各街道（镇）", "区政府各部门单位", "区政府有关部门单位"]


def shipped() -> list[dict]:
    return json.loads(default_units_path().read_text(encoding="utf-8"))["units"]


def test_a_new_workspace_has_the_shipped_units_in_their_order(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws.sqlite3") as workspace:
        directory = workspace.units()
    assert directory.names() == [entry["name"] for entry in shipped()]
    assert directory.names()[0] == "区政府办公室"
    assert [unit.name for unit in directory if unit.kind == "group"] == GROUPS
    assert directory.names()[-len(GROUPS):] == GROUPS  # groups after the organisations
    assert [unit.sort_order for unit in directory] == list(range(len(directory)))


def test_the_directory_knows_every_unit_of_the_sample_plan(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws.sqlite3") as workspace:
        plan = workspace.load_plan(1)
        directory = workspace.units()
    leftovers = unmatched_names(plan, directory)
    assert leftovers, "the sample has free-text phrases such as 区财政局等有关部门单位"
    assert all(token.endswith("等有关部门单位") for token in leftovers), leftovers
    for token in leftovers:
        assert directory.find(token.removesuffix("等有关部门单位")) is not None


def test_the_shipped_file_lists_exactly_the_sample_units() -> None:
    from desktop.core.model import UNIT_ATTRIBUTES
    from desktop.core.units import split_units

    plan = read_plan(sample_plan_path())
    tokens = {token.removesuffix("等有关部门单位") for task in plan.tasks() for key in UNIT_ATTRIBUTES
              for token in split_units(task.attrs.get(key) or "")}
    assert {entry["name"] for entry in shipped()} == tokens


def test_units_can_be_left_out_and_are_seeded_only_once(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "bare.sqlite3", seed_units=False) as workspace:
        assert len(workspace.units()) == 0
        assert len(workspace.list_plans()) == 1
    path = tmp_path / "ws.sqlite3"
    with Workspace.open(path, seed_sample=False) as workspace:
        assert workspace.list_plans() == []
        workspace.delete_unit("区政府办公室")
        count = len(workspace.units())
    with Workspace.open(path) as again:  # an existing workspace is never seeded again
        assert len(again.units()) == count
        assert "区政府办公室" not in again.units().names()


@pytest.mark.parametrize("content, message", [
    ("{not json", "无法读取"),
    (json.dumps({"format": "other", "units": []}), FORMAT),
    (json.dumps({"format": FORMAT, "units": [{"short_name": "x"}]}), "第 1 项缺少单位名称"),
    (json.dumps({"format": FORMAT, "units": [{"name": "区财政局", "kind": "team"}]}), "类别或别名有误"),
    (json.dumps({"format": FORMAT, "units": [{"name": "区财政局"}, {"name": "区财政局"}]}), "已是单位"),
    (json.dumps({"format": FORMAT, "units": [{"name": "区财政局、区审计局"}]}), "不能作为单位名称"),
])
def test_a_damaged_units_file_is_refused_with_a_plain_sentence(tmp_path: Path, content: str,
                                                               message: str) -> None:
    path = tmp_path / "units.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        read_default_units(path)


def test_kinds_default_to_a_guess_from_the_name(tmp_path: Path) -> None:
    path = tmp_path / "units.json"
    path.write_text(json.dumps({"format": FORMAT, "units": [
        {"name": " 区审计局 ", "aliases": ["审计局"]}, {"name": "各县（市、区）"}]}), encoding="utf-8")
    units = read_default_units(path)
    assert [(u.name, u.aliases, u.kind, u.sort_order) for u in units] == [
        ("区审计局", ("审计局",), "organisation", 0), ("各县（市、区）", (), "group", 1)]

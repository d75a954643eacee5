"""The units directory and unit cells: splitting, parsing, joining, renaming, counting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.model import Plan
from desktop.core.unit_text import is_single_name, replace_name
from desktop.core.units import (
    Unit,
    UnitDirectory,
    UnitError,
    UnitRef,
    free_text,
    guess_kind,
    join_units,
    make_rename_unit,
    parse_cell,
    render_cell,
    split_units,
    unit_usage,
    unmatched_names,
)

DIRECTORY = UnitDirectory([
    Unit("市发展改革委", short_name="市发改委", sort_order=0, id=1),
    Unit("市财政局", sort_order=1, id=2),
    Unit("各县（市、区）", sort_order=2, kind="group", id=3),
    Unit("市政府有关部门（单位）", sort_order=3, kind="group", id=4),
    Unit("区政府办公室", aliases=("区政府办", "莱芜区政府办公室"), sort_order=4, id=5),
    Unit("各街道（镇）", sort_order=5, kind="group", id=6),
])


@pytest.mark.parametrize("text, names", [
    ("", []),
    ("市财政局", ["市财政局"]),
    ("市发展改革委、市财政局", ["市发展改革委", "市财政局"]),
    ("各县（市、区）", ["各县（市、区）"]),
    ("各县（市、区）、市政府有关部门（单位）", ["各县（市、区）", "市政府有关部门（单位）"]),
    ("各县(市、区)，市财政局", ["各县(市、区)", "市财政局"]),
    ("市发展改革委,市财政局;区政府办公室；各街道（镇）",
     ["市发展改革委", "市财政局", "区政府办公室", "各街道（镇）"]),
    ("市发展改革委\n市财政局", ["市发展改革委", "市财政局"]),
    (" 市发展改革委 、 市财政局 ", ["市发展改革委", "市财政局"]),
    ("市发展改革委、、市财政局、", ["市发展改革委", "市财政局"]),
    ("各县（市、区（含功能区、开发区））、市财政局", ["各县（市、区（含功能区、开发区））", "市财政局"]),
    ("各县（市、区、市财政局", ["各县（市", "区", "市财政局"]),  # an unclosed bracket protects nothing
    ("市发展改革委、市财政局按职责分工分别牵头落实", ["市发展改革委", "市财政局按职责分工分别牵头落实"]),
    ("【市委办】、市财政局", ["【市委办】", "市财政局"]),
])
def test_split_units(text: str, names: list[str]) -> None:
    assert split_units(text) == names


@pytest.mark.parametrize("text, expected", [
    ("市发展改革委、市财政局按职责分工分别牵头落实",
     [UnitRef("市发展改革委", "市发展改革委", 1), "、", "市财政局按职责分工分别牵头落实"]),
    ("市发改委、各县(市、区)",
     [UnitRef("市发展改革委", "市发改委", 1), "、", UnitRef("各县（市、区）", "各县(市、区)", 3)]),
    (" 区政府办 ，\n市财政局",
     [" ", UnitRef("区政府办公室", "区政府办", 5), " ，\n", UnitRef("市财政局", "市财政局", 2)]),
    ("按职责分工分别负责", ["按职责分工分别负责"]),
    ("", []),
])
def test_parse_cell(text: str, expected: list[UnitRef | str]) -> None:
    assert parse_cell(text, DIRECTORY) == expected


@pytest.mark.parametrize("text", [
    "市发展改革委、市财政局按职责分工分别牵头落实",
    "  各县（市、区）、、市政府有关部门（单位）；\n市财政局 ,",
    "、、，",
    "各县（市、区、市财政局",
    "区 政府办公室 、市 财政局",
    "市财政局\t、\t\t市发改委\n\n",
])
def test_an_unchanged_cell_renders_back_byte_for_byte(text: str) -> None:
    parts = parse_cell(text, DIRECTORY)
    assert render_cell(parts) == text


def test_free_text_lists_the_tokens_that_are_not_units() -> None:
    parts = parse_cell("市发展改革委、市财政局按职责分工分别牵头落实、区政府办", DIRECTORY)
    assert free_text(parts) == ["市财政局按职责分工分别牵头落实"]


@pytest.mark.parametrize("names, by_hand, expected", [
    (["市财政局", "市发展改革委"], False, "市发展改革委、市财政局"),
    (["市财政局", "市发展改革委"], True, "市财政局、市发展改革委"),
    (["按职责分工分别负责", "各街道（镇）", "市财政局"], False, "市财政局、各街道（镇）、按职责分工分别负责"),
    (["区政府办", "市发改委"], False, "市发改委、区政府办"),  # names are kept as given
    (["市财政局", "市财政局", "市发改委", "市发展改革委"], False, "市发改委、市财政局"),  # one name per unit
    ([" 市财政局 ", ""], False, "市财政局"),
    ([], False, ""),
])
def test_join_units(names: list[str], by_hand: bool, expected: str) -> None:
    assert join_units(names, DIRECTORY, by_hand=by_hand) == expected


def test_directory_lookup_by_name_short_name_alias_and_bracket_width() -> None:
    assert DIRECTORY.find("市发改委") is DIRECTORY.units[0]
    assert DIRECTORY.find("莱芜区政府办公室").name == "区政府办公室"
    assert DIRECTORY.find("各县(市、区)").name == "各县（市、区）"
    assert DIRECTORY.find("市 财政局").name == "市财政局"
    assert DIRECTORY.find("市财政局按职责分工分别牵头落实") is None
    assert "市发改委" in DIRECTORY and "不存在的局" not in DIRECTORY
    assert DIRECTORY.position("各街道（镇）") == 5
    with pytest.raises(UnitError, match="没有“市发改委”"):
        DIRECTORY.get("市发改委")  # an alias is not the unit's name


def test_directory_keeps_sort_order() -> None:
    directory = UnitDirectory([Unit("乙", sort_order=2), Unit("甲", sort_order=1), Unit("丙", sort_order=3)])
    assert directory.names() == ["甲", "乙", "丙"]
    assert len(directory) == 3


@pytest.mark.parametrize("unit, message", [
    (Unit("市财政局"), "已是单位“市财政局”"),
    (Unit("市商务局", aliases=("市发改委",)), "已是单位“市发展改革委”"),
    (Unit("市商务局、市财政局"), "不能作为单位名称"),
    (Unit(""), "不能作为单位名称"),
    (Unit(" 市商务局"), "不能作为单位名称"),
    (Unit("市商务局", short_name="市商务局"), "重复"),
    (Unit("市商务局", kind="department"), "类别"),
])
def test_check_new_refuses_clashes_and_bad_names(unit: Unit, message: str) -> None:
    with pytest.raises(UnitError, match=message):
        DIRECTORY.check_new(unit)


def test_check_new_accepts_a_unit_replacing_itself() -> None:
    DIRECTORY.check_new(Unit("市财政局", short_name="财政局"), replacing="市财政局")
    DIRECTORY.check_new(Unit("各县（市、区）"), replacing="各县（市、区）")


@pytest.mark.parametrize("name, kind", [
    ("各街道（镇）", "group"), ("区政府各部门单位", "group"), ("区政府有关部门单位", "group"),
    ("区财政局", "organisation"), ("市生态环境局莱芜分局", "organisation"),
])
def test_guess_kind(name: str, kind: str) -> None:
    assert guess_kind(name) == kind


def _plan() -> Plan:
    plan = Plan("单位测试")
    cells = [
        {"lead": "市发展改革委", "units": "市发展改革委、市财政局按职责分工分别牵头落实"},
        {"units": "市财政局、市发展改革委"},
        {"cooperating": "各县(市、区)、市发展改革委", "deadline": "市发展改革委"},
        {"units": "市发展改革委牵头"},
        {"units": " 市发展改革委 ，\n市财政局"},
    ]
    category = plan.make_task("一、类别", {"units": "市发展改革委"})
    plan.insert_subtree(0, 0, category)
    for index, attrs in enumerate(cells):
        plan.insert_subtree(category.id, index, plan.make_task(f"要求{index}", attrs))
    plan.take_journal()
    return plan


def test_rename_replaces_whole_tokens_only_and_keeps_everything_else() -> None:
    plan = _plan()
    batch = make_rename_unit(plan, "市发展改革委", "市发展和改革委员会")
    inverse = batch.apply(plan)
    values = [(t.text, dict(t.attrs)) for t in plan.tasks()]
    assert values == [
        ("一、类别", {"units": "市发展和改革委员会"}),
        ("要求0", {"lead": "市发展和改革委员会",
                   "units": "市发展和改革委员会、市财政局按职责分工分别牵头落实"}),
        ("要求1", {"units": "市财政局、市发展和改革委员会"}),
        ("要求2", {"cooperating": "各县(市、区)、市发展和改革委员会", "deadline": "市发展改革委"}),
        ("要求3", {"units": "市发展改革委牵头"}),  # free text containing the name is not touched
        ("要求4", {"units": " 市发展和改革委员会 ，\n市财政局"}),
    ]
    assert len(batch.ops) == 6
    before = _plan().to_dict(with_ids=True)
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before


def test_rename_matches_bracket_width_and_drops_a_resulting_duplicate() -> None:
    plan = _plan()
    make_rename_unit(plan, "各县（市、区）", "各区县").apply(plan)
    assert plan[4].attrs["cooperating"] == "各区县、市发展改革委"
    make_rename_unit(plan, "市财政局", "市发展改革委").apply(plan)
    assert plan[3].attrs["units"] == "市发展改革委"
    assert plan[6].attrs["units"] == " 市发展改革委"  # the duplicate goes with the separator before it


def test_rename_refuses_a_name_that_is_not_one_unit() -> None:
    with pytest.raises(UnitError, match="不能作为单位名称"):
        make_rename_unit(_plan(), "市财政局", "市财政局、市审计局")
    with pytest.raises(UnitError):
        make_rename_unit(_plan(), "市财政局", "   ")


def test_rename_of_an_unused_name_is_an_empty_batch() -> None:
    assert make_rename_unit(_plan(), "市审计局", "审计局").ops == []


def test_unit_usage_counts_cells_per_unit() -> None:
    usage = unit_usage(_plan(), DIRECTORY)
    assert usage == {"市发展改革委": 6, "市财政局": 2, "各县（市、区）": 1, "市政府有关部门（单位）": 0,
                     "区政府办公室": 0, "各街道（镇）": 0}
    assert unmatched_names(_plan(), DIRECTORY) == {"市财政局按职责分工分别牵头落实": 1, "市发展改革委牵头": 1}


def test_unit_usage_on_the_laiwu_sample(laiwu_plan: Plan) -> None:
    directory = UnitDirectory([Unit("各街道（镇）", sort_order=0), Unit("区政府各部门单位", sort_order=1),
                               Unit("区政府办公室", sort_order=2), Unit("区大数据服务中心", sort_order=3)])
    usage = unit_usage(laiwu_plan, directory)
    assert usage["各街道（镇）"] >= 21 and usage["区政府各部门单位"] >= 21
    assert usage["区大数据服务中心"] >= 4


_ALPHABET = "市财政局区办各县街道镇、，,;；\n （）()【】 \t按职责分工"
_cells = st.text(alphabet=_ALPHABET, max_size=40)


@given(_cells)
@settings(max_examples=300, deadline=None)
def test_any_cell_parses_and_renders_back_exactly(text: str) -> None:
    parts = parse_cell(text, DIRECTORY)
    assert render_cell(parts) == text
    names = [p.text if isinstance(p, UnitRef) else p for p in parts]
    assert [n for n in names if n.strip() and is_single_name(n)] == split_units(text)


@given(_cells, st.sampled_from(["市财政局", "各县（市、区）", "区政府办公室"]))
@settings(max_examples=300, deadline=None)
def test_after_a_rename_no_token_has_the_old_name(text: str, old: str) -> None:
    new = "新单位"
    renamed = replace_name(text, old, new)
    assert old not in split_units(renamed)
    assert split_units(renamed).count(new) <= max(1, split_units(text).count(new))
    if old not in split_units(text) and "新单位" not in text:
        assert renamed == text

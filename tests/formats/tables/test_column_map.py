"""Header labels → column roles, the positional fallback, and the style chosen for an imported table."""

from __future__ import annotations

from desktop.core.style import PRESETS
from desktop.formats.tables.column_map import (
    ColumnRole,
    choose_style,
    classify_label,
    roles_by_position,
    roles_from_labels,
)
from desktop.formats.tables.rows import TableRow, plan_from_rows


def test_labels_seen_in_real_annexes_are_classified() -> None:
    assert classify_label("序  号") == ("seq", None)
    assert classify_label("牵头单位") == ("attr", "lead")
    assert classify_label("责任单位") == ("attr", "units")
    assert classify_label("责任科室") == ("attr", "units")
    assert classify_label("配合单位") == ("attr", "cooperating")
    assert classify_label("完成时限") == ("attr", "deadline")
    assert classify_label("时限要求") == ("attr", "deadline")
    assert classify_label("备注") == ("attr", "note")
    for label in ("工作任务", "工作任务及要求", "具体要求", "工作要求", "重点任务"):
        assert classify_label(label) == ("text", None)
    assert classify_label("紧扣“黄河流域先进制造业中心、省会城市副中心”发展定位") is None


def test_text_columns_are_levels_then_the_requirement() -> None:
    labels = ["序号", "工作任务", "工作任务", "具体要求", "责任单位", "完成时限", "进展情况"]
    roles = roles_from_labels(labels)
    assert roles == [
        ColumnRole("seq", "序号"), ColumnRole("level", "工作任务", level=1),
        ColumnRole("level", "工作任务", level=2), ColumnRole("requirement", "具体要求"),
        ColumnRole("attr", "责任单位", attr="units"), ColumnRole("attr", "完成时限", attr="deadline"),
        ColumnRole("attr", "进展情况", attr="进展情况")]
    assert roles_from_labels(["序号", "责任单位"]) is None


def test_position_fallback_finds_seq_requirement_units_and_deadline() -> None:
    columns = [["1", "2"], ["一、甲", ""],
               ["加强政策解读，及时回应社会关切。", "做好信息发布，提升公开质效。"],
               ["区财政局", "区民政局"], ["2024年底前", "长期坚持"]]
    kinds = [(r.kind, r.level, r.attr) for r in roles_by_position(columns) or []]
    assert kinds == [("seq", None, None), ("level", 1, None), ("requirement", None, None),
                     ("attr", None, "units"), ("attr", None, "deadline")]


def test_matching_header_picks_the_preset_and_widths_are_a_fixed_point() -> None:
    roles = roles_from_labels(["工作任务及要求"] * 4 + ["牵头单位", "责任单位"])
    assert roles is not None
    assert choose_style(roles, [1, 2, 3, 4, 5, 6]) == PRESETS["taian2017"]
    custom = roles_from_labels(["任务", "要求", "责任单位", "时限"])
    assert custom is not None
    style = choose_style(custom, [1490, 4970, 1530, 1020])
    widths = [c.width for c in style.columns]
    assert style.name == "imported" and widths == [1.8, 6.0, 1.8, 1.2]
    rescaled = choose_style(custom, [w * 567.3 for w in widths])  # what an exporter writes back
    assert [c.width for c in rescaled.columns] == widths


def test_a_merged_attribute_goes_to_the_smallest_category_covering_exactly_its_rows() -> None:
    rows = [TableRow(["一、甲", "（一）乙"], "要求一。", {"units": "区财政局"}),
            TableRow(["一、甲", "（一）乙"], "要求二。", {"units": "区财政局"}, {"units"})]
    plan = plan_from_rows(rows, "t", ("units",))
    top = plan.root.children[0]
    assert "units" not in top.attrs  # 一、甲 covers the same rows, but （一）乙 is the smaller one
    assert top.children[0].attrs == {"units": "区财政局"}

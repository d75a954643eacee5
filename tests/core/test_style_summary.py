"""What each preset prints, in words, and the values a style would leave off the page."""

from __future__ import annotations

from desktop.core.model import Plan
from desktop.core.style import PRESETS
from desktop.core.style_summary import chooser_text, describe_columns, unprinted_values


def test_every_preset_reads_differently() -> None:
    texts = [chooser_text(style) for style in PRESETS.values()]
    assert len(set(texts)) == len(texts)
    assert describe_columns(PRESETS["laiwu2024"]) == "序号·工作任务（2 级）·具体要求·责任单位·完成时限"
    assert describe_columns(PRESETS["zichuan2020"]) == "工作任务（2 级）·具体要求（2 级类别＋要求）·责任单位"
    assert describe_columns(PRESETS["shizhong2020"]) == "工作任务（2 级）·具体要求·责任单位"
    assert chooser_text(PRESETS["taian2017"]).startswith("泰安 2017：工作任务及要求（3 级类别＋要求）")


def test_deadlines_without_a_deadline_column_are_reported() -> None:
    plan = Plan("测试")
    top = plan.make_task("一类")
    plan.insert_subtree(plan.ROOT_ID, 0, top)
    for n in range(3):
        leaf = plan.make_task(f"要求{n}")
        plan.insert_subtree(top.id, n, leaf)
        plan.set_attr(leaf.id, "deadline", "年底前")
    plan.set_attr(top.id, "lead", "区政府办公室")
    shizhong = PRESETS["shizhong2020"]
    lost = unprinted_values(plan, shizhong)
    assert lost.attributes == {"牵头单位": 1, "完成时限": 3}
    assert lost.sentence(shizhong) == ("计划中 1 项设置了牵头单位、3 项设置了完成时限，"
                                       "“市中 2020”不打印牵头单位、完成时限列。")
    assert not unprinted_values(plan, PRESETS["laiwu2024"]).attributes.get("完成时限")

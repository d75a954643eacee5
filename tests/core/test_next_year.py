"""Next year's plan: year + 1, years in deadlines shifted, year-less phrases kept, a list of shifts."""

from __future__ import annotations

from desktop.core.model import Plan
from desktop.core.next_year import make_next_year, shift_years


def test_shift_years_in_deadline_phrases() -> None:
    assert shift_years("2024年12月底前") == "2025年12月底前"
    assert shift_years("2024年6月底前完成，2025年持续推进") == "2025年6月底前完成，2026年持续推进"
    assert shift_years("2024-2025年") == "2025-2026年"
    assert shift_years("2024—2025年") == "2025—2026年"
    assert shift_years("2024-06-30前") == "2025-06-30前"
    assert shift_years("长期坚持") == "长期坚持"
    assert shift_years("年底前") == "年底前"
    assert shift_years("印发后30日内") == "印发后30日内"
    assert shift_years("12345热线2024件") == "12345热线2024件"  # a number, not a year


def _plan() -> Plan:
    plan = Plan("2024年政务公开重点工作任务分工", year=2024, doc_number="政办发〔2024〕2号",
                issue_date="2024-03-01")
    top = plan.make_task("一、重点工作", {"deadline": "2024年12月底前"})
    plan.insert_subtree(0, 0, top)
    report = plan.make_task("编制2024年度政务公开报告", {"deadline": "2025年1月31日前"})
    plan.insert_subtree(top.id, 0, report)
    plan.insert_subtree(top.id, 1, plan.make_task("持续做好政策解读", {"deadline": "长期坚持"}))
    plan.insert_subtree(top.id, 2, plan.make_task("完善制度"))
    plan.id = 3
    plan.take_journal()
    return plan


def test_next_year_copy_and_the_list_of_shifts() -> None:
    plan = _plan()
    before = plan.to_dict(with_ids=True)
    result = make_next_year(plan)
    new = result.plan
    assert plan.to_dict(with_ids=True) == before  # the original is untouched
    assert new.id is None and new.fields["year"] == 2025
    assert new.title == "2025年政务公开重点工作任务分工"
    assert new.fields["doc_number"] == "" and new.fields["issue_date"] == ""
    rows = list(new.tasks())
    assert [t.attrs.get("deadline") for t in rows] == ["2025年12月底前", "2026年1月31日前", "长期坚持", None]
    assert [(s.where, s.old, s.new) for s in result.shifts] == [
        ("标题", "2024年政务公开重点工作任务分工", "2025年政务公开重点工作任务分工"),
        ("完成时限", "2024年12月底前", "2025年12月底前"),
        ("完成时限", "2025年1月31日前", "2026年1月31日前"),
    ]
    assert result.kept == [(rows[2].id, "长期坚持")]
    assert result.mentions == [rows[1].id]  # the text still says 2024年度: the clerk checks it
    assert rows[1].text == "编制2024年度政务公开报告"

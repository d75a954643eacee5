"""Suggested units from imported text: accepted into 责任单位 or dismissed, exact inverses."""

from __future__ import annotations

from desktop.core.model import Plan
from desktop.core.suggestions import (
    SUGGESTED_UNITS,
    make_accept_suggestions,
    make_dismiss_suggestions,
    with_suggestions,
)


def sample() -> Plan:
    plan = Plan("建议")
    for n, (text, own, found) in enumerate((("甲", "", "区财政局"), ("乙", "区审计局", "区审计局、区财政局"),
                                            ("丙", "", ""))):
        task = plan.make_task(text, {k: v for k, v in (("units", own), (SUGGESTED_UNITS, found)) if v})
        plan.insert_subtree(plan.ROOT_ID, n, task)
    plan.take_journal()
    return plan


def test_accept_all_adds_the_names_and_undoes_exactly() -> None:
    plan = sample()
    before = plan.to_dict(with_ids=True)
    assert len(with_suggestions(plan)) == 2
    inverse = make_accept_suggestions(plan).apply(plan)
    assert [t.attrs.get("units") for t in plan.root.children] == ["区财政局", "区审计局、区财政局", None]
    assert with_suggestions(plan) == []
    inverse.apply(plan)
    assert plan.to_dict(with_ids=True) == before


def test_accept_one_and_dismiss_one() -> None:
    plan = sample()
    first, second, _ = plan.root.children
    make_accept_suggestions(plan, [first.id]).apply(plan)
    assert first.attrs["units"] == "区财政局" and with_suggestions(plan) == [second.id]
    make_dismiss_suggestions(plan, [second.id]).apply(plan)
    assert second.attrs["units"] == "区审计局" and with_suggestions(plan) == []

"""Numbering: computed labels, stripping typed prefixes, and the samples' official numbering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core import operations as ops
from desktop.core.model import Plan
from desktop.core.numbering import (
    NumberingLevel,
    chinese_numeral,
    compute_numbers,
    label,
    numbered_text,
    parse_chinese_numeral,
    split_number,
)
from desktop.core.textclean import normalise_space


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (14, "十四"), (20, "二十"),
                                     (35, "三十五"), (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_numerals_both_ways(n: int, text: str) -> None:
    assert chinese_numeral(n) == text
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize("scheme, n, expected", [
    ("chinese", 3, "三、"), ("chinese_paren", 12, "（十二）"), ("arabic", 4, "4."),
    ("arabic_paren", 2, "（2）"), ("circled", 5, "⑤"), ("plain", 7, "7 "), ("none", 9, ""),
])
def test_labels_follow_the_punctuation_rules(scheme: str, n: int, expected: str) -> None:
    assert label(scheme, n) == expected


@pytest.mark.parametrize("typed, scheme, number, rest", [
    ("一、广覆盖推进", "chinese", 1, "广覆盖推进"),
    ("（十四）加强协调联动", "chinese_paren", 14, "加强协调联动"),
    ("(一)半角括号", "chinese_paren", 1, "半角括号"),
    ("( 3 )半角数字", "arabic_paren", 3, "半角数字"),
    ("1、顿号", "arabic", 1, "顿号"),
    ("2.加强统计信息公开", "arabic", 2, "加强统计信息公开"),
    ("2．全角点", "arabic", 2, "全角点"),
    ("③圈码", "circled", 3, "圈码"),
    ("12345热线", None, None, "12345热线"),
    ("2024.5亿元", None, None, "2024.5亿元"),
    ("一是加强", None, None, "一是加强"),
    ("十大提升行动", None, None, "十大提升行动"),
])
def test_split_number_recognises_typed_and_half_width_prefixes(typed, scheme, number, rest) -> None:
    assert split_number(typed) == (scheme, number, rest)


def test_default_numbering_restarts_per_parent_and_skips_leaves() -> None:
    plan = Plan("编号")
    first = ops.make_add_child(plan, plan.ROOT_ID, "甲")
    first.apply(plan)
    second = ops.make_add_child(plan, plan.ROOT_ID, "乙")
    second.apply(plan)
    for parent in (first.subtree["id"], second.subtree["id"]):
        cat = ops.make_add_child(plan, parent, "类")
        cat.apply(plan)
        ops.make_add_child(plan, cat.subtree["id"], "要求").apply(plan)
    numbers = compute_numbers(plan)
    texts = [numbered_text(plan, t, numbers) for t in plan.tasks()]
    assert texts == ["一、甲", "（一）类", "要求", "二、乙", "（一）类", "要求"]
    plan.set_field("numbering", ["chinese", NumberingLevel("chinese_paren", continuous=True).to_json()])
    texts = [numbered_text(plan, t) for t in plan.tasks()]
    assert texts == ["一、甲", "（一）类", "要求", "二、乙", "（二）类", "要求"]


@pytest.mark.parametrize("sample", ["laiwu-2024", "taian-2017"])
def test_sample_numbering_strips_and_reapplies_to_the_official_text(samples_dir: Path, sample: str) -> None:
    """Every category text of the sample: stripped into the plan, re-numbered, equals the original."""
    from desktop.formats.tables.canonical import plan_from_canonical

    canonical = json.loads((samples_dir / f"{sample}.canonical.json").read_text(encoding="utf-8"))
    plan = plan_from_canonical(samples_dir / f"{sample}.canonical.json")
    numbers = compute_numbers(plan)
    for leaf, row in zip(plan.leaves(), canonical["leaves"], strict=True):
        shown = [numbered_text(plan, a, numbers) for a in leaf.ancestors()]
        assert [normalise_space(s) for s in shown] == [normalise_space(p) for p in row["path"]]
        for ancestor in leaf.ancestors():
            assert split_number(ancestor.text)[0] is None, "numbering left in a stored category text"


def test_laiwu_numbering_matches_official_text(laiwu_plan: Plan) -> None:
    numbers = compute_numbers(laiwu_plan)
    tops = [numbered_text(laiwu_plan, t, numbers) for t in laiwu_plan.root.children]
    assert tops[0] == "一、广覆盖推进全领域信息公开"
    assert [t[:2] for t in tops] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    seconds = [numbers[t.id] for top in laiwu_plan.root.children for t in top.children]
    assert seconds[0] == "（一）" and seconds[-1] == "（十六）"
    assert seconds == [label("chinese_paren", n) for n in range(1, 17)]


@pytest.mark.parametrize("continuous", [False, True])
def test_number_of_one_task_equals_the_whole_numbering(continuous: bool) -> None:
    """The properties and progress panels number one task from its siblings alone; the result is
    the same as numbering the whole plan, also after random edits and with a level running on."""
    import random

    from desktop.core.numbering import number_of
    from tests.support.op_mix import next_op, start_plan

    plan = start_plan(7)
    plan.set_field("numbering", [NumberingLevel("chinese").to_json(),
                                 NumberingLevel("chinese_paren", continuous).to_json(), "arabic"])
    rng = random.Random(3)
    for _ in range(60):
        next_op(plan, rng).apply(plan)
        expected = compute_numbers(plan)
        assert {t.id: number_of(plan, t) for t in plan.tasks()} == expected
    assert plan.task_count() == sum(1 for _ in plan.tasks())

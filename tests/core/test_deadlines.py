"""Deadline parsing: a table of real annex phrasings, the samples' 完成时限 values, and overdue rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.deadlines import (
    KINDS,
    Deadline,
    add_months,
    add_workdays,
    finished_late,
    is_overdue,
    parse_date,
    parse_deadline,
    plan_year,
    task_deadline,
)

D = date
ISSUED = date(2024, 6, 26)  # 莱芜政办发〔2024〕2号 was issued on 2024年6月26日

# (text, plan year, expected kind, expected due, extra expected fields)
CASES: list[tuple[str, int | None, str, date | None, dict]] = [
    ("2024年12月底前", 2024, "date", D(2024, 12, 31), {"month": 12, "day": 31}),
    ("12月底前", 2024, "date", D(2024, 12, 31), {}),
    ("12月底", 2024, "date", D(2024, 12, 31), {}),
    ("年底前", 2024, "date", D(2024, 12, 31), {}),
    ("年底", 2017, "date", D(2017, 12, 31), {}),
    ("2024年底前", 2023, "date", D(2024, 12, 31), {}),
    ("2024年年底前", 2024, "date", D(2024, 12, 31), {}),
    ("6月30日前", 2024, "date", D(2024, 6, 30), {}),
    ("9月22日前", 2020, "date", D(2020, 9, 22), {}),
    ("2020年9月22日前", 2020, "date", D(2020, 9, 22), {}),
    ("2020年12底前", 2020, "date", D(2020, 12, 31), {}),  # the Gaoxin plan's own typo
    ("2022年6月底前", 2020, "date", D(2022, 6, 30), {}),
    ("2020年11月15日前", 2020, "date", D(2020, 11, 15), {}),
    ("11月15日前", 2020, "date", D(2020, 11, 15), {}),
    ("9月25日前", 2020, "date", D(2020, 9, 25), {}),
    ("5月底前", 2017, "date", D(2017, 5, 31), {}),
    ("2月底前", 2024, "date", D(2024, 2, 29), {}),  # a leap year's February
    ("2月底前", 2023, "date", D(2023, 2, 28), {}),
    ("到2023年", 2020, "date", D(2023, 12, 31), {}),
    ("截至2024年12月31日", 2024, "date", D(2024, 12, 31), {}),
    ("2024.12.31", None, "date", D(2024, 12, 31), {}),
    ("2024-06-30前", None, "date", D(2024, 6, 30), {}),
    ("年内", 2017, "date", D(2017, 12, 31), {}),
    ("2024年内", None, "date", D(2024, 12, 31), {}),
    ("年中", 2024, "date", D(2024, 6, 30), {}),
    ("三季度末", 2024, "date", D(2024, 9, 30), {}),
    ("上半年末", 2024, "date", D(2024, 6, 30), {}),
    ("6月中旬", 2024, "date", D(2024, 6, 20), {}),
    ("6月上旬", 2024, "date", D(2024, 6, 10), {}),
    ("6月下旬", 2024, "date", D(2024, 6, 30), {}),
    ("6月前", 2024, "date", D(2024, 6, 30), {}),  # read leniently: by the end of June
    ("明年3月底前", 2024, "date", D(2025, 3, 31), {}),
    ("次年6月底前", 2024, "date", D(2025, 6, 30), {}),
    ("今年底前", 2024, "date", D(2024, 12, 31), {}),
    ("十二月底前", 2024, "date", D(2024, 12, 31), {}),
    ("二〇二四年十二月底前", None, "date", D(2024, 12, 31), {}),
    ("２０２４年１２月底前", None, "date", D(2024, 12, 31), {}),
    ("2024 年 12 月底前", None, "date", D(2024, 12, 31), {}),
    ("2024年12月底前完成", 2024, "date", D(2024, 12, 31), {}),
    ("2024年12月底前\n长期坚持", 2024, "date", D(2024, 12, 31), {}),
    ("长期坚持\n2024年12月底前", 2024, "ongoing", None, {}),
    ("持续推进，2024年底前完成", 2024, "date", D(2024, 12, 31), {}),
    ("2024年底前完成，此后每季度更新", 2024, "date", D(2024, 12, 31), {}),
    ("6月底前启动，12月底前全面完成", 2024, "date", D(2024, 12, 31), {}),
    ("上半年启动，2024年9月底前完成", 2024, "date", D(2024, 9, 30), {}),
    ("上半年", 2024, "period", D(2024, 6, 30), {"start": D(2024, 1, 1)}),
    ("下半年", 2024, "period", D(2024, 12, 31), {"start": D(2024, 7, 1)}),
    ("2024年上半年", None, "period", D(2024, 6, 30), {"start": D(2024, 1, 1)}),
    ("第三季度", 2024, "period", D(2024, 9, 30), {"start": D(2024, 7, 1)}),
    ("一季度", 2024, "period", D(2024, 3, 31), {"start": D(2024, 1, 1)}),
    ("2024年第四季度", None, "period", D(2024, 12, 31), {"start": D(2024, 10, 1)}),
    ("全年", 2024, "period", D(2024, 12, 31), {"start": D(2024, 1, 1)}),
    ("2024年", None, "period", D(2024, 12, 31), {"start": D(2024, 1, 1)}),
    ("2024年度", None, "period", D(2024, 12, 31), {"start": D(2024, 1, 1)}),
    ("6月份", 2024, "period", D(2024, 6, 30), {"start": D(2024, 6, 1)}),
    ("2023年至2025年", 2023, "period", D(2025, 12, 31), {"start": D(2023, 1, 1)}),
    ("2023—2025年", 2023, "period", D(2025, 12, 31), {"start": D(2023, 1, 1)}),
    ("2024年6月至12月", None, "period", D(2024, 12, 31), {"start": D(2024, 6, 1)}),
    ("2025年至2023年", None, "period", D(2025, 12, 31), {"start": D(2025, 1, 1)}),  # reversed: not a range
    ("本要点印发30日内", 2024, "relative", D(2024, 7, 26),
     {"offset": 30, "offset_unit": "days", "anchor": "issue"}),
    ("于本要点印发30日内", 2024, "relative", D(2024, 7, 26), {"anchor": "issue"}),
    ("印发后1个月内", 2024, "relative", D(2024, 7, 26), {"offset": 1, "offset_unit": "months"}),
    ("本方案印发之日起15日内", 2024, "relative", D(2024, 7, 11), {}),
    ("在本方案公布后30个工作日内", 2024, "relative", D(2024, 8, 7), {"offset_unit": "workdays"}),
    ("30日内", 2024, "relative", D(2024, 7, 26), {"anchor": "issue"}),
    ("本级人代会结束60个工作日内", 2017, "relative", None, {"anchor": "event", "offset": 60}),
    ("长期坚持", 2024, "ongoing", None, {}),
    ("持续推进", 2024, "ongoing", None, {}),
    ("长期", 2024, "ongoing", None, {}),
    ("常态化推进", 2024, "ongoing", None, {}),
    ("常态化", 2024, "ongoing", None, {}),
    ("持续开展", 2024, "ongoing", None, {}),
    ("长效推进", 2024, "ongoing", None, {}),
    ("每季度", 2024, "recurring", None, {"period": "quarterly"}),
    ("按季度", 2024, "recurring", None, {"period": "quarterly"}),
    ("每季度末", 2024, "recurring", None, {"period": "quarterly"}),
    ("每月", 2024, "recurring", None, {"period": "monthly"}),
    ("按月", 2024, "recurring", None, {"period": "monthly"}),
    ("每年", 2024, "recurring", None, {"period": "yearly"}),
    ("每半年", 2024, "recurring", None, {"period": "half_yearly"}),
    ("每周", 2024, "recurring", None, {"period": "weekly"}),
    ("定期", 2024, "recurring", None, {"period": "regular"}),
    ("不定期", 2024, "recurring", None, {"period": "irregular"}),
    ("每年6月底前", 2017, "recurring", D(2017, 6, 30), {"period": "yearly", "month": 6, "day": 30}),
    ("及时", 2024, "prompt", None, {}),
    ("及时公开", 2024, "prompt", None, {}),
    ("第一时间", 2024, "prompt", None, {}),
    ("", 2024, "none", None, {}),
    ("  \n ", 2024, "none", None, {}),
    ("—8—\n—9—", 2024, "unknown", None, {}),  # a Laiwu row's cell holds page numbers
    ("— 8 —", 2024, "unknown", None, {}),
    ("2月30日前", 2024, "unknown", None, {}),
    ("2024.13.45", None, "unknown", None, {}),
    ("另行通知", 2024, "unknown", None, {}),
    ("见附件", 2024, "unknown", None, {}),
]


@pytest.mark.parametrize(("text", "year", "kind", "due", "extra"), CASES, ids=[repr(c[0]) for c in CASES])
def test_real_phrasings(text: str, year: int | None, kind: str, due: date | None, extra: dict) -> None:
    deadline = parse_deadline(text, year, ISSUED if year == 2024 else None)
    assert deadline.text == text
    assert deadline.kind == kind
    assert deadline.due == due
    for name, value in extra.items():
        assert getattr(deadline, name) == value, name


def test_the_table_holds_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    assert {kind for _, _, kind, _, _ in CASES} == set(KINDS)


# Phrasings above taken verbatim from the shared samples' texts.
SAMPLE_PHRASES = ["2024年12月底前", "长期坚持", "本要点印发30日内", "2020年9月22日前", "9月25日前",
                  "2020年11月15日前", "2020年12底前", "2022年6月底前", "年底前", "每季度", "按季度",
                  "每年6月底前", "5月底前", "年内", "本级人代会结束60个工作日内", "定期", "及时", "—8—\n—9—"]


def test_sample_phrases_really_occur_in_the_samples(samples_dir: Path) -> None:
    corpus = "".join(p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt")))
    for path in sorted(samples_dir.glob("*.canonical.json")):
        leaves = json.loads(path.read_text(encoding="utf-8"))["leaves"]
        corpus += "".join(leaf.get("deadline", "") + leaf["text"] for leaf in leaves)
    table = {text for text, *_ in CASES}
    for phrase in SAMPLE_PHRASES:
        assert phrase in table
        assert phrase in corpus, phrase


# Every distinct 完成时限 value of the canonical samples, with what it must mean.
SAMPLE_DEADLINES = {
    "2024年12月底前": ("date", D(2024, 12, 31)),
    "长期坚持": ("ongoing", None),
    "—8—\n—9—": ("unknown", None),
}


def test_every_deadline_value_of_the_canonical_samples(samples_dir: Path) -> None:
    seen: set[str] = set()
    for path in sorted(samples_dir.glob("*.canonical.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        seen.update(leaf["deadline"] for leaf in data["leaves"] if "deadline" in leaf)
    assert seen == set(SAMPLE_DEADLINES), "a sample gained a deadline value: add it to the table"
    for text, (kind, due) in SAMPLE_DEADLINES.items():
        deadline = parse_deadline(text, 2024)
        assert (deadline.kind, deadline.due) == (kind, due)


def test_laiwu_plan_deadlines_use_the_year_in_its_title(laiwu_plan) -> None:
    assert plan_year(laiwu_plan.fields) == 2024
    leaves = laiwu_plan.leaves()
    kinds = {task_deadline(laiwu_plan.fields, leaf.effective("deadline")).kind for leaf in leaves}
    assert kinds == {"date", "ongoing", "unknown"}


def test_without_any_year_dates_keep_month_and_day_but_have_no_due_day() -> None:
    deadline = parse_deadline("12月底前", None)
    assert (deadline.kind, deadline.due, deadline.month, deadline.day) == ("date", None, 12, 31)
    assert deadline.understood and not deadline.resolved
    half = parse_deadline("上半年", None)
    assert (half.kind, half.due, half.start, half.month, half.day) == ("period", None, None, 6, 30)
    assert parse_deadline("2月底前", None).day == 28


def test_the_issue_date_supplies_a_missing_year_and_anchors_relative_deadlines() -> None:
    assert parse_deadline("12月底前", None, ISSUED).due == D(2024, 12, 31)
    unanchored = parse_deadline("本要点印发30日内", 2024)
    assert (unanchored.kind, unanchored.due, unanchored.offset) == ("relative", None, 30)


def test_a_year_named_earlier_in_the_line_carries_to_later_dates() -> None:
    assert parse_deadline("2020年9月22日前初步编制，9月25日前备案", 2021).due == D(2020, 9, 25)
    assert parse_deadline("2025年6月至12月", 2024).start == D(2025, 6, 1)


def test_overdue_needs_a_passed_due_day_and_an_unfinished_status() -> None:
    due = parse_deadline("2024年12月底前", 2024)
    assert not is_overdue(due, D(2024, 12, 31), "in_progress")  # the due day itself is not late
    assert is_overdue(due, D(2025, 1, 1), "in_progress")
    assert is_overdue(due, D(2025, 1, 1), "not_started")
    assert is_overdue(due, D(2025, 1, 1), "ongoing")
    assert not is_overdue(due, D(2025, 1, 1), "done")
    assert not is_overdue(due, D(2025, 1, 1), "已完成")
    for text in ("长期坚持", "及时", "每季度", "—8—\n—9—", "", "12月底前"):
        assert not is_overdue(parse_deadline(text, None), D(2099, 1, 1), "not_started")


def test_finished_late() -> None:
    due = parse_deadline("6月30日前", 2024)
    assert finished_late(due, D(2024, 7, 1))
    assert not finished_late(due, D(2024, 6, 30))
    assert not finished_late(due, None)
    assert not finished_late(parse_deadline("长期坚持", 2024), D(2030, 1, 1))


def test_working_days_skip_weekends_and_months_clamp() -> None:
    assert add_workdays(D(2024, 6, 28), 1) == D(2024, 7, 1)  # Friday → Monday
    assert add_workdays(D(2024, 6, 26), 5) == D(2024, 7, 3)
    assert add_workdays(D(2024, 6, 26), 0) == D(2024, 6, 26)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2024, 11, 30), 3) == D(2025, 2, 28)


def test_plan_year_and_issue_date_fields() -> None:
    assert plan_year({"year": 2017}) == 2017
    assert plan_year({"year": "2020"}) == 2020
    assert plan_year({"year": None, "issue_date": "2024-06-26"}) == 2024
    title = "2017年泰安市政务公开重点工作任务分解表"
    assert plan_year({"year": None, "issue_date": "", "title": title}) == 2017
    assert plan_year({"title": "政务公开要点"}) is None
    assert parse_date("2024年6月26日") == D(2024, 6, 26)
    assert parse_date("2024-6-26") == D(2024, 6, 26)
    assert parse_date("2024-02-30") is None
    assert parse_date(None) is None
    fields = {"year": None, "issue_date": "2024-06-26", "title": ""}
    assert task_deadline(fields, "本要点印发30日内").due == D(2024, 7, 26)


def test_labels() -> None:
    assert parse_deadline("每季度", 2024).label == "每季度"
    assert parse_deadline("—8—", 2024).label == "无法识别"
    assert parse_deadline("2024年12月底前", 2024).label == "限期完成"


@given(st.text(max_size=40), st.one_of(st.none(), st.integers(1990, 2090)))
def test_any_text_parses_without_error_and_keeps_the_text(text: str, year: int | None) -> None:
    deadline = parse_deadline(text, year)
    assert isinstance(deadline, Deadline)
    assert deadline.text == text
    assert deadline.kind in KINDS
    if deadline.due is not None and deadline.start is not None:
        assert deadline.start <= deadline.due


@given(st.integers(2000, 2090), st.integers(1, 12), st.integers(1, 31))
def test_written_days_round_trip(year: int, month: int, day: int) -> None:
    try:
        expected = date(year, month, day)
    except ValueError:
        assert parse_deadline(f"{year}年{month}月{day}日前", None).kind == "unknown"
        return
    assert parse_deadline(f"{year}年{month}月{day}日前", None).due == expected


VOCABULARY = ("0123456789年月日号底末前上中下旬初半季度第一二三四十〇内每按定期长坚持至到—-."
              "印发个工作后今明次全\n ")


@given(st.text(alphabet=VOCABULARY, max_size=24), st.one_of(st.none(), st.integers(1990, 2090)),
       st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2090, 12, 31))))
def test_deadline_vocabulary_soup_never_breaks_the_parser(text: str, year: int | None,
                                                          issued: date | None) -> None:
    deadline = parse_deadline(text, year, issued)
    assert deadline.kind in KINDS and deadline.text == text
    if deadline.month is not None:
        assert 1 <= deadline.month <= 12
    if deadline.due is not None and deadline.start is not None:
        assert deadline.start <= deadline.due

"""Feedback identity and row checking (pure): fingerprints, signatures and every row outcome."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from desktop.core.feedback import (
    FOREIGN,
    NOT_FEEDBACK,
    FeedbackError,
    FeedbackSheet,
    build_sheet,
    cell_hashes,
    changed_cells,
    read_identity,
    task_fingerprint,
)
from desktop.core.feedback_check import (
    APPLIED,
    CONFLICT,
    REJECTED,
    UNCHANGED,
    ReturnedRow,
    ReturnedWorkbook,
    RowOutcome,
    check_rows,
    counts,
)
from desktop.core.feedback_values import parse_completed, parse_status, read_status
from desktop.core.model import Plan
from desktop.core.tracking import DONE, IN_PROGRESS, NOT_STARTED, ONGOING, STATUS_LABELS, progress_entry
from desktop.core.tracking import Assignment as A

SECRET = b"k" * 32
KEY = "plan-key-1"
TODAY = date(2024, 7, 1)
UNIT = "区财政局"


def small_plan() -> Plan:
    plan = Plan("测试计划")
    top = plan.make_task("强化公开", {"units": "区财政局、区民政局", "deadline": "2024年12月底前"})
    plan.insert_subtree(0, 0, top)
    for text in ("第一项要求", "第二项要求", "第三项要求"):
        plan.insert_subtree(top.id, len(top.children), plan.make_task(text))
    other = plan.make_task("只属于民政局的要求", {"units": "区民政局"})
    plan.insert_subtree(top.id, len(top.children), other)
    plan.id = 7
    plan.take_journal()
    return plan


def assignments(plan: Plan) -> dict[int, A]:
    """区财政局's assignments of the first three leaves, with ids."""
    return {leaf.id: A(leaf.id, UNIT, "units", id=100 + leaf.id) for leaf in plan.leaves()[:3]}


def sheet_for(plan: Plan, items: dict[int, A] | None = None) -> FeedbackSheet:
    items = items if items is not None else assignments(plan)
    return build_sheet(plan, KEY, SECRET, UNIT, list(items.values()), "2024-06-01T08:00:00+00:00")


def returned(sheet: FeedbackSheet, reports: dict[int, tuple[str, str, object]] | None = None,
             extra: tuple[ReturnedRow, ...] = ()) -> ReturnedWorkbook:
    """The sheet as it would come back: untouched, except the given (progress, status, date) reports."""
    rows = []
    for n, row in enumerate(sheet.rows):
        progress, status, completed = (reports or {}).get(row.task_id, ("", STATUS_LABELS[row.status],
                                                                         row.completed_on))
        rows.append(ReturnedRow(5 + n, row.hidden(), dict(row.cells), progress, status, completed))
    return ReturnedWorkbook("区财政局-反馈表.xlsx", sheet.meta(), (*rows, *extra))


def check(plan: Plan, workbook: ReturnedWorkbook, items: dict[int, A] | None = None) -> list[RowOutcome]:
    identity = read_identity(workbook.meta, SECRET)
    return check_rows(plan, identity, SECRET, workbook, items if items is not None else assignments(plan),
                      TODAY)


# ----- identity ---------------------------------------------------------------------------------
def test_fingerprint_ignores_white_space_and_numbering_but_not_text_or_path() -> None:
    plan = small_plan()
    leaf = plan.leaves()[0]
    original = task_fingerprint(leaf)
    plan.set_text(leaf.id, " 第一项\n要求 ")
    assert task_fingerprint(leaf) == original
    plan.set_field("numbering", ["arabic"])  # numbers are computed, never part of the task
    assert task_fingerprint(leaf) == original
    plan.set_text(leaf.id, "第一项要求（修改）")
    assert task_fingerprint(leaf) != original
    plan.set_text(leaf.id, "第一项要求")
    plan.set_text(leaf.parent.id, "强化公开工作")
    assert task_fingerprint(leaf) != original


def test_changed_cells_names_each_edited_locked_cell() -> None:
    cells = {"seq": "1", "path": "一、强化公开", "text": "要求", "lead": "", "units": "区财政局",
             "deadline": "年底前"}
    hashes = cell_hashes(cells)
    assert changed_cells(hashes, cells) == []
    assert changed_cells(hashes, {**cells, "text": " 要\n求 "}) == []
    assert changed_cells(hashes, {**cells, "deadline": "明年", "units": "区民政局"}) == ["units", "deadline"]
    assert changed_cells("garbage", cells) == ["seq", "path", "text", "lead", "units", "deadline"]


def test_the_sheet_has_the_units_rows_in_plan_order_with_their_state() -> None:
    plan = small_plan()
    items = assignments(plan)
    first = plan.leaves()[0].id
    items[first] = replace(items[first], status=DONE, completed_on=date(2024, 5, 3))
    sheet = sheet_for(plan, items)
    assert [row.task_id for row in sheet.rows] == [leaf.id for leaf in plan.leaves()[:3]]
    row = sheet.rows[0]
    assert row.cells == {"seq": "1", "path": "一、强化公开", "text": "第一项要求", "lead": "",
                         "units": "区财政局、区民政局", "deadline": "2024年12月底前"}
    assert (row.status, row.completed_on, row.prior) == (DONE, date(2024, 5, 3), "done|2024-05-03")
    assert sheet.meta()["unit"] == UNIT and sheet.meta()["rows"] == "3"


def test_an_inactive_or_other_units_assignment_is_not_sent() -> None:
    plan = small_plan()
    items = assignments(plan)
    first = plan.leaves()[0].id
    items[first] = replace(items[first], active=False)
    other = {**items, 999: A(plan.leaves()[3].id, "区民政局", id=999)}
    assert [row.task_id for row in sheet_for(plan, other).rows] == [leaf.id for leaf in plan.leaves()[1:3]]


def test_identity_needs_the_format_and_the_workspace_signature() -> None:
    sheet = sheet_for(small_plan())
    identity = read_identity(sheet.meta(), SECRET)
    assert (identity.plan_id, identity.plan_key, identity.unit) == (7, KEY, UNIT)
    with pytest.raises(FeedbackError, match=NOT_FEEDBACK):
        read_identity({**sheet.meta(), "format": "something-else/1"}, SECRET)
    with pytest.raises(FeedbackError, match=NOT_FEEDBACK):
        read_identity({**sheet.meta(), "plan_id": "x"}, SECRET)
    with pytest.raises(FeedbackError, match=FOREIGN):
        read_identity({**sheet.meta(), "unit": "区民政局"}, SECRET)  # claims to be another unit's
    with pytest.raises(FeedbackError, match=FOREIGN):
        read_identity(sheet.meta(), b"another workspace's secret")
    with pytest.raises(FeedbackError, match=FOREIGN):
        read_identity(sheet.meta(), None)


# ----- values -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, key", [("已完成", DONE), (" 推进中 ", IN_PROGRESS), ("持续推进", ONGOING),
                                       ("not_started", NOT_STARTED), ("", None)])
def test_status_labels_and_keys_are_understood(text: str, key: str | None) -> None:
    assert parse_status(text) == key


@pytest.mark.parametrize("value, day", [
    (date(2024, 6, 30), date(2024, 6, 30)), (datetime(2024, 6, 30, 0, 0), date(2024, 6, 30)),
    ("2024年6月30日", date(2024, 6, 30)), ("2024.6.3", date(2024, 6, 3)), ("2024-06-30", date(2024, 6, 30)),
    ("2024/6/30", date(2024, 6, 30)), ("２０２４．６．３０", date(2024, 6, 30)),
    ("20240630", date(2024, 6, 30)),
    ("2024-06-30 10:00", date(2024, 6, 30)), ("6月30日", date(2024, 6, 30)), ("6月底", date(2024, 6, 30)),
    ("2024年5月", date(2024, 5, 31)), ("7月", date(2024, 7, 1)), ("十二月底", date(2023, 12, 31)),
    (45473.0, date(2024, 6, 30)), (None, None), ("  ", None),
])
def test_completion_dates_in_the_forms_units_type(value: object, day: date | None) -> None:
    year = 2023 if isinstance(value, str) and value.startswith("十二") else None
    assert parse_completed(value, TODAY, year) == day


@pytest.mark.parametrize("value, key", [
    ("完成", DONE), ("已办结", DONE), ("进行中", IN_PROGRESS), ("100%", DONE), ("０％", NOT_STARTED),
    ("80%", IN_PROGRESS), ("百分之八十", IN_PROGRESS), ("完成100%", DONE), (0.8, IN_PROGRESS), (1, DONE),
    ("常态化推进", ONGOING), ("未启动", NOT_STARTED),
])
def test_status_synonyms_and_the_percentage_rule(value: object, key: str) -> None:
    found = read_status(value)
    assert found is not None and found.value == key


# ----- rows -------------------------------------------------------------------------------------
def test_an_untouched_workbook_is_unchanged_everywhere() -> None:
    plan = small_plan()
    outcomes = check(plan, returned(sheet_for(plan)))
    assert [o.outcome for o in outcomes] == [UNCHANGED] * 3
    assert all(o.update is None for o in outcomes)


def test_a_filled_row_is_applied_with_a_dated_imported_entry() -> None:
    plan = small_plan()
    first = plan.leaves()[0].id
    report = ("已公开 12 条。", "已完成", date(2024, 6, 28))
    outcomes = check(plan, returned(sheet_for(plan), {first: report}))
    assert [o.outcome for o in outcomes] == [APPLIED, UNCHANGED, UNCHANGED]
    update = outcomes[0].update
    assert update is not None
    assert (update.assignment_id, update.status) == (100 + first, DONE)
    assert update.completed_on == date(2024, 6, 28)
    assert update.entry is not None
    assert (update.entry.text, update.entry.date, update.entry.reported_by) == ("已公开 12 条。", TODAY, UNIT)
    assert (update.entry.source, update.entry.source_file) == ("imported", "区财政局-反馈表.xlsx")
    assert (outcomes[0].seq, outcomes[0].task) == ("1", "第一项要求")


def test_a_status_left_as_exported_keeps_what_the_clerk_set_since() -> None:
    plan = small_plan()
    items = assignments(plan)
    sheet = sheet_for(plan, items)  # exported as 未开始
    first = plan.leaves()[0].id
    items[first] = replace(items[first], status=DONE, completed_on=date(2024, 6, 5))  # the clerk, later
    outcomes = check(plan, returned(sheet, {first: ("补充说明。", "未开始", None)}), items)
    update = outcomes[0].update
    assert outcomes[0].outcome == APPLIED and update is not None
    assert (update.status, update.completed_on) == (DONE, date(2024, 6, 5))
    assert update.entry is not None and update.entry.text == "补充说明。"


def test_a_report_already_in_the_log_is_unchanged() -> None:
    plan = small_plan()
    items = assignments(plan)
    first = plan.leaves()[0].id
    entry = progress_entry(date(2024, 6, 1), "已公开 12 条。", UNIT, "imported")
    sheet = sheet_for(plan, items)
    items[first] = replace(items[first], progress=(entry,))
    outcomes = check(plan, returned(sheet, {first: ("已公开 12 条。", "未开始", None)}), items)
    assert outcomes[0].outcome == UNCHANGED and "已经导入过" in outcomes[0].reason


@pytest.mark.parametrize("report, field, reason", [
    (("在推进。", "差不多", None), "完成状态", "完成状态“差不多”不是可选的值"),
    (("在推进。", "推进中", "某日"), "完成时间", "完成时间“某日”不是能识别的日期"),
    (("在推进。", "推进中", date(2024, 8, 1)), "完成时间", "晚于今天"),
    (("在推进。", "推进中", date(1999, 1, 1)), "完成时间", "不合理"),
])
def test_an_unreadable_value_rejects_only_its_field(report: tuple, field: str, reason: str) -> None:
    plan = small_plan()
    first = plan.leaves()[0].id
    outcome = check(plan, returned(sheet_for(plan), {first: report}))[0]
    assert outcome.outcome == APPLIED and reason in outcome.reason and "其余内容已导入" in outcome.reason
    assert [(issue.field, reason in issue.reason) for issue in outcome.issues] == [(field, True)]
    assert outcome.update is not None and outcome.update.entry is not None
    assert outcome.update.entry.text == "在推进。"


def test_a_row_whose_only_value_is_unreadable_is_rejected_with_the_field() -> None:
    plan = small_plan()
    first = plan.leaves()[0].id
    outcome = check(plan, returned(sheet_for(plan), {first: ("", "差不多", None)}))[0]
    assert outcome.outcome == REJECTED and outcome.update is None
    assert [issue.field for issue in outcome.issues] == ["完成状态"]


@pytest.mark.parametrize("report, status, day, note", [
    (("", "完成", date(2024, 6, 3)), DONE, date(2024, 6, 3), "按“已完成”导入"),
    (("", "进行中", None), IN_PROGRESS, None, "按“推进中”导入"),
    (("", "80%", None), IN_PROGRESS, None, "记为“推进中”"),
    (("", 1.0, "2024.6.3"), DONE, date(2024, 6, 3), "记为“已完成”"),
    (("", "已完成", "6月底"), DONE, date(2024, 6, 30), "按 2024 年"),
    (("", "已完成", "六月底"), DONE, date(2024, 6, 30), "月底"),
    (("", "已完成", "6月3日"), DONE, date(2024, 6, 3), "没有写年份"),
    (("已经做完。", "已完成", None), DONE, date(2024, 6, 1), "没有填写完成时间"),
    (("", "已完成", "已于六月初全部完成整改工作"), DONE, date(2024, 6, 1), "已作为进展情况导入"),
    (("", "已召开专题会议部署推进", None), NOT_STARTED, None, "已作为进展情况导入"),
])
def test_values_as_units_type_them(report: tuple, status: str, day: date | None, note: str) -> None:
    plan = small_plan()
    first = plan.leaves()[0].id
    sheet = sheet_for(plan)
    workbook = replace(returned(sheet, {first: report}), saved_at=datetime(2024, 6, 1, 9, 30))
    identity = read_identity(workbook.meta, SECRET)
    outcome = check_rows(plan, identity, SECRET, workbook, assignments(plan), TODAY, year=2024)[0]
    assert outcome.outcome == APPLIED and note in outcome.reason and not outcome.issues
    assert outcome.update is not None
    assert (outcome.update.status, outcome.update.completed_on) == (status, day)


def test_an_older_return_never_rolls_a_newer_state_back() -> None:
    plan = small_plan()
    items = assignments(plan)
    first = plan.leaves()[0].id
    old_sheet = sheet_for(plan, items)  # exported as 未开始
    items[first] = replace(items[first], status=DONE, completed_on=date(2024, 6, 20))  # a newer return
    outcome = check(plan, returned(old_sheet, {first: ("在推进。", "推进中", None)}), items)[0]
    assert outcome.outcome == CONFLICT and "导出这份反馈表时状态为“未开始”" in outcome.reason
    assert "现在已是“已完成（2024-06-20）”" in outcome.reason
    assert outcome.update is not None and outcome.update.status == IN_PROGRESS  # kept for the clerk
    same = check(plan, returned(old_sheet, {first: ("", "已完成", date(2024, 6, 20))}), items)[0]
    assert same.outcome == UNCHANGED


def test_a_formula_without_a_cached_value_is_reported() -> None:
    plan = small_plan()
    first = plan.leaves()[0].id
    sheet = sheet_for(plan)
    base = returned(sheet, {first: ("在推进。", "", None)})
    rows = (replace(base.rows[0], formulas=("status",)), *base.rows[1:])
    outcome = check(plan, replace(base, rows=rows))[0]
    assert outcome.outcome == APPLIED and [i.field for i in outcome.issues] == ["完成状态"]
    assert "没有保存计算结果" in outcome.reason


def test_a_date_without_done_is_ignored_and_said_so() -> None:
    plan = small_plan()
    first = plan.leaves()[0].id
    outcome = check(plan, returned(sheet_for(plan), {first: ("在推进。", "推进中", date(2024, 6, 1))}))[0]
    assert outcome.outcome == APPLIED and "已忽略" in outcome.reason
    assert outcome.update is not None and outcome.update.completed_on is None


def _row(sheet: FeedbackSheet, n: int, **changes: object) -> ReturnedRow:
    row = sheet.rows[n]
    base = ReturnedRow(20, row.hidden(), dict(row.cells), "新的进展。", "推进中", None)
    return replace(base, **changes)


def test_structural_problems_reject_rows() -> None:
    plan = small_plan()
    sheet = sheet_for(plan)
    first, second = sheet.rows[0], sheet.rows[1]
    other_leaf = plan.leaves()[3]
    forged = {**second.hidden(), "task_id": str(first.task_id)}  # row 2 claims to be task 1
    extra = (
        _row(sheet, 0, sheet_row=20),  # the same task again
        _row(sheet, 0, sheet_row=21, hidden={**first.hidden(), "task_id": ""}),  # a row the unit inserted
        _row(sheet, 0, sheet_row=22, hidden={**first.hidden(), "task_id": "4242"}),
        _row(sheet, 0, sheet_row=23, hidden={**first.hidden(), "task_id": str(other_leaf.id)}),
    )
    workbook = returned(sheet, extra=extra)
    rows = list(workbook.rows)
    rows[1] = replace(rows[1], hidden=forged)
    outcomes = check(plan, replace(workbook, rows=tuple(rows)))
    reasons = {o.sheet_row: (o.outcome, o.reason) for o in outcomes}
    assert reasons[6] == (REJECTED, "这一行的行标识或校验信息被改动，未导入。")
    assert reasons[20][0] == REJECTED and "重复" in reasons[20][1]
    assert reasons[21][0] == REJECTED and "没有有效的行标识" in reasons[21][1]
    assert reasons[22][0] == REJECTED and "计划中没有这项任务" in reasons[22][1]
    assert reasons[23][0] == REJECTED and "不是本单位（区财政局）的任务" in reasons[23][1]
    assert counts(outcomes) == {APPLIED: 0, UNCHANGED: 2, CONFLICT: 0, REJECTED: 5}


def test_blank_rows_are_skipped() -> None:
    plan = small_plan()
    blank = ReturnedRow(30, dict.fromkeys(("task_id", "signature"), ""), {}, "", "", None)
    assert len(check(plan, returned(sheet_for(plan), extra=(blank,)))) == 3


def test_edited_locked_cells_and_a_changed_plan_are_conflicts_kept_for_the_clerk() -> None:
    plan = small_plan()
    sheet = sheet_for(plan)
    first, second = plan.leaves()[0].id, plan.leaves()[1].id
    workbook = returned(sheet, {first: ("已完成。", "已完成", date(2024, 6, 1)),
                                second: ("推进中。", "推进中", None)})
    rows = list(workbook.rows)
    rows[0] = replace(rows[0], cells={**rows[0].cells, "units": "区民政局"})
    plan.set_text(second, "第二项要求（已调整）")  # the clerk edits the task after the export
    outcomes = check(plan, replace(workbook, rows=tuple(rows)))
    assert outcomes[0].outcome == CONFLICT and "“责任单位”列被改动" in outcomes[0].reason
    assert outcomes[1].outcome == CONFLICT and "计划中这项任务的内容已修改" in outcomes[1].reason
    assert outcomes[0].update is not None and outcomes[0].update.status == DONE
    assert outcomes[1].task == "第二项要求（已调整）"

"""The tracking commands of ``fenjie``: send units their feedback files, import what they return, report.

``fenjie feedback export PLAN [--unit NAME]... -o DIR [--format xlsx,docx,pdf]``
    for each unit (all units of the plan by default): ``<单位>-反馈表.xlsx`` and the unit's rows of
    the annex, ``<单位>-任务清单.docx``/``.pdf``; prints the files written, one per line.
``fenjie feedback import FILE... [--json] [--date YYYY-MM-DD]``
    imports returned workbooks as one step: one line per row (file:row, result, 序号, task,
    reason) and a summary line, or one JSON document; exit status 1 when a file could not be
    imported at all (the other files are still imported).
``fenjie feedback undo``
    undoes the last ``feedback import`` run from the command line (its entries removed, each
    state put back unless something changed it since: a later import is never erased; the units'
    returns it recorded are taken out of the round, so they are 未报送 again or back to their
    earlier return).
``fenjie report PLAN -o FILE [--all-entries] [--date YYYY-MM-DD]``
    the progress report (落实情况汇总表) as .docx, .xlsx or .pdf.

:mod:`desktop.cli` registers these commands (:func:`add_commands`) and runs them (:func:`run`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.model import PlanError

if TYPE_CHECKING:
    from desktop.store.workspace import Workspace

DbOption = Callable[[argparse.ArgumentParser, object], None]
COMMANDS = ("feedback", "report")


def add_commands(commands: Any, db_option: DbOption) -> None:
    """Add ``feedback export``, ``feedback import`` and ``report`` to the subparsers ``commands``."""
    feedback = commands.add_parser("feedback", help="向单位分发落实情况反馈表，导入单位交回的反馈表")
    db_option(feedback, argparse.SUPPRESS)
    actions = feedback.add_subparsers(dest="feedback_command", metavar="ACTION", required=True)

    exp = actions.add_parser("export", help="为单位导出反馈表（.xlsx）和任务清单（.docx/.pdf）")
    db_option(exp, argparse.SUPPRESS)
    exp.add_argument("plan", help="计划编号或唯一的标题")
    exp.add_argument("--unit", action="append", metavar="NAME", help="只导出这个单位（可重复；默认全部单位）")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="输出文件夹")
    exp.add_argument("--format", default="xlsx,docx,pdf", help="要导出的格式，逗号分隔（默认 xlsx,docx,pdf）")
    exp.add_argument("--round", metavar="NAME",
                     help="开始一个新的报送轮次（如“2026年11月”）并为它导出；默认用当前轮次，没有时自动开始")

    rounds = actions.add_parser("rounds", help="列出计划的报送轮次和本轮各单位的报送情况")
    db_option(rounds, argparse.SUPPRESS)
    rounds.add_argument("plan", help="计划编号或唯一的标题")

    imp = actions.add_parser("import", help="导入单位交回的反馈表（可一次导入多个）")
    db_option(imp, argparse.SUPPRESS)
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出导入结果")
    imp.add_argument("--date", help="进展记录的日期（默认今天），如 2024-06-30")

    rem = actions.add_parser("remind", help="为逾期或未报送的单位生成催办通知（.docx）和催办名单")
    db_option(rem, argparse.SUPPRESS)
    rem.add_argument("plan", help="计划编号或唯一的标题")
    rem.add_argument("-o", "--output", type=Path, metavar="DIR",
                     help="催办通知的输出文件夹（省略时只打印名单）")
    rem.add_argument("--reply-by", metavar="DATE", help="要求报送的日期（默认 7 天后），如 2026-12-10")
    rem.add_argument("--date", help="统计截止日期（默认今天），如 2026-12-02")

    und = actions.add_parser("undo", help="撤销命令行最近一次导入的反馈表（之后的修改不受影响）")
    db_option(und, argparse.SUPPRESS)

    rep = commands.add_parser("report", help="导出落实情况汇总表（.docx/.xlsx/.pdf）")
    db_option(rep, argparse.SUPPRESS)
    rep.add_argument("plan", help="计划编号或唯一的标题")
    rep.add_argument("-o", "--output", type=Path, help="输出文件，按扩展名决定格式（使用 --json 时可省略）")
    rep.add_argument("--json", action="store_true", help="以 JSON 输出本轮各单位和合计的统计数字")
    rep.add_argument("--summary-only", action="store_true", help="只导出首页总体情况和各单位排名，不含明细表")
    rep.add_argument("--all-entries", action="store_true",
                     help="列出每个单位的全部进展记录（默认只列最新一条）")
    rep.add_argument("--date", help="统计截止日期（默认今天），如 2024-06-30")


def run(workspace: Workspace, args: argparse.Namespace) -> int:
    if args.command == "report":
        return _report(workspace, args)
    if args.feedback_command == "export":
        return _export(workspace, args)
    if args.feedback_command == "undo":
        return _undo(workspace)
    if args.feedback_command == "rounds":
        return _rounds(workspace, args)
    if args.feedback_command == "remind":
        return _remind(workspace, args)
    return _import(workspace, args)


def _day(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PlanError(f"日期“{text}”的格式不对，请写成 2024-06-30。") from None


def _export(workspace: Workspace, args: argparse.Namespace) -> int:
    from desktop.formats.feedback.unit_share import export_unit_files, parse_formats
    from desktop.store.feedback_store import feedback_sheets

    formats = parse_formats(args.format)
    plan = workspace.load_plan(workspace.find_plan(args.plan))
    folder: Path = args.output
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlanError(f"无法创建输出文件夹“{folder}”：{error.strerror or error}。") from None
    round_ = None
    if args.round:
        from desktop.store.rounds import current_round, open_round

        assert plan.id is not None
        current = current_round(workspace.db, plan.id)
        wanted = " ".join(args.round.split())
        round_ = current if current is not None and current.name == wanted else \
            open_round(workspace.db, plan.id, wanted)
    sheets = feedback_sheets(workspace.db, plan, args.unit, directory=workspace.units(), round_=round_)
    written, warnings = export_unit_files(plan, sheets, folder, formats)
    for warning in warnings:
        print(f"fenjie: 注意：{warning}", file=sys.stderr)
    for path in written:
        print(path)
    round_name = sheets[0].round_name if sheets else ""
    print(f"已为 {len(sheets)} 个单位导出 {len(written)} 个文件到 {folder}（报送轮次：{round_name}）",
          file=sys.stderr)
    return 0


def _import(workspace: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.feedback_check import ReturnedWorkbook
    from desktop.formats.feedback.reader import read_feedback_workbook
    from desktop.store.feedback_store import import_feedback

    today = _day(args.date)
    workbooks: list[ReturnedWorkbook] = []
    unreadable: list[tuple[str, str]] = []
    for path in args.files:
        try:
            workbooks.append(read_feedback_workbook(path))
        except PlanError as error:
            unreadable.append((Path(path).name, str(error)))
    label = "、".join(Path(path).name for path in args.files)
    result = import_feedback(workspace.db, workbooks, today, directory=workspace.units(),
                             unreadable=unreadable, remember_as=label[:500])
    if args.json:
        print(json.dumps(_as_json(result), ensure_ascii=False, indent=1))
    else:
        for item in result.files:
            if item.error:
                print(f"{item.source}\t文件未导入\t{item.error}")
            for note in item.notes:
                print(f"{item.source}\t注意\t{note}")
            for row in item.rows:
                print(f"{row.source}:{row.sheet_row}\t{row.label}\t序号 {row.seq}\t{row.task}\t{row.reason}")
            for row, issue in item.issues:
                print(f"{row.source}:{row.sheet_row}\t未导入的内容\t{item.unit}\t{issue.field}\t{issue.reason}")
        print(_summary_line(result))
    return 1 if result.failed else 0


def _remind(workspace: Workspace, args: argparse.Namespace) -> int:
    from datetime import timedelta

    from desktop.core.reminders import reminder_list, reminders
    from desktop.store.rounds import reporting_state
    from desktop.store.tracking_store import load_assignments, sync_plan

    plan = workspace.load_plan(workspace.find_plan(args.plan))
    assert plan.id is not None
    sync_plan(workspace.db, plan, workspace.units())
    today = _day(args.date)
    reply_by = _day(args.reply_by) if args.reply_by else today + timedelta(days=7)
    found, states = reporting_state(workspace.db, plan.id)
    items = reminders(plan, load_assignments(workspace.db, plan.id, include_inactive=False), states, today)
    print(reminder_list(items, today, reply_by))
    if args.output is not None and items:
        from desktop.formats.report.reminder_docx import write_notices

        try:
            args.output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise PlanError(f"无法创建输出文件夹“{args.output}”：{error.strerror or error}。") from None
        office = str(plan.fields.get("issuing_office") or "")
        written = write_notices(items, args.output, plan.title, office, today, reply_by,
                                found.name if found is not None else "")
        print(f"已为 {len(written)} 个单位生成催办通知到 {args.output}", file=sys.stderr)
    return 0


def _rounds(workspace: Workspace, args: argparse.Namespace) -> int:
    from desktop.store.rounds import plan_rounds, reporting_state

    plan_id = workspace.find_plan(args.plan)
    for item in plan_rounds(workspace.db, plan_id):
        state = "进行中" if item.open else f"已结束（{item.closed_at[:10] if item.closed_at else ''}）"
        print(f"{item.name}\t{state}")
    current, states = reporting_state(workspace.db, plan_id)
    if current is None:
        print("这个计划还没有报送轮次：导出各单位反馈表时会开始第一轮。")
        return 0
    print(f"报送轮次“{current.name}”各单位报送情况（未报送在前）：")
    for unit in states:
        print(f"{unit.unit}\t{unit.describe()}")
    return 0


def _undo(workspace: Workspace) -> int:
    from desktop.store.feedback_last import undo_last

    undone = undo_last(workspace.db)
    line = (f"已撤销上次导入（{undone.label}）：恢复 {undone.restored} 项任务分工的状态，"
            f"删除 {undone.entries} 条导入的进展记录。")
    if undone.returns:
        units = "、".join(undone.returns)
        line += f"撤销 {len(undone.returns)} 个单位的报送记录（{units}），报送情况恢复到导入之前。"
    if undone.kept:
        line += f"另有 {len(undone.kept)} 项在那次导入之后又被修改过，保留了较新的状态。"
    print(line)
    return 0


def _summary_line(result: Any) -> str:
    totals = result.counts()
    failed = len(result.failed)
    files = f"共 {len(result.files)} 个文件" + (f"（{failed} 个未能导入）" if failed else "")
    return (f"{files}，{len(result.rows)} 行：已导入 {totals['applied']} 行，"
            f"无变化 {totals['unchanged']} 行，冲突 {totals['conflict']} 行，"
            f"已拒绝 {totals['rejected']} 行。")


def _as_json(result: Any) -> dict[str, Any]:
    files = []
    for item in result.files:
        rows = [{"row": row.sheet_row, "task_id": row.task_id, "seq": row.seq, "task": row.task,
                 "result": row.outcome, "label": row.label, "reason": row.reason} for row in item.rows]
        for row_json, row in zip(rows, item.rows, strict=True):
            row_json["fields_not_imported"] = [{"field": issue.field, "reason": issue.reason}
                                               for issue in row.issues]
        files.append({"file": item.source, "plan_id": item.plan_id, "plan_title": item.plan_title,
                      "unit": item.unit, "saved_at": item.saved_at or None, "notes": list(item.notes),
                      "error": item.error or None, "rows": rows})
    summary = {"files": len(result.files), "failed_files": len(result.failed), "rows": len(result.rows),
               **result.counts()}
    return {"files": files, "summary": summary}


def _figures(tally: Any) -> dict[str, Any]:
    from desktop.core.progress_summary import REPORT_STATUSES

    counts = {key: tally.counts[key] for key in REPORT_STATUSES}
    return {"tasks": tally.total, **counts, "rate": round(tally.rate * 100, 1) if tally.total else None}


def round_facts(workspace: Workspace, plan_id: int, assignments: Any, today: date) -> Any:
    """The current round's name, each unit's state and 本期/上期, for the report."""
    from desktop.formats.report.report import RoundFacts
    from desktop.store.rounds import period_change, reporting_state

    found, states = reporting_state(workspace.db, plan_id)
    if found is None:
        return RoundFacts()
    return RoundFacts(found.name, tuple(states), period_change(workspace.db, plan_id, assignments, today))


def report_figures(plan: Any, assignments: Any, today: date, facts: Any) -> dict[str, Any]:
    """The report's per-unit and total figures (current round) as one JSON-ready document."""
    from desktop.core.progress_summary import total_tally, unit_tallies
    from desktop.core.tracking_rounds import not_sent_keys
    from desktop.core.unit_text import normalise_name

    states = {normalise_name(item.unit): item for item in facts.states}
    tallies = unit_tallies(plan, assignments, today, not_sent_keys(facts.states))

    def unit(tally: Any) -> dict[str, Any]:
        state = states.get(normalise_name(tally.unit))
        return {"unit": tally.unit, **_figures(tally),
                "returned": state.state if state is not None else None,
                "returned_label": state.label if state is not None else None,
                "returned_at": (state.time or None) if state is not None else None,
                "rejected": [{"seq": r.seq, "field": r.field, "reason": r.reason}
                             for r in state.rejected] if state is not None else []}

    order = {key: index for index, key in enumerate(states)}
    tallies.sort(key=lambda t: order.get(normalise_name(t.unit), len(order)))  # 未报送 first
    change = facts.change
    return {"plan_id": plan.id, "plan": plan.title, "date": today.isoformat(), "round": facts.name or None,
            "units_not_reported": [s.unit for s in facts.states if s.state == "not_sent"],
            "units": [unit(tally) for tally in tallies], "total": _figures(total_tally(tallies)),
            "previous_round": change.previous if change else None,
            "newly_done": len(change.newly_done) if change else None,
            "newly_overdue": len(change.newly_overdue) if change else None}


def _report(workspace: Workspace, args: argparse.Namespace) -> int:
    from desktop.formats.report.report import write_progress_report
    from desktop.store.tracking_store import load_assignments, sync_plan

    plan = workspace.load_plan(workspace.find_plan(args.plan))
    sync_plan(workspace.db, plan, workspace.units())
    assert plan.id is not None
    assignments = load_assignments(workspace.db, plan.id, include_inactive=False)
    today = _day(args.date)
    facts = round_facts(workspace, plan.id, assignments, today)
    if args.json:
        print(json.dumps(report_figures(plan, assignments, today, facts), ensure_ascii=False, indent=1))
        if args.output is None:
            return 0
    if args.output is None:
        raise PlanError("请用 -o 指定汇总表的输出文件（.docx、.xlsx 或 .pdf），或使用 --json。")
    target: Path = args.output
    for warning in write_progress_report(plan, assignments, target, today, all_entries=args.all_entries,
                                         facts=facts, summary_only=args.summary_only):
        print(f"fenjie: 注意：{warning}", file=sys.stderr)
    print(f"已导出到 {target}", file=sys.stderr)
    return 0

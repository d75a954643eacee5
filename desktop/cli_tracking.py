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
    state put back unless something changed it since: a later import is never erased).
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

    imp = actions.add_parser("import", help="导入单位交回的反馈表（可一次导入多个）")
    db_option(imp, argparse.SUPPRESS)
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出导入结果")
    imp.add_argument("--date", help="进展记录的日期（默认今天），如 2024-06-30")

    und = actions.add_parser("undo", help="撤销命令行最近一次导入的反馈表（之后的修改不受影响）")
    db_option(und, argparse.SUPPRESS)

    rep = commands.add_parser("report", help="导出落实情况汇总表（.docx/.xlsx/.pdf）")
    db_option(rep, argparse.SUPPRESS)
    rep.add_argument("plan", help="计划编号或唯一的标题")
    rep.add_argument("-o", "--output", type=Path, help="输出文件，按扩展名决定格式（使用 --json 时可省略）")
    rep.add_argument("--json", action="store_true", help="以 JSON 输出本轮各单位和合计的统计数字")
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
    sheets = feedback_sheets(workspace.db, plan, args.unit, directory=workspace.units())
    written, warnings = export_unit_files(plan, sheets, folder, formats)
    for warning in warnings:
        print(f"fenjie: 注意：{warning}", file=sys.stderr)
    for path in written:
        print(path)
    print(f"已为 {len(sheets)} 个单位导出 {len(written)} 个文件到 {folder}", file=sys.stderr)
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


def _undo(workspace: Workspace) -> int:
    from desktop.store.feedback_last import undo_last

    undone = undo_last(workspace.db)
    line = (f"已撤销上次导入（{undone.label}）：恢复 {undone.restored} 项任务分工的状态，"
            f"删除 {undone.entries} 条导入的进展记录。")
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


def report_figures(plan: Any, assignments: Any, today: date) -> dict[str, Any]:
    """The report's per-unit and total figures as one JSON-ready document."""
    from desktop.core.progress_summary import total_tally, unit_tallies

    tallies = unit_tallies(plan, assignments, today)
    return {"plan_id": plan.id, "plan": plan.title, "date": today.isoformat(),
            "units": [{"unit": tally.unit, **_figures(tally)} for tally in tallies],
            "total": _figures(total_tally(tallies))}


def _report(workspace: Workspace, args: argparse.Namespace) -> int:
    from desktop.formats.report.report import write_progress_report
    from desktop.store.tracking_store import load_assignments, sync_plan

    plan = workspace.load_plan(workspace.find_plan(args.plan))
    sync_plan(workspace.db, plan, workspace.units())
    assert plan.id is not None
    assignments = load_assignments(workspace.db, plan.id, include_inactive=False)
    if args.json:
        print(json.dumps(report_figures(plan, assignments, _day(args.date)), ensure_ascii=False, indent=1))
        if args.output is None:
            return 0
    if args.output is None:
        raise PlanError("请用 -o 指定汇总表的输出文件（.docx、.xlsx 或 .pdf），或使用 --json。")
    target: Path = args.output
    for warning in write_progress_report(plan, assignments, target, _day(args.date),
                                         all_entries=args.all_entries):
        print(f"fenjie: 注意：{warning}", file=sys.stderr)
    print(f"已导出到 {target}", file=sys.stderr)
    return 0

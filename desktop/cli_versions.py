"""The drafts-and-versions commands of ``fenjie``: snapshots, comparing versions, next year's plan.

``fenjie snapshot PLAN NAME``        keep the plan as it is now under NAME (初稿, 征求意见稿, …)
``fenjie snapshots PLAN``            list the plan's snapshots (id, name, time, rows)
``fenjie compare A B [-o FILE]``     compare two versions; A and B are a plan (id or title), a
                                     snapshot (``PLAN@NAME``) or a file (.docx/.xlsx/.fenjie/…); prints
                                     the counts and one line per change, or writes the 修改对照表
                                     (.docx/.xlsx) or the comparison (.json)
``fenjie next-year PLAN``            a new plan for the following year; prints its id, and on standard
                                     error every deadline that was shifted

:mod:`desktop.cli` registers these commands (:func:`add_commands`) and runs them (:func:`run`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.model import Plan, PlanError

if TYPE_CHECKING:
    from desktop.store.workspace import Workspace

DbOption = Callable[[argparse.ArgumentParser, object], None]
COMMANDS = ("snapshot", "snapshots", "compare", "next-year")


def add_commands(commands: Any, db_option: DbOption) -> None:
    snap = commands.add_parser("snapshot", help="把计划当前的内容保存为命名快照（初稿、征求意见稿……）")
    db_option(snap, argparse.SUPPRESS)
    snap.add_argument("plan", help="计划编号或唯一的标题")
    snap.add_argument("name", help="快照名称")

    snaps = commands.add_parser("snapshots", help="列出计划的快照")
    db_option(snaps, argparse.SUPPRESS)
    snaps.add_argument("plan", help="计划编号或唯一的标题")

    cmp = commands.add_parser("compare", help="比较两个版本，列出修改或导出修改对照表（.docx/.xlsx/.json）")
    db_option(cmp, argparse.SUPPRESS)
    cmp.add_argument("old", metavar="A", help="原稿：计划编号或标题、计划@快照名，或文件")
    cmp.add_argument("new", metavar="B", help="修改稿：计划编号或标题、计划@快照名，或文件")
    cmp.add_argument("-o", "--output", type=Path, help="输出的修改对照表（.docx/.xlsx）或比较结果（.json）")
    cmp.add_argument("--proposer", default="", help="提出修改的单位（写入修改说明）")

    nxt = commands.add_parser("next-year", help="以此计划为基础新建下一年度计划，输出新计划的编号")
    db_option(nxt, argparse.SUPPRESS)
    nxt.add_argument("plan", help="计划编号或唯一的标题")


def load_version(workspace: Workspace, spec: str) -> tuple[Plan, str]:
    """The plan a command-line argument names, and its label: a file, PLAN@SNAPSHOT, or a plan."""
    path = Path(spec)
    if path.is_file():
        from desktop.formats.importers import import_file

        names = [unit.name for unit in workspace.units()]
        return import_file(path, unit_names=names), path.name
    if "@" in spec:
        from desktop.formats.snapshots import open_snapshot

        plan_spec, _, name = spec.rpartition("@")
        plan_id = workspace.find_plan(plan_spec)
        info = workspace.find_snapshot(plan_id, name)
        return open_snapshot(workspace, info.id), f"{info.name}（{info.created_at[:16].replace('T', ' ')}）"
    if path.suffix and not path.exists():
        raise PlanError(f"找不到文件“{spec}”。")
    plan = workspace.load_plan(workspace.find_plan(spec))
    return plan, f"{plan.title}（当前）"


def run(workspace: Workspace, args: argparse.Namespace) -> int:
    if args.command == "snapshot":
        return _snapshot(workspace, args)
    if args.command == "snapshots":
        return _snapshots(workspace, args)
    if args.command == "compare":
        return _compare(workspace, args)
    return _next_year(workspace, args)


def _snapshot(workspace: Workspace, args: argparse.Namespace) -> int:
    from desktop.formats.snapshots import take_snapshot

    plan = workspace.load_plan(workspace.find_plan(args.plan))
    info = take_snapshot(workspace, plan, args.name)
    print(f"已保存快照“{info.name}”（{info.rows} 行）。", file=sys.stderr)
    print(info.id)
    return 0


def _snapshots(workspace: Workspace, args: argparse.Namespace) -> int:
    for info in workspace.snapshots(workspace.find_plan(args.plan)):
        print(f"{info.id}\t{info.name}\t{info.created_at}\t{info.rows}")
    return 0


def _compare(workspace: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.compare import compare_plans

    old, old_label = load_version(workspace, args.old)
    new, new_label = load_version(workspace, args.new)
    result = compare_plans(old, new, old_label=old_label, new_label=new_label, proposer=args.proposer)
    if args.output is not None:
        from desktop.formats.compare_table import export_comparison

        export_comparison(result, args.output)
        print(f"已导出到 {args.output}", file=sys.stderr)
    else:
        for number, entry in enumerate(result.changes(), start=1):
            text = entry.new_text or entry.old_text
            print(f"{number}\t{entry.describe()}\t{' '.join(text.split())[:60]}")
    print(result.summary(), file=sys.stderr)
    return 0


def _next_year(workspace: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.next_year import make_next_year

    plan = workspace.load_plan(workspace.find_plan(args.plan))
    result = make_next_year(plan)
    plan_id = workspace.add_plan(result.plan).plan_id
    for shift in result.shifts:
        print(f"{shift.where}：{shift.old} → {shift.new}", file=sys.stderr)
    print(f"已新建“{result.plan.title}”，调整了 {len(result.shifts)} 处年份，请核对。", file=sys.stderr)
    print(plan_id)
    return 0

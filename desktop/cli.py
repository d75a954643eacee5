"""The ``fenjie`` command: start the app, or list, import and export plans from the command line.

Every command accepts ``--db PATH`` (else ``$FENJIE_DB``, else the user's data folder). Bad input
gives one plain sentence on standard error and exit status 1, with the workspace unchanged; usage
errors exit with 2. ``fenjie import`` prints the new plan's id alone on standard output.
``fenjie open FILE`` (what double-clicking a .fenjie plan file runs) imports the file and starts
the app. An unexpected error writes a crash report to the data folder's ``logs/``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import cli_tracking, cli_versions, crashlog
from desktop.core.model import PlanError
from desktop.version import app_version

if TYPE_CHECKING:
    from desktop.store.workspace import Workspace

EXPORT_SUFFIXES = (".fenjie", ".json", ".docx", ".xlsx", ".pdf")


def _db_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument("--db", type=Path, default=default, metavar="PATH",
                        help="工作区数据库文件（默认：环境变量 FENJIE_DB，或用户数据目录）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fenjie", description="Fenjie（分解）：任务分解表的起草、打印与督办。")
    parser.add_argument("--version", action="version", version=f"fenjie {app_version()}")
    _db_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    plans = commands.add_parser("plans", help="列出工作区中的计划")
    _db_option(plans, argparse.SUPPRESS)

    imp = commands.add_parser("import",
                              help="导入计划（.fenjie/.json/.docx/.xlsx/.txt/.html），输出新计划的编号")
    _db_option(imp, argparse.SUPPRESS)
    imp.add_argument("file", type=Path)
    imp.add_argument("--title", help="新计划的标题")
    imp.add_argument("--as-text", action="store_true", help="按工作要点正文（标题层级）导入，而不是表格")

    exp = commands.add_parser("export", help="导出计划（.fenjie/.json/.docx/.xlsx/.pdf）")
    _db_option(exp, argparse.SUPPRESS)
    exp.add_argument("plan", help="计划编号或唯一的标题；计划@快照名 导出快照")
    exp.add_argument("-o", "--output", type=Path, required=True, help="输出文件，按扩展名决定格式")
    exp.add_argument("--style", help="表格样式（laiwu2024、taian2017、zichuan2020、shizhong2020）")
    exp.add_argument("--word-paginates", action="store_true",
                     help="导出 .docx 时不按 Fenjie 的分页，而是一个整表由 Word 自行分页（便于大量修改）")

    opn = commands.add_parser("open", help="把计划文件导入工作区并启动程序（双击 .fenjie 文件时使用）")
    _db_option(opn, argparse.SUPPRESS)
    opn.add_argument("files", type=Path, nargs="*", metavar="FILE")
    cli_tracking.add_commands(commands, _db_option)
    cli_versions.add_commands(commands, _db_option)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    crashlog.install()
    if args.command in (None, "open"):
        from desktop.gui.shell.launch import launch

        return launch(args.db, open_files=getattr(args, "files", []))
    try:
        return _run(args)
    except PlanError as error:
        print(f"fenjie: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("fenjie: 已中断。", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    from desktop.formats.sample import open_workspace

    workspace = open_workspace(args.db)
    try:
        if args.command == "plans":
            return _list_plans(workspace)
        if args.command == "import":
            return _import(workspace, args)
        if args.command in cli_tracking.COMMANDS:
            return cli_tracking.run(workspace, args)
        if args.command in cli_versions.COMMANDS:
            return cli_versions.run(workspace, args)
        return _export(workspace, args)
    finally:
        workspace.close()


def _list_plans(workspace: Workspace) -> int:
    for summary in workspace.list_plans():
        print(f"{summary.id}\t{summary.title}\t{summary.leaf_count}")
    return 0


def _import(workspace: Workspace, args: argparse.Namespace) -> int:
    from desktop.formats.importers import import_file

    names = [unit.name for unit in workspace.units()]
    plan = import_file(args.file, title=args.title, as_text=args.as_text, unit_names=names)
    plan_id = workspace.add_plan(plan).plan_id
    print(f"已导入“{plan.title}”，共 {len(plan.leaves())} 行。", file=sys.stderr)
    print(plan_id)
    return 0


def _export(workspace: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.style import preset
    from desktop.formats.exporters import export_plan

    target: Path = args.output
    if target.suffix.lower() not in EXPORT_SUFFIXES:
        raise PlanError(f"不支持导出为“{target.suffix or target.name}”，"
                        "请使用 .fenjie、.json、.docx、.xlsx 或 .pdf。")
    plan = cli_versions.load_version(workspace, args.plan)[0] if "@" in args.plan else \
        workspace.load_plan(workspace.find_plan(args.plan))
    style = preset(args.style) if args.style else None
    for warning in export_plan(plan, target, style, word_paginates=args.word_paginates):
        print(f"fenjie: 注意：{warning}", file=sys.stderr)
    print(f"已导出到 {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

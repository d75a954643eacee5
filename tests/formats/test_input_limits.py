"""Input limits (issue 11 defect 4): every way a plan comes in refuses what no real plan is, in one sentence.

The limits are in :mod:`desktop.core.limits` and listed in docs/import.md. Each input path gets
an input just above one of them: a text file cut into more rows than a plan has, a .fenjie plan
with too many rows or levels, a ten-million-character cell in .docx, .html and a pasted table,
too many pasted rows; the workspace itself refuses such a plan, and a typed or pasted edit that
would cross a limit changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from desktop.core import limits
from desktop.core import operations as ops
from desktop.core.model import Plan, PlanError
from desktop.formats.errors import FormatError
from desktop.formats.importers import import_clipboard, import_file, import_text
from desktop.store.workspace import Workspace

HUGE = "很" * (limits.MAX_TEXT_CHARS + 1)


def plan_file(tmp_path: Path, tasks: list[dict], name: str = "p.fenjie") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"format": "fenjie-plan/1", "title": "计划", "tasks": tasks},
                               ensure_ascii=False), encoding="utf-8")
    return path


def test_a_text_file_with_more_rows_than_any_plan(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    path.write_text("一、总体要求\n" + "".join(f"第{n}项工作要落实。" for n in range(limits.MAX_TASKS + 10)),
                    encoding="utf-8")
    with pytest.raises(FormatError, match="上限"):
        import_file(path)


def test_a_plan_file_with_too_many_rows_or_levels(tmp_path: Path) -> None:
    rows = [{"text": f"任务{n}"} for n in range(limits.MAX_TASKS + 1)]
    with pytest.raises(FormatError, match="行的上限"):
        import_file(plan_file(tmp_path, rows))
    deep: dict = {"text": "最底层"}
    for level in range(limits.MAX_DEPTH):
        deep = {"text": f"第{level}层", "children": [deep]}
    with pytest.raises(FormatError, match="层级"):
        import_file(plan_file(tmp_path, [deep], "deep.json"))


def test_a_huge_cell_in_every_format(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="字的上限"):
        import_file(plan_file(tmp_path, [{"text": HUGE}]))
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for col, label in enumerate(("序号", "工作任务")):
        table.cell(0, col).text = label
    table.cell(1, 0).text, table.cell(1, 1).text = "1", HUGE
    document.save(str(tmp_path / "t.docx"))
    with pytest.raises(FormatError, match="字的上限"):
        import_file(tmp_path / "t.docx")
    html = f"<table><tr><th>序号</th><th>工作任务</th></tr><tr><td>1</td><td>{HUGE}</td></tr></table>"
    (tmp_path / "t.html").write_text(html, encoding="utf-8")
    with pytest.raises(FormatError, match="字的上限"):
        import_file(tmp_path / "t.html")
    with pytest.raises(FormatError, match="字的上限"):
        import_clipboard(html, None)
    with pytest.raises(FormatError, match="字的上限"):
        import_text(f"一、总体要求\n{HUGE}")


def test_too_many_pasted_rows() -> None:
    rows = range(limits.MAX_TASKS + 1)
    tsv = "序号\t工作任务\t责任单位\n" + "".join(f"{n}\t任务{n}\t区财政局\n" for n in rows)
    with pytest.raises(FormatError, match=r"表格太大|行的上限"):
        import_clipboard(None, tsv)


def test_the_workspace_refuses_what_no_import_would_give_it(tmp_path: Path) -> None:
    big = Plan("很大的计划")
    for n in range(limits.MAX_TASKS + 1):
        big.insert_subtree(big.ROOT_ID, n, big.make_task(f"任务{n}"))
    with Workspace.open(tmp_path / "w.sqlite3", seed_sample=False) as workspace:
        with pytest.raises(PlanError, match="行的上限"):
            workspace.add_plan(big)
        assert workspace.list_plans() == []

        plan = Plan("计划")
        plan.insert_subtree(plan.ROOT_ID, 0, plan.make_task("一项任务"))
        workspace.add_plan(plan)
        leaf = plan.leaves()[0].id
        with pytest.raises(PlanError, match="字的上限"):
            workspace.apply(plan, ops.SetText(leaf, HUGE))
        with pytest.raises(PlanError, match="上限"):
            workspace.apply(plan, ops.SetAttr(leaf, "units", "区" * (limits.MAX_ATTR_CHARS + 1)))
        assert plan[leaf].text == "一项任务"
        assert workspace.load_plan(int(plan.id or 0))[leaf].text == "一项任务"

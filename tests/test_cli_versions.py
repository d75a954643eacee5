"""``fenjie snapshot``, ``snapshots``, ``compare`` and ``next-year`` as real processes on a real workspace."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl

from desktop.core.operations import SetAttr, SetText
from tests.support.workspaces import Workspace
from tests.test_cli import fenjie


def _edit_sample(db: Path) -> tuple[int, str]:
    with Workspace.open(db) as workspace:
        plan = workspace.load_plan(1)
        leaf = plan.leaves()[0]
        workspace.apply(plan, SetText(leaf.id, leaf.text.replace("坚定实施", "全面实施")))
        workspace.apply(plan, SetAttr(plan.leaves()[4].id, "units", "区审计局"))
        return leaf.id, plan.title


def test_snapshot_then_compare_with_the_plan(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    made = fenjie("snapshot", "1", "初稿", db=db)
    assert made.returncode == 0, made.stderr
    assert "已保存快照“初稿”（81 行）" in made.stderr
    _edit_sample(db)
    listed = fenjie("snapshots", "1", db=db)
    assert [line.split("\t")[1] for line in listed.stdout.splitlines()] == ["初稿"]

    result = fenjie("compare", "1@初稿", "1", db=db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split("\t")[1] == "修改表述"
    assert "责任单位由" in lines[1]
    assert "修改 1 · 属性变化 1 · 未变 79" in result.stderr

    out = tmp_path / "对照.json"
    result = fenjie("compare", "1@初稿", "1", "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"]["changed"] == 1 and data["changes"][0]["old_ids"] == data["changes"][0]["new_ids"]


def test_compare_plan_with_a_units_file_writes_the_table(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    original = tmp_path / "原稿.docx"
    assert fenjie("export", "1", "-o", str(original), db=db).returncode == 0
    _edit_sample(db)
    for suffix in (".docx", ".xlsx"):
        out = tmp_path / f"对照表{suffix}"
        result = fenjie("compare", str(original), "1", "-o", str(out), "--proposer", "区发展改革局", db=db)
        assert result.returncode == 0, result.stderr
        if suffix == ".docx":
            rows = docx.Document(str(out)).tables[0].rows
            assert len(rows) == 3 and rows[1].cells[3].text == "根据区发展改革局意见修改表述"
        else:
            sheet = openpyxl.load_workbook(out).active
            assert sheet.max_row == 5


def test_next_year(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    result = fenjie("next-year", "1", db=db)
    assert result.returncode == 0, result.stderr
    new_id = int(result.stdout.strip())
    assert "完成时限：2024年12月底前 → 2025年12月底前" in result.stderr
    with Workspace.open(db) as workspace:
        plan = workspace.load_plan(new_id)
        assert plan.title == "2025年莱芜区政务公开重点工作任务分工"
        assert plan.fields["year"] == 2025
        assert all("2024年" not in t.attrs.get("deadline", "") for t in plan.tasks())


def test_bad_input_is_one_sentence(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    for args, message in ((("compare", "1@定稿", "1"), "没有名为“定稿”的快照"),
                          (("compare", "missing.docx", "1"), "找不到文件"),
                          (("snapshot", "1", " "), "快照名称不能为空"),
                          (("compare", "1", "1", "-o", str(tmp_path / "x.pdf")),
                           "请使用 .docx、.xlsx 或 .json")):
        result = fenjie(*args, db=db)
        assert result.returncode == 1, result
        assert message in result.stderr and "Traceback" not in result.stderr


def test_export_a_snapshot(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    assert fenjie("snapshot", "1", "初稿", db=db).returncode == 0
    _edit_sample(db)
    out = tmp_path / "初稿.fenjie"
    result = fenjie("export", "1@初稿", "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    first = exported["tasks"][0]["children"][0]["children"][0]["text"]
    assert "坚定实施" in first  # the text as it was when the snapshot was taken

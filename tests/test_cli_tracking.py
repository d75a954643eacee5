"""``fenjie feedback export|import`` and ``fenjie report``, run as real processes on a real workspace."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl

from desktop.formats.feedback.workbook import SHEET_TITLE
from tests.support.feedback_fill import fill, rows_by_task
from tests.test_cli import fenjie

PLAN = "1"  # a new workspace starts with the Laiwu sample


def test_export_every_unit_then_one_format(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    result = fenjie("feedback", "export", PLAN, "-o", str(tmp_path / "all"), db=db)
    assert result.returncode == 0, result.stderr
    files = [Path(line) for line in result.stdout.splitlines()]
    assert len(files) == 19 * 3 and all(f.is_file() for f in files)
    assert tmp_path / "all" / "区政府办公室-反馈表.xlsx" in files
    assert "已为 19 个单位导出 57 个文件" in result.stderr
    result = fenjie("feedback", "export", PLAN, "--unit", "区财政局", "-o", str(tmp_path / "one"),
                    "--format", "xlsx", db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path / "one" / "区财政局-反馈表.xlsx")]


def test_export_errors_are_one_sentence(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    result = fenjie("feedback", "export", PLAN, "--unit", "区外事办", "-o", str(tmp_path), db=db)
    assert result.returncode == 1 and result.stderr.strip() == "fenjie: 计划中没有单位“区外事办”的任务。"
    result = fenjie("feedback", "export", PLAN, "-o", str(tmp_path), "--format", "doc", db=db)
    assert result.returncode == 1 and "不支持的格式“doc”" in result.stderr
    assert fenjie("feedback", db=db).returncode == 2


def test_import_prints_a_line_per_row_and_a_summary(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    out = tmp_path / "sent"
    exported = fenjie("feedback", "export", PLAN, "--unit", "区大数据服务中心", "-o", str(out),
                      "--format", "xlsx", db=db)
    assert exported.returncode == 0, exported.stderr
    workbook = out / "区大数据服务中心-反馈表.xlsx"
    tasks = list(rows_by_task(openpyxl.load_workbook(workbook)[SHEET_TITLE]))
    assert len(tasks) == 6
    fill(workbook, {tasks[0]: ("平台已上线。", "推进中", None), tasks[2]: ("", "已完成", date(2024, 6, 28)),
                    tasks[5]: ("", "差不多", None)})
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    result = fenjie("feedback", "import", str(workbook), str(junk), "--date", "2024-07-01", db=db)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("junk.xlsx\t文件未导入\t")
    rows = [line.split("\t") for line in lines[1:-1] if "\t未导入的内容\t" not in line]
    assert len(rows) == 6
    fields = [line.split("\t") for line in lines if "\t未导入的内容\t" in line]
    assert [row[2:4] for row in fields] == [["区大数据服务中心", "完成状态"]]
    assert rows[0][:3] == ["区大数据服务中心-反馈表.xlsx:5", "已导入", "序号 28"]
    assert [row[1] for row in rows] == ["已导入", "无变化", "已导入", "无变化", "无变化", "已拒绝"]
    assert "完成状态“差不多”不是可选的值" in rows[5][4]
    assert lines[-1] == ("共 2 个文件（1 个未能导入），6 行：已导入 2 行，无变化 3 行，"
                         "冲突 0 行，已拒绝 1 行。")

    again = fenjie("feedback", "import", "--json", str(workbook), db=db)
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    assert data["summary"] == {"files": 1, "failed_files": 0, "rows": 6, "applied": 0, "unchanged": 5,
                               "conflict": 0, "rejected": 1}
    first = data["files"][0]
    assert (first["unit"], first["plan_id"], first["error"]) == ("区大数据服务中心", 1, None)
    assert first["rows"][0]["result"] == "unchanged" and first["rows"][0]["task_id"] == tasks[0]


def test_report_in_each_format(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    for suffix in (".xlsx", ".docx", ".pdf"):
        target = tmp_path / f"report{suffix}"
        result = fenjie("report", PLAN, "-o", str(target), "--date", "2024-07-01", "--all-entries", db=db)
        assert result.returncode == 0, result.stderr
        assert target.stat().st_size > 5000
    workbook = openpyxl.load_workbook(tmp_path / "report.xlsx")
    assert workbook.sheetnames == ["总体情况", "落实情况明细"]  # short names, never a cut title
    assert workbook["总体情况"]["A1"].value.endswith("落实情况总体情况（截至2024年7月1日）")
    result = fenjie("report", PLAN, "-o", str(tmp_path / "r.txt"), db=db)
    assert result.returncode == 1 and "不支持把汇总表导出为“.txt”" in result.stderr
    result = fenjie("report", PLAN, "-o", str(tmp_path / "r.pdf"), "--date", "7月1日", db=db)
    assert result.returncode == 1 and "请写成 2024-06-30" in result.stderr


def test_the_command_line_undoes_its_last_import(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    out = tmp_path / "sent"
    assert fenjie("feedback", "export", PLAN, "--unit", "区大数据服务中心", "-o", str(out),
                  "--format", "xlsx", db=db).returncode == 0
    first = out / "区大数据服务中心-反馈表.xlsx"
    second = tmp_path / "second.xlsx"
    second.write_bytes(first.read_bytes())
    tasks = list(rows_by_task(openpyxl.load_workbook(first)[SHEET_TITLE]))
    fill(first, {tasks[0]: ("开始建设。", "推进中", None), tasks[1]: ("方案已印发。", "推进中", None)})
    fill(second, {tasks[2]: ("平台已上线。", "已完成", date(2024, 6, 28))})
    assert fenjie("feedback", "import", str(first), "--date", "2024-07-01", db=db).returncode == 0
    assert fenjie("feedback", "import", str(second), "--date", "2024-07-01", db=db).returncode == 0
    undone = fenjie("feedback", "undo", db=db)
    assert undone.returncode == 0, undone.stderr
    assert undone.stdout.startswith("已撤销上次导入（second.xlsx）：恢复 1 项任务分工的状态，删除 1 条")
    again = fenjie("feedback", "undo", db=db)
    assert again.returncode == 1 and "没有可以撤销的反馈表导入" in again.stderr
    report = fenjie("report", PLAN, "--json", "--date", "2024-07-01", db=db)
    assert report.returncode == 0, report.stderr
    unit = next(u for u in json.loads(report.stdout)["units"] if u["unit"] == "区大数据服务中心")
    assert (unit["in_progress"], unit["done"]) == (2, 0)  # the first import stays, the second is gone


def test_export_import_report_flow_with_rounds_and_not_reported_units(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    out = tmp_path / "sent"
    exported = fenjie("feedback", "export", PLAN, "-o", str(out), "--format", "xlsx", db=db)
    assert exported.returncode == 0 and "报送轮次：" in exported.stderr  # a round was opened
    workbook = out / "区大数据服务中心-反馈表.xlsx"
    tasks = list(rows_by_task(openpyxl.load_workbook(workbook)[SHEET_TITLE]))
    fill(workbook, {tasks[0]: ("平台已上线。", "完成", date(2024, 6, 28)), tasks[1]: ("", "80%", None)})
    assert fenjie("feedback", "import", str(workbook), "--date", "2024-07-01", db=db).returncode == 0
    report = fenjie("report", PLAN, "--json", "--date", "2024-07-01", db=db)
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert data["round"] and len(data["units_not_reported"]) == 18
    assert data["units"][0]["returned"] == "not_sent"  # 未报送 first
    mine = next(u for u in data["units"] if u["unit"] == "区大数据服务中心")
    assert (mine["returned"], mine["done"], mine["in_progress"], mine["not_reported"]) == ("sent", 1, 1, 0)
    other = data["units"][0]
    assert other["not_started"] == 0 and other["not_reported"] + other["overdue"] == other["tasks"]
    total = data["total"]
    assert total["rate"] == round(100 * total["done"] / total["tasks"], 1)
    rounds = fenjie("feedback", "rounds", PLAN, db=db)
    assert rounds.returncode == 0 and "区大数据服务中心\t已报送" in rounds.stdout
    summary = tmp_path / "summary.pdf"
    assert fenjie("report", PLAN, "-o", str(summary), "--summary-only", "--date", "2024-07-01",
                  db=db).returncode == 0
    closed = fenjie("feedback", "export", PLAN, "--unit", "区财政局", "-o", str(tmp_path / "next"),
                    "--format", "xlsx", "--round", "下一轮", db=db)
    assert closed.returncode == 0 and "报送轮次：下一轮" in closed.stderr
    late = fenjie("feedback", "import", str(workbook), db=db)
    assert late.returncode == 1 and "已结束的报送轮次" in late.stdout


def test_remind_writes_a_notice_per_unit_and_prints_the_list(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    assert fenjie("feedback", "export", PLAN, "--unit", "区财政局", "-o", str(tmp_path / "sent"),
                  "--format", "xlsx", db=db).returncode == 0
    result = fenjie("feedback", "remind", PLAN, "-o", str(tmp_path / "notices"), "--date", "2025-01-10",
                    "--reply-by", "2025-01-17", db=db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "催办名单（截至2025年1月10日，请于2025年1月17日前报送落实情况）："
    assert any("本轮未报送落实情况" in line for line in lines) and any("已逾期" in line for line in lines)
    notices = sorted((tmp_path / "notices").glob("*-催办通知.docx"))
    units = [line.split(". ", 1)[1].split("：")[0] for line in lines[1:] if line[:1].isdigit()]
    assert len(notices) == len(units) > 0
    import docx

    text = "\n".join(p.text for p in docx.Document(str(notices[0])).paragraphs)
    assert "催办通知" in text and "2025年1月17日前" in text


def test_feedback_undo_takes_the_units_return_out_of_the_round(tmp_path: Path) -> None:
    """After ``feedback undo`` the unit is 未报送 again (rounds, report --json), as before the import."""
    db = tmp_path / "ws.sqlite3"
    out = tmp_path / "sent"
    assert fenjie("feedback", "export", PLAN, "--unit", "区大数据服务中心", "-o", str(out),
                  "--format", "xlsx", db=db).returncode == 0
    workbook = out / "区大数据服务中心-反馈表.xlsx"
    tasks = list(rows_by_task(openpyxl.load_workbook(workbook)[SHEET_TITLE]))
    fill(workbook, {tasks[0]: ("平台已上线。", "已完成", date(2024, 6, 28))})

    def state() -> tuple[str, str | None]:
        report = fenjie("report", PLAN, "--json", "--date", "2024-07-01", db=db)
        assert report.returncode == 0, report.stderr
        unit = next(u for u in json.loads(report.stdout)["units"] if u["unit"] == "区大数据服务中心")
        return unit["returned"], unit["returned_at"]

    assert state() == ("not_sent", None)
    assert fenjie("feedback", "import", str(workbook), "--date", "2024-07-01", db=db).returncode == 0
    assert state()[0] == "sent"
    assert "区大数据服务中心\t已报送" in fenjie("feedback", "rounds", PLAN, db=db).stdout
    undone = fenjie("feedback", "undo", db=db)
    assert undone.returncode == 0, undone.stderr
    assert "撤销 1 个单位的报送记录（区大数据服务中心）" in undone.stdout
    assert state() == ("not_sent", None)
    assert "区大数据服务中心\t未报送" in fenjie("feedback", "rounds", PLAN, db=db).stdout

"""The fenjie command line, run as a real process against a real workspace file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.resources import sample_plan_path

REPO = Path(__file__).resolve().parent.parent


def fenjie(*args: str, db: Path | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "desktop.cli", *args]
    if db is not None:
        command += ["--db", str(db)]
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120, env=full_env)


def plans(db: Path) -> list[list[str]]:
    result = fenjie("plans", db=db)
    assert result.returncode == 0, result.stderr
    return [line.split("\t") for line in result.stdout.splitlines()]


def test_version() -> None:
    result = fenjie("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("fenjie ")


def test_new_workspace_starts_with_the_sample(tmp_path: Path) -> None:
    rows = plans(tmp_path / "ws.sqlite3")
    assert rows == [["1", "2024年莱芜区政务公开重点工作任务分工", "59"]]


def test_import_then_export_reproduces_the_document(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    result = fenjie("import", str(sample_plan_path()), db=db)
    assert result.returncode == 0, result.stderr
    plan_id = result.stdout.strip()
    assert plan_id.isdigit(), "import must print the new plan's id alone on stdout"
    out = tmp_path / "out.json"
    result = fenjie("export", plan_id, "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    original = sample_plan_path().read_text(encoding="utf-8")
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(original)
    assert out.read_text(encoding="utf-8") == original


def test_import_with_title_and_env_database(tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite3"
    result = fenjie("import", str(sample_plan_path()), "--title", "另一个标题", env={"FENJIE_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()
    titles = [row[1] for row in plans(db)]
    assert "另一个标题" in titles


def test_export_by_unique_title(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    out = tmp_path / "by-title.json"
    result = fenjie("export", "2024年莱芜区政务公开重点工作任务分工", "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "2024年莱芜区政务公开重点工作任务分工"


@pytest.mark.parametrize("args, message", [
    (["import", "/nonexistent/plan.json"], "找不到文件"),
    (["export", "999", "-o", "x.json"], "999"),
    (["export", "没有这个计划", "-o", "x.json"], "没有这个计划"),
    (["export", "1", "-o", "x.txt"], "不支持导出"),
    (["export", "1", "-o", "/nonexistent-dir/x.json"], "不存在"),
])
def test_bad_input_is_one_plain_sentence_and_changes_nothing(tmp_path: Path, args: list[str],
                                                             message: str) -> None:
    db = tmp_path / "ws.sqlite3"
    before = plans(db)
    result = fenjie(*args, db=db)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert result.stdout == ""
    assert plans(db) == before


def test_malformed_json_leaves_no_plan_behind(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    before = plans(db)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "fenjie-plan/1", "title": "坏", "tasks": [{"text": 1}]}', encoding="utf-8")
    result = fenjie("import", str(broken), db=db)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert plans(db) == before


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert fenjie("export", "1", db=tmp_path / "ws.sqlite3").returncode == 2
    assert fenjie("no-such-command").returncode == 2


def test_export_docx_paged_or_left_to_word(tmp_path: Path) -> None:
    import docx

    db = tmp_path / "ws.sqlite3"
    paged, flowing = tmp_path / "paged.docx", tmp_path / "flowing.docx"
    assert fenjie("export", "1", "-o", str(paged), db=db).returncode == 0
    result = fenjie("export", "1", "-o", str(flowing), "--word-paginates", db=db)
    assert result.returncode == 0, result.stderr
    assert len(docx.Document(str(flowing)).tables) == 1
    assert len(docx.Document(str(paged)).tables) > 1  # one table per printed page


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
def test_export_official_formats_with_a_preset(tmp_path: Path, suffix: str) -> None:
    db = tmp_path / "ws.sqlite3"
    out = tmp_path / f"annex{suffix}"
    result = fenjie("export", "1", "-o", str(out), "--style", "shizhong2020", db=db)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 5000
    if suffix == ".docx":
        import docx

        table = docx.Document(str(out)).tables[0]
        assert [c.text for c in table.rows[0].cells][:3] == ["工作任务", "工作任务", "具体要求"]
    elif suffix == ".xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(out).active
        assert any(cell.value == "具体要求" for row in sheet.iter_rows(max_row=5) for cell in row)
    else:
        assert out.read_bytes().startswith(b"%PDF")


def test_export_with_an_unknown_preset_is_refused(tmp_path: Path) -> None:
    result = fenjie("export", "1", "-o", str(tmp_path / "x.docx"), "--style", "nanjing",
                    db=tmp_path / "ws.sqlite3")
    assert result.returncode == 1 and "nanjing" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_import_real_annexes_and_a_work_plan_text(tmp_path: Path, samples_dir: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    for name, rows in (("taian-2017.docx", "139"), ("laiwu-2024.xlsx", "59")):
        result = fenjie("import", str(samples_dir / name), db=db)
        assert result.returncode == 0, result.stderr
        plan_id = result.stdout.strip()
        assert [plan_id, rows] in [[row[0], row[2]] for row in plans(db)]
    result = fenjie("import", str(samples_dir / "gaoxin-2020-plan.txt"), "--as-text", db=db)
    assert result.returncode == 0, result.stderr
    assert len(plans(db)) == 4


def test_a_document_without_a_table_is_refused(tmp_path: Path) -> None:
    import docx

    source = tmp_path / "no-table.docx"
    document = docx.Document()
    document.add_paragraph("只有正文，没有表格。")
    document.save(str(source))
    db = tmp_path / "ws.sqlite3"
    before = plans(db)
    result = fenjie("import", str(source), db=db)
    assert result.returncode == 1
    assert "没有找到表格" in result.stderr and "Traceback" not in result.stderr
    assert plans(db) == before

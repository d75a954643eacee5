"""A unit's share of the annex as real .docx/.pdf files, and the files of a send-out."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from desktop.formats.errors import FormatError
from desktop.formats.feedback.unit_share import export_unit_files, file_stem, parse_formats, unit_grid
from desktop.store.feedback_store import feedback_sheets
from tests.support.docx_grid import read_docx_table
from tests.support.pdf_inspect import raw_text
from tests.support.workspaces import Workspace

EDUCATION = "区教育和体育局"


def test_the_units_rows_in_the_official_layout(laiwu_plan, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.sqlite3", seed_sample=False) as ws:
        ws.add_plan(laiwu_plan)
        sheets = feedback_sheets(ws.db, laiwu_plan, [EDUCATION])
    written, warnings = export_unit_files(laiwu_plan, sheets, tmp_path, ("docx", "pdf"))
    assert [p.name for p in written] == [f"{EDUCATION}-任务清单.docx", f"{EDUCATION}-任务清单.pdf"]
    assert all(isinstance(w, str) for w in warnings)
    grid = unit_grid(laiwu_plan, EDUCATION, [row.task_id for row in sheets[0].rows])
    table = read_docx_table(written[0])
    assert table.body_spans() == grid.spans()
    assert [c.text for c in table.body if c.col == 0] == ["4", "14", "21"]  # the annex's 序号
    title = docx.Document(str(written[0])).paragraphs[2].text
    assert title == "2024年莱芜区政务公开重点工作任务分工（区教育和体育局）"
    text = raw_text(written[1]).replace("\n", "")
    assert "（区教育和体育局）" in text and "（三）以公开助推保障改善民生" in text
    assert "加大“一老一小”" not in text  # another unit's row


def test_file_names_and_formats() -> None:
    assert file_stem("区政府办公室") == "区政府办公室"
    assert file_stem('a/b:c*?"<>|') == "a_b_c______"
    assert file_stem("...") == "单位"
    assert parse_formats("XLSX, .pdf,xlsx") == ("xlsx", "pdf")
    with pytest.raises(FormatError, match="不支持的格式“doc”"):
        parse_formats("xlsx,doc")


def test_a_missing_folder_is_a_plain_error(laiwu_plan, tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="不存在"):
        export_unit_files(laiwu_plan, [], tmp_path / "nope")

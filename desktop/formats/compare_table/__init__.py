"""The 修改对照表: a comparison written as .docx, .xlsx or .json (see docs/versions.md).

``export_comparison(comparison, target)`` picks the writer from the suffix. The table has the
official columns 序号 · 原表述 · 修改后 · 修改说明; additions and deletions are said in words
(新增 / 删除) and, in Word, deleted words are struck through and added words underlined, so the
table survives black-and-white printing.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.compare.result import Comparison
from desktop.formats.errors import FormatError

SUFFIXES = (".docx", ".xlsx", ".json")


def export_comparison(comparison: Comparison, target: Path) -> None:
    """Write the comparison's 修改对照表 (or, for .json, every entry) atomically to ``target``."""
    suffix = Path(target).suffix.lower()
    if suffix == ".docx":
        from desktop.formats.compare_table.docx_table import write_revision_docx

        write_revision_docx(comparison, Path(target))
    elif suffix == ".xlsx":
        from desktop.formats.compare_table.xlsx_table import write_revision_xlsx

        write_revision_xlsx(comparison, Path(target))
    elif suffix == ".json":
        from desktop.formats.compare_table.json_table import write_comparison_json

        write_comparison_json(comparison, Path(target))
    else:
        raise FormatError(f"修改对照表不能导出为“{suffix or target}”，请使用 .docx、.xlsx 或 .json。")

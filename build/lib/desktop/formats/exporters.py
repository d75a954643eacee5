"""Export a plan to a file whose format follows from its extension (.fenjie/.json, .docx, .xlsx, .pdf).

.fenjie is Fenjie's registered plan-file type: the same fenjie-plan/1 JSON as .json.

Writers are imported only when used, so starting the app does not pay for reportlab or python-docx.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.model import Plan
from desktop.core.style import TableStyle
from desktop.formats.atomic import write_text_atomically
from desktop.formats.errors import FormatError


def export_plan(plan: Plan, target: Path, style: TableStyle | None = None, *,
                word_paginates: bool = False) -> list[str]:
    """Write the plan; returns warnings for the user (e.g. a PDF font fallback).

    A .docx gets Fenjie's pages (the PDF's, one table per page) unless ``word_paginates``: then
    one table that Word breaks into pages itself, for a clerk who will edit it heavily.
    """
    suffix = Path(target).suffix.lower()
    if suffix in (".fenjie", ".json"):
        from desktop.formats import plan_json

        write_text_atomically(target, plan_json.dumps(plan))
        return []
    if suffix == ".docx":
        from desktop.formats.docx.writer import write_docx

        write_docx(plan, target, style, word_paginates=word_paginates)
        return []
    if suffix == ".xlsx":
        from desktop.formats.xlsx.writer import write_xlsx

        write_xlsx(plan, target, style)
        return []
    if suffix == ".pdf":
        from desktop.formats.pdf.writer import write_pdf

        return list(write_pdf(plan, target, style))
    raise FormatError(f"不支持导出为“{suffix or target}”，请使用 .fenjie、.json、.docx、.xlsx 或 .pdf。")

"""Importing PDF annexes: Fenjie's own PDF export read back (rows broken across pages, repeated headers)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.style import style_of
from desktop.formats.importers import import_source
from desktop.formats.pdf.reader import join_wrapped
from desktop.formats.pdf.writer import write_pdf
from tests.support.canonical_compare import leaf_rows
from tests.support.generated import generated_plan


def test_lines_wrapped_in_a_narrow_column_are_one_text() -> None:
    assert join_wrapped("一、\n广覆\n盖推\n进") == "一、广覆盖推进"
    assert join_wrapped("2024\n年12\n月底前") == "2024年12月底前"
    assert join_wrapped("Open\nData 平台") == "Open Data 平台"


def test_a_plan_exported_as_pdf_imports_back_with_every_row(tmp_path: Path) -> None:
    plan = generated_plan(120)
    path = tmp_path / "annex.pdf"
    write_pdf(plan, path)
    imported = import_source(path)
    assert imported.report.source == "pdf" and imported.report.check_all
    shown = {c.attr for c in style_of(plan.fields).columns if c.attr}  # the PDF shows only these
    def visible(rows: list[dict]) -> list[dict]:
        return [{k: v for k, v in row.items() if k in ("path", "text") or k in shown} for row in rows]
    assert visible(leaf_rows(imported.plan)) == visible(leaf_rows(plan))
    imported.plan.check_invariants()

"""One page plan drives every format: LibreOffice prints the .docx and .xlsx on Fenjie's PDF pages.

For each sample annex and a generated 500-row plan, the .docx and .xlsx rendered by LibreOffice
have as many pages as Fenjie's PDF, and on every page every planned cell's text (the rows'
requirements and the categories restated at the page top) appears whole on that page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.model import Plan
from desktop.core.style import PRESETS, TableStyle
from desktop.formats.docx.writer import write_docx
from desktop.formats.pdf.writer import write_pdf
from desktop.formats.xlsx.writer import write_xlsx
from desktop.layout.engine import build_grid
from desktop.layout.page_plan import TablePlan, plan_table
from tests.support.generated import generated_plan
from tests.support.render import pdf_page_count, pdf_text, soffice_to_pdf

pytestmark = pytest.mark.libreoffice


def squeeze(text: str) -> str:
    return "".join(text.split())


def page_texts(pdf: Path) -> list[str]:
    return [squeeze(page) for page in pdf_text(pdf).split("\f")]


def missing_on_pages(plan: TablePlan, texts: list[str]) -> list[tuple[int, str]]:
    """(page, text) of every planned cell whose text is not whole on its page."""
    missing = []
    for index, page in enumerate(plan.pages):
        for cell in page.cells:
            wanted = squeeze(cell.text)
            if wanted and wanted not in texts[index]:
                missing.append((index + 1, cell.text))
    return missing


def check_plan(plan: Plan, tmp_path: Path, style: TableStyle | None = None) -> None:
    table = plan_table(build_grid(plan, style))
    pdf = tmp_path / "annex.pdf"
    write_pdf(plan, pdf, style)
    pages = pdf_page_count(pdf)
    assert pages == len(table.pages)
    assert missing_on_pages(table, page_texts(pdf)) == []
    for suffix, write in ((".docx", write_docx), (".xlsx", write_xlsx)):
        source = tmp_path / f"annex{suffix}"
        write(plan, source, style)
        rendered = soffice_to_pdf(source, tmp_path / suffix.strip("."))
        assert pdf_page_count(rendered) == pages, suffix
        assert missing_on_pages(table, page_texts(rendered)) == [], suffix


@pytest.mark.parametrize("fixture", ["laiwu_plan", "taian_plan"])
def test_samples_print_on_the_pdfs_pages(fixture: str, request: pytest.FixtureRequest,
                                         tmp_path: Path) -> None:
    check_plan(request.getfixturevalue(fixture), tmp_path)


@pytest.mark.parametrize(("fixture", "preset"),
                         [("laiwu_plan", "zichuan2020"), ("taian_plan", "shizhong2020")])
def test_samples_in_other_presets_print_on_the_pdfs_pages(fixture: str, preset: str,
                                                         request: pytest.FixtureRequest,
                                                         tmp_path: Path) -> None:
    check_plan(request.getfixturevalue(fixture), tmp_path, PRESETS[preset])


@pytest.mark.slow
def test_500_rows_print_on_the_pdfs_pages(tmp_path: Path) -> None:
    check_plan(generated_plan(500), tmp_path)

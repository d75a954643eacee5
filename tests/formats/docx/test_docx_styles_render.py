"""A clerk changes the body font once: editing 表格正文 in styles.xml changes every body cell."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from desktop.formats.docx.writer import write_docx
from desktop.layout.engine import build_grid
from desktop.layout.page_plan import plan_table
from tests.support.render import soffice_to_pdf

pytestmark = pytest.mark.libreoffice
NEW_FACE = "WenQuanYi Zen Hei Mono"  # installed here, and used by LibreOffice for nothing else


def restyle_body(source: Path, target: Path) -> None:
    """Copy ``source`` with the 表格正文 (Body) style's fonts set to NEW_FACE."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/styles.xml":
                text = data.decode("utf-8")
                start = text.index('w:styleId="Body"')
                end = text.index("</w:style>", start)
                body = re.sub(r'w:(ascii|hAnsi|eastAsia|cs)="[^"]*"', rf'w:\1="{NEW_FACE}"', text[start:end])
                data = (text[:start] + body + text[end:]).encode("utf-8")
            new.writestr(item, data)


def test_changing_the_body_style_changes_every_body_cell(laiwu_plan, tmp_path: Path) -> None:
    exported = tmp_path / "annex.docx"
    write_docx(laiwu_plan, exported)
    edited = tmp_path / "edited.docx"
    restyle_body(exported, edited)
    pdf = soffice_to_pdf(edited, tmp_path / "pdf")
    with pdfplumber.open(pdf) as document:
        chars = [c for page in document.pages for c in page.chars if c["text"].strip()]
    mono = [c["text"] for c in chars if "Mono" in c["fontname"]]
    others = [c["text"] for c in chars if "Mono" not in c["fontname"]]
    planned = plan_table(build_grid(laiwu_plan))
    body_chars = sum(len("".join(cell.text.split())) for page in planned.pages for cell in page.cells)
    assert len(mono) == body_chars
    assert others  # label, title, header row and page numbers keep their own styles' faces
    assert "".join(others).count("具体要求") == len(planned.pages)

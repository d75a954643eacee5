"""GB/T 9704 page numbers in every format: the dashes (一字线) of "— N —" 7 mm below the type area.

The PDF is drawn by Fenjie; the .docx and .xlsx are rendered by LibreOffice. Each page is
rasterised and the dash found as the long horizontal run of dark pixels below the type area.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from desktop.core.style import PRESETS
from desktop.formats.docx.writer import write_docx
from desktop.formats.pdf.writer import write_pdf
from desktop.formats.xlsx.writer import write_xlsx
from desktop.layout.page import PAGE_NUMBER_GAP_MM, geometry
from tests.support.render import soffice_to_pdf

pytestmark = pytest.mark.libreoffice
DPI = 200
TOLERANCE_MM = 0.5  # the fallback faces here centre their em dash within a few tenths of a mm


def dash_below_type_area(pdf: Path, page: int, margin_bottom_mm: float,
                         tmp_path: Path) -> tuple[float, float]:
    """(mm below the type area, mm from the left edge) of the page number's first dash."""
    stem = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True, capture_output=True)
    image = Image.open(f"{stem}.png").convert("L")
    width, height = image.size
    pixels = image.load()
    top = height - round(margin_bottom_mm / 25.4 * DPI)
    shortest = 0.6 * 14 / 72 * DPI  # most of an em at 14 pt
    rows, lefts = [], []
    for y in range(top + 2, height):
        run = 0
        for x in range(width):
            run = run + 1 if pixels[x, y] < 128 else 0
            if run >= shortest:
                rows.append(y)
                lefts.append(x - run + 1)
                break
    assert rows, f"no page number under the type area on page {page} of {pdf.name}"
    middle = sum(rows) / len(rows)
    return (middle - top) / DPI * 25.4, min(lefts) / DPI * 25.4


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_dashes_sit_7_mm_under_the_type_area(laiwu_plan, tmp_path: Path, orientation: str) -> None:
    style = PRESETS["laiwu2024"].with_options(orientation=orientation)
    page = geometry(orientation)
    pdf = tmp_path / "fenjie.pdf"
    write_pdf(laiwu_plan, pdf, style)
    rendered = {"pdf": pdf}
    for suffix, write in ((".docx", write_docx), (".xlsx", write_xlsx)):
        source = tmp_path / f"annex-{suffix.strip('.')}{suffix}"
        write(laiwu_plan, source, style)
        rendered[suffix] = soffice_to_pdf(source, tmp_path / "lo")
    for name, document in rendered.items():
        odd_gap, odd_x = dash_below_type_area(document, 1, page.margin_bottom, tmp_path)
        even_gap, even_x = dash_below_type_area(document, 2, page.margin_bottom, tmp_path)
        assert abs(odd_gap - PAGE_NUMBER_GAP_MM) <= TOLERANCE_MM, (name, odd_gap)
        assert abs(even_gap - PAGE_NUMBER_GAP_MM) <= TOLERANCE_MM, (name, even_gap)
        assert odd_x > page.width / 2 > even_x, name  # odd pages right, even pages left

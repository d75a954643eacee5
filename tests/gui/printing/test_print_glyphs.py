"""Printing draws every line inside its cell, at any printer resolution and with a fallback face.

The pages are printed through QPrinter into a PDF file (Qt's own PDF output stands for the
printer) at 96, 300 and 600 dpi; pdfplumber then reads every glyph's box, and each glyph inside
the table must lie within the cell it belongs to. The fallback case draws with a different font
file (Droid Sans Fallback, whose Latin letters come from yet another face) from the one the
PDF's line breaks were measured with.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pytest

from desktop.core.style import PRESETS
from desktop.formats.pdf.fonts import load_fonts
from desktop.gui.printing.export_print import make_printer, paint_pages
from desktop.gui.printing.print_layout import PrintLayout
from desktop.layout.engine import build_grid

TOLERANCE_PT = 0.35
FALLBACK_FILE = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")


def cell_boxes(layout: PrintLayout, index: int) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of every header and body cell of page ``index``, from the page top."""
    table = layout.table
    height = layout.frame.height
    boxes = []
    top = layout.table_top(index)
    for heights, cells in ((layout.header_heights, layout.header_cells),
                           (layout.pages[index].heights, layout.pages[index].cells)):
        tops = [top]
        for row_height in heights:
            tops.append(tops[-1] - row_height)
        for cell, _lines in cells:
            boxes.append((table.edges[cell.col], height - tops[cell.row], table.edges[cell.last_col + 1],
                          height - tops[cell.last_row + 1]))
        top = tops[-1]
    return boxes


def print_to_pdf(layout: PrintLayout, target: Path, dpi: int) -> None:
    printer = make_printer(layout)
    printer.setResolution(dpi)
    printer.setOutputFormat(printer.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    paint_pages(printer, layout)


def outside_glyphs(layout: PrintLayout, pdf: Path) -> list[str]:
    """Glyphs of the table that cross their cell's edges (none expected), and a count check."""
    bad: list[str] = []
    checked = 0
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == layout.page_count
        for index, page in enumerate(document.pages):
            boxes = cell_boxes(layout, index)
            for char in page.chars:
                if not char["text"].strip():
                    continue
                x = (char["x0"] + char["x1"]) / 2
                y = (char["top"] + char["bottom"]) / 2
                home = [b for b in boxes if b[0] <= x <= b[2] and b[1] <= y <= b[3]]
                if not home:
                    continue  # the label, the title and the page number stand outside the table
                left, top, right, bottom = home[0]
                checked += 1
                if (char["x0"] < left - TOLERANCE_PT or char["x1"] > right + TOLERANCE_PT
                        or char["top"] < top - TOLERANCE_PT or char["bottom"] > bottom + TOLERANCE_PT):
                    bad.append(f"page {index + 1}: {char['text']!r} {char['x0']:.1f}–{char['x1']:.1f} "
                               f"in {left:.1f}–{right:.1f}")
    assert checked > 1000
    return bad


@pytest.mark.parametrize("dpi", [96, 300, 600])
def test_every_glyph_stays_in_its_cell(qapp, tmp_path: Path, taian_plan, dpi: int) -> None:
    layout = PrintLayout(build_grid(taian_plan, PRESETS["laiwu2024"]))
    target = tmp_path / f"printed-{dpi}.pdf"
    print_to_pdf(layout, target, dpi)
    assert outside_glyphs(layout, target) == []


@pytest.mark.parametrize("dpi", [72, 300])
def test_a_fallback_face_stays_in_its_cells_too(qapp, tmp_path: Path, laiwu_plan, dpi: int) -> None:
    assert FALLBACK_FILE.is_file(), "the fallback face used by this test is not installed"
    fonts = load_fonts()
    fallback = dataclasses.replace(fonts.body, path=FALLBACK_FILE, index=0)
    layout = PrintLayout(build_grid(laiwu_plan), dataclasses.replace(fonts, body=fallback))
    target = tmp_path / f"fallback-{dpi}.pdf"
    print_to_pdf(layout, target, dpi)
    assert outside_glyphs(layout, target) == []

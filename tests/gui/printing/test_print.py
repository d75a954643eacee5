"""Printing paints exactly what the PDF shows: same pages, same rules, same lines."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from desktop.formats.pdf.writer import write_pdf_grid
from desktop.gui.printing.export_print import make_printer, open_preview, paint_pages
from desktop.gui.printing.print_layout import PrintLayout
from desktop.gui.printing.print_painter import PagePainter
from desktop.layout.engine import build_grid

DPI = 60
BLOCK = 40


class Page:
    """A grey page as rows of bytes (0 black … 255 white)."""

    def __init__(self, image: QImage) -> None:
        image = image.convertToFormat(QImage.Format.Format_Grayscale8)
        self.width, self.height = image.width(), image.height()
        data, stride = bytes(image.constBits()), image.bytesPerLine()
        self.rows = [data[y * stride:y * stride + self.width] for y in range(self.height)]

    def ink(self) -> int:
        return sum(255 * len(row) - sum(row) for row in self.rows)

    def block_ink(self, width: int, height: int) -> list[int]:
        """Darkness per BLOCK × BLOCK square of the top-left width × height area."""
        across = width // BLOCK
        sums = [0] * (across * (height // BLOCK))
        for y in range(height // BLOCK * BLOCK):
            row, base = self.rows[y], (y // BLOCK) * across
            for bx in range(across):
                chunk = row[bx * BLOCK:(bx + 1) * BLOCK]
                sums[base + bx] += 255 * BLOCK - sum(chunk)
        return sums

    def rule_rows(self) -> set[int]:
        """Rows of the horizontal rules that cross most of the page (table borders). A 0.5 pt rule
        is under a pixel wide at this resolution: poppler darkens one row, Qt's antialiasing
        shares it between two, so each pixel is judged together with the one above it."""
        rows = []
        for y in range(1, self.height):
            dark = sum(1 for a, b in zip(self.rows[y], self.rows[y - 1], strict=True) if a + b < 470)
            if dark > 0.6 * self.width:
                rows.append(y)
        return {y for y in rows if y - 1 not in rows}  # one row per rule


def paint_page(layout: PrintLayout, index: int) -> Page:
    width = round(layout.frame.width / 72 * DPI)
    height = round(layout.frame.height / 72 * DPI)
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    painter = QPainter(image)
    PagePainter(layout, image.logicalDpiX()).paint(painter, index)
    painter.end()
    return Page(image)


def pdf_page(pdf: Path, index: int, tmp_path: Path) -> Page:
    stem = tmp_path / f"page{index}"
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(DPI), "-f", str(index + 1), "-l", str(index + 1),
                    "-singlefile", str(pdf), str(stem)], check=True)
    return Page(QImage(str(stem) + ".png"))


def correlation(a: list[int], b: list[int]) -> float:
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    var_a = sum((x - mean_a) ** 2 for x in a)
    var_b = sum((y - mean_b) ** 2 for y in b)
    return cov / (var_a * var_b) ** 0.5


@pytest.mark.parametrize("sample", ["laiwu", "taian"])
def test_painted_pages_match_the_pdf(qapp, tmp_path: Path, laiwu_plan, taian_plan, sample: str) -> None:
    plan = laiwu_plan if sample == "laiwu" else taian_plan
    grid = build_grid(plan)
    layout = PrintLayout(grid)
    pdf = tmp_path / "annex.pdf"
    write_pdf_grid(grid, pdf, fonts=layout.fonts)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert layout.page_count == pages > 1
    for index in (0, 1, pages - 1):
        ours, theirs = paint_page(layout, index), pdf_page(pdf, index, tmp_path)
        # every table rule of the PDF is within a pixel of one we painted, and vice versa
        mine, pdfs = ours.rule_rows(), theirs.rule_rows()
        assert pdfs and mine
        assert all(any(abs(a - b) <= 1 for b in mine) for a in pdfs)
        assert all(any(abs(a - b) <= 1 for b in pdfs) for a in mine)
        # the same amount of ink in the same places (text set with the same font, same lines)
        assert abs(ours.ink() - theirs.ink()) / theirs.ink() < 0.25
        width, height = min(ours.width, theirs.width), min(ours.height, theirs.height)
        assert correlation(ours.block_ink(width, height), theirs.block_ink(width, height)) > 0.95


def test_printer_is_set_up_like_the_pdf_page(qapp, laiwu_plan) -> None:
    layout = PrintLayout(build_grid(laiwu_plan))
    printer = make_printer(layout)
    rect = printer.pageLayout().fullRectPoints()
    assert abs(rect.width() - layout.frame.width) < 2 and abs(rect.height() - layout.frame.height) < 2
    assert printer.fullPage()


def test_printing_to_a_file_gives_the_pdfs_pages_and_text(qapp, tmp_path: Path, taian_plan) -> None:
    """What the printer receives (here Qt's own PDF output) has the PDF writer's pages and lines."""
    grid = build_grid(taian_plan)
    layout = PrintLayout(grid)
    printer = make_printer(layout)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFormat(printer.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    paint_pages(printer, layout)
    exported = tmp_path / "exported.pdf"
    write_pdf_grid(grid, exported, fonts=layout.fonts)

    def pages_text(pdf: Path) -> list[str]:
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        return ["".join(page.split()) for page in text.split("\f") if page.strip()]

    ours, theirs = pages_text(printed), pages_text(exported)
    assert len(ours) == len(theirs) == layout.page_count
    for mine, pdfs in zip(ours, theirs, strict=True):
        assert sorted(mine) == sorted(pdfs)  # the same characters on every page


def test_preview_dialog_paints_every_page(qtbot, laiwu_plan) -> None:
    layout = PrintLayout(build_grid(laiwu_plan))
    dialog = open_preview(None, layout)
    qtbot.addWidget(dialog)
    painted = []
    dialog.paintRequested.connect(lambda printer: painted.append(printer))
    dialog.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=10000)
    assert str(layout.page_count) in dialog.windowTitle()
    dialog.close()

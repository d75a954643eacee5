"""Setting text in the PDF: measuring with a reportlab font, breaking into lines, drawing in a box.

One :class:`TextSetter` per face and size. Widths are cached per character, line breaks per (text,
width), so a text repeated on many pages (a restated category, a unit list) is measured once. What
is measured is exactly what is drawn: reportlab adds no kerning, so a line never exceeds its box.
Justified lines (``align="justify"``, not the last line of a paragraph) spread their characters
with PDF character spacing, as Chinese text is justified.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject

from desktop.core.textclean import clean_text
from desktop.layout.linebreak import Line, break_lines

LINE_HEIGHT_FACTOR = 1.3  # single line spacing of CJK faces is about 1.3 em
_MAX_SPREAD_EM = 0.5  # a line that would need more spacing per character than this stays ragged


class TextSetter:
    """Measures, breaks and draws text in one font at one size."""

    def __init__(self, font_name: str, size: float, leading: float | None = None) -> None:
        self.font_name = font_name
        self.size = size
        self.leading = leading if leading is not None else size * LINE_HEIGHT_FACTOR
        self._font = pdfmetrics.getFont(font_name)
        self._widths: dict[str, float] = {}
        self._lines: dict[tuple[str, float], tuple[Line, ...]] = {}
        face = getattr(self._font, "face", None)
        ascent, descent = getattr(face, "ascent", 880), getattr(face, "descent", -120)
        self._ascent = ascent / (ascent - descent) if ascent > 0 > descent else 0.88

    @property
    def descent_share(self) -> float:
        """The font's descent as a share of its height: where the baseline sits in a one-em line box."""
        return 1.0 - self._ascent

    def measure(self, text: str) -> float:
        widths = self._widths
        total = 0.0
        for ch in text:
            width = widths.get(ch)
            if width is None:
                width = widths[ch] = self._font.stringWidth(ch, self.size)
            total += width
        return total

    def lines(self, text: str, width: float) -> tuple[Line, ...]:
        """The printed lines of ``text`` (cleaned of characters PDF text cannot hold) in ``width``."""
        key = (text, width)
        found = self._lines.get(key)
        if found is None:
            clean = clean_text(text).replace("\t", " ")
            found = self._lines[key] = tuple(break_lines(clean, width, self.measure))
        return found

    def block_height(self, count: int) -> float:
        return count * self.leading

    def draw(self, text_object: PDFTextObject, lines: Sequence[Line], x: float, top: float,
             width: float, align: str) -> None:
        """Draw ``lines`` in a box ``width`` wide whose first line's top is at ``top``."""
        text_object.setFont(self.font_name, self.size, self.leading)
        baseline = top - (self.leading - self.size) / 2 - self._ascent * self.size
        spacing = 0.0
        for line in lines:
            if line.text:
                left = x
                wanted = 0.0
                if align == "center":
                    left = x + (width - line.width) / 2
                elif align == "justify" and not line.last and len(line.text) > 1:
                    wanted = (width - line.width) / (len(line.text) - 1)
                    if wanted < 0 or wanted > _MAX_SPREAD_EM * self.size:
                        wanted = 0.0
                if wanted != spacing:
                    text_object.setCharSpace(wanted)
                    spacing = wanted
                text_object.setTextOrigin(left, baseline)
                text_object.textOut(line.text)
            baseline -= self.leading
        if spacing:
            text_object.setCharSpace(0)

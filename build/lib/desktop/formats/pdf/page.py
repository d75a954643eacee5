"""The fixed furniture of a PDF annex page: geometry in points, the title block and page numbers.

Page size and margins come from ``desktop.layout.page`` (the same set-up as the .docx/.xlsx
annex). The first page carries "附件" (黑体 16 pt) at the top left and the title centred (小标宋,
``style.title_font_size``) on the third line, as GB/T 9704 places an annex title; every page has
"— N —" (宋体 14 pt) in the footer, odd pages right and even pages left, one character in from the
type area's edge, or centred when the style asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from desktop.core.style import TableStyle
from desktop.formats.pdf.text import TextSetter
from desktop.layout.page import PAGE_NUMBER_INDENT_PT, geometry, mm_to_pt
from desktop.layout.typography import PAGE_NUMBER_DASH

LABEL_LINE_PITCH_PT = 29.0  # a 3号 text line of the official page (22 lines in the 225 mm type area)
TITLE_GAP_PT = 14.0  # white space between the title and the table


@dataclass(frozen=True)
class PageFrame:
    """A page and its type area (版心) in PDF points, origin at the bottom left."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    footer: float  # page edge to the bottom of the page-number line

    @classmethod
    def for_style(cls, style: TableStyle) -> PageFrame:
        page = geometry(style.orientation)
        width, height = mm_to_pt(page.width), mm_to_pt(page.height)
        return cls(width, height, mm_to_pt(page.margin_left), width - mm_to_pt(page.margin_right),
                   height - mm_to_pt(page.margin_top), mm_to_pt(page.margin_bottom),
                   mm_to_pt(page.footer_distance))

    @property
    def type_width(self) -> float:
        return self.right - self.left

    @property
    def type_height(self) -> float:
        return self.top - self.bottom


@dataclass
class TitleBlock:
    """The label and title of the first page, broken into lines once."""

    frame: PageFrame
    label: str
    title: str
    label_setter: TextSetter
    title_setter: TextSetter

    def __post_init__(self) -> None:
        self.title_lines = self.title_setter.lines(self.title, self.frame.type_width)

    @property
    def height(self) -> float:
        """From the top of the type area to where the table starts."""
        if not self.label and not self.title_lines:
            return 0.0
        if not self.title_lines:
            return LABEL_LINE_PITCH_PT + TITLE_GAP_PT
        return 2 * LABEL_LINE_PITCH_PT + self.title_setter.block_height(len(self.title_lines)) + TITLE_GAP_PT

    def draw(self, canvas: Canvas) -> None:
        text = canvas.beginText()
        if self.label:
            line = self.label_setter.lines(self.label, self.frame.type_width)
            self.label_setter.draw(text, line, self.frame.left, self.frame.top, self.frame.type_width, "left")
        self.title_setter.draw(text, self.title_lines, self.frame.left,
                               self.frame.top - 2 * LABEL_LINE_PITCH_PT, self.frame.type_width, "center")
        canvas.drawText(text)


def draw_page_number(canvas: Canvas, frame: PageFrame, setter: TextSetter, number: int,
                     placement: str) -> None:
    """ "— N —" in the footer: outside (odd pages right, even left) or centred."""
    text = f"{PAGE_NUMBER_DASH} {number} {PAGE_NUMBER_DASH}"
    width = setter.measure(text)
    if placement == "center":
        x = frame.left + (frame.type_width - width) / 2
    elif number % 2:
        x = frame.right - PAGE_NUMBER_INDENT_PT - width
    else:
        x = frame.left + PAGE_NUMBER_INDENT_PT
    baseline = frame.footer + setter.descent_share * setter.size  # the line box's bottom at the footer
    canvas.setFont(setter.font_name, setter.size)
    canvas.drawString(x, baseline, text)

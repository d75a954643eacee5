"""The completion chart of the progress report: one stacked bar per unit, laid out once, drawn twice.

:func:`chart_pages` lays the chart out as plain shapes (rectangles, lines, text) in points, origin
at the top left, splitting the units over several charts when they do not fit one page. The PDF
draws the shapes on its canvas (:func:`draw_chart`, vector); the .docx gets them as a PNG drawn
with Pillow (:func:`chart_png`) in the same embedded CJK font; the .xlsx uses a native Excel chart
instead (``report_xlsx``). Each bar shows a unit's tasks by displayed status, 已完成 first; the
number at its end is done / total and the completion rate.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from desktop.core.progress_summary import REPORT_STATUSES, UnitTally
from desktop.core.tracking import (
    DISPLAY_LABELS,
    DONE,
    IN_PROGRESS,
    NOT_REPORTED,
    NOT_STARTED,
    ONGOING,
    OVERDUE,
)
from desktop.layout.chart_scale import nice_step
from desktop.layout.text_measure import text_width_em

STATUS_COLOURS: dict[str, str] = {
    DONE: "#2E7D32", ONGOING: "#1565C0", IN_PROGRESS: "#F9A825", NOT_STARTED: "#BDBDBD", OVERDUE: "#C62828",
    NOT_REPORTED: "#6A1B9A",
}
DARK_TEXT = frozenset({IN_PROGRESS, NOT_STARTED})  # light fills get black numbers, dark ones white
FONT_PT = 9.0
TITLE_PT = 12.0
ROW_PT = 18.0
BAR_PT = 11.0
TITLE_ROW_PT = 24.0
LEGEND_ROW_PT = 20.0
AXIS_ROW_PT = 16.0
VALUE_PT = 84.0  # room for "12/15（80%）" after the longest bar
GRID_COLOUR = "#D0D0D0"


@dataclass(frozen=True)
class Shape:
    """A rectangle (x, y, w, h), a line (x, y) → (x + w, y + h) or a text centred vertically on y."""

    kind: str  # "rect", "line" or "text"
    x: float
    y: float
    w: float = 0.0
    h: float = 0.0
    colour: str = "#000000"
    text: str = ""
    size: float = FONT_PT
    anchor: str = "start"  # text: "start", "middle" or "end"


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    shapes: tuple[Shape, ...]


def _text_pt(text: str, size: float) -> float:
    return text_width_em(text) * size


def _fit(text: str, width: float, size: float) -> str:
    if _text_pt(text, size) <= width:
        return text
    while text and _text_pt(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def chart_height(units: int) -> float:
    return TITLE_ROW_PT + LEGEND_ROW_PT + units * ROW_PT + AXIS_ROW_PT


def chart_pages(tallies: Sequence[UnitTally], width: float, max_height: float, title: str,
                first_height: float | None = None) -> list[Chart]:
    """The chart for ``tallies``, as several charts of at most ``max_height`` when needed; the first
    at most ``first_height`` (what is left of the summary page) when given."""
    if not tallies:
        return []
    per_chart = max(1, int((max_height - chart_height(0)) // ROW_PT))
    chunks: list[Sequence[UnitTally]] = []
    rest = list(tallies)
    if first_height is not None:
        first = int((first_height - chart_height(0)) // ROW_PT)
        if first >= min(5, len(rest)):
            chunks.append(rest[:first])
            rest = rest[first:]
    chunks += [rest[i:i + per_chart] for i in range(0, len(rest), per_chart)]
    top = max(tally.total for tally in tallies)
    pages = []
    for index, chunk in enumerate(chunks):
        suffix = f"（{index + 1}/{len(chunks)}）" if len(chunks) > 1 else ""
        pages.append(_chart(chunk, width, title + suffix, top))
    return pages


def _legend(width: float, y: float) -> list[Shape]:
    items = [(key, DISPLAY_LABELS[key]) for key in REPORT_STATUSES]
    total = sum(14 + _text_pt(label, FONT_PT) + 14 for _, label in items)
    x = max(0.0, (width - total) / 2)
    shapes = []
    for key, label in items:
        shapes.append(Shape("rect", x, y - 4.5, 10, 9, STATUS_COLOURS[key]))
        shapes.append(Shape("text", x + 14, y, text=label))
        x += 14 + _text_pt(label, FONT_PT) + 14
    return shapes


def _chart(tallies: Sequence[UnitTally], width: float, title: str, top: int) -> Chart:
    shapes: list[Shape] = [Shape("text", width / 2, TITLE_ROW_PT / 2, text=title, size=TITLE_PT,
                                 anchor="middle")]
    shapes += _legend(width, TITLE_ROW_PT + LEGEND_ROW_PT / 2)
    label_width = min(max(_text_pt(t.unit, FONT_PT) for t in tallies) + 8, width * 0.28)
    left, right = label_width, width - VALUE_PT
    top = max(top, 1)
    scale = (right - left) / top
    first_row = TITLE_ROW_PT + LEGEND_ROW_PT
    bottom = first_row + len(tallies) * ROW_PT
    step = nice_step(top)
    for tick in range(0, top + 1, step):
        x = left + tick * scale
        shapes.append(Shape("line", x, first_row, 0, bottom - first_row, GRID_COLOUR))
        shapes.append(Shape("text", x, bottom + AXIS_ROW_PT / 2, text=str(tick), anchor="middle"))
    for index, tally in enumerate(tallies):
        middle = first_row + index * ROW_PT + ROW_PT / 2
        shapes.append(Shape("text", left - 6, middle, text=_fit(tally.unit, label_width - 8, FONT_PT),
                            anchor="end"))
        x = left
        for key in REPORT_STATUSES:
            count = tally.counts[key]
            if not count:
                continue
            length = count * scale
            shapes.append(Shape("rect", x, middle - BAR_PT / 2, length, BAR_PT, STATUS_COLOURS[key]))
            if length >= _text_pt(str(count), FONT_PT) + 4:
                colour = "#000000" if key in DARK_TEXT else "#FFFFFF"
                shapes.append(Shape("text", x + length / 2, middle, colour=colour, text=str(count),
                                    anchor="middle"))
            x += length
        value = f"{tally.done}/{tally.total}（{tally.rate_text}）"
        shapes.append(Shape("text", x + 4, middle, text=value))
    shapes.append(Shape("line", left, first_row, 0, bottom - first_row))
    return Chart(width, bottom + AXIS_ROW_PT, tuple(shapes))


# ----- drawing --------------------------------------------------------------------------------
def draw_chart(canvas: Canvas, chart: Chart, left: float, top: float, font_name: str) -> None:
    """Draw ``chart`` on a PDF page with its top left corner at (left, top)."""
    for shape in chart.shapes:
        if shape.kind == "rect":
            canvas.setFillColor(HexColor(shape.colour))
            canvas.rect(left + shape.x, top - shape.y - shape.h, shape.w, shape.h, stroke=0, fill=1)
        elif shape.kind == "line":
            canvas.setStrokeColor(HexColor(shape.colour))
            canvas.setLineWidth(0.5)
            canvas.line(left + shape.x, top - shape.y, left + shape.x + shape.w, top - shape.y - shape.h)
        else:
            canvas.setFillColor(HexColor(shape.colour))
            canvas.setFont(font_name, shape.size)
            baseline = top - shape.y - shape.size * 0.35
            draw = {"start": canvas.drawString, "middle": canvas.drawCentredString,
                    "end": canvas.drawRightString}[shape.anchor]
            draw(left + shape.x, baseline, shape.text)
    canvas.setFillColor(HexColor("#000000"))
    canvas.setStrokeColor(HexColor("#000000"))


def chart_png(chart: Chart, font_path: Path, font_index: int = 0, scale: float = 3.0) -> bytes:
    """The chart as a PNG (``scale`` pixels per point) drawn with the TrueType font at ``font_path``."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (round(chart.width * scale), round(chart.height * scale)), "white")
    draw = ImageDraw.Draw(image)
    fonts: dict[float, ImageFont.FreeTypeFont] = {}
    anchors = {"start": "lm", "middle": "mm", "end": "rm"}
    for shape in chart.shapes:
        x, y = shape.x * scale, shape.y * scale
        if shape.kind == "rect":
            draw.rectangle((x, y, x + shape.w * scale, y + shape.h * scale), fill=shape.colour)
        elif shape.kind == "line":
            draw.line((x, y, x + shape.w * scale, y + shape.h * scale), fill=shape.colour,
                      width=max(1, round(0.5 * scale)))
        else:
            if shape.size not in fonts:
                fonts[shape.size] = ImageFont.truetype(str(font_path), round(shape.size * scale),
                                                       index=font_index)
            draw.text((x, y), shape.text, fill=shape.colour, font=fonts[shape.size],
                      anchor=anchors[shape.anchor])
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()

"""The completion chart of the progress report: one stacked bar per unit, laid out once, drawn twice.

:func:`plan_chart` fits the chart into the room the first page has left (every unit, in one panel
or two side by side, else the units with the lowest 完成率 that fit, titled so) and
:func:`draw_plan` lays it out as plain shapes (rectangles, lines, text) in points, origin at the top
left. The PDF
draws the shapes on its canvas (:func:`draw_chart`, vector); the .docx gets them as a PNG drawn
with Pillow (:func:`chart_png`) in the same embedded CJK font; the .xlsx uses a native Excel chart
instead (``report_xlsx``). Each bar shows a unit's tasks by displayed status, 已完成 first; the
number at its end is done / total and the completion rate.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from desktop.core.progress_summary import REPORT_STATUSES, UnitTally
from desktop.core.tracking import DISPLAY_LABELS
from desktop.layout.chart_scale import nice_step
from desktop.layout.status_colours import DARK_TEXT, STATUS_COLOURS
from desktop.layout.text_measure import text_width_em

FONT_PT = 9.0
TITLE_PT = 11.0
ROW_PT = 18.0
BAR_PT = 11.0
TITLE_ROW_PT = 22.0
LEGEND_ROW_PT = 16.0
AXIS_ROW_PT = 14.0
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


ROW_MIN_PT = 10.0  # the tightest row pitch still read on paper (its labels in 六号, 7.5 pt)
PANEL_MIN_PT = 190.0  # the narrowest panel: a unit's name, a bar and "12/15（80.0%）"
MAX_PANELS = 3
PANEL_GAP_PT = 18.0


@dataclass(frozen=True)
class ChartPlan:
    """What the first page's chart shows in the room it has: which units (in display order), in how
    many side-by-side panels, at what row pitch, under which title."""

    tallies: tuple[UnitTally, ...]
    columns: int
    row_pt: float
    title: str
    of: int  # the units of the report (more than ``len(tallies)`` when only the lowest are shown)

    @property
    def font_pt(self) -> float:
        return min(FONT_PT, max(7.5, self.row_pt * 0.75))

    @property
    def panels(self) -> list[tuple[UnitTally, ...]]:
        """The units of each panel, in display order (the first panel the longer)."""
        per = -(-len(self.tallies) // self.columns)
        return [self.tallies[i:i + per] for i in range(0, len(self.tallies), per)]

    @property
    def partial(self) -> bool:
        return len(self.tallies) < self.of


def chart_height(units: int, row_pt: float = ROW_PT) -> float:
    return TITLE_ROW_PT + LEGEND_ROW_PT + units * row_pt + AXIS_ROW_PT


def plan_chart(tallies: Sequence[UnitTally], width: float, height: float, title: str,
               ranking_page: int = 2) -> ChartPlan | None:
    """Fit the chart of ``tallies`` (in ranking order, best first) into ``width`` × ``height`` points.

    Every unit when they fit one panel at a row pitch of at least 12 pt, or two or three panels side
    by side (as the page's width allows) at :data:`ROW_MIN_PT` or more; otherwise the units with the
    lowest 完成率 that fit, worst first, titled so ("完成率最低的 24 个单位（共 100 个，全部见第2页排名）").
    None when there is no unit or not even three rows fit.
    """
    if not tallies:
        return None
    room = height - chart_height(0)
    count = len(tallies)
    widest = max(1, min(MAX_PANELS, int((width + PANEL_GAP_PT) // (PANEL_MIN_PT + PANEL_GAP_PT))))
    for columns, least in ((1, 12.0), *((n, ROW_MIN_PT) for n in range(2, widest + 1))):
        rows = -(-count // columns)
        if room / rows >= least:
            return ChartPlan(tuple(tallies), columns, min(ROW_PT, room / rows), title, count)
    fits = widest * int(room // ROW_MIN_PT)
    if fits < 3:
        return None
    shown = tuple(reversed(tallies[-fits:]))
    heading = f"完成率最低的 {fits} 个单位（共 {count} 个单位，全部见第{ranking_page}页起的排名表）"
    return ChartPlan(shown, widest, ROW_MIN_PT, heading, count)


def draw_plan(plan: ChartPlan, width: float) -> Chart:
    """The chart of ``plan`` as shapes ``width`` wide: title and legend once, the panels side by side
    on one scale (so bars of different panels compare)."""
    font = plan.font_pt
    shapes: list[Shape] = [Shape("text", width / 2, TITLE_ROW_PT / 2, text=plan.title, size=TITLE_PT,
                                 anchor="middle")]
    shapes += _legend(width, TITLE_ROW_PT + LEGEND_ROW_PT / 2)
    top = max((tally.total for tally in plan.tallies), default=1)
    panels = plan.panels
    panel_width = (width - PANEL_GAP_PT * (len(panels) - 1)) / len(panels)
    height = 0.0
    for index, tallies in enumerate(panels):
        chart = _chart(tallies, panel_width, top, plan.row_pt, font, short=len(panels) > 1)
        dx = index * (panel_width + PANEL_GAP_PT)
        shapes += [replace(shape, x=shape.x + dx) for shape in chart.shapes]
        height = max(height, chart.height)
    return Chart(width, height, tuple(shapes))


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


def _chart(tallies: Sequence[UnitTally], width: float, top: int, row_pt: float, font: float,
           short: bool = False) -> Chart:
    """One panel: a bar per unit under the title and legend rows (left empty here), then the axis;
    after each bar done / total and the rate, or (``short``, in a narrow panel) the rate alone."""
    shapes: list[Shape] = []
    value_width = (VALUE_PT * 0.5 if short else VALUE_PT) * font / FONT_PT
    label_width = min(max(_text_pt(t.unit, font) for t in tallies) + 8, width * 0.45)
    left, right = label_width, width - value_width
    top = max(top, 1)
    scale = (right - left) / top
    bar = min(BAR_PT, row_pt * 0.62)
    first_row = TITLE_ROW_PT + LEGEND_ROW_PT
    bottom = first_row + len(tallies) * row_pt
    step = nice_step(top)
    for tick in range(0, top + 1, step):
        x = left + tick * scale
        shapes.append(Shape("line", x, first_row, 0, bottom - first_row, GRID_COLOUR))
        shapes.append(Shape("text", x, bottom + AXIS_ROW_PT / 2, text=str(tick), size=font, anchor="middle"))
    for index, tally in enumerate(tallies):
        middle = first_row + index * row_pt + row_pt / 2
        shapes.append(Shape("text", left - 4, middle, text=_fit(tally.unit, label_width - 6, font), size=font,
                            anchor="end"))
        x = left
        for key in REPORT_STATUSES:
            count = tally.counts[key]
            if not count:
                continue
            length = count * scale
            shapes.append(Shape("rect", x, middle - bar / 2, length, bar, STATUS_COLOURS[key]))
            if length >= _text_pt(str(count), font) + 4:
                colour = "#000000" if key in DARK_TEXT else "#FFFFFF"
                shapes.append(Shape("text", x + length / 2, middle, colour=colour, text=str(count), size=font,
                                    anchor="middle"))
            x += length
        value = tally.rate_text if short else f"{tally.done}/{tally.total}（{tally.rate_text}）"
        shapes.append(Shape("text", x + 3, middle, text=value, size=font))
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

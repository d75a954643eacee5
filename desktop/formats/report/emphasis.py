"""The words a progress report makes stand out: 逾期 and 未报送, in colour and bold in every format.

Colour alone does not survive black-and-white printing, so the report also says them in words
(the first page labels its rows 【逾期】 and 【未报送】, and the cells keep the words themselves);
the colour and weight make them findable at a glance on screen and on colour printers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.core.tracking import DISPLAY_LABELS, NOT_REPORTED, OVERDUE
from desktop.formats.pdf.text import Line, TextSetter
from desktop.layout.status_colours import STATUS_COLOURS

FLAGS: dict[str, str] = {DISPLAY_LABELS[key]: STATUS_COLOURS[key] for key in (OVERDUE, NOT_REPORTED)}


def flag_colour(text: str) -> str | None:
    """The colour of the first flagged word in ``text``, None when it has none."""
    for word, colour in FLAGS.items():
        if word in text:
            return colour
    return None


class FlagSetter(TextSetter):
    """A PDF text setter that draws a line holding 逾期 or 未报送 in its colour."""

    def draw(self, text_object: Any, lines: Sequence[Line], x: float, top: float, width: float,
             align: str) -> None:
        colours = [flag_colour(line.text) for line in lines]
        if not any(colours):
            super().draw(text_object, lines, x, top, width, align)
            return
        for index, (line, colour) in enumerate(zip(lines, colours, strict=True)):
            text_object.setFillColor(colour or "#000000")
            super().draw(text_object, [line], x, top - index * self.leading, width, align)
        text_object.setFillColor("#000000")

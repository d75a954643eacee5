"""Checks on a rendered progress report: page 1 is the leader's summary with the chart, page 2 the ranking.

Works on the PDF as printed (Fenjie's own PDF, or LibreOffice's render of the .docx/.xlsx) with
pdfplumber: the headline and the key figures are words on page 1, the chart is there too — the
.docx's chart picture, or the bars the PDF and the .xlsx's native chart draw as filled shapes in the
status colours — below the headline, and the ranking's heading is the first thing on page 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from desktop.core.tracking import DONE, OVERDUE
from desktop.formats.report.chart import STATUS_COLOURS

RANKING = "各单位落实情况排名"


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _is(colour: object, wanted: tuple[float, float, float]) -> bool:
    if not isinstance(colour, (tuple, list)) or len(colour) != 3:
        return False
    return all(abs(float(a) - b) < 0.02 for a, b in zip(colour, wanted, strict=True))


@dataclass(frozen=True)
class FirstPage:
    text: str  # page 1's words, spaces removed
    page2_start: str  # page 2's first line, spaces removed
    chart_top: float  # the chart's top edge on page 1 (points from the top)
    chart_bottom: float
    headline_bottom: float  # the bottom of the summary's heading
    bars: int  # filled shapes in the 已完成 or 逾期 colour on page 1 (0 for a picture)
    picture: bool  # the chart is a picture (.docx)
    page_height: float


def first_page(pdf_path: Path) -> FirstPage:
    """Read page 1 and the start of page 2 of a rendered report."""
    done, overdue = _rgb(STATUS_COLOURS[DONE]), _rgb(STATUS_COLOURS[OVERDUE])
    with pdfplumber.open(str(pdf_path)) as pdf:
        assert len(pdf.pages) >= 2, f"{pdf_path.name}: only {len(pdf.pages)} page"
        page = pdf.pages[0]
        text = (page.extract_text() or "").replace(" ", "")
        second = (pdf.pages[1].extract_text() or "").replace(" ", "").strip().splitlines()
        words = page.extract_words()
        heading = [w for w in words if "总体情况" in w["text"]]
        assert heading, f"{pdf_path.name}: no 总体情况 heading on page 1"
        shapes = [o for o in (*page.rects, *page.curves)
                  if _is(o.get("non_stroking_color"), done) or _is(o.get("non_stroking_color"), overdue)]
        pictures = [image for image in page.images if image["bottom"] - image["top"] > 60]
        boxes = [(o["top"], o["bottom"]) for o in shapes] or [(i["top"], i["bottom"]) for i in pictures]
        assert boxes, f"{pdf_path.name}: no chart on page 1"
        top, bottom = min(t for t, _ in boxes), max(b for _, b in boxes)
        return FirstPage(text, second[0] if second else "", top, bottom, max(w["bottom"] for w in heading),
                         len(shapes), bool(pictures) and not shapes, float(page.height))


def check_first_page(pdf_path: Path, *, units: int, all_units_charted: bool | None = None) -> FirstPage:
    """Page 1: the headline, the key figures and the chart below them, no ranking; page 2 opens with
    the ranking. ``all_units_charted``: the chart's title says every unit (True) or the lowest
    (False); None where the title is inside a picture."""
    found = first_page(pdf_path)
    name = pdf_path.name
    for words in ("总体情况（截至", "报送轮次", "【未报送】单位", "完成率", "【逾期】"):
        assert words in found.text, f"{name}: page 1 lacks {words}"
    assert RANKING not in found.text, f"{name}: the ranking starts on page 1"
    assert found.page2_start.startswith(RANKING), f"{name}: page 2 starts with {found.page2_start!r}"
    assert found.headline_bottom < found.chart_top < found.chart_bottom <= found.page_height, name
    if not found.picture:
        assert found.bars >= min(units, 10), f"{name}: {found.bars} bars on page 1"
    if all_units_charted is True:
        assert "各单位任务完成情况" in found.text and "完成率最低的" not in found.text, name
    elif all_units_charted is False:
        assert f"个单位（共{units}个单位，全部见第2页起的排名表）" in found.text, name
    return found

"""Type faces and sizes of the printed annex (GB/T 9704-2012), shared by the document writers.

The official Chinese faces are named in the output (east-Asian font attributes in .docx/.xlsx) so
the clerk's Word/WPS uses them. Latin letters and digits use the same face as the Chinese text (as
WPS does by default): Chinese quotation marks “” and other width-ambiguous punctuation are then
drawn full-width by every renderer, not only by those honouring ``w:hint="eastAsia"``.
Sizes that depend on the table style (title, header, body) come from ``TableStyle``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Face:
    """A Chinese face and the face used for Latin letters and digits in the same text."""

    east_asian: str
    latin: str


LABEL_FACE = Face("黑体", "黑体")  # "附件" / "附件1", 3号 (16 pt), top left
TITLE_FACE = Face("方正小标宋简体", "方正小标宋简体")  # annex title, 2号 (style.title_font_size)
HEADER_FACE = Face("黑体", "黑体")  # table header row (style.header_font_size)
BODY_FACE = Face("仿宋_GB2312", "仿宋_GB2312")  # table body (style.body_font_size)
PAGE_NUMBER_FACE = Face("宋体", "宋体")  # "— N —", 4号 半角宋体

LABEL_FONT_SIZE_PT = 16.0
PAGE_NUMBER_FONT_SIZE_PT = 14.0
PAGE_NUMBER_DASH = "—"  # one em dash (一字线) each side of the number

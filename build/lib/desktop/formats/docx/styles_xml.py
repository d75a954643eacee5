"""The named paragraph styles of the .docx annex (styles.xml), and only those the document uses.

Every paragraph refers to a style that carries its face, size, alignment and exact line spacing,
so a clerk changes the body font of the whole table by changing 表格正文 once:

    附件标注 (AnnexLabel)        黑体 16 pt, left, one official line (29 pt)
    标题 (AnnexTitle)             方正小标宋简体, the style's title size, centred, 29 pt lines
    表头 (Head)                  黑体, header size, centred, exact 1.3 em lines
    表格正文 (Body)              仿宋_GB2312, body size, justified, exact 1.3 em lines
    表格正文居中 (BodyC) based on 表格正文, centred (序号, categories, units, deadlines)
    表格正文左对齐 (BodyL)  based on 表格正文, left-aligned (a style whose requirements are left)
    页码 (PageNumber)             宋体 14 pt, exact 14 pt line: the footer's "— N —"

Exact line spacing makes Word's row heights those of the page plan whatever face the clerk's
machine substitutes; automatic spacing between CJK and Latin text (``autoSpaceDE/DN``) is off,
because it widens mixed lines beyond what the plan measured.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from desktop.core.style import TableStyle
from desktop.layout.page_plan import LINE_PITCH_PT, leading, title_pitch
from desktop.layout.typography import (
    BODY_FACE,
    HEADER_FACE,
    LABEL_FACE,
    LABEL_FONT_SIZE_PT,
    PAGE_NUMBER_FACE,
    PAGE_NUMBER_FONT_SIZE_PT,
    TITLE_FACE,
    Face,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
JC = {"center": "center", "justify": "both", "left": "left", "right": "right"}
BODY_STYLE_IDS = {"justify": "Body", "center": "BodyC", "left": "BodyL",
                  "right": "BodyR"}


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    style_id: str
    name: str
    face: Face | None  # None: inherited from the base style
    size_pt: float | None
    align: str
    line_twips: int | None  # exact line height; None: inherited
    based_on: str | None = None


def twips(points: float) -> int:
    return round(points * 20)


def _rpr(face: Face | None, size_pt: float | None) -> str:
    parts = []
    if face is not None:
        latin = quoteattr(face.latin)
        parts.append(f'<w:rFonts w:ascii={latin} w:hAnsi={latin} w:eastAsia={quoteattr(face.east_asian)} '
                     f'w:cs={latin} w:hint="eastAsia"/>')
    if size_pt is not None:
        half = round(size_pt * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def annex_styles(style: TableStyle) -> dict[str, ParagraphStyle]:
    """Every style the annex may use, by style id."""
    body_line = twips(leading(style.body_font_size))
    styles = [
        ParagraphStyle("AnnexLabel", "附件标注", LABEL_FACE, LABEL_FONT_SIZE_PT, "left",
                       twips(LINE_PITCH_PT)),
        ParagraphStyle("AnnexTitle", "标题", TITLE_FACE, style.title_font_size, "center",
                       twips(title_pitch(style.title_font_size))),
        ParagraphStyle("Head", "表头", HEADER_FACE, style.header_font_size, "center",
                       twips(leading(style.header_font_size))),
        ParagraphStyle("Body", "表格正文", BODY_FACE, style.body_font_size, "justify", body_line),
        ParagraphStyle("BodyC", "表格正文居中", None, None, "center", None, "Body"),
        ParagraphStyle("BodyL", "表格正文左对齐", None, None, "left", None, "Body"),
        ParagraphStyle("BodyR", "表格正文右对齐", None, None, "right", None, "Body"),
        ParagraphStyle("PageNumber", "页码", PAGE_NUMBER_FACE, PAGE_NUMBER_FONT_SIZE_PT, "center",
                       twips(PAGE_NUMBER_FONT_SIZE_PT)),  # a one-em line box: see layout.page
    ]
    return {s.style_id: s for s in styles}


def _style_xml(s: ParagraphStyle) -> str:
    based = f'<w:basedOn w:val="{s.based_on}"/>' if s.based_on else '<w:basedOn w:val="Normal"/>'
    spacing = (f'<w:spacing w:before="0" w:after="0" w:line="{s.line_twips}" w:lineRule="exact"/>'
               if s.line_twips is not None else "")
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{s.style_id}">'
            f'<w:name w:val={quoteattr(s.name)}/>{based}<w:qFormat/>'
            f'<w:pPr>{spacing}<w:jc w:val="{JC[s.align]}"/></w:pPr>{_rpr(s.face, s.size_pt)}</w:style>')


def styles_xml(style: TableStyle, used: Iterable[str]) -> bytes:
    """styles.xml with the document defaults, Normal and the used styles (and their bases)."""
    known = annex_styles(style)
    wanted: list[str] = []
    for style_id in used:
        chain = []
        current: str | None = style_id
        while current is not None and current not in wanted and current not in chain:
            chain.append(current)
            current = known[current].based_on
        wanted.extend(reversed(chain))
    body = "".join(_style_xml(known[i]) for i in dict.fromkeys(wanted))
    size = round(style.body_font_size * 2)
    face = BODY_FACE
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii={quoteattr(face.latin)} w:hAnsi={quoteattr(face.latin)} '
        f'w:eastAsia={quoteattr(face.east_asian)} w:cs={quoteattr(face.latin)} w:hint="eastAsia"/>'
        f'<w:kern w:val="2"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        '</w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:widowControl/><w:jc w:val="both"/></w:pPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        f'{body}</w:styles>'
    ).encode()

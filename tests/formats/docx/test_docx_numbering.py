"""Word's automatic numbering: formats, counters (start, overrides, restarts, shared lists), levels."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from desktop.core.numbering import compute_numbers
from desktop.formats.docx.numbering import ListNumbering
from desktop.formats.docx.numfmt import format_number
from desktop.formats.importers import import_file
from tests.support.ooxml_build import CONTENT_TYPES, RELS, W_NS, cell, document_xml, row, table

NUMBERING = f"""<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
  <w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimalEnclosedCircle"/>
  <w:lvlText w:val="%1"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>
  <w:lvlRestart w:val="0"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/>
 <w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"""

STYLES = f"""<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="标题 2"/></w:style>
<w:style w:type="paragraph" w:styleId="Mine"><w:basedOn w:val="H2"/></w:style>
<w:style w:type="paragraph" w:styleId="Listed"><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/>
</w:numPr></w:pPr></w:style>
</w:styles>"""


def _p(num_id: int | None = None, ilvl: int | None = None, style: str | None = None, text: str = "x") -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None:
        props += "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "")
        props += f'<w:numId w:val="{num_id}"/></w:numPr>'
    return f'<w:p xmlns:w="{W_NS}"><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def _labels(*paragraphs: str) -> list[tuple[str, int] | None]:
    numbering = ListNumbering(W_NS, etree.fromstring(NUMBERING), etree.fromstring(STYLES))
    out: list[tuple[str, int] | None] = []
    for xml in paragraphs:
        number = numbering.paragraph(etree.fromstring(xml))
        out.append(None if number is None else (number.label, number.level))
    return out


@pytest.mark.parametrize(("fmt", "n", "text"), [
    ("chineseCounting", 1, "一"), ("chineseCounting", 11, "十一"), ("chineseCounting", 20, "二十"),
    ("chineseCountingThousand", 105, "一百零五"), ("chineseLegalSimplified", 12, "壹拾贰"),
    ("ideographTraditional", 3, "丙"), ("ideographTraditional", 11, "甲"), ("ideographZodiac", 2, "丑"),
    ("decimalEnclosedCircle", 2, "②"), ("decimalEnclosedCircle", 21, "21"),
    ("decimalEnclosedParen", 4, "(4)"), ("decimalEnclosedFullstop", 3, "⒊"), ("decimalZero", 7, "07"),
    ("decimalFullWidth", 12, "１２"), ("lowerLetter", 28, "bb"), ("upperRoman", 14, "XIV"),
    ("ideographDigital", 10, "一〇"), ("bullet", 1, ""), ("somethingNew", 5, "5"),
])
def test_number_formats(fmt: str, n: int, text: str) -> None:
    assert format_number(fmt, n) == text


def test_levels_restart_below_and_a_second_list_instance_continues_the_first() -> None:
    labels = _labels(_p(1, 0), _p(1, 1), _p(1, 1), _p(1, 2), _p(1, 0), _p(1, 1),
                     _p(2, 1), _p(2, 1), _p(1, 0), _p(1, 1))
    assert labels == [("一、", 0), ("（一）", 1), ("（二）", 1), ("1.", 2), ("二、", 0), ("（一）", 1),
                      ("（五）", 1), ("（六）", 1), ("三、", 0), ("（一）", 1)]


def test_start_value_lvl_restart_zero_and_multi_level_text() -> None:
    # %1 keeps level 1's own format (no w:isLgl), as Word shows it
    assert _labels(_p(3, 0), _p(3, 1), _p(3, 0), _p(3, 1)) == [("③", 0), ("③.1", 1), ("④", 0), ("④.2", 1)]


def test_heading_styles_outline_levels_style_numbering_and_bullets() -> None:
    assert _labels(_p(style="Heading1"), _p(style="Mine"), _p(style="Listed"), _p(4, 0), _p(),
                   _p(0, 0, style="Listed")) == [("", 0), ("", 1), ("1.", 2), None, None, None]


def _write_numbered_docx(path: Path, body: str) -> Path:
    doc_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
                '<Relationship Id="rId2" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
                'Target="styles.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml(body))
        archive.writestr("word/_rels/document.xml.rels", doc_rels)
        archive.writestr("word/numbering.xml", NUMBERING)
        archive.writestr("word/styles.xml", STYLES)
    return path


def _numbered_cell(text: str, ilvl: int, vmerge: str | None = None) -> str:
    return cell(_p(1, ilvl, text=text).replace(f' xmlns:w="{W_NS}"', ""), raw=True, vmerge=vmerge)


def test_table_cells_numbered_automatically_read_like_typed_numbers(tmp_path: Path) -> None:
    header = row(cell("工作任务", span=2), cell("具体要求"), cell("责任单位"), header=True)
    body = table([1000, 1500, 4000, 1500], header,
                 row(_numbered_cell("公开平台", 0, "restart"), _numbered_cell("网站", 1), cell("要求一"),
                     cell("甲")),
                 row(cell(vmerge="continue"), _numbered_cell("新媒体", 1), cell("要求二"), cell("乙")),
                 row(_numbered_cell("基础工作", 0), _numbered_cell("培训", 1), cell("要求三"), cell("丙")))
    plan = import_file(_write_numbered_docx(tmp_path / "numbered.docx", body))
    categories = [t for t in plan.tasks() if t.children]
    assert [c.text for c in categories] == ["公开平台", "网站", "新媒体", "基础工作", "培训"]
    numbers = compute_numbers(plan)
    assert [numbers[c.id] for c in categories] == ["一、", "（一）", "（二）", "二、", "（一）"]


def test_work_plan_text_nests_by_list_level_not_by_label(tmp_path: Path) -> None:
    body = (_p(text="实施方案") + _p(1, 0, text="目标") + _p(text="正文一。") + _p(1, 0, text="任务")
            + _p(3, 0, text="甲项。说明甲") + _p(3, 1, text="细项") + _p(3, 0, text="乙项"))
    package = _write_numbered_docx(tmp_path / "plan.docx", body.replace(f' xmlns:w="{W_NS}"', ""))
    plan = import_file(package, as_text=True)
    tree = [(t.depth, t.text) for t in plan.tasks()]
    # a numbered heading with nothing under it is a leaf and keeps its label, as a typed one does
    assert tree == [(1, "目标"), (2, "正文一。"), (1, "任务"), (2, "甲项"), (3, "说明甲"), (3, "③.1细项"),
                    (2, "④乙项")]

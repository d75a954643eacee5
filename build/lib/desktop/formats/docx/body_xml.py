"""Raw WordprocessingML reading for the .docx importer: body blocks, paragraph text, table grids.

Works on lxml elements of ``word/document.xml`` (transitional or strict namespace). Text is what
Word shows: runs' ``w:t``, tabs and breaks; deleted and moved-away text, field codes and the
fallback copy of alternate content are skipped. Tables become :class:`RawTable` grids: ``w:gridBefore``
and ``w:gridSpan`` place cells, legacy ``w:hMerge`` joins cells horizontally and ``w:vMerge``
(``restart``, ``continue`` or bare) joins them vertically.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from desktop.core.textclean import clean_text
from desktop.formats.docx.numbering import ListNumbering
from desktop.formats.tables.raw_table import GridBuilder, RawTable

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_CONTAINERS = ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo")
_SKIPPED = ("del", "moveFrom", "delText", "instrText", "tblPr", "tcPr", "pPr", "rPr", "trPr")


class Names:
    """Clark-notation tag names for one WordprocessingML namespace."""

    def __init__(self, ns: str) -> None:
        self.ns = ns
        self.body = self.tag("body")
        self.p = self.tag("p")
        self.tbl = self.tag("tbl")
        self.tr = self.tag("tr")
        self.tc = self.tag("tc")
        self.t = self.tag("t")
        self.val = self.tag("val")
        self.w = self.tag("w")
        self.containers = {self.tag(n) for n in _CONTAINERS}
        self.skipped = {self.tag(n) for n in _SKIPPED} | {f"{{{MC}}}Fallback"}
        self.breaks = {self.tag("br"), self.tag("cr")}
        self.spaces = {self.tag("tab"), self.tag("ptab")}
        self.hyphens = {self.tag("noBreakHyphen"), self.tag("softHyphen")}

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"


def names_for(root: etree._Element) -> Names:
    ns = etree.QName(root).namespace or W_TRANSITIONAL
    return Names(ns if ns in (W_TRANSITIONAL, W_STRICT) else W_TRANSITIONAL)


def blocks(parent: etree._Element, names: Names) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body (or cell) in order, looking through content controls."""
    for child in parent:
        if child.tag == names.p or child.tag == names.tbl:
            yield child
        elif child.tag in names.containers:
            yield from blocks(child, names)


def text_of(element: etree._Element, names: Names, numbering: ListNumbering | None = None) -> str:
    """The visible text of a paragraph or cell; paragraphs are separated by newlines.

    With ``numbering``, each paragraph starts with the label Word's automatic numbering shows
    (and the numbering counters advance, so call this once per paragraph, in document order).
    """
    parts: list[str] = []
    if numbering is not None and element.tag == names.p:
        parts.append(_label(element, numbering))
    _collect(element, names, parts, numbering)
    return clean_text("".join(parts)).strip("\n")


def _label(p: etree._Element, numbering: ListNumbering) -> str:
    number = numbering.paragraph(p)
    return number.label if number is not None else ""


def _collect(element: etree._Element, names: Names, parts: list[str],
             numbering: ListNumbering | None = None) -> None:
    for child in element:
        tag = child.tag
        if tag == names.t:
            parts.append(child.text or "")
        elif tag in names.skipped or not isinstance(tag, str):
            continue
        elif tag in names.breaks:
            parts.append("\n")
        elif tag in names.spaces:
            parts.append(" ")
        elif tag in names.hyphens:
            parts.append("-")
        elif tag == names.p:
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            if numbering is not None:
                parts.append(_label(child, numbering))
            _collect(child, names, parts, numbering)
            parts.append("\n")
        else:
            _collect(child, names, parts, numbering)


def _prop(element: etree._Element | None, names: Names, name: str) -> etree._Element | None:
    return None if element is None else element.find(names.tag(name))


def _int_val(element: etree._Element | None, names: Names, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(names.val, default))
    except ValueError:
        return default


def _cells(tr: etree._Element, names: Names) -> Iterator[etree._Element]:
    for child in tr:
        if child.tag == names.tc:
            yield child
        elif child.tag in names.containers:
            yield from _cells(child, names)


def _rows(tbl: etree._Element, names: Names) -> Iterator[etree._Element]:
    for child in tbl:
        if child.tag == names.tr:
            yield child
        elif child.tag in names.containers:
            yield from _rows(child, names)


def read_table(tbl: etree._Element, names: Names, before: list[str],
               numbering: ListNumbering | None = None) -> RawTable:
    builder = GridBuilder()
    for tr in _rows(tbl, names):
        tr_pr = _prop(tr, names, "trPr")
        if _prop(tr_pr, names, "del") is not None:
            continue  # a row deleted with tracked changes: the document as if changes were accepted
        header = _prop(tr_pr, names, "tblHeader")
        builder.new_row(header=header is not None and header.get(names.val, "true") not in ("0", "false"))
        col = _int_val(_prop(tr_pr, names, "gridBefore"), names, 0)
        previous = None
        for tc in _cells(tr, names):
            tc_pr = _prop(tc, names, "tcPr")
            span = max(1, _int_val(_prop(tc_pr, names, "gridSpan"), names, 1))
            h_merge = _prop(tc_pr, names, "hMerge")
            continues = h_merge is not None and h_merge.get(names.val, "continue") != "restart"
            if continues and previous is not None:
                previous.colspan += span
                for c in range(col, col + span):
                    builder.add_cover(previous, c)
                col += span
                continue
            v_merge = _prop(tc_pr, names, "vMerge")
            if v_merge is not None and v_merge.get(names.val, "continue") != "restart":
                cell = builder.continue_above(col, span)
                if cell is not None:
                    previous = cell
                    col += span
                    continue
            previous = builder.add(text_of(tc, names, numbering), colspan=span, col=col)
            col += span
    return builder.finish(widths=_grid_widths(tbl, names), before=before)


def _grid_widths(tbl: etree._Element, names: Names) -> list[float]:
    grid = _prop(tbl, names, "tblGrid")
    if grid is None:
        return []
    widths: list[float] = []
    for col in grid.findall(names.tag("gridCol")):
        try:
            widths.append(float(col.get(names.w, "0")))
        except ValueError:
            widths.append(0.0)
    return widths

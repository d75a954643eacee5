"""WordprocessingML primitives for the .docx writer: names, run properties, paragraphs of text.

Everything here builds raw ``w:`` elements with lxml; the table, page and document modules use
these so that fonts and paragraph settings are written the same way everywhere. Text is cleaned
(``clean_text``) on its way into an element, so a forbidden character can never raise.
"""

from __future__ import annotations

import copy

from lxml import etree

from desktop.core.textclean import clean_text
from desktop.layout.typography import Face

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
Element = etree._Element

JC_VALUES = {"center": "center", "justify": "both", "left": "left", "right": "right"}


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


def sub(parent: Element, tag: str, **attrs: str | int) -> Element:
    """Append a ``w:tag`` child with ``w:`` attributes."""
    return etree.SubElement(parent, w(tag), {w(k): str(v) for k, v in attrs.items()})


def child(parent: Element, tag: str) -> Element:
    """The ``w:tag`` child that a template built here always has (a missing one is a bug, not bad input)."""
    found = parent.find(w(tag))
    if found is None:
        raise LookupError(f"<{etree.QName(parent).localname}> has no <w:{tag}>")
    return found


def half_points(size_pt: float) -> int:
    return round(size_pt * 2)


def run_properties(face: Face, size_pt: float) -> Element:
    """``w:rPr`` naming the Chinese face (eastAsia) and the Latin face (ascii/hAnsi)."""
    rpr = etree.Element(w("rPr"))
    sub(rpr, "rFonts", ascii=face.latin, hAnsi=face.latin, eastAsia=face.east_asian, cs=face.latin,
        hint="eastAsia")
    sub(rpr, "sz", val=half_points(size_pt))
    sub(rpr, "szCs", val=half_points(size_pt))
    sub(rpr, "lang", val="en-US", eastAsia="zh-CN")
    return rpr


def paragraph_template(align: str, rpr: Element, before_twips: int = 0, after_twips: int = 0,
                       line_twips: int | None = None, indent: dict[str, int] | None = None) -> Element:
    """An empty ``w:p`` with spacing, alignment, indents and the paragraph mark's run properties.

    ``line_twips`` gives an exact line height; without it lines are single-spaced.
    """
    p = etree.Element(w("p"))
    ppr = sub(p, "pPr")
    if line_twips is None:
        sub(ppr, "spacing", before=before_twips, after=after_twips, line=240, lineRule="auto")
    else:
        sub(ppr, "spacing", before=before_twips, after=after_twips, line=line_twips, lineRule="exact")
    sub(ppr, "ind", **(indent or {"left": 0, "right": 0, "firstLine": 0}))
    sub(ppr, "jc", val=JC_VALUES[align])
    ppr.append(copy.deepcopy(rpr))
    return p


def add_run(p: Element, rpr: Element, text: str) -> Element:
    """Append a run holding ``text`` (one line) to paragraph ``p``."""
    r = etree.SubElement(p, w("r"))
    r.append(copy.deepcopy(rpr))
    t = etree.SubElement(r, w("t"))
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")
    return r


def add_text(parent: Element, template: Element, rpr: Element, text: str) -> list[Element]:
    """Append ``text`` to ``parent`` (a cell or the body): one paragraph per line, at least one."""
    added: list[Element] = []
    for line in clean_text(text).split("\n"):
        p = copy.deepcopy(template)
        if line:
            add_run(p, rpr, line)
        parent.append(p)
        added.append(p)
    return added


def add_field(p: Element, rpr: Element, instruction: str, placeholder: str) -> None:
    """Append a complex field (``PAGE``, ``NUMPAGES`` ...) showing ``placeholder`` until updated."""

    def run() -> Element:
        r = etree.SubElement(p, w("r"))
        r.append(copy.deepcopy(rpr))
        return r

    sub(run(), "fldChar", fldCharType="begin")
    code = etree.SubElement(run(), w("instrText"))
    code.text = f" {instruction} "
    code.set(XML_SPACE, "preserve")
    sub(run(), "fldChar", fldCharType="separate")
    etree.SubElement(run(), w("t")).text = placeholder
    sub(run(), "fldChar", fldCharType="end")

"""Importing a .docx annex: every table of the document body, in order, becomes a plan.

The package is opened through :mod:`desktop.formats.safety.safe_zip` and the main document part parsed
with the locked-down parser of :mod:`desktop.formats.safety.safe_xml`. Tables (with the paragraphs
before each) go to :func:`desktop.formats.tables.reader.plan_from_tables`; body paragraphs can
instead be read as a work-plan text (:func:`docx_outline`). Word's automatic numbering
(``numbering.xml``) is rendered into paragraph and cell text, so a label Word shows but the text
lacks counts as typed; :func:`docx_outline` also gives each paragraph's list or outline level.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from lxml import etree

from desktop.core.model import Plan
from desktop.formats.docx.body_xml import Names, blocks, names_for, read_table, text_of
from desktop.formats.docx.numbering import ListNumbering
from desktop.formats.errors import FormatError
from desktop.formats.safety.safe_xml import parse_xml
from desktop.formats.safety.safe_zip import DAMAGED_MESSAGE, Package, open_package
from desktop.formats.tables.raw_table import RawTable
from desktop.formats.tables.reader import plan_from_tables
from desktop.formats.text.outline import OutlineLine

OFFICE_DOCUMENT = "/officeDocument"
NUMBERING_REL = "/numbering"
STYLES_REL = "/styles"
NOT_WORD_MESSAGE = "这不是 Word 文档（.docx），无法导入。"


def main_part_name(package: Package) -> str:
    """The main document part named by the package relationships (usually word/document.xml)."""
    if package.has("_rels/.rels"):
        rels = parse_xml(package.read("_rels/.rels"))
        for rel in rels:
            target = rel.get("Target") or ""
            if (rel.get("Type") or "").endswith(OFFICE_DOCUMENT) and target:
                name = posixpath.normpath(target.lstrip("/"))
                if package.has(name):
                    return name
    if package.has("word/document.xml"):
        return "word/document.xml"
    if package.has("xl/workbook.xml"):
        raise FormatError("这是 Excel 文件，请按 .xlsx 文件导入。")
    raise FormatError(NOT_WORD_MESSAGE)


def _related_parts(package: Package, main: str) -> dict[str, str]:
    """Relationship type suffix → part name, for the main document part's relationships."""
    folder, name = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    found: dict[str, str] = {}
    if not package.has(rels_name):
        return found
    for rel in parse_xml(package.read(rels_name)):
        kind = rel.get("Type") or ""
        target = rel.get("Target") or ""
        if not target or rel.get("TargetMode") == "External":
            continue
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        part = posixpath.normpath(joined)
        for suffix in (NUMBERING_REL, STYLES_REL):
            if kind.endswith(suffix) and package.has(part):
                found[suffix] = part
    return found


def _body(package: Package) -> tuple[etree._Element, Names, ListNumbering]:
    main = main_part_name(package)
    root = parse_xml(package.read(main))
    names = names_for(root)
    body = root.find(names.body)
    if body is None:
        raise FormatError(DAMAGED_MESSAGE)
    parts = _related_parts(package, main)
    numbering = parse_xml(package.read(parts[NUMBERING_REL])) if NUMBERING_REL in parts else None
    styles = parse_xml(package.read(parts[STYLES_REL])) if STYLES_REL in parts else None
    return body, names, ListNumbering(names.ns, numbering, styles)


def docx_tables(package: Package) -> list[RawTable]:
    """Every top-level table of the body, with the non-empty paragraphs before each."""
    body, names, numbering = _body(package)
    tables: list[RawTable] = []
    before: list[str] = []
    for block in blocks(body, names):
        if block.tag == names.tbl:
            tables.append(read_table(block, names, before, numbering))
            before = []
        else:
            text = text_of(block, names, numbering)
            if text.strip():
                before.append(text)
    return tables


def docx_outline(package: Package) -> list[OutlineLine]:
    """The body's paragraphs outside tables, with the list or outline level Word gives each."""
    body, names, numbering = _body(package)
    out: list[OutlineLine] = []
    for block in blocks(body, names):
        if block.tag != names.p:
            text_of(block, names, numbering)  # numbering inside tables still counts
            continue
        number = numbering.paragraph(block)
        text = text_of(block, names)
        if number is None:
            out.append(OutlineLine(text))
        else:
            out.append(OutlineLine(text, number.label, number.level, number.list_key, number.look))
    return out


def docx_paragraphs(package: Package) -> list[str]:
    """The body's paragraphs outside tables as text, each with its automatic number label."""
    return [line.label + line.text for line in docx_outline(package)]


def read_docx(path: Path, title: str | None = None) -> Plan:
    """The plan in a .docx annex table; FormatError with one plain sentence otherwise."""
    return plan_from_tables(docx_tables(open_package(path)), title)

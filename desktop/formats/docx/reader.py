"""Importing a .docx annex: every table of the document body, in order, becomes a plan.

The package is opened through :mod:`desktop.formats.safety.safe_zip` and the main document part parsed
with the locked-down parser of :mod:`desktop.formats.safety.safe_xml`. Tables (with the paragraphs
before each) go to :func:`desktop.formats.tables.reader.plan_from_tables`; body paragraphs can
instead be read as a work-plan text (:func:`docx_paragraphs`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from lxml import etree

from desktop.core.model import Plan
from desktop.formats.docx.body_xml import Names, blocks, names_for, read_table, text_of
from desktop.formats.errors import FormatError
from desktop.formats.safety.safe_xml import parse_xml
from desktop.formats.safety.safe_zip import DAMAGED_MESSAGE, Package, open_package
from desktop.formats.tables.raw_table import RawTable
from desktop.formats.tables.reader import plan_from_tables

OFFICE_DOCUMENT = "/officeDocument"
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


def _body(package: Package) -> tuple[etree._Element, Names]:
    root = parse_xml(package.read(main_part_name(package)))
    names = names_for(root)
    body = root.find(names.body)
    if body is None:
        raise FormatError(DAMAGED_MESSAGE)
    return body, names


def docx_tables(package: Package) -> list[RawTable]:
    """Every top-level table of the body, with the non-empty paragraphs before each."""
    body, names = _body(package)
    tables: list[RawTable] = []
    before: list[str] = []
    for block in blocks(body, names):
        if block.tag == names.tbl:
            tables.append(read_table(block, names, before))
            before = []
        else:
            text = text_of(block, names)
            if text.strip():
                before.append(text)
    return tables


def docx_paragraphs(package: Package) -> list[str]:
    """The body's paragraphs outside tables, for reading a work-plan text."""
    body, names = _body(package)
    out: list[str] = []
    for block in blocks(body, names):
        if block.tag == names.p:
            out.append(text_of(block, names))
    return out


def read_docx(path: Path, title: str | None = None) -> Plan:
    """The plan in a .docx annex table; FormatError with one plain sentence otherwise."""
    return plan_from_tables(docx_tables(open_package(path)), title)

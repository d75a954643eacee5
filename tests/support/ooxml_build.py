"""Hand-made .docx packages for reader tests: the quirks of Word/WPS files, written as raw XML.

``write_docx(path, body)`` wraps WordprocessingML body content in a minimal valid package
([Content_Types].xml, the package relationships and word/document.xml), which Word, LibreOffice
and python-docx open. Helpers build cells with spans and merges the way field files have them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def document_xml(body: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>')


def write_docx(path: Path, body: str, prolog: str = "", document: str | None = None) -> Path:
    """A .docx whose document.xml holds ``body`` (or exactly ``document`` when given)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        xml = document if document is not None else document_xml(body, prolog)
        archive.writestr("word/document.xml", xml)
    return path


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def runs(*pieces: str) -> str:
    """One paragraph whose text is split into many runs, with proofing marks and a bookmark between."""
    inner = '<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_Toc1"/>'
    inner += "".join(f'<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{escape(p)}'
                     "</w:t></w:r>" for p in pieces)
    return f'<w:p>{inner}<w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/></w:p>'


def cell(content: str = "", span: int = 1, vmerge: str | None = None, hmerge: str | None = None,
         raw: bool = False) -> str:
    """A w:tc; ``vmerge`` is "restart", "continue" or "bare" (a bare <w:vMerge/> means continue)."""
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if hmerge:
        props += f'<w:hMerge w:val="{hmerge}"/>' if hmerge != "bare" else "<w:hMerge/>"
    if vmerge == "bare":
        props += "<w:vMerge/>"
    elif vmerge:
        props += f'<w:vMerge w:val="{vmerge}"/>'
    body = content if raw else para(content)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def row(*cells: str, header: bool = False, grid_before: int = 0) -> str:
    props = ""
    if grid_before:
        props += f'<w:gridBefore w:val="{grid_before}"/>'
    if header:
        props += "<w:tblHeader/>"
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def table(widths: list[int], *rows: str) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"

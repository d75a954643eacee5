"""The parts of a minimal WordprocessingML package, written straight into a zip file.

Only what the annex needs: content types, relationships, document.xml (streamed by the caller),
styles.xml (only the used styles), settings.xml, the page-number footers and honest document
properties (created and modified now, Fenjie and its version as the application, the issuing
office as the author where known). Nothing comes from python-docx's template, whose 164 styles
and 2013 Macintosh metadata a clerk would otherwise inherit.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from desktop.core.style import TableStyle
from desktop.layout.page import PAGE_NUMBER_INDENT_PT, PageGeometry, mm_to_twips
from desktop.layout.typography import PAGE_NUMBER_DASH
from desktop.version import app_version

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
WP_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def content_types(footers: int) -> str:
    overrides = "".join(
        f'<Override PartName="/word/footer{i}.xml" ContentType="{WP_MAIN}.footer+xml"/>'
        for i in range(1, footers + 1))
    return (XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{WP_MAIN}.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{WP_MAIN}.styles+xml"/>'
            f'<Override PartName="/word/settings.xml" ContentType="{WP_MAIN}.settings+xml"/>'
            f'{overrides}'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            '</Types>')


def package_rels() -> str:
    return (XML_HEAD + f'<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" '
            'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{DOC_REL}/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>')


def document_rels(footers: int) -> str:
    rels = "".join(f'<Relationship Id="rIdFooter{i}" Type="{DOC_REL}/footer" Target="footer{i}.xml"/>'
                   for i in range(1, footers + 1))
    return (XML_HEAD + f'<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rIdStyles" Type="{DOC_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rIdSettings" Type="{DOC_REL}/settings" Target="settings.xml"/>'
            f'{rels}</Relationships>')


def settings(odd_even: bool) -> str:
    return (XML_HEAD + f'<w:settings xmlns:w="{W_NS}">'
            + ('<w:evenAndOddHeaders/>' if odd_even else '')
            + '<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>')


def footer(align: str) -> str:
    """A footer holding "— N —" (PAGE field) in the 页码 style, one character in on its side."""
    indent = round(PAGE_NUMBER_INDENT_PT * 20)
    ind = {"center": "", "right": f'<w:ind w:right="{indent}"/>',
           "left": f'<w:ind w:left="{indent}"/>'}[align]
    jc = {"center": "center", "right": "right", "left": "left"}[align]
    return (XML_HEAD + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="PageNumber"/>'
            f'{ind}<w:jc w:val="{jc}"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{PAGE_NUMBER_DASH} </w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {PAGE_NUMBER_DASH}</w:t></w:r></w:p></w:ftr>')


def footer_alignments(style: TableStyle) -> list[str]:
    """The footers: one centred, or the odd (right) and even (left) page footers."""
    return ["center"] if style.page_numbers == "center" else ["right", "left"]


def section(page: PageGeometry, footer_distance_mm: float, footers: int) -> str:
    refs = '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
    if footers == 2:
        refs += '<w:footerReference w:type="even" r:id="rIdFooter2"/>'
    orient = ' w:orient="landscape"' if page.orientation == "landscape" else ""
    return (f'<w:sectPr>{refs}'
            f'<w:pgSz w:w="{mm_to_twips(page.width)}" w:h="{mm_to_twips(page.height)}"{orient}/>'
            f'<w:pgMar w:top="{mm_to_twips(page.margin_top)}" w:right="{mm_to_twips(page.margin_right)}" '
            f'w:bottom="{mm_to_twips(page.margin_bottom)}" w:left="{mm_to_twips(page.margin_left)}" '
            f'w:header="{mm_to_twips(page.header_distance)}" w:footer="{mm_to_twips(footer_distance_mm)}" '
            'w:gutter="0"/><w:cols w:space="425"/></w:sectPr>')


def _w3cdtf(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def core_properties(title: str, author: str, subject: str, now: datetime | None = None) -> str:
    stamp = _w3cdtf(now or datetime.now(UTC))
    return (XML_HEAD + '<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>'
            f'<dc:creator>{escape(author)}</dc:creator><cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            '</cp:coreProperties>')


def app_properties(pages: int) -> str:
    return (XML_HEAD + '<Properties '
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f'<Application>Fenjie {escape(app_version())}</Application><Pages>{pages}</Pages>'
            '</Properties>')


def zip_time() -> tuple[int, int, int, int, int, int]:
    """Now, as a zip entry's local date and time."""
    now = datetime.now()
    return (max(now.year, 1980), now.month, now.day, now.hour, now.minute, now.second)


def write_part(archive: zipfile.ZipFile, name: str, text: str | bytes) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    archive.writestr(zipfile.ZipInfo(name, date_time=zip_time()), data, compress_type=zipfile.ZIP_DEFLATED)

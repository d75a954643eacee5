"""Writing the annex .docx as a stream: document.xml goes into the zip file as it is produced.

See ``desktop.formats.docx.writer`` for what the document looks like. Rows are produced as XML
text from the page plan (or the whole grid when Word paginates) and written in batches, so a
20,000-row annex needs little more memory than its grid and page plan.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from desktop.core.textclean import clean_text
from desktop.formats.docx import package
from desktop.formats.docx.styles_xml import styles_xml
from desktop.formats.docx.table_text import (
    CellStyles,
    owner_rows,
    paragraphs,
    rows,
    table_start,
)
from desktop.formats.docx.table_xml import column_widths
from desktop.layout.grid import Grid
from desktop.layout.page import geometry, mm_to_twips
from desktop.layout.page_plan import TITLE_GAP_PT, TablePlan, plan_table, rows_taller_than_a_page

BATCH_CHARS = 1 << 20
PAGE_BREAK = ('<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0" w:line="20" '
              'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')
END_PARAGRAPH = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
                 '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


def heading(grid: Grid, used: set[str]) -> str:
    """"附件" on line 1, line 2 blank, the title from line 3 and a gap: the page plan's title block."""
    label = clean_text(grid.attachment_label).strip()
    title = clean_text(grid.title).strip()
    if not label and not title:
        return ""
    used.add("AnnexLabel")
    gap = round(TITLE_GAP_PT * 20)
    if not title:
        return paragraphs(label, "AnnexLabel").replace(
            "</w:pPr>", f'<w:spacing w:after="{gap}"/></w:pPr>', 1)
    used.add("AnnexTitle")
    out = paragraphs(label.split("\n")[0], "AnnexLabel") + paragraphs("", "AnnexLabel")
    titled = paragraphs(title, "AnnexTitle")
    cut = titled.rfind("</w:pPr>")
    return out + titled[:cut] + f'<w:spacing w:after="{gap}"/>' + titled[cut:]


def body_parts(grid: Grid, plan: TablePlan | None, styles: CellStyles) -> Iterator[str]:
    style = grid.style
    widths = column_widths(style, mm_to_twips(geometry(style.orientation).type_width))
    header_owner = owner_rows(grid.header, grid.header_rows, grid.n_cols)
    if plan is None:
        yield table_start(widths)
        yield from rows(grid.header, header_owner, widths, styles, header=True)
        yield from rows(grid.cells, grid.owner_table(), widths, styles, header=False,
                        may_split=rows_taller_than_a_page(grid))
        yield "</w:tbl>"
        return
    for index, page in enumerate(plan.pages):
        if index:
            yield PAGE_BREAK
        yield table_start(widths)
        yield from rows(grid.header, header_owner, widths, styles, header=True, heights=plan.header_heights)
        owner = owner_rows(page.cells, page.row_count, grid.n_cols)
        yield from rows(page.cells, owner, widths, styles, header=False, heights=page.heights)
        yield "</w:tbl>"


def stream_docx(grid: Grid, path: Path, word_paginates: bool, author: str) -> None:
    """Write the whole package for ``grid`` at ``path``."""
    style = grid.style
    page = geometry(style.orientation)
    plan = None if word_paginates else plan_table(grid)
    styles = CellStyles(style)
    used: set[str] = {"PageNumber"}
    aligns = package.footer_alignments(style)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        package.write_part(archive, "[Content_Types].xml", package.content_types(len(aligns)))
        package.write_part(archive, "_rels/.rels", package.package_rels())
        info = zipfile.ZipInfo("word/document.xml", date_time=package.zip_time())
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as out:  # no Zip64 records: Office warns on them, and 2 GiB is far
            opening = f'<w:document xmlns:w="{package.W_NS}" xmlns:r="{package.R_NS}"><w:body>'
            buffer = [package.XML_HEAD, opening, heading(grid, used)]
            size = 0
            for part in body_parts(grid, plan, styles):
                buffer.append(part)
                size += len(part)
                if size > BATCH_CHARS:
                    out.write("".join(buffer).encode("utf-8"))
                    buffer, size = [], 0
            buffer.append(END_PARAGRAPH)
            buffer.append(package.section(page, page.footer_distance, len(aligns)))
            buffer.append("</w:body></w:document>")
            out.write("".join(buffer).encode("utf-8"))
        used |= styles.used
        package.write_part(archive, "word/_rels/document.xml.rels", package.document_rels(len(aligns)))
        package.write_part(archive, "word/styles.xml", styles_xml(style, sorted(used)))
        package.write_part(archive, "word/settings.xml", package.settings(len(aligns) == 2))
        for number, align in enumerate(aligns, start=1):
            package.write_part(archive, f"word/footer{number}.xml", package.footer(align))
        title = clean_text(grid.title).replace("\n", " ")
        package.write_part(archive, "docProps/core.xml",
                           package.core_properties(title, author, grid.attachment_label or "附件"))
        package.write_part(archive, "docProps/app.xml",
                           package.app_properties(len(plan.pages) if plan is not None else 0))

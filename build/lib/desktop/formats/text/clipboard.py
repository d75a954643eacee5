"""Pasted tables: clipboard HTML (Word, WPS, LibreOffice) and tab-separated text (Excel).

HTML is read with the standard library's event parser, which never fetches anything and expands
only character references. ``<td>``/``<th>`` with ``rowspan``/``colspan`` become a
:class:`RawTable` (``<th>``/``<thead>`` rows are header rows); ``<br>`` and paragraph ends become
line breaks; Word's Windows clipboard header (``Version:0.9 StartHTML:…``) and conditional
comments are ignored. Text before the first table (an annex title) is kept as its context.
Excel's TSV carries no merge information, so blank cells there continue the cell above.
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

from desktop.core.model import Plan
from desktop.core.textclean import clean_text
from desktop.formats.errors import FormatError
from desktop.formats.tables.raw_table import GridBuilder, RawTable
from desktop.formats.tables.reader import NO_TABLE_MESSAGE, plan_from_tables

MAX_HTML_CHARS = 20_000_000
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
_IGNORED = {"script", "style", "head", "title", "xml"}


def _span(value: str | None) -> int:
    try:
        return max(1, int((value or "1").strip().split(".")[0] or 1))
    except ValueError:
        return 1


class _TableParser(HTMLParser):
    """Collects top-level tables (nested tables' text goes into the enclosing cell)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[RawTable] = []
        self.before: list[str] = []
        self._text: list[str] = []
        self._builder: GridBuilder | None = None
        self._depth = 0  # table nesting
        self._cell: dict[str, int] | None = None
        self._in_thead = False
        self._ignored = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _IGNORED:
            self._ignored += 1
            return
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._flush_text_before()
                self._builder = GridBuilder()
                self._cell = None
            return
        if self._depth != 1 or self._builder is None:
            self._block_break(tag)
            return
        values = dict(attrs)
        if tag == "thead":
            self._in_thead = True
        elif tag == "tr":
            self._end_cell()
            self._builder.new_row(header=self._in_thead)
        elif tag in ("td", "th"):
            self._end_cell()
            if not self._builder.grid:
                self._builder.new_row()
            if tag == "th":
                self._builder.header_marked[-1] = True
            self._cell = {"rowspan": _span(values.get("rowspan")), "colspan": _span(values.get("colspan"))}
            self._text = []
        else:
            self._block_break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._text.append("\n")
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _IGNORED:
            self._ignored = max(0, self._ignored - 1)
        elif tag == "table" and self._depth > 0:
            self._depth -= 1
            if self._depth == 0 and self._builder is not None:
                self._end_cell()
                self.tables.append(self._builder.finish(before=self.before))
                self.before = []
                self._builder = None
                self._text = []
        elif tag == "thead" and self._depth == 1:
            self._in_thead = False
        elif tag in ("td", "th") and self._depth == 1:
            self._end_cell()
        elif tag in _BLOCKS:
            self._text.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._ignored:
            self._text.append(data)

    def _block_break(self, tag: str) -> None:
        if tag in _BLOCKS or tag == "br":
            self._text.append("\n")

    def _end_cell(self) -> None:
        if self._cell is None or self._builder is None:
            return
        text = _tidy("".join(self._text))
        self._builder.add(text, colspan=self._cell["colspan"], rowspan=self._cell["rowspan"])
        self._cell = None
        self._text = []

    def _flush_text_before(self) -> None:
        self.before.extend(line for line in _tidy("".join(self._text)).split("\n") if line)
        self._text = []


def _tidy(text: str) -> str:
    text = clean_text(text.replace("\xa0", " ").replace("\u3000", " "))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _strip_cf_html(html: str) -> str:
    """Drop the Windows CF_HTML description header that precedes the markup."""
    if html.startswith("Version:"):
        start = html.find("<")
        return html[start:] if start >= 0 else ""
    return html


def html_tables(html: str) -> list[RawTable]:
    if len(html) > MAX_HTML_CHARS:
        raise FormatError("粘贴的内容太大，无法导入。")
    parser = _TableParser()
    parser.feed(_strip_cf_html(html))
    parser.close()
    return parser.tables


def plan_from_html(html: str, title: str | None = None) -> Plan:
    """The plan in the largest table of an HTML document or clipboard fragment."""
    tables = html_tables(html)
    if not tables:
        raise FormatError(NO_TABLE_MESSAGE)
    return plan_from_tables(tables, title)


def tsv_table(text: str) -> RawTable:
    """Excel's tab-separated text (quoted cells may hold tabs and line breaks) as a table."""
    if len(text) > MAX_HTML_CHARS:
        raise FormatError("粘贴的内容太大，无法导入。")
    builder = GridBuilder()
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t", quotechar='"')
    for record in reader:
        builder.new_row()
        for value in record:
            builder.add(_tidy(value))
    return builder.finish(merges_known=False, blank_continues=True)


def plan_from_tsv(text: str, title: str | None = None) -> Plan:
    table = tsv_table(text)
    if table.n_rows == 0 or table.n_cols < 2:
        raise FormatError(NO_TABLE_MESSAGE)
    return plan_from_tables([table], title)

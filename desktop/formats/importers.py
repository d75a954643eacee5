"""One entry point for every import: a file, pasted text, or the clipboard, to a new Plan.

Dispatches on the file suffix (.fenjie/.json, .docx, .xlsx, .txt/.md, .html/.htm); the .docx
and .xlsx readers (lxml, openpyxl) are imported only when such a file is read, so that the GUI,
which uses the clipboard import, starts without them. Every failure is a
:class:`FormatError` with one plain Chinese sentence; unexpected errors from parsers on damaged
files are wrapped too. The importer only builds a Plan object in memory: storing it is the
caller's single transaction, so a failed import leaves nothing behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from desktop.core.limits import check_plan
from desktop.core.model import Plan, PlanError
from desktop.formats.errors import FormatError
from desktop.formats.import_report import ImportReport
from desktop.formats.plan_json import read_plan
from desktop.formats.safety.safe_zip import open_package, read_limited
from desktop.formats.tables.raw_table import RawTable
from desktop.formats.tables.reader import NO_TABLE_MESSAGE, plan_from_tables
from desktop.formats.tables.residue import clean_lines, clean_tables, flag_plan
from desktop.formats.text.clipboard import html_tables, plan_from_tsv
from desktop.formats.text.outline import OutlineLine, plan_from_text
from desktop.formats.text.shape import ImportShape, OutlineSource

T = TypeVar("T")
MAX_TEXT_BYTES = 16 * 1024 * 1024
DAMAGED = "文件已损坏或格式不正确，无法导入。"
PLAN_SUFFIXES = (".fenjie", ".json")  # fenjie-plan/1; .fenjie is the registered plan-file type
LEGACY_SUFFIXES = (".doc", ".xls", ".wps", ".et", ".ods")
SUFFIXES = (*PLAN_SUFFIXES, ".docx", ".xlsx", ".txt", ".md", ".html", ".htm", ".pdf", *LEGACY_SUFFIXES)
MAX_TEXT_LINES = 1_000_000


def guarded(action: Callable[[], T], message: str = DAMAGED) -> T:
    """Run a reader; anything but a FormatError becomes one (the cause is kept for debugging)."""
    try:
        return action()
    except FormatError:
        raise
    except PlanError as error:
        raise FormatError(str(error)) from error
    except RecursionError as error:
        raise FormatError(message) from error
    except MemoryError as error:
        raise FormatError("文件太大，内存不足，无法导入。") from error
    except Exception as error:  # damaged input can make any parser raise anything
        raise FormatError(message) from error


def decode_text(data: bytes) -> str:
    """Text files from Windows clerks: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise FormatError("无法识别文本文件的编码，请另存为 UTF-8 编码后再导入。")


def _read_text_file(path: Path) -> str:
    return decode_text(read_limited(path, MAX_TEXT_BYTES))


@dataclass
class Imported:
    """An import's plan, the tables it was read from (for a re-read) and what was read and cleaned."""

    plan: Plan
    tables: list[RawTable] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)
    outline: OutlineSource | None = None  # a work-plan text, to be shaped again in the preview


def file_title(path: Path) -> str:
    """A title made from the file's name, readable even when the name is not valid UTF-8.

    Linux hands such a name over with surrogate escapes, which would be dropped as unsafe text;
    the raw bytes are decoded as GB18030 (what a Chinese Windows machine writes), else shown with
    replacement characters.
    """
    raw = os.fsencode(path.stem)
    for encoding in ("utf-8", "gb18030"):
        try:
            text = raw.decode(encoding).strip()
        except UnicodeDecodeError:
            continue
        if text:
            return text
    return raw.decode("utf-8", "replace").strip() or "导入的计划"


def _shown_name(path: Path) -> str:
    name = file_title(Path(path.name)) + path.suffix
    return name if len(name) <= 60 else name[:40] + "…" + name[-12:]


def within_limits(plan: Plan) -> Plan:
    """``plan`` if it is within :mod:`desktop.core.limits`; else a FormatError with the sentence."""
    try:
        check_plan(plan)
    except PlanError as error:
        raise FormatError(str(error)) from None
    return plan


def import_file(path: Path, *, title: str | None = None, as_text: bool = False,
                unit_names: Sequence[str] = (), per_paragraph: bool = False) -> Plan:
    """A new plan from a file; FormatError (one plain sentence) for anything it cannot import."""
    return import_source(path, title=title, as_text=as_text, unit_names=unit_names,
                         per_paragraph=per_paragraph).plan


def import_source(path: Path, *, title: str | None = None, as_text: bool = False,
                  unit_names: Sequence[str] = (), per_paragraph: bool = False) -> Imported:
    """Like :func:`import_file`, also giving the tables read and the import report."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        found = path.is_file()
    except (OSError, ValueError) as error:  # a name longer than the system allows, a NUL byte …
        reason = getattr(error, "strerror", None) or "文件名无效"
        raise FormatError(f"无法读取文件“{_shown_name(path)}”：{reason}。") from None
    if not found:
        raise FormatError(f"找不到文件“{_shown_name(path)}”。")
    if suffix not in SUFFIXES:
        raise FormatError(f"不支持导入“{suffix or path.name}”类型的文件（可导入 .docx、.doc、.wps、"
                          ".xlsx、.xls、.et、.ods、.pdf、.txt、.html、.fenjie、.json）。")
    options = TextOptions(title, unit_names, per_paragraph)
    imported = guarded(lambda: _dispatch(path, suffix, as_text, options))
    plan = within_limits(imported.plan)
    if title:
        plan.set_field("title", title)
    elif not plan.title.strip():
        plan.set_field("title", file_title(path))
    plan.take_journal()
    return imported


def _dispatch(path: Path, suffix: str, as_text: bool, options: TextOptions) -> Imported:
    if suffix in PLAN_SUFFIXES:
        return Imported(read_plan(path), report=ImportReport("plan"))
    if suffix in LEGACY_SUFFIXES or suffix == ".pdf":
        from desktop.formats.legacy.sources import read_other  # xlrd/odfpy/pdfplumber only when needed

        return read_other(path, suffix, as_text, options)
    if suffix == ".docx":
        from desktop.formats.docx.reader import docx_outline, docx_tables

        package = open_package(path)
        if as_text:
            return outline_import(docx_outline(package), options, "docx_text")
        return table_import(docx_tables(package), options.title, ImportReport("docx_table"))
    if suffix == ".xlsx":
        from desktop.formats.xlsx.reader import xlsx_tables

        return sheet_import(xlsx_tables(path), options.title, ImportReport("xlsx"))
    text = _read_text_file(path)
    if suffix in (".html", ".htm") and not as_text:
        return table_import(html_tables(text), options.title, ImportReport("html"))
    return outline_import([OutlineLine(line) for line in text.split("\n")], options, "text")


@dataclass(frozen=True)
class TextOptions:
    """How a work-plan text is read: the title given, unit names to look for, leaf per paragraph."""

    title: str | None = None
    unit_names: Sequence[str] = ()
    per_paragraph: bool = False


def table_import(tables: list[RawTable], title: str | None, report: ImportReport) -> Imported:
    """The plan in ``tables`` after cleaning conversion residue; the report records the cleaning."""
    clean_tables(tables, report)
    for table in tables:
        for note in table.notes:
            report.flag(note)
    plan = plan_from_tables(tables, title)
    flag_plan(plan, report)
    return Imported(plan, tables, report)


def sheet_import(tables: list[RawTable], title: str | None, report: ImportReport) -> Imported:
    """The first sheet (in the order given) that holds a table."""
    last_error: FormatError | None = None
    for table in tables:
        try:
            return table_import([table], title, report)
        except FormatError as error:
            last_error = error
    raise last_error or FormatError(NO_TABLE_MESSAGE)


def outline_import(lines: list[OutlineLine], options: TextOptions, source: str) -> Imported:
    """A work-plan text; a .docx text whose numbers come from Word's automatic numbering says so."""
    if len(lines) > MAX_TEXT_LINES:
        raise FormatError("文字太长，无法导入。")
    report = ImportReport(source)
    numbered = sum(1 for line in lines if line.label.strip())
    if numbered and source == "docx_text":
        report.source = "docx_numbered_text"
        report.detail = f"{numbered} 个自动编号"
    cleaned = clean_lines(lines, report)
    outline = OutlineSource(cleaned, title=options.title, unit_names=options.unit_names)
    plan = outline.shaped(ImportShape(per_paragraph=options.per_paragraph)).plan
    flag_plan(plan, report)
    return Imported(plan, [], report, outline)


def import_text(text: str, *, title: str | None = None, unit_names: Sequence[str] = (),
                per_paragraph: bool = False) -> Plan:
    """A new plan from a work-plan text (headings 一、（一）1.（1） and paragraphs)."""
    if not isinstance(text, str):
        raise FormatError("要导入的内容不是文字。")
    return within_limits(guarded(lambda: plan_from_text(text, title=title, per_paragraph=per_paragraph,
                                                         unit_names=unit_names)))


def import_clipboard(html: str | None, text: str | None, *, title: str | None = None,
                     unit_names: Sequence[str] = ()) -> Plan:
    """A new plan from pasted content: an HTML table, else Excel's TSV, else a work-plan text."""
    if html and "<table" in html.lower():
        tables = guarded(lambda: html_tables(html))
        if tables:
            try:
                return within_limits(guarded(lambda: plan_from_tables(tables, title)))
            except FormatError:
                if not (text and text.strip()):
                    raise
    if text and text.strip():
        if "\t" in text:
            return within_limits(guarded(lambda: plan_from_tsv(text, title)))
        return import_text(text, title=title, unit_names=unit_names)
    raise FormatError("剪贴板里没有可以导入的表格或文字。")

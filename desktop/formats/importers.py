"""One entry point for every import: a file, pasted text, or the clipboard, to a new Plan.

Dispatches on the file suffix (.fenjie/.json, .docx, .xlsx, .txt/.md, .html/.htm); the .docx
and .xlsx readers (lxml, openpyxl) are imported only when such a file is read, so that the GUI,
which uses the clipboard import, starts without them. Every failure is a
:class:`FormatError` with one plain Chinese sentence; unexpected errors from parsers on damaged
files are wrapped too. The importer only builds a Plan object in memory: storing it is the
caller's single transaction, so a failed import leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from desktop.core.model import Plan, PlanError
from desktop.formats.errors import FormatError
from desktop.formats.plan_json import read_plan
from desktop.formats.safety.safe_zip import open_package, read_limited
from desktop.formats.tables.reader import plan_from_tables
from desktop.formats.text.clipboard import html_tables, plan_from_html, plan_from_tsv
from desktop.formats.text.outline import plan_from_outline, plan_from_text

T = TypeVar("T")
MAX_TEXT_BYTES = 16 * 1024 * 1024
DAMAGED = "文件已损坏或格式不正确，无法导入。"
PLAN_SUFFIXES = (".fenjie", ".json")  # fenjie-plan/1; .fenjie is the registered plan-file type
SUFFIXES = (*PLAN_SUFFIXES, ".docx", ".xlsx", ".txt", ".md", ".html", ".htm")
LEGACY_SUFFIXES = (".doc", ".xls", ".wps", ".et")


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


def import_file(path: Path, *, title: str | None = None, as_text: bool = False,
                unit_names: Sequence[str] = (), per_paragraph: bool = False) -> Plan:
    """A new plan from a file; FormatError (one plain sentence) for anything it cannot import."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise FormatError(f"找不到文件“{path.name}”。")
    if suffix in LEGACY_SUFFIXES:
        raise FormatError("这是旧版 Word/Excel 文件（.doc/.xls）或加密文件，请另存为 .docx/.xlsx 后再导入。")
    if suffix not in SUFFIXES:
        raise FormatError(f"不支持导入“{suffix or path.name}”类型的文件"
                          "（可导入 .docx、.xlsx、.txt、.html、.fenjie、.json）。")
    plan = guarded(lambda: _dispatch(path, suffix, title, as_text, unit_names, per_paragraph))
    if title:
        plan.set_field("title", title)
    elif not plan.title.strip():
        plan.set_field("title", path.stem)
    plan.take_journal()
    return plan


def _dispatch(path: Path, suffix: str, title: str | None, as_text: bool, unit_names: Sequence[str],
              per_paragraph: bool) -> Plan:
    if suffix in PLAN_SUFFIXES:
        return read_plan(path)
    if suffix == ".docx":
        from desktop.formats.docx.reader import docx_outline, docx_tables

        package = open_package(path)
        if as_text:
            return plan_from_outline(docx_outline(package), title=title, unit_names=unit_names,
                                     per_paragraph=per_paragraph)
        return plan_from_tables(docx_tables(package), title)
    if suffix == ".xlsx":
        from desktop.formats.xlsx.reader import read_xlsx

        return read_xlsx(path, title)
    text = _read_text_file(path)
    if suffix in (".html", ".htm") and not as_text:
        return plan_from_html(text, title)
    return import_text(text, title=title, unit_names=unit_names, per_paragraph=per_paragraph)


def import_text(text: str, *, title: str | None = None, unit_names: Sequence[str] = (),
                per_paragraph: bool = False) -> Plan:
    """A new plan from a work-plan text (headings 一、（一）1.（1） and paragraphs)."""
    if not isinstance(text, str):
        raise FormatError("要导入的内容不是文字。")
    return guarded(lambda: plan_from_text(text, title=title, per_paragraph=per_paragraph,
                                           unit_names=unit_names))


def import_clipboard(html: str | None, text: str | None, *, title: str | None = None,
                     unit_names: Sequence[str] = ()) -> Plan:
    """A new plan from pasted content: an HTML table, else Excel's TSV, else a work-plan text."""
    if html and "<table" in html.lower():
        tables = guarded(lambda: html_tables(html))
        if tables:
            try:
                return guarded(lambda: plan_from_tables(tables, title))
            except FormatError:
                if not (text and text.strip()):
                    raise
    if text and text.strip():
        if "\t" in text:
            return guarded(lambda: plan_from_tsv(text, title))
        return import_text(text, title=title, unit_names=unit_names)
    raise FormatError("剪贴板里没有可以导入的表格或文字。")

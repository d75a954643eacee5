"""Importing a work-plan text (工作要点, 实施方案): numbered headings become categories.

Headings are paragraphs starting with 一、 / （一） / 1. / （1） (full- or half-width brackets, 、 or .
after digits, optional markdown ``#`` marks). Levels follow the order in which numbering styles
first appear, so a plan that skips a level (一、 then 1.) still nests correctly. A heading that ends
its first sentence and goes on ("（一）以公开助推高质量发展。紧扣…") is split: the first sentence is
the category, the rest is text under it. Text under a heading becomes leaves, one per sentence
(or one per paragraph). Paragraphs before the first heading are the plan's note, except a short
first line, which is the title. Unit names from the workspace directory found in a leaf are put
in its ``suggested_units`` attribute (joined with 、) for the GUI to propose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.core.model import Plan
from desktop.core.numbering import split_number
from desktop.core.textclean import clean_text
from desktop.formats.errors import FormatError
from desktop.formats.text.sentences import first_sentence, split_sentences

HEADING_SCHEMES = ("chinese", "chinese_paren", "arabic", "arabic_paren")
SUGGESTED_UNITS = "suggested_units"
MAX_TEXT_CHARS = 5_000_000
MAX_TITLE_CHARS = 80
EMPTY_MESSAGE = "文字里没有找到可以导入的内容。"
_MARKDOWN = re.compile(r"^\s*#{1,6}\s*")
_BOLD = re.compile(r"^\*\*(.+?)\*\*")
_LOOK = "\x1f"  # separates a structured heading's list position from its look in a stack entry


@dataclass
class _Node:
    text: str  # category text with its numbering prefix
    full: str  # the whole heading paragraph part, used when the node ends up a leaf
    children: list[_Node] = field(default_factory=list)
    is_leaf: bool = False
    para: int = -1  # for a leaf: the source paragraph it comes from (its sentences share it)
    para_text: str = ""  # for a leaf: that whole paragraph (or heading body) as written


def _clean_line(line: str) -> str:
    line = _MARKDOWN.sub("", line).strip()
    return _BOLD.sub(r"\1", line).strip()


def _heading(line: str) -> tuple[str, str, str, str] | None:
    """(scheme, heading with prefix, whole heading line part, body after it) or None."""
    scheme, _, rest = split_number(line)
    if scheme not in HEADING_SCHEMES or not rest.strip():
        return None
    prefix = line[: len(line) - len(rest)].strip()
    head, mark, body = first_sentence(rest.strip())
    head = head.rstrip("：:")
    return str(scheme), prefix + head, prefix + head + mark, body


def _leaves(paragraph: str, per_paragraph: bool) -> list[str]:
    return [paragraph] if per_paragraph else split_sentences(paragraph)


def _leaf_nodes(paragraph: str, per_paragraph: bool, para: int) -> list[_Node]:
    return [_Node(s, s, is_leaf=True, para=para, para_text=paragraph)
            for s in _leaves(paragraph, per_paragraph)]


@dataclass(frozen=True)
class OutlineLine:
    """A paragraph of a work-plan text; ``level`` is set when the document itself gives one.

    A .docx paragraph with Word's automatic numbering or an outline level (heading styles) has
    its ``label`` (the number Word shows, "" for an unnumbered heading) apart from its text, and
    nests by ``level`` within its list ``list_key`` instead of by a typed prefix.
    """

    text: str
    label: str = ""
    level: int | None = None
    list_key: str = ""
    look: str = ""  # level, number format and label pattern: equal looks are one level across list copies


def _lines(lines: Sequence[OutlineLine]) -> list[OutlineLine]:
    """Cleaned lines; a paragraph's line breaks give more lines, the first keeps the level."""
    out: list[OutlineLine] = []
    for line in lines:
        first, *rest = clean_text(line.text).split("\n")
        out.append(OutlineLine(first, clean_text(line.label), line.level, line.list_key, line.look))
        out.extend(OutlineLine(extra) for extra in rest)
    return out


def _structured_heading(line: OutlineLine) -> tuple[str, str, str, str] | None:
    """Like :func:`_heading` for a paragraph whose level comes from the document."""
    rest = _clean_line(line.text)
    if not rest:
        return None
    prefix = line.label.strip()
    head, mark, body = first_sentence(rest)
    head = head.rstrip("：:")
    return f"{line.list_key}:{line.level}{_LOOK}{line.look}", prefix + head, prefix + head + mark, body


def _pop_to(stack: list[tuple[str, _Node]], scheme: str, line: OutlineLine) -> None:
    """Close the open headings at the same or a deeper level than the new heading."""
    if line.level is None:
        schemes = [s for s, _ in stack]
        if scheme in schemes:
            del stack[schemes.index(scheme):]
        return
    for index, (open_scheme, _) in enumerate(stack):
        position, _, look = open_scheme.partition(_LOOK)
        key, _, level = position.rpartition(":")
        same_list_deeper = key == line.list_key and level.isdigit() and int(level) >= line.level
        if same_list_deeper or (line.look and look == line.look):
            del stack[index:]
            return


def parse_outline(text: str, per_paragraph: bool = False) -> tuple[list[str], list[_Node]]:
    """(preamble paragraphs, top-level nodes) of a work-plan text."""
    return parse_lines([OutlineLine(t) for t in text.split("\n")], per_paragraph)


def parse_lines(lines: Sequence[OutlineLine], per_paragraph: bool = False) -> tuple[list[str], list[_Node]]:
    """(preamble paragraphs, top-level nodes) of a work-plan text given as lines."""
    preamble: list[str] = []
    roots: list[_Node] = []
    stack: list[tuple[str, _Node]] = []
    for number, item in enumerate(_lines(lines)):
        line = _clean_line(item.text)
        if not line:
            continue
        found = _heading(line) if item.level is None else _structured_heading(item)
        if found is None:
            if not stack:
                preamble.append(line)
                continue
            parent = stack[-1][1]
            parent.children.extend(_leaf_nodes(line, per_paragraph, number))
            continue
        scheme, heading, full, body = found
        _pop_to(stack, scheme, item)
        node = _Node(heading, full)
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((scheme, node))
        if body:
            node.children.extend(_leaf_nodes(body, per_paragraph, number))
    return preamble, roots


def plan_from_text(text: str, *, title: str | None = None, per_paragraph: bool = False,
                   unit_names: Sequence[str] = ()) -> Plan:
    """A plan from a work-plan text; FormatError when there is nothing to import."""
    if len(text) > MAX_TEXT_CHARS:
        raise FormatError("文字太长，无法导入。")
    return plan_from_outline([OutlineLine(t) for t in text.split("\n")], title=title,
                             per_paragraph=per_paragraph, unit_names=unit_names)


def plan_from_outline(lines: Sequence[OutlineLine], *, title: str | None = None, per_paragraph: bool = False,
                      unit_names: Sequence[str] = ()) -> Plan:
    """A plan from a work-plan text's lines (levels from the document where it gives them)."""
    from desktop.formats.text.shape import ImportShape, OutlineSource  # shape builds on this parser

    source = OutlineSource(lines, title=title, unit_names=unit_names)
    return source.shaped(ImportShape(per_paragraph=per_paragraph)).plan

"""Shaping a work-plan text before it is imported: rows per sentence or paragraph, heading levels, marks.

The import preview lets the clerk say how a 工作要点 becomes an annex before anything is stored:

* one row per sentence or one row per paragraph;
* for each heading level found (一、 / （一） / 1. / （1） …) whether its headings are categories,
  are folded into one row with everything under them, or are dropped with their children lifted
  into their place (what turns "二、工作任务 → （一）…（五）" into five top-level categories);
* parts the clerk leaves out (a section such as 一、目标要求 that holds no task, a sentence) and
  rows the clerk merges into one.

The text is parsed once, sentence by sentence; every heading and sentence gets a position in
document order, and the marks the clerk makes refer to those positions, so they survive a change
of the other options (a merge of two sentences is still there after switching to paragraphs,
where it is usually already inside one row). :class:`OutlineSource` turns a shape into a Plan and
tells, for every task of it, which positions it covers (what the preview needs to map a selected
row back to its marks).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from desktop.core.merge_split import join_texts
from desktop.core.model import Plan, Task
from desktop.core.numbering import detect_and_strip, split_number, strip_number
from desktop.core.style import PRESETS, TableStyle
from desktop.formats.errors import FormatError
from desktop.formats.text.outline import (
    EMPTY_MESSAGE,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    SUGGESTED_UNITS,
    OutlineLine,
    _leaves,
    _Node,
    parse_lines,
)
from desktop.formats.text.sentences import find_units

CATEGORY = "category"
ROW = "row"
LIFT = "lift"
LEVEL_MODES = (CATEGORY, LIFT, ROW)
MODE_LABELS = {CATEGORY: "作为类别", ROW: "连同下文并为一行", LIFT: "去掉标题，下级上移"}
ALL_LEFT_OUT = "所有内容都被设为不导入，请至少保留一行。"
ONE_LEVEL_WIDTH = 2.2  # the 工作任务 column of a one-level annex (the Laiwu annex: 1.5 + 1.7 for two)
_YEAR = re.compile(r"(19[5-9]\d|20\d\d)\s*年")

Span = tuple[int, int]  # first and last position a row or category covers


@dataclass(frozen=True)
class ImportShape:
    """What the clerk chose in the preview; the default reads the text as the importer always did."""

    per_paragraph: bool = False
    levels: tuple[str, ...] = ()  # mode of each heading level, top first; missing levels are categories
    dropped: frozenset[Span] = frozenset()  # what the clerk left out (a heading's span is all under it)
    merges: tuple[Span, ...] = ()  # adjacent rows whose spans lie within one of these become one row

    def mode(self, depth: int) -> str:
        return self.levels[depth] if depth < len(self.levels) else CATEGORY

    def with_mode(self, depth: int, mode: str) -> ImportShape:
        if mode not in LEVEL_MODES:
            raise ValueError(mode)
        levels = list(self.levels) + [CATEGORY] * (depth + 1 - len(self.levels))
        levels[depth] = mode
        while levels and levels[-1] == CATEGORY:
            levels.pop()
        return replace(self, levels=tuple(levels))

    def leaving_out(self, spans: Iterable[Span]) -> ImportShape:
        """With everything the spans cover left out (a merged row is all its sentences)."""
        return replace(self, dropped=self.dropped | set(spans))

    def merging(self, spans: Sequence[Span]) -> ImportShape:
        """With the rows covering ``spans`` (at least two, adjacent) merged into one."""
        if len(spans) < 2:
            return self
        merged = (min(lo for lo, _ in spans), max(hi for _, hi in spans))
        kept = tuple(m for m in self.merges if not (merged[0] <= m[0] and m[1] <= merged[1]))
        return replace(self, merges=(*kept, merged))

    def without_marks(self) -> ImportShape:
        return replace(self, dropped=frozenset(), merges=())


@dataclass
class _Item:
    """A node of the shaped outline: a category (``is_leaf`` False) or a row, and what it covers."""

    text: str
    full: str
    span: Span
    is_leaf: bool
    children: list[_Item] = field(default_factory=list)


@dataclass(frozen=True)
class HeadingLevel:
    """A heading level found in the text: its depth, how its first heading is numbered, how many."""

    depth: int
    example: str  # the first heading's number ("一、", "（一）") or its first characters
    count: int

    def label(self) -> str:
        return f"第 {self.depth + 1} 级标题（如“{self.example}”，{self.count} 个）"


@dataclass
class ShapedPlan:
    """A plan made from a shape and the positions each of its tasks covers."""

    plan: Plan
    spans: dict[int, Span]


@dataclass
class _Source:
    text: str
    full: str
    pos: int
    last: int
    depth: int  # heading depth (0 = top); -1 for a sentence
    para: int = -1
    para_text: str = ""
    children: list[_Source] = field(default_factory=list)


def _number(nodes: Sequence[_Node], counter: list[int], depth: int) -> list[_Source]:
    out: list[_Source] = []
    for node in nodes:
        pos = counter[0]
        counter[0] += 1
        if node.is_leaf:
            out.append(_Source(node.text, node.full, pos, pos, -1, node.para, node.para_text))
            continue
        children = _number(node.children, counter, depth + 1)
        out.append(_Source(node.text, node.full, pos, counter[0] - 1, depth, children=children))
    return out


class OutlineSource:
    """A work-plan text parsed once, to be shaped as often as the clerk changes the options."""

    def __init__(self, lines: Sequence[OutlineLine], *, title: str | None = None,
                 unit_names: Sequence[str] = ()) -> None:
        if sum(len(line.text) + len(line.label) + 1 for line in lines) > MAX_TEXT_CHARS:
            raise FormatError("文字太长，无法导入。")
        preamble, roots = parse_lines(lines, per_paragraph=False)
        if not roots and not preamble:
            raise FormatError(EMPTY_MESSAGE)
        if title is None:
            title = ""
            if preamble and len(preamble[0]) <= MAX_TITLE_CHARS and preamble[0][-1] not in "。；，：;,:":
                title = preamble.pop(0)
        if not roots:
            # No headings at all: every sentence of the text is a row.
            roots = [_Node(s, s, is_leaf=True, para=n, para_text=p)
                     for n, p in enumerate(preamble) for s in _leaves(p, False)]
            preamble = []
        self.title = title
        self.preamble = preamble
        self.unit_names = tuple(unit_names)
        self.roots = _number(roots, [0], 0)

    @classmethod
    def from_text(cls, text: str, *, title: str | None = None,
                  unit_names: Sequence[str] = ()) -> OutlineSource:
        if len(text) > MAX_TEXT_CHARS:
            raise FormatError("文字太长，无法导入。")
        return cls([OutlineLine(t) for t in text.split("\n")], title=title, unit_names=unit_names)

    def levels(self) -> list[HeadingLevel]:
        """The heading levels of the text, top first."""
        found: dict[int, tuple[str, int]] = {}

        def walk(nodes: list[_Source]) -> None:
            for node in nodes:
                if node.depth < 0:
                    continue
                example, count = found.get(node.depth, (_example(node.text), 0))
                found[node.depth] = (example, count + 1)
                walk(node.children)

        walk(self.roots)
        return [HeadingLevel(depth, *found[depth]) for depth in sorted(found)]

    def shaped(self, shape: ImportShape) -> ShapedPlan:
        """The plan the shape gives; FormatError when the clerk left everything out."""
        items = _merge(_apply_levels(_group(_drop(self.roots, shape.dropped), shape.per_paragraph), shape),
                       shape.merges)
        if not items:
            raise FormatError(ALL_LEFT_OUT)
        plan = Plan(self.title)
        spans: dict[int, Span] = {}
        for item in items:
            _insert(plan, plan.root, item, self.unit_names, spans)
        numbering = detect_and_strip(plan)
        if numbering:
            plan.set_field("numbering", [level.to_json() for level in numbering])
        if self.preamble:
            plan.set_field("note", "\n".join(self.preamble))
        year = _YEAR.search(self.title)
        if year:
            plan.set_field("year", int(year.group(1)))
        depth = max((t.depth for t in plan.tasks() if t.children), default=0)
        plan.set_field("style", style_for_depth(depth).to_dict())
        plan.take_journal()
        return ShapedPlan(plan, spans)


def style_for_depth(depth: int) -> TableStyle:
    """The table style for a plan whose categories go ``depth`` levels deep.

    One level of categories (the usual shape after lifting the task headings) gets the Laiwu
    layout with a single 工作任务 column: with two, every row's 具体要求 would spill into the
    empty second column under the 工作任务 header.
    """
    if depth >= 4:
        return PRESETS["zichuan2020"]
    if depth == 3:
        return PRESETS["taian2017"]
    base = PRESETS["laiwu2024"]
    if depth != 1:
        return base
    level_widths = sum(c.width for c in base.columns if c.kind == "level")
    columns = []
    for column in base.columns:
        if column.kind == "level" and column.level == 1:
            columns.append(replace(column, width=ONE_LEVEL_WIDTH))
        elif column.kind == "requirement":
            columns.append(replace(column, width=column.width + level_widths - ONE_LEVEL_WIDTH))
        elif column.kind != "level":
            columns.append(column)
    return replace(base, name="laiwu2024-custom", columns=tuple(columns))


def _example(text: str) -> str:
    scheme, _, rest = split_number(text)
    if scheme is not None and rest != text:
        return text[: len(text) - len(rest)].strip()
    return text[:6] + ("…" if len(text) > 6 else "")


def _drop(nodes: list[_Source], dropped: frozenset[Span]) -> list[_Source]:
    out = []
    for node in nodes:
        if any(lo <= node.pos <= hi for lo, hi in dropped):
            continue
        if node.depth >= 0:
            node = replace(node, children=_drop(node.children, dropped))
        out.append(node)
    return out


def _group(nodes: list[_Source], per_paragraph: bool) -> list[_Item]:
    """Items of the nodes; with ``per_paragraph`` a paragraph's adjacent sentences become one row."""
    out: list[_Item] = []
    run: list[_Source] = []

    def close() -> None:
        if not run:
            return
        texts = [s.text for s in run]
        whole = len(run) == len(_leaves(run[0].para_text, False)) if run[0].para_text else False
        text = run[0].para_text if whole else join_texts(texts)
        out.append(_Item(text, text, (run[0].pos, run[-1].last), True))
        run.clear()

    for node in nodes:
        if node.depth < 0:
            if per_paragraph and run and run[-1].para == node.para:
                run.append(node)
                continue
            close()
            if per_paragraph:
                run.append(node)
            else:
                out.append(_Item(node.text, node.full, (node.pos, node.last), True))
            continue
        close()
        out.append(_Item(node.text, node.full, (node.pos, node.last), False,
                         _group(node.children, per_paragraph)))
    close()
    return out


def _apply_levels(items: list[_Item], shape: ImportShape, depth: int = 0) -> list[_Item]:
    out: list[_Item] = []
    for item in items:
        if item.is_leaf:
            out.append(item)
            continue
        mode = shape.mode(depth)
        children = _apply_levels(item.children, shape, depth + 1)
        if mode == LIFT:
            out.extend(children)
        elif mode == ROW:
            text = join_texts([strip_number(item.full).strip(), *(_texts(children))])
            out.append(_Item(text, text, item.span, True))
        else:
            out.append(replace(item, children=children))
    return out


def _texts(items: list[_Item]) -> list[str]:
    out: list[str] = []
    for item in items:
        out.append(item.text if item.is_leaf else item.full)
        if not item.is_leaf:
            out.extend(_texts(item.children))
    return out


def _merge(items: list[_Item], merges: tuple[Span, ...]) -> list[_Item]:
    out: list[_Item] = []
    for item in items:
        if not item.is_leaf:
            item = replace(item, children=_merge(item.children, merges))
        previous = out[-1] if out else None
        if previous is not None and previous.is_leaf and item.is_leaf and any(
                lo <= previous.span[0] and item.span[1] <= hi for lo, hi in merges):
            text = join_texts([previous.text, item.text])
            out[-1] = _Item(text, text, (previous.span[0], item.span[1]), True)
            continue
        out.append(item)
    return out


def _insert(plan: Plan, parent: Task, item: _Item, unit_names: Sequence[str], spans: dict[int, Span]) -> None:
    is_leaf = item.is_leaf or not item.children
    text = item.text if item.is_leaf else (item.full if is_leaf else item.text)
    attrs: dict[str, str] = {}
    if is_leaf and unit_names:
        found = find_units(text, unit_names)
        if found:
            attrs[SUGGESTED_UNITS] = "、".join(found)
    task = plan.make_task(text, attrs)
    plan.insert_subtree(parent.id, len(parent.children), task)
    spans[task.id] = item.span
    for child in item.children:
        _insert(plan, task, child, unit_names, spans)

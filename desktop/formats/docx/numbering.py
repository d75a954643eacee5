"""Word's automatic numbering: the label (一、 （一） 1.) a numbered paragraph shows, and its level.

Reads ``word/numbering.xml`` (``w:abstractNum`` levels with ``w:start``, ``w:numFmt``,
``w:lvlText``, ``w:lvlRestart``, ``w:isLgl``; ``w:num`` instances with ``w:lvlOverride`` /
``w:startOverride``) and ``word/styles.xml`` (a style's ``w:numPr`` and ``w:outlineLvl``, through
``w:basedOn``; "heading N" styles). :class:`ListNumbering` is fed every paragraph in document
order and keeps Word's counters: instances of one abstract list share them (numbering continues
across lists), a start override restarts a level at the instance's first paragraph, and using a
level resets the levels below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from desktop.formats.docx.numfmt import format_number

MAX_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


@dataclass(frozen=True)
class Level:
    """One level of an abstract list."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False


@dataclass(frozen=True)
class ParagraphNumber:
    """What numbering gives a paragraph: its label (maybe "") and the list level it sits on."""

    label: str
    level: int
    list_key: str  # the abstract list, so levels of different lists are not confused
    look: str = ""  # level, format and label pattern: a copy of the list (LibreOffice writes them) matches


@dataclass
class _Instance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    level_overrides: dict[int, Level] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class _StyleInfo:
    num_id: str | None
    ilvl: int | None
    outline: int | None


class ListNumbering:
    """Numbering definitions of one document plus the running counters."""

    def __init__(self, ns: str, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.ns = ns
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.styles: dict[str, _StyleInfo] = {}
        self._links: dict[str, str] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _w(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def _val(self, parent: etree._Element | None, name: str) -> str | None:
        if parent is None:
            return None
        child = parent.find(self._w(name))
        return None if child is None else child.get(self._w("val"))

    def _int(self, parent: etree._Element | None, name: str) -> int | None:
        value = self._val(parent, name)
        try:
            return None if value is None else int(value)
        except ValueError:
            return None

    def _level(self, lvl: etree._Element) -> Level:
        is_lgl = lvl.find(self._w("isLgl"))
        start = self._int(lvl, "start")
        return Level(start=1 if start is None else start,
                     fmt=self._val(lvl, "numFmt") or "decimal",
                     text=self._val(lvl, "lvlText") or "",
                     restart=self._int(lvl, "lvlRestart"),
                     legal=is_lgl is not None and is_lgl.get(self._w("val"), "1") not in ("0", "false"))

    def _levels(self, parent: etree._Element) -> dict[int, Level]:
        levels: dict[int, Level] = {}
        for lvl in parent.findall(self._w("lvl")):
            ilvl = _to_int(lvl.get(self._w("ilvl")))
            if ilvl is not None and 0 <= ilvl < MAX_LEVELS:
                levels[ilvl] = self._level(lvl)
        return levels

    def _read_numbering(self, root: etree._Element) -> None:
        for abstract in root.findall(self._w("abstractNum")):
            key = abstract.get(self._w("abstractNumId")) or ""
            self.abstracts[key] = self._levels(abstract)
            link = self._val(abstract, "numStyleLink")
            if link:
                self._links[key] = link
        for num in root.findall(self._w("num")):
            num_id = num.get(self._w("numId")) or ""
            instance = _Instance(self._val(num, "abstractNumId") or "")
            for override in num.findall(self._w("lvlOverride")):
                ilvl = _to_int(override.get(self._w("ilvl")))
                if ilvl is None or not 0 <= ilvl < MAX_LEVELS:
                    continue
                start = self._int(override, "startOverride")
                if start is not None:
                    instance.overrides[ilvl] = start
                lvl = override.find(self._w("lvl"))
                if lvl is not None:
                    instance.level_overrides[ilvl] = self._level(lvl)
            self.instances[num_id] = instance

    def _read_styles(self, root: etree._Element) -> None:
        raw: dict[str, tuple[str | None, _StyleInfo]] = {}
        for style in root.findall(self._w("style")):
            if style.get(self._w("type"), "paragraph") != "paragraph":
                continue
            style_id = style.get(self._w("styleId")) or ""
            ppr = style.find(self._w("pPr"))
            num_pr = None if ppr is None else ppr.find(self._w("numPr"))
            outline = self._int(ppr, "outlineLvl")
            name = self._val(style, "name") or ""
            heading = _HEADING_NAME.match(name.strip())
            if outline is None and heading:
                outline = int(heading.group(1)) - 1
            raw[style_id] = (self._val(style, "basedOn"),
                             _StyleInfo(self._val(num_pr, "numId"), self._int(num_pr, "ilvl"), outline))
        for style_id in raw:
            self.styles[style_id] = _resolve(style_id, raw)

    def paragraph(self, p: etree._Element) -> ParagraphNumber | None:
        """Label and level of paragraph ``p``, advancing the counters; None for plain body text."""
        ppr = p.find(self._w("pPr"))
        style = self.styles.get(self._val(ppr, "pStyle") or "")
        num_pr = None if ppr is None else ppr.find(self._w("numPr"))
        num_id = self._val(num_pr, "numId") or (style.num_id if style else None)
        ilvl = self._int(num_pr, "ilvl")
        if ilvl is None:
            ilvl = style.ilvl if style and style.ilvl is not None else 0
        outline = self._int(ppr, "outlineLvl")
        if outline is None and style is not None:
            outline = style.outline
        if num_id and num_id != "0" and num_id in self.instances and 0 <= ilvl < MAX_LEVELS:
            numbered = self._advance(num_id, ilvl)
            if numbered is not None and numbered.label.strip():
                return numbered  # a bullet or "none" list item is body text unless it is a heading
        if outline is not None and 0 <= outline < MAX_LEVELS:
            return ParagraphNumber("", outline, "outline")
        return None

    def _level_def(self, instance: _Instance, ilvl: int) -> Level | None:
        if ilvl in instance.level_overrides:
            return instance.level_overrides[ilvl]
        return self._abstract_levels(instance.abstract).get(ilvl)

    def _abstract_levels(self, abstract: str) -> dict[int, Level]:
        """An abstract list's levels; one that only links to a numbering style takes that style's."""
        levels = self.abstracts.get(abstract, {})
        link = self._links.get(abstract)
        if not levels and link and link in self.styles:
            target = self.instances.get(self.styles[link].num_id or "")
            if target is not None and target.abstract != abstract:
                return self.abstracts.get(target.abstract, {})
        return levels

    def _advance(self, num_id: str, ilvl: int) -> ParagraphNumber | None:
        instance = self.instances[num_id]
        level = self._level_def(instance, ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(instance.abstract, [None] * MAX_LEVELS)
        if ilvl in instance.overrides and ilvl not in instance.used:
            counters[ilvl] = instance.overrides[ilvl] - 1
        instance.used.add(ilvl)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for lower in range(ilvl + 1, MAX_LEVELS):
            lower_def = self._level_def(instance, lower)
            restart = lower_def.restart if lower_def is not None else None
            if restart is None or (restart != 0 and restart > ilvl):
                counters[lower] = None
        look = f"{ilvl}|{level.fmt}|{_PLACEHOLDER.sub('%', level.text)}"
        return ParagraphNumber(self._render(instance, level, counters), ilvl, instance.abstract, look)

    def _render(self, instance: _Instance, level: Level, counters: list[int | None]) -> str:
        if level.fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            definition = self._level_def(instance, index) or Level()
            value = counters[index]
            if value is None:
                value = definition.start
            fmt = "decimal" if level.legal and definition.fmt != "decimalZero" else definition.fmt
            return format_number(fmt, value)

        return _PLACEHOLDER.sub(number, level.text)


def _to_int(value: str | None) -> int | None:
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def _resolve(style_id: str, raw: dict[str, tuple[str | None, _StyleInfo]]) -> _StyleInfo:
    """A style's numbering and outline level, inherited through ``w:basedOn`` (cycles stop)."""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    seen: set[str] = set()
    current: str | None = style_id
    while current and current in raw and current not in seen:
        seen.add(current)
        based_on, info = raw[current]
        num_id = num_id if num_id is not None else info.num_id
        ilvl = ilvl if ilvl is not None else info.ilvl
        outline = outline if outline is not None else info.outline
        current = based_on
    return _StyleInfo(num_id, ilvl, outline)

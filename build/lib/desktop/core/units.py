"""The units directory: who can be 牵头/责任/配合单位, and how unit cells refer to them.

A :class:`Unit` is an organisation (区财政局) or a group (各街道（镇）) with an optional short name
and aliases. The :class:`UnitDirectory` keeps them in the clerk's order and finds a unit by any of
its names. Attribute cells stay plain text: :func:`parse_cell` tells which tokens of a cell are
units and which are free text (按职责分工分别牵头落实 …), and joining the parts gives back the cell
exactly. :func:`make_rename_unit` is the core operation behind "rename this unit everywhere".
No Qt and no SQL here; the workspace store persists the directory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from desktop.core.model import UNIT_ATTRIBUTES, Plan, PlanError
from desktop.core.operations import Batch, Operation, SetAttr
from desktop.core.unit_text import (
    is_single_name,
    normalise_name,
    replace_name,
    segments,
    split_units,
)

__all__ = [
    "KINDS",
    "Unit",
    "UnitDirectory",
    "UnitError",
    "UnitRef",
    "free_text",
    "guess_kind",
    "join_units",
    "make_rename_unit",
    "parse_cell",
    "render_cell",
    "split_units",
    "unit_usage",
    "unmatched_names",
]

KINDS: tuple[str, ...] = ("organisation", "group")
_GROUP_MARKS = ("有关", "各部门", "各单位", "相关")


class UnitError(PlanError):
    """A unit edit that cannot be done; the message is one plain sentence for the user."""


def _bad_name(text: str) -> str:
    return f"“{text}”不能作为单位名称：名称不能为空，括号外也不能含有顿号、逗号、分号或换行。"


def guess_kind(name: str) -> str:
    """"group" for names such as 各街道（镇） or 区政府有关部门单位, else "organisation"."""
    if name.startswith("各") or any(mark in name for mark in _GROUP_MARKS):
        return "group"
    return "organisation"


@dataclass(frozen=True)
class Unit:
    """One entry of the directory; ``id`` is the store's id (None before it is stored)."""

    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    sort_order: int = 0
    kind: str = "organisation"
    id: int | None = None

    def names(self) -> tuple[str, ...]:
        """The name, then the short name and aliases: every text that refers to this unit."""
        extra = (self.short_name, *self.aliases)
        return (self.name, *(n for n in extra if n))

    def check(self) -> None:
        """Raise :class:`UnitError` unless every name is one clean token and the kind is known."""
        if self.kind not in KINDS:
            raise UnitError(f"单位类别只能是 {'、'.join(KINDS)}。")
        for text in self.names():
            if not is_single_name(text):
                raise UnitError(_bad_name(text))


@dataclass(frozen=True)
class UnitRef:
    """A token of a cell that names a directory unit: ``text`` as written, ``name`` the unit's name."""

    name: str
    text: str
    unit_id: int | None = None


@dataclass
class UnitDirectory:
    """The units in the clerk's order (by ``sort_order``, then as given), found by any of their names."""

    units: list[Unit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.units = sorted(self.units, key=lambda unit: unit.sort_order)
        self._by_key: dict[str, int] = {}
        for index, unit in enumerate(self.units):
            for text in unit.names():
                self._by_key.setdefault(normalise_name(text), index)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.find(text) is not None

    def names(self) -> list[str]:
        return [unit.name for unit in self.units]

    def find(self, text: str) -> Unit | None:
        """The unit whose name, short name or alias equals the text (ignoring spaces and bracket width)."""
        index = self._by_key.get(normalise_name(text))
        return None if index is None else self.units[index]

    def position(self, text: str) -> int | None:
        """The unit's place in directory order, or None for text that is not a unit."""
        return self._by_key.get(normalise_name(text))

    def get(self, name: str) -> Unit:
        """The unit with exactly this name (not an alias)."""
        unit = self.find(name)
        if unit is None or normalise_name(unit.name) != normalise_name(name):
            raise UnitError(f"单位名录中没有“{name}”。")
        return unit

    def check_new(self, unit: Unit, replacing: str | None = None) -> None:
        """Raise :class:`UnitError` if the unit is malformed or one of its names is taken by another unit."""
        unit.check()
        own = {normalise_name(text) for text in unit.names()}
        if len(own) != len(unit.names()):
            raise UnitError(f"“{unit.name}”的简称或别名重复了。")
        skip = None if replacing is None else normalise_name(replacing)
        for other in self.units:
            if skip is not None and normalise_name(other.name) == skip:
                continue
            for text in other.names():
                if normalise_name(text) in own:
                    raise UnitError(f"“{text}”已是单位“{other.name}”的名称或别名。")


def parse_cell(text: str, directory: UnitDirectory) -> list[UnitRef | str]:
    """The cell as parts: :class:`UnitRef` for tokens naming a unit, ``str`` for free text and separators.

    ``render_cell(parse_cell(text, d)) == text`` for every text.
    """
    parts: list[UnitRef | str] = []
    for piece, is_name in segments(text):
        unit = directory.find(piece) if is_name else None
        parts.append(piece if unit is None else UnitRef(unit.name, piece, unit.id))
    return parts


def render_cell(parts: Sequence[UnitRef | str]) -> str:
    return "".join(part.text if isinstance(part, UnitRef) else part for part in parts)


def free_text(parts: Sequence[UnitRef | str]) -> list[str]:
    """The tokens of parsed parts that are not units (separators left out)."""
    return [part for part in parts if isinstance(part, str) and is_single_name(part)]


def join_units(names: Iterable[str], directory: UnitDirectory, by_hand: bool = False) -> str:
    """Names joined with 、: in directory order (free text last) unless the user ordered them by hand.

    Each name is kept as given; a second name for an already listed unit is dropped.
    """
    picked: list[tuple[tuple[int, int], str]] = []
    seen: set[str] = set()
    for index, raw in enumerate(names):
        name = raw.strip()
        if not name:
            continue
        unit = directory.find(name)
        key = f"unit:{unit.name}" if unit is not None else f"text:{normalise_name(name)}"
        if key in seen:
            continue
        seen.add(key)
        position = directory.position(name)
        order = (index, 0) if by_hand else ((0, position) if position is not None else (1, index))
        picked.append((order, name))
    picked.sort(key=lambda item: item[0])
    return "、".join(name for _, name in picked)


def make_rename_unit(plan: Plan, old: str, new: str) -> Batch:
    """One undo step renaming the unit in every lead/units/cooperating value of the plan.

    Only whole tokens equal to ``old`` change; free text that merely contains it is left alone.
    """
    new = new.strip()
    if not is_single_name(new):
        raise UnitError(_bad_name(new))
    ops: list[Operation] = []
    for task in plan.tasks():
        for key in UNIT_ATTRIBUTES:
            value = task.attrs.get(key)
            if value:
                changed = replace_name(value, old, new)
                if changed != value:
                    ops.append(SetAttr(task.id, key, changed, label="重命名单位"))
    return Batch(ops, label=f"将“{old}”改名为“{new}”")


def unit_usage(plan: Plan, directory: UnitDirectory) -> dict[str, int]:
    """For every directory unit, how many attribute cells of the plan name it (0 when unused)."""
    counts = dict.fromkeys(directory.names(), 0)
    for task in plan.tasks():
        for key in UNIT_ATTRIBUTES:
            value = task.attrs.get(key)
            if not value:
                continue
            named = {part.name for part in parse_cell(value, directory) if isinstance(part, UnitRef)}
            for name in named:
                counts[name] += 1
    return counts


def unmatched_names(plan: Plan, directory: UnitDirectory) -> dict[str, int]:
    """Tokens of the plan's unit cells that name no directory unit, with how many cells hold them."""
    counts: dict[str, int] = {}
    for task in plan.tasks():
        for key in UNIT_ATTRIBUTES:
            for token in set(split_units(task.attrs.get(key) or "")):
                if directory.find(token) is None:
                    counts[token] = counts.get(token, 0) + 1
    return counts


"""Which units a leaf is assigned to: the names in its 牵头单位 and 责任单位 cells, without duty phrases.

Real cells attach a phrase to the last unit — ``市国税局按职责分工分别牵头落实``, ``市环保局牵头落实``,
``区农业农村局等有关部门单位`` — which :func:`~desktop.core.unit_text.split_units` keeps as part of
the token. For progress tracking the unit is 市国税局 / 市环保局 / 区农业农村局, so
:func:`unit_name` strips those phrases; with a units directory a token is also mapped to the
unit's own name (a short name or alias finds the same unit). The cell text itself is not touched.
"""

from __future__ import annotations

import re

from desktop.core.unit_text import split_units
from desktop.core.units import UnitDirectory

# Duty phrases written after the last unit of a cell, longest first.
_DUTY_SUFFIX = re.compile(
    r"(?:按职责分工|按照职责分工|按职责|根据职责)?(?:分别)?(?:牵头)?(?:负责|落实|抓好落实|贯彻落实)*$"
    r"|(?:牵头|配合|参与|协助)$")
# "X等有关部门单位": the named unit stands for the group.
_ET_CETERA = re.compile(r"等(?:其他)?(?:有关|相关)?(?:部门|单位|部门单位|部门（单位）)$")


def unit_name(token: str, directory: UnitDirectory | None = None) -> str:
    """The unit a cell token names: directory name when known, else the token without duty phrases."""
    if directory is not None:
        unit = directory.find(token)
        if unit is not None:
            return unit.name
    name = token.strip()
    for _ in range(3):  # 市环保局等有关部门牵头落实: strip the duty phrase, then 等…
        stripped = _ET_CETERA.sub("", _DUTY_SUFFIX.sub("", name)).strip()
        if stripped == name:
            break
        name = stripped
    if directory is not None and name:
        unit = directory.find(name)
        if unit is not None:
            return unit.name
    return name


def cell_units(text: str, directory: UnitDirectory | None = None) -> list[str]:
    """The distinct unit names of a cell, in the cell's order (empty tokens dropped)."""
    names: list[str] = []
    for token in split_units(text or ""):
        name = unit_name(token, directory)
        if name and name not in names:
            names.append(name)
    return names

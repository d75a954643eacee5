"""Comparing a plan with a sample's ``*.canonical.json`` leaf by leaf.

Both sides reduce to one dict per leaf, in order: the category path and requirement text with
numbering prefixes and all white space removed, and the effective lead / responsible units /
deadline (white space removed). Equal lists mean the plan shows what the annex shows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.model import Plan
from desktop.core.numbering import strip_number
from desktop.core.textclean import normalise_space

COMPARED_ATTRS = ("lead", "units", "deadline")


def _text(value: str) -> str:
    return normalise_space(strip_number(normalise_space(value)))


def leaf_rows(plan: Plan) -> list[dict[str, Any]]:
    """Path texts without numbering, text and effective lead/units/deadline of every leaf."""
    rows = []
    for leaf in plan.leaves():
        row: dict[str, Any] = {"path": [_text(a.text) for a in leaf.ancestors()], "text": _text(leaf.text)}
        for key in COMPARED_ATTRS:
            row[key] = normalise_space(leaf.effective(key))
        rows.append(row)
    return rows


def canonical_leaf_rows(source: Path | dict[str, Any]) -> list[dict[str, Any]]:
    """The same rows from a canonical JSON file (or its parsed data)."""
    data = json.loads(Path(source).read_text(encoding="utf-8")) if isinstance(source, Path) else source
    rows = []
    for leaf in data["leaves"]:
        path = [_text(p) for p in leaf["path"] if _text(p)]
        row: dict[str, Any] = {"path": path, "text": _text(leaf["text"])}
        for key in COMPARED_ATTRS:
            row[key] = normalise_space(leaf.get(key, ""))
        rows.append(row)
    return rows


def first_difference(actual: list[dict[str, Any]], expected: list[dict[str, Any]]) -> str:
    """A readable description of the first differing leaf, or "" when the lists are equal."""
    for index, (a, e) in enumerate(zip(actual, expected, strict=False)):
        if a != e:
            keys = [k for k in e if a.get(k) != e.get(k)]
            return f"leaf {index + 1}: " + "; ".join(f"{k}: {a.get(k)!r} != {e.get(k)!r}" for k in keys)
    if len(actual) != len(expected):
        return f"{len(actual)} leaves, expected {len(expected)}"
    return ""

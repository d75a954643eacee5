"""Text similarity and in-text differences for comparing rows (character level, for Chinese)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_SPACE = re.compile(r"\s+")
_TRAILING = "。；;，,、：:.！!？? \t\r\n"

Segment = tuple[str, str]  # (op, text): op is "equal", "delete" (only in the old text) or "insert"


def normalize(text: str) -> str:
    """The text as compared: without any whitespace (sources differ in stray spaces and breaks)."""
    return _SPACE.sub("", text)


def core(text: str) -> str:
    """A normalized text without its closing punctuation, for finding it inside a merged row."""
    return normalize(text).rstrip(_TRAILING)


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two normalized texts (1.0 equal, 0.0 nothing in common)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.3 or matcher.quick_ratio() < 0.3:
        return matcher.quick_ratio()
    return matcher.ratio()


def inline_diff(old: str, new: str) -> list[Segment]:
    """The differences between two texts as segments, kept in reading order."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", old[i1:i2]))
            continue
        if i2 > i1:
            segments.append(("delete", old[i1:i2]))
        if j2 > j1:
            segments.append(("insert", new[j1:j2]))
    return segments


def old_side(segments: list[Segment]) -> list[Segment]:
    return [s for s in segments if s[0] != "insert"]


def new_side(segments: list[Segment]) -> list[Segment]:
    return [s for s in segments if s[0] != "delete"]

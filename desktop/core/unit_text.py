"""Cutting a unit cell's text into unit names and separators, without ever losing a character.

A cell such as ``各县（市、区）、市财政局按职责分工分别牵头落实`` is a list of names separated by 、 ，
, ; ； or line breaks — but a separator inside brackets belongs to the name (各县（市、区） is one
unit). :func:`segments` returns the pieces in order, each flagged as a name token or a separator
run (white space around a name goes with the separator), so ``"".join`` of the pieces is always the
original text, byte for byte. Everything here works on plain strings; the directory lives in
``desktop.core.units``.
"""

from __future__ import annotations

import re
from functools import lru_cache

SEPARATORS = frozenset("、，,;；\n")
OPENING = frozenset("（([【〔｛{")
CLOSING = frozenset("）)]】〕｝}")
_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）"})
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def normalise_name(text: str) -> str:
    """The key used to compare unit names: no white space, half-width brackets made full-width.

    Cached: a plan names a few hundred units in tens of thousands of assignments."""
    return _SPACE.sub("", text).translate(_HALF_TO_FULL)


def _protected(text: str) -> list[bool]:
    """For each character, whether it lies inside a matched pair of brackets."""
    inside = [False] * len(text)
    stack: list[int] = []
    for i, char in enumerate(text):
        if char in OPENING:
            stack.append(i)
        elif char in CLOSING and stack:
            start = stack.pop()
            if not stack:
                for j in range(start, i + 1):
                    inside[j] = True
    return inside


def segments(text: str) -> list[tuple[str, bool]]:
    """The text as ``(piece, is_name)`` pairs; separators and surrounding white space are not names."""
    inside = _protected(text)
    out: list[tuple[str, bool]] = []
    start = 0
    for i, char in enumerate(text):
        if char in SEPARATORS and not inside[i]:
            _add_token(out, text[start:i])
            _add_separator(out, char)
            start = i + 1
    _add_token(out, text[start:])
    return out


def _add_separator(out: list[tuple[str, bool]], piece: str) -> None:
    if not piece:
        return
    if out and not out[-1][1]:
        out[-1] = (out[-1][0] + piece, False)
    else:
        out.append((piece, False))


def _add_token(out: list[tuple[str, bool]], raw: str) -> None:
    stripped = raw.strip()
    if not stripped:
        _add_separator(out, raw)
        return
    lead = raw[: len(raw) - len(raw.lstrip())]
    trail = raw[len(raw.rstrip()):]
    _add_separator(out, lead)
    out.append((stripped, True))
    _add_separator(out, trail)


def split_units(text: str) -> list[str]:
    """The names in a cell, in order, stripped; separators inside brackets do not split."""
    return [piece for piece, is_name in segments(text) if is_name]


def is_single_name(text: str) -> bool:
    """True when the text is exactly one name (no top-level separator, no outer white space)."""
    return bool(text) and segments(text) == [(text, True)]


def replace_name(text: str, old: str, new: str) -> str:
    """The text with every name token equal to ``old`` (see :func:`normalise_name`) replaced.

    Everything else is kept as written. If ``new`` then appears more than once, the later
    occurrences are dropped together with the separator before them.
    """
    old_key, new_key = normalise_name(old), normalise_name(new)
    pieces = segments(text)
    if not any(is_name and normalise_name(piece) == old_key for piece, is_name in pieces):
        return text
    replaced = [(new if is_name and normalise_name(piece) == old_key else piece, is_name)
                for piece, is_name in pieces]
    out: list[tuple[str, bool]] = []
    seen = False
    for piece, is_name in replaced:
        if is_name and normalise_name(piece) == new_key:
            if seen:
                if out and not out[-1][1]:
                    out.pop()
                continue
            seen = True
        out.append((piece, is_name))
    return "".join(piece for piece, _ in out)


def contains_name(text: str, name: str) -> bool:
    key = normalise_name(name)
    return any(is_name and normalise_name(piece) == key for piece, is_name in segments(text))

"""Cleaning text on its way into a plan: characters XML 1.0 forbids never reach the model.

Word's soft line break (vertical tab, \\x0b) and form feed become newlines; other control
characters, non-characters such as U+FFFE and lone surrogates are dropped. SQLite would store them
happily, but python-docx, lxml and openpyxl refuse them at export time, so they are cleaned here,
once, where text enters.
"""

from __future__ import annotations

import re

_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\r": "\n"})
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text safe for XML 1.0 with Word's line breaks kept as newlines."""
    if not isinstance(text, str):
        raise TypeError(f"expected text, got {type(text).__name__}")
    if text.isprintable() and "\r" not in text:
        return text
    return _FORBIDDEN.sub("", text.replace("\r\n", "\n").translate(_LINE_BREAKS))


def normalise_space(text: str) -> str:
    """Text with all white space removed, for comparing CJK texts from different sources."""
    return re.sub(r"\s+", "", text)

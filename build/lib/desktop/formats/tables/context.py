"""The title, 附件 label and year of an annex, from the paragraphs (or title rows) before its table."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_LABEL = re.compile(r"^(附\s*件\s*[0-9０-９一二三四五六七八九十]*)\s*[:：]?\s*(.*)$")
_YEAR = re.compile(r"(19[5-9]\d|20\d\d)\s*年")
MAX_TITLE_CHARS = 100


@dataclass
class TableContext:
    title: str = ""
    attachment_label: str = ""
    year: int | None = None


_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def _squash(text: str) -> str:
    """White space collapsed; none left between two CJK characters (stray spaces in sources)."""
    return _CJK_GAP.sub("", " ".join(text.split()))


def context_from_paragraphs(paragraphs: Sequence[str]) -> TableContext:
    """Title and 附件 label: the paragraphs after the last 附件 label, else the last paragraph."""
    lines = [_squash(p) for p in paragraphs]
    lines = [p for p in lines if p]
    label = ""
    after: list[str] = lines
    for index in range(len(lines) - 1, -1, -1):
        match = _LABEL.match(lines[index])
        if match and len(match.group(2)) <= MAX_TITLE_CHARS:
            label = re.sub(r"\s+", "", match.group(1))
            after = ([match.group(2)] if match.group(2) else []) + lines[index + 1:]
            break
    title = ""
    if after:
        joined = "".join(after[-3:])
        title = joined if len(joined) <= MAX_TITLE_CHARS else after[-1][:MAX_TITLE_CHARS * 2]
    year_match = _YEAR.search(title)
    return TableContext(title, label, int(year_match.group(1)) if year_match else None)

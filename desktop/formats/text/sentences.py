"""Splitting work-plan paragraphs into sentences, and spotting unit names in them.

The sentence splitter itself lives in ``desktop.core.sentences`` (splitting a row uses it too);
headings and unit names are found here.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.sentences import split_sentences  # noqa: F401 (the importers' entry)


def first_sentence(text: str) -> tuple[str, str, str]:
    """(sentence without its end mark, the end mark, the rest) for a heading such as "（一）标题。正文…"."""
    for index, char in enumerate(text):
        if char in "。！？":
            head = text[:index]
            if head.count("（") + head.count("(") == head.count("）") + head.count(")") and \
                    head.count("“") == head.count("”"):
                return head.strip(), char, text[index + 1:].strip()
    return text.strip(), "", ""


def find_units(sentence: str, unit_names: Sequence[str]) -> list[str]:
    """Unit names that occur in a sentence, in order of appearance; longer names win overlaps."""
    taken: list[tuple[int, int, str]] = []
    for name in sorted({n.strip() for n in unit_names if n and n.strip()}, key=len, reverse=True):
        start = sentence.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(s < end and start < e for s, e, _ in taken):
                taken.append((start, end, name))
                break
            start = sentence.find(name, start + 1)
    taken.sort()
    return list(dict.fromkeys(name for _, _, name in taken))

"""Splitting work-plan paragraphs into sentences, and spotting unit names in them.

A sentence ends at 。；！？ (and their half-width forms ; ! ?) outside quotes and brackets, so
“…。” and （…；…） stay whole; a paragraph whose brackets never balance is split ignoring them.
"""

from __future__ import annotations

from collections.abc import Sequence

_OPENERS = "“‘「『（(【《〔［[{"
_CLOSERS = "”’」』）)】》〕］]}"
_ENDS = "。；！？;!?"


def _split(paragraph: str, mind_brackets: bool) -> tuple[list[str], int]:
    sentences: list[str] = []
    start = 0
    depth = 0
    straight_quote = False
    for index, char in enumerate(paragraph):
        if mind_brackets:
            if char in _OPENERS:
                depth += 1
            elif char in _CLOSERS:
                depth = max(0, depth - 1)
            elif char == '"':
                straight_quote = not straight_quote
        if char in _ENDS and depth == 0 and not straight_quote:
            sentences.append(paragraph[start:index + 1])
            start = index + 1
    sentences.append(paragraph[start:])
    return [s.strip() for s in sentences if s.strip()], depth + int(straight_quote)


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, each keeping its end mark."""
    sentences, open_brackets = _split(paragraph, True)
    if open_brackets:
        sentences, _ = _split(paragraph, False)
    return sentences


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

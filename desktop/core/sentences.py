"""Splitting Chinese text into sentences (for the importers and for splitting a row).

A sentence ends at 。；！？ (and their half-width forms ; ! ?) outside quotes and brackets, so
“…。” and （…；…） stay whole; a paragraph whose brackets never balance is split ignoring them.
"""

from __future__ import annotations

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

"""Pairing the rows of two plan versions: by identity, by equal text, by similar text, then
merges (one row's text is the concatenation of several old rows) and splits (the reverse)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.core.compare.rows import Row
from desktop.core.compare.textdiff import core, similarity

SIMILAR = 0.6  # texts at least this similar are one row reworded, not a delete plus an insert
CANDIDATES = 8  # similar-text candidates checked per row (the ones sharing most character pairs)
MIN_PART = 4  # a merged or split part has at least this many characters
COVERAGE = 0.8  # the parts make up at least this share of the merged (or split) text


@dataclass
class Matching:
    """Which old row became which new row (indices into the two row lists)."""

    pairs: dict[int, int] = field(default_factory=dict)  # old -> new
    merges: dict[int, list[int]] = field(default_factory=dict)  # new -> further old rows merged into it
    splits: dict[int, list[int]] = field(default_factory=dict)  # old -> further new rows split off it

    def new_to_old(self) -> dict[int, int]:
        return {n: o for o, n in self.pairs.items()}


def _bigrams(text: str) -> set[str]:
    if len(text) < 2:
        return {text} if text else set()
    return {text[i:i + 2] for i in range(len(text) - 1)}


class _Index:
    """Character-pair postings of a list of texts, to find candidates without comparing all pairs."""

    def __init__(self, texts: dict[int, str]) -> None:
        self.texts = texts
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, text in texts.items():
            for gram in _bigrams(text):
                self.postings[gram].append(index)
        self.limit = max(64, len(texts) // 8)

    def similar(self, text: str) -> list[int]:
        """The texts sharing most character pairs with ``text`` (very common pairs are ignored)."""
        counts: Counter[int] = Counter()
        for gram in _bigrams(text):
            posting = self.postings.get(gram)
            if posting and len(posting) <= self.limit:
                counts.update(posting)
        return [index for index, _ in counts.most_common(CANDIDATES)]

    def containing(self, part: str) -> list[int]:
        """The texts that contain ``part`` (checked through its rarest character pair)."""
        grams = _bigrams(part)
        if not grams:
            return []
        rarest = min(grams, key=lambda gram: len(self.postings.get(gram, ())))
        return [index for index in self.postings.get(rarest, ()) if part in self.texts[index]]


def match_rows(old: list[Row], new: list[Row], identity: bool) -> Matching:
    """Pair old and new rows; see the module docstring for the order of the passes."""
    result = Matching()
    used_new: set[int] = set()
    if identity:
        by_id = {row.task_id: row.index for row in new}
        for row in old:
            other = by_id.get(row.task_id)
            if other is not None:
                result.pairs[row.index] = other
                used_new.add(other)
    _match_equal(old, new, result, used_new)
    _match_similar(old, new, result, used_new)
    _find_merges(old, new, result)
    return result


def _match_equal(old: list[Row], new: list[Row], result: Matching, used_new: set[int]) -> None:
    waiting: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for row in new:
        if row.index not in used_new:
            waiting[(row.key, row.is_leaf)].append(row.index)
    for kind in (True, False):  # same kind first, then a requirement that became a category or back
        for row in old:
            if row.index in result.pairs:
                continue
            queue = waiting.get((row.key, row.is_leaf if kind else not row.is_leaf))
            if queue:
                other = queue.pop(0)
                result.pairs[row.index] = other
                used_new.add(other)


def _match_similar(old: list[Row], new: list[Row], result: Matching, used_new: set[int]) -> None:
    free_new = {row.index: row.key for row in new if row.index not in used_new}
    free_old = [row for row in old if row.index not in result.pairs]
    if not free_new or not free_old:
        return
    index = _Index(free_new)
    scored: list[tuple[float, int, int]] = []
    for row in free_old:
        for candidate in index.similar(row.key):
            if new[candidate].is_leaf != row.is_leaf:
                continue
            ratio = similarity(row.key, new[candidate].key)
            if ratio >= SIMILAR:
                scored.append((ratio, row.index, candidate))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    for _, o, n in scored:
        if o in result.pairs or n in used_new:
            continue
        result.pairs[o] = n
        used_new.add(n)


def _find_merges(old: list[Row], new: list[Row], result: Matching) -> None:
    new_to_old = result.new_to_old()
    free_old = [row for row in old if row.index not in result.pairs]
    free_new = [row for row in new if row.index not in new_to_old]
    merges = _combine(free_old, new, new_to_old, old)
    for target, (primary, parts) in merges.items():
        if primary is not None:
            result.pairs[primary] = target
        result.merges[target] = parts
    new_to_old = result.new_to_old()
    free_new = [row for row in free_new if row.index not in new_to_old]
    splits = _combine(free_new, old, result.pairs, new)
    for target, (primary, parts) in splits.items():
        if primary is not None:
            result.pairs[target] = primary
        result.splits[target] = parts


def _combine(free: Iterable[Row], whole: list[Row], partner_of_whole: dict[int, int],
             free_side: list[Row]) -> dict[int, tuple[int | None, list[int]]]:
    """Rows of ``whole`` whose text is made of unpaired ``free`` rows (plus, if paired, its partner).

    Returns, per such row, the free row to pair it with (None when it is already paired) and the
    further free rows that went into it. Merges search the new rows for old parts, splits the old
    rows for new parts.
    """
    index = _Index({row.index: row.key for row in whole})
    parts: dict[int, list[int]] = defaultdict(list)
    taken: set[int] = set()
    for row in free:
        piece = core(row.text)
        if len(piece) < MIN_PART:
            continue
        for target in index.containing(piece):
            if row.index not in taken:
                parts[target].append(row.index)
                taken.add(row.index)
    found: dict[int, tuple[int | None, list[int]]] = {}
    for target, members in parts.items():
        text = whole[target].key
        partner = partner_of_whole.get(target)
        pieces = [core(free_side[m].text) for m in members]
        if partner is not None:
            own = core(free_side[partner].text)
            if own not in text or free_side[partner].key == text:
                continue
            pieces.append(own)
            primary: int | None = None
            extra = sorted(members)
        else:
            if len(members) < 2:
                continue
            ordered = sorted(members)
            primary, extra = ordered[0], ordered[1:]
        total = sum(len(piece) for piece in pieces)
        if not COVERAGE * len(text) <= total <= len(text):
            continue
        found[target] = (primary, extra)
    return found

"""``compare_plans``: two versions of a plan to a :class:`Comparison`."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from desktop.core.compare.matching import Matching, match_rows
from desktop.core.compare.result import AttrChange, Comparison, Entry
from desktop.core.compare.rows import Row, plan_rows
from desktop.core.compare.textdiff import inline_diff, normalize
from desktop.core.model import Plan


def compare_plans(old: Plan, new: Plan, *, identity: bool | None = None, old_label: str = "",
                  new_label: str = "", proposer: str = "") -> Comparison:
    """Compare two versions of a plan, matching rows by task id when ``identity`` holds.

    ``identity`` defaults to whether both are the same workspace plan (a snapshot and the plan, or
    two snapshots): their task ids then name the same rows. An imported file has fresh ids, so it
    is matched by content only.
    """
    if identity is None:
        identity = old.id is not None and old.id == new.id
    old_rows, new_rows = plan_rows(old), plan_rows(new)
    matching = match_rows(old_rows, new_rows, identity)
    entries = _entries(old_rows, new_rows, matching)
    return Comparison(old_label or old.title, new_label or new.title, entries, proposer)


def _moved(old_rows: list[Row], new_rows: list[Row], matching: Matching) -> set[int]:
    """New rows that moved: to another parent, or out of the longest run kept in order among siblings."""
    pairs = matching.pairs
    new_to_old = matching.new_to_old()
    moved: set[int] = set()
    groups: dict[int | None, list[tuple[int, int]]] = defaultdict(list)
    for row in new_rows:
        o = new_to_old.get(row.index)
        if o is None:
            continue
        old_parent = old_rows[o].parent
        same_parent = (old_parent is None and row.parent is None) or (
            old_parent is not None and pairs.get(old_parent) == row.parent and row.parent is not None)
        if not same_parent:
            moved.add(row.index)
        else:
            groups[row.parent].append((row.index, o))
    for members in groups.values():
        kept = _longest_increasing([o for _, o in members])
        moved.update(n for position, (n, _) in enumerate(members) if position not in kept)
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_pos: list[int] = []
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
            tail_pos.append(position)
        else:
            tails[slot] = value
            tail_pos[slot] = position
        previous[position] = tail_pos[slot - 1] if slot else -1
    kept: set[int] = set()
    position = tail_pos[-1] if tail_pos else -1
    while position != -1:
        kept.add(position)
        position = previous[position]
    return kept


def _attr_changes(old: Row, new: Row) -> list[AttrChange]:
    if not (old.is_leaf and new.is_leaf):
        return []
    changes = []
    for key in dict.fromkeys([*old.attrs, *new.attrs]):
        before, after = old.attrs.get(key, ""), new.attrs.get(key, "")
        if normalize(before) != normalize(after):
            changes.append(AttrChange(key, before, after))
    return changes


def _entries(old_rows: list[Row], new_rows: list[Row], matching: Matching) -> list[Entry]:
    new_to_old = matching.new_to_old()
    moved = _moved(old_rows, new_rows, matching)
    merged_parts = {o for parts in matching.merges.values() for o in parts}
    split_parts = {n for parts in matching.splits.values() for n in parts}
    removed_after: dict[int, list[int]] = defaultdict(list)  # new index (-1: before all) -> removed old rows
    anchor = -1
    for row in old_rows:
        partner = matching.pairs.get(row.index)
        if partner is not None:
            anchor = partner
        elif row.index not in merged_parts:
            removed_after[anchor].append(row.index)
    entries: list[Entry] = [_removed(old_rows[o]) for o in removed_after.get(-1, [])]
    for row in new_rows:
        if row.index in split_parts:
            continue
        o = new_to_old.get(row.index)
        if o is None:
            entries.append(Entry("added", [], [row.task_id], "", row.text, row.is_leaf, row.depth,
                                 [("insert", row.text)] if row.text else []))
        else:
            entries.append(_paired(old_rows, new_rows, o, row, matching, row.index in moved))
        entries.extend(_removed(old_rows[r]) for r in removed_after.get(row.index, []))
    return entries


def _removed(row: Row) -> Entry:
    return Entry("removed", [row.task_id], [], row.text, "", row.is_leaf, row.depth,
                 [("delete", row.text)] if row.text else [])


def _paired(old_rows: list[Row], new_rows: list[Row], o: int, row: Row, matching: Matching,
            moved: bool) -> Entry:
    old_row = old_rows[o]
    olds = [old_row] + [old_rows[p] for p in matching.merges.get(row.index, [])]
    olds.sort(key=lambda r: r.index)
    news = [row] + [new_rows[p] for p in matching.splits.get(o, [])]
    news.sort(key=lambda r: r.index)
    old_text = "\n".join(r.text for r in olds)
    new_text = "\n".join(r.text for r in news)
    if len(olds) > 1:
        kind = "merged"
    elif len(news) > 1:
        kind = "split"
    elif old_row.key != row.key:
        kind = "changed"
    else:
        kind = "same"
    segments = inline_diff(old_text, new_text) if kind != "same" else [("equal", row.text)]
    old_ids = [old_row.task_id] + [r.task_id for r in olds if r is not old_row]
    new_ids = [row.task_id] + [r.task_id for r in news if r is not row]
    entry = Entry(kind, old_ids, new_ids, old_text, new_text, row.is_leaf, row.depth, segments,
                  moved, _attr_changes(old_row, row))
    if moved:
        entry.old_place = old_rows[old_row.parent].text if old_row.parent is not None else ""
        entry.new_place = new_rows[row.parent].text if row.parent is not None else ""
    return entry

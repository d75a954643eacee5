"""Comparing two versions of a plan row by row (drafts, snapshots, a unit's edited copy).

``compare_plans(old, new)`` matches the rows of two plans — by task id where they share history,
by content otherwise — and returns a :class:`Comparison`: rows added, removed, changed (with the
differences inside the text), moved, merged and split, and attribute changes. ``accept_batch``
turns chosen entries of a comparison into one undoable :class:`~desktop.core.operations.Batch`.
Qt-free and storage-free.
"""

from desktop.core.compare.accept import accept_batch
from desktop.core.compare.compare import compare_plans
from desktop.core.compare.result import AttrChange, Comparison, Entry

__all__ = ["AttrChange", "Comparison", "Entry", "accept_batch", "compare_plans"]

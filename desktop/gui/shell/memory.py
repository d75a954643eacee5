"""Keeping Python's cyclic garbage collector off the open plans' objects, and giving them back.

A 2,000-leaf plan is some 100,000 long-lived objects; a full collection over them takes tens of
milliseconds and would land in the middle of an edit (docs/performance.md). After a plan is shown,
:func:`settle_after_open` moves everything alive into the collector's permanent generation
(``gc.freeze()``), so each edit's collections see only the edit's own short-lived objects.

Frozen objects are never collected, so a freeze must not outlive its reason: each new freeze first
thaws the previous one and collects, so the objects of a plan that was closed, reloaded or deleted
since (and its window's, when a window closes: :func:`release`) are freed instead of being kept for
the rest of the process.
"""

from __future__ import annotations

import gc


def settle_after_open() -> None:
    """After a plan is shown: free what earlier plans left behind, then freeze what is alive."""
    gc.unfreeze()  # give the previous freeze back (a no-op the first time)
    gc.collect()
    gc.freeze()


def release() -> None:
    """When the window closes: hand the frozen objects back to the collector."""
    gc.unfreeze()

"""gc.freeze() after a plan opens keeps edits fast, but never keeps dead objects for good."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from desktop.formats.tables.canonical import plan_from_canonical
from desktop.gui.shell import memory


def test_the_next_open_frees_what_the_previous_freeze_held(samples_dir: Path) -> None:
    plan = plan_from_canonical(samples_dir / "laiwu-2024.canonical.json")  # parent/child cycles
    root = weakref.ref(plan.root)
    try:
        memory.settle_after_open()
        assert gc.get_freeze_count() > 0
        del plan  # closed, reloaded or deleted: garbage, but frozen with the rest
        assert root() is not None
        memory.settle_after_open()  # the next plan is shown
        assert root() is None
    finally:
        memory.release()


def test_closing_the_window_gives_the_frozen_objects_back(qtbot, window) -> None:
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)  # the sample plan was shown, then frozen
    window.close()
    assert gc.get_freeze_count() == 0

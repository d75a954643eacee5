"""The workspace as the tests open it: like the app, a new one starts with the bundled sample plan.

``Workspace.open`` here takes ``seed_sample`` (default True) and hands the store the sample, as
the app and the command line do through ``desktop.formats.sample``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.formats.sample import bundled_sample
from desktop.store import workspace as store


class Workspace(store.Workspace):
    @classmethod
    def open(cls, path: Path | str | None = None, *, seed_sample: bool = True,  # type: ignore[override]
             **options: Any) -> Workspace:
        opened = super().open(path, sample=bundled_sample if seed_sample else None, **options)
        assert isinstance(opened, Workspace)
        return opened

"""The bundled sample plan, which the app and the command line hand to a new workspace.

The store does not read plan files (it sits below ``formats``): ``Workspace.open`` takes a
``sample`` callable, and :func:`open_workspace` is ``Workspace.open`` with this one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.model import Plan
from desktop.formats.plan_json import read_plan
from desktop.resources import sample_plan_path
from desktop.store.workspace import Workspace


def bundled_sample() -> Plan:
    """The Laiwu sample plan shipped in resources/ (a new workspace's first plan)."""
    return read_plan(sample_plan_path())


def open_workspace(path: Path | str | None = None, **options: Any) -> Workspace:
    """Open the workspace; a new one starts with the bundled sample plan."""
    return Workspace.open(path, sample=bundled_sample, **options)

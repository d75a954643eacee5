"""Fenjie's version, the same from a frozen bundle, an installed package or a plain source checkout.

The frozen bundle carries a ``VERSION`` resource written by ``pyinstaller.spec`` from pyproject.toml;
an installed package has its distribution metadata; a checkout that was never installed reads
``pyproject.toml`` beside the package. Only when all three are missing is the answer ``0+source``.
"""

from __future__ import annotations

import functools
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from desktop.resources import resource

DISTRIBUTION = "fenjie"
UNKNOWN = "0+source"
VERSION_RESOURCE = "VERSION"


@functools.cache
def app_version() -> str:
    """The version string, e.g. ``0.1.0``."""
    if getattr(sys, "frozen", False):
        bundled = _read_text(resource(VERSION_RESOURCE))
        if bundled:
            return bundled
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        pass
    return pyproject_version(Path(__file__).resolve().parent.parent / "pyproject.toml") or UNKNOWN


def pyproject_version(path: Path) -> str | None:
    """``project.version`` of a pyproject.toml, or None when the file is missing or has none."""
    text = _read_text(path)
    if text is None:
        return None
    import tomllib

    try:
        found = tomllib.loads(text).get("project", {}).get("version")
    except tomllib.TOMLDecodeError:
        return None
    return found if isinstance(found, str) and found else None


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None

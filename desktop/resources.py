"""Finding the files Fenjie ships (sample plans, icons, unit lists), from source or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, under ``sys._MEIPASS`` when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


SAMPLE_PLAN = ("samples", "laiwu-2024.fenjie.json")


def sample_plan_path() -> Path:
    return resource(*SAMPLE_PLAN)

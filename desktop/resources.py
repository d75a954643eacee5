"""Finding the files Fenjie ships (sample plans, icons, unit lists, the user guide), from source or a bundle.

This is the one place that knows where ``resources/`` is: beside the ``desktop`` package in a
checkout, and under ``sys._MEIPASS`` in the PyInstaller bundle (pyinstaller.spec copies the folder
there under the same name). Everything else asks these functions.
"""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLE_PLAN = ("samples", "laiwu-2024.fenjie.json")
DEFAULT_UNITS = ("units", "default-units.json")
APP_ICON = ("icons", "fenjie.png")
HELP_GUIDE = ("help", "guide.html")  # the user guide (F1); its pictures are in help/images/


def is_frozen() -> bool:
    """True when running from the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False) and getattr(sys, "_MEIPASS", None))


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, under ``sys._MEIPASS`` when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_plan_path() -> Path:
    """The Laiwu 2024 sample plan a new workspace starts with (fenjie-plan/1 JSON)."""
    return resource(*SAMPLE_PLAN)


def default_units_path() -> Path:
    """The units directory a new workspace starts with (``fenjie-units/1`` JSON)."""
    return resource(*DEFAULT_UNITS)


def app_icon_path() -> Path:
    """The application icon, 256 × 256 PNG."""
    return resource(*APP_ICON)


def help_guide_path() -> Path:
    """The user guide the help window shows (HTML; its screenshots beside it in ``images/``)."""
    return resource(*HELP_GUIDE)

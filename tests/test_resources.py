"""One helper finds the shipped resources, in a checkout and under PyInstaller's sys._MEIPASS."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

from desktop import resources

REPO = Path(__file__).resolve().parent.parent


def test_from_a_checkout_every_shipped_file_exists() -> None:
    assert resources.resources_dir() == REPO / "resources"
    assert not resources.is_frozen()
    for path in (resources.sample_plan_path(), resources.default_units_path(), resources.app_icon_path(),
                 resources.help_guide_path()):
        assert path.is_file(), path
        assert path.is_relative_to(REPO / "resources")


def test_in_a_bundle_the_same_names_are_under_meipass(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert resources.is_frozen()
    assert resources.resources_dir() == tmp_path / "resources"
    assert resources.default_units_path() == tmp_path / "resources" / "units" / "default-units.json"
    assert resources.resource("VERSION") == tmp_path / "resources" / "VERSION"
    assert resources.help_guide_path() == tmp_path / "resources" / "help" / "guide.html"


def test_the_icons_are_small_and_have_the_sizes_windows_wants() -> None:
    png = resources.app_icon_path().read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    assert len(png) < 64 * 1024
    ico = (REPO / "build" / "fenjie.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sizes = sorted(ico[6 + 16 * i] or 256 for i in range(count))
    assert sizes == [16, 24, 32, 48, 64, 128, 256]
    assert len(ico) < 128 * 1024

"""Where tests save the pictures kept in the repository: docs/images (for the docs and the README)
and resources/help/images (the user guide's screenshots), only when asked to refresh them.

A normal test run writes its screenshots to the test's temporary folder, so running the suite
leaves the checkout unchanged; ``FENJIE_UPDATE_IMAGES=1`` makes the same tests refresh the
committed pictures.
"""

from __future__ import annotations

import os
from pathlib import Path

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
HELP_IMAGES = Path(__file__).resolve().parents[2] / "resources" / "help" / "images"


def image_target(name: str, tmp_path: Path, folder: Path = DOCS_IMAGES) -> Path:
    if os.environ.get("FENJIE_UPDATE_IMAGES"):
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name
    return tmp_path / name


def help_image_target(name: str, tmp_path: Path) -> Path:
    """Where a screenshot for the user guide goes (resources/help/images when refreshing)."""
    return image_target(name, tmp_path, HELP_IMAGES)

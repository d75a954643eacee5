"""Where tests save the pictures kept for the README: docs/images only when asked to refresh them.

A normal test run writes its screenshots to the test's temporary folder, so running the suite
leaves the checkout unchanged; ``FENJIE_UPDATE_IMAGES=1`` makes the same tests refresh the
committed pictures under docs/images.
"""

from __future__ import annotations

import os
from pathlib import Path

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def image_target(name: str, tmp_path: Path) -> Path:
    if os.environ.get("FENJIE_UPDATE_IMAGES"):
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        return DOCS_IMAGES / name
    return tmp_path / name

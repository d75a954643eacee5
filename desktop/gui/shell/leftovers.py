"""At start, remove what killed exports left behind in the folders the clerk exports to.

An export stages its file under a hidden name beside the target (``desktop.formats.atomic``); if
the app or the machine dies mid-export, that hidden file stays. The folders the app remembers for
its exports are swept once after the window shows: only leftovers older than an hour go, so an
export another Fenjie process is writing right now is never touched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.formats.atomic import remove_stale_temporaries

EXPORT_FOLDER_KEYS = ("export_folder", "feedback_export_folder", "report_folder", "remind_folder")


def remembered_export_folders(settings: QSettings) -> list[Path]:
    folders: list[Path] = []
    for key in EXPORT_FOLDER_KEYS:
        value = str(settings.value(key, "") or "")
        if value and Path(value) not in folders:
            folders.append(Path(value))
    return folders


def clean_export_leftovers(settings: QSettings) -> list[Path]:
    """Delete stale export leftovers in every remembered export folder; returns what went."""
    removed: list[Path] = []
    for folder in remembered_export_folders(settings):
        if folder.is_dir():
            removed.extend(remove_stale_temporaries(folder))
    return removed

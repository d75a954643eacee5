"""The guide's sections a dialog opens at when the clerk presses F1 in it (anchors of guide.html).

Each is the ``id`` of a heading in ``resources/help/guide.html``; ``tests/gui/help`` checks that
every one of them is there.
"""

from __future__ import annotations

START = ""  # the top of the guide
IMPORT_FILE = "import-file"
EDIT_MERGE = "edit-merge"
EDIT_REPLACE = "edit-replace"
EDIT_UNDO = "edit-undo"
UNITS = "units"
UNITS_DIRECTORY = "units-directory"
PRINT_STYLE = "print-style"
PRINT_PREVIEW = "print-preview"
TRACKING_EXPORT = "tracking-export"
TRACKING_IMPORT = "tracking-import"
TRACKING_REMIND = "tracking-remind"
TRACKING_DASHBOARD = "tracking-dashboard"
VERSIONS_SNAPSHOTS = "versions-snapshots"
VERSIONS_COMPARE = "versions-compare"
KEYS = "keys"

ALL = (IMPORT_FILE, EDIT_MERGE, EDIT_REPLACE, EDIT_UNDO, UNITS, UNITS_DIRECTORY, PRINT_STYLE, PRINT_PREVIEW,
       TRACKING_EXPORT, TRACKING_IMPORT, TRACKING_REMIND, TRACKING_DASHBOARD, VERSIONS_SNAPSHOTS,
       VERSIONS_COMPARE, KEYS)

"""Report what takes the space in the frozen bundle, as a Markdown table for docs/performance.md.

Run from the repository root after a build: ``python build/bundle_size.py [BUNDLE_DIR]`` (default
build/pyinstaller-dist/fenjie). Sizes are the files' own sizes; symbolic links count as nothing.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "build" / "pyinstaller-dist" / "fenjie"

# (group, pattern on the path inside the bundle), first match wins.
GROUPS = [
    ("Qt: ICU data (libicudata, needed by QtCore)", r"libicudata"),
    ("Qt: libraries (Core, Gui, Widgets, PrintSupport, DBus, XcbQpa, Wayland, ICU code)",
     r"PySide6/Qt/lib/|(^|/)Qt6[^/]*\.dll$"),
    ("Qt: plugins (platforms, image formats, print support, input, themes)",
     r"PySide6/Qt/plugins/|/plugins/"),
    ("Qt: zh_CN translations", r"\.qm$"),
    ("PySide6/shiboken6 bindings", r"PySide6/|shiboken6/|libpyside6|libshiboken6"),
    ("Python runtime (libpython, extension modules, base_library.zip)",
     r"libpython|python3\d*\.dll|/python3\.\d+/|base_library\.zip|\.pyd$|_internal/[^/]*\.cpython-"),
    ("Python code of Fenjie and its dependencies (archive inside the executable)", r"^[^/]+$"),
    ("lxml (etree only)", r"_internal/lxml/"),
    ("Pillow (needed by reportlab)", r"_internal/(PIL|pillow\.libs)/"),
    ("reportlab data (fonts, …)", r"_internal/reportlab/"),
    ("python-docx (templates and code)", r"_internal/docx/"),
    ("Fenjie resources (sample, units, icon, VERSION)", r"_internal/resources/"),
    ("System libraries (cups, gnutls, krb5, xcb, fontconfig, glib, …)", r"_internal/lib[^/]*\.so"),
]


def sizes(bundle: Path) -> dict[str, int]:
    totals: dict[str, int] = {}
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        relative = path.relative_to(bundle).as_posix()
        group = next((name for name, pattern in GROUPS if re.search(pattern, relative)), "other")
        totals[group] = totals.get(group, 0) + path.stat().st_size
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, nargs="?", default=DEFAULT)
    args = parser.parse_args()
    totals = sizes(args.bundle)
    everything = sum(totals.values())
    print("| part | size | share |\n| --- | --- | --- |")
    for name, size in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"| {name} | {size / 2**20:.1f} MB | {100 * size / everything:.0f} % |")
    print(f"| **total** | **{everything / 2**20:.1f} MB** | |")


if __name__ == "__main__":
    main()

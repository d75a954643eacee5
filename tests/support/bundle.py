"""Building (or reusing a fresh build of) the frozen Linux bundle for tests/test_frozen_bundle.py.

The bundle is rebuilt with build/build-linux.sh (``--no-venv``: the interpreter running the tests,
which must have the ``build`` extra) unless build/pyinstaller-dist/fenjie was built from exactly
the current sources: a fingerprint of desktop/, resources/, the spec, pyproject.toml and the
versions of Python, PyInstaller and the bundled packages is kept beside it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "build" / "pyinstaller-dist"
BUNDLE = DIST / "fenjie"
EXECUTABLE = BUNDLE / "fenjie"
STAMP = DIST / "fenjie.fingerprint"
SOURCES = ("desktop", "resources")
FILES = ("pyinstaller.spec", "pyproject.toml", "build/build-linux.sh", "build/version_info.txt")
PACKAGES = ("pyinstaller", "pyinstaller-hooks-contrib", "PySide6-Essentials", "shiboken6", "openpyxl",
            "python-docx", "lxml", "reportlab", "pillow", "sqlite-utils", "platformdirs")


def _installed(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def fingerprint() -> str:
    """A hash of everything the bundle is made from."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for name in PACKAGES:
        digest.update(f"{name}={_installed(name)}\n".encode())
    paths = [REPO / name for name in FILES]
    for folder in SOURCES:
        paths += [p for p in (REPO / folder).rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    for path in sorted(paths):
        digest.update(str(path.relative_to(REPO)).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def fresh_bundle() -> tuple[Path, float | None]:
    """The frozen executable, built now if needed; with the build's duration in seconds (None if reused)."""
    wanted = fingerprint()
    if EXECUTABLE.is_file() and STAMP.is_file() and STAMP.read_text(encoding="utf-8") == wanted:
        return EXECUTABLE, None
    if subprocess.run([sys.executable, "-m", "PyInstaller", "--version"], capture_output=True).returncode:
        raise RuntimeError(f"PyInstaller is not installed for {sys.executable}: pip install -e '.[build]'")
    STAMP.unlink(missing_ok=True)
    start = time.perf_counter()
    result = subprocess.run(["bash", "build/build-linux.sh", "--no-venv", "--no-archive"], cwd=REPO,
                            env={**os.environ, "PYTHON": sys.executable}, capture_output=True, text=True,
                            timeout=1800)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"building the bundle failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    STAMP.write_text(wanted, encoding="utf-8")
    return EXECUTABLE, elapsed

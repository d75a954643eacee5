"""Benchmark: time from launch to a painted main window, for the frozen bundle and the source app.

Run from the repository root after building the bundle (build/build-linux.sh):
``python -m tests.bench.bench_startup [--runs 5] [--bundle PATH] [--platform offscreen]``.
Each run starts the program with ``FENJIE_EXIT_AFTER_SHOW=1`` (it quits right after its main window
has been shown and painted) and times launch → exit. The first start creates the workspace
(schema, sample plan, units directory); the later ones open it. Target (issue 7): ≤ 1.5 s for
the frozen app. It also lists the heavy modules (reportlab, python-docx, openpyxl, lxml, Pillow)
that the source app has imported by the time its window is painted: ideally none.
Use ``--platform xcb`` under ``xvfb-run -a`` for a real X11 window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_BUNDLE = REPO / "build" / "pyinstaller-dist" / "fenjie" / "fenjie"
HEAVY = ("reportlab", "docx", "openpyxl", "lxml", "PIL")
TARGET_S = 1.5

PROBE = f"""
import sys
from desktop.gui.shell.launch import launch
status = launch(None)
print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))
sys.exit(status)
"""


def environment(platform: str, db: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": platform, "FENJIE_EXIT_AFTER_SHOW": "1", "FENJIE_DB": str(db)}


def time_start(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launch to exit; raises if the program failed or did not quit by itself."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} exited with {result.returncode}:\n{result.stderr}")
    return elapsed


def measure(label: str, command: list[str], runs: int, platform: str) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        env = environment(platform, Path(folder) / "workspace.sqlite3")
        first = time_start(command, env)
        later = [time_start(command, env) for _ in range(runs)]
    best, median = min(later), statistics.median(later)
    return [(f"{label}: first start (creates the workspace)", f"{first:.2f} s"),
            (f"{label}: start, best / median of {runs}", f"{best:.2f} s / {median:.2f} s")]


def heavy_modules(platform: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        env = environment(platform, Path(folder) / "workspace.sqlite3")
        result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True,
                                text=True, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"the source probe failed:\n{result.stderr}")
    return result.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="the frozen executable")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM (offscreen, xcb, …)")
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    if args.bundle.is_file():
        rows += measure("frozen", [str(args.bundle)], args.runs, args.platform)
    else:
        print(f"no bundle at {args.bundle}: build it with build/build-linux.sh", file=sys.stderr)
    rows += measure("source", [sys.executable, "-m", "desktop"], args.runs, args.platform)
    rows.append(("heavy modules imported when the window is painted (source)", heavy_modules(args.platform)))
    width = max(len(label) for label, _ in rows)
    print(f"platform {args.platform}; target ≤ {TARGET_S} s for the frozen app")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()

"""Benchmark: export time and peak memory (RSS) of .docx, .xlsx and .pdf at 2,000–20,000 rows, old and new.

Run from the repository root::

    python -m tests.bench.bench_export_memory [--rows 2000 10000 20000] [--baseline DIR]
                                              [--formats docx xlsx pdf] [--no-import]

Every measurement runs in a fresh Python process (peak RSS is per process): it generates the plan
(``tests/support/generated.py``), notes the RSS, exports with ``desktop.formats.exporters.export_plan``
and reports the time and the process's peak RSS. The same child runs against the old code at
``--baseline`` (a checkout with the same ``export_plan`` and ``generated_plan``), so the table shows
both side by side. Unless ``--no-import``, each file the current code wrote is imported back with
``import_file`` (the import guards must accept Fenjie's own files) and its rows counted.
Targets (issue 12): peak RSS ≤ 250 MB at 20,000 rows for each format; .docx at 2,000 rows ≤ 1 s.
Figures go to docs/performance.md (the integrator fills them in on a quiet machine).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import json, sys, time
from tests.support.peak_memory import peak_mb
from pathlib import Path
from tests.support.generated import generated_plan
from desktop.formats.exporters import export_plan
rows, target, back = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
plan = generated_plan(rows)
before = peak_mb()
start = time.perf_counter()
export_plan(plan, target)
seconds = time.perf_counter() - start
peak = peak_mb()
result = {"seconds": seconds, "peak_mb": peak, "plan_mb": before, "bytes": target.stat().st_size}
if back:
    from desktop.formats.errors import FormatError
    from desktop.formats.importers import import_file
    try:
        start = time.perf_counter()
        again = import_file(target)
        result["import_rows"] = sum(1 for _ in again.leaves())
        result["import_seconds"] = time.perf_counter() - start
    except FormatError as error:
        result["import_error"] = str(error)
print("RESULT " + json.dumps(result))
"""


def measure(root: Path, rows: int, fmt: str, folder: Path, import_back: bool) -> dict[str, object]:
    """Run one export of ``rows`` rows to ``fmt`` with the code at ``root``, in a fresh process."""
    target = folder / f"{root.name}-{rows}.{fmt}"
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CHILD, str(rows), str(target), "1" if import_back else "0"],
                          cwd=root, env=env, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line[len("RESULT "):]))
    return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}


def _cell(result: dict[str, object]) -> str:
    if "error" in result:
        return f"failed: {result['error']}"[:40]
    return f"{result['seconds']:.2f} s, {result['peak_mb']:.0f} MB"


def _back(result: dict[str, object]) -> str:
    if "import_error" in result:
        return f"refused: {result['import_error']}"
    if "import_rows" in result:
        return f"{result['import_rows']} rows in {result['import_seconds']:.1f} s"
    return "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 10000, 20000])
    parser.add_argument("--formats", nargs="+", default=["docx", "xlsx", "pdf"])
    parser.add_argument("--baseline", type=Path, default=None,
                        help="a checkout of the commit to compare with (e.g. a git worktree of it)")
    parser.add_argument("--no-import", action="store_true")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; time and peak RSS per export")
    print(f"| rows | format | before ({args.baseline or 'none'}) | after | imports back (after) |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="fenjie-bench-") as folder:
        for rows in args.rows:
            for fmt in args.formats:
                has_baseline = args.baseline is not None and args.baseline.is_dir()
                before = (measure(args.baseline, rows, fmt, Path(folder), False)
                          if has_baseline else {"error": "no baseline"})
                after = measure(ROOT, rows, fmt, Path(folder), not args.no_import)
                line = f"| {rows:,} | .{fmt} | {_cell(before)} | {_cell(after)} | {_back(after)} |"
                print(line, flush=True)
                for path in Path(folder).iterdir():
                    path.unlink()


if __name__ == "__main__":
    main()

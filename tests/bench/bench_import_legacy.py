"""Benchmark: importing a generated 2,000-row annex from legacy .xls, .ods and a PDF.

Run from the repository root: ``python -m tests.bench.bench_import_legacy [--leaves 2000] [--runs 3]``.
The plan is ``tests.support.generated.generated_plan``; the .xlsx written by Fenjie's exporter is
converted by LibreOffice (headless, its own profile) into .xls (xlwt is not available) and .ods,
and the PDF is written by Fenjie's own PDF writer. Each file is imported with
``desktop.formats.importers.import_file``; the leaf count shows the import was complete. Needs
``soffice`` on PATH. Figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from desktop.formats.importers import import_file
from desktop.formats.pdf.writer import write_pdf
from desktop.formats.xlsx.writer import write_xlsx
from tests.bench.bench_import import best_of
from tests.support.generated import generated_plan


def convert(soffice: str, source: Path, target: str, profile: Path) -> Path:
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
               "--outdir", str(source.parent), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    out = source.with_suffix(f".{target}")
    if not out.is_file():
        raise SystemExit(f"LibreOffice did not write {out.name}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaves", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice (LibreOffice) is needed to make the .xls and .ods files")
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.system()} {platform.release()}")
    plan = generated_plan(args.leaves)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx = folder / "plan.xlsx"
        write_xlsx(plan, xlsx)
        files = {".xls": convert(soffice, xlsx, "xls", folder / "profile"),
                 ".ods": convert(soffice, xlsx, "ods", folder / "profile"),
                 ".pdf": folder / "plan.pdf"}
        write_pdf(plan, files[".pdf"])
        print(f"\n{args.leaves} leaves, import ({args.runs} runs each): best / median seconds")
        for suffix, path in files.items():
            leaves = len(import_file(path).leaves())
            best, median = best_of(args.runs, lambda p=path: import_file(p))
            complete = "complete" if leaves == args.leaves else f"INCOMPLETE (expected {args.leaves})"
            print(f"  {suffix:<5} {best:7.3f} / {median:7.3f}   {leaves} leaves {complete}   "
                  f"{path.stat().st_size // 1024:>6} KB")


if __name__ == "__main__":
    main()

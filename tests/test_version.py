"""Fenjie's version comes from pyproject.toml, from a checkout, an installed package or the bundle."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from desktop.version import UNKNOWN, pyproject_version

REPO = Path(__file__).resolve().parent.parent


def declared() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_the_checkout_reports_the_pyproject_version() -> None:
    result = subprocess.run([sys.executable, "-m", "desktop", "--version"], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"fenjie {declared()}"
    assert declared() != UNKNOWN


def test_pyproject_version_reads_only_a_real_version(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('[project]\nname = "x"\nversion = "2.3.4"\n', encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text("[project\nversion = ", encoding="utf-8")
    unversioned = tmp_path / "none.toml"
    unversioned.write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert pyproject_version(good) == "2.3.4"
    assert pyproject_version(broken) is None
    assert pyproject_version(unversioned) is None
    assert pyproject_version(tmp_path / "missing.toml") is None


def test_a_frozen_bundle_reads_its_version_resource(tmp_path: Path) -> None:
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "VERSION").write_text("9.8.7\n", encoding="utf-8")
    probe = ("import sys; sys.frozen = True; sys._MEIPASS = sys.argv[1]\n"
             "from desktop.version import app_version; print(app_version())")
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "9.8.7"

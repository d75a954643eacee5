"""build/install-and-run.sh (the README's first command) on a fresh Debian: as root without sudo, as a
user with sudo, as a user without it. The system tools are small recording scripts on PATH; the run
stops where the Python part would start (``PYTHON`` points at a script that says so and fails)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "build" / "install-and-run.sh"


def tools(folder: Path, uid: int, with_sudo: bool) -> dict[str, str]:
    """A PATH holding only fake id/dpkg/apt-get (and sudo) that log their calls, plus dirname."""
    folder.mkdir()
    log = folder / "calls.log"

    def fake(name: str, body: str) -> None:
        path = folder / name
        path.write_text(f"#!/bin/sh\necho \"{name} $*\" >> '{log}'\n{body}\n", encoding="utf-8")
        path.chmod(0o755)

    fake("id", f"echo {uid}")
    fake("dpkg", "exit 1")  # nothing installed yet
    fake("apt-get", "exit 0")
    fake("stop-python", "echo 'python step reached' >&2; exit 3")
    if with_sudo:
        fake("sudo", 'exec "$@"')
    os.symlink(shutil.which("dirname") or "/usr/bin/dirname", folder / "dirname")
    return {"PATH": str(folder), "PYTHON": str(folder / "stop-python"), "HOME": str(folder)}


def run(env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    # The script runs from a fresh checkout of its own: this checkout may already have a .venv (CI's
    # does), where the script would skip to pip and start the real app.
    checkout = Path(env["HOME"]).parent / "checkout"
    (checkout / "build").mkdir(parents=True)
    script = Path(shutil.copy2(SCRIPT, checkout / "build" / SCRIPT.name))
    result = subprocess.run([shutil.which("bash") or "/bin/bash", str(script)], env=env, capture_output=True,
                            text=True, timeout=60, cwd=checkout, stdin=subprocess.DEVNULL)
    log = Path(env["PATH"]) / "calls.log"
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, calls


def test_root_without_sudo_updates_the_lists_and_installs(tmp_path: Path) -> None:
    result, calls = run(tools(tmp_path / "bin", uid=0, with_sudo=False))
    assert "python step reached" in result.stderr and result.returncode == 3, result.stderr
    apt = [c for c in calls if c.startswith(("apt-get", "sudo"))]
    assert apt[0] == "apt-get update -qq"
    assert apt[1].startswith("apt-get install -y")
    assert "libxcb-cursor0" in apt[1] and "fonts-wqy-zenhei" in apt[1]
    assert len(apt) == 2


def test_a_user_with_sudo_installs_through_sudo(tmp_path: Path) -> None:
    result, calls = run(tools(tmp_path / "bin", uid=1000, with_sudo=True))
    assert result.returncode == 3, result.stderr
    through_sudo = [c.split(" ")[:3] for c in calls if c.startswith("sudo")]
    assert through_sudo == [["sudo", "apt-get", "update"], ["sudo", "apt-get", "install"]]


def test_a_user_without_sudo_is_told_what_to_do(tmp_path: Path) -> None:
    result, calls = run(tools(tmp_path / "bin", uid=1000, with_sudo=False))
    assert result.returncode == 1
    assert "run this as root or install sudo" in result.stderr
    assert not [c for c in calls if c.startswith("apt-get")]

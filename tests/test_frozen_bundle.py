"""The frozen Linux bundle, built from this checkout with PyInstaller, works on its own (issue 7).

Builds build/pyinstaller-dist/fenjie (or reuses a build of exactly these sources), then runs the
frozen binary offscreen: --version, importing ../shared/samples/taian-2017.docx, exporting
.docx/.xlsx/.pdf/.fenjie (compared with the same exports made from source), and starting the GUI.
Also checks what the bundle contains: resources yes; tests, caches and unused Qt modules no.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from desktop.formats.exporters import export_plan
from desktop.version import pyproject_version
from tests.support.bundle import BUNDLE, REPO, fresh_bundle
from tests.support.workspaces import Workspace

pytestmark = pytest.mark.bundle


@pytest.fixture(scope="module")
def frozen() -> Path:
    if sys.platform != "linux":
        pytest.fail("the bundle test builds the Linux bundle; on Windows use build/build-windows.ps1")
    executable, seconds = fresh_bundle()
    if seconds is not None:
        print(f"\nPyInstaller build took {seconds:.0f} s")
    return executable


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """An environment whose user data folder (XDG_DATA_HOME) is inside tmp_path."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data"),
            "FENJIE_DB": ""}


def run(frozen: Path, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(frozen), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_version_comes_from_pyproject(frozen: Path, home: dict[str, str], tmp_path: Path) -> None:
    result = run(frozen, "--version", env=home, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"fenjie {pyproject_version(REPO / 'pyproject.toml')}"


def test_import_and_export_match_the_source_app(frozen: Path, home: dict[str, str], tmp_path: Path,
                                                samples_dir: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    source = samples_dir / "taian-2017.docx"
    result = run(frozen, "--db", str(db), "import", str(source), env=home, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plan_id = result.stdout.strip()
    listed = run(frozen, "--db", str(db), "plans", env=home, cwd=tmp_path)
    assert f"{plan_id}\t2017年泰安市政务公开重点工作任务分解表\t139" in listed.stdout.splitlines()

    with Workspace.open(db) as workspace:
        plan = workspace.load_plan(int(plan_id))
    for suffix in (".docx", ".xlsx", ".pdf", ".fenjie"):
        out = tmp_path / f"frozen{suffix}"
        result = run(frozen, "--db", str(db), "export", plan_id, "-o", str(out), env=home, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        reference = tmp_path / f"source{suffix}"
        export_plan(plan, reference)
        assert content(out) == content(reference), suffix

    again = run(frozen, "--db", str(db), "import", str(tmp_path / "frozen.fenjie"), env=home, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "共 139 行" in again.stderr


def content(path: Path) -> bytes | str:
    """What must be equal between two exports (timestamps in package metadata aside)."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            return package.read("word/document.xml")
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as package:
            return b"".join(package.read(name) for name in sorted(package.namelist())
                            if name.startswith("xl/worksheets/"))
    if path.suffix == ".pdf":
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "泰安市" in text
        return text
    return path.read_bytes()


def test_the_workspace_goes_to_the_user_data_folder(frozen: Path, home: dict[str, str],
                                                    tmp_path: Path) -> None:
    before = sorted(p.relative_to(BUNDLE) for p in BUNDLE.rglob("*"))
    result = run(frozen, "plans", env=home, cwd=frozen.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1\t2024年莱芜区政务公开重点工作任务分工\t59")
    assert (tmp_path / "data" / "Fenjie" / "workspace.sqlite3").is_file()
    assert sorted(p.relative_to(BUNDLE) for p in BUNDLE.rglob("*")) == before


def test_the_gui_starts_paints_and_quits(frozen: Path, home: dict[str, str], tmp_path: Path) -> None:
    result = run(frozen, env={**home, "FENJIE_EXIT_AFTER_SHOW": "1"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "错误" not in result.stderr and "Traceback" not in result.stderr


def test_the_gui_keeps_running(frozen: Path, home: dict[str, str], tmp_path: Path) -> None:
    """The window comes up and serves its workspace (its single-instance socket appears), and the
    process is still running then; no fixed wait: the socket is polled for, with a deadline."""
    from desktop.gui.shell.single_instance import server_name

    sockets = tmp_path / "sockets"  # QLocalServer puts its socket in TMPDIR
    sockets.mkdir()
    socket = sockets / server_name(tmp_path / "data" / "Fenjie" / "workspace.sqlite3")
    process = subprocess.Popen([str(frozen)], cwd=tmp_path, env={**home, "TMPDIR": str(sockets)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not socket.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # polling for the socket, not a fixed wait
        assert socket.exists(), "the window never started serving its workspace"
        assert process.poll() is None, process.communicate()[1]
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert "Traceback" not in stderr
    assert not (tmp_path / "data" / "Fenjie" / "logs").exists(), "a crash report was written"


def test_the_bundle_has_its_resources_and_nothing_unused(frozen: Path) -> None:
    inside = BUNDLE / "_internal"
    names = {p.relative_to(inside).as_posix() for p in inside.rglob("*")}
    for needed in ("resources/VERSION", "resources/samples/laiwu-2024.fenjie.json",
                   "resources/units/default-units.json", "resources/icons/fenjie.png",
                   "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
                   "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/imageformats/libqjpeg.so",
                   "PySide6/Qt/translations/qtbase_zh_CN.qm", "docx/templates/default-footer.xml",
                   # QtNetwork's QLocalServer: a second start hands its files to the running window
                   "PySide6/QtNetwork.abi3.so", "PySide6/Qt/lib/libQt6Network.so.6"):
        assert needed in names, needed
    unwanted = [n for n in names if any(part in n for part in (
        "WebEngine", "Qt63D", "Multimedia", "Qt6Quick", "Qt6Qml", "tests/", "__pycache__",
        "shared/samples", ".hypothesis", ".pytest_cache", "numpy", "tkinter", "pytest"))]
    assert unwanted == []
    translations = [n for n in names if n.endswith(".qm")]
    assert all("_zh_CN" in n for n in translations), translations
    resources = sorted(n for n in names if n.startswith("resources/") and (inside / n).is_file())
    guide = sorted(f"resources/{p.relative_to(REPO / 'resources').as_posix()}"
                   for p in (REPO / "resources" / "help").rglob("*") if p.is_file())
    assert "resources/help/guide.html" in guide and len(guide) > 5  # F1's guide and its screenshots
    assert resources == sorted(["resources/VERSION", "resources/icons/fenjie.png",
                                "resources/samples/laiwu-2024.fenjie.json",
                                "resources/units/default-units.json", *guide])



def test_install_sh_adds_a_menu_entry_and_the_file_type_and_uninstall_keeps_the_workspace(
        frozen: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share"
    workspace = data / "Fenjie" / "workspace.sqlite3"
    workspace.parent.mkdir(parents=True)
    workspace.write_bytes(b"the clerk's work")
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(data), "QT_QPA_PLATFORM": "offscreen",
           "FENJIE_DB": ""}
    result = subprocess.run(["sh", str(BUNDLE / "install.sh")], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    program = home / ".local" / "opt" / "fenjie" / "fenjie"
    entry = (data / "applications" / "fenjie.desktop").read_text(encoding="utf-8")
    assert f'Exec="{program}" open %F' in entry and "MimeType=application/x-fenjie-plan;" in entry
    assert "*.fenjie" in (data / "mime" / "packages" / "fenjie.xml").read_text(encoding="utf-8")
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "fenjie.png").is_file()
    installed = subprocess.run([str(program), "--version"], env=env, capture_output=True, text=True,
                               timeout=60)
    assert installed.returncode == 0 and installed.stdout.startswith("fenjie ")

    result = subprocess.run(["sh", str(program.parent / "install.sh"), "--uninstall"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert not program.parent.exists() and not (data / "applications" / "fenjie.desktop").exists()
    assert workspace.read_bytes() == b"the clerk's work"

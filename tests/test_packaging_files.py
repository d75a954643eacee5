"""The packaging files that only run on other machines (Windows) are at least well-formed here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build"


def test_the_version_resource_template_becomes_a_python_expression() -> None:
    template = (BUILD / "version_info.txt").read_text(encoding="utf-8")
    assert {"@VERSION@", "@VERSION_TUPLE@", "@EXE_NAME@"} <= set(re.findall(r"@[A-Z_]+@", template))
    text = "\n".join(line for line in template.splitlines() if not line.startswith("#"))
    text = (text.replace("@VERSION_TUPLE@", "0, 1, 0, 0").replace("@VERSION@", "0.1.0")
            .replace("@EXE_NAME@", "Fenjie.exe"))
    tree = ast.parse(text, mode="eval")
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"
    assert "StringStruct('ProductVersion', '0.1.0')" in text


def test_the_spec_is_python_and_reads_the_version_from_pyproject() -> None:
    spec = (REPO / "pyinstaller.spec").read_text(encoding="utf-8")
    ast.parse(spec)
    assert 'tomllib.loads((ROOT / "pyproject.toml")' in spec
    assert "version_info.txt" in spec and "fenjie.ico" in spec


def test_the_inno_setup_script_registers_fenjie_files_and_keeps_the_workspace() -> None:
    raw = (BUILD / "fenjie.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, or Inno Setup reads it in the ANSI code page"
    script = raw.decode("utf-8-sig")
    for section in ("[Setup]", "[Files]", "[Icons]", "[Registry]", "[Code]"):
        assert section in script
    assert 'Subkey: "Software\\Classes\\.fenjie"' in script
    assert '""{app}\\{#AppExe}"" open ""%1""' in script
    assert "{autoprograms}" in script and "PrivilegesRequired=lowest" in script
    assert "[UninstallDelete]" not in script  # the uninstaller never touches the data folder
    assert "{localappdata}\\Fenjie" in script


def test_the_windows_build_script_is_ascii() -> None:
    (BUILD / "build-windows.ps1").read_bytes().decode("ascii")  # PowerShell 5.1 reads it as ANSI


def test_the_linux_desktop_entry_opens_fenjie_files() -> None:
    entry = (BUILD / "linux" / "fenjie.desktop").read_text(encoding="utf-8")
    keys = dict(line.split("=", 1) for line in entry.splitlines()[1:] if "=" in line)
    assert entry.startswith("[Desktop Entry]\n")
    assert keys["Type"] == "Application" and keys["Icon"] == "fenjie"
    assert keys["Exec"] == '"@FENJIE@" open %F'
    assert keys["MimeType"] == "application/x-fenjie-plan;"
    mime = (BUILD / "linux" / "fenjie-mime.xml").read_text(encoding="utf-8")
    assert 'type="application/x-fenjie-plan"' in mime and '<glob pattern="*.fenjie"/>' in mime

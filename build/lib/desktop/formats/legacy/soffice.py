"""Converting legacy office files (.doc, .wps, .et …) with LibreOffice, when it is installed.

:func:`find_soffice` looks at ``FENJIE_SOFFICE`` (a path; set it empty to disable conversion),
then ``soffice``/``libreoffice`` on ``PATH``, then the usual install folders on Windows and macOS.
:func:`convert` runs it headless on a copy of the file in a private temporary folder, with its own
profile (macros disabled, links never updated, no start centre, proxy pointed nowhere), a time
limit after which the whole process group is killed, and a cap on the size of what it writes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from desktop.formats.errors import FormatError

ENV_VAR = "FENJIE_SOFFICE"
CONVERT_SECONDS = 90
MAX_OUTPUT_BYTES = 64 * 1024 * 1024
NO_OFFICE_MESSAGE = "请用 Word 或 WPS 另存为 .docx 后再导入。"
NO_OFFICE_SHEET_MESSAGE = "请用 Excel 或 WPS 另存为 .xlsx 后再导入。"
TIMEOUT_MESSAGE = "转换旧版文件超时（可能文件过大或已损坏），请用 Word 或 WPS 另存为 .docx 后再导入。"
FAILED_MESSAGE = "无法转换这个旧版文件（可能已损坏或加密），请用 Word 或 WPS 另存为新格式后再导入。"

_WINDOWS_FOLDERS = ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "LOCALAPPDATA")
_MAC_APPS = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
             "~/Applications/LibreOffice.app/Contents/MacOS/soffice")

# Registry settings for the private profile: no macros, no link updates, no first-start dialogs.
_SETTINGS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "2"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "2"),
    ("/org.openoffice.Office.Common/Misc", "FirstRun", "false"),
    ("/org.openoffice.Office.Common/Misc", "ShowTipOfTheDay", "false"),
    ("/org.openoffice.Setup/Office", "ooSetupInstCompleted", "true"),
)


def _candidates(env: Mapping[str, str]) -> list[Path]:
    found: list[Path] = []
    for name in ("soffice", "libreoffice"):
        hit = shutil.which(name, path=env.get("PATH", ""))
        if hit:
            found.append(Path(hit))
    if sys.platform == "win32":
        for var in _WINDOWS_FOLDERS:
            base = env.get(var)
            if base:
                found.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
                found.append(Path(base) / "Programs" / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        found.extend(Path(p).expanduser() for p in _MAC_APPS)
    return found


def find_soffice(env: Mapping[str, str] | None = None) -> Path | None:
    """The LibreOffice program to convert with, or None when there is none."""
    env = os.environ if env is None else env
    if ENV_VAR in env:
        explicit = env[ENV_VAR].strip()
        return Path(explicit) if explicit and Path(explicit).is_file() else None
    return next((p for p in _candidates(env) if p.is_file()), None)


def _write_profile(profile: Path) -> None:
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in _SETTINGS)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        f'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{items}</oor:items>", encoding="utf-8")


def _environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    dead = "http://127.0.0.1:9"  # the discard port: any attempt to fetch a remote resource fails at once
    env.update(http_proxy=dead, https_proxy=dead, ftp_proxy=dead, HTTP_PROXY=dead, HTTPS_PROXY=dead,
               no_proxy="", HOME=str(work), TMPDIR=str(work), SAL_USE_VCLPLUGIN="svp")
    return env


def _run(command: list[str], env: dict[str, str], timeout: float) -> None:
    popen_args: dict[str, object] = {}
    if sys.platform == "win32":
        popen_args["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
    else:
        popen_args["start_new_session"] = True
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env, **popen_args)  # type: ignore[call-overload]
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        _kill(process)
        raise FormatError(TIMEOUT_MESSAGE) from error


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()


def convert(path: Path, target: str, *, timeout: float = CONVERT_SECONDS, sheet: bool = False) -> bytes:
    """The bytes of ``path`` converted by LibreOffice to ``target`` ("docx" or "xlsx")."""
    soffice = find_soffice()
    if soffice is None:
        raise FormatError(NO_OFFICE_SHEET_MESSAGE if sheet else NO_OFFICE_MESSAGE)
    with tempfile.TemporaryDirectory(prefix="fenjie-convert-") as folder:
        work = Path(folder)
        source = work / f"input{path.suffix.lower()}"
        shutil.copyfile(path, source)
        _write_profile(work / "profile")
        out = work / "out"
        out.mkdir()
        command = [str(soffice), f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   "--convert-to", target, "--outdir", str(out), str(source)]
        _run(command, _environment(work), timeout)
        result = out / f"input.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise FormatError(FAILED_MESSAGE)
        if result.stat().st_size > MAX_OUTPUT_BYTES:
            raise FormatError("转换后的文件太大，无法导入。")
        return result.read_bytes()

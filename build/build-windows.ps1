# Build Fenjie for Windows: the one-folder app (build\pyinstaller-dist\fenjie\) and the installer
# build\pyinstaller-dist\Fenjie-Setup-<version>.exe. Run from any folder in PowerShell:
#
#   powershell -ExecutionPolicy Bypass -File build\build-windows.ps1
#   ... -Python "C:\Python311\python.exe"   # the Python 3.11+ to make the build venv with
#   ... -NoVenv                             # use -Python as is (it must have '.[build]' installed)
#   ... -NoInstaller                        # stop after PyInstaller
#
# Needs Python 3.11+ (64-bit) and, for the installer, Inno Setup 6.3+ (ISCC.exe on PATH or in its
# default folder). See docs\packaging.md. This file is ASCII on purpose: Windows PowerShell 5.1
# reads scripts without a byte-order mark in the ANSI code page.
param(
    [string]$Python = "python",
    [switch]$NoVenv,
    [switch]$NoInstaller
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

if (-not $NoVenv) {
    if (-not (Test-Path "build\.venv\Scripts\python.exe")) {
        Invoke-Checked $Python @("-m", "venv", "build\.venv")
    }
    $Python = (Resolve-Path "build\.venv\Scripts\python.exe").Path
    Invoke-Checked $Python @("-m", "pip", "install", "-q", "--upgrade", "pip")
    # Editable on purpose: a regular install runs setuptools' build_py, which writes build\lib and
    # build\bdist.* into this very folder.
    Invoke-Checked $Python @("-m", "pip", "install", "-q", "-e", ".[build]")
}

Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--workpath", "build\pyinstaller-work", "--distpath", "build\pyinstaller-dist", "pyinstaller.spec")

$bundle = "build\pyinstaller-dist\fenjie"
$versionLine = (& "$bundle\fenjie-cli.exe" --version | Out-String).Trim()
if ($LASTEXITCODE -ne 0 -or $versionLine -notmatch '^fenjie (\S+)$') {
    throw "the frozen fenjie-cli.exe did not start: '$versionLine'"
}
$version = $Matches[1]
$size = "{0:N0} MB" -f ((Get-ChildItem $bundle -Recurse | Measure-Object Length -Sum).Sum / 1MB)
Write-Host "built $bundle (fenjie $version, $size)"

if ($NoInstaller) { exit 0 }

$iscc = (Get-Command "ISCC.exe" -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
    foreach ($folder in @(${env:ProgramFiles(x86)}, $env:ProgramFiles, "$env:LOCALAPPDATA\Programs")) {
        if ($folder -and (Test-Path "$folder\Inno Setup 6\ISCC.exe")) { $iscc = "$folder\Inno Setup 6\ISCC.exe"; break }
    }
}
if (-not $iscc) { throw "ISCC.exe (Inno Setup 6.3+) not found: install Inno Setup or add it to PATH" }
Invoke-Checked $iscc @("/Q", "/DAppVersion=$version", "build\fenjie.iss")
Write-Host "installer build\pyinstaller-dist\Fenjie-Setup-$version.exe"

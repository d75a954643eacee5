#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine with Python 3.11, then run every test.
# This is the README's test command; CI (.ci/run) calls it too. Works as root without sudo.
#   bash .ci/test-all.sh            ruff, mypy, the suite, then the frozen-bundle tests (-m bundle)
#   bash .ci/test-all.sh ARGS…      ruff, mypy, then pytest ARGS… only (no bundle run)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# Qt offscreen libraries, LibreOffice for layout checks, poppler for pdftotext/pdftoppm, a CJK TrueType font;
# for the GUI tests in a real X11 window: Xvfb, a window manager, xdotool, ImageMagick (screenshots) and the
# libraries of Qt's xcb platform plugin (DESIGN.md §4).
PACKAGES="python3-venv libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libreoffice-writer libreoffice-calc poppler-utils fonts-wqy-zenhei
  xvfb openbox xdotool imagemagick libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0"
# shellcheck disable=SC2086
if ! dpkg -s $PACKAGES >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# The test extra brings pytest, pytest-qt, hypothesis, ruff, mypy and the type stubs; the app's own
# dependencies (xlrd, odfpy, pdfplumber …) come with it. The build extra is PyInstaller (bundle tests).
.venv/bin/python -m pip install -q -e '.[test,build]'

for tool in soffice pdftotext pdftoppm pdffonts Xvfb xvfb-run openbox xdotool import; do
  command -v "$tool" >/dev/null || { echo "missing required tool: $tool" >&2; exit 1; }
done

export QT_QPA_PLATFORM=offscreen

# Runs pytest with the given arguments; pytest's exit status 5 (no test collected) is a failure here.
run_pytest() {
  local status=0
  .venv/bin/python -m pytest "$@" || status=$?
  if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests for: $*; that is neither a pass nor a fail; check the selection." >&2
  fi
  return "$status"
}

set +e
.venv/bin/python -m ruff check .
lint=$?
.venv/bin/python -m mypy
types=$?
run_pytest "$@"
status=$?
bundle=0
if [ "$#" -eq 0 ]; then
  # pyproject's addopts leave the bundle tests out of a quick `pytest`; CI runs them here.
  run_pytest -m bundle
  bundle=$?
fi
set -e
[ "$lint" -eq 0 ] || { echo "ruff reported problems" >&2; exit 1; }
[ "$types" -eq 0 ] || { echo "mypy reported problems" >&2; exit 1; }
[ "$status" -eq 0 ] || exit "$status"
exit "$bundle"

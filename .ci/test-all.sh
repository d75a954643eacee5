#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine with Python 3.11, then run every test.
# This is the README's test command; CI (.ci/run) calls it too.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# Qt offscreen libraries, LibreOffice for layout checks, poppler for pdftotext/pdftoppm, a CJK TrueType font.
PACKAGES="python3-venv libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libreoffice-writer libreoffice-calc poppler-utils fonts-wqy-zenhei"
# shellcheck disable=SC2086
if ! dpkg -s $PACKAGES >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,build]'

for tool in soffice pdftotext pdftoppm pdffonts; do
  command -v "$tool" >/dev/null || { echo "missing required tool: $tool" >&2; exit 1; }
done

export QT_QPA_PLATFORM=offscreen
set +e
.venv/bin/python -m ruff check .
lint=$?
.venv/bin/python -m mypy
types=$?
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is neither a pass nor a fail; check the selection." >&2
  exit 5
fi
[ "$lint" -eq 0 ] || { echo "ruff reported problems" >&2; exit 1; }
[ "$types" -eq 0 ] || { echo "mypy reported problems" >&2; exit 1; }
exit "$status"

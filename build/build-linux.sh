#!/usr/bin/env bash
# Build Fenjie's Linux bundle: build/pyinstaller-dist/fenjie/ (run ./fenjie, or ./install.sh for a
# menu entry and the .fenjie file type) and
# build/pyinstaller-dist/fenjie-<version>-linux-<arch>.tar.gz, then check that the bundle starts.
#
#   bash build/build-linux.sh              # in a fresh build venv (build/.venv), from PyPI
#   bash build/build-linux.sh --no-venv    # with $PYTHON (default python3), which must already
#                                          # have Fenjie's dependencies and PyInstaller
#   bash build/build-linux.sh --no-archive # skip the .tar.gz
#
# The clean venv keeps packages the app does not need (numpy, IPython, …) out of the bundle.
# PyInstaller's work and output folders are build/pyinstaller-work and build/pyinstaller-dist
# (git-ignored); nothing else under build/ is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

use_venv=1
archive=1
for arg in "$@"; do
  case "$arg" in
    --no-venv) use_venv=0 ;;
    --no-archive) archive=0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

PYTHON="${PYTHON:-python3}"
if [ "$use_venv" -eq 1 ]; then
  [ -x build/.venv/bin/python ] || "$PYTHON" -m venv build/.venv
  build/.venv/bin/python -m pip install -q --upgrade pip
  # Editable on purpose: a regular install runs setuptools' build_py, which writes build/lib and
  # build/bdist.* into this very folder.
  build/.venv/bin/python -m pip install -q -e '.[build]'
  PYTHON=build/.venv/bin/python
fi
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 || {
  echo "PyInstaller is missing: pip install '.[build]'" >&2; exit 1; }

"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller-work --distpath build/pyinstaller-dist pyinstaller.spec

bundle=build/pyinstaller-dist/fenjie
# Desktop integration beside the program: ./install.sh adds a menu entry and the .fenjie type.
cp build/linux/install.sh build/linux/fenjie.desktop build/linux/fenjie-mime.xml "$bundle/"
version="$(QT_QPA_PLATFORM=offscreen "$bundle/fenjie" --version)"
echo "built $bundle ($version, $(du -sh "$bundle" | cut -f1))"

if [ "$archive" -eq 1 ]; then
  name="fenjie-${version#fenjie }-linux-$(uname -m).tar.gz"
  tar -C build/pyinstaller-dist -czf "build/pyinstaller-dist/$name" fenjie
  echo "archive build/pyinstaller-dist/$name ($(du -h "build/pyinstaller-dist/$name" | cut -f1))"
fi

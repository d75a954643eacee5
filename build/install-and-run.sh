#!/usr/bin/env bash
# Install Fenjie from this checkout on Debian/Ubuntu (Python 3.11+) and start it: the README's first
# command. Works as root on a fresh machine without sudo (a container, a new server) and as a user
# with sudo. Installs the Qt libraries and a CJK font with apt, the app into .venv with pip, then runs
# `fenjie` with any arguments given (e.g. `bash build/install-and-run.sh open 计划.fenjie`).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "installing system packages needs root: run this as root or install sudo" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# Qt's xcb platform plugin (a real window), EGL/GL, D-Bus, and a CJK font for the Chinese UI.
PACKAGES="python3-venv libegl1 libgl1 libfontconfig1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libdbus-1-3 fonts-wqy-zenhei"
# shellcheck disable=SC2086
if ! dpkg -s $PACKAGES >/dev/null 2>&1; then
  $SUDO apt-get update -qq  # a fresh machine has no package lists yet
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/fenjie "$@"

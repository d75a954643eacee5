#!/bin/sh
# Install Fenjie for the current user from this unpacked folder: the program goes to
# ~/.local/opt/fenjie, a menu entry (Fenjie 分解, under Office) and the .fenjie file type to
# ~/.local/share. Run it again from a newer folder to update.
#   ./install.sh              install or update
#   ./install.sh --uninstall  remove the program, menu entry and file type; the workspace
#                             (~/.local/share/Fenjie) is kept
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/fenjie
apps=$data/applications
mime=$data/mime
icons=$data/icons/hicolor/256x256/apps

refresh() {
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$apps" || true; fi
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$mime" >/dev/null 2>&1 || true; fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt"
  rm -f "$apps/fenjie.desktop" "$mime/packages/fenjie.xml" "$icons/fenjie.png"
  refresh
  echo "Fenjie 已卸载；工作区 $data/Fenjie 保留未动。"
  exit 0
fi

if [ "$here" != "$opt" ]; then
  rm -rf "$opt"
  mkdir -p "$opt"
  cp -a "$here/." "$opt/"
fi
mkdir -p "$apps" "$mime/packages" "$icons"
cp "$opt/_internal/resources/icons/fenjie.png" "$icons/fenjie.png"
sed "s|@FENJIE@|$opt/fenjie|g" "$opt/fenjie.desktop" > "$apps/fenjie.desktop"
cp "$opt/fenjie-mime.xml" "$mime/packages/fenjie.xml"
refresh
echo "Fenjie 已安装到 $opt（菜单：Fenjie 分解）。"

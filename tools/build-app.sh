#!/usr/bin/env bash
# Build KeyAccounts as a one-folder desktop app with PyInstaller (tools/bundle/keyaccounts.spec):
#
#   dist/KeyAccounts/keyaccounts-app    the desktop app (.exe on Windows)
#   dist/KeyAccounts/keyaccounts        the command line
#   dist/KeyAccounts.app                on macOS, the same as an application bundle
#
# It needs nothing of this source tree or its virtual environment to run: copy (or zip)
# the folder to another machine of the same system. Builds for the system it runs on;
# on Windows run it from Git Bash, on macOS from Terminal, with the build extra:
#   python3 -m venv .venv && .venv/bin/pip install -e '.[build]' && PYTHON=.venv/bin/python tools/build-app.sh
# On Linux the folder also gets the icon and install-desktop-entry.sh, which adds the
# app to the desktop's menu (~/.local/share/applications).
# Environment: PYTHON (default python3), KEYACCOUNTS_DIST_DIR (default dist),
# KEYACCOUNTS_BUILD_DIR (default build/bundle).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
python=${PYTHON:-python3}
dist=${KEYACCOUNTS_DIST_DIR:-dist}
work=${KEYACCOUNTS_BUILD_DIR:-build/bundle}
mkdir -p "$work"
work=$(cd "$work" && pwd)

# The icon: app.svg drawn at 256 px with Qt (PyInstaller makes the .ico and .icns of it).
QT_QPA_PLATFORM=offscreen "$python" - "$work/keyaccounts.png" <<'PY'
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

app = QGuiApplication([])
image = QImage(256, 256, QImage.Format.Format_ARGB32)
image.fill(Qt.GlobalColor.transparent)
painter = QPainter(image)
QSvgRenderer("ui/resources/icons/app.svg").render(painter)
painter.end()
if not image.save(sys.argv[1]):
    sys.exit(f"could not write {sys.argv[1]}")
PY

KEYACCOUNTS_ICON="$work/keyaccounts.png" "$python" -m PyInstaller --noconfirm --clean \
  --log-level WARN --workpath "$work" --distpath "$dist" tools/bundle/keyaccounts.spec

folder="$dist/KeyAccounts"
case "$(uname -s)" in
  Linux)
    cp "$work/keyaccounts.png" "$folder/keyaccounts.png"
    cat > "$folder/install-desktop-entry.sh" <<'SH'
#!/bin/sh
# Adds KeyAccounts to the desktop's application menu, started from this folder.
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
cat > "$apps/keyaccounts.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=KeyAccounts
Name[zh_CN]=客户关系维护
Comment=Key-account relationship maintenance
Comment[zh_CN]=大客户关系维护
Exec="$here/keyaccounts-app"
Icon=$here/keyaccounts.png
Categories=Office;
Terminal=false
DESKTOP
echo "$apps/keyaccounts.desktop"
SH
    chmod +x "$folder/install-desktop-entry.sh"
    ;;
esac
echo "$folder"

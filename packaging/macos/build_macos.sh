#!/usr/bin/env bash
# Builds dist/ArchiveViewer-<version>.dmg on macOS (cannot run on the Linux build machine:
# sips, iconutil and hdiutil are macOS tools). Run from the repository root with the
# project's virtualenv active: pip install -e ".[package]" first.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(python -c "import archiveviewer; print(archiveviewer.__version__)")
build=build/package
mkdir -p "$build" dist

# 1. Translations: the .qm files the bundle ships.
python -m archiveviewer.gui.i18n_build

# 2. The icon: an .iconset of the sizes macOS asks for, made into .icns by iconutil.
iconset="$build/ArchiveViewer.iconset"
rm -rf "$iconset" && mkdir -p "$iconset"
src=src/archiveviewer/resources/icons/archiveviewer.png   # 256 px master
for size in 16 32 128 256; do
  sips -z "$size" "$size" "$src" --out "$iconset/icon_${size}x${size}.png" >/dev/null
  double=$((size * 2))
  sips -z "$double" "$double" "$src" --out "$iconset/icon_${size}x${size}@2x.png" >/dev/null
done
iconutil -c icns "$iconset" -o "$build/ArchiveViewer.icns"

# 3. The .app (PyInstaller's BUNDLE step in the spec, with macos/Info.plist merged in).
pyinstaller --noconfirm --clean --distpath "$build/dist" --workpath "$build/work" packaging/archiveviewer.spec

# 4. The .dmg: the app and a link to /Applications to drag it onto, compressed (UDZO).
stage="$build/dmg"
rm -rf "$stage" && mkdir -p "$stage"
cp -R "$build/dist/ArchiveViewer.app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "ArchiveViewer $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov \
  "dist/ArchiveViewer-$version.dmg"
echo "built dist/ArchiveViewer-$version.dmg"

#!/usr/bin/env bash
# Creates the virtualenv and installs the app with its test tools.
# Debian packages that Qt and the PDF tests need are installed when run as
# root; otherwise the exact apt-get line is printed.
set -euo pipefail
venv="${1:-.venv}"
debs=(libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libgl1 libdbus-1-3
      libglib2.0-0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0
      libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
      libwayland-client0 libwayland-cursor0 xvfb xauth poppler-utils
      tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra
      dpkg-dev desktop-file-utils appstream)  # the last three build and check the .deb (make package)
missing=()
# Debian's own python3 needs python3-venv for `python3 -m venv` (pyenv builds have it).
python3 -c "import ensurepip, venv" 2>/dev/null || debs+=(python3-venv)
if command -v dpkg-query >/dev/null; then
  for p in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: Qt needs these Debian packages; run:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
  fi
fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -e ".[test,package]"

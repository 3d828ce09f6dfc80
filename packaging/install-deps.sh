#!/usr/bin/env bash
# Installs the Debian 12 packages Veer builds and tests with, if any are missing.
# Runs apt-get as root, or through sudo.
set -euo pipefail

PACKAGES=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6test6 libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
    libtorch-dev libopenblas0-pthread
    libopencv-dev libeigen3-dev libgdal-dev gdal-bin
    libtesseract-dev tesseract-ocr-eng
    xvfb xauth
    clang-format
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "veer: installing missing packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

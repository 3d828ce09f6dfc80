#!/usr/bin/env bash
# Installs what is missing, then configures and builds Veer into ./build (Release with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-deps.sh
BUILD_DIR=${VEER_BUILD_DIR:-build}
JOBS=${VEER_JOBS:-$(nproc)}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$BUILD_DIR" -j"$JOBS"

#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UBSan (docs/hardening.md): configures build-asan with
# -DVEER_SANITIZE=ON, builds everything, and runs every CTest suite. Any sanitizer report aborts the
# test that triggered it, so a green run is a clean run. Takes long on 2 cores; not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-deps.sh
BUILD_DIR=${VEER_ASAN_DIR:-build-asan}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVEER_SANITIZE=ON \
    -DVEER_BUILD_GUI=ON -DVEER_BUILD_TESTS=ON \
    "-DVEER_TEST_MODULES=base;calibration;raster;las;synth;trace;segment;pipeline"
cmake --build "$BUILD_DIR" -j"${VEER_BUILD_JOBS:-2}"
# Leak checking is off: Qt's plugin loader and LibTorch keep process-lifetime allocations that LSan
# reports at exit; every other ASan check and all of UBSan stay on.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$BUILD_DIR"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j1 --timeout 1800

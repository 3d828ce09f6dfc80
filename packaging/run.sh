#!/usr/bin/env bash
# The main job: builds Veer, then opens the bundled sample sheet in the GUI, or, without a display,
# digitizes it with veer-cli into build/sample-sheet.las.
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/build.sh
BUILD_DIR=${VEER_BUILD_DIR:-build}
SAMPLE=resources/samples/sample-sheet.png
CAL=resources/samples/sample-sheet.calibration.json
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$BUILD_DIR/app/veer/veer" ]; then
    exec "$BUILD_DIR/app/veer/veer" "$SAMPLE"
fi
echo "veer: no display; running veer-cli on $SAMPLE"
"$BUILD_DIR/app/cli/veer-cli" info "$SAMPLE"
if "$BUILD_DIR/app/cli/veer-cli" --help | grep -q '^  digitize'; then
    "$BUILD_DIR/app/cli/veer-cli" digitize "$SAMPLE" --calibration "$CAL" -o "$BUILD_DIR/sample-sheet.las" \
        --csv "$BUILD_DIR/sample-sheet.csv" --labels-out "$BUILD_DIR/sample-sheet.labels.png" --force
    head -40 "$BUILD_DIR/sample-sheet.las"
else
    "$BUILD_DIR/app/cli/veer-cli" segment "$SAMPLE" -o "$BUILD_DIR/sample-sheet.labels.png" --force
fi

#!/usr/bin/env bash
# Builds the Debian package from ./build, installs it with apt-get and runs the installed veer-cli on
# the installed sample with the installed default model (the CI smoke test).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${VEER_BUILD_DIR:-build}
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
(cd "$BUILD_DIR" && rm -f veer_*.deb && cpack -G DEB >/dev/null)
deb=$(ls "$BUILD_DIR"/veer_*.deb | head -n 1)
echo "veer: built $deb"
dpkg-deb --field "$deb" Depends
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "./$deb" >/dev/null
veer-cli --version
out=$(mktemp -d)
veer-cli digitize /usr/share/veer/samples/sample-sheet.png \
    --calibration /usr/share/veer/samples/sample-sheet.calibration.json -o "$out/sample.las"
grep -q '^~A' "$out/sample.las"
echo "veer: installed package digitized the sample into $out/sample.las"

#!/bin/sh
# Makes the raster seed corpus (corpus/raster) with GDAL's command-line tools: small scans in
# the formats Veer opens. Run from anywhere; needs gdal_translate (gdal-bin) and python3.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/corpus/raster"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
export GDAL_PAM_ENABLED=NO

# A 40 x 24 "log": white paper, a grid line and a wavy curve; grey (PGM) and colour (PPM).
python3 - "$tmp" <<'PY'
import math, sys
w, h = 40, 24
grey = bytearray(255 for _ in range(w * h))
rgb = bytearray(255 for _ in range(w * h * 3))
for y in range(h):
    grey[y * w + 10] = 128
    x = int(20 + 8 * math.sin(y / 3.0))
    grey[y * w + x] = 0
    rgb[(y * w + x) * 3:(y * w + x) * 3 + 3] = bytes((200, 20, 20))
    rgb[(y * w + 10) * 3:(y * w + 10) * 3 + 3] = bytes((20, 120, 20))
open(sys.argv[1] + "/grey.pgm", "wb").write(b"P5 %d %d 255\n" % (w, h) + bytes(grey))
open(sys.argv[1] + "/rgb.ppm", "wb").write(b"P6 %d %d 255\n" % (w, h) + bytes(rgb))
PY

t() { gdal_translate -q "$@"; }
g="$tmp/grey.pgm"
c="$tmp/rgb.ppm"
t -of GTiff -co NBITS=1 -co COMPRESS=CCITTFAX4 "$g" "$out/g4-1bit.tif"
t -of GTiff -co NBITS=1 -co COMPRESS=CCITTFAX3 -co PHOTOMETRIC=MINISWHITE "$g" "$out/g3-1bit-miniswhite.tif"
t -of GTiff -co NBITS=1 -co COMPRESS=PACKBITS "$g" "$out/packbits-1bit.tif"
t -of GTiff -co COMPRESS=LZW -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 "$g" "$out/grey-lzw-tiled.tif"
t -of GTiff -co COMPRESS=DEFLATE "$c" "$out/rgb-deflate.tif"
t -of GTiff -co COMPRESS=JPEG "$c" "$out/rgb-jpeg.tif"
t -of GTiff -ot UInt16 -scale 0 255 0 4095 -co NBITS=12 "$g" "$out/grey-12bit.tif"
t -of GTiff -ot Float32 "$g" "$out/grey-float.tif"
t -of GTiff -co PHOTOMETRIC=MINISWHITE "$g" "$out/grey-miniswhite.tif"
t -of GTiff -a_ullr 0 24 40 0 -a_srs EPSG:4326 "$g" "$out/grey-georeferenced.tif"

# Palette: a VRT that gives the grey band a colour table.
cat > "$tmp/palette.vrt" <<VRT
<VRTDataset rasterXSize="40" rasterYSize="24">
  <VRTRasterBand dataType="Byte" band="1">
    <ColorInterp>Palette</ColorInterp>
    <ColorTable>
$(i=0; while [ $i -lt 256 ]; do echo "      <Entry c1=\"$i\" c2=\"$((255 - i))\" c3=\"$(( (i * 7) % 256 ))\" c4=\"255\"/>"; i=$((i + 1)); done)
    </ColorTable>
    <SimpleSource><SourceFilename relativeToVRT="1">grey.pgm</SourceFilename><SourceBand>1</SourceBand></SimpleSource>
  </VRTRasterBand>
</VRTDataset>
VRT
t -of GTiff -co COMPRESS=PACKBITS "$tmp/palette.vrt" "$out/palette.tif"
t -of PNG "$tmp/palette.vrt" "$out/palette.png"
t -of GIF "$tmp/palette.vrt" "$out/palette.gif"

# Multipage TIFF: three pages (GDAL subdatasets), the second 1-bit G4, the third RGB.
t -of GTiff "$g" "$out/multipage.tif"
t -of GTiff -co APPEND_SUBDATASET=YES -co NBITS=1 -co COMPRESS=CCITTFAX4 "$g" "$out/multipage.tif"
t -of GTiff -co APPEND_SUBDATASET=YES -outsize 20 12 "$c" "$out/multipage.tif"

t -of PNG "$g" "$out/grey.png"
t -of PNG "$c" "$out/rgb.png"
t -of PNG -ot UInt16 "$g" "$out/grey16.png"
t -of JPEG -co QUALITY=50 "$g" "$out/grey.jpg"
t -of JPEG -co QUALITY=50 "$c" "$out/rgb.jpg"
t -of JPEG -co PROGRESSIVE=ON "$c" "$out/rgb-progressive.jpg"
t -of BMP "$g" "$out/grey.bmp"
# Claimed sizes: refused (100 000 x 100 000) and accepted but sparse (1 000 000 x 2 000, 1-bit).
gdal_create -q -of GTiff -outsize 100000 100000 -ot Byte -co SPARSE_OK=TRUE -co BLOCKYSIZE=100000 "$out/huge-claim.tif"
gdal_create -q -of GTiff -outsize 2000 1000000 -ot Byte -co SPARSE_OK=TRUE -co BLOCKYSIZE=8192 -co NBITS=1 \
    -co COMPRESS=CCITTFAX4 "$out/tall-sparse-1bit.tif"
rm -f "$out"/*.aux.xml
ls -l "$out"

#!/bin/sh
# Runs each fuzz target for a bounded time, single job, from a scratch copy of its seed corpus
# (the checked-in corpus is not modified). Results go to $OUT (default /tmp/veer-fuzz-run):
# one log per target, crash/timeout/oom inputs as artifacts. Usage:
#   tests/fuzz/run_fuzzers.sh [build-dir] [seconds] [targets...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build-fuzz}
seconds=${2:-120}
shift 2 2>/dev/null || shift $#
targets=${*:-"fuzz_calibration fuzz_las fuzz_raster fuzz_project"}
out=${OUT:-/tmp/veer-fuzz-run}
mkdir -p "$out"

for target in $targets; do
    name=${target#fuzz_}
    bin="$build/tests/fuzz/$target"
    [ -x "$bin" ] || { echo "$bin: not built" >&2; continue; }
    work="$out/$name"
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    cp "$here/corpus/$name/"* "$work/corpus/"
    dict=""
    [ -f "$here/$name.dict" ] && dict="-dict=$here/$name.dict"
    case $name in
        raster) maxlen=16384 ;;
        *) maxlen=8192 ;;
    esac
    echo "== $target, $seconds s"
    nice -n 10 "$bin" "$work/corpus" $dict -max_total_time="$seconds" \
        -max_len=$maxlen -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" >"$work/log.txt" 2>&1
    echo "exit $?; $(grep -E '^#[0-9]+.*(DONE|pulse)' "$work/log.txt" | tail -1)"
    grep -E 'stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/log.txt"
    ls "$work/artifacts"
done

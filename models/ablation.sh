#!/usr/bin/env bash
# Loss and target ablation at a small, equal budget: every run trains the same network on the same
# generated stream (seed 7) for the same number of steps and is validated on the same generated
# evaluation sheets. Prints one line per run from its OUT.state.json.
#   usage: models/ablation.sh VEER_CLI OUTDIR [STEPS_PER_EPOCH] [EPOCHS]
set -euo pipefail
CLI=${1:?veer-cli path}
OUT=${2:?output folder}
STEPS=${3:-60}
EPOCHS=${4:-4}
mkdir -p "$OUT"
common=(--epochs "$EPOCHS" --steps "$STEPS" --batch 8 --crop 192 --lr 0.003 --val-cases 16 --seed 7 --threads "${THREADS:-2}")
run() {
    local name=$1; shift
    if [ ! -f "$OUT/$name.pt.state.json" ] || [ "$(grep -c '"epoch"' "$OUT/$name.pt.state.json")" -lt 1 ]; then
        "$CLI" train --out "$OUT/$name.pt" --id "ablation-$name" "${common[@]}" "$@" > "$OUT/$name.log" 2>/dev/null
    fi
}
run softmax-ce            --focal-gamma 0 --region 0
run softmax-ce-tversky    --focal-gamma 0 --region 1
run softmax-focal-tversky --focal-gamma 2 --region 1
run binary-bce-dice       --target binary --focal-gamma 0 --region 1
for f in "$OUT"/*.log; do
    echo "$(basename "$f" .log): $(tail -n 2 "$f" | head -n 1)"
done

#!/usr/bin/env bash
# Cross-solver benchmark: our interior-point solver vs HiGHS and Clarabel on the same generated QPs.
# Usage: benchmarks/compare_solvers.sh [SIZES] [KINDS]     (defaults 1000,10000,100000 and grid,random)
# Environment: OUTDIR (default bench-out), REPEAT (default 3), TIME_LIMIT (seconds per reference run, default 300),
#              ACCURACY (default 1: after the timing pass, run the accuracy pass in OUTDIR/accuracy; 0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-1000,10000,100000}
KINDS=${2:-grid,random}
OUTDIR=${OUTDIR:-bench-out}
REPEAT=${REPEAT:-3}
TIME_LIMIT=${TIME_LIMIT:-300}
ACCURACY=${ACCURACY:-1}
VENV=benchmarks/.venv

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --upgrade highspy clarabel numpy scipy

swift build -c release --scratch-path .build-bench --product computegrid
BIN=$(swift build -c release --scratch-path .build-bench --show-bin-path)/computegrid

mkdir -p "$OUTDIR"
# One process for our runs; single-threaded by construction (no threads inside a solve).
"$BIN" bench --sizes "$SIZES" --kinds "$KINDS" --repeat "$REPEAT" --export "$OUTDIR" --json "$OUTDIR/table.json" \
  | tee "$OUTDIR/ours.txt"
OMP_NUM_THREADS=1 "$VENV/bin/python" benchmarks/compare_solvers.py "$OUTDIR" --time-limit "$TIME_LIMIT" \
  | tee "$OUTDIR/compare.txt"

if [ "$ACCURACY" != 0 ]; then
  # Accuracy pass: ours with QPSettings.priceGrade, Clarabel and HiGHS at tight tolerances (README "Accuracy").
  "$BIN" bench --price-grade --sizes "$SIZES" --kinds "$KINDS" --repeat 1 --export "$OUTDIR/accuracy" \
    | tee "$OUTDIR/accuracy/ours.txt"
  OMP_NUM_THREADS=1 "$VENV/bin/python" benchmarks/compare_solvers.py "$OUTDIR/accuracy" --accuracy \
    --time-limit "$TIME_LIMIT" | tee "$OUTDIR/accuracy/compare.txt"
fi

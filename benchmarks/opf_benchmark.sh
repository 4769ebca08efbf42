#!/usr/bin/env bash
# DC-OPF benchmark (issue 4, item 6): computegrid opf vs HiGHS (same exported QP) vs pandapower rundcopp.
# Run from anywhere:  bash benchmarks/opf_benchmark.sh [--repeats N] [--no-write]
# Makes/uses the git-ignored venv benchmarks/.venv (highspy, pandapower, matpowercaseframes), builds
# computegrid in release into $SCRATCH (default .build-opfbench) and runs benchmarks/opf_benchmark.py,
# which prints the table and writes benchmarks/results/opf-<date>-<hostname>.{csv,md}.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VENV=${VENV:-benchmarks/.venv}
SCRATCH=${SCRATCH:-.build-opfbench}
# Versions of the run committed in benchmarks/results; pandapower reads .m files via matpowercaseframes.
PKGS="highspy==1.16.0 pandapower==3.5.6 matpowercaseframes==2.1.1 numpy scipy"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import highspy, pandapower, matpowercaseframes' 2>/dev/null; then
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet $PKGS
fi

swift build -c release --scratch-path "$SCRATCH" --product computegrid >&2
EXE="$ROOT/$SCRATCH/release/computegrid"

exec "$VENV/bin/python" benchmarks/opf_benchmark.py --computegrid "$EXE" "$@"

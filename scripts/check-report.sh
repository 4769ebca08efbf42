#!/usr/bin/env bash
# Renders an HTML report in a real browser (headless Chromium, Debian's package, installed when missing) and fails
# when the page is blank, when the page raised a script error or wrote to the console, or when the rendered DOM
# lost the report's charts or title. Used on `report.html` files written by the Reports module (issue 6, item 4).
#
# Usage: scripts/check-report.sh FILE.html [OUT.png]
#   OUT.png defaults to FILE.png beside the report. Exit 0: rendered and non-blank; 1: check failed; 2: usage.
# Environment: CHECK_REPORT_WINDOW (default 1280,2400), CHECK_REPORT_MIN_FOREGROUND (default 0.005: the least
# share of pixels that must differ from the dominant background colour).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 FILE.html [OUT.png]" >&2
  exit 2
fi
file=$1
out=${2:-${file%.html}.png}
if [[ ! -f $file ]]; then
  echo "check-report: no such file: $file" >&2
  exit 2
fi
abs="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
out_abs="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
window=${CHECK_REPORT_WINDOW:-1280,2400}
min_foreground=${CHECK_REPORT_MIN_FOREGROUND:-0.005}

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "check-report: installing Debian's chromium" >&2
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  browser=$(command -v chromium)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(
  --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --no-first-run
  --no-default-browser-check --disable-extensions --mute-audio --user-data-dir="$work/profile"
  --window-size="$window" --virtual-time-budget=5000 --enable-logging=stderr --v=0
)

status=0
rm -f "$out_abs"
if ! timeout 180 "$browser" "${flags[@]}" --screenshot="$out_abs" "file://$abs" >"$work/shot.out" 2>"$work/shot.err"; then
  echo "check-report: chromium failed to take the screenshot:" >&2
  tail -20 "$work/shot.err" >&2
  exit 1
fi
if ! timeout 180 "$browser" "${flags[@]}" --dump-dom "file://$abs" >"$work/dom.html" 2>"$work/dom.err"; then
  echo "check-report: chromium failed to dump the DOM:" >&2
  tail -20 "$work/dom.err" >&2
  exit 1
fi

# Script errors and console output, as Chromium logs them with --enable-logging=stderr (the level is not logged):
#   [..:INFO:CONSOLE:12] "Uncaught TypeError: …", source: file:///…/report.html (12)
# Reports contain no scripts, so any console message from the page (an uncaught error, console.error, a blocked
# resource) means the page is not what the Reports module wrote, and fails the check.
if grep -hE ':CONSOLE[(:]' "$work/shot.err" "$work/dom.err" >"$work/errors"; then
  echo "check-report: the page reported script errors or console messages:" >&2
  sed -E 's/^\[[^]]*\] //' "$work/errors" | sort -u >&2
  status=1
fi

python3 - "$out_abs" "$abs" "$work/dom.html" "$min_foreground" <<'PY' || status=1
"""Decodes the PNG with the standard library only and fails on a blank page or a lost chart."""
import html
import re
import struct
import sys
import zlib
from collections import Counter

png_path, html_path, dom_path, min_foreground = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])


def decode_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


width, height, channels, rows = decode_png(png_path)
counts = Counter()
for y in range(0, height, 2):  # every second row and column: enough for a blank test, 4× faster
    line = rows[y]
    for x in range(0, width, 2):
        counts[line[x * channels:x * channels + min(channels, 3)]] += 1
total = sum(counts.values())
background, background_count = counts.most_common(1)[0]
foreground = 1 - background_count / total
problems = []
if foreground < min_foreground:
    problems.append(f"blank page: {foreground:.2%} of pixels differ from the background (need {min_foreground:.2%})")
if len(counts) < 8:
    problems.append(f"blank page: only {len(counts)} distinct colours")

source = open(html_path, encoding="utf-8", errors="replace").read()
dom = open(dom_path, encoding="utf-8", errors="replace").read()
svg_source, svg_dom = len(re.findall(r"<svg[\s>]", source)), len(re.findall(r"<svg[\s>]", dom))
if not re.search(r"<body", dom):
    problems.append("the browser's DOM has no body (page did not load)")
if svg_dom < svg_source:
    problems.append(f"the browser's DOM has {svg_dom} of the file's {svg_source} <svg> charts")
title = re.search(r"<title>(.*?)</title>", source, re.S)
dom_title = re.search(r"<title>(.*?)</title>", dom, re.S)
if title and (not dom_title or html.unescape(dom_title.group(1)).strip() != html.unescape(title.group(1)).strip()):
    problems.append("the browser's page title differs from the report's (an error page?)")

print(f"check-report: {png_path}: {width}×{height}, {len(counts)} colours, "
      f"{foreground:.1%} non-background pixels, {svg_dom} svg charts in the DOM")
for problem in problems:
    print(f"check-report: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY

if [[ $status -ne 0 ]]; then
  echo "check-report: FAILED: $file" >&2
else
  echo "check-report: ok: $file → $out"
fi
exit "$status"

#!/usr/bin/env bash
# `make bench`: every benchmark, each printing its figures beside its baseline (JSON lines).
# Figures land in var/bench/ as well. Machines are shared and noisy: compare ratios.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
BENCH=.venv/bin/techbridge-bench
OUT=var/bench
mkdir -p "$OUT"
status=0

run() {
  local name=$1; shift
  echo "== $name: $*"
  if "$@" | tee "$OUT/$name.json"; then :; else echo "!! $name failed" >&2; status=1; fi
}

run booking-rules "$BENCH" booking-rules
exit $status

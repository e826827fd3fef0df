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
run booking-storm "$PY" benchmarks/booking_storm.py
run market-search "$PY" benchmarks/market_search.py
# The cross-lingual search box (decision 0014): Tatoeba's line-aligned pairs as {"id","src","en"} lines.
mkdir -p var/eval
for lang in cmn hun; do
  "$PY" benchmarks/tatoeba_pairs.py ../shared/eval/matching/tatoeba "$lang" > "var/eval/tatoeba-$lang.jsonl"
  run "search-$lang-sqlite" "$BENCH" search --pairs "var/eval/tatoeba-$lang.jsonl"
  run "search-$lang-postgresql" "$BENCH" search --pairs "var/eval/tatoeba-$lang.jsonl" \
    --database "postgresql://postgres@127.0.0.1:5432/techbridge_search_bench_$lang"
done
run cooperation-pipeline "$PY" benchmarks/cooperation_pipeline.py
run market-import "$PY" benchmarks/market_import.py
run matching-platform "$PY" benchmarks/matching_platform.py
run statistics-dashboard "$PY" benchmarks/statistics_dashboard.py
run schedule "$BENCH" schedule ../shared/eval/b2b/forum-small.json ../shared/eval/b2b/forum-tight.json \
  ../shared/eval/b2b/hybrid-cq-bud.json ../shared/eval/b2b/forum-medium.json ../shared/eval/b2b/congress-large.json \
  --time-limit 60
run schedule-8000 "$BENCH" schedule synthetic:8000 --time-limit 300
run matching-scifact "$BENCH" matching --data ../shared/eval/matching/scifact --qrels ../shared/eval/matching/scifact/qrels/train.tsv
run matching-tatoeba "$BENCH" matching --tatoeba ../shared/eval/matching/tatoeba
run vectors-ingest "$BENCH" vectors ingest --eval-dir ../shared/eval/matching
run vectors-ann "$BENCH" vectors ann --n 1000000
exit $status

#!/usr/bin/env bash
# Wall time and peak memory (/usr/bin/time -v) of the content check over a generated corpus, in
# this checkout or in several, taking turns on the same corpus (BENCH_ROUNDS rounds, default 1):
#   bash bench/content-check.sh 10000
#   BENCH_ROUNDS=3 flock /tmp/heavy.lock bash bench/content-check.sh 10000 /work/wt/cc-before .
# The corpus is bench/out/corpus-N of this checkout (generated when missing), or a folder given
# instead of N.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
shift || true
if [ -d "$n" ]; then dir="$(cd "$n" && pwd)"; else dir="$PWD/bench/out/corpus-$n"; fi
[ -d "$dir" ] || node bench/generate-corpus.mjs "$n" "$dir" >/dev/null
checkouts=("$@")
[ ${#checkouts[@]} -gt 0 ] || checkouts=(.)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for round in $(seq 1 "${BENCH_ROUNDS:-1}"); do
  for checkout in "${checkouts[@]}"; do
    commit="$(git -C "$checkout" rev-parse --short HEAD)"
    # The check exits 1 when the corpus has content errors; its figures count all the same.
    status=0
    (cd "$checkout" && /usr/bin/time -v node_modules/.bin/tsx scripts/content-check.ts "$dir" >/dev/null 2>"$log") || status=$?
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")"
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
    echo "corpus=$(basename "$dir") commit=$commit round=$round wall=$wall peakRSS=$((rss / 1024))MiB exit=$status"
  done
done

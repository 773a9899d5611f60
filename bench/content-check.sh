#!/usr/bin/env bash
# Wall time and peak memory of the content check over a generated corpus:
#   bash bench/content-check.sh 10000
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
dir="bench/out/corpus-$n"
[ -d "$dir" ] || node bench/generate-corpus.mjs "$n" "$dir" >/dev/null
/usr/bin/time -f "articles=$n wall=%es peakRSS=%MKiB (largest process)" \
  npx tsx scripts/content-check.ts "$dir" >/dev/null

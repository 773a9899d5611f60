#!/bin/bash
# A restart's cost page by page: starts the built server over an existing index, waits for
# /api/breaking, then asks each page alone, in order, and prints its status and time. What a page
# costs when nothing else is asked beside it (bench/archive.mjs asks them all at once).
#   bash bench/restart-pages.sh <checkout, built> <DATA_DIR of a finished first start> <corpus> <old slug> <category slug>
#   e.g. bash bench/restart-pages.sh . bench/out/archive-data/main@0ec9ed3-corpus-100000 \
#          bench/out/corpus-100000 2016-01-01-15518 %EA%B2%BD%EC%A0%9C
set -euo pipefail
cd "$1"
PORT=${BENCH_PORT:-3273}
DATA_DIR=$2 CONTENT_DIR=$3 NEXT_TELEMETRY_DISABLED=1 node node_modules/next/dist/bin/next start -p "$PORT" -H 127.0.0.1 > /tmp/restart-pages.log 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true' EXIT
start=$(date +%s.%N)
until curl -s -o /dev/null -m 60 "http://127.0.0.1:$PORT/api/breaking"; do sleep 0.1; done
echo "/api/breaking answered after $(echo "$(date +%s.%N) - $start" | bc) s"
for page in / "/articles/$4" "/category/$5" "/search?q=%EA%B2%BD%EC%A0%9C" /feed.xml /sitemaps/1.xml "/tag/$5"; do
  curl -s -o /dev/null -w "$page %{http_code} %{time_total} s\n" -m 60 "http://127.0.0.1:$PORT$page"
done

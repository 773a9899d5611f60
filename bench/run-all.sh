#!/usr/bin/env bash
# Runs the whole benchmark suite once, in order (each step needs the machine to itself), and
# writes every figure to bench/out/results/ for bench/RESULTS.md:
#   npm run bench
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/results
mkdir -p "$out"
export NEXT_TELEMETRY_DISABLED=1

for n in 10000 100000; do
  [ -d "bench/out/corpus-$n" ] || node bench/generate-corpus.mjs "$n" "bench/out/corpus-$n"
done

{ echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -srm)"
  echo "node $(node --version), next $(node -p 'require("next/package.json").version'), react $(node -p 'require("react/package.json").version'), nginx $(nginx -v 2>&1 | cut -d/ -f2), wrk $(wrk --version 2>&1 | head -1 | cut -d' ' -f2), chromium $(chromium --version 2>/dev/null | cut -d' ' -f2)"
  echo "date: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"; } > "$out/machine.txt"

# Builds start cold (no parse cache, no .next/cache from an earlier build), as from a fresh
# checkout. The sample, 10k and 100k alternate, three rounds: each ratio compares builds made
# a minute apart on a shared machine.
: > "$out/build-sample.json"; : > "$out/build-10k.json"; : > "$out/build-100k.json"
for _ in 1 2 3; do
  node bench/measure-build.mjs content sample --cold >> "$out/build-sample.json"
  node bench/measure-build.mjs bench/out/corpus-10000 10k --cold >> "$out/build-10k.json"
  node bench/measure-build.mjs bench/out/corpus-100000 100k --cold >> "$out/build-100k.json"
done
node bench/startup.mjs bench/out/corpus-100000 > "$out/startup-100k.json"
# A rebuild with the last build's .next kept; the serving benchmarks need this build.
node bench/measure-build.mjs bench/out/corpus-10000 10k-rebuild > "$out/build-10k-rebuild.json"
node bench/startup.mjs bench/out/corpus-10000 > "$out/startup-10k.json"

node bench/serve.mjs bench/out/corpus-10000 > "$out/serve.json"
node bench/search-attack.mjs bench/out/corpus-10000 > "$out/search-attack.json"
node bench/churn.mjs bench/out/corpus-10000 > "$out/churn.json"
# The same churn with the heap capped: if the server holds at 256 MiB, the growth above is V8 taking
# room it was allowed, not a live set that grows.
NODE_OPTIONS=--max-old-space-size=256 node bench/churn.mjs bench/out/corpus-10000 > "$out/churn-capped.json"

CONTENT_DIR="$PWD/bench/out/corpus-10000" node node_modules/next/dist/bin/next start -p 3230 -H 127.0.0.1 >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:3230/api/breaking && break; sleep 0.2; done
article=$(curl -s http://127.0.0.1:3230/ | grep -o 'href="/articles/[^"]*"' | head -1 | cut -d'"' -f2)
node bench/page-weight.mjs http://127.0.0.1:3230 / "$article" "/category/%EA%B2%BD%EC%A0%9C" "/search?q=%EB%84%A4%EC%9D%B4%EB%B2%84" > "$out/weight.json"
# /nope-nope is the 404 page: our layout (header, breaking strip, footer) and no content.
node bench/page-breakdown.mjs http://127.0.0.1:3230 / "$article" "/category/%EA%B2%BD%EC%A0%9C" /nope-nope > "$out/breakdown.json"
node bench/lighthouse.mjs http://127.0.0.1:3230 / "$article" > "$out/lighthouse.json"
kill $server; wait $server 2>/dev/null || true

node bench/floor.mjs > "$out/floor.json"
node --expose-gc --import tsx bench/search.mjs bench/out/corpus-10000 > "$out/search.json"
bash bench/content-check.sh 10000 > "$out/content-check.txt" 2>&1

node bench/measure-build.mjs content sample >/dev/null
npx next start -p 3240 -H 127.0.0.1 >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:3240/api/breaking && break; sleep 0.2; done
node bench/freshness.mjs http://127.0.0.1:3240 content 10 > "$out/freshness.json"
kill $server
# Three instances behind nginx, content from a git remote, pages shared in Redis (same build).
node bench/cluster.mjs > "$out/cluster.json"
npx tsx bench/worst-body.mjs > "$out/worst-body.json"
echo "done: $out"

#!/usr/bin/env bash
# Times `yanxiu check` (load + all checks + rules) and `yanxiu credits` (the same plus the
# ledger) on a generated corpus, alternating the two so both see the same machine state.
# Usage: bench/check.sh [DOCS] [RUNS]   (defaults: 10000 docs, 7 runs)
# The corpus is generated outside the repo, under ~/.cache/yanxiu-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000}
runs=${2:-7}
gen=../shared/bench/gen_corpus.py
cache=${XDG_CACHE_HOME:-$HOME/.cache}/yanxiu-bench
corpus=$cache/yanxiu-$docs
if [ ! -d "$corpus" ]; then
  mkdir -p "$cache"
  python3 "$gen" --docs "$docs" --out "$corpus" >/dev/null 2>&1
fi
cargo build --release --quiet
bin=target/release/yanxiu
"$bin" check "$corpus" >/dev/null || true   # warm the page cache
TIMEFORMAT=%R
tmp=$(mktemp -d)
for _ in $(seq "$runs"); do
  { time "$bin" check "$corpus" >/dev/null || true; } 2>>"$tmp/check"
  { time "$bin" credits "$corpus" >/dev/null || true; } 2>>"$tmp/credits"
done
median() { sort -n "$1" | awk '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.3f", m }'; }
c=$(median "$tmp/check")
l=$(median "$tmp/credits")
echo "documents: $docs, runs: $runs (alternating)"
echo "check   median wall: $c s"
echo "credits median wall: $l s"
awk -v c="$c" -v l="$l" 'BEGIN { printf "ledger overhead: %+.1f%%\n", (l / c - 1) * 100 }'
rm -rf "$tmp"

#!/usr/bin/env bash
# Times `yanxiu check` (load + all checks + rules) on a generated corpus.
# Usage: bench/check.sh [DOCS] [RUNS]   (defaults: 10000 docs, 7 runs)
# Prints every run's wall time and the median. The corpus is generated outside the repo.
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
for _ in $(seq "$runs"); do
  { time "$bin" check "$corpus" >/dev/null || true; } 2>&1
done | sort -n | awk -v docs="$docs" '
  { t[NR] = $1 }
  END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "check, %d documents, %d runs: min %.3f s, median %.3f s, max %.3f s\n", docs, NR, t[1], m, t[NR]
  }'

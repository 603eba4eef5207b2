#!/usr/bin/env bash
# Full-build benchmark (DESIGN.md §8, issue 5): yanxiu against Hugo and against the "floor"
# (examples/floor.rs: read, parse front matter, render Markdown, write one file per document,
# in parallel), on the same generated documents.
#
# Then the incremental engine (examples/live.rs), at each size up to 10,000: a scratch copy of
# the corpus is built once with LiveBuild::open, then 20 records are edited one at a time (a
# sentence added to the body, then the title changed) and each LiveBuild::update is timed, from
# the changed path to the written output. And the live preview (bench/serve_latency.py), at the
# same sizes: `yanxiu serve` on a scratch copy, 20 records edited per kind, each timed from the
# saved file to the open page's poll answered and the page fetched again.
#
# Usage: bench/run.sh [SIZES...]        (default sizes: 1000 10000 50000)
#        RUNS=N bench/run.sh ...        (runs per tool and size, default 5)
#
# Corpora come from ../shared/bench/gen_corpus.py (flavours yanxiu and hugo, seed 1) and are kept
# outside the repo in ${XDG_CACHE_HOME:-$HOME/.cache}/yanxiu-bench/<flavour>-<size>, reused when
# present. The three tools run in alternation, the order turning with each run (yanxiu, hugo, floor; hugo, floor, yanxiu; …), each into a fresh
# output folder under a temp dir ($TMPDIR or /tmp); /usr/bin/time measures wall time, user+sys CPU
# and peak RSS, and the table shows medians, with the files and bytes each tool wrote (`du -sb`,
# after the timing). Installs nothing.
#
# Outputs are not deleted between runs: on ext4 without a journal (this machine's root file
# system) an inode freed less than 60 s ago is skipped one by one when files are created (the
# kernel's recently_deleted() in fs/ext4/ialloc.c), and less than 360 s ago once its inode table
# block is dirty again, which creating files next to it makes it. Deleting 10,000 files made the
# next run 2–3× slower; at 50,000 documents, a build within those 6 minutes spent a quarter of
# its CPU time in that check (perf, session 16). A size's outputs are deleted after its runs
# (disk needed: RUNS × about 0.45 GB at 10,000 documents, RUNS × about 4 GB at 50,000), then the
# script waits 65 s before timing the next size, and before each incremental and live-preview run
# (they build a site first): enough for the 60 s, not always for the 360 s, which is why the
# first run after a size change can be the slowest and the tables take medians. Do not start it
# within 6 minutes of deleting many files on the same disk. TMPDIR chooses where the outputs go
# (e.g. TMPDIR=/dev/shm for tmpfs).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
runs=${RUNS:-5}
gen=../shared/bench/gen_corpus.py
cache=${XDG_CACHE_HOME:-$HOME/.cache}/yanxiu-bench

missing=0
need() { echo "缺少 $1：$2" >&2; missing=1; }
command -v hugo >/dev/null || need hugo "apt-get install -y hugo"
[ -x /usr/bin/time ] || need /usr/bin/time "apt-get install -y time"
command -v python3 >/dev/null || need python3 "apt-get install -y python3"
command -v cargo >/dev/null || need cargo "https://rustup.rs"
[ -f "$gen" ] || need "$gen" "它在 ../shared/bench/ 下"
[ "$missing" = 0 ] || exit 1
for n in "${sizes[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "文档数应为正整数：$n" >&2; exit 2; }
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "RUNS 应为正整数：$runs" >&2; exit 2; }

cargo build --release --quiet --bin yanxiu --example floor --example live
built=$(git describe --always --dirty 2>/dev/null || echo '?')   # what the binaries were built from
yanxiu=$PWD/target/release/yanxiu
floor=$PWD/target/release/examples/floor
live=$PWD/target/release/examples/live

# corpus FLAVOUR SIZE: print the corpus folder, generating it first if absent
# (into a .part folder, renamed when complete, so an interrupted run is not reused).
corpus() {
  local dir=$cache/$1-$2
  if [ ! -d "$dir" ]; then
    mkdir -p "$cache"
    rm -rf "$dir.part"
    echo "generating $dir" >&2
    python3 "$gen" --docs "$2" --seed 1 --flavor "$1" --out "$dir.part" >"$cache/gen.log" 2>&1 ||
      { cat "$cache/gen.log" >&2; return 1; }
    mv "$dir.part" "$dir"
  fi
  echo "$dir"
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# Free memory matters: when the page cache has taken nearly all of it (after many GB written),
# every page a build writes must first be reclaimed, and the tool that writes most slows most.
mem_start=$(awk '/MemFree/ { f = $2 } /^Cached/ { c = $2 } END { printf "%.1f GB free, %.1f GB page cache", f / 1048576, c / 1048576 }' /proc/meminfo)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
results=$tmp/results.tsv   # size, tool, run, wall s, cpu s, rss KB, files, bytes
: >"$results"

# measure SIZE TOOL RUN OUT CMD...: run CMD (writing into the fresh folder OUT) under /usr/bin/time.
measure() {
  local size=$1 tool=$2 run=$3 out=$4
  shift 4
  sync   # write back the previous run's output before timing this one
  local start end
  start=$(date +%s.%N)
  if ! /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >"$tmp/log" 2>&1; then
    echo "$tool 在 $size 份文档上失败：$*" >&2
    tail -20 "$tmp/log" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  local files bytes
  files=$(find "$out" -type f | wc -l)
  bytes=$(du -sb "$out" | cut -f1)
  # Wall time to the millisecond from the clock around the run (time's %e has two decimals,
  # too coarse for the smallest corpus); CPU and peak memory from time.
  tail -1 "$tmp/time" | awk -v s="$size" -v t="$tool" -v r="$run" -v f="$files" -v b="$bytes" \
    -v t0="$start" -v t1="$end" \
    '{ printf "%s\t%s\t%s\t%.3f\t%.2f\t%s\t%s\t%s\n", s, t, r, t1 - t0, $2 + $3, $4, f, b }' >>"$results"
}

for n in "${sizes[@]}"; do   # all corpora first, so generating one never overlaps a timing
  corpus yanxiu "$n" >/dev/null
  corpus hugo "$n" >/dev/null
done
first=1
for n in "${sizes[@]}"; do
  ydir=$(corpus yanxiu "$n")
  hdir=$(corpus hugo "$n")
  if [ "$first" = 0 ]; then
    echo "waiting 65 s for the file system to forget the deleted outputs" >&2
    sleep 65
  fi
  first=0
  echo "documents: $n ($ydir, $hdir), $runs runs each" >&2
  # warm the page cache so the first run reads from memory like the others
  find "$ydir" "$hdir" -type f -exec cat {} + >/dev/null
  o=$tmp/out-$n
  mkdir "$o"
  # The order turns with each run (yanxiu first, then Hugo first, then the floor first, …): the
  # first run after a size's corpus changes is often slower, and no tool should always take it.
  tools=(yanxiu hugo floor)
  for r in $(seq "$runs"); do
    for k in 0 1 2; do
      case ${tools[$(((r - 1 + k) % 3))]} in
        yanxiu) measure "$n" yanxiu "$r" "$o/yanxiu-$r" "$yanxiu" build "$ydir" -o "$o/yanxiu-$r" ;;
        hugo) measure "$n" hugo "$r" "$o/hugo-$r" hugo --quiet -s "$hdir" -d "$o/hugo-$r" ;;
        floor) measure "$n" floor "$r" "$o/floor-$r" "$floor" "$ydir" "$o/floor-$r" ;;
      esac
    done
  done
  rm -rf "$o"
  sync
done

# The live and serve runs create a site's worth of files too: not within a minute of a deletion.
settle() {
  echo "waiting 65 s for the file system to forget the deleted outputs" >&2
  sleep 65
}

live_results=$tmp/live.txt
: >"$live_results"
for n in "${sizes[@]}"; do
  [ "$n" -le 10000 ] || continue
  settle
  echo "incremental updates at $n documents" >&2
  cp -r "$(corpus yanxiu "$n")" "$tmp/live-archive"
  "$live" "$tmp/live-archive" "$tmp/live-out" 20 | sed "s/^/$n /" >>"$live_results"
  rm -rf "$tmp/live-archive" "$tmp/live-out"
done

serve_results=$tmp/serve.txt
: >"$serve_results"
for n in "${sizes[@]}"; do
  [ "$n" -le 10000 ] || continue
  settle
  echo "live preview (yanxiu serve) at $n documents" >&2
  cp -r "$(corpus yanxiu "$n")" "$tmp/serve-archive"
  python3 bench/serve_latency.py "$yanxiu" "$tmp/serve-archive" 20 | sed "s/^/$n /" >>"$serve_results"
  rm -rf "$tmp/serve-archive"
done

echo "## yanxiu full build vs Hugo vs floor"
echo
echo "- date: $(date '+%Y-%m-%d %H:%M %Z')"
echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
echo "- load average (1, 5, 15 min): $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "- memory at the start: $mem_start"
echo "- yanxiu $built, $(hugo version | cut -d' ' -f1-2), $(rustc --version | cut -d' ' -f1-2)"
echo "- runs per tool and size: $runs, in alternation (the order turning each run), each into a fresh folder in $(dirname "$tmp") ($(stat -f -c %T "$tmp")); medians"
echo
python3 - "$results" <<'EOF'
import sys, statistics as st
from collections import defaultdict

rows = defaultdict(list)          # (size, tool) -> [(wall, cpu, rss_kb, files, bytes)]
for line in open(sys.argv[1]):
    size, tool, _run, wall, cpu, rss, files, size_b = line.split("\t")
    rows[(int(size), tool)].append((float(wall), float(cpu), int(rss), int(files), int(size_b)))

def med(size, tool, i):
    return st.median(r[i] for r in rows[(size, tool)])

print("| documents | tool | files written | MB written | wall median (s) | CPU median (s) "
      "| peak RSS median (MB) | yanxiu/Hugo wall | yanxiu/floor wall | ms per document |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
sizes = sorted({s for s, _ in rows})
for n in sizes:
    y, h, f = (med(n, t, 0) for t in ("yanxiu", "hugo", "floor"))
    for tool in ("yanxiu", "hugo", "floor"):
        wall = med(n, tool, 0)
        ratios = f"{y / h:.2f} | {y / f:.2f}" if tool == "yanxiu" else " | "
        print(f"| {n} | {tool} | {rows[(n, tool)][-1][3]} | {rows[(n, tool)][-1][4] / 1e6:.1f} "
              f"| {wall:.3f} | {med(n, tool, 1):.2f} "
              f"| {med(n, tool, 2) / 1024:.0f} | {ratios} | {wall / n * 1000:.3f} |")
print()
print("wall times of each run (s): " + "; ".join(
    f"{n} {t} " + " ".join(f"{r[0]:.3f}" for r in rows[(n, t)])
    for n in sizes for t in ("yanxiu", "hugo", "floor")))
if len(sizes) > 1:
    lo, hi = sizes[0], sizes[-1]
    per = lambda n: med(n, "yanxiu", 0) / n
    print()
    print(f"yanxiu time per document at {hi} ÷ at {lo}: {per(hi) / per(lo):.2f}")
    # What the archive asks to be written can grow faster than its documents (a generated
    # corpus with more teachers, each in every school year): the cost of each byte written.
    per_byte = lambda n: med(n, "yanxiu", 0) / rows[(n, "yanxiu")][-1][4]
    bytes_per_doc = lambda n: rows[(n, "yanxiu")][-1][4] / n
    print(f"yanxiu bytes written per document at {hi} ÷ at {lo}: "
          f"{bytes_per_doc(hi) / bytes_per_doc(lo):.2f}; "
          f"time per byte written at {hi} ÷ at {lo}: {per_byte(hi) / per_byte(lo):.2f}")
EOF

if [ -s "$live_results" ]; then
  echo
  echo "## Incremental updates (LiveBuild::update after one record changed)"
  echo
  echo "| documents | first build (s) | edit | edits | median (ms) | max (ms) | whole site re-rendered | files written (median) |"
  echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  python3 - "$live_results" <<'EOF'
import sys
opened = {}
for line in open(sys.argv[1]):
    n, kind, *fields = line.split()
    f = dict(x.split("=") for x in fields)
    if kind == "open":
        opened[n] = float(f["ms"]) / 1000
        continue
    print(f"| {n} | {opened.get(n, 0):.2f} | {kind} | {f['edits']} | {f['median_ms']} | {f['max_ms']} "
          f"| {f['whole_site']} | {f['written_median']} |")
EOF
fi

if [ -s "$serve_results" ]; then
  echo
  echo "## Live preview (yanxiu serve: from the saved edit to the open page's poll answered and the page fetched again)"
  echo
  echo "| documents | edit | edits | poll answered, median (ms) | max (ms) | page fetched, median (ms) | max (ms) |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  python3 - "$serve_results" <<'EOF'
import sys
for line in open(sys.argv[1]):
    n, kind, *fields = line.split()
    f = dict(x.split("=") for x in fields)
    print(f"| {n} | {kind} | {f['edits']} | {f['poll_median_ms']} | {f['poll_max_ms']} "
          f"| {f['page_median_ms']} | {f['page_max_ms']} |")
EOF
fi

#!/bin/sh
# bench-corpus: glossa extract over the unpc-dev documents repeated: throughput
# at -j 1 and -j 2 over x16 (outputs compared), and peak memory over x10 and x1.
# Usage: bench-corpus.sh GLOSSA SHARED_CORPUS. Prints the figures; skips (exit
# 0 with a message) when the corpus is absent. Each configuration runs
# BENCH_RUNS times (default 3) and keeps its best wall time; CPU time
# (user+sys) is printed beside it: on a machine shared with other work the wall
# times understate the speed-up, and CPU(-j 2) / CPU(-j 1) shows what running
# in parallel costs (contention shows as CPU, waiting does not).
glossa=$1
docs=$2/unpc-dev/docs
runs=${BENCH_RUNS:-3}
if [ ! -d "$docs" ]; then
    echo "bench-corpus: skipped: no $docs"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
repeat() { # repeat N: the document folders N times over
    i=0
    while [ "$i" -lt "$1" ]; do ls "$docs" | sed "s|^|$docs/|"; i=$((i + 1)); done
}
repeat 1 >"$tmp/x1"
repeat 10 >"$tmp/x10"
repeat 16 >"$tmp/x16"
mb=$(du -sbL "$docs" | awk '{ printf "%.1f", $1 * 16 / 1e6 }')
run() { # run LIST JOBS OUT: prints "wall cpu peak_kB", the best wall of $runs
    k=0
    while [ "$k" -lt "$runs" ]; do
        /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$glossa" extract -r --quiet -j "$2" \
            --files-from="$1" >"$3" || exit 2
        cat "$tmp/time"
        k=$((k + 1))
    done | awk 'NR == 1 || $1 < w { w = $1; c = $2 + $3; m = $4 } END { print w, c, m }'
}
echo "bench-corpus: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), best of $runs"
set -- $(run "$tmp/x16" 1 "$tmp/j1.csv")
t1=$1 c1=$2
set -- $(run "$tmp/x16" 2 "$tmp/j2.csv")
t2=$1 c2=$2
if cmp -s "$tmp/j1.csv" "$tmp/j2.csv"; then same=identical; else same=DIFFERENT; fi
awk -v mb="$mb" -v t1="$t1" -v t2="$t2" -v c1="$c1" -v c2="$c2" -v same="$same" 'BEGIN {
    printf "unpc-dev x16 (%s MB): -j 1 %.1f s wall, %.1f s CPU (%.1f MB/s of CPU); -j 2 %.1f s wall, %.1f s CPU\n",
        mb, t1, c1, mb / c1, t2, c2
    printf "speed-up -j 1 -> -j 2: %.2fx (wall); CPU -j 2 / -j 1: %.2f; outputs %s\n",
        t1 / t2, c2 / c1, same }'
set -- $(run "$tmp/x1" 2 "$tmp/m1.csv")
m1=$3
set -- $(run "$tmp/x10" 2 "$tmp/m10.csv")
m10=$3
awk -v a="$m1" -v b="$m10" 'BEGIN {
    printf "peak RSS: x1 %d kB, x10 %d kB, ratio %.2f\n", a, b, b / a }'

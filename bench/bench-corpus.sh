#!/bin/sh
# bench-corpus: glossa extract over the unpc-dev documents repeated: throughput
# at -j 1 and -j 2 over x16 (outputs compared), and peak memory over x10 and x1.
# Usage: bench-corpus.sh GLOSSA SHARED_CORPUS. Prints the figures; skips (exit
# 0 with a message) when the corpus is absent. Times are wall-clock: on a
# machine shared with other work they understate the speed-up.
glossa=$1
docs=$2/unpc-dev/docs
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
run() { # run LIST JOBS OUT: prints "seconds peak_kB"
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$glossa" extract -r --quiet -j "$2" \
        --files-from="$1" >"$3" || exit 2
    cat "$tmp/time"
}
echo "bench-corpus: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
set -- $(run "$tmp/x16" 1 "$tmp/j1.csv")
t1=$1
set -- $(run "$tmp/x16" 2 "$tmp/j2.csv")
t2=$1
if cmp -s "$tmp/j1.csv" "$tmp/j2.csv"; then same=identical; else same=DIFFERENT; fi
awk -v mb="$mb" -v t1="$t1" -v t2="$t2" -v same="$same" 'BEGIN {
    printf "unpc-dev x16 (%s MB): -j 1 %.1f s (%.1f MB/s), -j 2 %.1f s (%.1f MB/s), speed-up %.2fx; outputs %s\n",
        mb, t1, mb / t1, t2, mb / t2, t1 / t2, same }'
set -- $(run "$tmp/x1" 2 "$tmp/m1.csv")
m1=$2
set -- $(run "$tmp/x10" 2 "$tmp/m10.csv")
m10=$2
awk -v a="$m1" -v b="$m10" 'BEGIN {
    printf "peak RSS: x1 %d kB, x10 %d kB, ratio %.2f\n", a, b, b / a }'

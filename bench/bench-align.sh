#!/bin/sh
# bench-align: the speed of glossa align. Usage: bench-align.sh GLOSSA SHARED_CORPUS.
#  1. Many documents: the unpc-dev document sets (732 x en, fr, es, ru) listed
#     x1, x4 and x16, at -j 1 and -j 2: documents/s, MB/s, peak RSS, and
#     whether -j 1 and -j 2 wrote the same bytes.
#  2. Document size: the first 200 documents concatenated into one document
#     set, x1, x4 and x16 (each version repeated): seconds and MB/s, so that
#     linear growth shows as a flat MB/s.
# Skips (exit 0 with a message) when the corpus is absent. Times are
# wall-clock: on a machine shared with other work they understate the speed.
glossa=$1
docs=$2/unpc-dev/docs
if [ ! -d "$docs" ]; then
    echo "bench-align: skipped: no $docs"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-align.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
ls "$docs" >"$tmp/names"
repeat() { # repeat N: the document folders N times over
    i=0
    while [ "$i" -lt "$1" ]; do sed "s|^|$docs/|" "$tmp/names"; i=$((i + 1)); done
}
run() { # run JOBS OUT ARGS...: prints "seconds peak_kB"
    jobs=$1
    out=$2
    shift 2
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$glossa" align --quiet -j "$jobs" "$@" >"$out" ||
        exit 2
    cat "$tmp/time"
}
echo "bench-align: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
ndocs=$(wc -l <"$tmp/names")
bytes=$(du -sbL "$docs" | cut -f1)
for n in 1 4 16; do
    repeat "$n" >"$tmp/x$n"
    set -- $(run 1 "$tmp/j1.csv" -r --files-from="$tmp/x$n")
    t1=$1 m1=$2
    set -- $(run 2 "$tmp/j2.csv" -r --files-from="$tmp/x$n")
    t2=$1 m2=$2
    if cmp -s "$tmp/j1.csv" "$tmp/j2.csv"; then same=identical; else same=DIFFERENT; fi
    awk -v n="$n" -v d="$ndocs" -v b="$bytes" -v t1="$t1" -v t2="$t2" -v m1="$m1" -v m2="$m2" \
        -v same="$same" 'BEGIN {
        if (t1 < 0.01) t1 = 0.01; if (t2 < 0.01) t2 = 0.01
        printf "unpc-dev x%-2d (%d sets, %.1f MB): -j 1 %.2f s %.0f docs/s %.2f MB/s %d kB | -j 2 %.2f s %.0f docs/s %.2f MB/s %d kB | speed-up %.2fx, outputs %s\n",
            n, d * n, b * n / 1e6, t1, d * n / t1, b * n / 1e6 / t1, m1,
            t2, d * n / t2, b * n / 1e6 / t2, m2, t1 / t2, same }'
done
mkdir -p "$tmp/one"
for l in en fr es ru; do
    head -n 200 "$tmp/names" | while read -r d; do cat "$docs/$d/$l.txt"; echo; done >"$tmp/one/$l.txt"
done
for n in 1 4 16; do
    mkdir -p "$tmp/cat$n"
    for l in en fr es ru; do
        i=0
        while [ "$i" -lt "$n" ]; do cat "$tmp/one/$l.txt"; i=$((i + 1)); done >"$tmp/cat$n/$l.txt"
    done
    b=$(du -sbL "$tmp/cat$n" | cut -f1)
    set -- $(run 1 "$tmp/cat.csv" "en:$tmp/cat$n/en.txt" "fr:$tmp/cat$n/fr.txt" \
        "es:$tmp/cat$n/es.txt" "ru:$tmp/cat$n/ru.txt")
    awk -v n="$n" -v b="$b" -v t="$1" -v m="$2" 'BEGIN {
        if (t < 0.01) t = 0.01
        printf "one document of 200 concatenated x%-2d (%.2f MB): %.2f s, %.2f MB/s, peak RSS %d kB\n",
            n, b / 1e6, t, b / 1e6 / t, m }'
    rm -rf "$tmp/cat$n"
done

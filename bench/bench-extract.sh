#!/bin/sh
# bench-extract: `glossa extract` end to end (read, decode, segment, acronyms,
# entities, term list, CSV out) on one thread (-j 1), over inputs of at least
# 50 MB and 100 MB assembled from the corpus: the unpc-dev documents (one
# folder per document, en/fr/es/ru) listed as many times as needed.
# Prints, per size, MB/s by wall clock and by CPU time (user + system: the
# honest figure on a machine shared with other work) and the peak resident
# memory, then the ratio of the two peaks (it must stay near 1: memory does
# not grow with the input). Usage: bench-extract.sh GLOSSA SHARED_CORPUS.
# Skips (exit 0 with a message) when the corpus is absent.
glossa=$1
docs=$2/unpc-dev/docs
if [ ! -d "$docs" ]; then
    echo "bench-extract: skipped: no $docs"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-extract.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
once=$(du -sbL "$docs" | cut -f1)
ls "$docs" | sed "s|^|$docs/|" >"$tmp/once"
echo "bench-extract: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for want in 50 100; do
    copies=$(awk -v w="$want" -v o="$once" 'BEGIN { c = int(w * 1e6 / o); if (c * o < w * 1e6) c++; print c }')
    : >"$tmp/list"
    i=0
    while [ "$i" -lt "$copies" ]; do
        cat "$tmp/once" >>"$tmp/list"
        i=$((i + 1))
    done
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$glossa" extract -r --quiet -j 1 \
        --files-from="$tmp/list" >"$tmp/out.csv" || exit 2
    set -- $(cat "$tmp/time")
    awk -v mb="$(awk -v c="$copies" -v o="$once" 'BEGIN { print c * o / 1e6 }')" \
        -v wall="$1" -v user="$2" -v sys="$3" -v rss="$4" -v want="$want" 'BEGIN {
        cpu = user + sys
        if (wall <= 0) wall = 0.01
        if (cpu <= 0) cpu = 0.01
        printf "extract -j 1, %3d MB input (%.1f MB): %.1f MB/s CPU (%.2f s user+sys), %.1f MB/s wall (%.2f s), peak RSS %d kB\n",
            want, mb, mb / cpu, cpu, mb / wall, wall, rss }'
    echo "$4" >"$tmp/rss.$want"
done
awk -v a="$(cat "$tmp/rss.50")" -v b="$(cat "$tmp/rss.100")" 'BEGIN {
    printf "peak RSS 100 MB / 50 MB: %.2f\n", b / a }'

#!/bin/sh
# run-fuzz.sh: runs each libFuzzer target for a while and prints what it did.
#
#   run-fuzz.sh SECONDS SRCDIR BUILDDIR TARGET...
#
# For each target tests/fuzz/fuzz-TARGET (built with --enable-fuzzing), the
# working corpus is BUILDDIR/fuzz-corpus/TARGET (new inputs go there, never into
# the source tree), seeded from SRCDIR/tests/fuzz/corpus/TARGET and the kept
# regressions; findings go to BUILDDIR/fuzz-findings/TARGET/. Prints one line
# per target: executions, seconds, corpus size, findings. Exits 1 when any
# target found something (copy the file into tests/fuzz/regressions/TARGET/
# once fixed). Extra libFuzzer flags: FUZZ_FLAGS in the environment.
set -u
seconds=$1
srcdir=$2
builddir=$3
shift 3
: "${FUZZ_FLAGS:=}"
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export UBSAN_OPTIONS
status=0
for t in "$@"; do
    prog="$builddir/tests/fuzz/fuzz-$t"
    corpus="$builddir/fuzz-corpus/$t"
    findings="$builddir/fuzz-findings/$t"
    log="$builddir/fuzz-findings/$t.log"
    mkdir -p "$corpus" "$findings"
    seeds=
    for d in "$srcdir/tests/fuzz/corpus/$t" "$srcdir/tests/fuzz/regressions/$t"; do
        [ -d "$d" ] && seeds="$seeds $d"
    done
    before=$(ls "$findings" | wc -l)
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$prog" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$findings/" $FUZZ_FLAGS "$corpus" $seeds >"$log" 2>&1
    rc=$?
    end=$(date +%s)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    [ -n "$runs" ] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    after=$(ls "$findings" | wc -l)
    found=$((after - before))
    [ "$rc" -eq 0 ] || [ "$found" -gt 0 ] || found=1
    echo "fuzz-$t: ${runs:-?} executions in $((end - start)) s," \
        "corpus $(ls "$corpus" | wc -l) files, $found finding(s)"
    if [ "$found" -gt 0 ]; then
        status=1
        echo "  see $log and $findings/" >&2
        grep -m 5 -E 'ERROR|runtime error|invariant broken|SUMMARY' "$log" | sed 's/^/  /' >&2
    fi
done
exit $status

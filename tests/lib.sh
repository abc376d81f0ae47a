# tests/lib.sh: shell helpers for glossa's script tests (TAP output).
# Sourced by tests/*.test; expects GLOSSA, top_srcdir (and optionally GLOSSA_WRAP,
# SHARED_CORPUS) in the environment, as set by `make check`.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${GLOSSA:=$PWD/glossa}"
: "${GLOSSA_WRAP:=}"
: "${SHARED_CORPUS:=$top_srcdir/../shared/corpus}"
SAMPLE="$top_srcdir/tests/data/S-2019-742"
tap_n=0
tap_fail=0

# glossa ARGS...: runs the program under test (through valgrind when configured).
glossa() { $GLOSSA_WRAP "$GLOSSA" "$@"; }

ok() { # ok STATUS NAME
    tap_n=$((tap_n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $tap_n - $2"
    else
        echo "not ok $tap_n - $2"
        tap_fail=$((tap_fail + 1))
    fi
}

skip() { # skip NAME REASON
    tap_n=$((tap_n + 1))
    echo "ok $tap_n - $1 # SKIP $2"
}

diag() { sed 's/^/# /'; }

done_testing() {
    echo "1..$tap_n"
    [ "$tap_fail" -eq 0 ]
}

# A scratch folder removed at exit.
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/glossa-test.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

#!/bin/sh
# setup.sh: set up a Debian 12 machine for glossa, build it, and run something.
#
#   ./setup.sh sample   install what is missing, build, and build the en-fr-es-ru
#                       glossary of the bundled sample document (S/2019/742) with
#                       glossa align, printed on stdout
#   ./setup.sh check    install what is missing, build, and run the whole test suite
#                       (normal build, then again under AddressSanitizer + UBSan),
#                       the unit tests, CLI cases and kept fuzz inputs under
#                       valgrind, each fuzz target for 20,000 runs from seed 1
#                       (FUZZ_FLAGS; FUZZ_SECONDS caps each, 120) when clang is
#                       there, then the formatting check
#
# Builds go to _build/ (and _build-asan/, _build-valgrind/, _build-fuzz/); the
# source tree stays clean.
set -eu
cd "$(dirname "$0")"
top=$(pwd)
mode=${1:-sample}

PACKAGES="build-essential autoconf automake libtool pkg-config gawk \
libpcre2-dev libicu-dev libcsv-dev libxml2-dev libhunspell-dev hunspell-ru \
libstemmer-dev libjansson-dev clang-format parallel libzip-dev poppler-utils zip"

install_missing() {
    missing=
    for p in $PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    echo "setup: installing$missing" >&2
    sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2
}

build() { # build DIR [configure args]
    dir=$1
    shift
    [ -x "$top/configure" ] && [ "$top/configure" -nt "$top/configure.ac" ] &&
        [ "$top/Makefile.in" -nt "$top/Makefile.am" ] || "$top/autogen.sh" >&2
    mkdir -p "$dir"
    if [ ! -f "$dir/Makefile" ] || [ "$dir/config.status" -ot "$top/configure" ]; then
        (cd "$dir" && "$top/configure" -q "$@") >&2
    fi
    make -s -C "$dir" -j"$(nproc)" >&2
}

case "$mode" in
sample)
    install_missing
    build "$top/_build"
    # From the top folder, so that the glossary's source column names the
    # sample as the README does (tests/data/...), not an absolute path.
    cd "$top"
    s=tests/data/S-2019-742
    exec ./_build/glossa align "en:$s/en.txt" "fr:$s/fr.txt" "es:$s/es.txt" "ru:$s/ru.txt"
    ;;
check)
    install_missing
    status=0
    build "$top/_build"
    make -s -C "$top/_build" -j"$(nproc)" check || status=1
    build "$top/_build-asan" --enable-asan --enable-ubsan
    make -s -C "$top/_build-asan" -j"$(nproc)" check || status=1
    # valgrind: the whole suite would take an hour; the unit tests, the CLI
    # cases and the kept fuzz inputs cover every module in a few minutes.
    build "$top/_build-valgrind" --enable-valgrind
    vtests="$(sed -n 's/^UNIT_TESTS += //p' "$top/Makefile.am" | tr '\n' ' ')"
    make -s -C "$top/_build-valgrind" -j"$(nproc)" check \
        TESTS="$vtests tests/cli.test tests/fuzz-regress.test" || status=1
    # A fuzz smoke: each target for a short while (clang's libFuzzer).
    if command -v clang >/dev/null 2>&1; then
        build "$top/_build-fuzz" CC=clang --enable-fuzzing
        # A fixed seed and number of runs make the smoke the same on every
        # machine, so a green run here is green in CI; FUZZ_SECONDS only caps it.
        FUZZ_FLAGS="${FUZZ_FLAGS:--seed=1 -runs=20000}" \
            make -s -C "$top/_build-fuzz" fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-120}" || status=1
    else
        echo "setup: no clang, no fuzz smoke" >&2
    fi
    make -s -C "$top/_build" check-format || status=1
    # One closing line for the whole run: every test of the three builds.
    pass=0 fail=0
    for trs in $(find "$top/_build/tests" "$top/_build-asan/tests" "$top/_build-valgrind/tests" \
        -name '*.trs'); do
        p=$(grep -c '^:test-result: \(PASS\|SKIP\|XFAIL\)' "$trs" || true)
        f=$(grep -c '^:test-result: \(FAIL\|ERROR\|XPASS\)' "$trs" || true)
        pass=$((pass + p))
        fail=$((fail + f))
    done
    [ "$status" -eq 0 ] || [ "$fail" -gt 0 ] || fail=1
    echo "$pass passed, $fail failed"
    exit "$status"
    ;;
*)
    echo "usage: ./setup.sh sample|check" >&2
    exit 2
    ;;
esac

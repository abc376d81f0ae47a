/* tap.h: a minimal TAP producer for glossa's unit tests (Automake's TAP driver
 * reads the output). Each check prints "ok N - name" or "not ok N - name" with a
 * diagnostic; done_testing() prints the plan and returns the exit status. */
#ifndef GLOSSA_TAP_H
#define GLOSSA_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static inline int tap_ok(int cond, const char *file, int line, const char *name)
{
    tap_count++;
    printf("%sok %d - %s\n", cond ? "" : "not ", tap_count, name);
    if (!cond) {
        tap_failed++;
        printf("#   failed at %s:%d\n", file, line);
    }
    return cond;
}

#define ok(cond, name) tap_ok(!!(cond), __FILE__, __LINE__, (name))

#define is_int(got, want, name)                                                                    \
    do {                                                                                           \
        long long tap_g = (long long)(got), tap_w = (long long)(want);                             \
        if (!tap_ok(tap_g == tap_w, __FILE__, __LINE__, (name)))                                   \
            printf("#   got %lld, want %lld\n", tap_g, tap_w);                                     \
    } while (0)

#define is_str(got, want, name)                                                                    \
    do {                                                                                           \
        const char *tap_g = (got), *tap_w = (want);                                                \
        int tap_same = tap_g && tap_w ? strcmp(tap_g, tap_w) == 0 : tap_g == tap_w;                \
        if (!tap_ok(tap_same, __FILE__, __LINE__, (name)))                                         \
            printf("#   got '%s'\n#  want '%s'\n", tap_g ? tap_g : "(null)",                       \
                   tap_w ? tap_w : "(null)");                                                      \
    } while (0)

static inline int done_testing(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif

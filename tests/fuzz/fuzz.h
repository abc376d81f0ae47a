/* fuzz.h: what the fuzz targets share.
 *
 * Each target defines LLVMFuzzerTestOneInput and nothing else that libFuzzer
 * or the regression driver (regress.c) would call. The first input byte, when
 * a target needs options, selects them, so that the fuzzer explores options and
 * data together and a kept input replays exactly. A broken invariant calls
 * fuzz_fail, which aborts: libFuzzer and the driver both report it as a crash. */
#ifndef GLOSSA_FUZZ_H
#define GLOSSA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fuzz_fail(__FILE__, __LINE__, #cond);                                                  \
    } while (0)

static inline void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    abort();
}

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, surrogates or values
 * above U+10FFFF). */
static inline int fuzz_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p, need, min, cp;
        if (c < 0x80) {
            p++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            need = 1, min = 0x80, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 2, min = 0x800, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 3, min = 0x10000, cp = c & 0x07;
        else
            return 0;
        if ((size_t)(end - p) <= need)
            return 0;
        for (unsigned i = 1; i <= need; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        p += need + 1;
    }
    return 1;
}

/* 1 if offset is at a character boundary of the UTF-8 text s[0..len). */
static inline int fuzz_utf8_boundary(const char *s, size_t len, size_t offset)
{
    return offset == 0 || offset == len ||
           (offset < len && ((unsigned char)s[offset] & 0xC0) != 0x80);
}

#endif

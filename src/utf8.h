/* utf8: decoding and counting UTF-8 on hot paths, without ICU.
 *
 * The decoder assumes text that was validated on input (the text module
 * rejects invalid UTF-8), but never reads past n bytes: a truncated or stray
 * byte decodes as U+FFFD of length 1. */
#ifndef GLOSSA_UTF8_H
#define GLOSSA_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Decodes the code point at s (n > 0 bytes available) into *cp; returns its length. */
static inline size_t glossa_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0 && n >= 2) {
        *cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3) {
        *cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        return 3;
    }
    if ((s[0] & 0xF8) == 0xF0 && n >= 4) {
        *cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
              (s[3] & 0x3Fu);
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}

/* Number of code points in n bytes of UTF-8 (counts the bytes that are not
 * continuation bytes, eight at a time). */
static inline size_t glossa_utf8_count(const char *s, size_t n)
{
    size_t i = 0, cont = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        cont += (size_t)((((w & ~(w << 1) & 0x8080808080808080ull) >> 7) * 0x0101010101010101ull) >>
                         56);
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

#endif

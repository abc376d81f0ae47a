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

/* Whether code point c needs no NFC work whatever surrounds it: its
 * NFC_Quick_Check is Yes and its canonical combining class 0, so a text made of
 * such characters (and ASCII) is in NFC. Covers the letters and punctuation of
 * the six UN languages; 0 elsewhere means "ask ICU", not "not NFC". Every range
 * is checked against ICU by tests/unit/text-test.c. */
static const uint32_t glossa_nfc_inert_ranges[][2] = {
    {0x0080, 0x02FF}, {0x0370, 0x0373}, {0x0375, 0x037D}, {0x037F, 0x0386},
    {0x0388, 0x03FF}, {0x0400, 0x0482}, {0x0488, 0x052F}, {0x0600, 0x060F},
    {0x061B, 0x064A}, {0x0660, 0x066F}, {0x0671, 0x06D5}, {0x2002, 0x20CF},
    {0x3000, 0x3029}, {0x3030, 0x303F}, {0x4E00, 0x9FFF}, {0xFF00, 0xFFEF},
};

static inline int glossa_nfc_inert(uint32_t c)
{
    if (c >= 0x0400 && c <= 0x0482) /* Cyrillic letters: the commonest case first */
        return 1;
    for (size_t i = 0; i < sizeof(glossa_nfc_inert_ranges) / sizeof(glossa_nfc_inert_ranges[0]);
         i++) {
        if (c < glossa_nfc_inert_ranges[i][0])
            return 0;
        if (c <= glossa_nfc_inert_ranges[i][1])
            return 1;
    }
    return 0;
}

#endif

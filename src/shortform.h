/* shortform: characters and short forms — the private helpers shared by the
 * acronym finder (src/acronym.c) and the long-form matcher (src/longform.c).
 *
 * Text is UTF-8 and assumed valid (the finder validates a span once before
 * scanning it); offsets are bytes. Letters are compared through their base:
 * lower case, accents removed (É -> e, ё -> е), so that OEA matches
 * "Organisation des États américains". */
#ifndef GLOSSA_SHORTFORM_H
#define GLOSSA_SHORTFORM_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at text[i] (i < len); returns its length in bytes. */
static inline size_t sf_utf8_next(const char *text, size_t i, size_t len, int32_t *cp)
{
    const unsigned char *s = (const unsigned char *)text + i;
    size_t n = len - i;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0 && n >= 2) {
        *cp = (int32_t)(((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu));
        return 2;
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3) {
        *cp = (int32_t)(((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu));
        return 3;
    }
    if ((s[0] & 0xF8) == 0xF0 && n >= 4) {
        *cp = (int32_t)(((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
                        (s[3] & 0x3Fu));
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}

/* The start of the code point that ends just before text[i] (i > 0). */
static inline size_t sf_utf8_prev(const char *text, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80);
    return i;
}

/* The offset of the first byte that is not valid UTF-8 (overlong forms,
 * surrogates and code points past U+10FFFF included), or len when all are. */
size_t sf_utf8_check(const char *text, size_t len);

/* Letter or digit (or combining mark, which belongs to the letter before it). */
int sf_is_alnum(int32_t cp);
int sf_is_upper(int32_t cp);
int sf_is_lower(int32_t cp);
int sf_is_digit(int32_t cp);
/* The base of a letter: lower case without accents; other code points unchanged. */
int32_t sf_letter_base(int32_t cp);

/* Apostrophes (' ’ ʼ) and hyphens (- ‐ ‑ –  within words). */
int sf_is_apostrophe(int32_t cp);
int sf_is_hyphen(int32_t cp);

/* The extent of the token that contains or starts at text[start]: runs of
 * letters and digits joined by connectors written without spaces (hyphen, &,
 * +, ::, and dots between single capitals: M.P.D.). Returns the end offset. */
size_t sf_token_end(const char *text, size_t start, size_t len);

/* What a token looks like. */
struct sf_shape {
    unsigned upper, lower, digits, letters; /* counts over the whole token */
    unsigned first_upper;                   /* the first character is an upper-case letter */
    unsigned acronym_part;                  /* some part is mostly capitals, or capitals+digits */
    unsigned dotted;                        /* single capitals with dots: M.P.D. */
    unsigned camel;    /* not an acronym part, but syllables with capitals: LegCo, RuFamSo */
    unsigned excluded; /* never a short form (see sf_shape_of) */
};

/* Classifies text[start..end). excluded is set for single characters,
 * numbers, Roman numerals, grade codes (P-4, С-3) and document symbols
 * (S/2019/742: the bytes around the token are read through text/len). The
 * language's units and not-acronyms lists are the caller's business. */
void sf_shape_of(const char *text, size_t len, size_t start, size_t end, struct sf_shape *shape);

/* Writes the letters (and digits) of a short form as bases into out (capacity
 * cap); upper[i] says whether letter i is written in capitals (lower-case
 * letters of ReNuAL or the plural s of NGOs are matched more loosely).
 * Returns the count. */
size_t sf_letters(const char *text, size_t start, size_t end, int32_t *out, unsigned char *upper,
                  size_t cap);

#endif

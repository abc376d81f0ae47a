/* fold: match keys for text — the one place that decides when two spellings
 * count as the same for matching.
 *
 * A key is NFC UTF-8. Flags add: case folding (Unicode default folding),
 * typographic unification (’ ‘ ʼ → ', “ ” „ → ", « and << → «, » and >> → »,
 * no-break and thin spaces → space, runs of white space → one space, hyphen
 * variants → '-', soft hyphens removed) and accent removal (for cognates:
 * sécurité → securite). The surface text is never changed by this module;
 * keys exist only for comparing. */
#ifndef GLOSSA_FOLD_H
#define GLOSSA_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

enum glossa_fold_flags {
    GLOSSA_FOLD_CASE = 1u << 0,
    GLOSSA_FOLD_TYPO = 1u << 1,
    GLOSSA_FOLD_ACCENTS = 1u << 2,
};

#define GLOSSA_FOLD_MATCH (GLOSSA_FOLD_CASE | GLOSSA_FOLD_TYPO)

/* Appends the key of s (n bytes of UTF-8) to out. Returns 0, GLOSSA_ENOMEM, or
 * GLOSSA_EENCODING when s is not valid UTF-8. */
int glossa_fold_append(struct strbuf *out, const char *s, size_t n, unsigned flags);

/* One code point as GLOSSA_FOLD_TYPO sees it, for callers that fold a stream
 * themselves (the matcher): glossa_fold_is_space says whether c is white space
 * (a run of it is one space), glossa_fold_typo_char returns the replacement of
 * c or -1 to drop it. "<<" and ">>" pairs are the caller's business. */
int glossa_fold_is_space(int32_t c);
int32_t glossa_fold_typo_char(int32_t c);

#endif

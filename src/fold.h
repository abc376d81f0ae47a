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

#endif

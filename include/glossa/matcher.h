/* matcher: every form of a glossary found in a text by one automaton.
 *
 * Forms are added with a case mode and a payload (the caller's row or form
 * index), the automaton is built once, and a run walks the text once,
 * reporting every occurrence of every form. Forms and text are compared on
 * match keys: NFC, typographic variants unified (’ and ', no-break and
 * ordinary spaces, runs of white space, << and «), and case folded; the case
 * mode of the form is then applied to the surface text:
 *   insensitive  any case;
 *   exact        the same characters as the form (acronyms are matched so);
 *   permissive   every capital of the form is a capital in the text; other
 *                letters may differ in case ("Security Council" matches
 *                "SECURITY COUNCIL" but not "security council").
 * An occurrence starts and ends at word boundaries: the characters just outside
 * it are not letters, digits or combining marks (Unicode properties, not ASCII).
 * Occurrences inside URLs and e-mail addresses are not reported. Paragraph
 * breaks ('\n') are never crossed.
 *
 * Inflection is not the automaton's business: a stemmer (fr, es, ru, en; Snowball)
 * tells whether a form occurs in a span up to word endings. Callers use it only
 * to clear a doubt (a term that seems missing), never to report a finding.
 * Words written in capitals (acronyms) are never stemmed. */
#ifndef GLOSSA_MATCHER_H
#define GLOSSA_MATCHER_H

#include <stddef.h>

#include "glossa/error.h"

#ifdef __cplusplus
extern "C" {
#endif

enum glossa_matcher_case {
    GLOSSA_MATCHER_INSENSITIVE = 0,
    GLOSSA_MATCHER_EXACT = 1,
    GLOSSA_MATCHER_PERMISSIVE = 2,
};

/* One occurrence: bytes [start, end) of the text; payload as given to add. */
struct glossa_match {
    size_t start, end;
    size_t payload;
};

enum glossa_matcher_flags {
    /* Drop an occurrence that lies inside a longer one ("United Nations" inside
     * "United Nations Global Counter-Terrorism Strategy"). Occurrences of the same
     * span are all kept. */
    GLOSSA_MATCHER_LONGEST = 1u << 0,
};

struct glossa_matcher;

/* Returns owned: an empty matcher, or NULL when out of memory. */
struct glossa_matcher *glossa_matcher_new(void);
void glossa_matcher_free(struct glossa_matcher *m);

/* Adds form (UTF-8, len bytes; borrowed, copied). The same form may be added
 * many times with different payloads. Errors: GLOSSA_EENCODING (not UTF-8),
 * GLOSSA_EINVAL (empty key, or added after build), GLOSSA_ETOOBIG (key over
 * 4096 bytes), GLOSSA_ENOMEM. */
int glossa_matcher_add(struct glossa_matcher *m, const char *form, size_t len,
                       enum glossa_matcher_case mode, size_t payload, struct glossa_error *err);

/* Builds the automaton; no add after it. Returns 0 or GLOSSA_ENOMEM. */
int glossa_matcher_build(struct glossa_matcher *m, struct glossa_error *err);

/* Number of forms added. */
size_t glossa_matcher_count(const struct glossa_matcher *m);

/* Finds the occurrences in text[0..len) (UTF-8, NFC expected). *out is returned
 * owned (free()), sorted by start, then longer first, then payload; *n
 * receives the count. The matcher is only read: runs on one built matcher may
 * go on in parallel. Errors: GLOSSA_EINVAL (not built), GLOSSA_ENOMEM. */
int glossa_matcher_run(const struct glossa_matcher *m, const char *text, size_t len, unsigned flags,
                       struct glossa_match **out, size_t *n, struct glossa_error *err);

/* Appends to *spans (owned, realloc'd; *n updated) the byte ranges of URLs and
 * e-mail addresses in text, in order, as pairs [start, end). Returns 0 or
 * GLOSSA_ENOMEM. */
int glossa_matcher_excluded_spans(const char *text, size_t len, size_t **spans, size_t *n);

/* ---- inflection ----------------------------------------------------------- */

struct glossa_stemmer;

/* Returns owned: a stemmer for language code lang, or NULL when the language
 * has none (or memory ran out). Not shared between threads. */
struct glossa_stemmer *glossa_stemmer_new(const char *lang);
void glossa_stemmer_free(struct glossa_stemmer *st);

/* Returns owned (free()): the stem key of text — its words (runs of letters and
 * digits), case folded and stemmed, joined by single spaces; words in capitals
 * are kept as they are. NULL when out of memory. *keylen (may be NULL) receives
 * the length. */
char *glossa_stemmer_key(struct glossa_stemmer *st, const char *text, size_t len, size_t *keylen);

/* Returns 1 when the word sequence of key (a stem key) occurs in the stem key
 * hay at word boundaries, 0 otherwise. */
int glossa_stem_key_contains(const char *hay, size_t haylen, const char *key, size_t keylen);

#ifdef __cplusplus
}
#endif
#endif

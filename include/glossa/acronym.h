/* acronym: short forms and their long forms in one language.
 *
 * The finder scans a span of text (a paragraph or any run of sentences) and
 * reports every acronym definition (short form + long form, in any of the
 * layouts of doc: `long form (SF)`, `SF (long form)`, `SF = long form`, ...) and
 * every use of an acronym outside a definition. Language knowledge comes from
 * data/lang/<code>/. Offsets are bytes into the span given. */
#ifndef GLOSSA_ACRONYM_H
#define GLOSSA_ACRONYM_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/lang.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glossa_acronym {
    size_t sf_start, sf_end; /* the short form, end exclusive */
    size_t lf_start, lf_end; /* the long form; lf_start == lf_end for a use (no definition) */
    double confidence;       /* 0..1 */
    const char *rule;        /* static: names the rule that matched ("initials", "use", ...) */
};

struct glossa_acronym_finder;

/* Returns owned: a finder for lang (borrowed; must outlive the finder), or NULL
 * with err filled. A finder is not shared between threads; make one per thread. */
struct glossa_acronym_finder *glossa_acronym_finder_new(const struct glossa_lang *lang,
                                                        struct glossa_error *err);
void glossa_acronym_finder_free(struct glossa_acronym_finder *finder);

/* A definition found in another language version of the text about to be
 * searched (the same sentence or paragraph in en, fr, es or ru): its short and
 * long forms, UTF-8, borrowed. */
struct glossa_acronym_hint {
    const char *sf, *lf;
    size_t sf_len, lf_len;
    double confidence; /* the other version's, 0..1 */
};

/* Borrows hints[0..n) (they must outlive the glossa_acronym_find calls that
 * follow; NULL, 0 clears them). A short form in brackets that the letters do
 * not explain here but that another version defines (the same short form, in
 * any script: LSD, ЛСД) gets as long form the words before the bracket that
 * hold as many content words as the other version's long form ("Ejército de
 * Resistencia del Señor (LRA)" after "Lord's Resistance Army (LRA)"); rule
 * "version". A long form found here by the weak "name" rule is replaced only
 * when a version found its own by the letters (confidence above 0.6) and it is
 * far longer than that one. Returns 0, or GLOSSA_EUNICODE / GLOSSA_ENOMEM when the
 * transliterator that compares scripts cannot be made (err filled). */
int glossa_acronym_finder_set_hints(struct glossa_acronym_finder *finder,
                                    const struct glossa_acronym_hint *hints, size_t n,
                                    struct glossa_error *err);

/* Finds definitions and uses in text[0..len) (UTF-8). *out is returned owned
 * (free() it), sorted by sf_start; *n receives the count. */
int glossa_acronym_find(struct glossa_acronym_finder *finder, const char *text, size_t len,
                        struct glossa_acronym **out, size_t *n, struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

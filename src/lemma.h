/* lemma: the dictionary form a terminologist would enter for a term found
 * inflected in the text (Russian: Организации Договора о коллективной
 * безопасности -> Организация Договора о коллективной безопасности), through
 * Hunspell's dictionary of the language. Where no form can be derived, the
 * form found is given back unchanged. */
#ifndef GLOSSA_LEMMA_H
#define GLOSSA_LEMMA_H

#include <stddef.h>

#include "strbuf.h"

struct glossa_lemma;

/* Returns owned: a lemmatiser for lang, or NULL when glossa has none for that
 * language or its dictionary is not installed (callers then keep the forms
 * found). The dictionary is looked for in $GLOSSA_HUNSPELL_DIR, then
 * /usr/share/hunspell. */
struct glossa_lemma *glossa_lemma_new(const char *lang);
void glossa_lemma_free(struct glossa_lemma *lemma);

/* Appends the dictionary form of term[0..len) to out: the leading adjectives
 * and the head noun put in the nominative singular (agreeing in gender), the
 * rest kept. lemma may be NULL (the term is copied). Returns 0 or
 * GLOSSA_ENOMEM. */
int glossa_lemma_term(struct glossa_lemma *lemma, const char *term, size_t len, struct strbuf *out);

#endif

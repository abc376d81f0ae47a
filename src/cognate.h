/* cognate: word similarity across languages and scripts.
 *
 * A word's cognate key is its Latin skeleton: transliterated to ASCII Latin
 * (ICU "Any-Latin; Latin-ASCII"), lower case, accents gone, and spelled with
 * fewer letters so that the spellings of one word in en, fr, es and ru meet
 * (z/s, c/k, -tion/-cion/-ция, double letters single). Two keys are compared
 * by their common prefix and their longest common subsequence. */
#ifndef GLOSSA_COGNATE_H
#define GLOSSA_COGNATE_H

#include <stddef.h>

#include "glossa/error.h"
#include "strbuf.h"

struct glossa_cognate;

/* Returns owned: a key maker holding one ICU transliterator (built here, once),
 * or NULL with err filled (GLOSSA_EUNICODE, GLOSSA_ENOMEM). Not shared between
 * threads. */
struct glossa_cognate *glossa_cognate_new(struct glossa_error *err);
void glossa_cognate_free(struct glossa_cognate *cognate);

/* Appends the cognate key of word[0..len) (UTF-8) to out. Keys of words that
 * have no letters or digits are empty. Returns 0, GLOSSA_ENOMEM,
 * GLOSSA_EENCODING or GLOSSA_EUNICODE. */
int glossa_cognate_key(struct glossa_cognate *cognate, const char *word, size_t len,
                       struct strbuf *out);

/* Similarity of two keys (borrowed, NUL-terminated) in 0..1: 1 for equal keys,
 * about 0.7 and above for cognates (organisation/организация), low otherwise.
 * Keys shorter than 3 letters only match when equal. */
double glossa_cognate_similarity(const char *a, const char *b);

/* Similarity of two words (UTF-8): the similarity of their keys; a negative
 * code on error. */
double glossa_cognate_compare(struct glossa_cognate *cognate, const char *a, size_t alen,
                              const char *b, size_t blen);

#endif

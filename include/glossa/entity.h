/* entity: named entities in one language — bodies, programmes, strategies,
 * places, people — found by rules and the lists of data/lang/<code>/.
 *
 * Offsets are bytes into the span given. The caller passes the sentence starts
 * inside the span so that a sentence-initial capital alone is not taken as
 * evidence of a name. */
#ifndef GLOSSA_ENTITY_H
#define GLOSSA_ENTITY_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/lang.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glossa_entity {
    size_t start, end; /* end exclusive */
    double confidence; /* 0..1 */
    const char *rule;  /* static: names the rule that matched */
};

struct glossa_entity_finder;

/* Returns owned, or NULL with err filled. lang is borrowed. One per thread. */
struct glossa_entity_finder *glossa_entity_finder_new(const struct glossa_lang *lang,
                                                      struct glossa_error *err);
void glossa_entity_finder_free(struct glossa_entity_finder *finder);

/* Finds entities in text[0..len). sentence_starts (may be NULL) lists the byte
 * offsets where sentences begin, ascending. *out owned (free()), sorted by start. */
int glossa_entity_find(struct glossa_entity_finder *finder, const char *text, size_t len,
                       const size_t *sentence_starts, size_t nstarts, struct glossa_entity **out,
                       size_t *n, struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

/* entity: named entities in one language — bodies, programmes, strategies,
 * places, people, titles — found by rules and the lists of data/lang/<code>/
 * (entity-heads, connectors, entity-links, titles, entity-stop, entity-words...).
 *
 * Offsets are bytes into the span given. The caller passes the sentence starts
 * inside the span so that a sentence-initial capital alone is not taken as
 * evidence of a name. A newline ends any name (the caller gives one paragraph
 * per line, hard wraps already repaired).
 *
 * French names capitalise only their first word ("Bureau de lutte contre le
 * terrorisme"), so their right edge is a guess: such an entity carries
 * GLOSSA_ENTITY_EDGE_UNCERTAIN and the candidate right edges it could stop at,
 * for alignment to choose from with the other language versions. Arabic and
 * Chinese give no entities (no capitals to go by). */
#ifndef GLOSSA_ENTITY_H
#define GLOSSA_ENTITY_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/lang.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GLOSSA_ENTITY_MAX_EDGES 8

enum glossa_entity_flags {
    GLOSSA_ENTITY_TITLE = 1u << 0,          /* a title or function (Secretary-General) */
    GLOSSA_ENTITY_EDGE_UNCERTAIN = 1u << 1, /* end is a guess; see edges */
    GLOSSA_ENTITY_KNOWN = 1u << 2,          /* from the entity-words list */
};

struct glossa_entity {
    size_t start, end; /* end exclusive */
    double confidence; /* 0..1 */
    const char *rule;  /* static: names the rule that matched */
    unsigned flags;    /* enum glossa_entity_flags */
    /* Candidate right edges, ascending, each the end of a defensible name:
     * "Bureau" | "Bureau de lutte" | "Bureau de lutte contre le terrorisme".
     * end is always one of them; nedges >= 1. */
    size_t edges[GLOSSA_ENTITY_MAX_EDGES];
    size_t nedges;
};

struct glossa_entity_finder;

/* Returns owned, or NULL with err filled. lang is borrowed. One per thread. */
struct glossa_entity_finder *glossa_entity_finder_new(const struct glossa_lang *lang,
                                                      struct glossa_error *err);
void glossa_entity_finder_free(struct glossa_entity_finder *finder);

/* Finds entities in text[0..len). sentence_starts (may be NULL) lists the byte
 * offsets where sentences begin, ascending; when NULL, every line start and every
 * capital after a full stop, question or exclamation mark counts as one.
 * *out owned (free()), sorted by start, never overlapping; *out is NULL when *n is 0.
 * Errors: GLOSSA_ENOMEM, GLOSSA_EENCODING (text not valid UTF-8). */
int glossa_entity_find(struct glossa_entity_finder *finder, const char *text, size_t len,
                       const size_t *sentence_starts, size_t nstarts, struct glossa_entity **out,
                       size_t *n, struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

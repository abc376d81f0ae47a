/* extract: the terms of one language version of a document — acronym
 * definitions and uses, and named entities — as occurrences located in the
 * original file, and the term list that sums them up.
 *
 * Data flows one way: text (decoded body) -> segments -> finders (acronym,
 * entity) -> occurrences -> term list. An extractor holds the finders of one
 * language; it is not shared between threads. */
#ifndef GLOSSA_EXTRACT_H
#define GLOSSA_EXTRACT_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/lang.h"
#include "glossa/segment.h"
#include "glossa/text.h"

#ifdef __cplusplus
extern "C" {
#endif

enum glossa_term_type {
    GLOSSA_TERM_ACRONYM = 0, /* a short form (with its long form where defined) */
    GLOSSA_TERM_ENTITY = 1,  /* a named entity */
};

/* Returns the CSV name of a type: "acronym", "entity". */
const char *glossa_term_type_name(enum glossa_term_type type);

/* One occurrence of a term in a document. Strings are borrowed for the duration
 * of the callback only. For a definition, term and expansion are the short and
 * long form as they stand in the text; for a use, expansion is "". */
struct glossa_occurrence {
    const char *file;
    char lang[3];
    enum glossa_term_type type;
    const char *term;
    size_t term_len;
    const char *expansion;
    size_t expansion_len;
    size_t offset;       /* byte offset of the term in the body */
    size_t line, column; /* of the term in the original file (1-based, characters) */
    size_t exp_offset;   /* byte offset of the expansion in the body (definitions) */
    double confidence;
    const char *rule; /* static: which rule found it */
};

typedef int (*glossa_occurrence_fn)(const struct glossa_occurrence *occ, void *ctx);

struct glossa_extractor;

/* Returns owned, or NULL with err filled. lang is borrowed. */
struct glossa_extractor *glossa_extractor_new(const struct glossa_lang *lang,
                                              struct glossa_error *err);
void glossa_extractor_free(struct glossa_extractor *ex);

/* Calls fn for every occurrence in text, in text order. A non-zero return from
 * fn stops the run and is returned. */
int glossa_extract_text(struct glossa_extractor *ex, const struct glossa_text *text,
                        const struct glossa_segments *segments, glossa_occurrence_fn fn, void *ctx,
                        struct glossa_error *err);

/* ---- the term list: one entry per distinct term ------------------------ */

struct glossa_term {
    char lang[3];
    enum glossa_term_type type;
    char *term;      /* surface form of the first occurrence */
    char *expansion; /* acronyms: the long form of the first definition, "" if never defined */
    size_t count;    /* occurrences (definitions and uses) */
    const char *first_file;
    size_t first_line, first_column;
    double confidence;  /* highest over the occurrences */
    size_t nexpansions; /* distinct long forms seen for an acronym */
};

struct glossa_termlist;

/* Returns owned, or NULL when out of memory. */
struct glossa_termlist *glossa_termlist_new(void);
void glossa_termlist_free(struct glossa_termlist *list);

/* Adds one occurrence (its strings are copied). Terms are the same when their
 * language, type and match key agree (acronyms: exact case; entities: case
 * folded; both with typographic variants unified). */
int glossa_termlist_add(struct glossa_termlist *list, const struct glossa_occurrence *occ);

/* A glossa_occurrence_fn that adds to the glossa_termlist passed as ctx. */
int glossa_termlist_add_cb(const struct glossa_occurrence *occ, void *ctx);

/* The terms in the order of their first occurrence (files in the order added);
 * borrowed, valid until the next add or free. */
const struct glossa_term *glossa_termlist_items(const struct glossa_termlist *list, size_t *n);

#ifdef __cplusplus
}
#endif
#endif

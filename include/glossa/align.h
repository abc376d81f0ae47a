/* align: the terms of a document's language versions paired into one
 * multilingual glossary.
 *
 * The first version added is the pivot; every other version is aligned to it
 * (segments first, through bitext anchors and lengths, then terms inside
 * aligned segments). The aligner reads occurrences (acronym definitions and
 * uses, entities: see extract.h) of each version and proposes concepts:
 * an acronym concept gives an `acronym` row and a `full-form` row sharing a
 * concept id; an entity gives an `entity` row. A seed glossary gives prior
 * knowledge: an approved pair is taken as given, and its words help compare
 * the words of long forms.
 *
 * Bodies, segments and occurrence offsets are borrowed: they must stay valid
 * until the aligner is freed. */
#ifndef GLOSSA_ALIGN_H
#define GLOSSA_ALIGN_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/extract.h"
#include "glossa/segment.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glossa_aligner;

struct glossa_align_options {
    double min_confidence; /* rows below are left out (0: keep all proposals) */
    int force;             /* 1: align even versions whose anchors disagree */
};

enum glossa_align_row_type {
    GLOSSA_ALIGN_ACRONYM,
    GLOSSA_ALIGN_FULL_FORM,
    GLOSSA_ALIGN_ENTITY,
};

/* One proposed glossary row. terms[v] is the term of version v ("" when that
 * version has none). Everything is borrowed from the aligner. */
struct glossa_align_row {
    enum glossa_align_row_type type;
    const char *concept;      /* content-derived id, shared by acronym and full-form rows */
    const char *const *terms; /* one per version, in the order versions were added */
    double confidence;        /* 0..1 */
    size_t count;             /* occurrences in the pivot (or the first version that has it) */
};

/* Returns owned, or NULL with err filled. opts may be NULL (defaults). */
struct glossa_aligner *glossa_aligner_new(const struct glossa_align_options *opts,
                                          struct glossa_error *err);
void glossa_aligner_free(struct glossa_aligner *al);

/* Forgets the versions, occurrences and rows of the last document, keeping
 * what is costly to build (transliterator, dictionaries, seed index, word
 * cache), so that one aligner serves many documents in turn. Seeds must all
 * be added before the first run. */
void glossa_aligner_reset(struct glossa_aligner *al);

/* Adds a version: lang (a supported code), name (borrowed, copied: for
 * messages), its body (borrowed: body[0..len)) and segments (borrowed). The
 * first version added is the pivot. Returns the version's index (>= 0) or a
 * negative code (GLOSSA_EINVAL: a language added twice; GLOSSA_ELANG). */
int glossa_aligner_add_version(struct glossa_aligner *al, const char *lang, const char *name,
                               const char *body, size_t len, const struct glossa_segments *segments,
                               struct glossa_error *err);

/* Says that version v's segments are already aligned (a translation memory):
 * units[i] (borrowed, copied; n = the number of segments of v, non-decreasing)
 * is the translation unit of segment i, numbered alike in every version. When
 * the pivot and a version both have units, their segments are paired by unit
 * instead of by anchors and lengths. Returns 0, GLOSSA_EINVAL or GLOSSA_ENOMEM. */
int glossa_aligner_set_units(struct glossa_aligner *al, size_t v, const size_t *units, size_t n);

/* Records one occurrence of version v (offsets into its body; the strings of
 * occ are not kept). Returns 0, GLOSSA_EINVAL or GLOSSA_ENOMEM. */
int glossa_aligner_add_occurrence(struct glossa_aligner *al, size_t v,
                                  const struct glossa_occurrence *occ);

/* Adds one seed entry: terms[i] (borrowed, copied; NULL or "" when absent) in
 * language langs[i]. approved = 1 for a pair a person accepted (taken as
 * given); 0 for a candidate (its words still help). type is "acronym",
 * "full-form", "entity", "term" or NULL. Returns 0 or GLOSSA_ENOMEM. */
int glossa_aligner_add_seed(struct glossa_aligner *al, const char *const *langs,
                            const char *const *terms, size_t n, int approved, const char *type);

/* Aligns. Returns 0; GLOSSA_EMISMATCH when a version does not look like a
 * version of the pivot's document (err names it and says why) unless force is
 * set; GLOSSA_ENOMEM, GLOSSA_EUNICODE. */
int glossa_aligner_run(struct glossa_aligner *al, struct glossa_error *err);

/* The rows after a run, in order: acronym concepts (acronym row, then its
 * full-form row) in the order of their first pivot occurrence, then entities.
 * Borrowed; *n receives the count. */
const struct glossa_align_row *glossa_aligner_rows(const struct glossa_aligner *al, size_t *n);

/* The name of a row type as the glossary writes it: "acronym", "full-form", "entity". */
const char *glossa_align_row_type_name(enum glossa_align_row_type type);

#ifdef __cplusplus
}
#endif
#endif

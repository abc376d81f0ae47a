/* merge: new rows join an existing glossary without losing a human decision.
 *
 * Rows are identified by their term in the glossary's first language (the
 * pivot; a row without one by its first term in column order), compared
 * through match keys (NFC, typographic variants unified, case folded unless a
 * row says case=exact). A new row merges into an existing row with the same
 * key whose other terms agree (the same key in every language both have, the
 * same type when both have one): empty cells are filled, counts add per
 * source (the same source is not counted twice, so merging a file into itself
 * changes nothing), sources unite, confidence keeps the highest, and the
 * existing row keeps its concept id and its place.
 *
 * A new row whose terms differ from those of an existing row with the same
 * key is added as another row of that concept, except when the existing row
 * is approved (or has no status: a person's entry): a candidate never
 * overwrites it (the candidate is left out and listed as a conflict), and a
 * second approved target is a conflict resolved by the policy.
 *
 * Order: when the base glossary is in canonical order (concept, type, pivot
 * term, cells; glossa_merge_sort makes it so) new rows go to their canonical
 * places, so the result is canonical again; otherwise the base order is kept
 * and new rows follow it in canonical order. With canonical inputs, merge is
 * idempotent, associative and, for candidate-only inputs, commutative.
 *
 * Concept ids: existing ids never change. A new row takes the id of the row
 * it merged into or shares a key with, else the id its file gave it (ids made
 * only of digits are file-local and are replaced), else glossa_concept_id()
 * of its pivot term. */
#ifndef GLOSSA_MERGE_H
#define GLOSSA_MERGE_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/glossary.h"

#ifdef __cplusplus
extern "C" {
#endif

enum glossa_merge_policy {
    GLOSSA_MERGE_KEEP,   /* keep the base's approved row */
    GLOSSA_MERGE_THEIRS, /* take the new approved row in its place */
    GLOSSA_MERGE_FAIL,   /* like keep; the caller writes nothing when there are conflicts */
};

enum glossa_conflict_kind {
    GLOSSA_CONFLICT_TARGET,    /* two approved rows, different targets for one term */
    GLOSSA_CONFLICT_CANDIDATE, /* a candidate contradicts an approved row: left out */
    GLOSSA_CONFLICT_STATUS,    /* two human decisions on one row: different statuses */
};

struct glossa_merge_conflict {
    enum glossa_conflict_kind kind;
    char *lang;       /* the language of the term the rows share (owned) */
    char *term;       /* that term, as the base writes it (owned) */
    char *base_value; /* the base row's differing terms ("fr=OTSC") or status (owned) */
    char *new_value;  /* the new row's (owned) */
    char *base_file;  /* where the base row came from (owned) */
    size_t base_line;
    char *new_file; /* where the new row came from (owned) */
    size_t new_line;
    int took_new; /* 1 when the new row replaced the base row (policy theirs) */
};

struct glossa_merge_report {
    struct glossa_merge_conflict *conflicts;
    size_t nconflicts;
    size_t merged;   /* new rows merged into an existing row */
    size_t added;    /* new rows added */
    size_t left_out; /* new rows left out (conflicts kept the base) */
};

void glossa_merge_report_init(struct glossa_merge_report *report);
void glossa_merge_report_release(struct glossa_merge_report *report);

/* Merges the rows of incoming into base (changed in place: columns of
 * incoming that base lacks are appended, rows merged or added). incoming is
 * taken: glossa_merge frees it, also on error (its rows' memory moves into
 * base, so a million added rows are not copied). Conflicts and counts are
 * added to report (which may be NULL). Returns 0, or GLOSSA_ENOMEM /
 * GLOSSA_EENCODING with err filled; on error base may be partly merged and
 * must be thrown away. */
int glossa_merge(struct glossa_glossary *base, struct glossa_glossary *incoming,
                 enum glossa_merge_policy policy, struct glossa_merge_report *report,
                 struct glossa_error *err);

/* Puts the rows of g into canonical order (stable). Align calls it before
 * writing, so that its outputs merge commutatively. */
int glossa_merge_sort(struct glossa_glossary *g, struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

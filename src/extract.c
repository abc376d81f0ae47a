/* extract: runs the finders of one language over a document's paragraphs and
 * reports occurrences located in the original file.
 *
 * The finders see one paragraph at a time (definitions never cross
 * paragraphs, and a paragraph bounds the memory a finder needs); offsets they
 * return are relative to the paragraph and are turned into body offsets here,
 * then into line and column of the original file through the text module —
 * once per occurrence, at reporting, as the house style asks. Occurrences are
 * delivered in body order: acronyms and entities of a paragraph are merged by
 * offset. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/acronym.h"
#include "glossa/entity.h"
#include "glossa/extract.h"

struct glossa_extractor {
    const struct glossa_lang *lang;
    struct glossa_acronym_finder *acronyms;
    struct glossa_entity_finder *entities;
    size_t *starts; /* sentence starts of the current paragraph */
    size_t starts_alloc;
};

const char *glossa_term_type_name(enum glossa_term_type type)
{
    return type == GLOSSA_TERM_ACRONYM ? "acronym" : "entity";
}

struct glossa_extractor *glossa_extractor_new(const struct glossa_lang *lang,
                                              struct glossa_error *err)
{
    struct glossa_extractor *ex = calloc(1, sizeof(*ex));
    if (!ex) {
        glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        return NULL;
    }
    ex->lang = lang;
    ex->acronyms = glossa_acronym_finder_new(lang, err);
    ex->entities = ex->acronyms ? glossa_entity_finder_new(lang, err) : NULL;
    if (!ex->entities) {
        glossa_extractor_free(ex);
        return NULL;
    }
    return ex;
}

void glossa_extractor_free(struct glossa_extractor *ex)
{
    if (!ex)
        return;
    glossa_acronym_finder_free(ex->acronyms);
    glossa_entity_finder_free(ex->entities);
    free(ex->starts);
    free(ex);
}

/* Sentence starts of paragraph p, relative to base. */
static int collect_starts(struct glossa_extractor *ex, const struct glossa_segments *segs,
                          const struct glossa_paragraph *p, size_t base)
{
    if (p->nsegments > ex->starts_alloc) {
        size_t *grown = realloc(ex->starts, sizeof(*grown) * p->nsegments);
        if (!grown)
            return GLOSSA_ENOMEM;
        ex->starts = grown;
        ex->starts_alloc = p->nsegments;
    }
    for (size_t i = 0; i < p->nsegments; i++) {
        size_t s = segs->items[p->first_segment + i].start;
        ex->starts[i] = s > base ? s - base : 0;
    }
    return 0;
}

static int emit(const struct glossa_text *text, const char *body, struct glossa_occurrence *occ,
                glossa_occurrence_fn fn, void *ctx)
{
    glossa_text_position(text, occ->offset, &occ->line, &occ->column);
    occ->term = body + occ->offset;
    if (occ->expansion_len)
        occ->expansion = body + occ->exp_offset;
    else
        occ->expansion = "";
    return fn(occ, ctx);
}

static int extract_paragraph(struct glossa_extractor *ex, const struct glossa_text *text,
                             const struct glossa_segments *segs, const struct glossa_paragraph *p,
                             glossa_occurrence_fn fn, void *ctx, struct glossa_error *err)
{
    size_t blen;
    const char *body = glossa_text_body(text, &blen);
    size_t base = p->text_start;
    struct glossa_acronym *acr = NULL;
    struct glossa_entity *ent = NULL;
    size_t nacr = 0, nent = 0, ia = 0, ie = 0;
    int rc;

    if (p->end <= base)
        return 0;
    if ((rc = collect_starts(ex, segs, p, base)))
        return glossa_error_set(err, rc, NULL, 0, 0, NULL);
    rc = glossa_acronym_find(ex->acronyms, body + base, p->end - base, &acr, &nacr, err);
    if (!rc)
        rc = glossa_entity_find(ex->entities, body + base, p->end - base, ex->starts, p->nsegments,
                                &ent, &nent, err);
    while (!rc && (ia < nacr || ie < nent)) {
        struct glossa_occurrence occ;
        memset(&occ, 0, sizeof(occ));
        occ.file = glossa_text_name(text);
        memcpy(occ.lang, segs->lang, sizeof(occ.lang));
        if (ia < nacr && (ie >= nent || acr[ia].sf_start <= ent[ie].start)) {
            const struct glossa_acronym *a = &acr[ia++];
            occ.type = GLOSSA_TERM_ACRONYM;
            occ.offset = base + a->sf_start;
            occ.term_len = a->sf_end - a->sf_start;
            occ.exp_offset = base + a->lf_start;
            occ.expansion_len = a->lf_end - a->lf_start;
            occ.confidence = a->confidence;
            occ.rule = a->rule;
        } else {
            const struct glossa_entity *e = &ent[ie++];
            occ.type = GLOSSA_TERM_ENTITY;
            occ.offset = base + e->start;
            occ.term_len = e->end - e->start;
            occ.confidence = e->confidence;
            occ.rule = e->rule;
        }
        rc = emit(text, body, &occ, fn, ctx);
    }
    free(acr);
    free(ent);
    return rc;
}

int glossa_extract_text(struct glossa_extractor *ex, const struct glossa_text *text,
                        const struct glossa_segments *segments, glossa_occurrence_fn fn, void *ctx,
                        struct glossa_error *err)
{
    for (size_t i = 0; i < segments->nparagraphs; i++) {
        int rc = extract_paragraph(ex, text, segments, &segments->paragraphs[i], fn, ctx, err);
        if (rc)
            return rc;
    }
    return 0;
}

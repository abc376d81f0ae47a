/* fuzz-extract: the term finders on arbitrary bytes, and the whole extractor.
 *
 * The first byte chooses the language and how sentence starts are given; the
 * rest is the text. The acronym and entity finders get the raw bytes (they may
 * refuse invalid UTF-8 with an error, never crash); their results must lie
 * inside the text, on character boundaries, in order. Then, when the bytes
 * decode as a document, the extractor runs over its segments and every
 * occurrence goes into a term list. Finders are made once per language and
 * reused, as a worker thread does. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "glossa/acronym.h"
#include "glossa/entity.h"
#include "glossa/extract.h"
#include "glossa/lang.h"
#include "glossa/segment.h"
#include "glossa/text.h"

static const char *const codes[] = {"en", "fr", "es", "ru", "ar", "zh"};
#define NLANGS (sizeof(codes) / sizeof(codes[0]))

struct finders {
    const struct glossa_lang *lang;
    struct glossa_acronym_finder *acronyms;
    struct glossa_entity_finder *entities;
    struct glossa_extractor *extractor;
};

static struct finders *finders_for(unsigned i)
{
    static struct finders all[NLANGS];
    struct finders *f = &all[i % NLANGS];
    if (!f->lang) {
        FUZZ_CHECK(glossa_lang_get(codes[i % NLANGS], &f->lang, NULL) == 0);
        f->acronyms = glossa_acronym_finder_new(f->lang, NULL);
        f->entities = glossa_entity_finder_new(f->lang, NULL);
        f->extractor = glossa_extractor_new(f->lang, NULL);
        FUZZ_CHECK(f->acronyms && f->entities && f->extractor);
    }
    return f;
}

static void check_acronyms(const char *text, size_t len, const struct glossa_acronym *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(a[i].sf_start < a[i].sf_end && a[i].sf_end <= len);
        FUZZ_CHECK(a[i].lf_start <= a[i].lf_end && a[i].lf_end <= len);
        FUZZ_CHECK(a[i].confidence >= 0 && a[i].confidence <= 1);
        FUZZ_CHECK(a[i].rule != NULL);
        FUZZ_CHECK(i == 0 || a[i - 1].sf_start <= a[i].sf_start);
        FUZZ_CHECK(fuzz_utf8_boundary(text, len, a[i].sf_start));
        FUZZ_CHECK(fuzz_utf8_boundary(text, len, a[i].sf_end));
        FUZZ_CHECK(fuzz_utf8_boundary(text, len, a[i].lf_start));
        FUZZ_CHECK(fuzz_utf8_boundary(text, len, a[i].lf_end));
    }
}

static void check_entities(const char *text, size_t len, const struct glossa_entity *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int has_end = 0;
        FUZZ_CHECK(e[i].start < e[i].end && e[i].end <= len);
        FUZZ_CHECK(i == 0 || e[i - 1].end <= e[i].start);
        FUZZ_CHECK(e[i].confidence >= 0 && e[i].confidence <= 1);
        FUZZ_CHECK(e[i].nedges >= 1 && e[i].nedges <= GLOSSA_ENTITY_MAX_EDGES);
        for (size_t k = 0; k < e[i].nedges; k++) {
            FUZZ_CHECK(e[i].edges[k] > e[i].start && e[i].edges[k] <= len);
            FUZZ_CHECK(k == 0 || e[i].edges[k - 1] < e[i].edges[k]);
            has_end |= e[i].edges[k] == e[i].end;
        }
        FUZZ_CHECK(has_end);
        FUZZ_CHECK(fuzz_utf8_boundary(text, len, e[i].start));
        FUZZ_CHECK(fuzz_utf8_boundary(text, len, e[i].end));
        FUZZ_CHECK(memchr(text + e[i].start, '\n', e[i].end - e[i].start) == NULL);
    }
}

static int occurrence_check(const struct glossa_occurrence *occ, void *ctx)
{
    size_t body_len = *(const size_t *)ctx;
    FUZZ_CHECK(occ->term_len > 0 && fuzz_utf8_valid(occ->term, occ->term_len));
    FUZZ_CHECK(occ->expansion_len == 0 || fuzz_utf8_valid(occ->expansion, occ->expansion_len));
    FUZZ_CHECK(occ->offset + occ->term_len <= body_len);
    FUZZ_CHECK(occ->line >= 1 && occ->column >= 1);
    return 0;
}

struct both {
    size_t body_len;
    struct glossa_termlist *list;
};

static int occurrence_add(const struct glossa_occurrence *occ, void *ctx)
{
    struct both *b = ctx;
    occurrence_check(occ, &b->body_len);
    return glossa_termlist_add(b->list, occ);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data + 1;
    size_t len, n = 0, nstarts = 0;
    struct glossa_acronym *acr = NULL;
    struct glossa_entity *ent = NULL;
    struct glossa_error err;
    struct finders *f;
    size_t *starts = NULL;
    int rc;

    if (size < 1)
        return 0;
    f = finders_for(data[0] & 7);
    len = size - 1;
    glossa_error_init(&err);

    rc = glossa_acronym_find(f->acronyms, text, len, &acr, &n, &err);
    FUZZ_CHECK(rc <= 0);
    if (rc == 0)
        check_acronyms(text, len, acr, n);
    free(acr);
    glossa_error_release(&err);

    /* Sentence starts: none (the finder guesses), or every line start. */
    if ((data[0] >> 3) & 1) {
        starts = malloc((len + 1) * sizeof(*starts));
        FUZZ_CHECK(starts != NULL);
        starts[nstarts++] = 0;
        for (size_t i = 0; i < len; i++)
            if (text[i] == '\n')
                starts[nstarts++] = i + 1;
    }
    n = 0;
    rc = glossa_entity_find(f->entities, text, len, starts, nstarts, &ent, &n, &err);
    FUZZ_CHECK(rc <= 0);
    if (rc == 0)
        check_entities(text, len, ent, n);
    free(ent);
    free(starts);
    glossa_error_release(&err);

    /* The whole pipeline, when the bytes are a document. */
    {
        struct glossa_text_options opts = {NULL, (data[0] >> 4) & 1, NULL};
        struct glossa_text *doc = NULL;
        struct glossa_segments *segs = NULL;
        struct both b = {0, NULL};
        opts.lang = codes[(data[0] & 7) % NLANGS];
        if (glossa_text_from_bytes("fuzz.txt", text, len, &opts, &doc, &err) == 0 &&
            glossa_segment_text(doc, opts.lang, &segs, &err) == 0) {
            glossa_text_body(doc, &b.body_len);
            b.list = glossa_termlist_new();
            FUZZ_CHECK(b.list != NULL);
            rc = glossa_extract_text(f->extractor, doc, segs, occurrence_add, &b, &err);
            FUZZ_CHECK(rc <= 0);
            if (rc == 0) {
                size_t nterms;
                const struct glossa_term *t = glossa_termlist_items(b.list, &nterms);
                for (size_t i = 0; i < nterms; i++) {
                    FUZZ_CHECK(t[i].count >= 1);
                    FUZZ_CHECK(fuzz_utf8_valid(t[i].term, strlen(t[i].term)));
                }
            }
            glossa_termlist_free(b.list);
        }
        glossa_segments_free(segs);
        glossa_text_free(doc);
        glossa_error_release(&err);
    }
    return 0;
}

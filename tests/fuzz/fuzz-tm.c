/* fuzz-tm: the TMX and XLIFF readers (tm.c, tmx.c, xliff.c) and the collector
 * of their units into language versions.
 *
 * First byte: bit 0 picks the reader (clear: TMX, set: XLIFF), bits 1-7 the
 * chunk size of the second reading ((byte >> 1) + 1 bytes). The rest is the
 * file, read once in one piece and once in chunks: both readings must agree
 * (same result code, same units; on an error, the units before it agree as far
 * as both readings went). Every unit walked: its index counts from 0,
 * each variant's text is UTF-8 without '\n' or NUL, its origins sorted and
 * inside the text, its language code empty or two letters. On success the
 * units are collected and every version's text is built and segmented, the
 * way glossa align and check use them. */
#include "config.h"

#include <string.h>

#include "../unit/membuf.h"
#include "fuzz.h"
#include "glossa/segment.h"
#include "glossa/tmx.h"
#include "glossa/xliff.h"
#include "strbuf.h"

struct walk {
    struct strbuf dump;            /* every unit, to compare the two readings */
    struct glossa_tm_versions *tv; /* the collector, or NULL */
    size_t units;
};

static int walk_unit(const struct glossa_tm_unit *u, void *ctx)
{
    struct walk *w = ctx;
    FUZZ_CHECK(u->index == w->units);
    FUZZ_CHECK(u->id != NULL);
    w->units++;
    strbuf_addf(&w->dump, "%zu|%s|%zu|%zu\n", u->index, u->id, u->line, u->n);
    for (size_t i = 0; i < u->n; i++) {
        const struct glossa_tm_variant *v = &u->variants[i];
        FUZZ_CHECK(v->lang[0] == '\0' || (strlen(v->lang) == 2));
        FUZZ_CHECK(v->tag != NULL);
        FUZZ_CHECK(v->text != NULL);
        FUZZ_CHECK(fuzz_utf8_valid(v->text, v->len));
        FUZZ_CHECK(v->len == 0 || memchr(v->text, '\n', v->len) == NULL);
        FUZZ_CHECK(v->len == 0 || memchr(v->text, '\0', v->len) == NULL);
        FUZZ_CHECK(v->norigins >= 1 && v->origins != NULL);
        for (size_t k = 0; k < v->norigins; k++) {
            FUZZ_CHECK(v->origins[k].offset <= v->len);
            FUZZ_CHECK(k == 0 || v->origins[k - 1].offset <= v->origins[k].offset);
            FUZZ_CHECK(v->origins[k].line >= 1);
        }
        strbuf_addf(&w->dump, " %s|%s|", v->lang, v->tag);
        strbuf_add(&w->dump, v->text, v->len);
        for (size_t k = 0; k < v->norigins; k++)
            strbuf_addf(&w->dump, "|%zu:%zu:%zu", v->origins[k].offset, v->origins[k].line,
                        v->origins[k].column);
        strbuf_addch(&w->dump, '\n');
    }
    return w->tv ? glossa_tm_versions_add(u, w->tv) : 0;
}

static int read_tm(int xliff, const char *data, size_t len, size_t chunk, struct walk *w)
{
    struct membuf m = {data, len, 0, chunk};
    struct glossa_error err;
    int rc;
    glossa_error_init(&err);
    rc = xliff ? glossa_xliff_read("fuzz.xlf", membuf_read, &m, walk_unit, w, &err)
               : glossa_tmx_read("fuzz.tmx", membuf_read, &m, walk_unit, w, &err);
    FUZZ_CHECK(rc <= 0);
    FUZZ_CHECK(rc == 0 || err.code != 0 || rc == GLOSSA_ENOMEM);
    glossa_error_release(&err);
    return rc;
}

/* Builds, segments and maps to units every version the collector holds. */
static void walk_versions(struct glossa_tm_versions *tv, size_t units)
{
    size_t n = glossa_tm_versions_count(tv);
    for (size_t i = 0; i < n; i++) {
        const char *lang = glossa_tm_versions_lang(tv, i);
        struct glossa_text *t = NULL;
        struct glossa_error err;
        FUZZ_CHECK(lang != NULL && glossa_tm_versions_find(tv, lang) == (long)i);
        glossa_error_init(&err);
        if (glossa_tm_versions_text(tv, i, &t, &err) == 0) {
            size_t len, *map = NULL;
            const char *body = glossa_text_body(t, &len);
            struct glossa_segments *seg = NULL;
            FUZZ_CHECK(fuzz_utf8_valid(body, len));
            if (glossa_segment_text(t, lang, &seg, &err) == 0) {
                if (glossa_tm_versions_units(tv, i, seg, &map) == 0) {
                    for (size_t k = 0; k < seg->n; k++) {
                        FUZZ_CHECK(map[k] < units);
                        FUZZ_CHECK(k == 0 || map[k - 1] <= map[k]);
                        FUZZ_CHECK(glossa_tm_versions_unit_id(tv, map[k]) != NULL);
                    }
                    free(map);
                }
                glossa_segments_free(seg);
            }
        }
        glossa_error_release(&err);
        glossa_text_free(t);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct walk whole = {STRBUF_INIT, NULL, 0}, parts = {STRBUF_INIT, NULL, 0};
    const char *rest = (const char *)data + 1;
    int xliff, ra, rb;
    if (size < 1)
        return 0;
    xliff = data[0] & 1;
    whole.tv = glossa_tm_versions_new(xliff ? "fuzz.xlf" : "fuzz.tmx");
    ra = read_tm(xliff, rest, size - 1, size, &whole);
    rb = read_tm(xliff, rest, size - 1, (size_t)(data[0] >> 1) + 1, &parts);
    FUZZ_CHECK(ra == rb);
    if (ra == 0) {
        FUZZ_CHECK(
            whole.dump.len == parts.dump.len &&
            (whole.dump.len == 0 || !memcmp(whole.dump.buf, parts.dump.buf, whole.dump.len)));
    } else {
        /* the units before the error: how far each reading got depends on
         * where the parser meets it, but they agree as far as both went */
        size_t n = whole.dump.len < parts.dump.len ? whole.dump.len : parts.dump.len;
        FUZZ_CHECK(n == 0 || !memcmp(whole.dump.buf, parts.dump.buf, n));
    }
    if (ra == 0 && whole.tv)
        walk_versions(whole.tv, whole.units);
    glossa_tm_versions_free(whole.tv);
    strbuf_release(&whole.dump);
    strbuf_release(&parts.dump);
    return 0;
}

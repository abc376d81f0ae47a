/* document-tm: a TMX or XLIFF file read as the language versions it holds.
 *
 * The file is streamed once (tmx.c, xliff.c) into a glossa_tm_versions
 * collector; each language's body becomes a document whose positions are
 * those of the file and whose segments are mapped to translation units, so
 * that align and check pair segments by unit instead of aligning them.
 * Traps: the languages and their order come from the file (first appearance),
 * the pivot moved first; a language glossa does not support is left out, and
 * a file with fewer than one supported language is an error.
 *
 * Streaming (tm_documents_stream): the units are copied as they come and
 * handed on in chunks of about TM_CHUNK_BYTES of text, each chunk made into
 * documents like a whole file, then forgotten; `context` units either side
 * are kept with a chunk (and read again with its neighbour) so that a checker
 * can look around every unit it reports on. Memory: the current chunk, its
 * documents, and what the callback keeps. The languages of a chunk keep the
 * file's order (first appearance so far); a chunk may lack some, even the
 * pivot. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "document-tm.h"
#include "glossa/lang.h"
#include "glossa/tmx.h"
#include "glossa/xliff.h"
#include "strbuf.h"

enum tm_kind tm_documents_kind(const char *path, enum glossa_input_format given)
{
    if (given == GLOSSA_INPUT_AUTO && glossa_input_format_of_file(path, &given, NULL))
        return TM_KIND_NONE;
    return given == GLOSSA_INPUT_TMX     ? TM_KIND_TMX
           : given == GLOSSA_INPUT_XLIFF ? TM_KIND_XLIFF
                                         : TM_KIND_NONE;
}

/* Makes td's documents from td->tv: order[0..no) are the versions of tv, in
 * the order wanted. Returns EXIT_OK, or EXIT_TROUBLE after reporting (td is
 * then closed). */
static int make_documents(struct tm_documents *td, const size_t *order, size_t no,
                          const struct document_options *opts)
{
    struct glossa_error err;
    int rc;
    glossa_error_init(&err);
    for (size_t k = 0; k < no; k++) {
        struct document *d = &td->docs[k];
        d->path = td->path;
        d->diag = opts && opts->diag ? opts->diag : stderr;
        memcpy(d->lang, glossa_tm_versions_lang(td->tv, order[k]), 3);
        td->index[k] = order[k];
        td->n++;
        if (glossa_tm_versions_text(td->tv, order[k], &d->text, &err) ||
            glossa_segment_text(d->text, d->lang, &d->segments, &err)) {
            rc = cli_report(&err, "cannot read '%s' (%s)", td->path, d->lang);
            glossa_error_release(&err);
            tm_documents_close(td);
            return rc;
        }
        if (glossa_tm_versions_units(td->tv, order[k], d->segments, &td->units[k])) {
            tm_documents_close(td);
            return cli_report(NULL, "out of memory");
        }
    }
    return EXIT_OK;
}

int tm_documents_open(struct tm_documents *td, const char *path, enum tm_kind kind,
                      const char *pivot, const struct document_options *opts)
{
    struct glossa_error err;
    size_t nv, order[TM_MAX_VERSIONS], no = 0;
    long p = -1;
    int rc;

    memset(td, 0, sizeof *td);
    td->path = path;
    glossa_error_init(&err);
    if (!(td->tv = glossa_tm_versions_new(path)))
        return cli_report(NULL, "out of memory");
    rc = kind == TM_KIND_TMX ? glossa_tmx_read_file(path, glossa_tm_versions_add, td->tv, &err)
                             : glossa_xliff_read_file(path, glossa_tm_versions_add, td->tv, &err);
    if (rc) {
        if (!err.code)
            glossa_error_set(&err, rc, path, 0, 0, "%s", glossa_strerror(rc));
        rc = cli_report(&err, "cannot read '%s'", path);
        glossa_error_release(&err);
        tm_documents_close(td);
        return rc;
    }
    nv = glossa_tm_versions_count(td->tv);
    if (pivot && *pivot) {
        char canon[3];
        if (!glossa_lang_canonical(pivot, canon) ||
            (p = glossa_tm_versions_find(td->tv, canon)) < 0) {
            cli_report(NULL, "'%s' has no text in language '%s' (--pivot)", path, pivot);
            tm_documents_close(td);
            return EXIT_TROUBLE;
        }
        order[no++] = (size_t)p;
    }
    for (size_t i = 0; i < nv && no < TM_MAX_VERSIONS; i++)
        if ((long)i != p)
            order[no++] = i;
    if (!no) {
        cli_report(NULL, "'%s' holds no text in a supported language (en, fr, es, ru, ar, zh)",
                   path);
        tm_documents_close(td);
        return EXIT_TROUBLE;
    }
    return make_documents(td, order, no, opts);
}

size_t tm_documents_unit_index(const struct tm_documents *td, size_t i, size_t off)
{
    return i < td->n ? glossa_tm_versions_unit_at(td->tv, td->index[i], off) : (size_t)-1;
}

/* ------------------------------------------------------------ streaming */

struct stored_variant {
    char lang[3];
    char *text;
    size_t len;
    struct glossa_text_origin *origins;
    size_t norigins;
};

struct stored_unit {
    char *id;
    struct stored_variant *v;
    size_t n;
};

struct tm_stream {
    const char *path;
    const struct document_options *opts;
    size_t chunk_bytes, context;
    tm_chunk_fn fn;
    void *ctx;
    struct stored_unit *units;
    size_t n, cap;
    size_t core_first, core_end; /* core_end SIZE_MAX: the chunk is still open */
    size_t core_bytes;
    char langs[TM_MAX_VERSIONS][3]; /* met so far, in order */
    size_t nlangs;
    char pivot[3]; /* given, or the first language met */
    size_t chunks;
    int status; /* what fn returned, when it stopped */
};

static void unit_release(struct stored_unit *u)
{
    for (size_t i = 0; i < u->n; i++) {
        free(u->v[i].text);
        free(u->v[i].origins);
    }
    free(u->v);
    free(u->id);
    memset(u, 0, sizeof *u);
}

/* Hands the stored units to fn as one chunk; returns EXIT_OK, fn's other
 * return, or EXIT_TROUBLE after reporting. */
static int stream_flush(struct tm_stream *st)
{
    struct tm_documents td;
    struct tm_chunk chunk;
    size_t order[TM_MAX_VERSIONS], no = 0;
    long p;
    int rc;

    memset(&td, 0, sizeof td);
    td.path = st->path;
    if (!(td.tv = glossa_tm_versions_new(st->path)))
        return cli_report(NULL, "out of memory");
    for (size_t k = 0; k < st->n; k++) {
        struct glossa_tm_variant vars[TM_MAX_VERSIONS];
        struct glossa_tm_unit u;
        for (size_t i = 0; i < st->units[k].n; i++) {
            const struct stored_variant *sv = &st->units[k].v[i];
            memcpy(vars[i].lang, sv->lang, 3);
            vars[i].tag = sv->lang;
            vars[i].text = sv->text;
            vars[i].len = sv->len;
            vars[i].origins = sv->origins;
            vars[i].norigins = sv->norigins;
        }
        u.id = st->units[k].id;
        u.index = k;
        u.line = 0;
        u.variants = vars;
        u.n = st->units[k].n;
        if (glossa_tm_versions_add(&u, td.tv)) {
            tm_documents_close(&td);
            return cli_report(NULL, "out of memory");
        }
    }
    if ((p = glossa_tm_versions_find(td.tv, st->pivot)) >= 0)
        order[no++] = (size_t)p;
    for (size_t g = 0; g < st->nlangs; g++) {
        long i = glossa_tm_versions_find(td.tv, st->langs[g]);
        if (i >= 0 && i != p && no < TM_MAX_VERSIONS)
            order[no++] = (size_t)i;
    }
    if ((rc = make_documents(&td, order, no, st->opts)))
        return rc;
    chunk.td = &td;
    chunk.core_first = st->core_first;
    chunk.core_end = st->core_end == SIZE_MAX ? st->n : st->core_end;
    chunk.number = st->chunks++;
    chunk.pivot = st->pivot;
    chunk.nlangs = st->nlangs;
    rc = st->fn(&chunk, st->ctx);
    tm_documents_close(&td);
    return rc;
}

/* A glossa_tm_unit_fn: stores the unit; hands a chunk on when it is full and
 * its right-hand context is read. */
static int stream_unit(const struct glossa_tm_unit *unit, void *ctx)
{
    struct tm_stream *st = ctx;
    struct stored_unit *u;
    size_t bytes = 0;
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 64;
        struct stored_unit *grown = realloc(st->units, cap * sizeof *grown);
        if (!grown)
            return GLOSSA_ENOMEM;
        st->units = grown;
        st->cap = cap;
    }
    u = &st->units[st->n];
    memset(u, 0, sizeof *u);
    if (!(u->id = strdup(unit->id ? unit->id : "")) ||
        !(u->v = calloc(unit->n ? unit->n : 1, sizeof *u->v))) {
        unit_release(u);
        return GLOSSA_ENOMEM;
    }
    st->n++;
    for (size_t i = 0; i < unit->n && u->n < TM_MAX_VERSIONS; i++) {
        const struct glossa_tm_variant *var = &unit->variants[i];
        struct stored_variant *sv = &u->v[u->n];
        size_t g;
        if (!var->lang[0] || !var->len)
            continue;
        for (g = 0; g < st->nlangs && strcmp(st->langs[g], var->lang); g++)
            ;
        if (g == st->nlangs) {
            if (st->nlangs == TM_MAX_VERSIONS)
                continue;
            memcpy(st->langs[st->nlangs++], var->lang, 3);
            if (!st->pivot[0])
                memcpy(st->pivot, var->lang, 3);
        }
        memcpy(sv->lang, var->lang, 3);
        sv->text = malloc(var->len + 1);
        sv->origins = malloc(var->norigins * sizeof *sv->origins);
        if (!sv->text || !sv->origins) {
            free(sv->text);
            free(sv->origins);
            return GLOSSA_ENOMEM;
        }
        memcpy(sv->text, var->text, var->len);
        sv->text[var->len] = '\0';
        sv->len = var->len;
        memcpy(sv->origins, var->origins, var->norigins * sizeof *sv->origins);
        sv->norigins = var->norigins;
        u->n++;
        bytes += var->len;
    }
    if (st->core_end == SIZE_MAX) {
        st->core_bytes += bytes;
        if (st->core_bytes >= st->chunk_bytes)
            st->core_end = st->n;
    }
    if (st->core_end != SIZE_MAX && st->n >= st->core_end + st->context) {
        size_t drop = st->core_end - (st->core_end < st->context ? st->core_end : st->context);
        int rc = stream_flush(st);
        if (rc) {
            st->status = rc;
            return 1;
        }
        for (size_t k = 0; k < drop; k++)
            unit_release(&st->units[k]);
        memmove(st->units, st->units + drop, (st->n - drop) * sizeof *st->units);
        st->n -= drop;
        st->core_first = st->core_end - drop;
        st->core_end = SIZE_MAX;
        st->core_bytes = 0;
        for (size_t k = st->core_first; k < st->n; k++)
            for (size_t i = 0; i < st->units[k].n; i++)
                st->core_bytes += st->units[k].v[i].len;
    }
    return 0;
}

int tm_documents_stream(const char *path, enum tm_kind kind, const char *pivot,
                        const struct document_options *opts, size_t chunk_bytes, size_t context,
                        tm_chunk_fn fn, void *ctx)
{
    struct tm_stream st;
    struct glossa_error err;
    int rc;

    memset(&st, 0, sizeof st);
    st.path = path;
    st.opts = opts;
    st.chunk_bytes = chunk_bytes;
    if (!st.chunk_bytes && getenv("GLOSSA_TM_CHUNK_BYTES"))
        st.chunk_bytes = strtoul(getenv("GLOSSA_TM_CHUNK_BYTES"), NULL, 10);
    if (!st.chunk_bytes)
        st.chunk_bytes = TM_CHUNK_BYTES;
    st.context = context;
    st.fn = fn;
    st.ctx = ctx;
    st.core_end = SIZE_MAX;
    glossa_error_init(&err);
    if (pivot && *pivot && !glossa_lang_canonical(pivot, st.pivot)) {
        cli_report(NULL, "'%s' has no text in language '%s' (--pivot)", path, pivot);
        return EXIT_TROUBLE;
    }
    rc = kind == TM_KIND_TMX ? glossa_tmx_read_file(path, stream_unit, &st, &err)
                             : glossa_xliff_read_file(path, stream_unit, &st, &err);
    if (rc == 1) {
        rc = st.status;
    } else if (rc) {
        if (!err.code)
            glossa_error_set(&err, rc, path, 0, 0, "%s", glossa_strerror(rc));
        rc = cli_report(&err, "cannot read '%s'", path);
    } else if (!st.nlangs) {
        rc = cli_report(NULL, "'%s' holds no text in a supported language (en, fr, es, ru, ar, zh)",
                        path);
    } else {
        size_t g = 0;
        while (g < st.nlangs && strcmp(st.langs[g], st.pivot))
            g++;
        if (g == st.nlangs)
            rc = cli_report(NULL, "'%s' has no text in language '%s' (--pivot)", path, pivot);
        else if (st.n > st.core_first || !st.chunks)
            rc = stream_flush(&st);
    }
    for (size_t k = 0; k < st.n; k++)
        unit_release(&st.units[k]);
    free(st.units);
    glossa_error_release(&err);
    return rc;
}

const char *tm_documents_unit_id(const struct tm_documents *td, size_t i, size_t off)
{
    const char *id;
    if (i >= td->n)
        return "";
    id = glossa_tm_versions_unit_id(td->tv, glossa_tm_versions_unit_at(td->tv, td->index[i], off));
    return id ? id : "";
}

void tm_documents_close(struct tm_documents *td)
{
    for (size_t i = 0; i < td->n; i++) {
        document_close(&td->docs[i]);
        free(td->units[i]);
    }
    glossa_tm_versions_free(td->tv);
    memset(td, 0, sizeof *td);
}

int document_open_exchange(struct document *doc, enum glossa_input_format format,
                           const struct document_options *opts)
{
    struct tm_documents td;
    struct strbuf langs = STRBUF_INIT;
    int rc =
        tm_documents_open(&td, doc->path, format == GLOSSA_INPUT_TMX ? TM_KIND_TMX : TM_KIND_XLIFF,
                          doc->lang[0] ? doc->lang : NULL, opts);
    if (rc)
        return rc;
    if (!doc->lang[0] && td.n > 1) {
        for (size_t i = 0; i < td.n; i++)
            strbuf_addf(&langs, "%s%s", i ? ", " : "", td.docs[i].lang);
        fprintf(doc->diag, "%s: error: '%s' holds several languages (%s): name one as LANG:%s\n",
                cli_program, doc->path, langs.buf ? langs.buf : "", doc->path);
        strbuf_release(&langs);
        tm_documents_close(&td);
        return EXIT_TROUBLE;
    }
    memcpy(doc->lang, td.docs[0].lang, 3);
    doc->text = td.docs[0].text;
    doc->segments = td.docs[0].segments;
    td.docs[0].text = NULL;
    td.docs[0].segments = NULL;
    tm_documents_close(&td);
    return EXIT_OK;
}

/* document-tm: a TMX or XLIFF file read as the language versions it holds.
 *
 * The file is streamed once (tmx.c, xliff.c) into a glossa_tm_versions
 * collector; each language's body becomes a document whose positions are
 * those of the file and whose segments are mapped to translation units, so
 * that align and check pair segments by unit instead of aligning them.
 * Traps: the languages and their order come from the file (first appearance),
 * the pivot moved first; a language glossa does not support is left out, and
 * a file with fewer than one supported language is an error. */
#include "config.h"

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
    for (size_t k = 0; k < no; k++) {
        struct document *d = &td->docs[k];
        d->path = path;
        d->diag = opts && opts->diag ? opts->diag : stderr;
        memcpy(d->lang, glossa_tm_versions_lang(td->tv, order[k]), 3);
        td->index[k] = order[k];
        td->n++;
        if (glossa_tm_versions_text(td->tv, order[k], &d->text, &err) ||
            glossa_segment_text(d->text, d->lang, &d->segments, &err)) {
            rc = cli_report(&err, "cannot read '%s' (%s)", path, d->lang);
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

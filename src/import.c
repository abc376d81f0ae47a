/* import: glossaries from other tools into the project's format
 * (include/glossa/exchange.h).
 *
 * CSV-like formats go through the glossary reader (so BOMs, delimiters,
 * CRLF and bad rows are handled once): headerless formats get their column
 * languages from options.langs (OmegaT's third column is the note), Google's
 * description column becomes the note. The result always has concept, type
 * and status columns: rows without a concept id get a content-derived one,
 * rows without a status are approved, since they come from a glossary people
 * made; the type stays empty unless the file says it (an invented type
 * would keep rows from matching align's). TBX goes through tbx.c.
 *
 * Traps: a headerless file must not be taken for one with a header; the
 * glossary reader only takes a first row as a header when it names a language
 * or a reserved column, and "source,target" names the reserved "source". The
 * pair formats therefore always read with options.langs and no header. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/exchange.h"
#include "glossary-private.h"
#include "tbx.h"

/* Adds concept/type/status where missing. */
static int complete(struct glossa_glossary *g, struct glossa_error *err)
{
    int had_status = glossa_glossary_meta_column(g, GLOSSA_META_STATUS) >= 0;
    int concept = glossa_glossary_add_column(g, "concept", err);
    int type = glossa_glossary_add_column(g, "type", err); /* left empty: not invented */
    int status = glossa_glossary_add_column(g, "status", err);
    size_t nlang;
    const size_t *langs = glossa_glossary_lang_columns(g, &nlang);
    if (concept < 0 || type < 0 || status < 0)
        return GLOSSA_ENOMEM;
    for (size_t r = 0; r < glossa_glossary_row_count(g); r++) {
        if (!glossa_glossary_cell(g, r, (size_t) concept)[0]) {
            const char *term = "";
            char *id;
            for (size_t i = 0; i < nlang && !*term; i++)
                term = glossa_glossary_cell(g, r, langs[i]);
            id = glossa_concept_id(term, strlen(term));
            if (!id || glossa_glossary_set_cell(g, r, (size_t) concept, id, strlen(id))) {
                free(id);
                return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
            }
            free(id);
        }
        if (!had_status && glossa_glossary_set_cell(g, r, (size_t)status, "approved", 8))
            return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    }
    return 0;
}

int glossa_import(const char *path, enum glossa_format fmt,
                  const struct glossa_exchange_options *options, struct glossa_glossary **out,
                  struct glossa_error *err)
{
    struct glossa_glossary_options o = {NULL, 0, 0, 0};
    const char *langs3[3];
    int rc;
    *out = NULL;
    if (fmt == GLOSSA_FORMAT_TBX)
        rc = glossa_tbx_read(path, out, err);
    else {
        int pair = fmt == GLOSSA_FORMAT_GOOGLE_PAIR || fmt == GLOSSA_FORMAT_DEEPL ||
                   fmt == GLOSSA_FORMAT_OMEGAT;
        if (options) {
            o.langs = options->langs;
            o.nlangs = options->nlangs;
        }
        if (pair && o.nlangs != 2)
            return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0,
                                    "%s files have no header: give the two languages "
                                    "(--langs=en,fr)",
                                    fmt == GLOSSA_FORMAT_DEEPL    ? "DeepL"
                                    : fmt == GLOSSA_FORMAT_OMEGAT ? "OmegaT"
                                                                  : "Google pair");
        if (fmt == GLOSSA_FORMAT_OMEGAT) {
            langs3[0] = o.langs[0];
            langs3[1] = o.langs[1];
            langs3[2] = "note";
            o.langs = langs3;
            o.nlangs = 3;
            o.delimiter = '\t';
        }
        if (fmt == GLOSSA_FORMAT_TSV)
            o.delimiter = '\t';
        o.no_header = pair;
        rc = glossa_glossary_read_file(path, &o, out, err);
        if (!rc && fmt == GLOSSA_FORMAT_GOOGLE)
            glossa_glossary_rename_column(*out, "description", "note");
    }
    if (!rc && (rc = complete(*out, err)) != 0) {
        glossa_glossary_free(*out);
        *out = NULL;
    }
    return rc;
}

/* export: a glossary in the layouts other tools import (include/glossa/exchange.h).
 *
 * Owns the choice of language columns, which rows each format takes, and the
 * checks that refuse what a target cannot hold (DeepL: one target per source
 * term, 1024 bytes per term; tab-separated formats: no tab or line break in a
 * term). The whole output is built in memory and written only when every
 * check passed, so a refused export writes nothing.
 *
 * Traps: the pair formats have no header, so the column order is the only
 * thing that says which side is the source; DeepL compares source entries as
 * written, so two rows whose sources differ only in case are two entries. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "glossa/exchange.h"
#include "glossary-private.h"
#include "strbuf.h"
#include "tbx.h"

#define DEEPL_MAX_TERM 1024

static const char *const format_names[] = {"csv",   "tsv",    "google", "google-pair",
                                           "deepl", "amazon", "omegat", "tbx"};

int glossa_format_parse(const char *name, enum glossa_format *out)
{
    for (size_t i = 0; i < sizeof(format_names) / sizeof(*format_names); i++)
        if (!strcmp(name, format_names[i])) {
            *out = (enum glossa_format)i;
            return 0;
        }
    return -1;
}

/* The language columns to export: options.langs, or all (need == 0) or the
 * first `need`. Returns 0 or GLOSSA_ELANG / GLOSSA_ENOMEM. */
static int pick_languages(const struct glossa_glossary *g, const struct glossa_exchange_options *o,
                          size_t need, size_t **cols, size_t *n, struct glossa_error *err)
{
    size_t nlang;
    const size_t *all = glossa_glossary_lang_columns(g, &nlang);
    size_t want = o && o->nlangs ? o->nlangs : (need ? need : nlang);
    if (need && want != need)
        return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0,
                                "this format takes exactly %zu languages (--langs=en,fr)", need);
    if (want > nlang || want == 0)
        return glossa_error_set(err, GLOSSA_ELANG, NULL, 0, 0,
                                "the glossary has %zu language column%s, %zu needed", nlang,
                                nlang == 1 ? "" : "s", want ? want : 1);
    *cols = malloc(want * sizeof(**cols));
    if (!*cols)
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    for (size_t i = 0; i < want; i++) {
        int c;
        if (o && o->nlangs) {
            c = glossa_glossary_lang_column(g, o->langs[i]);
            if (c < 0) {
                free(*cols);
                return glossa_error_set(err, GLOSSA_ELANG, NULL, 0, 0,
                                        "the glossary has no '%s' column", o->langs[i]);
            }
        } else
            c = (int)all[i];
        (*cols)[i] = (size_t)c;
    }
    *n = want;
    return 0;
}

static int excluded(const struct glossa_glossary *g, size_t row)
{
    enum glossa_status st = glossa_glossary_row_status(g, row);
    return st == GLOSSA_STATUS_DEPRECATED || st == GLOSSA_STATUS_FORBIDDEN;
}

static int add_line_cell(struct strbuf *out, const char *s, unsigned char delim)
{
    return glossa_csv_append_cell(out, s, strlen(s), delim);
}

/* google / amazon: a header of language codes, a row per term set. */
static int export_sets(const struct glossa_glossary *g, const size_t *cols, size_t n,
                       int description, struct strbuf *out, size_t *left_out)
{
    int note = description ? glossa_glossary_meta_column(g, GLOSSA_META_NOTE) : -1;
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_addch(out, ',');
        add_line_cell(out, glossa_glossary_column_name(g, cols[i]), ',');
    }
    if (note >= 0)
        strbuf_addstr(out, ",description");
    strbuf_addch(out, '\n');
    for (size_t r = 0; r < glossa_glossary_row_count(g); r++) {
        size_t filled = 0;
        for (size_t i = 0; i < n; i++)
            filled += glossa_glossary_cell(g, r, cols[i])[0] != '\0';
        if (excluded(g, r) || filled < 2) {
            ++*left_out;
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            if (i)
                strbuf_addch(out, ',');
            add_line_cell(out, glossa_glossary_cell(g, r, cols[i]), ',');
        }
        if (note >= 0) {
            strbuf_addch(out, ',');
            add_line_cell(out, glossa_glossary_cell(g, r, (size_t)note), ',');
        }
        if (strbuf_addch(out, '\n'))
            return GLOSSA_ENOMEM;
    }
    return 0;
}

static int has_break(const char *s)
{
    return strpbrk(s, "\t\r\n") != NULL;
}

/* The pair formats. */
static int export_pairs(const struct glossa_glossary *g, enum glossa_format fmt, const size_t *cols,
                        struct strbuf *out, size_t *left_out, struct glossa_error *err)
{
    int note = glossa_glossary_meta_column(g, GLOSSA_META_NOTE);
    size_t nrows = glossa_glossary_row_count(g);
    /* DeepL: the first row of each source entry, to find a second target */
    size_t *first = NULL;
    char **seen = NULL;
    size_t nseen = 0;
    int rc = 0;
    if (fmt == GLOSSA_FORMAT_DEEPL) {
        first = malloc((nrows + 1) * sizeof(*first));
        seen = malloc((nrows + 1) * sizeof(*seen));
        if (!first || !seen) {
            free(first);
            free(seen);
            return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        }
    }
    for (size_t r = 0; r < nrows && !rc; r++) {
        const char *src = glossa_glossary_cell(g, r, cols[0]);
        const char *tgt = glossa_glossary_cell(g, r, cols[1]);
        size_t line = glossa_glossary_row_line(g, r);
        int dup = 0;
        if (excluded(g, r) || !*src || !*tgt) {
            ++*left_out;
            continue;
        }
        if (fmt == GLOSSA_FORMAT_DEEPL || fmt == GLOSSA_FORMAT_OMEGAT) {
            if (has_break(src) || has_break(tgt)) {
                rc = glossa_error_set(err, GLOSSA_EFORMAT, NULL, line, 0,
                                      "%s cannot hold a tab or line break in a term ('%s')",
                                      format_names[fmt], has_break(src) ? src : tgt);
                break;
            }
        }
        if (fmt == GLOSSA_FORMAT_DEEPL) {
            if (strlen(src) > DEEPL_MAX_TERM || strlen(tgt) > DEEPL_MAX_TERM) {
                rc = glossa_error_set(err, GLOSSA_EFORMAT, NULL, line, 0,
                                      "DeepL takes at most %d bytes per term; this one has %zu",
                                      DEEPL_MAX_TERM,
                                      strlen(src) > DEEPL_MAX_TERM ? strlen(src) : strlen(tgt));
                break;
            }
            for (size_t i = 0; i < nseen; i++) {
                if (strcmp(seen[i], src))
                    continue;
                dup = 1;
                if (strcmp(glossa_glossary_cell(g, first[i], cols[1]), tgt))
                    rc = glossa_error_set(
                        err, GLOSSA_EFORMAT, NULL, line, 0,
                        "DeepL takes one target per source term: '%s' has '%s' (line %zu) and "
                        "'%s' (line %zu); keep one (mark the other deprecated) or export "
                        "another format",
                        src, glossa_glossary_cell(g, first[i], cols[1]),
                        glossa_glossary_row_line(g, first[i]), tgt, line);
                break;
            }
            if (rc)
                break;
            if (dup) {
                ++*left_out; /* the same pair twice: DeepL rejects duplicates */
                continue;
            }
            seen[nseen] = (char *)src;
            first[nseen++] = r;
        }
        if (fmt == GLOSSA_FORMAT_OMEGAT) {
            const char *comment = note >= 0 ? glossa_glossary_cell(g, r, (size_t)note) : "";
            strbuf_addstr(out, src);
            strbuf_addch(out, '\t');
            strbuf_addstr(out, tgt);
            strbuf_addch(out, '\t');
            for (const char *p = comment; *p; p++)
                strbuf_addch(out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
        } else {
            add_line_cell(out, src, ',');
            strbuf_addch(out, ',');
            add_line_cell(out, tgt, ',');
        }
        if (strbuf_addch(out, '\n'))
            rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    }
    free(first);
    free(seen);
    return rc;
}

int glossa_export(const struct glossa_glossary *g, enum glossa_format fmt,
                  const struct glossa_exchange_options *options, FILE *f, size_t *left_out,
                  struct glossa_error *err)
{
    struct strbuf out = STRBUF_INIT;
    size_t *cols = NULL, n = 0, dropped = 0;
    int pair = fmt == GLOSSA_FORMAT_GOOGLE_PAIR || fmt == GLOSSA_FORMAT_DEEPL ||
               fmt == GLOSSA_FORMAT_OMEGAT;
    int rc;
    if (fmt == GLOSSA_FORMAT_CSV || fmt == GLOSSA_FORMAT_TSV)
        return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0,
                                "%s is an import format; glossa's own files are CSV already",
                                format_names[fmt]);
    if ((rc = pick_languages(g, options, pair ? 2 : 0, &cols, &n, err)))
        return rc;
    switch (fmt) {
    case GLOSSA_FORMAT_GOOGLE:
    case GLOSSA_FORMAT_AMAZON:
        rc = export_sets(g, cols, n, fmt == GLOSSA_FORMAT_GOOGLE, &out, &dropped);
        if (rc)
            glossa_error_set(err, rc, NULL, 0, 0, NULL);
        break;
    case GLOSSA_FORMAT_TBX:
        rc = glossa_tbx_write(g, cols, n, &out, err);
        break;
    default:
        rc = export_pairs(g, fmt, cols, &out, &dropped, err);
        break;
    }
    free(cols);
    if (!rc && out.len && fwrite(out.buf, 1, out.len, f) != out.len) {
        int e = errno;
        rc = glossa_error_set(err, GLOSSA_EIO, NULL, 0, 0, "write error: %s", strerror(e));
        if (err)
            err->sys_errno = e;
    }
    strbuf_release(&out);
    if (left_out)
        *left_out = rc ? 0 : dropped;
    return rc;
}

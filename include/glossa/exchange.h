/* exchange: glossaries in the formats other tools import and export.
 *
 * Export writes what each tool takes (../shared/docs/glossary-format.md):
 *   google       header of language codes (+ description from note), a row per term set
 *   google-pair  source,target; no header
 *   deepl        source,target; no header; one target per source term, at most
 *                1024 bytes per term (refused otherwise, naming the rows)
 *   amazon       header of language codes, a row per term set
 *   omegat       source<TAB>target<TAB>comment; no header
 *   tbx          TBX (ISO 30042, TBX-Basic, DCA style): a conceptEntry per concept,
 *                langSec per language, termSec per term with termType and
 *                administrativeStatus
 * Deprecated and forbidden rows are left out of every format but TBX (which
 * can say so); rows without a term in a needed language are left out too,
 * and counted in *left_out so that the caller can say it.
 *
 * Import reads the same formats (plus csv and tsv: any two or more columns,
 * a header of languages or options.langs) into the project's glossary:
 * language columns, concept (content-derived where the file has none), type
 * (only where the file gives it), status (approved: these are glossaries
 * people made), note. TBX is read with
 * libxml2's streaming reader, without network access, DTD loading or entity
 * expansion. */
#ifndef GLOSSA_EXCHANGE_H
#define GLOSSA_EXCHANGE_H

#include <stddef.h>
#include <stdio.h>

#include "glossa/error.h"
#include "glossa/glossary.h"

#ifdef __cplusplus
extern "C" {
#endif

enum glossa_format {
    GLOSSA_FORMAT_CSV,
    GLOSSA_FORMAT_TSV,
    GLOSSA_FORMAT_GOOGLE,
    GLOSSA_FORMAT_GOOGLE_PAIR,
    GLOSSA_FORMAT_DEEPL,
    GLOSSA_FORMAT_AMAZON,
    GLOSSA_FORMAT_OMEGAT,
    GLOSSA_FORMAT_TBX,
};

/* Parses a format name ("deepl"); returns 0 or -1. */
int glossa_format_parse(const char *name, enum glossa_format *out);

struct glossa_exchange_options {
    /* Languages to export, in order (two for the pair formats); NULL: all the
     * glossary's languages (the first two for pair formats). For import: the
     * languages of the columns of files without a header. */
    const char *const *langs;
    size_t nlangs;
};

/* Writes g in format fmt to f (nothing is written when the glossary cannot be
 * exported). *left_out (may be NULL) receives the number of rows left out.
 * Errors: GLOSSA_EFORMAT (what the target cannot hold: err->line is the row's
 * line, the message names the rows), GLOSSA_ELANG (a language the glossary
 * lacks), GLOSSA_EINVAL (csv/tsv are import formats), GLOSSA_EIO. */
int glossa_export(const struct glossa_glossary *g, enum glossa_format fmt,
                  const struct glossa_exchange_options *options, FILE *f, size_t *left_out,
                  struct glossa_error *err);

/* Reads path ("-": stdin) in format fmt into *out (owned). Rows that cannot
 * be taken are problems of *out, as with glossa_glossary_read_file. */
int glossa_import(const char *path, enum glossa_format fmt,
                  const struct glossa_exchange_options *options, struct glossa_glossary **out,
                  struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

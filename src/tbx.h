/* tbx: TBX (ISO 30042) in and out, for export.c and import.c.
 *
 * Mapping: a conceptEntry per concept id (rows without one get their own);
 * a langSec per language; a termSec per row and language, with termType
 * (acronym, fullForm), partOfSpeech properNoun for entities,
 * administrativeStatus (approved: preferredTerm, deprecated: deprecatedTerm,
 * forbidden: supersededTerm) and processStatus unprocessed for candidates;
 * the row's note as a note. Reading takes TBX 2019 (conceptEntry / langSec /
 * termSec) and TBX 2008 (termEntry / langSet / tig) alike. */
#ifndef GLOSSA_TBX_H
#define GLOSSA_TBX_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/glossary.h"
#include "strbuf.h"

/* Appends the TBX document of g's rows, languages cols[0..n), to out. */
int glossa_tbx_write(const struct glossa_glossary *g, const size_t *cols, size_t n,
                     struct strbuf *out, struct glossa_error *err);

/* Reads a TBX file (path "-": stdin) into *out (owned). Errors: GLOSSA_EIO,
 * GLOSSA_EFORMAT (not well-formed, entities, no TBX body; line set). */
int glossa_tbx_read(const char *path, struct glossa_glossary **out, struct glossa_error *err);

#endif

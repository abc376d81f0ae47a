/* docx: the running text of a Word (Office Open XML) document.
 *
 * The body's paragraphs (word/document.xml) in document order, then the
 * footnotes (word/footnotes.xml) and the endnotes (word/endnotes.xml), one
 * paragraph per line: line N of the result is the Nth paragraph, and a column
 * is a character offset in it (plus one). Kept: w:t text, w:tab as a tab,
 * w:br and w:cr as a space, the result text of fields. Left out: deleted text
 * (w:del, w:moveFrom), field instructions, the separator notes, the Fallback
 * copy of alternate content. */
#ifndef GLOSSA_DOCX_H
#define GLOSSA_DOCX_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads the DOCX file at path (borrowed). Parts larger than max_part bytes
 * uncompressed (0: GLOSSA_DOCX_MAX_PART) are refused with GLOSSA_ETOOBIG. The
 * text goes through glossa_text_from_bytes with opts (may be NULL), keep_layout
 * forced on. *out is returned owned. Errors: GLOSSA_EIO, GLOSSA_EFORMAT (not a
 * zip archive, no word/document.xml, malformed XML, a DOCTYPE), GLOSSA_ETOOBIG,
 * GLOSSA_ENOMEM, and those of glossa_text_from_bytes. */
int glossa_docx_read_file(const char *path, size_t max_part, const struct glossa_text_options *opts,
                          struct glossa_text **out, struct glossa_error *err);

/* The same from the bytes of the archive in memory (borrowed); name is used in errors. */
int glossa_docx_from_bytes(const char *name, const char *data, size_t len, size_t max_part,
                           const struct glossa_text_options *opts, struct glossa_text **out,
                           struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

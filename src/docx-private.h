/* docx-private: the XML layer of the DOCX reader, apart from the zip layer so
 * that tests can feed a part in chunks of any size. */
#ifndef GLOSSA_DOCX_PRIVATE_H
#define GLOSSA_DOCX_PRIVATE_H

#include <stddef.h>

#include "glossa/error.h"
#include "strbuf.h"

/* Gives up to n bytes of the part into buf; returns how many (0 at the end) or
 * a negative GLOSSA_E* code after filling err. */
typedef long (*docx_read_fn)(void *ctx, char *buf, size_t n, struct glossa_error *err);

/* Appends the paragraphs of one part (word/document.xml, footnotes.xml or
 * endnotes.xml; part borrowed, used in errors) to out, each ended by '\n'.
 * name (borrowed) is the file named in errors. Returns 0 or a negative
 * GLOSSA_E* code with err filled (GLOSSA_EFORMAT with the part's line and
 * column for malformed XML or a DOCTYPE). */
int docx_part_text(const char *name, const char *part, docx_read_fn read, void *ctx,
                   struct strbuf *out, struct glossa_error *err);

#endif

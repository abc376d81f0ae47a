/* pdf: the running text of a PDF, through pdftotext -layout (poppler-utils).
 *
 * pdftotext is run directly (posix_spawn, no shell) with its output read
 * through a pipe; the text then gets the same PDF repair as a plain-text file
 * (unless opts->keep_layout): lines joined into paragraphs, hyphenation undone,
 * page furniture dropped. Lines and columns are those of pdftotext's output. */
#ifndef GLOSSA_PDF_H
#define GLOSSA_PDF_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How long pdftotext may run, in seconds, when the caller does not say. */
#define GLOSSA_PDF_TIMEOUT 60

/* Reads the PDF at path (borrowed) with the program pdftotext (borrowed; NULL:
 * "pdftotext" looked up in PATH), which is stopped (with the processes it
 * started) after timeout seconds (0: GLOSSA_PDF_TIMEOUT). *out is returned
 * owned. Errors: GLOSSA_EIO (unreadable file), GLOSSA_EFORMAT ("pdftotext
 * (poppler-utils) is not installed"; pdftotext failed, with its message),
 * GLOSSA_ETOOBIG (pdftotext ran out of time), GLOSSA_ENOMEM, and those of
 * glossa_text_from_bytes. */
int glossa_pdf_read_file(const char *path, const char *pdftotext, unsigned timeout,
                         const struct glossa_text_options *opts, struct glossa_text **out,
                         struct glossa_error *err);

/* The same from the bytes of a PDF in memory (written to a temporary file for
 * pdftotext); name (borrowed) is used in errors. */
int glossa_pdf_from_bytes(const char *name, const char *data, size_t len, const char *pdftotext,
                          unsigned timeout, const struct glossa_text_options *opts,
                          struct glossa_text **out, struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

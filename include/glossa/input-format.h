/* input-format: what kind of file an input is, and reading the ones that are
 * one running text (plain text, DOCX, PDF) into a struct glossa_text.
 *
 * The kind is told by content first (magic bytes "PK" for a zip archive, taken
 * as DOCX; "%PDF-" within the first 1024 bytes; an XML root element <tmx> or
 * <xliff>, in UTF-8 or UTF-16), then by the file name's extension (.docx, .pdf,
 * .tmx, .xlf/.xliff), and is plain text otherwise. --input-format overrides it. */
#ifndef GLOSSA_INPUT_FORMAT_H
#define GLOSSA_INPUT_FORMAT_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/text.h"

#ifdef __cplusplus
extern "C" {
#endif

enum glossa_input_format {
    GLOSSA_INPUT_AUTO = 0, /* not given: detect */
    GLOSSA_INPUT_TEXT,
    GLOSSA_INPUT_DOCX,
    GLOSSA_INPUT_PDF,
    GLOSSA_INPUT_TMX,
    GLOSSA_INPUT_XLIFF,
};

/* How many bytes of the start of a file detection looks at. */
#define GLOSSA_INPUT_HEAD_SIZE 4096

/* Largest uncompressed part of a DOCX archive read by default (zip bombs). */
#define GLOSSA_DOCX_MAX_PART ((size_t)256 << 20)

struct glossa_input_options {
    enum glossa_input_format format; /* GLOSSA_INPUT_AUTO: detect */
    const char *pdftotext;           /* program that converts PDF; NULL: "pdftotext" in PATH */
    size_t max_part_size;            /* DOCX part limit in bytes; 0: GLOSSA_DOCX_MAX_PART */
    unsigned pdf_timeout;            /* seconds pdftotext may run; 0: GLOSSA_PDF_TIMEOUT (pdf.h) */
};

/* "text", "docx", "pdf", "tmx", "xliff" (also "txt", "xlf", "auto"), any case.
 * Returns 0, or GLOSSA_EINVAL for another name. */
int glossa_input_format_parse(const char *name, enum glossa_input_format *out);

/* The name of a format ("text", "docx"...); static, never NULL. */
const char *glossa_input_format_name(enum glossa_input_format format);

/* The format the extension of path says, or GLOSSA_INPUT_AUTO when it says nothing. */
enum glossa_input_format glossa_input_format_by_extension(const char *path);

/* The format the first bytes of a file say (head borrowed, len bytes, at most
 * GLOSSA_INPUT_HEAD_SIZE are looked at), or GLOSSA_INPUT_AUTO when they say nothing. */
enum glossa_input_format glossa_input_format_by_content(const char *head, size_t len);

/* Content, then extension, then text: never GLOSSA_INPUT_AUTO. path may be NULL. */
enum glossa_input_format glossa_input_format_detect(const char *path, const char *head, size_t len);

/* Detects the format of a file by reading its first bytes. "-" (standard input)
 * cannot be peeked at: *out is then GLOSSA_INPUT_AUTO (glossa_input_read_text
 * reads standard input whole and detects on its bytes). Returns 0 or GLOSSA_EIO. */
int glossa_input_format_of_file(const char *path, enum glossa_input_format *out,
                                struct glossa_error *err);

/* Reads a text, DOCX or PDF file ("-" is standard input) as one running text:
 * DOCX paragraphs become lines (no PDF repair: opts->keep_layout is forced on),
 * PDF goes through pdftotext -layout and then the PDF repair of plain text.
 * io may be NULL (detect). *out is returned owned. TMX and XLIFF are not one
 * running text: they give GLOSSA_EFORMAT. Errors as glossa_text_read_file,
 * glossa_docx_read_file and glossa_pdf_read_file. */
int glossa_input_read_text(const char *path, const struct glossa_input_options *io,
                           const struct glossa_text_options *opts, struct glossa_text **out,
                           struct glossa_error *err);

/* glossa_input_read_text that also says, in *format (may be NULL), what the
 * file was taken for (given or detected; GLOSSA_INPUT_AUTO for standard
 * input), also when it fails: a caller that reads TMX and XLIFF its own way
 * calls this first and turns to them on GLOSSA_EFORMAT. A plain text file is
 * opened once for both detection and reading. */
int glossa_input_read_text_format(const char *path, const struct glossa_input_options *io,
                                  const struct glossa_text_options *opts,
                                  enum glossa_input_format *format, struct glossa_text **out,
                                  struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

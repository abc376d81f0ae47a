/* text: a document as glossa reads it.
 *
 * Decodes the bytes of a file (BOM detection for UTF-8, UTF-16 LE/BE and UTF-32;
 * UTF-8 by default; any ICU converter by name), normalises to NFC, repairs text
 * extracted from PDF (hard-wrapped lines joined, line-end hyphenation undone
 * where it is a break, the stray space before an apostrophe removed, running
 * headers, page numbers and job numbers dropped), and keeps, for every byte of
 * the resulting body, where it came from in the original file.
 *
 * The body is NFC UTF-8 with one paragraph per line ('\n' between paragraphs,
 * none at the end) and the surface characters of the original (’ stays ’);
 * matching code unifies typographic variants itself. Offsets into the body are
 * bytes. */
#ifndef GLOSSA_TEXT_H
#define GLOSSA_TEXT_H

#include <stddef.h>

#include "glossa/error.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glossa_text;
struct glossa_text_reader;

struct glossa_text_options {
    const char *encoding; /* ICU converter name ("windows-1252", "KOI8-R"); NULL: BOM or UTF-8 */
    int keep_layout;      /* 1: no PDF repair (lines are taken as they are, one paragraph each) */
    const char *lang;     /* the document's language if known (used to undo line-end
                             hyphenation and stray spaces); NULL: guessed when needed */
};

/* Reads a whole file ("-" is standard input). *out is returned owned.
 * Errors (err filled with path, line, column): GLOSSA_EIO, GLOSSA_EENCODING
 * ("invalid UTF-8"), GLOSSA_EBINARY (NUL bytes), GLOSSA_ENOMEM, GLOSSA_EINVAL
 * (unknown encoding name). An empty file gives an empty body, not an error. */
int glossa_text_read_file(const char *path, const struct glossa_text_options *opts,
                          struct glossa_text **out, struct glossa_error *err);

/* The same from an open file descriptor (borrowed, left open), read to its
 * end after the head[0..nhead) already read from it (borrowed; NULL when
 * nhead is 0); fd -1: the head is the whole file. name (borrowed) is used in
 * errors. */
int glossa_text_read_fd(int fd, const char *name, const char *head, size_t nhead,
                        const struct glossa_text_options *opts, struct glossa_text **out,
                        struct glossa_error *err);

/* The same from bytes in memory; name (borrowed) is used in errors. */
int glossa_text_from_bytes(const char *name, const char *data, size_t len,
                           const struct glossa_text_options *opts, struct glossa_text **out,
                           struct glossa_error *err);

/* Incremental reading, for input that arrives in chunks of any size (a UTF-8
 * sequence, a UTF-16 unit or a BOM may be split across chunks). The result is
 * identical to glossa_text_from_bytes on the concatenated bytes. */
struct glossa_text_reader *glossa_text_reader_new(const char *name,
                                                  const struct glossa_text_options *opts);
int glossa_text_reader_feed(struct glossa_text_reader *r, const char *data, size_t len,
                            struct glossa_error *err);
/* Returns owned *out; the reader is left finished (free it next). Fails with
 * GLOSSA_EENCODING (line, column of the first bad character), GLOSSA_EBINARY
 * (a NUL byte), or GLOSSA_ETOOBIG for a line longer than 1 MB. */
int glossa_text_reader_finish(struct glossa_text_reader *r, struct glossa_text **out,
                              struct glossa_error *err);
void glossa_text_reader_free(struct glossa_text_reader *r);

/* Where a stretch of a body taken out of a structured file (TMX, XLIFF)
 * comes from: body byte `offset` is at line/column of the original, and the
 * bytes after it, up to the next origin, follow on the same line, one column
 * per character. */
struct glossa_text_origin {
    size_t offset;
    size_t line, column;
};

/* Builds a text from a body already in glossa's form (NFC UTF-8, one
 * paragraph per line, no '\n' at the end) and its origins (sorted by offset;
 * n may be 0: every position is then line 1, column 1). Both are borrowed and
 * copied; name is used in errors. *out is returned owned. Errors:
 * GLOSSA_ENOMEM, GLOSSA_EINVAL (origins not sorted). */
int glossa_text_from_body(const char *name, const char *body, size_t len,
                          const struct glossa_text_origin *origins, size_t n,
                          struct glossa_text **out, struct glossa_error *err);

void glossa_text_free(struct glossa_text *text);

/* The name given when reading (file path, or "-" / "<stdin>"); borrowed. */
const char *glossa_text_name(const struct glossa_text *text);

/* The body (borrowed, NUL-terminated); *len receives its length in bytes. */
const char *glossa_text_body(const struct glossa_text *text, size_t *len);

/* Where body byte offset `offset` came from in the original file: 1-based line
 * and column (columns count Unicode characters of the original). An offset at
 * the end of the body maps just past the last character. */
void glossa_text_position(const struct glossa_text *text, size_t offset, size_t *line,
                          size_t *column);

#ifdef __cplusplus
}
#endif
#endif

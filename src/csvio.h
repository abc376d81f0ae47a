/* csvio: CSV records in and out, as real spreadsheets and tools write them.
 *
 * The reader is a push parser on top of libcsv: feed it bytes in chunks of any
 * size, it calls back once per record with the record's cells and the line the
 * record starts on. Before libcsv sees a byte the reader strips a UTF-8 BOM,
 * detects the delimiter (comma, semicolon or tab) from the first line, and
 * checks that the input is UTF-8 (an error names the line and the byte within
 * the line). Line ends may be LF, CRLF or CR; CRLF inside quoted cells becomes
 * LF. Blank lines are reported as records of zero cells so that line numbers
 * stay right; the caller decides what to do with them. Spaces are data.
 *
 * The writer quotes a cell (RFC 4180) only when it holds the delimiter, a
 * quote, CR or LF, so a file the writer produced reads back to the same cells
 * and is written again byte for byte. */
#ifndef GLOSSA_CSVIO_H
#define GLOSSA_CSVIO_H

#include <stddef.h>
#include <stdio.h>

#include "glossa/error.h"
#include "strbuf.h"

struct glossa_csv_reader;

/* Called once per record. cells[i] (borrowed until the callback returns) is
 * NUL-terminated and lens[i] bytes long; line is the 1-based line the record
 * starts on. Return 0 to go on, or a negative GLOSSA_E* code (after filling the
 * error the reader was given) to stop the parse with that code. */
typedef int (*glossa_csv_record_fn)(void *ctx, size_t line, size_t ncells, const char *const *cells,
                                    const size_t *lens, struct glossa_error *err);

/* Returns owned: a reader calling fn(ctx, ...) per record, or NULL when out of
 * memory. delimiter 0 means detect it from the first line. */
struct glossa_csv_reader *glossa_csv_reader_new(unsigned char delimiter, glossa_csv_record_fn fn,
                                                void *ctx);
void glossa_csv_reader_free(struct glossa_csv_reader *reader);

/* Feeds len bytes (borrowed). Returns 0 or a negative code with err filled:
 * GLOSSA_EENCODING (invalid UTF-8, err->line and err->byte set), GLOSSA_EBINARY
 * (a NUL byte), GLOSSA_ECSV (malformed quoting, err->line set), GLOSSA_ENOMEM,
 * or what the callback returned. After an error the reader takes no more input. */
int glossa_csv_reader_feed(struct glossa_csv_reader *reader, const char *data, size_t len,
                           struct glossa_error *err);

/* Ends the input: flushes the last record (also one without a final newline).
 * Errors as for feed, plus GLOSSA_ECSV for a quote left open at the end. */
int glossa_csv_reader_finish(struct glossa_csv_reader *reader, struct glossa_error *err);

/* The delimiter in use (detected after the first line; ',' before that). */
unsigned char glossa_csv_reader_delimiter(const struct glossa_csv_reader *reader);

/* 1 if the input started with a UTF-8 byte-order mark. */
int glossa_csv_reader_had_bom(const struct glossa_csv_reader *reader);

/* Appends one cell to out, quoted when it must be. Returns 0 or GLOSSA_ENOMEM. */
int glossa_csv_append_cell(struct strbuf *out, const char *cell, size_t len,
                           unsigned char delimiter);

#endif

/* glossary: the project's multilingual glossary CSV, in memory.
 *
 * A glossary is a header of columns and rows of cells. A column is a language
 * (its name a BCP 47 tag: en, fr, pt-BR; names such as fr_FR, FR or fr-fr are
 * normalised on reading), one of the reserved metadata columns (concept, type,
 * status, confidence, count, source, case, note), or an unknown column kept
 * as it is, in its place. Rows keep their order and remember the file and
 * line they came from. Cells are UTF-8 strings, never NULL ("" when empty).
 * See ../shared/docs/glossary-format.md for the format.
 *
 * Reading takes what people really have (BOM, ';' or tab delimiters, CRLF,
 * quoted newlines, blank rows, trailing empty columns, no header with
 * options.langs). A row that cannot be taken (more cells than the header, an
 * unknown status, a confidence outside 0..1, ...) is not dropped silently: it
 * is left out of the rows and listed as a problem with its line; the caller
 * decides whether that is fatal (glossa's commands say it is).
 *
 * Writing gives comma-separated UTF-8 with LF line ends and RFC 4180 quoting
 * only where needed; a file glossa wrote reads back and writes out byte for
 * byte.
 *
 * Typical use (align, check):
 *
 *     struct glossa_glossary *g;
 *     if (glossa_glossary_read_file("terms.csv", NULL, &g, &err))  ... report err
 *     int fr = glossa_glossary_lang_column(g, "fr");
 *     for (size_t i = 0; i < glossa_glossary_row_count(g); i++)
 *         if (fr >= 0 && glossa_glossary_row_status(g, i) != GLOSSA_STATUS_FORBIDDEN)
 *             use(glossa_glossary_cell(g, i, fr));
 *     glossa_glossary_free(g);
 */
#ifndef GLOSSA_GLOSSARY_H
#define GLOSSA_GLOSSARY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "glossa/error.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glossa_glossary;

/* The reserved metadata columns, in the order glossa writes them. */
enum glossa_meta {
    GLOSSA_META_CONCEPT,
    GLOSSA_META_TYPE,
    GLOSSA_META_STATUS,
    GLOSSA_META_CONFIDENCE,
    GLOSSA_META_COUNT,
    GLOSSA_META_SOURCE,
    GLOSSA_META_CASE,
    GLOSSA_META_NOTE,
    GLOSSA_META_N
};

enum glossa_column_kind {
    GLOSSA_COLUMN_LANG,  /* terms in one language */
    GLOSSA_COLUMN_META,  /* a reserved metadata column */
    GLOSSA_COLUMN_OTHER, /* anything else: kept as it is */
};

/* A row's status. An empty status cell is a person's entry without a status
 * (a glossary kept by hand): it counts as a human decision, like approved. */
enum glossa_status {
    GLOSSA_STATUS_UNSET,
    GLOSSA_STATUS_CANDIDATE,
    GLOSSA_STATUS_APPROVED,
    GLOSSA_STATUS_DEPRECATED,
    GLOSSA_STATUS_FORBIDDEN,
};

/* How a row's terms match text: case folded (insensitive, the default when
 * the cell is empty), exact, or permissive (capitals must match). */
enum glossa_case {
    GLOSSA_CASE_INSENSITIVE,
    GLOSSA_CASE_EXACT,
    GLOSSA_CASE_PERMISSIVE,
};

struct glossa_glossary_options {
    /* For files without a header row: the languages of the columns, in order
     * (e.g. {"en", "fr"}); ignored when the file has a header. */
    const char *const *langs;
    size_t nlangs;
    /* The delimiter, or 0 to detect it (comma, semicolon or tab). */
    unsigned char delimiter;
    /* Set: the file has no header even if its first row looks like one
     * (langs then names the columns; a reserved name such as "note" may be
     * among them). */
    int no_header;
};

/* A row that could not be taken. */
struct glossa_glossary_problem {
    size_t line;
    const char *message; /* borrowed from the glossary */
};

/* ------------------------------------------------------------ life cycle */

/* Returns owned: an empty glossary without columns, or NULL when out of memory.
 * name (borrowed, copied; may be NULL) is what file:line references show. */
struct glossa_glossary *glossa_glossary_new(const char *name);
void glossa_glossary_free(struct glossa_glossary *g);

/* Reads a glossary from path ("-" for standard input). *out receives an owned
 * glossary. options may be NULL. Errors: GLOSSA_EIO, GLOSSA_EENCODING (line and
 * byte set), GLOSSA_EBINARY, GLOSSA_ECSV (line set), GLOSSA_EFORMAT (no header
 * and no langs, a language column twice, no language column), GLOSSA_ENOMEM.
 * Rows that cannot be taken are problems, not errors. */
int glossa_glossary_read_file(const char *path, const struct glossa_glossary_options *options,
                              struct glossa_glossary **out, struct glossa_error *err);

/* The same from an open stream (borrowed); name is used in references. */
int glossa_glossary_read_stream(FILE *f, const char *name,
                                const struct glossa_glossary_options *options,
                                struct glossa_glossary **out, struct glossa_error *err);

/* The same from a buffer (borrowed). */
int glossa_glossary_read_buffer(const char *data, size_t len, const char *name,
                                const struct glossa_glossary_options *options,
                                struct glossa_glossary **out, struct glossa_error *err);

/* Writes the header and every row (RFC 4180, LF line ends, UTF-8; a BOM first
 * when bom is set, for Excel). Returns 0 or GLOSSA_EIO (errno in sys_errno). */
int glossa_glossary_write(const struct glossa_glossary *g, FILE *f, int bom,
                          struct glossa_error *err);

/* ------------------------------------------------------------ columns */

/* The name references use (the path read, or the name given); never NULL. */
const char *glossa_glossary_name(const struct glossa_glossary *g);

size_t glossa_glossary_column_count(const struct glossa_glossary *g);
/* The column's name as written in the header (a language column's name is its
 * normalised tag). Borrowed. */
const char *glossa_glossary_column_name(const struct glossa_glossary *g, size_t col);
enum glossa_column_kind glossa_glossary_column_kind(const struct glossa_glossary *g, size_t col);

/* The index of the column of language tag lang (compared after
 * normalisation: "FR" finds "fr"), or -1. A tag without region also finds
 * the only column of that language with one ("fr" finds "fr-FR" when there is
 * no "fr" column and no other French one). */
int glossa_glossary_lang_column(const struct glossa_glossary *g, const char *lang);
/* The index of a metadata column, or -1 when the glossary has none. */
int glossa_glossary_meta_column(const struct glossa_glossary *g, enum glossa_meta meta);
/* The reserved name of a metadata column ("concept", ...). Static. */
const char *glossa_meta_name(enum glossa_meta meta);

/* The language columns in header order: *n receives their number and the
 * function returns their indexes (borrowed, valid until columns change). */
const size_t *glossa_glossary_lang_columns(const struct glossa_glossary *g, size_t *n);

/* Adds a column at the end (or returns the existing one of that name or
 * language, found as glossa_glossary_lang_column finds it). A name that is a language tag
 * (normalised) makes a language column, a reserved name a metadata column, anything else another
 * column. Returns the column index (>= 0) or a negative code (GLOSSA_ENOMEM). */
int glossa_glossary_add_column(struct glossa_glossary *g, const char *name,
                               struct glossa_error *err);

/* Normalises a language tag to BCP 47 (fr_FR -> fr-FR, FR -> fr) into canon
 * (at least 32 bytes). Returns 1 if name is a language tag, 0 otherwise. */
int glossa_lang_tag_normalize(const char *name, char canon[32]);

/* ------------------------------------------------------------ rows */

size_t glossa_glossary_row_count(const struct glossa_glossary *g);

/* A cell (borrowed until the row changes or the glossary is freed); "" for
 * an empty cell or a column the row does not have. */
const char *glossa_glossary_cell(const struct glossa_glossary *g, size_t row, size_t col);
/* The row's term in language lang ("" when none or no such column). */
const char *glossa_glossary_term(const struct glossa_glossary *g, size_t row, const char *lang);
/* The row's metadata cell ("" when empty or no such column). */
const char *glossa_glossary_meta(const struct glossa_glossary *g, size_t row,
                                 enum glossa_meta meta);

/* Parsed metadata (the cells were validated on reading). */
enum glossa_status glossa_glossary_row_status(const struct glossa_glossary *g, size_t row);
enum glossa_case glossa_glossary_row_case(const struct glossa_glossary *g, size_t row);
/* confidence in 0..1, or -1 when the cell is empty */
double glossa_glossary_row_confidence(const struct glossa_glossary *g, size_t row);
/* count, 0 when the cell is empty */
uint64_t glossa_glossary_row_count_value(const struct glossa_glossary *g, size_t row);

/* Where the row came from: file name (borrowed) and 1-based line; line 0 for
 * a row added through the API. */
const char *glossa_glossary_row_file(const struct glossa_glossary *g, size_t row);
size_t glossa_glossary_row_line(const struct glossa_glossary *g, size_t row);

/* Appends a row. cells[i] (borrowed, copied; NULL means empty) is the cell of
 * column i, for i < n; columns at n and beyond are empty. Returns the row
 * index (>= 0) or a negative code (GLOSSA_ENOMEM). The row is not validated. */
long glossa_glossary_add_row(struct glossa_glossary *g, const char *const *cells, size_t n,
                             struct glossa_error *err);

/* Replaces one cell (value borrowed, copied). Returns 0 or GLOSSA_ENOMEM. */
int glossa_glossary_set_cell(struct glossa_glossary *g, size_t row, size_t col, const char *value,
                             size_t len);

/* ------------------------------------------------------------ problems */

size_t glossa_glossary_problem_count(const struct glossa_glossary *g);
/* Problem i, in line order. */
struct glossa_glossary_problem glossa_glossary_problem(const struct glossa_glossary *g, size_t i);

/* ------------------------------------------------------------ keys and concepts */

/* Returns owned: the match key of a term (NFC, typographic variants unified,
 * case folded unless exact is set), or NULL with *rc set (GLOSSA_ENOMEM,
 * GLOSSA_EENCODING). */
char *glossa_term_key(const char *term, size_t len, int exact, int *rc);

/* Returns owned: the content-derived id of a new concept, from the term that
 * names it in the glossary's first language (the acronym for an acronym
 * concept): its match key with every run of characters other than letters and
 * digits turned into '-' ("CSTO" -> "csto", "Conseil de sécurité" ->
 * "conseil-de-sécurité"); at most 48 bytes: a longer one keeps its whole
 * words up to 41 bytes and ends in '-' and 6 hex digits of a hash of the whole
 * key, so that names which begin alike get different ids; "c-" and a hash for
 * a term without letters or digits. The same term gives the same id in every run and every
 * file, which is what lets merge stay commutative. NULL when out of memory or
 * term is not UTF-8. */
char *glossa_concept_id(const char *term, size_t len);

#ifdef __cplusplus
}
#endif
#endif

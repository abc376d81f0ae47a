/* glossary-private: the glossary's insides, for the modules of libglossa that
 * rebuild glossaries in bulk (merge, import). Everyone else uses the public
 * API of include/glossa/glossary.h.
 *
 * A row is one block in the glossary's arena: a uint32 cell count n, n + 1
 * uint32 offsets, then the cells' text, each NUL-terminated. Cells of columns
 * at n and beyond are empty. A block never changes: replacing a cell makes a
 * new block (the old one stays in the arena until the glossary is freed). */
#ifndef GLOSSA_GLOSSARY_PRIVATE_H
#define GLOSSA_GLOSSARY_PRIVATE_H

#include <stdint.h>

#include "glossa/glossary.h"

struct glossa_row {
    const char *block;
    uint32_t line; /* 0: added through the API */
    uint32_t file; /* index into the glossary's file names */
};

/* Row block access. */
static inline uint32_t glossa_row_ncells(const struct glossa_row *row)
{
    return *(const uint32_t *)row->block;
}

static inline const char *glossa_row_cell(const struct glossa_row *row, size_t col, size_t *len)
{
    const uint32_t *h = (const uint32_t *)row->block;
    if (col >= h[0]) {
        if (len)
            *len = 0;
        return "";
    }
    if (len)
        *len = h[col + 2] - h[col + 1] - 1;
    return row->block + 4 * ((size_t)h[0] + 2) + h[col + 1];
}

/* The rows of g, in order (borrowed; *n receives the count). */
struct glossa_row *glossa_glossary_rows(struct glossa_glossary *g, size_t *n);

/* Replaces the row array of g by rows[0..n) (taken: it must come from malloc).
 * The blocks must live in g's arena (glossa_glossary_make_block). */
void glossa_glossary_set_rows(struct glossa_glossary *g, struct glossa_row *rows, size_t n);

/* Makes a block in g's arena from n cells (cells[i] with lens[i] bytes; NULL
 * cells are empty). Returns it, or NULL when out of memory. */
const char *glossa_glossary_make_block(struct glossa_glossary *g, const char *const *cells,
                                       const size_t *lens, size_t n);

/* The index of file name in g's list of origins (added if new), or -1 when
 * out of memory. Index 0 is the glossary's own name. */
long glossa_glossary_file_index(struct glossa_glossary *g, const char *name);

/* Moves the arena of src (all its row blocks) into dst, so that dst may keep
 * pointing at src's blocks after src is freed. src keeps its rows array but
 * must then be freed without reading its rows. */
void glossa_glossary_take_arena(struct glossa_glossary *dst, struct glossa_glossary *src);

/* Renames column `from` (an other column) to `to`, which is classified anew
 * (a reserved name makes it metadata). Returns 0, or -1 when there is no such
 * column or `to` exists already. */
int glossa_glossary_rename_column(struct glossa_glossary *g, const char *from, const char *to);

/* The file name of origin index i (borrowed). */
const char *glossa_glossary_file_name(const struct glossa_glossary *g, uint32_t i);

/* Parses a status / case / confidence / count cell. Return 0, or -1 when the
 * text is not a valid value. An empty cell parses as UNSET / INSENSITIVE /
 * -1 / 0. */
int glossa_status_parse(const char *s, size_t len, enum glossa_status *out);
int glossa_case_parse(const char *s, size_t len, enum glossa_case *out);
int glossa_confidence_parse(const char *s, size_t len, double *out);
int glossa_count_parse(const char *s, size_t len, uint64_t *out);

#endif

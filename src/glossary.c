/* glossary: the multilingual glossary model, its reader and its writer.
 *
 * Owns: the header (columns classified as language / reserved metadata /
 * other), the rows in file order with their origin (file, line), the problems
 * found while reading, and an arena that holds every row's cells.
 *
 * Invariants: a language column's name is its BCP 47 tag as ICU writes it
 * (fr-FR, pt-BR); no language and no metadata column appears twice; row order
 * is the order rows were read or added. Rows in the arena never move, so a
 * cell pointer stays valid until that row is changed or the glossary freed.
 *
 * Traps: a header is recognised by at least one cell naming a language or a
 * reserved column; a file without one needs options.langs, and its first row
 * is data. "id" is Indonesian to ICU but almost always an identifier column,
 * so it is not taken as a language. Trailing columns with an empty name and
 * no content (Excel leaves them) are dropped when reading ends. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include <unicode/uchar.h>
#include <unicode/uloc.h>

#include "csvio.h"
#include "fold.h"
#include "glossary-private.h"
#include "hash.h"
#include "strbuf.h"
#include "utf8.h"

#define ARENA_FIRST ((size_t)1 << 16)
#define ARENA_MAX ((size_t)1 << 25)
#define HUGE_PAGE ((size_t)1 << 21)
/* As many columns as a spreadsheet has (XFD): more is not a glossary, and
 * merging would spend minutes on it. */
#define MAX_COLUMNS ((size_t)16384)

struct arena_chunk {
    struct arena_chunk *next;
    size_t used, size;
    char data[];
};

struct column {
    char *name;
    enum glossa_column_kind kind;
    int meta; /* enum glossa_meta for META columns */
};

struct problem {
    size_t line;
    char *message;
};

struct glossa_glossary {
    struct column *cols;
    size_t ncols, cols_cap;
    size_t *lang_cols;
    size_t nlang;
    int meta_col[GLOSSA_META_N];

    struct glossa_row *rows;
    size_t nrows, rows_cap;

    char **files;
    size_t nfiles;

    struct problem *problems;
    size_t nproblems, problems_cap;

    struct arena_chunk *arena;
    size_t next_chunk;

    /* while reading */
    int have_header;
    const struct glossa_glossary_options *options;
};

static const char *const meta_names[GLOSSA_META_N] = {
    "concept", "type", "status", "confidence", "count", "source", "case", "note",
};

const char *glossa_meta_name(enum glossa_meta meta)
{
    return (unsigned)meta < GLOSSA_META_N ? meta_names[meta] : "";
}

/* ------------------------------------------------------------ arena */

/* Chunks grow from 64 KiB to 32 MiB; big ones are 2 MiB aligned and asked to
 * be backed by huge pages, because first-touch page faults dominate the cost
 * of loading a million-row glossary (measured by bench-merge). */
static struct arena_chunk *chunk_new(size_t size)
{
    struct arena_chunk *c = NULL;
    if (size >= HUGE_PAGE) {
        void *p = NULL;
        size = (size + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
        if (posix_memalign(&p, HUGE_PAGE, size))
            return NULL;
        madvise(p, size, MADV_HUGEPAGE);
        c = p;
        c->size = size - sizeof(*c);
    } else {
        c = malloc(size);
        if (!c)
            return NULL;
        c->size = size - sizeof(*c);
    }
    c->used = 0;
    return c;
}

static void *arena_alloc(struct glossa_glossary *g, size_t n)
{
    struct arena_chunk *c = g->arena;
    n = (n + 3) & ~(size_t)3; /* blocks hold uint32 offsets: 4-byte alignment */
    if (!c || c->size - c->used < n) {
        size_t size = g->next_chunk ? g->next_chunk : ARENA_FIRST;
        struct arena_chunk *fresh;
        int big = n > size / 4;
        if (big)
            size = n + sizeof(*fresh);
        else if (size < ARENA_MAX)
            g->next_chunk = size * 2;
        fresh = chunk_new(size);
        if (!fresh)
            return NULL;
        if (c && big) {
            /* a big block gets its own chunk behind the current one */
            fresh->next = c->next;
            c->next = fresh;
        } else {
            fresh->next = c;
            g->arena = fresh;
        }
        c = fresh;
    }
    c->used += n;
    return c->data + c->used - n;
}

/* packed: the cells lie NUL-terminated one after the other in one buffer (as
 * the CSV reader hands them over), so one copy does. */
static const char *make_block(struct glossa_glossary *g, const char *const *cells,
                              const size_t *lens, size_t n, int packed)
{
    size_t text = 0, head;
    uint32_t *h;
    char *p;
    while (n > 0 && (!cells[n - 1] || (lens ? lens[n - 1] : strlen(cells[n - 1])) == 0))
        n--; /* trailing empty cells are implicit */
    for (size_t i = 0; i < n; i++)
        text += (cells[i] ? (lens ? lens[i] : strlen(cells[i])) : 0) + 1;
    head = 4 * (n + 2);
    if (text > UINT32_MAX || n > UINT32_MAX - 2)
        return NULL;
    h = arena_alloc(g, head + text);
    if (!h)
        return NULL;
    h[0] = (uint32_t)n;
    p = (char *)h + head;
    h[1] = 0;
    if (packed && lens && n) {
        memcpy(p, cells[0], text);
        for (size_t i = 0, off = 0; i < n; i++) {
            off += lens[i] + 1;
            h[i + 2] = (uint32_t)off;
        }
        return (const char *)h;
    }
    for (size_t i = 0, off = 0; i < n; i++) {
        size_t len = cells[i] ? (lens ? lens[i] : strlen(cells[i])) : 0;
        if (len)
            memcpy(p + off, cells[i], len);
        p[off + len] = '\0';
        off += len + 1;
        h[i + 2] = (uint32_t)off;
    }
    return (const char *)h;
}

const char *glossa_glossary_make_block(struct glossa_glossary *g, const char *const *cells,
                                       const size_t *lens, size_t n)
{
    return make_block(g, cells, lens, n, 0);
}

/* ------------------------------------------------------------ life cycle */

struct glossa_glossary *glossa_glossary_new(const char *name)
{
    struct glossa_glossary *g = calloc(1, sizeof(*g));
    if (!g)
        return NULL;
    for (int i = 0; i < GLOSSA_META_N; i++)
        g->meta_col[i] = -1;
    if (glossa_glossary_file_index(g, name ? name : "") < 0) {
        free(g);
        return NULL;
    }
    return g;
}

void glossa_glossary_free(struct glossa_glossary *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->ncols; i++)
        free(g->cols[i].name);
    free(g->cols);
    free(g->lang_cols);
    free(g->rows);
    for (size_t i = 0; i < g->nfiles; i++)
        free(g->files[i]);
    free(g->files);
    for (size_t i = 0; i < g->nproblems; i++)
        free(g->problems[i].message);
    free(g->problems);
    while (g->arena) {
        struct arena_chunk *next = g->arena->next;
        free(g->arena);
        g->arena = next;
    }
    free(g);
}

long glossa_glossary_file_index(struct glossa_glossary *g, const char *name)
{
    char **files;
    for (size_t i = 0; i < g->nfiles; i++)
        if (!strcmp(g->files[i], name))
            return (long)i;
    files = realloc(g->files, (g->nfiles + 1) * sizeof(*files));
    if (!files)
        return -1;
    g->files = files;
    if (!(files[g->nfiles] = strdup(name)))
        return -1;
    return (long)g->nfiles++;
}

void glossa_glossary_take_arena(struct glossa_glossary *dst, struct glossa_glossary *src)
{
    struct arena_chunk *last = src->arena;
    if (!last)
        return;
    while (last->next)
        last = last->next;
    /* src's chunks go behind dst's current chunk, which stays the one in use */
    if (dst->arena) {
        last->next = dst->arena->next;
        dst->arena->next = src->arena;
    } else {
        dst->arena = src->arena;
    }
    src->arena = NULL;
    src->nrows = 0;
}

const char *glossa_glossary_file_name(const struct glossa_glossary *g, uint32_t i)
{
    return i < g->nfiles ? g->files[i] : "";
}

const char *glossa_glossary_name(const struct glossa_glossary *g)
{
    return g->files[0];
}

/* ------------------------------------------------------------ columns */

int glossa_lang_tag_normalize(const char *name, char canon[32])
{
    char tag[32], id[64];
    size_t n = strlen(name), sub = 0;
    int32_t parsed = 0;
    UErrorCode st = U_ZERO_ERROR;
    if (n == 0 || n >= sizeof(tag))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (c == '_')
            c = '-';
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return 0;
        tag[i] = c;
    }
    tag[n] = '\0';
    while (sub < n && tag[sub] != '-')
        sub++;
    if (sub < 2 || sub > 3 || !strcasecmp(tag, "id"))
        return 0;
    for (size_t i = 0; i < sub; i++)
        if (tag[i] >= '0' && tag[i] <= '9')
            return 0;
    uloc_forLanguageTag(tag, id, sizeof(id), &parsed, &st);
    if (U_FAILURE(st) || (size_t)parsed != n || !*uloc_getISO3Language(id))
        return 0;
    uloc_toLanguageTag(id, canon, 32, 1, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || !strcmp(canon, "und"))
        return 0;
    /* "in" (the old code of Indonesian) becomes "id", which is read back as an
     * ID column, not a language: refuse it too, so that what we write reads back. */
    if (!strcmp(canon, "id"))
        return 0;
    return 1;
}

static int meta_of(const char *name)
{
    for (int i = 0; i < GLOSSA_META_N; i++)
        if (!strcasecmp(name, meta_names[i]))
            return i;
    return -1;
}

size_t glossa_glossary_column_count(const struct glossa_glossary *g)
{
    return g->ncols;
}

const char *glossa_glossary_column_name(const struct glossa_glossary *g, size_t col)
{
    return col < g->ncols ? g->cols[col].name : "";
}

enum glossa_column_kind glossa_glossary_column_kind(const struct glossa_glossary *g, size_t col)
{
    return col < g->ncols ? g->cols[col].kind : GLOSSA_COLUMN_OTHER;
}

static int lang_column_exact(const struct glossa_glossary *g, const char *canon)
{
    for (size_t i = 0; i < g->nlang; i++)
        if (!strcmp(g->cols[g->lang_cols[i]].name, canon))
            return (int)g->lang_cols[i];
    return -1;
}

int glossa_glossary_lang_column(const struct glossa_glossary *g, const char *lang)
{
    char canon[32];
    size_t sub;
    int found = -1;
    if (!glossa_lang_tag_normalize(lang, canon))
        return -1;
    if ((found = lang_column_exact(g, canon)) >= 0 || strchr(canon, '-'))
        return found;
    /* "fr" also finds the one column of a regional French (fr-FR), if only one */
    sub = strlen(canon);
    for (size_t i = 0; i < g->nlang; i++) {
        const char *name = g->cols[g->lang_cols[i]].name;
        if (!strncmp(name, canon, sub) && name[sub] == '-') {
            if (found >= 0)
                return -1;
            found = (int)g->lang_cols[i];
        }
    }
    return found;
}

int glossa_glossary_meta_column(const struct glossa_glossary *g, enum glossa_meta meta)
{
    return (unsigned)meta < GLOSSA_META_N ? g->meta_col[meta] : -1;
}

const size_t *glossa_glossary_lang_columns(const struct glossa_glossary *g, size_t *n)
{
    *n = g->nlang;
    return g->lang_cols;
}

/* Adds a column without looking for an existing one; dup_err asks for an
 * EFORMAT error when a language or reserved column repeats. */
static int add_column(struct glossa_glossary *g, const char *name, int dup_err,
                      struct glossa_error *err)
{
    char canon[32];
    struct column c = {NULL, GLOSSA_COLUMN_OTHER, -1};
    int meta = meta_of(name);
    if (meta >= 0) {
        if (g->meta_col[meta] >= 0)
            return dup_err ? glossa_error_set(err, GLOSSA_EFORMAT, NULL, 0, 0,
                                              "column '%s' appears twice in the header", name)
                           : g->meta_col[meta];
        c.kind = GLOSSA_COLUMN_META;
        c.meta = meta;
        c.name = strdup(meta_names[meta]);
    } else if (glossa_lang_tag_normalize(name, canon)) {
        int have = dup_err ? lang_column_exact(g, canon) : glossa_glossary_lang_column(g, canon);
        if (have >= 0)
            return dup_err ? glossa_error_set(err, GLOSSA_EFORMAT, NULL, 0, 0,
                                              "column '%s' repeats language '%s'", name, canon)
                           : have;
        c.kind = GLOSSA_COLUMN_LANG;
        c.name = strdup(canon);
    } else {
        if (!dup_err)
            for (size_t i = 0; i < g->ncols; i++)
                if (g->cols[i].kind == GLOSSA_COLUMN_OTHER && !strcmp(g->cols[i].name, name))
                    return (int)i;
        c.name = strdup(name);
    }
    if (!c.name)
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    if (g->ncols == g->cols_cap) {
        size_t cap = g->cols_cap ? 2 * g->cols_cap : 16;
        struct column *cols = realloc(g->cols, cap * sizeof(*cols));
        if (!cols) {
            free(c.name);
            return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        }
        g->cols = cols;
        g->cols_cap = cap;
    }
    if (c.kind == GLOSSA_COLUMN_LANG) {
        size_t *lc = realloc(g->lang_cols, (g->nlang + 1) * sizeof(*lc));
        if (!lc) {
            free(c.name);
            return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        }
        g->lang_cols = lc;
        lc[g->nlang++] = g->ncols;
    }
    if (c.kind == GLOSSA_COLUMN_META)
        g->meta_col[c.meta] = (int)g->ncols;
    g->cols[g->ncols] = c;
    return (int)g->ncols++;
}

int glossa_glossary_rename_column(struct glossa_glossary *g, const char *from, const char *to)
{
    int meta = meta_of(to);
    char *name;
    for (size_t i = 0; i < g->ncols; i++) {
        if (g->cols[i].kind != GLOSSA_COLUMN_OTHER || strcmp(g->cols[i].name, from))
            continue;
        if (meta >= 0 && g->meta_col[meta] >= 0)
            return -1;
        if (!(name = strdup(meta >= 0 ? meta_names[meta] : to)))
            return -1;
        free(g->cols[i].name);
        g->cols[i].name = name;
        if (meta >= 0) {
            g->cols[i].kind = GLOSSA_COLUMN_META;
            g->cols[i].meta = meta;
            g->meta_col[meta] = (int)i;
        }
        return 0;
    }
    return -1;
}

int glossa_glossary_add_column(struct glossa_glossary *g, const char *name,
                               struct glossa_error *err)
{
    return add_column(g, name, 0, err);
}

/* ------------------------------------------------------------ rows */

size_t glossa_glossary_row_count(const struct glossa_glossary *g)
{
    return g->nrows;
}

struct glossa_row *glossa_glossary_rows(struct glossa_glossary *g, size_t *n)
{
    *n = g->nrows;
    return g->rows;
}

void glossa_glossary_set_rows(struct glossa_glossary *g, struct glossa_row *rows, size_t n)
{
    free(g->rows);
    g->rows = rows;
    g->nrows = g->rows_cap = n;
}

const char *glossa_glossary_cell(const struct glossa_glossary *g, size_t row, size_t col)
{
    if (row >= g->nrows || col >= g->ncols)
        return "";
    return glossa_row_cell(&g->rows[row], col, NULL);
}

const char *glossa_glossary_term(const struct glossa_glossary *g, size_t row, const char *lang)
{
    int col = glossa_glossary_lang_column(g, lang);
    return col < 0 ? "" : glossa_glossary_cell(g, row, (size_t)col);
}

const char *glossa_glossary_meta(const struct glossa_glossary *g, size_t row, enum glossa_meta meta)
{
    int col = glossa_glossary_meta_column(g, meta);
    return col < 0 ? "" : glossa_glossary_cell(g, row, (size_t)col);
}

static void trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

static int word_is(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && !strncasecmp(s, word, len);
}

int glossa_status_parse(const char *s, size_t len, enum glossa_status *out)
{
    static const char *const names[] = {"", "candidate", "approved", "deprecated", "forbidden"};
    trim(&s, &len);
    for (int i = 0; i < 5; i++)
        if (word_is(s, len, names[i])) {
            *out = (enum glossa_status)i;
            return 0;
        }
    return -1;
}

int glossa_case_parse(const char *s, size_t len, enum glossa_case *out)
{
    trim(&s, &len);
    if (len == 0 || word_is(s, len, "insensitive"))
        *out = GLOSSA_CASE_INSENSITIVE;
    else if (word_is(s, len, "exact"))
        *out = GLOSSA_CASE_EXACT;
    else if (word_is(s, len, "permissive"))
        *out = GLOSSA_CASE_PERMISSIVE;
    else
        return -1;
    return 0;
}

int glossa_confidence_parse(const char *s, size_t len, double *out)
{
    char buf[32], *end;
    double v;
    trim(&s, &len);
    if (len == 0) {
        *out = -1;
        return 0;
    }
    {
        /* up to 15 digits: digits / 10^decimals is one correctly rounded
         * division of exact doubles, the very value strtod gives, at a
         * fraction of its cost (a million rows carry a confidence each) */
        uint64_t digits = 0;
        int ndigits = 0, decimals = -1;
        static const double tens[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        for (size_t i = 0; i < len && ndigits <= 15; i++) {
            if (s[i] >= '0' && s[i] <= '9') {
                digits = digits * 10 + (uint64_t)(s[i] - '0');
                ndigits++;
                decimals += decimals >= 0;
            } else if ((s[i] == '.' || s[i] == ',') && decimals < 0)
                decimals = 0;
            else
                return -1;
        }
        if (ndigits > 0 && ndigits <= 15) {
            v = (double)digits / tens[decimals > 0 ? decimals : 0];
            if (v > 1)
                return -1;
            *out = v;
            return 0;
        }
    }
    if (len >= sizeof(buf))
        return -1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i] == ',' ? '.' : s[i]; /* French and German Excel write 0,85 */
        if (!((c >= '0' && c <= '9') || c == '.'))
            return -1;
        buf[i] = c;
    }
    buf[len] = '\0';
    v = strtod(buf, &end);
    if (*end || v < 0 || v > 1)
        return -1;
    *out = v;
    return 0;
}

int glossa_count_parse(const char *s, size_t len, uint64_t *out)
{
    uint64_t v = 0;
    trim(&s, &len);
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

static const char *meta_cell(const struct glossa_glossary *g, size_t row, int meta, size_t *len)
{
    int col = g->meta_col[meta];
    if (col < 0 || row >= g->nrows) {
        *len = 0;
        return "";
    }
    return glossa_row_cell(&g->rows[row], (size_t)col, len);
}

enum glossa_status glossa_glossary_row_status(const struct glossa_glossary *g, size_t row)
{
    size_t len;
    const char *s = meta_cell(g, row, GLOSSA_META_STATUS, &len);
    enum glossa_status st = GLOSSA_STATUS_UNSET;
    glossa_status_parse(s, len, &st);
    return st;
}

enum glossa_case glossa_glossary_row_case(const struct glossa_glossary *g, size_t row)
{
    size_t len;
    const char *s = meta_cell(g, row, GLOSSA_META_CASE, &len);
    enum glossa_case c = GLOSSA_CASE_INSENSITIVE;
    glossa_case_parse(s, len, &c);
    return c;
}

double glossa_glossary_row_confidence(const struct glossa_glossary *g, size_t row)
{
    size_t len;
    const char *s = meta_cell(g, row, GLOSSA_META_CONFIDENCE, &len);
    double v = -1;
    if (glossa_confidence_parse(s, len, &v))
        v = -1;
    return v;
}

uint64_t glossa_glossary_row_count_value(const struct glossa_glossary *g, size_t row)
{
    size_t len;
    const char *s = meta_cell(g, row, GLOSSA_META_COUNT, &len);
    uint64_t v = 0;
    if (glossa_count_parse(s, len, &v))
        v = 0;
    return v;
}

const char *glossa_glossary_row_file(const struct glossa_glossary *g, size_t row)
{
    return row < g->nrows ? glossa_glossary_file_name(g, g->rows[row].file) : "";
}

size_t glossa_glossary_row_line(const struct glossa_glossary *g, size_t row)
{
    return row < g->nrows ? g->rows[row].line : 0;
}

static int push_row(struct glossa_glossary *g, const char *block, size_t line, uint32_t file)
{
    if (g->nrows == g->rows_cap) {
        size_t cap = g->rows_cap ? 2 * g->rows_cap : 64;
        struct glossa_row *rows = realloc(g->rows, cap * sizeof(*rows));
        if (!rows)
            return GLOSSA_ENOMEM;
        g->rows = rows;
        g->rows_cap = cap;
    }
    g->rows[g->nrows].block = block;
    g->rows[g->nrows].line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    g->rows[g->nrows].file = file;
    g->nrows++;
    return 0;
}

long glossa_glossary_add_row(struct glossa_glossary *g, const char *const *cells, size_t n,
                             struct glossa_error *err)
{
    const char *block;
    if (n > g->ncols)
        n = g->ncols;
    block = glossa_glossary_make_block(g, cells, NULL, n);
    if (!block || push_row(g, block, 0, 0))
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    return (long)(g->nrows - 1);
}

int glossa_glossary_set_cell(struct glossa_glossary *g, size_t row, size_t col, const char *value,
                             size_t len)
{
    struct glossa_row *r;
    size_t n;
    const char **cells;
    size_t *lens;
    const char *block;
    if (row >= g->nrows || col >= g->ncols)
        return GLOSSA_EINVAL;
    r = &g->rows[row];
    n = glossa_row_ncells(r);
    if (n < col + 1)
        n = col + 1;
    cells = malloc(n * sizeof(*cells));
    lens = malloc(n * sizeof(*lens));
    if (!cells || !lens) {
        free(cells);
        free(lens);
        return GLOSSA_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        cells[i] = glossa_row_cell(r, i, &lens[i]);
    cells[col] = value;
    lens[col] = len;
    block = glossa_glossary_make_block(g, cells, lens, n);
    free(cells);
    free(lens);
    if (!block)
        return GLOSSA_ENOMEM;
    r->block = block;
    return 0;
}

/* ------------------------------------------------------------ problems */

static int add_problem(struct glossa_glossary *g, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int add_problem(struct glossa_glossary *g, size_t line, const char *fmt, ...)
{
    va_list ap;
    char *msg;
    int rc;
    if (g->nproblems == g->problems_cap) {
        size_t cap = g->problems_cap ? 2 * g->problems_cap : 8;
        struct problem *p = realloc(g->problems, cap * sizeof(*p));
        if (!p)
            return GLOSSA_ENOMEM;
        g->problems = p;
        g->problems_cap = cap;
    }
    va_start(ap, fmt);
    rc = vasprintf(&msg, fmt, ap);
    va_end(ap);
    if (rc < 0)
        return GLOSSA_ENOMEM;
    g->problems[g->nproblems].line = line;
    g->problems[g->nproblems].message = msg;
    g->nproblems++;
    return 0;
}

size_t glossa_glossary_problem_count(const struct glossa_glossary *g)
{
    return g->nproblems;
}

struct glossa_glossary_problem glossa_glossary_problem(const struct glossa_glossary *g, size_t i)
{
    struct glossa_glossary_problem p = {0, ""};
    if (i < g->nproblems) {
        p.line = g->problems[i].line;
        p.message = g->problems[i].message;
    }
    return p;
}

/* ------------------------------------------------------------ reading */

static int is_header(const char *const *cells, const size_t *lens, size_t n)
{
    char canon[32];
    for (size_t i = 0; i < n; i++) {
        const char *s = cells[i];
        size_t len = lens[i];
        char name[32];
        trim(&s, &len);
        if (len == 0 || len >= sizeof(name))
            continue;
        memcpy(name, s, len);
        name[len] = '\0';
        if (meta_of(name) >= 0 || glossa_lang_tag_normalize(name, canon))
            return 1;
    }
    return 0;
}

static int take_header(struct glossa_glossary *g, size_t line, const char *const *cells,
                       const size_t *lens, size_t n, struct glossa_error *err)
{
    struct strbuf name = STRBUF_INIT;
    int rc = 0;
    if (n > MAX_COLUMNS)
        return glossa_error_set(err, GLOSSA_ETOOBIG, NULL, line, 0,
                                "the header has %zu columns (at most %zu: a spreadsheet's limit)",
                                n, MAX_COLUMNS);
    for (size_t i = 0; i < n && rc >= 0; i++) {
        const char *s = cells[i];
        size_t len = lens[i];
        trim(&s, &len);
        strbuf_reset(&name);
        if (strbuf_add(&name, s, len))
            rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        else
            rc = add_column(g, name.buf, 1, err);
    }
    strbuf_release(&name);
    if (rc < 0) {
        if (err)
            err->line = line;
        return rc;
    }
    if (g->nlang == 0)
        return glossa_error_set(err, GLOSSA_EFORMAT, NULL, line, 0,
                                "the header names no language column");
    g->have_header = 1;
    return 0;
}

static int langs_header(struct glossa_glossary *g, size_t line, struct glossa_error *err)
{
    const struct glossa_glossary_options *o = g->options;
    char canon[32];
    for (size_t i = 0; i < o->nlangs; i++) {
        int rc;
        int meta = meta_of(o->langs[i]);
        if (meta < 0 && !glossa_lang_tag_normalize(o->langs[i], canon))
            return glossa_error_set(err, GLOSSA_ELANG, NULL, 0, 0, "'%s' is not a language tag",
                                    o->langs[i]);
        if ((rc = add_column(g, meta >= 0 ? meta_names[meta] : canon, 1, err)) < 0)
            return rc;
    }
    (void)line;
    g->have_header = 1;
    return 0;
}

/* Checks the metadata cells of a row; returns 0, 1 after recording a problem,
 * or a negative code. */
static int check_row(struct glossa_glossary *g, size_t line, const char *const *cells,
                     const size_t *lens, size_t n)
{
    int col;
    enum glossa_status st;
    enum glossa_case cs;
    double conf;
    uint64_t count;
    size_t last = n;
    while (last > 0 && lens[last - 1] == 0)
        last--;
    if (last > g->ncols) {
        return add_problem(g, line, "row has %zu cells but the header has %zu columns", last,
                           g->ncols)
                   ? GLOSSA_ENOMEM
                   : 1;
    }
#define CELL(meta) ((col = g->meta_col[meta]) >= 0 && (size_t)col < n)
    if (CELL(GLOSSA_META_STATUS) && glossa_status_parse(cells[col], lens[col], &st))
        return add_problem(g, line,
                           "unknown status '%s' (expected candidate, approved, deprecated or "
                           "forbidden)",
                           cells[col])
                   ? GLOSSA_ENOMEM
                   : 1;
    if (CELL(GLOSSA_META_CASE) && glossa_case_parse(cells[col], lens[col], &cs))
        return add_problem(g, line, "unknown case '%s' (expected exact, insensitive or permissive)",
                           cells[col])
                   ? GLOSSA_ENOMEM
                   : 1;
    if (CELL(GLOSSA_META_CONFIDENCE) && glossa_confidence_parse(cells[col], lens[col], &conf))
        return add_problem(g, line, "confidence '%s' is not a number from 0 to 1", cells[col])
                   ? GLOSSA_ENOMEM
                   : 1;
    if (CELL(GLOSSA_META_COUNT) && glossa_count_parse(cells[col], lens[col], &count))
        return add_problem(g, line, "count '%s' is not a whole number", cells[col]) ? GLOSSA_ENOMEM
                                                                                    : 1;
#undef CELL
    return 0;
}

static int on_record(void *ctx, size_t line, size_t n, const char *const *cells, const size_t *lens,
                     struct glossa_error *err);

/* The reader skips byte order marks at the very start of the file only; one
 * after blank lines would stay in the first header cell and be written out,
 * and the written file would read differently (fuzz-glossary). The first
 * row's first cell loses its BOMs here. */
static int first_row_without_bom(struct glossa_glossary *g, size_t line, size_t n,
                                 const char *const *cells, const size_t *lens,
                                 struct glossa_error *err)
{
    const char **c = malloc(n * sizeof(*c));
    size_t *l = malloc(n * sizeof(*l));
    int rc;
    if (!c || !l) {
        free(c);
        free(l);
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    }
    memcpy(c, cells, n * sizeof(*c));
    memcpy(l, lens, n * sizeof(*l));
    while (l[0] >= 3 && !memcmp(c[0], "\xEF\xBB\xBF", 3)) {
        c[0] += 3;
        l[0] -= 3;
    }
    rc = on_record(g, line, n, c, l, err);
    free(c);
    free(l);
    return rc;
}

static int on_record(void *ctx, size_t line, size_t n, const char *const *cells, const size_t *lens,
                     struct glossa_error *err)
{
    struct glossa_glossary *g = ctx;
    const char *block;
    size_t filled = 0;
    int rc;
    if (!g->have_header && n && lens[0] >= 3 && !memcmp(cells[0], "\xEF\xBB\xBF", 3))
        return first_row_without_bom(g, line, n, cells, lens, err);
    for (size_t i = 0; i < n; i++)
        filled += lens[i] != 0;
    if (filled == 0)
        return 0; /* a blank row */
    if (!g->have_header) {
        if (!(g->options && g->options->no_header) && is_header(cells, lens, n))
            return take_header(g, line, cells, lens, n, err);
        if (!g->options || !g->options->nlangs)
            return glossa_error_set(err, GLOSSA_EFORMAT, NULL, line, 0,
                                    "no header row (no cell of the first row names a language "
                                    "or a glossary column); give the languages of the columns "
                                    "(--langs en,fr)");
        if ((rc = langs_header(g, line, err)))
            return rc;
    }
    rc = check_row(g, line, cells, lens, n);
    if (rc)
        return rc < 0 ? glossa_error_set(err, rc, NULL, 0, 0, NULL) : 0;
    if (n > g->ncols)
        n = g->ncols;
    block = make_block(g, cells, lens, n, 1);
    if (!block || push_row(g, block, line, 0))
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    return 0;
}

/* Drops trailing columns that have no name and no content. */
static void drop_empty_trailing_columns(struct glossa_glossary *g)
{
    while (g->ncols > 0) {
        struct column *c = &g->cols[g->ncols - 1];
        if (c->kind != GLOSSA_COLUMN_OTHER || c->name[0])
            return;
        for (size_t i = 0; i < g->nrows; i++)
            if (glossa_row_cell(&g->rows[i], g->ncols - 1, NULL)[0])
                return;
        free(c->name);
        g->ncols--;
    }
}

struct reading {
    struct glossa_glossary *g;
    struct glossa_csv_reader *reader;
};

static int reading_start(struct reading *rd, const char *name,
                         const struct glossa_glossary_options *options, struct glossa_error *err)
{
    rd->g = glossa_glossary_new(name);
    rd->reader = NULL;
    if (!rd->g)
        return glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, NULL);
    rd->g->options = options;
    rd->reader = glossa_csv_reader_new(options ? options->delimiter : 0, on_record, rd->g);
    if (!rd->reader) {
        glossa_glossary_free(rd->g);
        return glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, NULL);
    }
    return 0;
}

static int reading_end(struct reading *rd, int rc, const char *name, struct glossa_glossary **out,
                       struct glossa_error *err)
{
    if (!rc)
        rc = glossa_csv_reader_finish(rd->reader, err);
    if (!rc && !rd->g->have_header)
        rc = glossa_error_set(err, GLOSSA_EFORMAT, NULL, 0, 0, "the file is empty (no header row)");
    glossa_csv_reader_free(rd->reader);
    if (rc) {
        glossa_glossary_free(rd->g);
        glossa_error_set_path(err, name);
        *out = NULL;
        return rc;
    }
    rd->g->options = NULL;
    drop_empty_trailing_columns(rd->g);
    *out = rd->g;
    return 0;
}

int glossa_glossary_read_buffer(const char *data, size_t len, const char *name,
                                const struct glossa_glossary_options *options,
                                struct glossa_glossary **out, struct glossa_error *err)
{
    struct reading rd;
    int rc = reading_start(&rd, name, options, err);
    if (rc)
        return rc;
    rc = glossa_csv_reader_feed(rd.reader, data, len, err);
    return reading_end(&rd, rc, name, out, err);
}

int glossa_glossary_read_stream(FILE *f, const char *name,
                                const struct glossa_glossary_options *options,
                                struct glossa_glossary **out, struct glossa_error *err)
{
    struct reading rd;
    char *buf;
    size_t n;
    int rc = reading_start(&rd, name, options, err);
    if (rc)
        return rc;
    buf = malloc(1u << 16);
    if (!buf)
        rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    while (!rc && (n = fread(buf, 1, 1u << 16, f)) > 0)
        rc = glossa_csv_reader_feed(rd.reader, buf, n, err);
    if (!rc && ferror(f)) {
        rc = glossa_error_set(err, GLOSSA_EIO, NULL, 0, 0, "read error: %s", strerror(errno));
        if (err)
            err->sys_errno = errno;
    }
    free(buf);
    return reading_end(&rd, rc, name, out, err);
}

int glossa_glossary_read_file(const char *path, const struct glossa_glossary_options *options,
                              struct glossa_glossary **out, struct glossa_error *err)
{
    FILE *f;
    int rc;
    if (!strcmp(path, "-"))
        return glossa_glossary_read_stream(stdin, "-", options, out, err);
    f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        *out = NULL;
        glossa_error_set(err, GLOSSA_EIO, path, 0, 0, "%s", strerror(e));
        if (err)
            err->sys_errno = e;
        return GLOSSA_EIO;
    }
    rc = glossa_glossary_read_stream(f, path, options, out, err);
    fclose(f);
    return rc;
}

/* ------------------------------------------------------------ writing */

/* A header cell holding ';' or a tab is quoted even though ',' needs no
 * quoting there: the reader detects the delimiter from the first line alone,
 * and must find ',' again in a file glossa wrote (found by fuzz-glossary). */
static int append_header_cell(struct strbuf *out, const char *name)
{
    int rc;
    if (!strpbrk(name, ";\t"))
        return glossa_csv_append_cell(out, name, strlen(name), ',');
    rc = strbuf_addch(out, '"');
    for (const char *p = name; *p && !rc; p++)
        rc = (*p == '"' ? strbuf_addch(out, '"') : 0) || strbuf_addch(out, *p) ? GLOSSA_ENOMEM : 0;
    return rc ? rc : strbuf_addch(out, '"');
}

int glossa_glossary_write(const struct glossa_glossary *g, FILE *f, int bom,
                          struct glossa_error *err)
{
    struct strbuf out = STRBUF_INIT;
    int rc = 0;
    if (bom)
        rc = strbuf_add(&out, "\xEF\xBB\xBF", 3);
    for (size_t c = 0; c < g->ncols && !rc; c++) {
        if (c)
            rc = strbuf_addch(&out, ',');
        if (!rc)
            rc = append_header_cell(&out, g->cols[c].name);
    }
    if (!rc)
        rc = strbuf_addch(&out, '\n');
    for (size_t r = 0; r < g->nrows && !rc; r++) {
        for (size_t c = 0; c < g->ncols && !rc; c++) {
            size_t len;
            const char *cell = glossa_row_cell(&g->rows[r], c, &len);
            if (c)
                rc = strbuf_addch(&out, ',');
            if (!rc)
                rc = glossa_csv_append_cell(&out, cell, len, ',');
        }
        if (!rc)
            rc = strbuf_addch(&out, '\n');
        if (!rc && out.len >= (1u << 16)) {
            if (fwrite(out.buf, 1, out.len, f) != out.len)
                rc = GLOSSA_EIO;
            strbuf_reset(&out);
        }
    }
    if (!rc && out.len && fwrite(out.buf, 1, out.len, f) != out.len)
        rc = GLOSSA_EIO;
    strbuf_release(&out);
    if (rc == GLOSSA_EIO) {
        int e = errno;
        glossa_error_set(err, rc, NULL, 0, 0, "write error: %s", strerror(e));
        if (err)
            err->sys_errno = e;
    } else if (rc)
        glossa_error_set(err, rc, NULL, 0, 0, NULL);
    return rc;
}

/* ------------------------------------------------------------ keys and concepts */

char *glossa_term_key(const char *term, size_t len, int exact, int *rc)
{
    struct strbuf sb = STRBUF_INIT;
    int r = glossa_fold_append(&sb, term, len, GLOSSA_FOLD_TYPO | (exact ? 0 : GLOSSA_FOLD_CASE));
    if (r) {
        strbuf_release(&sb);
        if (rc)
            *rc = r;
        return NULL;
    }
    if (rc)
        *rc = 0;
    return strbuf_detach(&sb, NULL);
}

#define CONCEPT_ID_MAX 48 /* bytes */

char *glossa_concept_id(const char *term, size_t len)
{
    struct strbuf key = STRBUF_INIT, id = STRBUF_INIT;
    int dash = 0;
    if (glossa_fold_append(&key, term, len, GLOSSA_FOLD_MATCH)) {
        strbuf_release(&key);
        return NULL;
    }
    for (size_t i = 0; i < key.len;) {
        uint32_t c;
        size_t n = glossa_utf8_decode((const unsigned char *)key.buf + i, key.len - i, &c);
        if (!u_isalnum((UChar32)c)) { /* also U+FFFD, what a stray byte decodes to */
            dash = id.len > 0;
            i += n;
            continue;
        }
        if (dash)
            strbuf_addch(&id, '-');
        dash = 0;
        strbuf_add(&id, key.buf + i, n);
        i += n;
    }
    if (id.len == 0)
        strbuf_addf(&id, "c-%016llx", (unsigned long long)glossa_hash_bytes(key.buf, key.len));
    else if (id.len > CONCEPT_ID_MAX) {
        /* whole words up to a dash, then a hash of the whole key: two long
         * names that begin alike keep apart, and no word is cut */
        size_t cut = CONCEPT_ID_MAX - 7;
        while (cut > 0 && id.buf[cut] != '-')
            cut--;
        if (cut == 0) /* one word longer than that: cut at a character start */
            for (cut = CONCEPT_ID_MAX - 7; cut > 0 && (id.buf[cut] & 0xC0) == 0x80; cut--)
                ;
        strbuf_setlen(&id, cut);
        strbuf_addf(&id, "-%06llx",
                    (unsigned long long)(glossa_hash_bytes(key.buf, key.len) & 0xFFFFFF));
    }
    strbuf_release(&key);
    return strbuf_detach(&id, NULL);
}

/* csvio: CSV reading (a push parser over libcsv) and RFC 4180 cell writing.
 *
 * Bytes go through three stages: (1) until the first line end is seen they
 * are held back, so that a BOM can be stripped and the delimiter detected
 * even when the input arrives one byte at a time; (2) a streaming UTF-8
 * validator that keeps its state across chunks and knows the line and the
 * byte within the line of every byte; (3) libcsv in strict mode with
 * CSV_REPALL_NL, so that every line end reaches us and line numbers can be
 * counted (CR LF is two terminators for libcsv: the LF after a CR that ended a
 * record is swallowed here). Between records, a whole line with no quote and
 * no CR bypasses libcsv: split at the delimiter it gives the same cells, and
 * libcsv's byte-at-a-time state machine and callbacks were most of the time of
 * reading a big glossary (bench-merge). Lines with quotes or CRs, and the
 * unfinished line at the end of a chunk, still go through libcsv.
 *
 * Traps: libcsv trims spaces and tabs around unquoted cells by default; we
 * install a space predicate that matches nothing, because spaces are data.
 * libcsv passes a NULL pointer for an empty cell at the very start of the
 * input. The reader counts lines in cell contents itself: a quoted cell may
 * span lines, and the next record starts on a later line. */
#include "config.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"

#define DETECT_LIMIT (1u << 20) /* give up waiting for the first line end after 1 MiB */

struct glossa_csv_reader {
    struct csv_parser parser;
    unsigned char delimiter;
    int detected, had_bom, failed, released;
    size_t bom_len;        /* leading byte order marks skipped (a file may carry several) */
    int row_start;         /* libcsv is between records: the next line may bypass it */
    int quote_odd;         /* odd number of quotes given to libcsv: inside a quoted cell */
    struct strbuf pending; /* held back until the first line end outside quotes */
    size_t scanned;        /* bytes of pending looked at for that line end */
    int scan_quoted;       /* the scan is inside a quoted cell */

    /* UTF-8 validation of the raw stream */
    int need;
    unsigned char lo, hi;
    size_t raw_line, raw_byte; /* position of the last byte seen: line, byte in line */
    size_t seq_line, seq_byte; /* where the sequence being completed started */
    size_t csv_line;           /* lines handed to libcsv so far + 1 */

    /* record being assembled */
    struct strbuf fields;
    size_t *ends;
    size_t nfields, cap;
    const char **cells;
    size_t *lens;
    size_t cells_cap;
    size_t record_line, cur_line;
    int prev_cr;

    glossa_csv_record_fn fn;
    void *ctx;
    struct glossa_error *err;
    int rc; /* sticky: first error from a callback or allocation */
};

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

struct glossa_csv_reader *glossa_csv_reader_new(unsigned char delimiter, glossa_csv_record_fn fn,
                                                void *ctx)
{
    struct glossa_csv_reader *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
        free(r);
        return NULL;
    }
    csv_set_space_func(&r->parser, no_space);
    strbuf_init(&r->pending);
    strbuf_init(&r->fields);
    r->delimiter = delimiter ? delimiter : ',';
    r->detected = delimiter != 0;
    r->raw_line = 1;
    r->row_start = 1;
    r->csv_line = 1;
    r->cur_line = 1;
    r->fn = fn;
    r->ctx = ctx;
    return r;
}

void glossa_csv_reader_free(struct glossa_csv_reader *r)
{
    if (!r)
        return;
    csv_free(&r->parser);
    strbuf_release(&r->pending);
    strbuf_release(&r->fields);
    free(r->ends);
    free(r->cells);
    free(r->lens);
    free(r);
}

unsigned char glossa_csv_reader_delimiter(const struct glossa_csv_reader *r)
{
    return r->delimiter;
}

int glossa_csv_reader_had_bom(const struct glossa_csv_reader *r)
{
    return r->had_bom;
}

/* ------------------------------------------------------------ libcsv callbacks */

/* Makes room for one more field end; 0 or GLOSSA_ENOMEM (recorded in r->rc). */
static int reserve_field(struct glossa_csv_reader *r)
{
    if (r->nfields == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        size_t *ends = realloc(r->ends, cap * sizeof(*ends));
        if (!ends)
            return r->rc = glossa_error_set(r->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        r->ends = ends;
        r->cap = cap;
    }
    return 0;
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct glossa_csv_reader *r = ctx;
    const char *s = data;
    if (r->rc)
        return;
    if (r->nfields == 0)
        r->record_line = r->cur_line;
    r->prev_cr = 0;
    if (reserve_field(r))
        return;
    if (strbuf_grow(&r->fields, len + 1)) {
        r->rc = glossa_error_set(r->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        return;
    }
    if (len && !memchr(s, '\n', len) && !memchr(s, '\r', len)) {
        memcpy(r->fields.buf + r->fields.len, s, len);
        r->fields.len += len;
    } else {
        for (size_t i = 0; i < len; i++) {
            /* Inside a quoted cell CR LF and a lone CR become LF, so that
             * reading what glossa wrote gives the same cell (CR CR LF was
             * CR LF after one reading and LF after two: fuzz-glossary). */
            if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
                continue;
            if (s[i] == '\n')
                r->cur_line++;
            r->fields.buf[r->fields.len++] = s[i] == '\r' ? '\n' : s[i];
        }
    }
    r->fields.buf[r->fields.len++] = '\0';
    r->fields.buf[r->fields.len] = '\0';
    r->ends[r->nfields++] = r->fields.len;
}

static void on_record(int c, void *ctx)
{
    struct glossa_csv_reader *r = ctx;
    if (r->rc)
        return;
    if (c == '\n' && r->nfields == 0 && r->prev_cr) {
        r->prev_cr = 0; /* the LF of a CR LF */
        return;
    }
    if (r->nfields == 0)
        r->record_line = r->cur_line;
    if (r->nfields > r->cells_cap) {
        size_t cap = r->cap;
        const char **cells = realloc(r->cells, cap * sizeof(*cells));
        size_t *lens = cells ? realloc(r->lens, cap * sizeof(*lens)) : NULL;
        if (cells)
            r->cells = cells;
        if (!cells || !lens) {
            r->rc = glossa_error_set(r->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
            return;
        }
        r->lens = lens;
        r->cells_cap = cap;
    }
    for (size_t i = 0, start = 0; i < r->nfields; i++) {
        r->cells[i] = r->fields.buf + start;
        r->lens[i] = r->ends[i] - start - 1;
        start = r->ends[i];
    }
    r->rc = r->fn(r->ctx, r->record_line, r->nfields, r->cells, r->lens, r->err);
    r->nfields = 0;
    strbuf_reset(&r->fields);
    if (c == '\r' || c == '\n')
        r->cur_line++;
    r->prev_cr = c == '\r';
}

/* ------------------------------------------------------------ stages */

static int fail(struct glossa_csv_reader *r, int rc)
{
    r->failed = 1;
    return rc;
}

static int has_zero(uint64_t w)
{
    return ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) != 0;
}

/* On an error, *valid receives the number of bytes before the offending one. */
static int validate_utf8(struct glossa_csv_reader *r, const unsigned char *s, size_t len,
                         size_t *valid)
{
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char c;
        /* fast path: eight ASCII bytes with no line end and no NUL */
        while (!r->need && len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w & 0x8080808080808080ull) || has_zero(w) || has_zero(w ^ 0x0A0A0A0A0A0A0A0Aull))
                break;
            i += 8;
            r->raw_byte += 8;
        }
        if (i >= len)
            break;
        c = s[i];
        r->raw_byte++;
        if (r->need) {
            if (c < r->lo || c > r->hi)
                goto bad;
            r->need--;
            r->lo = 0x80;
            r->hi = 0xBF;
            continue;
        }
        if (c < 0x80) {
            if (c == '\n') {
                r->raw_line++;
                r->raw_byte = 0;
            } else if (c == 0) {
                *valid = i;
                glossa_error_set(r->err, GLOSSA_EBINARY, NULL, r->raw_line, 0,
                                 "NUL byte (binary file?)");
                if (r->err)
                    r->err->byte = r->raw_byte;
                return GLOSSA_EBINARY;
            }
            continue;
        }
        r->seq_line = r->raw_line;
        r->seq_byte = r->raw_byte;
        r->lo = 0x80;
        r->hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            r->need = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            r->need = 2;
            if (c == 0xE0)
                r->lo = 0xA0;
            else if (c == 0xED)
                r->hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            r->need = 3;
            if (c == 0xF0)
                r->lo = 0x90;
            else if (c == 0xF4)
                r->hi = 0x8F;
        } else
            goto bad;
    }
    return 0;
bad:
    *valid = i;
    if (!r->need) {
        r->seq_line = r->raw_line;
        r->seq_byte = r->raw_byte;
    }
    glossa_error_set(r->err, GLOSSA_EENCODING, NULL, r->seq_line, 0, "invalid UTF-8");
    if (r->err)
        r->err->byte = r->seq_byte;
    return GLOSSA_EENCODING;
}

static int parse_valid(struct glossa_csv_reader *r, const char *s, size_t len);

/* Errors are reported in byte order whatever the chunking: bytes before an
 * encoding error still go to libcsv, and a CSV error among them wins. */
static int parse(struct glossa_csv_reader *r, const char *s, size_t len)
{
    size_t valid = len;
    int rc = validate_utf8(r, (const unsigned char *)s, len, &valid), rc2;
    if (rc) {
        struct glossa_error *saved = r->err, mine;
        glossa_error_init(&mine);
        r->err = saved ? &mine : NULL;
        rc2 = parse_valid(r, s, valid);
        r->err = saved;
        if (rc2 && saved) {
            glossa_error_release(saved);
            *saved = mine;
        } else
            glossa_error_release(&mine);
        return rc2 ? rc2 : rc;
    }
    return parse_valid(r, s, len);
}

/* A whole line with no quote and no CR, at the start of a record: what libcsv
 * makes of it (cells split at the delimiter, the record ended by its LF),
 * without going through its state machine byte by byte. */
static void take_line(struct glossa_csv_reader *r, const char *s, size_t len)
{
    if (len) {
        char *dst;
        r->record_line = r->cur_line;
        r->prev_cr = 0;
        if (strbuf_grow(&r->fields, len + 1)) {
            r->rc = glossa_error_set(r->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
            return;
        }
        dst = r->fields.buf;
        memcpy(dst, s, len);
        dst[len] = '\0';
        dst[len + 1] = '\0';
        r->fields.len = len + 1;
        for (size_t off = 0;;) {
            char *q = memchr(dst + off, r->delimiter, len - off);
            if (reserve_field(r))
                return;
            if (!q) {
                r->ends[r->nfields++] = len + 1;
                break;
            }
            *q = '\0';
            off = (size_t)(q - dst) + 1;
            r->ends[r->nfields++] = off;
        }
    }
    on_record('\n', r);
}

static int parse_libcsv(struct glossa_csv_reader *r, const char *s, size_t len);

/* Complete lines without a quote or a CR that start a record are split here
 * (take_line); everything else goes to libcsv, up to and including the next
 * LF outside quotes, after which libcsv is again between records. The quote
 * parity tells whether an LF is outside quotes: in strict mode a quote can
 * only open a cell, close it or be doubled inside it. */
static int parse_valid(struct glossa_csv_reader *r, const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end) {
        const char *seg;
        int rc;
        if (r->row_start) {
            const char *nl;
            while ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL &&
                   !memchr(s, '"', (size_t)(nl - s)) && !memchr(s, '\r', (size_t)(nl - s))) {
                take_line(r, s, (size_t)(nl - s));
                if (r->rc)
                    return r->rc;
                r->csv_line++;
                s = nl + 1;
            }
            if (s == end)
                break;
        }
        seg = s;
        r->row_start = 0;
        while (s < end) {
            char c = *s++;
            if (c == '"')
                r->quote_odd ^= 1;
            else if (c == '\n' && !r->quote_odd) {
                r->row_start = 1;
                break;
            }
        }
        if ((rc = parse_libcsv(r, seg, (size_t)(s - seg))))
            return rc;
    }
    return 0;
}

static int parse_libcsv(struct glossa_csv_reader *r, const char *s, size_t len)
{
    size_t done;
    done = csv_parse(&r->parser, s, len, on_field, on_record, r);
    if (r->rc)
        return r->rc;
    if (done < len) {
        int e = csv_error(&r->parser);
        size_t line = r->csv_line;
        for (size_t i = 0; i < done; i++)
            line += s[i] == '\n';
        if (e == CSV_ENOMEM)
            return glossa_error_set(r->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        return glossa_error_set(r->err, GLOSSA_ECSV, NULL, line, 0,
                                "malformed CSV (a quote inside an unquoted cell, or text after "
                                "a closing quote)");
    }
    for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + len - p))) != NULL; p++)
        r->csv_line++;
    return 0;
}

static void detect(struct glossa_csv_reader *r)
{
    const char *s = r->pending.buf;
    size_t n = r->pending.len, counts[3] = {0, 0, 0};
    int quoted = 0;
    /* Every leading BOM goes: a second one (a tool that adds a BOM to a file
     * that had one) would otherwise stay in the first header cell, and the
     * file glossa writes back would read differently (found by fuzz-glossary). */
    r->bom_len = 0;
    while (n - r->bom_len >= 3 && !memcmp(s + r->bom_len, "\xEF\xBB\xBF", 3))
        r->bom_len += 3;
    if (r->bom_len) {
        r->had_bom = 1;
        r->raw_byte = r->bom_len;
    }
    if (r->detected)
        return;
    if (n > DETECT_LIMIT) /* the same bytes whatever the chunks were */
        n = DETECT_LIMIT;
    for (size_t i = r->bom_len; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            counts[0] += s[i] == ',', counts[1] += s[i] == ';', counts[2] += s[i] == '\t';
    }
    r->delimiter = ',';
    if (counts[1] > counts[0] && counts[1] >= counts[2])
        r->delimiter = ';';
    else if (counts[2] > counts[0] && counts[2] > counts[1])
        r->delimiter = '\t';
    r->detected = 1;
}

static int release_pending(struct glossa_csv_reader *r)
{
    int rc;
    detect(r);
    csv_set_delim(&r->parser, r->delimiter);
    rc = parse(r, r->pending.buf + r->bom_len, r->pending.len - r->bom_len);
    strbuf_release(&r->pending);
    r->released = 1;
    return rc;
}

/* Has pending reached the end of the first record (a line end outside quotes)?
 * detect() reads up to there, so waiting for it makes the delimiter the same
 * however the input is cut into chunks (found by fuzz-glossary). */
static int first_line_ended(struct glossa_csv_reader *r)
{
    const char *s = r->pending.buf;
    for (; r->scanned < r->pending.len; r->scanned++) {
        char c = s[r->scanned];
        if (c == '"')
            r->scan_quoted = !r->scan_quoted;
        else if (!r->scan_quoted && (c == '\n' || c == '\r'))
            return 1;
    }
    return 0;
}

int glossa_csv_reader_feed(struct glossa_csv_reader *r, const char *data, size_t len,
                           struct glossa_error *err)
{
    int rc;
    if (r->failed)
        return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0, "the reader stopped at an error");
    r->err = err;
    if (!r->released) {
        if (strbuf_add(&r->pending, data, len))
            return fail(r, glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL));
        if (!first_line_ended(r) && r->pending.len < DETECT_LIMIT)
            return 0;
        rc = release_pending(r);
    } else
        rc = parse(r, data, len);
    return rc ? fail(r, rc) : 0;
}

int glossa_csv_reader_finish(struct glossa_csv_reader *r, struct glossa_error *err)
{
    int rc = 0;
    if (r->failed)
        return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0, "the reader stopped at an error");
    r->err = err;
    if (!r->released && (rc = release_pending(r)))
        return fail(r, rc);
    if (r->need) {
        glossa_error_set(err, GLOSSA_EENCODING, NULL, r->seq_line, 0,
                         "invalid UTF-8 (truncated sequence)");
        if (err)
            err->byte = r->seq_byte;
        return fail(r, GLOSSA_EENCODING);
    }
    if (csv_fini(&r->parser, on_field, on_record, r) != 0) {
        if (r->rc)
            return fail(r, r->rc);
        return fail(r, glossa_error_set(err, GLOSSA_ECSV, NULL, r->cur_line, 0,
                                        "malformed CSV (a quoted cell is not closed)"));
    }
    if (r->rc)
        return fail(r, r->rc);
    r->failed = 1; /* finished: no more input */
    return 0;
}

int glossa_csv_append_cell(struct strbuf *out, const char *cell, size_t len,
                           unsigned char delimiter)
{
    int quote = 0;
    size_t i = 0;
    /* eight bytes at a time: does any equal the delimiter, '"', LF or CR? */
    for (uint64_t d = 0x0101010101010101ull * delimiter; !quote && i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, cell + i, 8);
        quote = has_zero(w ^ d) || has_zero(w ^ 0x2222222222222222ull) ||
                has_zero(w ^ 0x0A0A0A0A0A0A0A0Aull) || has_zero(w ^ 0x0D0D0D0D0D0D0D0Dull);
    }
    for (; !quote && i < len; i++) {
        unsigned char c = (unsigned char)cell[i];
        quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote)
        return strbuf_add(out, cell, len);
    if (strbuf_grow(out, len + 8) || strbuf_addch(out, '"'))
        return GLOSSA_ENOMEM;
    for (i = 0; i < len; i++) {
        if (cell[i] == '"' && strbuf_addch(out, '"'))
            return GLOSSA_ENOMEM;
        if (strbuf_addch(out, cell[i]))
            return GLOSSA_ENOMEM;
    }
    return strbuf_addch(out, '"');
}

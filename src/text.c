/* text: reading a document — bytes to a body of NFC UTF-8 paragraphs that
 * remembers where every byte came from.
 *
 * Three stages, each a string plus a map back to the one before:
 *   decoded  the original transcribed to UTF-8 character for character (BOM
 *            dropped, nothing else changed), so line L, column C of the
 *            original is line L, column C of `decoded` whatever the input
 *            encoding was (UTF-16 surrogate pairs count as one character);
 *   nfc      decoded in NFC; usually the very same buffer (quick check), and
 *            only the stretches that change get inexact runs in nfc_map;
 *   body     the paragraphs built by layout.c, with body_map back into nfc.
 * Line and column are computed on demand from `decoded`, through a sparse
 * index of one entry per POS_BLOCK bytes (line count, character count and the
 * character count at the start of the current line): no per-byte or per-line
 * table, and a query scans at most one block plus the part of one line that
 * lies inside it.
 *
 * Decoding is incremental (glossa_text_reader_feed) and must give the same
 * result whatever the chunking: a BOM, a UTF-8 sequence, a UTF-16 unit or a
 * surrogate pair may be split anywhere. Bytes that cannot be decoded stop the
 * decoding, but the error is only reported at the end, because a NUL byte
 * anywhere makes the file "binary" and that is the better message for a binary
 * file. A line longer than MAX_LINE bytes is refused (GLOSSA_ETOOBIG): no
 * document has a paragraph of a megabyte, and the later stages would spend
 * minutes and gigabytes on one. Traps: `decoded` offsets are bytes; columns count characters; the
 * error's column is that of the first bad character. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/ucnv.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "glossa/text.h"
#include "layout.h"
#include "offset-map.h"
#include "strbuf.h"
#include "utf8.h"

#define POS_BLOCK 1024 /* 32 bytes of index per KB; a query scans 512 bytes on average */
#define NFC_BLOCK 65536
#define MAX_LINE ((size_t)1 << 20)

struct pos_block {
    size_t offset;           /* first byte of the block in decoded (a character start) */
    size_t line;             /* 1-based line of that byte */
    size_t chars;            /* characters before it */
    size_t line_start_chars; /* characters before the start of its line */
};

struct glossa_text {
    char *name;
    char *decoded;
    size_t decoded_len;
    struct offset_map nfc_map; /* nfc -> decoded; empty when nfc was decoded as is */
    char *body;
    size_t body_len;
    struct offset_map body_map; /* body -> nfc */
    struct pos_block *blocks;
    size_t nblocks;
    int lone_cr; /* some line ends are a lone CR: positions are counted byte by byte */
    /* A body given with its origins (glossa_text_from_body): no decoded
     * text; positions come from the origins. */
    struct glossa_text_origin *origins;
    size_t norigins;
};

enum encoding {
    ENC_SNIFF, /* not decided yet: waiting for enough bytes to see a BOM */
    ENC_UTF8,
    ENC_UTF16LE,
    ENC_UTF16BE,
    ENC_UTF32LE,
    ENC_UTF32BE,
    ENC_ICU,
};

struct glossa_text_reader {
    char *name;
    char *encoding_name; /* as given, for messages */
    int keep_layout;
    char *lang;
    enum encoding enc;
    UConverter *cnv;
    int nul_bytes_binary;     /* a 0x00 byte means binary (byte-oriented encodings) */
    unsigned char pending[8]; /* bytes of an incomplete unit/sequence/BOM */
    size_t npending;
    UChar high;        /* a high surrogate waiting for its low half, or 0 */
    struct strbuf out; /* decoded */
    int binary;
    int bad;              /* decoding stopped at an invalid sequence */
    size_t bad_offset;    /* where, in out */
    const char *bad_what; /* "invalid UTF-8" etc. */
    int finished;
    int nomem;
};

/* ------------------------------------------------------------------ decoding */

static void mark_bad(struct glossa_text_reader *r, const char *what)
{
    if (r->bad)
        return;
    r->bad = 1;
    r->bad_offset = r->out.len;
    r->bad_what = what;
}

static void add_bytes(struct glossa_text_reader *r, const void *p, size_t n)
{
    if (n && strbuf_add(&r->out, p, n) < 0)
        r->nomem = 1;
}

/* Length of the UTF-8 sequence at p (n bytes available): > 0 valid length,
 * 0 incomplete but valid so far, -1 invalid. */
static int utf8_sequence(const unsigned char *p, size_t n)
{
    unsigned char b = p[0], lo = 0x80, hi = 0xBF;
    int len;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        len = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        if (b == 0xE0)
            lo = 0xA0;
        else if (b == 0xED)
            hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        if (b == 0xF0)
            lo = 0x90;
        else if (b == 0xF4)
            hi = 0x8F;
    } else
        return -1;
    for (int k = 1; k < len; k++) {
        if ((size_t)k >= n)
            return 0;
        if (k == 1 ? (p[1] < lo || p[1] > hi) : (p[k] & 0xC0) != 0x80)
            return -1;
    }
    return len;
}

static void decode_utf8(struct glossa_text_reader *r, const unsigned char *p, size_t n)
{
    size_t i = 0, run = 0;
    if (r->npending) {
        /* complete the sequence split by the previous chunk */
        while (r->npending < 4 && i < n) {
            int len;
            r->pending[r->npending++] = p[i++];
            len = utf8_sequence(r->pending, r->npending);
            if (len < 0) {
                mark_bad(r, "invalid UTF-8");
                return;
            }
            if (len > 0) {
                add_bytes(r, r->pending, (size_t)len);
                r->npending = 0;
                break;
            }
        }
        if (r->npending)
            return; /* still incomplete: the chunk was too short */
        run = i;
    }
    while (i < n) {
        int len;
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        len = utf8_sequence(p + i, n - i);
        if (len > 0) {
            i += (size_t)len;
            continue;
        }
        add_bytes(r, p + run, i - run);
        if (len < 0) {
            mark_bad(r, "invalid UTF-8");
            return;
        }
        memcpy(r->pending, p + i, n - i);
        r->npending = n - i;
        return;
    }
    add_bytes(r, p + run, n - run);
}

/* Appends UTF-16 units, pairing surrogates across calls. */
static void emit_units(struct glossa_text_reader *r, const UChar *u, size_t n, const char *what)
{
    char buf[1024];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        UChar32 c = u[i];
        if (k + 4 > sizeof(buf)) {
            add_bytes(r, buf, k);
            k = 0;
        }
        if (r->high) {
            if (U16_IS_TRAIL(c)) {
                c = U16_GET_SUPPLEMENTARY(r->high, c);
                r->high = 0;
            } else {
                add_bytes(r, buf, k);
                mark_bad(r, what);
                return;
            }
        } else if (U16_IS_LEAD(c)) {
            r->high = (UChar)c;
            continue;
        } else if (U16_IS_TRAIL(c)) {
            add_bytes(r, buf, k);
            mark_bad(r, what);
            return;
        }
        if (c == 0) {
            r->binary = 1;
            return;
        }
        U8_APPEND_UNSAFE(buf, k, c);
    }
    add_bytes(r, buf, k);
}

static void decode_utf16(struct glossa_text_reader *r, const unsigned char *p, size_t n, int be)
{
    UChar u[512];
    size_t k = 0, i = 0;
    if (r->npending && n) {
        unsigned char b0 = r->pending[0], b1 = p[0];
        u[k++] = be ? (UChar)(b0 << 8 | b1) : (UChar)(b1 << 8 | b0);
        r->npending = 0;
        i = 1;
    }
    for (; i + 1 < n; i += 2) {
        u[k++] = be ? (UChar)(p[i] << 8 | p[i + 1]) : (UChar)(p[i + 1] << 8 | p[i]);
        if (k == sizeof(u) / sizeof(u[0])) {
            emit_units(r, u, k, "invalid UTF-16 (lone surrogate)");
            k = 0;
            if (r->bad || r->binary)
                return;
        }
    }
    emit_units(r, u, k, "invalid UTF-16 (lone surrogate)");
    if (i < n) {
        r->pending[0] = p[i];
        r->npending = 1;
    }
}

static void decode_utf32(struct glossa_text_reader *r, const unsigned char *p, size_t n, int be)
{
    char buf[1024];
    size_t k = 0, i = 0;
    while (i < n && !r->bad && !r->binary) {
        uint32_t c;
        const unsigned char *q;
        if (r->npending || n - i < 4) {
            while (r->npending < 4 && i < n)
                r->pending[r->npending++] = p[i++];
            if (r->npending < 4)
                break;
            q = r->pending;
            r->npending = 0;
        } else {
            q = p + i;
            i += 4;
        }
        c = be ? (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3]
               : (uint32_t)q[3] << 24 | (uint32_t)q[2] << 16 | (uint32_t)q[1] << 8 | q[0];
        if (c == 0) {
            r->binary = 1;
            break;
        }
        if (c > 0x10FFFF || U_IS_SURROGATE(c)) {
            add_bytes(r, buf, k);
            k = 0;
            mark_bad(r, "invalid UTF-32");
            break;
        }
        if (k + 4 > sizeof(buf)) {
            add_bytes(r, buf, k);
            k = 0;
        }
        U8_APPEND_UNSAFE(buf, k, c);
    }
    add_bytes(r, buf, k);
}

static void decode_icu(struct glossa_text_reader *r, const unsigned char *p, size_t n, int flush)
{
    const char *src = p ? (const char *)p : "", *limit = src + n; /* p is NULL on the flush */
    UChar u[1024];
    for (;;) {
        UErrorCode st = U_ZERO_ERROR;
        UChar *target = u;
        ucnv_toUnicode(r->cnv, &target, u + sizeof(u) / sizeof(u[0]), &src, limit, NULL,
                       (UBool)flush, &st);
        emit_units(r, u, (size_t)(target - u), "invalid UTF-16 (lone surrogate)");
        if (r->bad || r->binary)
            return;
        if (st == U_BUFFER_OVERFLOW_ERROR)
            continue;
        if (U_FAILURE(st)) {
            mark_bad(r, "invalid byte sequence for the encoding");
            return;
        }
        break;
    }
    if (flush && r->high)
        mark_bad(r, "invalid UTF-16 (lone surrogate)");
}

/* Decides the encoding from a BOM once enough bytes are there; returns the
 * number of BOM bytes to skip, or -1 when more bytes are needed. */
static int sniff(struct glossa_text_reader *r, int final)
{
    const unsigned char *b = r->pending;
    size_t n = r->npending;
    if (n >= 1 && b[0] != 0xEF && b[0] != 0xFE && b[0] != 0xFF && b[0] != 0x00) {
        r->enc = ENC_UTF8;
        return 0;
    }
    if (n < 4 && !final)
        return -1;
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        r->enc = ENC_UTF8;
        return 3;
    }
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) {
        r->enc = ENC_UTF32LE;
        return 4;
    }
    if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) {
        r->enc = ENC_UTF32BE;
        return 4;
    }
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        r->enc = ENC_UTF16LE;
        return 2;
    }
    if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        r->enc = ENC_UTF16BE;
        return 2;
    }
    r->enc = ENC_UTF8;
    return 0;
}

static void decode(struct glossa_text_reader *r, const unsigned char *p, size_t n)
{
    switch (r->enc) {
    case ENC_UTF8:
        decode_utf8(r, p, n);
        break;
    case ENC_UTF16LE:
    case ENC_UTF16BE:
        decode_utf16(r, p, n, r->enc == ENC_UTF16BE);
        break;
    case ENC_UTF32LE:
    case ENC_UTF32BE:
        decode_utf32(r, p, n, r->enc == ENC_UTF32BE);
        break;
    case ENC_ICU:
        decode_icu(r, p, n, 0);
        break;
    case ENC_SNIFF:
        break;
    }
}

struct glossa_text_reader *glossa_text_reader_new(const char *name,
                                                  const struct glossa_text_options *opts)
{
    struct glossa_text_reader *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    strbuf_init(&r->out);
    r->name = strdup(name ? name : "-");
    if (!r->name)
        goto fail;
    r->enc = ENC_SNIFF;
    r->nul_bytes_binary = 1;
    if (opts) {
        r->keep_layout = opts->keep_layout;
        if (opts->lang && !(r->lang = strdup(opts->lang)))
            goto fail;
        if (opts->encoding && *opts->encoding) {
            if (!(r->encoding_name = strdup(opts->encoding)))
                goto fail;
            if (!ucnv_compareNames(opts->encoding, "UTF-8")) {
                r->enc = ENC_UTF8;
            } else {
                UErrorCode st = U_ZERO_ERROR;
                r->cnv = ucnv_open(opts->encoding, &st);
                if (U_FAILURE(st)) {
                    r->cnv = NULL; /* reported by feed/finish as GLOSSA_EINVAL */
                } else {
                    ucnv_setToUCallBack(r->cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
                    r->nul_bytes_binary = ucnv_getMinCharSize(r->cnv) == 1;
                }
                r->enc = ENC_ICU;
            }
        }
    }
    return r;
fail:
    glossa_text_reader_free(r);
    return NULL;
}

void glossa_text_reader_free(struct glossa_text_reader *r)
{
    if (!r)
        return;
    if (r->cnv)
        ucnv_close(r->cnv);
    strbuf_release(&r->out);
    free(r->name);
    free(r->encoding_name);
    free(r->lang);
    free(r);
}

static int reader_check(struct glossa_text_reader *r, struct glossa_error *err)
{
    if (r->finished)
        return glossa_error_set(err, GLOSSA_EINVAL, r->name, 0, 0, "reader already finished");
    if (r->enc == ENC_ICU && !r->cnv)
        return glossa_error_set(err, GLOSSA_EINVAL, r->name, 0, 0, "unknown encoding '%s'",
                                r->encoding_name);
    if (r->nomem)
        return glossa_error_set(err, GLOSSA_ENOMEM, r->name, 0, 0, "out of memory");
    if (r->binary)
        return glossa_error_set(err, GLOSSA_EBINARY, r->name, 0, 0, "binary file");
    return 0;
}

int glossa_text_reader_feed(struct glossa_text_reader *r, const char *data, size_t len,
                            struct glossa_error *err)
{
    const unsigned char *p = (const unsigned char *)data;
    int rc = reader_check(r, err);
    if (rc)
        return rc;
    if (r->nul_bytes_binary && len && memchr(p, 0, len)) {
        /* a 0x00 byte may still be the half of a UTF-16 or UTF-32 BOM or unit */
        if (r->enc == ENC_UTF8 || r->enc == ENC_ICU)
            r->binary = 1;
    }
    if (r->binary)
        return reader_check(r, err);
    if (r->bad)
        return 0; /* reported by finish, unless a NUL byte follows */
    if (r->enc == ENC_SNIFF) {
        int skip;
        size_t take = 0;
        while (r->npending < 4 && take < len)
            r->pending[r->npending++] = p[take++];
        skip = sniff(r, 0);
        if (skip < 0)
            return 0;
        {
            unsigned char head[8];
            size_t nhead = r->npending - (size_t)skip;
            memcpy(head, r->pending + skip, nhead);
            r->npending = 0;
            if (r->enc == ENC_UTF8 || r->enc == ENC_ICU) {
                if (memchr(head, 0, nhead) || (len > take && memchr(p + take, 0, len - take)))
                    r->binary = 1;
            } else {
                r->nul_bytes_binary = 0;
            }
            if (r->binary)
                return reader_check(r, err);
            decode(r, head, nhead);
        }
        p += take;
        len -= take;
    }
    if (!r->bad && !r->binary)
        decode(r, p, len);
    return r->binary || r->nomem ? reader_check(r, err) : 0;
}

/* ------------------------------------------------------------------ positions */

static int is_line_break(const char *s, size_t n, size_t i)
{
    return s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n'));
}

/* Moves a position (line, characters before, characters before the line's
 * start) from offset `from` to offset `to`. With only '\n' and CR LF line ends
 * (lone_cr 0), breaks are found with memchr; otherwise byte by byte. */
static void advance(const char *s, size_t n, int lone_cr, size_t from, size_t to, size_t *line,
                    size_t *chars, size_t *lstart)
{
    if (lone_cr) {
        for (size_t i = from; i < to; i++) {
            if (((unsigned char)s[i] & 0xC0) != 0x80)
                ++*chars;
            if (is_line_break(s, n, i)) {
                ++*line;
                *lstart = *chars;
            }
        }
        return;
    }
    while (from < to) {
        const char *q = memchr(s + from, '\n', to - from);
        if (!q) {
            *chars += glossa_utf8_count(s + from, to - from);
            return;
        }
        *chars += glossa_utf8_count(s + from, (size_t)(q - s) + 1 - from);
        ++*line;
        *lstart = *chars;
        from = (size_t)(q - s) + 1;
    }
}

static int has_lone_cr(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    while ((p = memchr(p, '\r', (size_t)(end - p)))) {
        if (p + 1 >= end || p[1] != '\n')
            return 1;
        p++;
    }
    return 0;
}

/* Line and column of decoded offset off, scanning from block b. */
static void scan_position(const char *s, size_t n, int lone_cr, const struct pos_block *b,
                          size_t off, size_t *line, size_t *column)
{
    size_t ln = b->line, chars = b->chars, lstart = b->line_start_chars;
    advance(s, n, lone_cr, b->offset, off < n ? off : n, &ln, &chars, &lstart);
    *line = ln;
    *column = chars - lstart + 1;
}

static int build_positions(struct glossa_text *t)
{
    const char *s = t->decoded;
    size_t n = t->decoded_len, nb = n / POS_BLOCK + 1, k = 0;
    size_t line = 1, chars = 0, lstart = 0, at = 0;
    t->lone_cr = has_lone_cr(s, n);
    t->blocks = malloc(nb * sizeof(*t->blocks));
    if (!t->blocks)
        return GLOSSA_ENOMEM;
    for (k = 0; k < nb; k++) {
        size_t next = k * POS_BLOCK;
        while (next < n && ((unsigned char)s[next] & 0xC0) == 0x80)
            next++;
        if (next > n)
            next = n;
        advance(s, n, t->lone_cr, at, next, &line, &chars, &lstart);
        at = next;
        t->blocks[k].offset = at;
        t->blocks[k].line = line;
        t->blocks[k].chars = chars;
        t->blocks[k].line_start_chars = lstart;
    }
    t->nblocks = nb;
    return 0;
}

static void decoded_position(const struct glossa_text *t, size_t off, size_t *line, size_t *column)
{
    size_t k;
    if (off > t->decoded_len)
        off = t->decoded_len;
    k = off / POS_BLOCK;
    if (k >= t->nblocks)
        k = t->nblocks - 1;
    while (k > 0 && t->blocks[k].offset > off)
        k--;
    scan_position(t->decoded, t->decoded_len, t->lone_cr, &t->blocks[k], off, line, column);
}

/* The position of a body built with its origins: the last origin at or
 * before offset, then a column per character. */
static void origin_position(const struct glossa_text *t, size_t off, size_t *line, size_t *column)
{
    size_t lo = 0, hi = t->norigins;
    const struct glossa_text_origin *o;
    if (!hi) {
        *line = *column = 1;
        return;
    }
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->origins[mid].offset <= off)
            lo = mid;
        else
            hi = mid;
    }
    o = &t->origins[lo];
    *line = o->line;
    *column =
        o->column + (off > o->offset ? glossa_utf8_count(t->body + o->offset, off - o->offset) : 0);
}

void glossa_text_position(const struct glossa_text *text, size_t offset, size_t *line,
                          size_t *column)
{
    size_t nfc_off, dec_off;
    if (offset > text->body_len)
        offset = text->body_len;
    if (text->origins || !text->decoded) {
        origin_position(text, offset, line, column);
        return;
    }
    nfc_off = offset_map_lookup(&text->body_map, offset);
    dec_off = offset_map_lookup(&text->nfc_map, nfc_off);
    decoded_position(text, dec_off, line, column);
}

/* ------------------------------------------------------------------ NFC */

/* Normalises s[0..n) (valid UTF-8) into out, recording inexact runs in map for
 * what changed. *changed is 0 when s was NFC already (out is then untouched). */
static int normalise(const char *s, size_t n, struct strbuf *out, struct offset_map *map,
                     int *changed)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    UChar *u = NULL, *v = NULL;
    size_t ucap = 0, vcap = 0, copied = 0, pos = 0;
    struct strbuf scratch = STRBUF_INIT;
    int rc = 0;
    *changed = 0;
    if (U_FAILURE(st))
        return GLOSSA_EUNICODE;
    while (pos < n) {
        size_t end = pos + NFC_BLOCK < n ? pos + NFC_BLOCK : n, i;
        int32_t ulen, span;
        int fast = 1;
        /* cut before an ASCII byte: every ASCII character starts a normalisation unit */
        while (end < n && (unsigned char)s[end] >= 0x80)
            end++;
        for (i = pos; i < end;) {
            uint32_t c;
            if ((unsigned char)s[i] < 0xCC) { /* below U+0300: nothing to do */
                i++;
                continue;
            }
            i += glossa_utf8_decode((const unsigned char *)s + i, end - i, &c);
            if (!glossa_nfc_inert(c)) {
                fast = 0;
                break;
            }
        }
        if (fast) {
            pos = end;
            continue;
        }
        if ((size_t)(end - pos) + 2 > ucap) {
            ucap = (end - pos) + 2;
            free(u);
            if (!(u = malloc(ucap * sizeof(UChar)))) {
                rc = GLOSSA_ENOMEM;
                goto done;
            }
        }
        st = U_ZERO_ERROR;
        /* with the ASCII character that follows: the span stops short of a
         * last character that could combine with what comes next */
        u_strFromUTF8(u, (int32_t)ucap, &ulen, s + pos, (int32_t)(end - pos + (end < n)), &st);
        if (U_FAILURE(st)) {
            rc = GLOSSA_EUNICODE;
            goto done;
        }
        span = unorm2_spanQuickCheckYes(nfc, u, ulen, &st);
        if (U_SUCCESS(st) && span >= ulen - (end < n)) {
            pos = end;
            continue;
        }
        /* slow path: normalise piece by piece (a piece starts at a boundary) */
        if (!*changed) {
            *changed = 1;
            if ((rc = offset_map_add(map, 0, 0, 1)) < 0 || (rc = strbuf_grow(out, n + 64)) < 0)
                goto done;
        }
        if (strbuf_add(out, s + copied, pos - copied) < 0) {
            rc = GLOSSA_ENOMEM;
            goto done;
        }
        copied = pos;
        for (i = pos; i < end;) {
            size_t ps = i, pe;
            UChar32 c;
            int32_t plen, nlen;
            U8_NEXT_UNSAFE(s, i, c);
            for (pe = i; pe < end;) {
                size_t q = pe;
                UChar32 d;
                U8_NEXT_UNSAFE(s, q, d);
                if (unorm2_hasBoundaryBefore(nfc, d))
                    break;
                pe = q;
            }
            i = pe;
            st = U_ZERO_ERROR;
            u_strFromUTF8(u, (int32_t)ucap, &plen, s + ps, (int32_t)(pe - ps), &st);
            if (U_FAILURE(st) || unorm2_quickCheck(nfc, u, plen, &st) == UNORM_YES)
                continue;
            st = U_ZERO_ERROR;
            nlen = unorm2_normalize(nfc, u, plen, v, (int32_t)vcap, &st);
            if (st == U_BUFFER_OVERFLOW_ERROR || !v) {
                vcap = (size_t)nlen + 16;
                free(v);
                if (!(v = malloc(vcap * sizeof(UChar)))) {
                    rc = GLOSSA_ENOMEM;
                    goto done;
                }
                st = U_ZERO_ERROR;
                nlen = unorm2_normalize(nfc, u, plen, v, (int32_t)vcap, &st);
            }
            if (U_FAILURE(st)) {
                rc = GLOSSA_EUNICODE;
                goto done;
            }
            if (strbuf_add(out, s + copied, ps - copied) < 0 ||
                offset_map_add(map, out->len, ps, 0) < 0 ||
                strbuf_grow(&scratch, (size_t)nlen * 3) < 0) {
                rc = GLOSSA_ENOMEM;
                goto done;
            }
            {
                int32_t blen;
                st = U_ZERO_ERROR;
                u_strToUTF8(scratch.buf, (int32_t)(scratch.alloc - 1), &blen, v, nlen, &st);
                if (U_FAILURE(st)) {
                    rc = GLOSSA_EUNICODE;
                    goto done;
                }
                if (strbuf_add(out, scratch.buf, (size_t)blen) < 0) {
                    rc = GLOSSA_ENOMEM;
                    goto done;
                }
            }
            copied = pe;
            if ((rc = offset_map_add(map, out->len, pe, 1)) < 0)
                goto done;
        }
        pos = end;
    }
    if (*changed && strbuf_add(out, s + copied, n - copied) < 0)
        rc = GLOSSA_ENOMEM;
done:
    free(u);
    free(v);
    strbuf_release(&scratch);
    return rc;
}

/* ------------------------------------------------------------------ finishing */

static void error_at(struct glossa_text_reader *r, struct glossa_error *err, int code, size_t off,
                     const char *what)
{
    size_t line = 1, col = 1;
    struct pos_block b = {0, 1, 0, 0};
    scan_position(r->out.buf, r->out.len, 1, &b, off, &line, &col);
    glossa_error_set(err, code, r->name, line, col, "%s", what);
}

/* Says whether a line of s is longer than MAX_LINE bytes; *where is the start
 * of the first character past the limit. */
static int long_line(const char *s, size_t n, size_t *where)
{
    size_t from = 0;
    while (from < n) {
        /* only a stretch between two LF this long can hold a line this long */
        const char *lf = memchr(s + from, '\n', n - from);
        size_t to = lf ? (size_t)(lf - s) : n, start = from;
        if (to - from > MAX_LINE)
            for (size_t i = from; i < to; i++) {
                if (s[i] == '\r')
                    start = i + 1;
                else if (i - start >= MAX_LINE) {
                    while (i > start && ((unsigned char)s[i] & 0xC0) == 0x80)
                        i--;
                    *where = i;
                    return 1;
                }
            }
        from = to + 1;
    }
    return 0;
}

int glossa_text_reader_finish(struct glossa_text_reader *r, struct glossa_text **out,
                              struct glossa_error *err)
{
    struct glossa_text *t;
    size_t off;
    struct strbuf nfc = STRBUF_INIT, body = STRBUF_INIT;
    struct layout_options lopts;
    int rc, changed = 0;

    *out = NULL;
    if ((rc = reader_check(r, err)))
        return rc;
    r->finished = 1;
    if (r->enc == ENC_SNIFF) {
        int skip = sniff(r, 1);
        unsigned char head[8];
        size_t nhead = r->npending - (size_t)(skip > 0 ? skip : 0);
        memcpy(head, r->pending + (skip > 0 ? skip : 0), nhead);
        r->npending = 0;
        if ((r->enc == ENC_UTF8) && memchr(head, 0, nhead))
            r->binary = 1;
        else
            decode(r, head, nhead);
    }
    if (!r->bad && !r->binary) {
        if (r->enc == ENC_ICU)
            decode_icu(r, NULL, 0, 1);
        else if (r->npending) {
            mark_bad(r, r->enc == ENC_UTF8 ? "invalid UTF-8 (truncated sequence)"
                        : r->enc == ENC_UTF16LE || r->enc == ENC_UTF16BE
                            ? "invalid UTF-16 (odd number of bytes)"
                            : "invalid UTF-32 (truncated character)");
        } else if (r->high)
            mark_bad(r, "invalid UTF-16 (lone surrogate)");
    }
    if (r->nomem)
        return glossa_error_set(err, GLOSSA_ENOMEM, r->name, 0, 0, "out of memory");
    if (r->binary)
        return glossa_error_set(err, GLOSSA_EBINARY, r->name, 0, 0, "binary file");
    if (r->bad) {
        error_at(r, err, GLOSSA_EENCODING, r->bad_offset, r->bad_what);
        return GLOSSA_EENCODING;
    }
    if (long_line(r->out.buf, r->out.len, &off)) {
        error_at(r, err, GLOSSA_ETOOBIG, off, "line longer than 1 MB (not a text document?)");
        return GLOSSA_ETOOBIG;
    }

    t = calloc(1, sizeof(*t));
    if (!t)
        return glossa_error_set(err, GLOSSA_ENOMEM, r->name, 0, 0, "out of memory");
    offset_map_init(&t->nfc_map);
    offset_map_init(&t->body_map);
    t->name = r->name;
    r->name = NULL;
    /* a BOM that an ICU converter passed through is not part of the text */
    if (r->out.len >= 3 && !memcmp(r->out.buf, "\xEF\xBB\xBF", 3)) {
        memmove(r->out.buf, r->out.buf + 3, r->out.len - 2);
        r->out.len -= 3;
    }
    t->decoded = strbuf_detach(&r->out, &t->decoded_len);
    if (!t->decoded || build_positions(t) < 0) {
        rc = GLOSSA_ENOMEM;
        goto fail;
    }
    if ((rc = normalise(t->decoded, t->decoded_len, &nfc, &t->nfc_map, &changed)) < 0)
        goto fail;
    if (strbuf_grow(&body, t->decoded_len + 16) < 0) {
        rc = GLOSSA_ENOMEM;
        goto fail;
    }
    lopts.keep_layout = r->keep_layout;
    lopts.lang = r->lang;
    rc = layout_build(changed ? nfc.buf : t->decoded, changed ? nfc.len : t->decoded_len, &lopts,
                      &body, &t->body_map);
    strbuf_release(&nfc);
    if (rc < 0)
        goto fail;
    t->body = strbuf_detach(&body, &t->body_len);
    if (!t->body) {
        rc = GLOSSA_ENOMEM;
        goto fail;
    }
    *out = t;
    return 0;
fail:
    strbuf_release(&nfc);
    strbuf_release(&body);
    glossa_error_set(err, rc, t->name, 0, 0, "%s", glossa_strerror(rc));
    glossa_text_free(t);
    return rc;
}

/* ------------------------------------------------------------------ whole inputs */

int glossa_text_from_bytes(const char *name, const char *data, size_t len,
                           const struct glossa_text_options *opts, struct glossa_text **out,
                           struct glossa_error *err)
{
    struct glossa_text_reader *r = glossa_text_reader_new(name, opts);
    int rc;
    *out = NULL;
    if (!r)
        return glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
    if (strbuf_grow(&r->out, len) < 0)
        r->nomem = 1;
    rc = glossa_text_reader_feed(r, data, len, err);
    if (rc == 0)
        rc = glossa_text_reader_finish(r, out, err);
    glossa_text_reader_free(r);
    return rc;
}

#define READ_CHUNK ((size_t)1 << 16)

/* read(2) until n bytes or the end; returns the count, or -1 with errno set. */
static ssize_t read_full(int fd, char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(fd, buf + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        if (k == 0)
            break;
        got += (size_t)k;
    }
    return (ssize_t)got;
}

int glossa_text_read_fd(int fd, const char *name, const char *head, size_t nhead,
                        const struct glossa_text_options *opts, struct glossa_text **out,
                        struct glossa_error *err)
{
    struct glossa_text_reader *r = glossa_text_reader_new(name, opts);
    char *buf = fd >= 0 ? malloc(READ_CHUNK) : NULL;
    int rc = 0, first = 1;
    *out = NULL;
    if (!r || (fd >= 0 && !buf)) {
        rc = glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
        goto done;
    }
    if (nhead && (rc = glossa_text_reader_feed(r, head, nhead, err)) < 0)
        goto done;
    while (fd >= 0) {
        ssize_t n = read_full(fd, buf, READ_CHUNK);
        if (n < 0) {
            int e = errno;
            rc = glossa_error_set(err, GLOSSA_EIO, name, 0, 0, "%s", strerror(e));
            if (err)
                err->sys_errno = e;
            goto done;
        }
        if (first && (size_t)n == READ_CHUNK) {
            /* a large file: one allocation of its size, not doublings (small
             * files are not worth the extra system call) */
            struct stat st;
            if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
                strbuf_grow(&r->out, (size_t)st.st_size) < 0)
                r->nomem = 1;
        }
        if (n && (rc = glossa_text_reader_feed(r, buf, (size_t)n, err)) < 0)
            goto done;
        if ((size_t)n < READ_CHUNK)
            break;
        first = 0;
    }
    rc = glossa_text_reader_finish(r, out, err);
done:
    free(buf);
    glossa_text_reader_free(r);
    return rc;
}

int glossa_text_read_file(const char *path, const struct glossa_text_options *opts,
                          struct glossa_text **out, struct glossa_error *err)
{
    int is_stdin = !strcmp(path, "-");
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    int rc;
    *out = NULL;
    if (fd < 0) {
        int e = errno;
        rc = glossa_error_set(err, GLOSSA_EIO, path, 0, 0, "%s", strerror(e));
        if (err)
            err->sys_errno = e;
        return rc;
    }
    rc = glossa_text_read_fd(fd, is_stdin ? "<stdin>" : path, NULL, 0, opts, out, err);
    if (!is_stdin)
        close(fd);
    return rc;
}

int glossa_text_from_body(const char *name, const char *body, size_t len,
                          const struct glossa_text_origin *origins, size_t n,
                          struct glossa_text **out, struct glossa_error *err)
{
    struct glossa_text *t;
    *out = NULL;
    for (size_t i = 1; i < n; i++)
        if (origins[i].offset < origins[i - 1].offset)
            return glossa_error_set(err, GLOSSA_EINVAL, name, 0, 0, "origins not in body order");
    t = calloc(1, sizeof *t);
    if (!t || !(t->name = strdup(name ? name : "")) || !(t->body = malloc(len + 1)) ||
        (n && !(t->origins = malloc(n * sizeof *t->origins)))) {
        glossa_text_free(t);
        return glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
    }
    if (len)
        memcpy(t->body, body, len);
    t->body[len] = '\0';
    t->body_len = len;
    if (n)
        memcpy(t->origins, origins, n * sizeof *t->origins);
    t->norigins = n;
    *out = t;
    return 0;
}

void glossa_text_free(struct glossa_text *text)
{
    if (!text)
        return;
    free(text->name);
    free(text->decoded);
    free(text->body);
    free(text->blocks);
    free(text->origins);
    offset_map_release(&text->nfc_map);
    offset_map_release(&text->body_map);
    free(text);
}

const char *glossa_text_name(const struct glossa_text *text)
{
    return text->name;
}

const char *glossa_text_body(const struct glossa_text *text, size_t *len)
{
    if (len)
        *len = text->body_len;
    return text->body;
}

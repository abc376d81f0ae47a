/* segment: paragraphs and sentences of a body (see glossa/segment.h).
 *
 * A paragraph is a line of the body. Its number, if any, is read by the same
 * function layout.c uses to recognise where paragraphs start, so the two
 * agree. Sentences come from ICU's sentence break iterator for the language,
 * run over each paragraph's text after its number. ICU runs its rules much
 * faster over UTF-16 than through a UTF-8 UText, so the paragraph is handed
 * over in UTF-16 (ASCII widened byte by byte) and the breaks, in UTF-16 units,
 * are walked back to byte offsets. ICU's breaks are then thinned: no break
 * after an abbreviation of the language's list (Distr., M., No., cf.), after a
 * single capital initial, or inside a run of characters without spaces
 * (S/2019/742, A/HRC/40/L.1).
 *
 * Invariants: segments are in body order, never empty, trimmed of white
 * space, and lie inside their paragraph's text. Numbers are owned by the
 * segments list (one allocation each).
 *
 * Opening a break iterator costs more than segmenting a short document, so
 * each thread keeps the ones it opened, one per language, in thread-specific
 * data closed when the thread ends (ICU iterators are not to be shared
 * between threads). */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "glossa/lang.h"
#include "glossa/segment.h"
#include "layout.h"

static int is_space_at(const char *s, size_t n, size_t i, size_t *next)
{
    UChar32 c;
    (void)n;
    U8_NEXT_UNSAFE(s, i, c);
    if (next)
        *next = i;
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || (c >= 0x2000 && c <= 0x200B) ||
           c == 0x3000;
}

static size_t trim_start(const char *s, size_t b, size_t e)
{
    while (b < e) {
        size_t nx;
        if (!is_space_at(s, e, b, &nx))
            break;
        b = nx;
    }
    return b;
}

static size_t trim_end(const char *s, size_t b, size_t e)
{
    while (e > b) {
        size_t pv = e;
        UChar32 c;
        U8_PREV_UNSAFE(s, pv, c);
        if (!(c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || (c >= 0x2000 && c <= 0x200B) ||
              c == 0x3000))
            break;
        e = pv;
    }
    return e;
}

/* Should the sentence break at body offset `brk` (after s[b..brk)) be dropped? */
static int keep_together(const struct glossa_lang *lang, const char *s, size_t b, size_t brk,
                         size_t e)
{
    size_t end = trim_end(s, b, brk), tok = end, nx;
    UChar32 c;
    if (end == brk && brk < e && !is_space_at(s, e, brk, NULL))
        return 1; /* no space at the break: inside a symbol or a number */
    while (tok > b) {
        size_t pv = tok;
        U8_PREV_UNSAFE(s, pv, c);
        if (c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F)
            break;
        tok = pv;
    }
    /* opening brackets and quotes before the word do not belong to it */
    while (tok < end) {
        nx = tok;
        U8_NEXT_UNSAFE(s, nx, c);
        if (c != '(' && c != '[' && c != 0xAB && c != 0x201C && c != '"' && c != 0x2018)
            break;
        tok = nx;
    }
    if (end - tok < 2 || s[end - 1] != '.')
        return 0;
    if (glossa_lang_has(lang, "abbreviations", s + tok, end - tok))
        return 1;
    /* a single capital initial: J. Smith, В. Небензя */
    nx = tok;
    U8_NEXT_UNSAFE(s, nx, c);
    return nx + 1 == end && u_isupper(c);
}

/* ---- the thread's break iterators ------------------------------------------- */

enum { CACHED_LANGS = 8 };

struct iterator_cache {
    char lang[CACHED_LANGS][3];
    UBreakIterator *bi[CACHED_LANGS];
    size_t n;
};

static const UChar no_text[1];
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_ok;

static void cache_free(void *p)
{
    struct iterator_cache *c = p;
    for (size_t i = 0; i < c->n; i++)
        ubrk_close(c->bi[i]);
    free(c);
}

static void cache_init(void)
{
    cache_ok = pthread_key_create(&cache_key, cache_free) == 0;
}

/* The sentence break iterator of lang for this thread: borrowed from the
 * thread's cache, or opened and owned by the caller (*owned set) when the
 * cache cannot hold it. NULL with *st set on failure. */
static UBreakIterator *sentence_iterator(const char lang[3], int *owned, UErrorCode *st)
{
    struct iterator_cache *c;
    UBreakIterator *bi;
    *owned = 0;
    pthread_once(&cache_once, cache_init);
    c = cache_ok ? pthread_getspecific(cache_key) : NULL;
    if (c)
        for (size_t i = 0; i < c->n; i++)
            if (!memcmp(c->lang[i], lang, 3))
                return c->bi[i];
    bi = ubrk_open(UBRK_SENTENCE, lang, NULL, 0, st);
    if (U_FAILURE(*st))
        return NULL;
    if (!c && cache_ok && (c = calloc(1, sizeof(*c))) && pthread_setspecific(cache_key, c)) {
        free(c);
        c = NULL;
    }
    if (!c || c->n == CACHED_LANGS) {
        *owned = 1;
        return bi;
    }
    memcpy(c->lang[c->n], lang, 3);
    c->bi[c->n++] = bi;
    return bi;
}

static int push_segment(struct glossa_segments *sg, size_t *cap, size_t start, size_t end,
                        size_t para)
{
    if (sg->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        struct glossa_segment *ni = realloc(sg->items, ncap * sizeof(*ni));
        if (!ni)
            return GLOSSA_ENOMEM;
        sg->items = ni;
        *cap = ncap;
    }
    sg->items[sg->n].start = start;
    sg->items[sg->n].end = end;
    sg->items[sg->n].paragraph = para;
    sg->n++;
    return 0;
}

int glossa_segment_text(const struct glossa_text *text, const char *lang_code,
                        struct glossa_segments **out, struct glossa_error *err)
{
    struct glossa_segments *sg;
    const struct glossa_lang *lang;
    UBreakIterator *bi = NULL;
    UChar *u = NULL; /* the paragraph in UTF-16 */
    size_t ucap = 0;
    int attached = 0; /* bi holds a paragraph's text */
    UErrorCode st = U_ZERO_ERROR;
    size_t len, pcap = 0, scap = 0, pos = 0;
    const char *body = glossa_text_body(text, &len);
    int rc, owned = 0;

    *out = NULL;
    if ((rc = glossa_lang_get(lang_code ? lang_code : "", &lang, err)) < 0)
        return rc;
    sg = calloc(1, sizeof(*sg));
    if (!sg)
        return glossa_error_set(err, GLOSSA_ENOMEM, glossa_text_name(text), 0, 0, "out of memory");
    memcpy(sg->lang, glossa_lang_code(lang), 3);
    bi = sentence_iterator(sg->lang, &owned, &st);
    if (!bi) {
        rc = glossa_error_set(err, GLOSSA_EUNICODE, glossa_text_name(text), 0, 0,
                              "cannot open the sentence rules for '%s': %s", sg->lang,
                              u_errorName(st));
        goto fail;
    }
    while (pos < len) {
        const char *nl = memchr(body + pos, '\n', len - pos);
        size_t pend = nl ? (size_t)(nl - body) : len, numlen = 0, mark, tstart;
        struct glossa_paragraph *p;
        size_t para = sg->nparagraphs;
        if (sg->nparagraphs == pcap) {
            size_t ncap = pcap ? pcap * 2 : 32;
            struct glossa_paragraph *np = realloc(sg->paragraphs, ncap * sizeof(*np));
            if (!np)
                goto nomem;
            sg->paragraphs = np;
            pcap = ncap;
        }
        p = &sg->paragraphs[sg->nparagraphs++];
        memset(p, 0, sizeof(*p));
        p->start = pos;
        p->end = pend;
        p->first_segment = sg->n;
        mark = layout_number_length(body + pos, pend - pos, &numlen);
        tstart = pos + mark;
        p->text_start = tstart;
        if (mark) {
            char *num = malloc(numlen + 1);
            if (!num)
                goto nomem;
            memcpy(num, body + pos, numlen);
            num[numlen] = '\0';
            p->number = num;
        }
        if (pend > tstart) {
            int32_t b, ulen = 0, upos = 0, prefix;
            size_t seg_start = tstart, plen = pend - tstart, bpos = tstart;
            int ascii;
            if (plen + 1 > ucap) {
                UChar *grown = realloc(u, (plen + 1) * sizeof(*u));
                if (!grown || plen >= INT32_MAX)
                    goto nomem;
                u = grown;
                ucap = plen + 1;
            }
            {
                /* the body is valid UTF-8: never more units than bytes */
                size_t k = 0, i = tstart;
                while (i < pend && (unsigned char)body[i] < 0x80)
                    u[k++] = (UChar)body[i++];
                ascii = i == pend;
                prefix = upos = (int32_t)k; /* units and bytes agree up to here */
                bpos = i;
                while (i < pend) {
                    UChar32 c;
                    U8_NEXT_UNSAFE(body, i, c);
                    U16_APPEND_UNSAFE(u, k, c);
                }
                ulen = (int32_t)k;
            }
            st = U_ZERO_ERROR;
            ubrk_setText(bi, u, ulen, &st);
            attached = 1;
            if (U_FAILURE(st)) {
                rc = glossa_error_set(err, GLOSSA_EUNICODE, glossa_text_name(text), 0, 0,
                                      "sentence segmentation failed: %s", u_errorName(st));
                goto fail;
            }
            ubrk_first(bi);
            while ((b = ubrk_next(bi)) != UBRK_DONE) {
                size_t brk;
                if (ascii || b <= prefix) {
                    brk = tstart + (size_t)b;
                } else {
                    while (upos < b && bpos < pend) {
                        UChar32 c;
                        U8_NEXT_UNSAFE(body, bpos, c);
                        upos += U16_LENGTH(c);
                    }
                    brk = bpos;
                }
                if (brk < pend && keep_together(lang, body, seg_start, brk, pend))
                    continue;
                {
                    size_t s0 = trim_start(body, seg_start, brk), s1 = trim_end(body, s0, brk);
                    if (s1 > s0 && push_segment(sg, &scap, s0, s1, para) < 0)
                        goto nomem;
                }
                seg_start = brk;
            }
        }
        p->nsegments = sg->n - p->first_segment;
        pos = pend + 1;
    }
    if (attached) { /* the iterator outlives the paragraph: leave it on an empty text */
        st = U_ZERO_ERROR;
        ubrk_setText(bi, no_text, 0, &st);
    }
    free(u);
    if (owned)
        ubrk_close(bi);
    *out = sg;
    return 0;
nomem:
    rc = glossa_error_set(err, GLOSSA_ENOMEM, glossa_text_name(text), 0, 0, "out of memory");
fail:
    if (bi && attached) {
        st = U_ZERO_ERROR;
        ubrk_setText(bi, no_text, 0, &st);
    }
    free(u);
    if (bi && owned)
        ubrk_close(bi);
    glossa_segments_free(sg);
    return rc;
}

void glossa_segments_free(struct glossa_segments *segments)
{
    if (!segments)
        return;
    for (size_t i = 0; i < segments->nparagraphs; i++)
        free((char *)segments->paragraphs[i].number);
    free(segments->paragraphs);
    free(segments->items);
    free(segments);
}

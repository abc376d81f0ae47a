/* matcher: one automaton (a trie of the match keys of every form) run over
 * the text.
 *
 * Every occurrence must start at a word start (or at a character that is not
 * part of a word), so the trie is walked from each such position and no
 * failure links are needed: this is Aho-Corasick restricted to anchored
 * starts, one pass of walks that die within a few bytes in most text. The
 * walk reads the folded stream: each code point of a paragraph is folded
 * (typographic unification from fold.c, then simple Unicode case folding,
 * one code point to one) with, per folded byte, the text offsets it comes
 * from; printable ASCII paragraphs take a byte-for-byte fast path. Forms
 * get exactly the same folding (after NFC), so a form matches wherever its key
 * equals the folded text. Case modes, word boundaries and URL spans are checked
 * on each candidate after the automaton reports it; they never change the walk.
 *
 * Layout: the trie is built from the sorted keys, so nodes come in depth-first
 * order; each node is one record (its edges inside) in one array, and nodes
 * of many children (the root and its neighbourhood) get a dense 256-entry
 * table. The root is at offset 0 and is never a child, so 0 means "no edge".
 *
 * Traps: walks stay inside one paragraph ('\n' ends it), so nothing matches
 * across paragraphs; keys are trimmed of white space, so no occurrence
 * starts or ends on a space; the stemmer keeps words in capitals unstemmed. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "fold.h"
#include "glossa/matcher.h"
#include "strbuf.h"

#define NONE UINT32_MAX
#define MAX_KEY 4096

struct pattern {
    char *surface; /* typographic key without case folding (exact, permissive) */
    size_t surface_len;
    size_t payload;
    uint32_t keylen;                     /* bytes of the folded key */
    uint32_t next;                       /* next pattern ending at the same node, or NONE */
    unsigned char mode;                  /* enum glossa_matcher_case */
    unsigned char first_word, last_word; /* edges of the form are word characters */
};

struct glossa_matcher {
    struct pattern *patterns;
    size_t npatterns, alloc;
    char **keys; /* folded keys, until build */
    int built;
    struct strbuf nfc, key, surface; /* scratch of add, released at build */
    /* automaton */
    uint32_t nnodes;
    uint32_t *tables; /* dense transition tables, 256 record offsets each */
    /* What a run reads, laid out for the cache: node records one after the
     * other in one array, a node's edges inside its record, so that a step
     * touches one place. Record at offset o: rec[o] = number of edges, or
     * DENSE; rec[o + 1] = first pattern or NONE; then either the dense table
     * index, or (label, child offset) pairs. The root is at offset 0. */
    uint32_t *rec;
    size_t nrec;
};

#define DENSE UINT32_MAX

/* ---- folding ---------------------------------------------------------------- */

static int is_word_cp(UChar32 c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (u_isalnum(c))
        return 1;
    int8_t t = u_charType(c);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

static UChar32 fold_cp(UChar32 c, int fold_case)
{
    c = glossa_fold_typo_char(c);
    if (c >= 0 && fold_case) {
        if (c < 0x80)
            c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        else
            c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    }
    return c;
}

/* Appends the key of s (NFC already) to out: spaces collapsed and trimmed,
 * typographic variants unified, case folded when fold_case. */
static int key_append(struct strbuf *out, const char *s, size_t n, int fold_case)
{
    size_t i = 0;
    int pending_space = 0, at_start = 1;
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            return GLOSSA_EENCODING;
        if (c == '\n' || glossa_fold_is_space(c)) {
            pending_space = !at_start;
            continue;
        }
        if ((c == '<' || c == '>') && i < n && s[i] == (char)c) {
            i++;
            c = c == '<' ? 0x00AB : 0x00BB;
        }
        c = fold_cp(c, fold_case);
        if (c < 0)
            continue;
        if (pending_space && strbuf_addch(out, ' '))
            return GLOSSA_ENOMEM;
        pending_space = 0;
        at_start = 0;
        if (strbuf_add_utf8(out, (unsigned int)c))
            return GLOSSA_ENOMEM;
    }
    return 0;
}

/* ---- building ----------------------------------------------------------------- */

struct glossa_matcher *glossa_matcher_new(void)
{
    struct glossa_matcher *m = calloc(1, sizeof(struct glossa_matcher));
    if (m) {
        strbuf_init(&m->nfc);
        strbuf_init(&m->key);
        strbuf_init(&m->surface);
    }
    return m;
}

static void release_scratch(struct glossa_matcher *m)
{
    strbuf_release(&m->nfc);
    strbuf_release(&m->key);
    strbuf_release(&m->surface);
}

/* Returns owned: a copy of sb's bytes, exactly sized; NULL when out of memory. */
static char *copy_buf(const struct strbuf *sb)
{
    char *r = malloc(sb->len + 1);
    if (r) {
        memcpy(r, sb->buf, sb->len);
        r[sb->len] = 0;
    }
    return r;
}

static void free_automaton(struct glossa_matcher *m)
{
    free(m->rec);
    free(m->tables);
}

void glossa_matcher_free(struct glossa_matcher *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->npatterns; i++) {
        free(m->patterns[i].surface);
        if (m->keys)
            free(m->keys[i]);
    }
    free(m->keys);
    free(m->patterns);
    free_automaton(m);
    release_scratch(m);
    free(m);
}

size_t glossa_matcher_count(const struct glossa_matcher *m)
{
    return m ? m->npatterns : 0;
}

static int first_last_word(const char *s, size_t n, unsigned char *first, unsigned char *last)
{
    size_t i = 0;
    int32_t back = n < 4 ? (int32_t)n : 4;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    *first = (unsigned char)is_word_cp(c);
    const uint8_t *tail = (const uint8_t *)s + n - back;
    U8_PREV(tail, 0, back, c);
    *last = (unsigned char)is_word_cp(c);
    return 0;
}

int glossa_matcher_add(struct glossa_matcher *m, const char *form, size_t len,
                       enum glossa_matcher_case mode, size_t payload, struct glossa_error *err)
{
    struct strbuf *nfc = &m->nfc, *key = &m->key, *surface = &m->surface;
    int rc;
    if (m->built)
        return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0, "form added after the build");
    strbuf_reset(nfc);
    strbuf_reset(key);
    strbuf_reset(surface);
    /* the surface key is only read by the exact and permissive modes */
    if ((rc = glossa_fold_append(nfc, form, len, 0)) ||
        (rc = key_append(key, nfc->buf, nfc->len, 1)) ||
        (mode != GLOSSA_MATCHER_INSENSITIVE && (rc = key_append(surface, nfc->buf, nfc->len, 0))))
        goto fail;
    if (!key->len)
        return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0, "empty term '%.*s'", (int)len,
                                form);
    if (key->len > MAX_KEY)
        return glossa_error_set(err, GLOSSA_ETOOBIG, NULL, 0, 0, "term longer than %d bytes",
                                MAX_KEY);
    if (m->npatterns == m->alloc) {
        size_t na = m->alloc ? m->alloc * 2 : 64;
        struct pattern *np = realloc(m->patterns, na * sizeof(*np));
        char **nk;
        if (!np)
            goto nomem;
        m->patterns = np;
        nk = realloc(m->keys, na * sizeof(*nk));
        if (!nk)
            goto nomem;
        m->keys = nk;
        m->alloc = na;
    }
    {
        struct pattern *p = &m->patterns[m->npatterns];
        memset(p, 0, sizeof(*p));
        p->payload = payload;
        p->mode = (unsigned char)mode;
        p->keylen = (uint32_t)key->len;
        first_last_word(key->buf, key->len, &p->first_word, &p->last_word);
        p->surface_len = surface->len;
        p->surface = mode != GLOSSA_MATCHER_INSENSITIVE ? copy_buf(surface) : NULL;
        m->keys[m->npatterns] = copy_buf(key);
        if ((mode != GLOSSA_MATCHER_INSENSITIVE && !p->surface) || !m->keys[m->npatterns]) {
            free(p->surface);
            free(m->keys[m->npatterns]);
            goto nomem;
        }
        m->npatterns++;
    }
    return 0;
nomem:
    rc = GLOSSA_ENOMEM;
fail:
    if (rc == GLOSSA_ENOMEM)
        return glossa_error_set(err, rc, NULL, 0, 0, "out of memory");
    return glossa_error_set(err, rc, NULL, 0, 0, "term is not valid UTF-8");
}

static int cmp_pattern_index(const void *a, const void *b, void *keys)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int c = strcmp(((char **)keys)[x], ((char **)keys)[y]);
    return c ? c : (x > y) - (x < y);
}

/* Length of the common prefix of a[0..na) and b[0..nb). */
static size_t common_prefix(const char *a, size_t na, const char *b, size_t nb)
{
    size_t l = 0;
    while (l < na && l < nb && a[l] == b[l])
        l++;
    return l;
}

/* Words of the record of a node of deg children (see struct glossa_matcher). */
static size_t record_size(uint32_t deg, int dense)
{
    return 2 + (dense ? 1 : 2 * (size_t)deg);
}

/* Two passes over the sorted keys, with nothing per node but its degree: the
 * first counts the children of each node (nodes numbered in creation order,
 * which is depth-first), the second lays the records out in that order and
 * writes each edge into its parent's record as the child is made. Building
 * a 100,000-form glossary is mostly first touches of fresh memory, so fewer
 * and smaller arrays are what makes it fast. */
int glossa_matcher_build(struct glossa_matcher *m, struct glossa_error *err)
{
    uint32_t *order = NULL, *deg = NULL, *path = NULL;
    size_t total = 1, maxlen = 1, total_rec = 0, ndense = 0;
    uint32_t nn = 1;
    int rc = GLOSSA_ENOMEM;

    if (m->built)
        return 0;
    for (size_t i = 0; i < m->npatterns; i++) {
        total += m->patterns[i].keylen;
        if (m->patterns[i].keylen > maxlen)
            maxlen = m->patterns[i].keylen;
    }
    if (total >= NONE)
        return glossa_error_set(err, GLOSSA_ETOOBIG, NULL, 0, 0, "glossary too large");
    order = malloc((m->npatterns + 1) * sizeof(*order));
    deg = calloc(total, sizeof(*deg));
    path = malloc((maxlen + 1) * sizeof(*path));
    if (!order || !deg || !path)
        goto out;
    for (size_t i = 0; i < m->npatterns; i++)
        order[i] = (uint32_t)i;
    qsort_r(order, m->npatterns, sizeof(*order), cmp_pattern_index, m->keys);
    /* Pass 1: the degree of every node. */
    path[0] = 0;
    for (size_t k = 0; k < m->npatterns; k++) {
        uint32_t pi = order[k];
        size_t len = m->patterns[pi].keylen, l = 0;
        if (k)
            l = common_prefix(m->keys[pi], len, m->keys[order[k - 1]],
                              m->patterns[order[k - 1]].keylen);
        for (size_t d = l; d < len; d++) {
            deg[path[d]]++;
            path[d + 1] = nn++;
        }
    }
    for (uint32_t u = 0; u < nn; u++) {
        int dense = u == 0 || deg[u] >= 8;
        ndense += dense;
        total_rec += record_size(deg[u], dense);
    }
    if (total_rec >= UINT32_MAX) {
        rc = GLOSSA_ETOOBIG;
        goto out;
    }
    m->rec = malloc(total_rec * sizeof(*m->rec));
    m->tables = calloc(ndense * 256, sizeof(*m->tables));
    if (!m->rec || !m->tables)
        goto out;
    m->nrec = total_rec;
    m->nnodes = nn;
    /* Pass 2: records in node order; path holds record offsets now. A
     * sparse record counts its edges in rec[o] as they are written. */
    {
        uint32_t node = 0, dense_next = 0, last_pi = NONE;
        size_t next = 0;
        for (size_t k = 0; k <= m->npatterns; k++) {
            uint32_t pi = k < m->npatterns ? order[k] : NONE;
            size_t len = 0, l = 0, d;
            if (k == 0) {
                /* the root */
                m->rec[0] = DENSE;
                m->rec[1] = NONE;
                m->rec[2] = dense_next++;
                path[0] = 0;
                next = record_size(deg[0], 1);
                node = 1;
            }
            if (pi == NONE)
                break;
            len = m->patterns[pi].keylen;
            if (k)
                l = common_prefix(m->keys[pi], len, m->keys[order[k - 1]],
                                  m->patterns[order[k - 1]].keylen);
            for (d = l; d < len; d++) {
                uint32_t o = (uint32_t)next, po = path[d];
                unsigned char c = (unsigned char)m->keys[pi][d];
                int dense = deg[node] >= 8;
                next += record_size(deg[node], dense);
                m->rec[o] = dense ? DENSE : 0;
                m->rec[o + 1] = NONE;
                if (dense)
                    m->rec[o + 2] = dense_next++;
                if (m->rec[po] == DENSE) {
                    m->tables[(size_t)m->rec[po + 2] * 256 + c] = o;
                } else {
                    uint32_t e = m->rec[po]++;
                    m->rec[po + 2 + 2 * (size_t)e] = c;
                    m->rec[po + 3 + 2 * (size_t)e] = o;
                }
                path[d + 1] = o;
                node++;
            }
            /* identical keys are neighbours in the sorted order: chain them */
            m->patterns[pi].next = NONE;
            if (k && l == len && len == m->patterns[order[k - 1]].keylen)
                m->patterns[last_pi].next = pi;
            else
                m->rec[path[len] + 1] = pi;
            last_pi = pi;
        }
    }
    for (size_t i = 0; i < m->npatterns; i++) {
        free(m->keys[i]);
        m->keys[i] = NULL;
    }
    m->built = 1;
    release_scratch(m);
    rc = 0;
out:
    free(order);
    free(deg);
    free(path);
    if (rc)
        glossa_error_set(err, rc, NULL, 0, 0,
                         rc == GLOSSA_ETOOBIG ? "glossary too large" : "out of memory");
    return rc;
}

/* ---- URLs and e-mail addresses ------------------------------------------------ */

static int url_char(unsigned char c)
{
    return c >= 0x80 || (c > ' ' && c != '<' && c != '>' && c != '"' && c != 0x7f);
}

static int host_char(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '-';
}

static int local_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '%' || c == '+' || c == '-';
}

static size_t trim_url_end(const char *t, size_t start, size_t end)
{
    while (end > start && strchr(".,;:!?)]}'", t[end - 1]))
        end--;
    return end;
}

static int push_span(size_t **spans, size_t *n, size_t *alloc, size_t a, size_t b)
{
    if (*n + 2 > *alloc) {
        size_t na = *alloc ? *alloc * 2 : 16;
        size_t *ns = realloc(*spans, na * sizeof(*ns));
        if (!ns)
            return GLOSSA_ENOMEM;
        *spans = ns;
        *alloc = na;
    }
    (*spans)[(*n)++] = a;
    (*spans)[(*n)++] = b;
    return 0;
}

int glossa_matcher_excluded_spans(const char *text, size_t len, size_t **spans, size_t *n)
{
    size_t alloc = *n, i = 0;
    const unsigned char *t = (const unsigned char *)text;
    while (i < len) {
        unsigned char c = t[i];
        if (c == ':' && i + 2 < len && t[i + 1] == '/' && t[i + 2] == '/') {
            size_t a = i, b = i + 3;
            while (a > 0 && (local_char(t[a - 1])))
                a--;
            if (a < i) {
                while (b < len && url_char(t[b]))
                    b++;
                b = trim_url_end(text, i + 3, b);
                if (push_span(spans, n, &alloc, a, b))
                    return GLOSSA_ENOMEM;
                i = b > i ? b : i + 1;
                continue;
            }
        } else if ((c == 'w' || c == 'W') && i + 4 < len && (t[i + 1] | 0x20) == 'w' &&
                   (t[i + 2] | 0x20) == 'w' && t[i + 3] == '.' && host_char(t[i + 4]) &&
                   (i == 0 || !local_char(t[i - 1]))) {
            size_t b = i + 4;
            while (b < len && url_char(t[b]))
                b++;
            b = trim_url_end(text, i + 4, b);
            if (push_span(spans, n, &alloc, i, b))
                return GLOSSA_ENOMEM;
            i = b;
            continue;
        } else if (c == '@' && i > 0 && local_char(t[i - 1])) {
            size_t a = i, b = i + 1, dot = 0;
            while (a > 0 && local_char(t[a - 1]))
                a--;
            while (b < len && host_char(t[b])) {
                if (t[b] == '.')
                    dot = b;
                b++;
            }
            while (b > i + 1 && (t[b - 1] == '.' || t[b - 1] == '-'))
                b--;
            if (dot > i + 1 && dot < b) {
                if (push_span(spans, n, &alloc, a, b))
                    return GLOSSA_ENOMEM;
                i = b;
                continue;
            }
        }
        i++;
    }
    return 0;
}

/* ---- running ------------------------------------------------------------------ */

struct run {
    const struct glossa_matcher *m;
    const char *text;
    size_t len;
    struct glossa_match *out;
    size_t n, alloc;
    struct strbuf scratch;
};

static int word_before(const char *text, size_t start)
{
    UChar32 c;
    int32_t back = start < 4 ? (int32_t)start : 4;
    if (!start)
        return 0;
    const uint8_t *window = (const uint8_t *)text + start - back;
    U8_PREV(window, 0, back, c);
    return c >= 0 && is_word_cp(c);
}

static int word_after(const char *text, size_t len, size_t end)
{
    UChar32 c;
    size_t i = end;
    if (end >= len)
        return 0;
    U8_NEXT(text, i, len, c);
    return c >= 0 && is_word_cp(c);
}

/* Exact and permissive modes compare the case-preserving keys. */
static int case_ok(struct run *r, const struct pattern *p, size_t start, size_t end)
{
    const char *a, *b;
    size_t i = 0, j = 0, na, nb;
    if (p->mode == GLOSSA_MATCHER_INSENSITIVE)
        return 1;
    strbuf_reset(&r->scratch);
    if (key_append(&r->scratch, r->text + start, end - start, 0))
        return 0;
    a = p->surface;
    na = p->surface_len;
    b = r->scratch.buf;
    nb = r->scratch.len;
    if (p->mode == GLOSSA_MATCHER_EXACT)
        return na == nb && !memcmp(a, b, na);
    while (i < na && j < nb) {
        UChar32 x, y;
        U8_NEXT(a, i, na, x);
        U8_NEXT(b, j, nb, y);
        if (x == y)
            continue;
        if (u_isupper(x) || u_istitle(x))
            return 0;
        if (u_foldCase(x, U_FOLD_CASE_DEFAULT) != u_foldCase(y, U_FOLD_CASE_DEFAULT))
            return 0;
    }
    return i == na && j == nb;
}

static int push_match(struct run *r, const struct pattern *p, size_t start, size_t end)
{
    if (p->first_word && word_before(r->text, start))
        return 0;
    if (p->last_word && word_after(r->text, r->len, end))
        return 0;
    if (!case_ok(r, p, start, end))
        return 0;
    if (r->n == r->alloc) {
        size_t na = r->alloc ? r->alloc * 2 : 64;
        struct glossa_match *nm = realloc(r->out, na * sizeof(*nm));
        if (!nm)
            return GLOSSA_ENOMEM;
        r->out = nm;
        r->alloc = na;
    }
    r->out[r->n].start = start;
    r->out[r->n].end = end;
    r->out[r->n].payload = p->payload;
    r->n++;
    return 0;
}

static int cmp_match(const void *a, const void *b)
{
    const struct glossa_match *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return (x->payload > y->payload) - (x->payload < y->payload);
}

/* The record offset of the child of record o by byte c, 0 when none. */
static inline uint32_t child(const struct glossa_matcher *m, uint32_t o, unsigned char c)
{
    const uint32_t *r = m->rec + o;
    if (r[0] == DENSE)
        return m->tables[(size_t)r[2] * 256 + c];
    for (const uint32_t *e = r + 2, *stop = e + 2 * (size_t)r[0]; e < stop; e += 2)
        if (e[0] == c)
            return e[1];
    return 0;
}

/* The folded form of one paragraph: bytes, and for each byte the text offsets
 * of the code point it comes from, and whether a walk may start there. */
struct folded {
    unsigned char *bytes;
    size_t *from, *to;
    unsigned char *start;
    size_t n, alloc;
};

static int folded_push(struct folded *f, const unsigned char *b, size_t nb, size_t from, size_t to,
                       int start)
{
    if (f->n + nb > f->alloc) {
        size_t na = f->alloc ? f->alloc * 2 : 4096;
        while (na < f->n + nb)
            na *= 2;
        unsigned char *nbytes = realloc(f->bytes, na), *nstart;
        size_t *nfrom, *nto;
        if (!nbytes)
            return GLOSSA_ENOMEM;
        f->bytes = nbytes;
        if (!(nstart = realloc(f->start, na)))
            return GLOSSA_ENOMEM;
        f->start = nstart;
        if (!(nfrom = realloc(f->from, na * sizeof(size_t))))
            return GLOSSA_ENOMEM;
        f->from = nfrom;
        if (!(nto = realloc(f->to, na * sizeof(size_t))))
            return GLOSSA_ENOMEM;
        f->to = nto;
        f->alloc = na;
    }
    for (size_t k = 0; k < nb; k++) {
        f->bytes[f->n] = b[k];
        f->from[f->n] = from;
        f->to[f->n] = to;
        f->start[f->n] = (unsigned char)(k == 0 && start);
        f->n++;
    }
    return 0;
}

/* Folds text[a..b) (one paragraph) as the keys were folded. */
static int fold_paragraph(struct folded *f, const char *text, size_t a, size_t b)
{
    size_t i = a;
    int prev_space = 0, prev_word = 0;
    f->n = 0;
    while (i < b) {
        unsigned char buf[8];
        size_t nb = 0, cp_start = i;
        unsigned char c = (unsigned char)text[i];
        int word;
        if (c < 0x80) {
            i++;
            word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
                prev_word = 0;
                if (prev_space)
                    continue;
                prev_space = 1;
                buf[nb++] = ' ';
            } else {
                prev_space = 0;
                if ((c == '<' || c == '>') && i < b && text[i] == (char)c) {
                    i++;
                    buf[nb++] = 0xC2;
                    buf[nb++] = c == '<' ? 0xAB : 0xBB;
                } else {
                    buf[nb++] = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
                }
            }
        } else {
            UChar32 cp;
            U8_NEXT(text, i, b, cp);
            if (cp < 0)
                cp = 0xFFFD;
            word = is_word_cp(cp);
            if (glossa_fold_is_space(cp)) {
                prev_word = 0;
                if (prev_space)
                    continue;
                prev_space = 1;
                buf[nb++] = ' ';
            } else {
                prev_space = 0;
                cp = fold_cp(cp, 1);
                if (cp < 0)
                    continue;
                U8_APPEND_UNSAFE(buf, nb, cp);
            }
        }
        /* matches start at a word start, or at a character that is not part of a word */
        if (folded_push(f, buf, nb, cp_start, i, !(prev_word && word)))
            return GLOSSA_ENOMEM;
        prev_word = word;
    }
    return 0;
}

static unsigned char ascii_lower[256], ascii_word[256], ascii_plain[256];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static void init_ascii_tables(void)
{
    for (int c = 0; c < 256; c++) {
        ascii_lower[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        ascii_word[c] = (unsigned char)((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                        (c >= '0' && c <= '9'));
        /* bytes that fold to themselves (or their lower case) one for one */
        ascii_plain[c] = (unsigned char)(c >= 0x20 && c < 0x7f && c != '<' && c != '>');
    }
}

/* 1 when s[0..n) folds byte for byte: printable ASCII, no '<' '>' (guillemet
 * pairs), no run of two spaces. */
static int plain_ascii(const char *s, size_t n)
{
    const unsigned char *t = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++)
        if (!ascii_plain[t[i]] || (t[i] == ' ' && i + 1 < n && t[i + 1] == ' '))
            return 0;
    return 1;
}

int glossa_matcher_run(const struct glossa_matcher *m, const char *text, size_t len, unsigned flags,
                       struct glossa_match **out, size_t *n, struct glossa_error *err)
{
    struct run r = {m, text, len, NULL, 0, 0, STRBUF_INIT};
    struct folded f = {NULL, NULL, NULL, NULL, 0, 0};
    size_t *spans = NULL, nspans = 0, a = 0;
    int rc = 0;
    *out = NULL;
    *n = 0;
    if (!m->built)
        return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0, "matcher not built");
    if (!m->npatterns)
        return 0;
    pthread_once(&ascii_once, init_ascii_tables);
    /* Every occurrence starts at a word start (or a non-word character), so the
     * trie is walked from each such position of each paragraph: no walk
     * crosses a paragraph, and walks die within a few bytes in most text. */
    while (a < len) {
        const char *nl = memchr(text + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - text) : len;
        if (plain_ascii(text + a, b - a)) {
            /* fast path: folding is lower-casing, one byte for one byte */
            const unsigned char *t = (const unsigned char *)text;
            int prev_word = 0;
            for (size_t k = a; k < b; k++) {
                int word = ascii_word[t[k]];
                uint32_t s = 0;
                if (prev_word && word) {
                    continue;
                }
                prev_word = word;
                for (size_t j = k; j < b; j++) {
                    s = child(m, s, ascii_lower[t[j]]);
                    if (!s)
                        break;
                    for (uint32_t pi = m->rec[s + 1]; pi != NONE; pi = m->patterns[pi].next)
                        if ((rc = push_match(&r, &m->patterns[pi], k, j + 1)))
                            goto fail;
                }
            }
            a = b + 1;
            continue;
        }
        if ((rc = fold_paragraph(&f, text, a, b)))
            goto fail;
        for (size_t k = 0; k < f.n; k++) {
            uint32_t s = 0;
            if (!f.start[k])
                continue;
            for (size_t j = k; j < f.n; j++) {
                s = child(m, s, f.bytes[j]);
                if (!s)
                    break;
                for (uint32_t pi = m->rec[s + 1]; pi != NONE; pi = m->patterns[pi].next)
                    if ((rc = push_match(&r, &m->patterns[pi], f.from[k], f.to[j])))
                        goto fail;
            }
        }
        a = b + 1;
    }
    if (r.n) {
        size_t w = 0, si = 0, maxend = 0, ks = 0, ke = 0;
        int have = 0;
        qsort(r.out, r.n, sizeof(*r.out), cmp_match);
        if ((rc = glossa_matcher_excluded_spans(text, len, &spans, &nspans)))
            goto fail;
        for (size_t k = 0; k < r.n; k++) {
            struct glossa_match mt = r.out[k];
            while (si < nspans && spans[si + 1] <= mt.start)
                si += 2;
            if (si < nspans && spans[si] < mt.end)
                continue;
            if (flags & GLOSSA_MATCHER_LONGEST) {
                if (have && mt.start == ks && mt.end == ke)
                    ;
                else if (have && mt.end <= maxend)
                    continue;
                ks = mt.start;
                ke = mt.end;
                have = 1;
                if (mt.end > maxend)
                    maxend = mt.end;
            }
            r.out[w++] = mt;
        }
        r.n = w;
    }
    free(f.bytes);
    free(f.from);
    free(f.to);
    free(f.start);
    free(spans);
    strbuf_release(&r.scratch);
    *out = r.out;
    *n = r.n;
    return 0;
fail:
    free(f.bytes);
    free(f.from);
    free(f.to);
    free(f.start);
    free(spans);
    free(r.out);
    strbuf_release(&r.scratch);
    return glossa_error_set(err, rc, NULL, 0, 0, "out of memory");
}

/* ---- stemming ------------------------------------------------------------------ */

struct glossa_stemmer {
    struct sb_stemmer *sb;
    struct strbuf word;
};

struct glossa_stemmer *glossa_stemmer_new(const char *lang)
{
    static const char *const names[][2] = {
        {"fr", "french"}, {"es", "spanish"}, {"ru", "russian"}, {"en", "english"}};
    struct glossa_stemmer *st;
    const char *algo = NULL;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(lang, names[i][0]))
            algo = names[i][1];
    if (!algo || !(st = calloc(1, sizeof(*st))))
        return NULL;
    st->sb = sb_stemmer_new(algo, "UTF_8");
    if (!st->sb) {
        free(st);
        return NULL;
    }
    strbuf_init(&st->word);
    return st;
}

void glossa_stemmer_free(struct glossa_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    strbuf_release(&st->word);
    free(st);
}

char *glossa_stemmer_key(struct glossa_stemmer *st, const char *text, size_t len, size_t *keylen)
{
    struct strbuf out = STRBUF_INIT;
    size_t i = 0;
    while (i < len) {
        size_t ws, we;
        int upper = 0, lower = 0;
        UChar32 c;
        size_t before = i;
        U8_NEXT(text, i, len, c);
        if (c < 0 || !is_word_cp(c))
            continue;
        ws = before;
        we = i;
        for (;;) {
            if (u_isupper(c))
                upper++;
            else if (u_islower(c))
                lower++;
            if (i >= len)
                break;
            size_t j = i;
            U8_NEXT(text, j, len, c);
            if (c < 0 || !is_word_cp(c))
                break;
            i = we = j;
        }
        if (out.len && strbuf_addch(&out, ' '))
            goto nomem;
        if (upper >= 2 && !lower) {
            if (strbuf_add(&out, text + ws, we - ws))
                goto nomem;
            continue;
        }
        strbuf_reset(&st->word);
        for (size_t k = ws; k < we;) {
            U8_NEXT(text, k, we, c);
            c = fold_cp(c, 1);
            if (c >= 0 && strbuf_add_utf8(&st->word, (unsigned int)c))
                goto nomem;
        }
        {
            const sb_symbol *s =
                sb_stemmer_stem(st->sb, (const sb_symbol *)st->word.buf, (int)st->word.len);
            if (!s)
                goto nomem;
            if (strbuf_add(&out, s, (size_t)sb_stemmer_length(st->sb)))
                goto nomem;
        }
    }
    return strbuf_detach(&out, keylen);
nomem:
    strbuf_release(&out);
    return NULL;
}

int glossa_stem_key_contains(const char *hay, size_t haylen, const char *key, size_t keylen)
{
    const char *p = hay, *end = hay + haylen;
    if (!keylen)
        return 0;
    while (p + keylen <= end) {
        const char *q = memmem(p, (size_t)(end - p), key, keylen);
        if (!q)
            return 0;
        if ((q == hay || q[-1] == ' ') && (q + keylen == end || q[keylen] == ' '))
            return 1;
        p = q + 1;
    }
    return 0;
}

/* merge: the rows of one glossary join another (see include/glossa/merge.h
 * for the rules).
 *
 * Owns: the working set of rows (the base's rows, then the new rows added
 * while merging, in one array whose first nb entries are the base), the hash
 * of their identity keys (language column + match key; the keys themselves
 * are folded again from the cells when needed, which costs less than keeping
 * them), an open addressing hash table from key to rows, and the map from the
 * incoming file's concept ids to the ids they become.
 *
 * Invariants: a base row keeps its place and its concept id; a row's cells
 * are only ever filled, never cleared, except by policy=theirs, which replaces
 * an approved row by the new approved row (keeping the place and concept).
 * Per-source counts are joined by maximum and summed for the count column:
 * that join is what makes merging idempotent and associative.
 *
 * Traps: the identity key of a row is hashed once; cells that merging fills
 * are always in columns after the identity column, and policy=theirs replaces
 * the identity term by one with the same key, so hashes stay valid.
 * The incoming glossary is read-only: its cells are pointed to, never copied
 * until a block is made in the base's arena. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fold.h"
#include "glossa/merge.h"
#include "glossary-private.h"
#include "hash.h"
#include "strbuf.h"

struct slot {
    uint32_t id;
    uint32_t tag;
};

/* A row's identity key (the match key of its identity term) is not kept,
 * nor its hash (the table's slot keeps 32 bits of it): the key is folded
 * again from the row's cell when a slot matches or a sort must compare keys. */
struct rowinfo {
    int32_t lang; /* base column of the identity term; -1: the row has no term */
};

/* A string -> string map for concept ids (both owned). */
struct strmap {
    char **keys, **values;
    size_t cap, n;
};

struct merger {
    struct glossa_glossary *b;
    struct glossa_glossary *n;
    int same_layout; /* incoming's columns are base's first columns, in order */
    enum glossa_merge_policy policy;
    struct glossa_merge_report *report;
    struct glossa_error *err;

    size_t ncols;
    size_t *colmap; /* incoming column -> base column */
    const size_t *langs;
    size_t nlangs;
    int concept_col, type_col, status_col, conf_col, count_col, source_col, case_col, note_col;
    uint32_t nfile; /* file index of the incoming glossary in the base */

    struct glossa_row *rows;
    struct rowinfo *info;
    size_t nb, nrows, cap;
    int32_t *same_key; /* per added row: a row sharing its key, or -1 */

    struct slot *table; /* open addressing: row id + 1 (0: empty) and the hash's high bits */
    size_t mask;

    struct strmap concepts;

    /* scratch */
    const char **cells, **mcells, **out;
    size_t *lens, *mlens, *olens;
    struct strbuf key, idkey, rowkey, sortkey, ahead, note, source, count, conf;
};

/* ------------------------------------------------------------ helpers */

static uint64_t hash_key(int32_t lang, const char *s, size_t n)
{
    uint64_t h = glossa_hash_more(GLOSSA_HASH_SEED ^ (uint64_t)(uint32_t)lang, s, n);
    /* FNV leaves similar keys ("unx1", "unx2") in clusters: mix the bits
     * (MurmurHash3's finaliser) before the table takes the low ones. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h ? h : 1;
}

static int is_human(enum glossa_status s)
{
    return s != GLOSSA_STATUS_CANDIDATE;
}

static int is_approved(enum glossa_status s)
{
    return s == GLOSSA_STATUS_APPROVED || s == GLOSSA_STATUS_UNSET;
}

static enum glossa_status status_of(const char *s, size_t len)
{
    enum glossa_status st = GLOSSA_STATUS_UNSET;
    glossa_status_parse(s, len, &st);
    return st;
}

static int type_rank(const char *s)
{
    if (!strcmp(s, "acronym"))
        return 0;
    if (!strcmp(s, "full-form"))
        return 1;
    return 2;
}

static const char *strmap_get(const struct strmap *m, const char *key)
{
    uint64_t h;
    if (!m->cap)
        return NULL;
    h = hash_key(0, key, strlen(key));
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return NULL;
        if (!strcmp(m->keys[i], key))
            return m->values[i];
    }
}

static int strmap_put(struct strmap *m, const char *key, const char *value)
{
    uint64_t h;
    size_t i;
    if (2 * (m->n + 1) > m->cap) {
        struct strmap bigger = {NULL, NULL, m->cap ? 2 * m->cap : 64, 0};
        bigger.keys = calloc(bigger.cap, sizeof(char *));
        bigger.values = calloc(bigger.cap, sizeof(char *));
        if (!bigger.keys || !bigger.values) {
            free(bigger.keys);
            free(bigger.values);
            return GLOSSA_ENOMEM;
        }
        for (size_t j = 0; j < m->cap; j++) {
            if (!m->keys[j])
                continue;
            h = hash_key(0, m->keys[j], strlen(m->keys[j]));
            for (i = h & (bigger.cap - 1); bigger.keys[i]; i = (i + 1) & (bigger.cap - 1))
                ;
            bigger.keys[i] = m->keys[j];
            bigger.values[i] = m->values[j];
        }
        bigger.n = m->n;
        free(m->keys);
        free(m->values);
        *m = bigger;
    }
    h = hash_key(0, key, strlen(key));
    for (i = h & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
        if (!strcmp(m->keys[i], key))
            return 0; /* the first mapping stays */
    m->keys[i] = strdup(key);
    m->values[i] = strdup(value);
    if (!m->keys[i] || !m->values[i]) {
        free(m->keys[i]);
        free(m->values[i]);
        m->keys[i] = m->values[i] = NULL;
        return GLOSSA_ENOMEM;
    }
    m->n++;
    return 0;
}

static void strmap_release(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        free(m->keys[i]);
        free(m->values[i]);
    }
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof(*m));
}

/* ------------------------------------------------------------ sources and counts */

struct source_item {
    const char *name;
    size_t len;
    uint64_t count;
};

struct sources {
    struct source_item *items;
    size_t n, cap;
    int has_count;
};

static int sources_add(struct sources *s, const char *name, size_t len, uint64_t count)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i].len == len && !memcmp(s->items[i].name, name, len)) {
            if (count > s->items[i].count)
                s->items[i].count = count;
            return 0;
        }
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        struct source_item *items = realloc(s->items, cap * sizeof(*items));
        if (!items)
            return GLOSSA_ENOMEM;
        s->items = items;
        s->cap = cap;
    }
    s->items[s->n].name = name;
    s->items[s->n].len = len;
    s->items[s->n].count = count;
    s->n++;
    return 0;
}

/* Parses "a; b=3" with the row's count into per-source counts (pointing into
 * the cells). Explicit "=N" counts are taken; the rest of the row's count goes
 * to the first source without one. */
static int sources_parse(struct sources *s, const char *src, size_t srclen, const char *cnt,
                         size_t cntlen)
{
    uint64_t total = 0, explicit_sum = 0;
    size_t first_open = (size_t)-1, start = s->n;
    s->has_count = 0;
    {
        const char *p = cnt;
        size_t l = cntlen;
        while (l && *p == ' ')
            p++, l--;
        if (l && !glossa_count_parse(cnt, cntlen, &total))
            s->has_count = 1;
    }
    for (size_t i = 0; i <= srclen;) {
        size_t j = i, a, z, eq;
        uint64_t c = 0;
        int explicit_count = 0;
        while (j < srclen && src[j] != ';')
            j++;
        a = i, z = j;
        while (a < z && (src[a] == ' ' || src[a] == '\t'))
            a++;
        while (z > a && (src[z - 1] == ' ' || src[z - 1] == '\t'))
            z--;
        eq = z;
        while (eq > a && src[eq - 1] >= '0' && src[eq - 1] <= '9')
            eq--;
        if (eq < z && eq > a && src[eq - 1] == '=' && !glossa_count_parse(src + eq, z - eq, &c)) {
            explicit_count = 1;
            z = eq - 1;
            while (z > a && src[z - 1] == ' ')
                z--;
        }
        if (z > a || explicit_count) {
            if (!explicit_count && first_open == (size_t)-1)
                first_open = s->n;
            if (sources_add(s, src + a, z - a, c))
                return GLOSSA_ENOMEM;
            explicit_sum += c;
        }
        i = j + 1;
    }
    if (s->n == start) {
        if (s->has_count)
            return sources_add(s, "", 0, total);
        return 0;
    }
    if (first_open != (size_t)-1 && total > explicit_sum)
        s->items[first_open].count = total - explicit_sum;
    return 0;
}

static int item_cmp(const void *a, const void *b)
{
    const struct source_item *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->name, y->name, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* ------------------------------------------------------------ keys and index */

/* The identity key of a row given as cells in base layout. */
static int identity(struct merger *m, const char *const *cells, const size_t *lens,
                    struct strbuf *key, int32_t *lang)
{
    *lang = -1;
    strbuf_reset(key);
    for (size_t i = 0; i < m->nlangs; i++) {
        size_t c = m->langs[i];
        if (lens[c]) {
            int rc = glossa_fold_append(key, cells[c], lens[c], GLOSSA_FOLD_MATCH);
            if (rc)
                return glossa_error_set(m->err, rc, NULL, 0, 0, "cannot fold term '%s'", cells[c]);
            *lang = (int32_t)c;
            return 0;
        }
    }
    return 0;
}

static void row_cells(struct merger *m, const struct glossa_row *row, const char **cells,
                      size_t *lens)
{
    for (size_t c = 0; c < m->ncols; c++)
        cells[c] = glossa_row_cell(row, c, &lens[c]);
}

/* Random access into arrays of tens of MiB: huge pages save a TLB miss per
 * probe (measured by bench-merge). Only a hint. */
static void advise_huge(void *p, size_t size)
{
    uintptr_t start = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
    if (size >= ((size_t)4 << 20))
        madvise((void *)start, size - (start - (uintptr_t)p), MADV_HUGEPAGE);
}

static int grow_rows(struct merger *m, size_t need)
{
    if (need <= m->cap)
        return 0;
    {
        size_t cap = m->cap * 2 > need ? m->cap * 2 : need;
        struct glossa_row *rows = realloc(m->rows, cap * sizeof(*rows));
        struct rowinfo *info;
        int32_t *same;
        if (!rows)
            return GLOSSA_ENOMEM;
        m->rows = rows;
        info = realloc(m->info, cap * sizeof(*info));
        if (!info)
            return GLOSSA_ENOMEM;
        m->info = info;
        same = realloc(m->same_key, cap * sizeof(*same));
        if (!same)
            return GLOSSA_ENOMEM;
        m->same_key = same;
        m->cap = cap;
        advise_huge(m->info, cap * sizeof(*info));
    }
    return 0;
}

static void table_insert(struct merger *m, size_t id, uint64_t hash)
{
    size_t i = hash & m->mask;
    while (m->table[i].id)
        i = (i + 1) & m->mask;
    m->table[i].id = (uint32_t)id + 1;
    m->table[i].tag = (uint32_t)(hash >> 32);
}

static int table_build(struct merger *m, size_t capacity)
{
    size_t size = 64;
    while (size < 2 * capacity)
        size *= 2;
    free(m->table);
    m->table = calloc(size, sizeof(*m->table));
    if (!m->table)
        return GLOSSA_ENOMEM;
    advise_huge(m->table, size * sizeof(*m->table));
    m->mask = size - 1;
    return 0;
}

/* Records the identity of row id, and enters it in the table if there is one. */
static void set_info(struct merger *m, size_t id, int32_t lang, uint64_t hash)
{
    m->info[id].lang = lang;
    if (lang >= 0 && m->table)
        table_insert(m, id, hash);
}

/* The identity key of row id, folded again into out (reset first). */
static int row_key(const struct merger *m, size_t id, struct strbuf *out)
{
    int32_t lang = m->info[id].lang;
    size_t len;
    const char *term;
    strbuf_reset(out);
    if (lang < 0)
        return 0;
    term = glossa_row_cell(&m->rows[id], (size_t)lang, &len);
    return glossa_fold_append(out, term, len, GLOSSA_FOLD_MATCH);
}

#define PREFETCH_AHEAD 16

/* Rows enter the table PREFETCH_AHEAD rows after their slot was asked for:
 * a random write into a table of tens of MiB is a cache miss otherwise. */
static int index_rows(struct merger *m, size_t from)
{
    uint64_t hashes[PREFETCH_AHEAD];
    int32_t langs[PREFETCH_AHEAD];
    for (size_t id = from; id < m->nrows + PREFETCH_AHEAD; id++) {
        size_t k = id % PREFETCH_AHEAD;
        int32_t lang;
        int rc;
        if (id >= from + PREFETCH_AHEAD)
            set_info(m, id - PREFETCH_AHEAD, langs[k], hashes[k]);
        if (id >= m->nrows)
            continue;
        row_cells(m, &m->rows[id], m->cells, m->lens);
        if ((rc = identity(m, m->cells, m->lens, &m->key, &lang)))
            return rc;
        langs[k] = lang;
        hashes[k] = lang >= 0 ? hash_key(lang, m->key.buf, m->key.len) : 0;
        if (lang >= 0 && m->table)
            __builtin_prefetch(&m->table[hashes[k] & m->mask], 1);
    }
    return 0;
}

/* ------------------------------------------------------------ matching */

static int same_key_text(struct merger *m, const char *a, size_t alen, const char *b, size_t blen,
                         int exact)
{
    int same;
    size_t mid;
    if (alen == blen && !memcmp(a, b, alen))
        return 1;
    strbuf_reset(&m->key);
    glossa_fold_append(&m->key, a, alen, GLOSSA_FOLD_TYPO | (exact ? 0 : GLOSSA_FOLD_CASE));
    mid = m->key.len;
    glossa_fold_append(&m->key, b, blen, GLOSSA_FOLD_TYPO | (exact ? 0 : GLOSSA_FOLD_CASE));
    same = m->key.len - mid == mid && !memcmp(m->key.buf, m->key.buf + mid, mid);
    return same;
}

static int exact_case(const char *s, size_t len)
{
    enum glossa_case c = GLOSSA_CASE_INSENSITIVE;
    glossa_case_parse(s, len, &c);
    return c == GLOSSA_CASE_EXACT;
}

/* 2: identical cells, 1: compatible (terms agree where both have one, same
 * type), 0: different. */
static int compare_rows(struct merger *m, const char **rc, const size_t *rl, const char **nc,
                        const size_t *nl)
{
    int identical = 1;
    int exact = (m->case_col >= 0 && (exact_case(rc[m->case_col], rl[m->case_col]) ||
                                      exact_case(nc[m->case_col], nl[m->case_col])));
    for (size_t c = 0; c < m->ncols; c++)
        if (rl[c] != nl[c] || memcmp(rc[c], nc[c], rl[c]))
            identical = 0;
    if (identical)
        return 2;
    if (m->type_col >= 0 && rl[m->type_col] && nl[m->type_col] &&
        (rl[m->type_col] != nl[m->type_col] ||
         memcmp(rc[m->type_col], nc[m->type_col], rl[m->type_col])))
        return 0;
    for (size_t i = 0; i < m->nlangs; i++) {
        size_t c = m->langs[i];
        if (rl[c] && nl[c] && !same_key_text(m, rc[c], rl[c], nc[c], nl[c], exact))
            return 0;
    }
    return 1;
}

/* 1 if merging n into a row would put a term into an empty language cell. */
static int fills_language(struct merger *m, const size_t *rl, const size_t *nl)
{
    for (size_t i = 0; i < m->nlangs; i++)
        if (!rl[m->langs[i]] && nl[m->langs[i]])
            return 1;
    return 0;
}

/* Describes the differing terms of two rows: "fr=OTSC, es=OTSC". */
static char *describe(struct merger *m, const char **a, const size_t *al, const char **b,
                      const size_t *bl)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < m->nlangs; i++) {
        size_t c = m->langs[i];
        if (!al[c] || !bl[c] || (al[c] == bl[c] && !memcmp(a[c], b[c], al[c])))
            continue;
        if (sb.len)
            strbuf_addstr(&sb, ", ");
        strbuf_addf(&sb, "%s=%s", glossa_glossary_column_name(m->b, c), a[c]);
    }
    if (m->type_col >= 0 && al[m->type_col] && bl[m->type_col] &&
        strcmp(a[m->type_col], b[m->type_col]))
        strbuf_addf(&sb, "%stype=%s", sb.len ? ", " : "", a[m->type_col]);
    return strbuf_detach(&sb, NULL);
}

static int add_conflict(struct merger *m, enum glossa_conflict_kind kind, size_t id,
                        const char **rc, const size_t *rl, const char **nc, const size_t *nl,
                        size_t nline, int took_new)
{
    struct glossa_merge_report *r = m->report;
    struct glossa_merge_conflict *c, *grown;
    int32_t lang = m->info[id].lang;
    if (!r)
        return 0;
    grown = realloc(r->conflicts, (r->nconflicts + 1) * sizeof(*grown));
    if (!grown)
        return GLOSSA_ENOMEM;
    r->conflicts = grown;
    c = &r->conflicts[r->nconflicts++];
    memset(c, 0, sizeof(*c));
    c->kind = kind;
    c->lang = strdup(lang >= 0 ? glossa_glossary_column_name(m->b, (size_t)lang) : "");
    c->term = strdup(lang >= 0 ? rc[lang] : "");
    if (kind == GLOSSA_CONFLICT_STATUS) {
        c->base_value = strdup(rl[m->status_col] ? rc[m->status_col] : "approved");
        c->new_value = strdup(nl[m->status_col] ? nc[m->status_col] : "approved");
    } else {
        c->base_value = describe(m, rc, rl, nc, nl);
        c->new_value = describe(m, nc, nl, rc, rl);
    }
    c->base_file = strdup(glossa_glossary_file_name(m->b, m->rows[id].file));
    c->base_line = m->rows[id].line;
    c->new_file = strdup(glossa_glossary_name(m->n));
    c->new_line = nline;
    c->took_new = took_new;
    if (!c->lang || !c->term || !c->base_value || !c->new_value || !c->base_file || !c->new_file)
        return GLOSSA_ENOMEM;
    return 0;
}

/* ------------------------------------------------------------ merging one row */

static int note_has_line(const char *note, size_t len, const char *line, size_t llen)
{
    for (size_t i = 0; i + llen <= len;) {
        size_t j = i;
        while (j < len && note[j] != '\n')
            j++;
        if (j - i == llen && !memcmp(note + i, line, llen))
            return 1;
        i = j + 1;
    }
    return 0;
}

/* Appends v in decimal (strbuf_addf's cost shows on a million rows). */
static int add_decimal(struct strbuf *sb, uint64_t v)
{
    char digits[20];
    size_t n = 0;
    do {
        digits[sizeof(digits) - ++n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return strbuf_add(sb, digits + sizeof(digits) - n, n);
}

static int render_sources(struct merger *m, struct sources *s, int with_counts)
{
    uint64_t total = 0;
    strbuf_reset(&m->source);
    strbuf_reset(&m->count);
    qsort(s->items, s->n, sizeof(*s->items), item_cmp);
    for (size_t i = 0; i < s->n; i++) {
        total += s->items[i].count;
        if (i)
            strbuf_addstr(&m->source, "; ");
        strbuf_add(&m->source, s->items[i].name, s->items[i].len);
        if (s->n > 1 && with_counts &&
            (strbuf_addch(&m->source, '=') || add_decimal(&m->source, s->items[i].count)))
            return GLOSSA_ENOMEM;
    }
    return add_decimal(&m->count, total);
}

/* Merges the incoming row (cells nc in base layout) into row id. */
static int merge_into(struct merger *m, size_t id, const char **nc, const size_t *nl, size_t nline)
{
    const char **rc = m->cells, **out = m->out;
    size_t *rl = m->lens, *ol = m->olens;
    int changed = 0, rcode;
    enum glossa_status rs, ns;
    row_cells(m, &m->rows[id], rc, rl);
    memcpy(out, rc, m->ncols * sizeof(*out));
    memcpy(ol, rl, m->ncols * sizeof(*ol));
    rs = m->status_col >= 0 ? status_of(rc[m->status_col], rl[m->status_col]) : GLOSSA_STATUS_UNSET;
    ns = m->status_col >= 0 ? status_of(nc[m->status_col], nl[m->status_col]) : GLOSSA_STATUS_UNSET;
    for (size_t c = 0; c < m->ncols; c++) {
        enum glossa_column_kind kind = glossa_glossary_column_kind(m->b, c);
        if (kind != GLOSSA_COLUMN_META || (int)c == m->type_col || (int)c == m->case_col) {
            if (!rl[c] && nl[c]) {
                out[c] = nc[c];
                ol[c] = nl[c];
                changed = 1;
            }
        }
    }
    if (m->concept_col >= 0 && !rl[m->concept_col] && nl[m->concept_col]) {
        const char *mapped = strmap_get(&m->concepts, nc[m->concept_col]);
        out[m->concept_col] = mapped ? mapped : nc[m->concept_col];
        ol[m->concept_col] = strlen(out[m->concept_col]);
        changed = 1;
    }
    if (m->status_col >= 0) {
        if (rs == GLOSSA_STATUS_CANDIDATE && is_human(ns)) {
            out[m->status_col] = nl[m->status_col] ? nc[m->status_col] : "approved";
            ol[m->status_col] = strlen(out[m->status_col]);
            changed = 1;
        } else if (is_human(rs) && is_human(ns) && !(is_approved(rs) && is_approved(ns)) &&
                   rs != ns) {
            int theirs = m->policy == GLOSSA_MERGE_THEIRS;
            if ((rcode =
                     add_conflict(m, GLOSSA_CONFLICT_STATUS, id, rc, rl, nc, nl, nline, theirs)))
                return glossa_error_set(m->err, rcode, NULL, 0, 0, NULL);
            if (theirs) {
                out[m->status_col] = nl[m->status_col] ? nc[m->status_col] : "approved";
                ol[m->status_col] = strlen(out[m->status_col]);
                changed = 1;
            }
        }
    }
    if (m->conf_col >= 0 && nl[m->conf_col]) {
        double rv = -1, nv = -1;
        glossa_confidence_parse(rc[m->conf_col], rl[m->conf_col], &rv);
        glossa_confidence_parse(nc[m->conf_col], nl[m->conf_col], &nv);
        if (nv > rv ||
            (nv == rv && (nl[m->conf_col] < rl[m->conf_col] ||
                          (nl[m->conf_col] == rl[m->conf_col] &&
                           memcmp(nc[m->conf_col], rc[m->conf_col], nl[m->conf_col]) < 0)))) {
            out[m->conf_col] = nc[m->conf_col];
            ol[m->conf_col] = nl[m->conf_col];
            changed = 1;
        }
    }
    if (m->note_col >= 0 && nl[m->note_col] && rl[m->note_col] &&
        !note_has_line(rc[m->note_col], rl[m->note_col], nc[m->note_col], nl[m->note_col])) {
        strbuf_reset(&m->note);
        strbuf_add(&m->note, rc[m->note_col], rl[m->note_col]);
        strbuf_addch(&m->note, '\n');
        strbuf_add(&m->note, nc[m->note_col], nl[m->note_col]);
        out[m->note_col] = m->note.buf;
        ol[m->note_col] = m->note.len;
        changed = 1;
    } else if (m->note_col >= 0 && nl[m->note_col] && !rl[m->note_col]) {
        out[m->note_col] = nc[m->note_col];
        ol[m->note_col] = nl[m->note_col];
        changed = 1;
    }
    if (m->source_col >= 0 || m->count_col >= 0) {
        struct sources s = {NULL, 0, 0, 0};
        size_t before;
        int grew = 0, has_count;
        const char *e = "";
        int sc = m->source_col, cc = m->count_col;
        rcode = sources_parse(&s, sc >= 0 ? rc[sc] : e, sc >= 0 ? rl[sc] : 0, cc >= 0 ? rc[cc] : e,
                              cc >= 0 ? rl[cc] : 0);
        has_count = s.has_count;
        before = s.n;
        {
            uint64_t *old = malloc((before + 1) * sizeof(*old));
            struct sources t = {NULL, 0, 0, 0};
            if (!old || rcode)
                rcode = GLOSSA_ENOMEM;
            for (size_t i = 0; !rcode && i < before; i++)
                old[i] = s.items[i].count;
            if (!rcode)
                rcode = sources_parse(&t, sc >= 0 ? nc[sc] : e, sc >= 0 ? nl[sc] : 0,
                                      cc >= 0 ? nc[cc] : e, cc >= 0 ? nl[cc] : 0);
            for (size_t i = 0; !rcode && i < t.n; i++)
                rcode = sources_add(&s, t.items[i].name, t.items[i].len, t.items[i].count);
            has_count |= t.has_count;
            grew = s.n != before;
            for (size_t i = 0; !rcode && i < before; i++)
                grew |= s.items[i].count != old[i];
            free(old);
            free(t.items);
        }
        if (!rcode && grew) {
            rcode = render_sources(m, &s, has_count);
            if (sc >= 0) {
                out[sc] = m->source.buf;
                ol[sc] = m->source.len;
            }
            if (cc >= 0 && has_count) {
                out[cc] = m->count.buf;
                ol[cc] = m->count.len;
            }
            changed = 1;
        }
        free(s.items);
        if (rcode)
            return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    }
    if (changed) {
        const char *block = glossa_glossary_make_block(m->b, out, ol, m->ncols);
        if (!block)
            return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        m->rows[id].block = block;
    }
    if (m->report)
        m->report->merged++;
    return 0;
}

/* policy=theirs: the new approved row's cells replace those of row id (the
 * cells it leaves empty, and the concept id, stay). */
static int replace_row(struct merger *m, size_t id, const char **nc, const size_t *nl, size_t nline)
{
    const char **rc = m->cells;
    size_t *rl = m->lens;
    const char *block;
    row_cells(m, &m->rows[id], rc, rl);
    for (size_t c = 0; c < m->ncols; c++) {
        int take = nl[c] && (int)c != m->concept_col;
        m->out[c] = take ? nc[c] : rc[c];
        m->olens[c] = take ? nl[c] : rl[c];
    }
    block = glossa_glossary_make_block(m->b, m->out, m->olens, m->ncols);
    if (!block)
        return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    m->rows[id].block = block;
    m->rows[id].file = m->nfile;
    m->rows[id].line = nline > UINT32_MAX ? UINT32_MAX : (uint32_t)nline;
    return 0;
}

static int add_row(struct merger *m, const struct glossa_row *nrow, const char **nc,
                   const size_t *nl, size_t nline, int32_t lang, uint64_t hash, int32_t same)
{
    const char *block;
    size_t id = m->nrows;
    if (grow_rows(m, m->nrows + 1))
        return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    /* the incoming block itself when its layout is base's (it moves into base) */
    block = m->same_layout ? nrow->block : glossa_glossary_make_block(m->b, nc, nl, m->ncols);
    if (!block)
        return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    m->rows[id].block = block;
    m->rows[id].file = m->nfile;
    m->rows[id].line = nline > UINT32_MAX ? UINT32_MAX : (uint32_t)nline;
    m->same_key[id] = same;
    set_info(m, id, lang, hash);
    m->nrows++;
    if (m->report)
        m->report->added++;
    return 0;
}

static int take_row(struct merger *m, size_t ni)
{
    const struct glossa_row *nrow;
    const char **nc = m->mcells;
    size_t *nl = m->mlens;
    size_t nline = glossa_glossary_row_line(m->n, ni);
    struct strbuf *idkey = &m->idkey;
    int32_t lang;
    int rc;
    long best = -1, approved = -1, same = -1;
    int best_score = 0;
    enum glossa_status ns;
    uint64_t h = 0;

    for (size_t c = 0; c < m->ncols; c++) {
        nc[c] = "";
        nl[c] = 0;
    }
    {
        size_t total;
        nrow = &glossa_glossary_rows(m->n, &total)[ni];
    }
    for (size_t c = 0; c < glossa_glossary_column_count(m->n); c++)
        nc[m->colmap[c]] = glossa_row_cell(nrow, c, &nl[m->colmap[c]]);
    if ((rc = identity(m, nc, nl, &m->key, &lang)))
        return rc;
    ns = m->status_col >= 0 ? status_of(nc[m->status_col], nl[m->status_col]) : GLOSSA_STATUS_UNSET;
    if (lang >= 0) {
        h = hash_key(lang, m->key.buf, m->key.len);
        if ((strbuf_reset(idkey), strbuf_add(idkey, m->key.buf, m->key.len)))
            return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        for (size_t i = h & m->mask; m->table[i].id; i = (i + 1) & m->mask) {
            size_t id = m->table[i].id - 1;
            const struct rowinfo *inf = &m->info[id];
            int score;
            enum glossa_status rs;
            if (m->table[i].tag != (uint32_t)(h >> 32) || inf->lang != lang)
                continue;
            if ((rc = row_key(m, id, &m->rowkey)))
                return glossa_error_set(m->err, rc, NULL, 0, 0, NULL);
            if (m->rowkey.len != idkey->len || memcmp(m->rowkey.buf, idkey->buf, idkey->len))
                continue;
            row_cells(m, &m->rows[id], m->cells, m->lens);
            if (same < 0 && m->concept_col >= 0 && m->lens[m->concept_col])
                same = (long)id;
            rs = m->status_col >= 0 ? status_of(m->cells[m->status_col], m->lens[m->status_col])
                                    : GLOSSA_STATUS_UNSET;
            score = compare_rows(m, m->cells, m->lens, nc, nl);
            if (!score && is_approved(rs) && approved < 0)
                approved = (long)id;
            if (score == 1 && is_human(rs) && !is_human(ns) && fills_language(m, m->lens, nl))
                score = 0; /* a candidate does not add terms to a person's row */
            if (score > best_score || (score && (id < (size_t)best) && score == best_score)) {
                best = (long)id;
                best_score = score;
            }
        }
    }
    if (best >= 0) {
        row_cells(m, &m->rows[best], m->cells, m->lens);
        if (m->concept_col >= 0 && nl[m->concept_col] && m->lens[m->concept_col] &&
            (nl[m->concept_col] != m->lens[m->concept_col] ||
             memcmp(nc[m->concept_col], m->cells[m->concept_col], nl[m->concept_col]))) {
            struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
            strbuf_add(&a, nc[m->concept_col], nl[m->concept_col]);
            strbuf_add(&b, m->cells[m->concept_col], m->lens[m->concept_col]);
            rc = strmap_put(&m->concepts, a.buf, b.buf);
            strbuf_release(&a);
            strbuf_release(&b);
            if (rc)
                return glossa_error_set(m->err, rc, NULL, 0, 0, NULL);
        }
        rc = merge_into(m, (size_t)best, nc, nl, nline);
    } else if (approved >= 0 && (is_approved(ns) || ns == GLOSSA_STATUS_CANDIDATE)) {
        int theirs = m->policy == GLOSSA_MERGE_THEIRS && is_approved(ns);
        row_cells(m, &m->rows[approved], m->cells, m->lens);
        rc = add_conflict(m, is_approved(ns) ? GLOSSA_CONFLICT_TARGET : GLOSSA_CONFLICT_CANDIDATE,
                          (size_t)approved, m->cells, m->lens, nc, nl, nline, theirs);
        if (rc)
            rc = glossa_error_set(m->err, rc, NULL, 0, 0, NULL);
        else if (theirs)
            rc = replace_row(m, (size_t)approved, nc, nl, nline);
        else if (m->report)
            m->report->left_out++;
    } else {
        rc = add_row(m, nrow, nc, nl, nline, lang, h, (int32_t)same);
    }
    return rc;
}

/* The table slot of an incoming row is a cache miss (the table is tens of
 * MiB, probed at random): asking for it some rows ahead hides most of it
 * (measured by bench-merge). The row's identity key is folded once more for
 * that; an error is left for take_row to find. */
static void prefetch_slot(struct merger *m, size_t ni)
{
    size_t total, ncn = glossa_glossary_column_count(m->n);
    const struct glossa_row *row = &glossa_glossary_rows(m->n, &total)[ni];
    size_t best_col = (size_t)-1, best_len = 0;
    const char *best = NULL;
    for (size_t c = 0; c < ncn; c++) {
        size_t len, bc = m->colmap[c];
        const char *cell;
        if (bc >= best_col || glossa_glossary_column_kind(m->b, bc) != GLOSSA_COLUMN_LANG)
            continue;
        cell = glossa_row_cell(row, c, &len);
        if (len) {
            best_col = bc;
            best = cell;
            best_len = len;
        }
    }
    strbuf_reset(&m->ahead);
    if (best && !glossa_fold_append(&m->ahead, best, best_len, GLOSSA_FOLD_MATCH))
        __builtin_prefetch(
            &m->table[hash_key((int32_t)best_col, m->ahead.buf, m->ahead.len) & m->mask]);
}

/* ------------------------------------------------------------ concepts of added rows */

static int all_digits(const char *s, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int settle_concepts(struct merger *m)
{
    if (m->concept_col < 0)
        return 0;
    for (size_t id = m->nb; id < m->nrows; id++) {
        size_t len, c = (size_t)m->concept_col;
        const char *cur = glossa_row_cell(&m->rows[id], c, &len);
        const char *want = NULL;
        char *derived = NULL;
        const char *block;
        if (len) {
            want = strmap_get(&m->concepts, cur);
            if (!want && all_digits(cur, len)) {
                int32_t lang = m->info[id].lang;
                size_t tl = 0;
                const char *term =
                    lang >= 0 ? glossa_row_cell(&m->rows[id], (size_t)lang, &tl) : "";
                derived = glossa_concept_id(term, tl);
                if (!derived || strmap_put(&m->concepts, cur, derived)) {
                    free(derived);
                    return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
                }
                want = derived;
            }
        } else if (m->same_key[id] >= 0) {
            want = glossa_row_cell(&m->rows[m->same_key[id]], c, NULL);
        } else {
            int32_t lang = m->info[id].lang;
            size_t tl = 0;
            const char *term = lang >= 0 ? glossa_row_cell(&m->rows[id], (size_t)lang, &tl) : "";
            if (lang >= 0) {
                derived = glossa_concept_id(term, tl);
                if (!derived)
                    return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
                want = derived;
            }
        }
        if (want && strcmp(want, cur)) {
            row_cells(m, &m->rows[id], m->out, m->olens);
            m->out[c] = want;
            m->olens[c] = strlen(want);
            block = glossa_glossary_make_block(m->b, m->out, m->olens, m->ncols);
            if (!block) {
                free(derived);
                return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
            }
            m->rows[id].block = block;
        }
        free(derived);
    }
    return 0;
}

/* ------------------------------------------------------------ canonical order */

static int canonical_cmp(struct merger *m, size_t a, size_t b)
{
    const struct glossa_row *ra = &m->rows[a], *rb = &m->rows[b];
    const struct rowinfo *ia = &m->info[a], *ib = &m->info[b];
    int c;
    if (m->concept_col >= 0) {
        c = strcmp(glossa_row_cell(ra, (size_t)m->concept_col, NULL),
                   glossa_row_cell(rb, (size_t)m->concept_col, NULL));
        if (c)
            return c;
    }
    if (m->type_col >= 0) {
        const char *ta = glossa_row_cell(ra, (size_t)m->type_col, NULL);
        const char *tb = glossa_row_cell(rb, (size_t)m->type_col, NULL);
        c = type_rank(ta) - type_rank(tb);
        if (!c)
            c = strcmp(ta, tb);
        if (c)
            return c;
    }
    if (ia->lang != ib->lang)
        return ia->lang < ib->lang ? -1 : 1;
    if (ia->lang >= 0) {
        size_t n;
        /* the keys were folded once already: folding again cannot fail but
         * for memory, and then the cells' order decides */
        row_key(m, a, &m->rowkey);
        row_key(m, b, &m->sortkey);
        n = m->rowkey.len < m->sortkey.len ? m->rowkey.len : m->sortkey.len;
        c = memcmp(m->rowkey.buf, m->sortkey.buf, n);
        if (c)
            return c;
        if (m->rowkey.len != m->sortkey.len)
            return m->rowkey.len < m->sortkey.len ? -1 : 1;
    }
    for (size_t col = 0; col < m->ncols; col++) {
        c = strcmp(glossa_row_cell(ra, col, NULL), glossa_row_cell(rb, col, NULL));
        if (c)
            return c;
    }
    return 0;
}

static int order_cmp(const void *pa, const void *pb, void *ctx)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    int c = canonical_cmp(ctx, a, b);
    return c ? c : (a > b) - (a < b);
}

/* Puts the rows in their final order: base rows in place (new rows merged
 * into canonical places when the base is canonical), new rows sorted. */
static int place_rows(struct merger *m, int sort_base)
{
    size_t nnew = m->nrows - m->nb, nb = m->nb;
    size_t *order = malloc((m->nrows ? m->nrows : 1) * sizeof(*order));
    struct glossa_row *rows = malloc((m->nrows ? m->nrows : 1) * sizeof(*rows));
    int canonical = 1;
    if (!order || !rows) {
        free(order);
        free(rows);
        return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    }
    if (sort_base) {
        for (size_t i = 0; i < m->nrows; i++)
            order[i] = i;
        qsort_r(order, m->nrows, sizeof(*order), order_cmp, m);
        for (size_t i = 0; i < m->nrows; i++)
            rows[i] = m->rows[order[i]];
    } else {
        int sorted = 1;
        for (size_t i = 0; i < nnew; i++)
            order[i] = nb + i;
        for (size_t i = 1; i < nnew && sorted; i++)
            sorted = canonical_cmp(m, order[i - 1], order[i]) <= 0;
        if (!sorted) /* rows from a canonical file arrive in order */
            qsort_r(order, nnew, sizeof(*order), order_cmp, m);
        for (size_t i = 1; i < nb && canonical; i++)
            canonical = canonical_cmp(m, i - 1, i) <= 0;
        if (canonical) {
            size_t i = 0, j = 0, k = 0;
            while (i < nb || j < nnew) {
                if (j < nnew && (i == nb || canonical_cmp(m, order[j], i) < 0))
                    rows[k++] = m->rows[order[j++]];
                else
                    rows[k++] = m->rows[i++];
            }
        } else {
            memcpy(rows, m->rows, nb * sizeof(*rows));
            for (size_t j = 0; j < nnew; j++)
                rows[nb + j] = m->rows[order[j]];
        }
    }
    free(order);
    glossa_glossary_set_rows(m->b, rows, m->nrows);
    return 0;
}

/* ------------------------------------------------------------ driver */

static int merger_init(struct merger *m, struct glossa_glossary *b, struct glossa_error *err)
{
    size_t nb;
    struct glossa_row *brows = glossa_glossary_rows(b, &nb);
    memset(m, 0, sizeof(*m));
    m->b = b;
    m->err = err;
    strbuf_init(&m->key);
    strbuf_init(&m->idkey);
    strbuf_init(&m->rowkey);
    strbuf_init(&m->sortkey);
    strbuf_init(&m->ahead);
    strbuf_init(&m->note);
    strbuf_init(&m->source);
    strbuf_init(&m->count);
    strbuf_init(&m->conf);
    m->nb = m->nrows = nb;
    if (grow_rows(m, nb + 1))
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    if (nb)
        memcpy(m->rows, brows, nb * sizeof(*brows)); /* brows is NULL for an empty base */
    for (size_t i = 0; i < nb; i++)
        m->same_key[i] = -1;
    return 0;
}

static int merger_columns(struct merger *m)
{
    size_t nc = m->ncols = glossa_glossary_column_count(m->b);
    m->langs = glossa_glossary_lang_columns(m->b, &m->nlangs);
    m->concept_col = glossa_glossary_meta_column(m->b, GLOSSA_META_CONCEPT);
    m->type_col = glossa_glossary_meta_column(m->b, GLOSSA_META_TYPE);
    m->status_col = glossa_glossary_meta_column(m->b, GLOSSA_META_STATUS);
    m->conf_col = glossa_glossary_meta_column(m->b, GLOSSA_META_CONFIDENCE);
    m->count_col = glossa_glossary_meta_column(m->b, GLOSSA_META_COUNT);
    m->source_col = glossa_glossary_meta_column(m->b, GLOSSA_META_SOURCE);
    m->case_col = glossa_glossary_meta_column(m->b, GLOSSA_META_CASE);
    m->note_col = glossa_glossary_meta_column(m->b, GLOSSA_META_NOTE);
    m->cells = malloc((nc + 1) * sizeof(*m->cells));
    m->mcells = malloc((nc + 1) * sizeof(*m->mcells));
    m->out = malloc((nc + 1) * sizeof(*m->out));
    m->lens = malloc((nc + 1) * sizeof(*m->lens));
    m->mlens = malloc((nc + 1) * sizeof(*m->mlens));
    m->olens = malloc((nc + 1) * sizeof(*m->olens));
    if (!m->cells || !m->mcells || !m->out || !m->lens || !m->mlens || !m->olens)
        return glossa_error_set(m->err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    return 0;
}

static void merger_release(struct merger *m)
{
    free(m->colmap);
    free(m->rows);
    free(m->info);
    free(m->same_key);
    free(m->table);
    strbuf_release(&m->key);
    strbuf_release(&m->idkey);
    strbuf_release(&m->rowkey);
    strbuf_release(&m->sortkey);
    strbuf_release(&m->ahead);
    strbuf_release(&m->note);
    strbuf_release(&m->source);
    strbuf_release(&m->count);
    strbuf_release(&m->conf);
    strmap_release(&m->concepts);
    free(m->cells);
    free(m->mcells);
    free(m->out);
    free(m->lens);
    free(m->mlens);
    free(m->olens);
}

int glossa_merge(struct glossa_glossary *base, struct glossa_glossary *incoming,
                 enum glossa_merge_policy policy, struct glossa_merge_report *report,
                 struct glossa_error *err)
{
    struct merger m;
    size_t nn = glossa_glossary_row_count(incoming), ncn;
    long file;
    int rc;
    if ((rc = merger_init(&m, base, err)))
        goto out;
    m.n = incoming;
    m.policy = policy;
    m.report = report;
    ncn = glossa_glossary_column_count(incoming);
    m.colmap = malloc((ncn + 1) * sizeof(*m.colmap));
    if (!m.colmap) {
        rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        goto out;
    }
    for (size_t c = 0; c < ncn; c++) {
        int bc = glossa_glossary_add_column(base, glossa_glossary_column_name(incoming, c), err);
        if (bc < 0) {
            rc = bc;
            goto out;
        }
        m.colmap[c] = (size_t)bc;
    }
    m.same_layout = 1;
    for (size_t c = 0; c < ncn; c++)
        m.same_layout &= m.colmap[c] == c;
    file = glossa_glossary_file_index(base, glossa_glossary_name(incoming));
    if (file < 0) {
        rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        goto out;
    }
    m.nfile = (uint32_t)file;
    if ((rc = merger_columns(&m)) || (rc = grow_rows(&m, m.nb + nn + 1)))
        goto out;
    if ((rc = table_build(&m, m.nb + nn))) {
        rc = glossa_error_set(err, rc, NULL, 0, 0, NULL);
        goto out;
    }
    if ((rc = index_rows(&m, 0)))
        goto out;
    for (size_t i = 0; i < nn && !rc; i++) {
        if (i + PREFETCH_AHEAD < nn)
            prefetch_slot(&m, i + PREFETCH_AHEAD);
        rc = take_row(&m, i);
    }
    if (!rc)
        rc = settle_concepts(&m);
    if (!rc)
        rc = place_rows(&m, 0);
    if (!rc)
        glossa_glossary_take_arena(base, incoming);
out:
    if (rc && err && !err->code)
        glossa_error_set(err, rc, NULL, 0, 0, NULL);
    merger_release(&m);
    glossa_glossary_free(incoming);
    return rc;
}

int glossa_merge_sort(struct glossa_glossary *g, struct glossa_error *err)
{
    struct merger m;
    int rc;
    if (!(rc = merger_init(&m, g, err)) && !(rc = merger_columns(&m)) && !(rc = index_rows(&m, 0)))
        rc = place_rows(&m, 1);
    merger_release(&m);
    return rc;
}

void glossa_merge_report_init(struct glossa_merge_report *report)
{
    memset(report, 0, sizeof(*report));
}

void glossa_merge_report_release(struct glossa_merge_report *report)
{
    if (!report)
        return;
    for (size_t i = 0; i < report->nconflicts; i++) {
        struct glossa_merge_conflict *c = &report->conflicts[i];
        free(c->lang);
        free(c->term);
        free(c->base_value);
        free(c->new_value);
        free(c->base_file);
        free(c->new_file);
    }
    free(report->conflicts);
    glossa_merge_report_init(report);
}

/* align: pairs the terms of a document's language versions into concepts.
 *
 * Owns the versions (borrowed bodies and segments, copied occurrence
 * offsets), the seed lexicon, a cache of word facts (fold key, Snowball stem,
 * cognate key, seed entries, function word or not), and the proposed rows.
 *
 * The run, for each version x other than the pivot p:
 *   1. bitext aligns p's segments with x's (beads); too few agreeing anchors
 *      make the run fail with GLOSSA_EMISMATCH unless forced;
 *   2. acronyms: inside each bead, p's short forms and x's are paired one to
 *      one (best first, each form used once), which gives votes; over the
 *      document, identical forms, approved seed pairs, votes and the
 *      similarity of the long forms score each pair, and a best-first
 *      matching with exclusivity decides;
 *   3. long forms x does not define (or defines out of reach of its letter
 *      rules: `... services d'appui aux projets (UNOPS)`) are searched in the
 *      bead of p's definition: the span of x whose words best match the words
 *      of p's long form (same word, seed lexicon, cognate) wins; its edges are
 *      where matching words stop;
 *   4. entities: the same span search for each occurrence of p's entity, one
 *      to one per bead, votes summed over the document.
 * Russian terms are then put in the nominative (lemma.c).
 *
 * Invariants: rows' terms point into the aligner's own strings; a version's
 * occurrences are sorted by offset before the run. Traps: words are compared
 * by fold key (case and accents folded) — acronyms are compared by their exact
 * surface; function words never count as matching evidence (they would pair
 * "de" with "of" everywhere); a span never starts or ends with one. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "bitext.h"
#include "cognate.h"
#include "fold.h"
#include "glossa/align.h"
#include "glossa/glossary.h"
#include "glossa/lang.h"
#include "lemma.h"
#include "strbuf.h"

#define MAX_VERSIONS 16
#define MAX_TERM_WORDS 24
#define WORD_MATCH 0.62 /* cognate similarity below this is no evidence */
#define SEED_MATCH 0.9

/* ------------------------------------------------------------ small maps */

/* Open addressing from a byte string to a 32-bit value. */
struct strmap {
    char **keys;
    size_t *klen;
    uint32_t *vals;
    size_t cap, n;
};

static uint64_t hash_bytes(const void *p, size_t n, uint64_t h)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

static void strmap_release(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->klen);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static uint32_t *strmap_find(const struct strmap *m, const char *k, size_t n)
{
    size_t i;
    if (!m->cap)
        return NULL;
    i = hash_bytes(k, n, 1469598103934665603ull) & (m->cap - 1);
    while (m->keys[i]) {
        if (m->klen[i] == n && !memcmp(m->keys[i], k, n))
            return &m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

static int strmap_put(struct strmap *m, const char *k, size_t n, uint32_t v)
{
    size_t i;
    if ((m->n + 1) * 2 > m->cap) {
        struct strmap g = {0};
        g.cap = m->cap ? m->cap * 2 : 64;
        g.keys = calloc(g.cap, sizeof *g.keys);
        g.klen = calloc(g.cap, sizeof *g.klen);
        g.vals = calloc(g.cap, sizeof *g.vals);
        if (!g.keys || !g.klen || !g.vals) {
            free(g.keys);
            free(g.klen);
            free(g.vals);
            return GLOSSA_ENOMEM;
        }
        for (size_t j = 0; j < m->cap; j++) {
            if (!m->keys[j])
                continue;
            i = hash_bytes(m->keys[j], m->klen[j], 1469598103934665603ull) & (g.cap - 1);
            while (g.keys[i])
                i = (i + 1) & (g.cap - 1);
            g.keys[i] = m->keys[j];
            g.klen[i] = m->klen[j];
            g.vals[i] = m->vals[j];
        }
        g.n = m->n;
        free(m->keys);
        free(m->klen);
        free(m->vals);
        *m = g;
    }
    i = hash_bytes(k, n, 1469598103934665603ull) & (m->cap - 1);
    while (m->keys[i]) {
        if (m->klen[i] == n && !memcmp(m->keys[i], k, n)) {
            m->vals[i] = v;
            return 0;
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = malloc(n + 1);
    if (!m->keys[i])
        return GLOSSA_ENOMEM;
    memcpy(m->keys[i], k, n);
    m->keys[i][n] = 0;
    m->klen[i] = n;
    m->vals[i] = v;
    m->n++;
    return 0;
}

/* A growable array of uint32_t. */
struct ids {
    uint32_t *v;
    size_t n, cap;
};

static int ids_push(struct ids *a, uint32_t x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 4;
        uint32_t *p = realloc(a->v, cap * sizeof *p);
        if (!p)
            return GLOSSA_ENOMEM;
        a->v = p;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

/* ------------------------------------------------------------ words */

struct word {
    char *fold;      /* case and accents folded, typographic variants unified */
    char *cog;       /* cognate key */
    struct ids seed; /* seed entries that hold this word's stem (sorted) */
    int function;    /* a function word of its language (or one letter) */
    int coordinator; /* and, et, y, и: joins two names */
};

struct langinfo {
    char code[3];
    const struct glossa_lang *lang;
    struct sb_stemmer *stemmer;
    struct strmap stem_seeds; /* stem -> index into al->stem_lists */
    int seeded;               /* stem_seeds built */
};

/* ------------------------------------------------------------ versions */

#define MAX_REGION_WORDS 600

struct span {
    size_t start, end;
};

struct region_words {
    struct span w[MAX_REGION_WORDS];
    long id[MAX_REGION_WORDS];
    size_t n;
};

struct occ_rec {
    enum glossa_term_type type;
    size_t offset, len;         /* the term in the body */
    size_t exp_offset, exp_len; /* the long form of a definition (exp_len 0 for a use) */
    size_t seg;                 /* segment index */
};

struct acro {
    size_t first;    /* index of its first occurrence */
    struct ids occs; /* its occurrences */
    long def;        /* the occurrence of its first definition, or -1 */
    long concept;    /* index into al->concepts, or -1 */
    char *key;       /* exact surface with typographic variants unified */
};

struct version {
    char lang[3];
    char *name;
    size_t li; /* index into al->langs */
    const char *body;
    size_t body_len;
    const struct glossa_segments *segs;
    struct occ_rec *occ;
    size_t nocc, occ_cap;
    struct acro *acros;
    size_t nacros;
    struct glossa_bitext bt; /* alignment with the pivot (versions > 0) */
    size_t *units;           /* owned: translation unit of each segment, or NULL */
    size_t nunits;
};

/* ------------------------------------------------------------ concepts */

struct concept {
    int acronym;                 /* 1: acronym + full form; 0: entity */
    long sf[MAX_VERSIONS];       /* acronym index per version, or -1 */
    char *sf_text[MAX_VERSIONS]; /* owned, "" when none */
    char *lf_text[MAX_VERSIONS]; /* owned long forms / entity terms, "" when none */
    double score[MAX_VERSIONS];  /* how sure the pairing with the pivot is */
    double lf_score[MAX_VERSIONS];
    size_t count;
    size_t order; /* first occurrence in its version, for output order */
    int origin;   /* the version it was found in first */
};

struct seed_entry {
    char **terms; /* per aligner language slot (al->seed_langs) */
    int approved;
    int acronym; /* type acronym */
    int name;    /* type entity or full-form: a whole name, not a word */
};

struct glossa_aligner {
    struct glossa_align_options opts;
    struct version v[MAX_VERSIONS];
    size_t nv;
    struct langinfo langs[MAX_VERSIONS];
    size_t nlangs;
    struct glossa_cognate *cognate;
    struct glossa_lemma *lemma_ru;
    /* words */
    struct strmap word_index; /* lang slot byte + surface -> word id */
    struct word *words;
    size_t nwords, words_cap;
    struct region_words *rw; /* scratch of search_span */
    /* seed */
    char seed_langs[MAX_VERSIONS][3];
    size_t nseed_langs;
    struct seed_entry *seeds;
    size_t nseeds, seeds_cap;
    struct ids *stem_lists;
    size_t nstem_lists, stem_lists_cap;
    struct strmap given; /* "lang<TAB>match key" of approved names -> seed entry */
    int given_indexed;
    /* results */
    struct concept *concepts;
    size_t nconcepts, concepts_cap;
    struct glossa_align_row *rows;
    const char **row_terms;
    char **row_concepts;
    size_t nrows;
    struct strbuf scratch;
};

const char *glossa_align_row_type_name(enum glossa_align_row_type type)
{
    return type == GLOSSA_ALIGN_ACRONYM     ? "acronym"
           : type == GLOSSA_ALIGN_FULL_FORM ? "full-form"
                                            : "entity";
}

struct glossa_aligner *glossa_aligner_new(const struct glossa_align_options *opts,
                                          struct glossa_error *err)
{
    struct glossa_aligner *al = calloc(1, sizeof *al);
    if (!al) {
        glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    if (opts)
        al->opts = *opts;
    strbuf_init(&al->scratch);
    al->rw = malloc(sizeof *al->rw);
    al->cognate = al->rw ? glossa_cognate_new(err) : NULL;
    if (!al->cognate) {
        if (!al->rw)
            glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
        free(al->rw);
        free(al);
        return NULL;
    }
    return al;
}

static void free_concept(struct concept *c, size_t nv)
{
    for (size_t i = 0; i < nv; i++) {
        free(c->sf_text[i]);
        free(c->lf_text[i]);
    }
}

/* Frees what belongs to one document: versions, concepts, rows. */
static void release_document(struct glossa_aligner *al)
{
    for (size_t i = 0; i < al->nv; i++) {
        struct version *v = &al->v[i];
        free(v->name);
        free(v->occ);
        for (size_t k = 0; k < v->nacros; k++) {
            free(v->acros[k].occs.v);
            free(v->acros[k].key);
        }
        free(v->acros);
        glossa_bitext_release(&v->bt);
        free(v->units);
    }
    al->nv = 0;
    for (size_t i = 0; i < al->nconcepts; i++)
        free_concept(&al->concepts[i], MAX_VERSIONS);
    free(al->concepts);
    al->concepts = NULL;
    al->nconcepts = al->concepts_cap = 0;
    for (size_t i = 0; i < al->nrows; i++)
        free(al->row_concepts[i]);
    free(al->row_concepts);
    free(al->rows);
    free(al->row_terms);
    al->row_concepts = NULL;
    al->rows = NULL;
    al->row_terms = NULL;
    al->nrows = 0;
}

void glossa_aligner_reset(struct glossa_aligner *al)
{
    if (al)
        release_document(al);
}

void glossa_aligner_free(struct glossa_aligner *al)
{
    if (!al)
        return;
    release_document(al);
    for (size_t i = 0; i < al->nlangs; i++) {
        if (al->langs[i].stemmer)
            sb_stemmer_delete(al->langs[i].stemmer);
        strmap_release(&al->langs[i].stem_seeds);
    }
    for (size_t i = 0; i < al->nwords; i++) {
        free(al->words[i].fold);
        free(al->words[i].cog);
        free(al->words[i].seed.v);
    }
    free(al->words);
    strmap_release(&al->word_index);
    for (size_t i = 0; i < al->nseeds; i++) {
        for (size_t k = 0; k < MAX_VERSIONS; k++)
            free(al->seeds[i].terms[k]);
        free(al->seeds[i].terms);
    }
    free(al->seeds);
    for (size_t i = 0; i < al->nstem_lists; i++)
        free(al->stem_lists[i].v);
    free(al->stem_lists);
    strmap_release(&al->given);
    strbuf_release(&al->scratch);
    glossa_cognate_free(al->cognate);
    glossa_lemma_free(al->lemma_ru);
    free(al->rw);
    free(al);
}

/* ------------------------------------------------------------ languages */

static const char *stemmer_name(const char *code)
{
    static const char *const names[][2] = {{"en", "english"},
                                           {"fr", "french"},
                                           {"es", "spanish"},
                                           {"ru", "russian"},
                                           {"ar", "arabic"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(names[i][0], code))
            return names[i][1];
    return NULL;
}

/* The slot of language code, created on first use. Returns the slot or -1. */
static long lang_slot(struct glossa_aligner *al, const char *code, struct glossa_error *err)
{
    struct langinfo *l;
    const char *sn;
    for (size_t i = 0; i < al->nlangs; i++)
        if (!strcmp(al->langs[i].code, code))
            return (long)i;
    if (al->nlangs == MAX_VERSIONS)
        return glossa_error_set(err, GLOSSA_ETOOBIG, NULL, 0, 0, "too many languages"), -1;
    l = &al->langs[al->nlangs];
    memset(l, 0, sizeof *l);
    if (glossa_lang_get(code, &l->lang, err))
        return -1;
    memcpy(l->code, glossa_lang_code(l->lang), 3);
    sn = stemmer_name(l->code);
    if (sn)
        l->stemmer = sb_stemmer_new(sn, "UTF_8");
    return (long)al->nlangs++;
}

/* ------------------------------------------------------------ versions */

int glossa_aligner_add_version(struct glossa_aligner *al, const char *lang, const char *name,
                               const char *body, size_t len, const struct glossa_segments *segments,
                               struct glossa_error *err)
{
    struct version *v;
    char canon[3];
    long li;
    if (!glossa_lang_canonical(lang, canon))
        return glossa_error_set(err, GLOSSA_ELANG, name, 0, 0, "unknown language '%s'", lang);
    if (al->nv == MAX_VERSIONS)
        return glossa_error_set(err, GLOSSA_ETOOBIG, name, 0, 0, "at most %d versions",
                                MAX_VERSIONS);
    for (size_t i = 0; i < al->nv; i++)
        if (!strcmp(al->v[i].lang, canon))
            return glossa_error_set(err, GLOSSA_EINVAL, name, 0, 0,
                                    "two versions in one language (%s): '%s' and '%s'", canon,
                                    al->v[i].name, name);
    li = lang_slot(al, canon, err);
    if (li < 0)
        return err ? err->code : GLOSSA_ELANG;
    v = &al->v[al->nv];
    memset(v, 0, sizeof *v);
    memcpy(v->lang, canon, 3);
    v->name = strdup(name ? name : canon);
    if (!v->name)
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
    v->li = (size_t)li;
    v->body = body;
    v->body_len = len;
    v->segs = segments;
    if (!strcmp(canon, "ru") && !al->lemma_ru)
        al->lemma_ru = glossa_lemma_new("ru");
    return (int)al->nv++;
}

int glossa_aligner_set_units(struct glossa_aligner *al, size_t vi, const size_t *units, size_t n)
{
    struct version *v;
    if (vi >= al->nv || (v = &al->v[vi], n != (v->segs ? v->segs->n : 0)))
        return GLOSSA_EINVAL;
    free(v->units);
    v->units = malloc((n ? n : 1) * sizeof *v->units);
    if (!v->units)
        return GLOSSA_ENOMEM;
    if (n)
        memcpy(v->units, units, n * sizeof *units);
    v->nunits = n;
    return 0;
}

int glossa_aligner_add_occurrence(struct glossa_aligner *al, size_t vi,
                                  const struct glossa_occurrence *occ)
{
    struct version *v;
    struct occ_rec *r;
    if (vi >= al->nv)
        return GLOSSA_EINVAL;
    v = &al->v[vi];
    if (occ->offset + occ->term_len > v->body_len ||
        (occ->expansion_len && occ->exp_offset + occ->expansion_len > v->body_len))
        return GLOSSA_EINVAL;
    if (v->nocc == v->occ_cap) {
        size_t cap = v->occ_cap ? v->occ_cap * 2 : 32;
        struct occ_rec *p = realloc(v->occ, cap * sizeof *p);
        if (!p)
            return GLOSSA_ENOMEM;
        v->occ = p;
        v->occ_cap = cap;
    }
    r = &v->occ[v->nocc++];
    r->type = occ->type;
    r->offset = occ->offset;
    r->len = occ->term_len;
    r->exp_offset = occ->expansion_len ? occ->exp_offset : 0;
    r->exp_len = occ->expansion_len;
    r->seg = 0;
    return 0;
}

/* ------------------------------------------------------------ seed */

static long seed_lang_slot(struct glossa_aligner *al, const char *lang)
{
    char canon[3];
    if (!glossa_lang_canonical(lang, canon))
        return -1;
    for (size_t i = 0; i < al->nseed_langs; i++)
        if (!strcmp(al->seed_langs[i], canon))
            return (long)i;
    if (al->nseed_langs == MAX_VERSIONS)
        return -1;
    memcpy(al->seed_langs[al->nseed_langs], canon, 3);
    return (long)al->nseed_langs++;
}

int glossa_aligner_add_seed(struct glossa_aligner *al, const char *const *langs,
                            const char *const *terms, size_t n, int approved, const char *type)
{
    struct seed_entry *e;
    size_t before = al->nseed_langs;
    long slots[MAX_VERSIONS];
    if (n > MAX_VERSIONS)
        n = MAX_VERSIONS;
    for (size_t i = 0; i < n; i++)
        slots[i] = terms[i] && *terms[i] ? seed_lang_slot(al, langs[i]) : -1;
    if (al->nseed_langs != before) /* a new language: widen every entry */
        for (size_t i = 0; i < al->nseeds; i++) {
            char **t = realloc(al->seeds[i].terms, MAX_VERSIONS * sizeof *t);
            if (!t)
                return GLOSSA_ENOMEM;
            for (size_t k = before; k < MAX_VERSIONS; k++)
                t[k] = NULL;
            al->seeds[i].terms = t;
        }
    if (al->nseeds == al->seeds_cap) {
        size_t cap = al->seeds_cap ? al->seeds_cap * 2 : 64;
        struct seed_entry *p = realloc(al->seeds, cap * sizeof *p);
        if (!p)
            return GLOSSA_ENOMEM;
        al->seeds = p;
        al->seeds_cap = cap;
    }
    e = &al->seeds[al->nseeds];
    e->terms = calloc(MAX_VERSIONS, sizeof *e->terms);
    if (!e->terms)
        return GLOSSA_ENOMEM;
    e->approved = approved;
    e->acronym = type && !strcmp(type, "acronym");
    e->name = type && (!strcmp(type, "entity") || !strcmp(type, "full-form"));
    for (size_t i = 0; i < n; i++)
        if (slots[i] >= 0 && !e->terms[slots[i]]) {
            e->terms[slots[i]] = strdup(terms[i]);
            if (!e->terms[slots[i]]) {
                for (size_t k = 0; k < MAX_VERSIONS; k++)
                    free(e->terms[k]);
                free(e->terms);
                return GLOSSA_ENOMEM;
            }
        }
    al->nseeds++;
    return 0;
}

/* ------------------------------------------------------------ tokens */

/* Words of text[start, end): runs of letters and digits. Returns the count
 * (at most max). */
static size_t tokenize(const char *text, size_t start, size_t end, struct span *out, size_t max)
{
    size_t n = 0;
    int32_t i = (int32_t)start, stop = (int32_t)end;
    while (i < stop && n < max) {
        int32_t ws = i;
        UChar32 c;
        U8_NEXT(text, i, stop, c);
        if (c < 0 || !u_isalnum(c))
            continue;
        while (i < stop) {
            int32_t k = i;
            U8_NEXT(text, k, stop, c);
            if (c < 0 || !u_isalnum(c))
                break;
            i = k;
        }
        out[n++] = (struct span){(size_t)ws, (size_t)i};
    }
    return n;
}

/* Joins words written with a hyphen between them (Anti-Terrorism) into one. */
static size_t join_hyphens(const char *text, struct span *w, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k > 0 && w[k - 1].end + 1 == w[i].start && text[w[k - 1].end] == '-')
            w[k - 1].end = w[i].end;
        else
            w[k++] = w[i];
    }
    return k;
}

static int has_hyphen_compound(const char *text, const struct span *w, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (w[i - 1].end + 1 == w[i].start && text[w[i - 1].end] == '-')
            return 1;
    return 0;
}

static int is_capitalised(const char *s, size_t len)
{
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(s, i, (int32_t)len, c);
    return c >= 0 && (u_isupper(c) || u_istitle(c));
}

/* The stem of a folded word (Snowball), into al->scratch. */
static const char *stem(struct glossa_aligner *al, size_t li, const char *fold, size_t *len)
{
    struct sb_stemmer *st = al->langs[li].stemmer;
    if (st) {
        const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)fold, (int)strlen(fold));
        if (s) {
            *len = (size_t)sb_stemmer_length(st);
            return (const char *)s;
        }
    }
    *len = strlen(fold);
    return fold;
}

/* The id of the word text[0..len) of language slot li, computed once. */
static long word_id(struct glossa_aligner *al, size_t li, const char *text, size_t len)
{
    struct strbuf *k = &al->scratch;
    uint32_t *found;
    struct word *w;
    int rc;
    strbuf_reset(k);
    if (strbuf_addch(k, (char)('A' + li)) || strbuf_add(k, text, len))
        return GLOSSA_ENOMEM;
    found = strmap_find(&al->word_index, k->buf, k->len);
    if (found)
        return (long)*found;
    if (al->nwords == al->words_cap) {
        size_t cap = al->words_cap ? al->words_cap * 2 : 256;
        struct word *p = realloc(al->words, cap * sizeof *p);
        if (!p)
            return GLOSSA_ENOMEM;
        al->words = p;
        al->words_cap = cap;
    }
    if ((rc = strmap_put(&al->word_index, k->buf, k->len, (uint32_t)al->nwords)))
        return rc;
    w = &al->words[al->nwords];
    memset(w, 0, sizeof *w);
    {
        struct strbuf f = STRBUF_INIT, c = STRBUF_INIT, cased = STRBUF_INIT;
        size_t slen;
        const char *s;
        uint32_t *list;
        rc = glossa_fold_append(&cased, text, len, GLOSSA_FOLD_CASE | GLOSSA_FOLD_TYPO);
        if (!rc)
            rc = glossa_fold_append(&f, text, len,
                                    GLOSSA_FOLD_CASE | GLOSSA_FOLD_TYPO | GLOSSA_FOLD_ACCENTS);
        if (!rc)
            rc = glossa_cognate_key(al->cognate, text, len, &c);
        if (rc) {
            strbuf_release(&f);
            strbuf_release(&c);
            strbuf_release(&cased);
            return rc;
        }
        w->function = f.len <= 1 ||
                      glossa_lang_has(al->langs[li].lang, "function-words", text, len) ||
                      glossa_lang_has(al->langs[li].lang, "elisions", text, len);
        w->coordinator = glossa_lang_has(al->langs[li].lang, "coordinators", text, len);
        s = stem(al, li, cased.buf, &slen);
        list = strmap_find(&al->langs[li].stem_seeds, s, slen);
        if (list) {
            struct ids *src = &al->stem_lists[*list];
            for (size_t i = 0; i < src->n; i++)
                if (ids_push(&w->seed, src->v[i]))
                    rc = GLOSSA_ENOMEM;
        }
        strbuf_release(&cased);
        w->fold = strbuf_detach(&f, NULL);
        w->cog = strbuf_detach(&c, NULL);
        if (!w->fold || !w->cog || rc) {
            free(w->fold);
            free(w->cog);
            free(w->seed.v);
            return GLOSSA_ENOMEM;
        }
    }
    return (long)al->nwords++;
}

static int share_seed(const struct word *a, const struct word *b)
{
    size_t i = 0, j = 0;
    while (i < a->seed.n && j < b->seed.n) {
        if (a->seed.v[i] == b->seed.v[j])
            return 1;
        if (a->seed.v[i] < b->seed.v[j])
            i++;
        else
            j++;
    }
    return 0;
}

/* How much word a supports word b as its translation: 0..1. */
static double word_sim(const struct glossa_aligner *al, long a, long b)
{
    const struct word *x = &al->words[a], *y = &al->words[b];
    double c;
    if (x->function || y->function)
        return 0;
    if (!strcmp(x->fold, y->fold))
        return 1.0;
    if (share_seed(x, y))
        return SEED_MATCH;
    c = glossa_cognate_similarity(x->cog, y->cog);
    return c >= WORD_MATCH ? c : 0;
}

/* Indexes the seed entries' words by stem for every language slot. Run once
 * the versions are known (before any word id is taken). */
static int given_key(const char *lang, const char *term, size_t len, struct strbuf *out)
{
    strbuf_reset(out);
    if (strbuf_addstr(out, lang) || strbuf_addch(out, '\t'))
        return GLOSSA_ENOMEM;
    return glossa_fold_append(out, term, len, GLOSSA_FOLD_MATCH);
}

static int index_given(struct glossa_aligner *al)
{
    struct strbuf k = STRBUF_INIT;
    int rc = 0;
    for (size_t e = 0; e < al->nseeds && !rc; e++) {
        if (!al->seeds[e].approved || !al->seeds[e].name)
            continue;
        for (size_t s = 0; s < al->nseed_langs && !rc; s++) {
            const char *t = al->seeds[e].terms[s];
            if (!t || given_key(al->seed_langs[s], t, strlen(t), &k))
                continue;
            if (!strmap_find(&al->given, k.buf, k.len))
                rc = strmap_put(&al->given, k.buf, k.len, (uint32_t)e);
        }
    }
    strbuf_release(&k);
    return rc;
}

/* The approved seed term of language x_lang for the name text[0..len) of the
 * pivot (borrowed), or NULL. */
static const char *given_counterpart(struct glossa_aligner *al, const char *p_lang,
                                     const char *text, size_t len, const char *x_lang)
{
    struct strbuf k = STRBUF_INIT;
    uint32_t *e = NULL;
    if (!given_key(p_lang, text, len, &k))
        e = strmap_find(&al->given, k.buf, k.len);
    strbuf_release(&k);
    if (!e)
        return NULL;
    for (size_t s = 0; s < al->nseed_langs; s++)
        if (!strcmp(al->seed_langs[s], x_lang))
            return al->seeds[*e].terms[s];
    return NULL;
}

static int index_seed(struct glossa_aligner *al)
{
    struct span w[MAX_TERM_WORDS];
    int rc = al->given_indexed ? 0 : index_given(al);
    if (rc)
        return rc;
    al->given_indexed = 1;
    for (size_t li = 0; li < al->nlangs; li++) {
        long slot = -1;
        if (al->langs[li].seeded)
            continue;
        al->langs[li].seeded = 1;
        for (size_t s = 0; s < al->nseed_langs; s++)
            if (!strcmp(al->seed_langs[s], al->langs[li].code))
                slot = (long)s;
        if (slot < 0)
            continue;
        for (size_t e = 0; e < al->nseeds; e++) {
            const char *t = al->seeds[e].terms[slot];
            size_t n;
            /* whole names pair as wholes (given_counterpart), not word by word */
            if (!t || al->seeds[e].name || al->seeds[e].acronym)
                continue;
            n = tokenize(t, 0, strlen(t), w, MAX_TERM_WORDS);
            if (has_hyphen_compound(t, w, n) && n < MAX_TERM_WORDS) {
                /* the compound also stands as one word: counter-terrorism */
                struct span joined[MAX_TERM_WORDS];
                size_t nj;
                memcpy(joined, w, n * sizeof *w);
                nj = join_hyphens(t, joined, n);
                for (size_t k = 0; k < nj && n < MAX_TERM_WORDS; k++)
                    if (memchr(t + joined[k].start, '-', joined[k].end - joined[k].start))
                        w[n++] = joined[k];
            }
            for (size_t k = 0; k < n; k++) {
                struct strbuf cased = STRBUF_INIT;
                const char *s;
                size_t slen;
                uint32_t *list;
                if (glossa_lang_has(al->langs[li].lang, "function-words", t + w[k].start,
                                    w[k].end - w[k].start))
                    continue;
                rc = glossa_fold_append(&cased, t + w[k].start, w[k].end - w[k].start,
                                        GLOSSA_FOLD_CASE | GLOSSA_FOLD_TYPO);
                if (rc) {
                    strbuf_release(&cased);
                    continue; /* a seed term that is not UTF-8 helps nothing */
                }
                s = stem(al, li, cased.buf, &slen);
                list = strmap_find(&al->langs[li].stem_seeds, s, slen);
                if (!list) {
                    if (al->nstem_lists == al->stem_lists_cap) {
                        size_t cap = al->stem_lists_cap ? al->stem_lists_cap * 2 : 64;
                        struct ids *p = realloc(al->stem_lists, cap * sizeof *p);
                        if (!p) {
                            strbuf_release(&cased);
                            return GLOSSA_ENOMEM;
                        }
                        al->stem_lists = p;
                        al->stem_lists_cap = cap;
                    }
                    memset(&al->stem_lists[al->nstem_lists], 0, sizeof(struct ids));
                    rc =
                        strmap_put(&al->langs[li].stem_seeds, s, slen, (uint32_t)al->nstem_lists++);
                    list = strmap_find(&al->langs[li].stem_seeds, s, slen);
                }
                strbuf_release(&cased);
                if (rc || !list)
                    return GLOSSA_ENOMEM;
                {
                    struct ids *l = &al->stem_lists[*list];
                    if ((!l->n || l->v[l->n - 1] != (uint32_t)e) && ids_push(l, (uint32_t)e))
                        return GLOSSA_ENOMEM;
                }
            }
        }
    }
    return 0;
}

/* ------------------------------------------------------------ terms as words */

struct termwords {
    long id[MAX_TERM_WORDS]; /* content words only */
    size_t n;
    int coordinated; /* holds a coordinator or a hyphenated compound (Asia-Pacific) */
    int capital;     /* its first word is capitalised */
};

static int term_words_mode(struct glossa_aligner *al, size_t li, const char *text, size_t start,
                           size_t end, int joined, struct termwords *tw)
{
    struct span w[MAX_TERM_WORDS];
    size_t n = tokenize(text, start, end, w, MAX_TERM_WORDS);
    tw->coordinated = has_hyphen_compound(text, w, n);
    tw->capital = n > 0 && is_capitalised(text + w[0].start, w[0].end - w[0].start);
    if (joined)
        n = join_hyphens(text, w, n);
    tw->n = 0;
    for (size_t k = 0; k < n; k++) {
        long id = word_id(al, li, text + w[k].start, w[k].end - w[k].start);
        if (id < 0)
            return (int)id;
        tw->coordinated |= al->words[id].coordinator;
        if (!al->words[id].function)
            tw->id[tw->n++] = id;
    }
    return 0;
}

struct pair {
    double sim;
    unsigned char i, j;
};

static int cmp_pair(const void *x, const void *y)
{
    const struct pair *a = x, *b = y;
    if (a->sim != b->sim)
        return a->sim > b->sim ? -1 : 1;
    if (a->i != b->i)
        return a->i < b->i ? -1 : 1;
    return a->j < b->j ? -1 : a->j > b->j;
}

/* The value of a one-to-one matching of words, best pairs first: a word of
 * one side supports at most one word of the other (so `lutte` cannot stand
 * for both `counter` and `terrorism`). */
static double greedy_match(struct pair *pairs, size_t n)
{
    uint64_t used_i = 0, used_j = 0;
    double sum = 0;
    qsort(pairs, n, sizeof *pairs, cmp_pair);
    for (size_t k = 0; k < n; k++) {
        uint64_t bi = (uint64_t)1 << pairs[k].i, bj = (uint64_t)1 << pairs[k].j;
        if ((used_i & bi) || (used_j & bj))
            continue;
        used_i |= bi;
        used_j |= bj;
        sum += pairs[k].sim;
    }
    return sum;
}

static int term_words(struct glossa_aligner *al, size_t li, const char *text, size_t start,
                      size_t end, struct termwords *tw)
{
    return term_words_mode(al, li, text, start, end, 0, tw);
}

/* Soft Dice of two word bags under a one-to-one matching. */
static double bag_score(const struct glossa_aligner *al, const struct termwords *a,
                        const struct termwords *b)
{
    struct pair pairs[MAX_TERM_WORDS * MAX_TERM_WORDS];
    size_t n = 0;
    if (!a->n || !b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++) {
            double s = word_sim(al, a->id[i], b->id[j]);
            if (s > 0)
                pairs[n++] = (struct pair){s, (unsigned char)i, (unsigned char)j};
        }
    return 2 * greedy_match(pairs, n) / (double)(a->n + b->n);
}

/* ------------------------------------------------------------ span search */

static int region_words(struct glossa_aligner *al, const struct version *v, size_t start,
                        size_t end, struct region_words *rw)
{
    rw->n = tokenize(v->body, start, end, rw->w, MAX_REGION_WORDS);
    for (size_t k = 0; k < rw->n; k++) {
        long id = word_id(al, v->li, v->body + rw->w[k].start, rw->w[k].end - rw->w[k].start);
        if (id < 0)
            return (int)id;
        rw->id[k] = id;
    }
    return 0;
}

/* A break between words a and b that a name does not cross: a bracket,
 * sentence punctuation or a quotation mark. */
static int hard_break(const char *body, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        char c = body[i];
        if (c == '(' || c == ')' || c == '[' || c == ']' || c == ';' || c == ':' || c == '.' ||
            c == ',' || c == '"' || c == '\n')
            return 1;
        if ((unsigned char)c == 0xC2 && i + 1 < to &&
            ((unsigned char)body[i + 1] == 0xAB || (unsigned char)body[i + 1] == 0xBB))
            return 1; /* « » */
    }
    return 0;
}

struct found {
    size_t start, end; /* body offsets */
    double score;
};

/* The span of region [rstart, rend) of version v whose words best match the
 * pivot term's words; max_end limits the right edge (SIZE_MAX: none). */
static int search_span(struct glossa_aligner *al, const struct termwords *tw,
                       const struct version *v, size_t rstart, size_t rend, size_t max_end,
                       struct found *best)
{
    struct region_words *rw = al->rw;
    double sim[MAX_TERM_WORDS][64];
    struct pair pairs[MAX_TERM_WORDS * 16], work[MAX_TERM_WORDS * 16];
    size_t maxlen;
    int rc;
    best->score = 0;
    best->start = best->end = 0;
    if (!tw->n || rend <= rstart)
        return 0;
    if ((rc = region_words(al, v, rstart, rend, rw)))
        return rc;
    maxlen = tw->n * 2 + 4;
    for (size_t s = 0; s < rw->n; s++) {
        size_t ncontent = 0, npairs = 0;
        int start_ok = 0;
        if (rw->w[s].start >= max_end)
            continue;
        /* a function word starts a span only as part of a hyphenated name: Al-Qaida */
        if (al->words[rw->id[s]].function &&
            !(rw->w[s].end < v->body_len && v->body[rw->w[s].end] == '-' &&
              is_capitalised(v->body + rw->w[s].start, rw->w[s].end - rw->w[s].start)))
            continue;
        for (size_t i = 0; i < tw->n; i++) {
            for (size_t e = 0; e < maxlen && s + e < rw->n && e < 64; e++)
                sim[i][e] = word_sim(al, tw->id[i], rw->id[s + e]);
            if (sim[i][0] > 0)
                start_ok = 1;
        }
        if (!start_ok && !is_capitalised(v->body + rw->w[s].start, rw->w[s].end - rw->w[s].start))
            continue;
        for (size_t e = 0; e < maxlen && s + e < rw->n && e < 64; e++) {
            size_t k = s + e;
            double xbest = 0, score;
            if (rw->w[k].end > max_end)
                break;
            if (e > 0 && hard_break(v->body, rw->w[k - 1].end, rw->w[k].start))
                break;
            /* a name without "and" is not two names joined: l'Afrique de
             * l'Ouest et du Groupe intergouvernemental ... */
            if (!tw->coordinated && al->words[rw->id[k]].coordinator)
                break;
            if (al->words[rw->id[k]].function)
                continue;
            ncontent++;
            for (size_t i = 0; i < tw->n; i++) {
                if (sim[i][e] > xbest)
                    xbest = sim[i][e];
                if (sim[i][e] > 0 && npairs < sizeof pairs / sizeof pairs[0])
                    pairs[npairs++] = (struct pair){sim[i][e], (unsigned char)i, (unsigned char)e};
            }
            if (xbest == 0)
                continue; /* a span ends on a word that matches */
            memcpy(work, pairs, npairs * sizeof *pairs);
            score = 2 * greedy_match(work, npairs) / (double)(tw->n + ncontent);
            /* a capitalised name starts on a capital in the other language
             * too, when two spans match as well: la Conférence ministérielle
             * ... sur le logement, not le logement ... et la Conférence */
            if (tw->capital &&
                !is_capitalised(v->body + rw->w[s].start, rw->w[s].end - rw->w[s].start))
                score *= 0.98;
            if (score > best->score + 1e-9) {
                best->score = score;
                best->start = rw->w[s].start;
                best->end = rw->w[k].end;
            }
        }
    }
    return 0;
}

/* The counterpart in x's region [rs, re) of the pivot's term text[start, end):
 * an approved seed name when the seed has one and it is there (*given then
 * points to the seed's term, score 1), else the best matching span. */
static int find_counterpart(struct glossa_aligner *al, const char *text, size_t start, size_t end,
                            const struct version *x, size_t rs, size_t re, size_t limit,
                            struct found *f, const char **given)
{
    const struct version *p = &al->v[0];
    const char *g = given_counterpart(al, p->lang, text + start, end - start, x->lang);
    struct termwords tw;
    int rc;
    *given = NULL;
    if (g && *g) {
        if ((rc = term_words(al, x->li, g, 0, strlen(g), &tw)) ||
            (rc = search_span(al, &tw, x, rs, re, limit, f)))
            return rc;
        if (f->score >= 0.75) {
            f->score = 1.0;
            *given = g;
            return 0;
        }
    }
    if ((rc = term_words(al, p->li, text, start, end, &tw)) ||
        (rc = search_span(al, &tw, x, rs, re, limit, f)))
        return rc;
    {
        /* a compound may be one word in the other language: Anti-Terrorism, antiterrorista */
        struct span w[MAX_TERM_WORDS];
        size_t n = tokenize(text, start, end, w, MAX_TERM_WORDS);
        struct found fj;
        if (!has_hyphen_compound(text, w, n))
            return 0;
        if ((rc = term_words_mode(al, p->li, text, start, end, 1, &tw)) ||
            (rc = search_span(al, &tw, x, rs, re, limit, &fj)))
            return rc;
        if (fj.score > f->score + 0.05) /* clearly better: else the words split */
            *f = fj;
    }
    return 0;
}

/* ------------------------------------------------------------ preparation */

static int cmp_occ_rec(const void *x, const void *y)
{
    const struct occ_rec *a = x, *b = y;
    return a->offset < b->offset ? -1 : a->offset > b->offset;
}

/* The segment holding body offset off (the last one starting at or before it). */
static size_t segment_of(const struct version *v, size_t off)
{
    size_t lo = 0, hi = v->segs ? v->segs->n : 0;
    if (!hi)
        return 0;
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (v->segs->items[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static int prepare_version(struct glossa_aligner *al, struct version *v)
{
    struct strmap index = {0};
    int rc = 0;
    (void)al;
    if (v->nocc > 1)
        qsort(v->occ, v->nocc, sizeof *v->occ, cmp_occ_rec);
    for (size_t i = 0; i < v->nocc; i++) {
        struct occ_rec *o = &v->occ[i];
        struct strbuf key = STRBUF_INIT;
        uint32_t *found;
        o->seg = segment_of(v, o->offset);
        if (o->type != GLOSSA_TERM_ACRONYM)
            continue;
        if (glossa_fold_append(&key, v->body + o->offset, o->len, GLOSSA_FOLD_TYPO)) {
            strbuf_release(&key);
            continue;
        }
        found = strmap_find(&index, key.buf, key.len);
        if (!found) {
            struct acro *p = realloc(v->acros, (v->nacros + 1) * sizeof *p);
            if (!p || strmap_put(&index, key.buf, key.len, (uint32_t)v->nacros)) {
                if (p)
                    v->acros = p;
                strbuf_release(&key);
                rc = GLOSSA_ENOMEM;
                break;
            }
            v->acros = p;
            memset(&p[v->nacros], 0, sizeof *p);
            p[v->nacros].first = i;
            p[v->nacros].def = -1;
            p[v->nacros].concept = -1;
            p[v->nacros].key = strbuf_detach(&key, NULL);
            found = strmap_find(&index, p[v->nacros].key, strlen(p[v->nacros].key));
            v->nacros++;
        }
        strbuf_release(&key);
        if (!found || ids_push(&v->acros[*found].occs, (uint32_t)i)) {
            rc = GLOSSA_ENOMEM;
            break;
        }
        if (o->exp_len && v->acros[*found].def < 0)
            v->acros[*found].def = (long)i;
    }
    strmap_release(&index);
    return rc;
}

static int align_segments(struct glossa_aligner *al, struct version *x, struct glossa_error *err)
{
    const struct version *p = &al->v[0];
    size_t na = p->segs ? p->segs->n : 0, nb = x->segs ? x->segs->n : 0;
    struct glossa_bitext_unit *ua = calloc(na + 1, sizeof *ua), *ub = calloc(nb + 1, sizeof *ub);
    int rc;
    const char *why = NULL;
    if (p->units && x->units) {
        free(ua);
        free(ub);
        return glossa_bitext_from_units(p->units, p->nunits, x->units, x->nunits, &x->bt, err);
    }
    if (!ua || !ub) {
        free(ua);
        free(ub);
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < na; i++) {
        const struct glossa_segment *s = &p->segs->items[i];
        const struct glossa_paragraph *para = &p->segs->paragraphs[s->paragraph];
        ua[i] = (struct glossa_bitext_unit){p->body + s->start, s->end - s->start,
                                            para->first_segment == i ? para->number : NULL};
    }
    for (size_t j = 0; j < nb; j++) {
        const struct glossa_segment *s = &x->segs->items[j];
        const struct glossa_paragraph *para = &x->segs->paragraphs[s->paragraph];
        ub[j] = (struct glossa_bitext_unit){x->body + s->start, s->end - s->start,
                                            para->first_segment == j ? para->number : NULL};
    }
    rc = glossa_bitext_align(ua, na, ub, nb, &x->bt, err);
    free(ua);
    free(ub);
    if (rc)
        return rc;
    if (!al->opts.force && !glossa_bitext_consistent(&x->bt, &why))
        return glossa_error_set(err, GLOSSA_EMISMATCH, x->name, 0, 0,
                                "is not a version of the same document as '%s': %s", p->name, why);
    return 0;
}

/* The body range of x's segments in the bead of pivot segment s (widened to
 * the neighbouring beads when that bead has nothing on x's side). */
static void x_region_wide(const struct version *x, size_t pseg, size_t radius, size_t *start,
                          size_t *end)
{
    const struct glossa_bitext *bt = &x->bt;
    size_t k, first, last;
    *start = *end = 0;
    if (!bt->nbeads || pseg >= bt->na) {
        *end = x->body_len;
        return;
    }
    k = bt->a_bead[pseg];
    first = k > radius ? k - radius : 0;
    last = k + radius < bt->nbeads ? k + radius : bt->nbeads - 1;
    while (bt->beads[first].b_start == bt->beads[first].b_end && first > 0)
        first--;
    while (bt->beads[last].b_start == bt->beads[last].b_end && last + 1 < bt->nbeads)
        last++;
    if (bt->beads[first].b_start == bt->beads[last].b_end)
        return;
    *start = x->segs->items[bt->beads[first].b_start].start;
    *end = x->segs->items[bt->beads[last].b_end - 1].end;
}

static void x_region(const struct version *x, size_t pseg, size_t *start, size_t *end)
{
    x_region_wide(x, pseg, 0, start, end);
}

/* The same the other way: the pivot's range for x's segment. */
static void p_region(const struct glossa_aligner *al, const struct version *x, size_t xseg,
                     size_t *start, size_t *end)
{
    const struct glossa_bitext *bt = &x->bt;
    const struct version *p = &al->v[0];
    size_t k, first, last;
    *start = *end = 0;
    if (!bt->nbeads || xseg >= bt->nb) {
        *end = p->body_len;
        return;
    }
    k = bt->b_bead[xseg];
    first = k;
    last = k;
    while (bt->beads[first].a_start == bt->beads[first].a_end && first > 0)
        first--;
    while (bt->beads[last].a_start == bt->beads[last].a_end && last + 1 < bt->nbeads)
        last++;
    if (bt->beads[first].a_start == bt->beads[last].a_end)
        return;
    *start = p->segs->items[bt->beads[first].a_start].start;
    *end = p->segs->items[bt->beads[last].a_end - 1].end;
}

static size_t bead_of(const struct version *x, int pivot_side, size_t seg)
{
    if (pivot_side)
        return seg < x->bt.na ? x->bt.a_bead[seg] : (size_t)-1;
    return seg < x->bt.nb ? x->bt.b_bead[seg] : (size_t)-1;
}

/* ------------------------------------------------------------ concepts */

static long new_concept(struct glossa_aligner *al, int acronym)
{
    struct concept *c;
    if (al->nconcepts == al->concepts_cap) {
        size_t cap = al->concepts_cap ? al->concepts_cap * 2 : 32;
        struct concept *p = realloc(al->concepts, cap * sizeof *p);
        if (!p)
            return GLOSSA_ENOMEM;
        al->concepts = p;
        al->concepts_cap = cap;
    }
    c = &al->concepts[al->nconcepts];
    memset(c, 0, sizeof *c);
    c->acronym = acronym;
    for (size_t i = 0; i < MAX_VERSIONS; i++)
        c->sf[i] = -1;
    return (long)al->nconcepts++;
}

static char *copy_text(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

/* Sets a concept's term of version vi from body text (Russian put in the
 * nominative when lemmatise is set). */
static int set_term(struct glossa_aligner *al, char **slot, size_t vi, const char *s, size_t n,
                    int lemmatise)
{
    struct strbuf out = STRBUF_INIT;
    int rc;
    free(*slot);
    *slot = NULL;
    if (lemmatise && !strcmp(al->v[vi].lang, "ru"))
        rc = glossa_lemma_term(al->lemma_ru, s, n, &out);
    else
        rc = strbuf_add(&out, s, n);
    /* one line, single spaces: PDF text may carry line breaks inside a name */
    if (!rc) {
        size_t w = 0;
        for (size_t i = 0; i < out.len; i++) {
            char c = out.buf[i] == '\n' || out.buf[i] == '\t' ? ' ' : out.buf[i];
            if (c == ' ' && (w == 0 || out.buf[w - 1] == ' '))
                continue;
            out.buf[w++] = c;
        }
        while (w && out.buf[w - 1] == ' ')
            w--;
        strbuf_setlen(&out, w);
        *slot = strbuf_detach(&out, NULL);
    }
    strbuf_release(&out);
    return *slot ? 0 : GLOSSA_ENOMEM;
}

/* Is there an approved seed pair between pivot text a and x text b? */
static int seed_pair(struct glossa_aligner *al, const char *la, const char *a, size_t alen,
                     const char *lb, const char *b, size_t blen, int acronym)
{
    long sa = -1, sb = -1;
    for (size_t s = 0; s < al->nseed_langs; s++) {
        if (!strcmp(al->seed_langs[s], la))
            sa = (long)s;
        if (!strcmp(al->seed_langs[s], lb))
            sb = (long)s;
    }
    if (sa < 0 || sb < 0)
        return 0;
    for (size_t e = 0; e < al->nseeds; e++) {
        const struct seed_entry *se = &al->seeds[e];
        const char *ta = se->terms[sa], *tb = se->terms[sb];
        if (!se->approved || !ta || !tb || se->acronym != acronym)
            continue;
        if (strlen(ta) == alen && strlen(tb) == blen && !memcmp(ta, a, alen) &&
            !memcmp(tb, b, blen))
            return 1;
    }
    return 0;
}

struct candidate {
    size_t a, b;
    double score;
};

static int cmp_candidate(const void *x, const void *y)
{
    const struct candidate *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

static double long_form_similarity(struct glossa_aligner *al, const struct version *p,
                                   const struct acro *pa, const struct version *x,
                                   const struct acro *xa)
{
    struct termwords tp, tx;
    const struct occ_rec *dp, *dx;
    if (pa->def < 0 || xa->def < 0)
        return -1;
    dp = &p->occ[pa->def];
    dx = &x->occ[xa->def];
    if (term_words(al, p->li, p->body, dp->exp_offset, dp->exp_offset + dp->exp_len, &tp) ||
        term_words(al, x->li, x->body, dx->exp_offset, dx->exp_offset + dx->exp_len, &tx))
        return 0;
    return bag_score(al, &tp, &tx);
}

/* Pairs the short forms of x with the pivot's. */
static int match_acronyms(struct glossa_aligner *al, size_t xi)
{
    struct version *p = &al->v[0], *x = &al->v[xi];
    size_t np = p->nacros, nx = x->nacros, ncand = 0;
    double *votes = NULL, *lfs = NULL;
    size_t *pcount = NULL, *xcount = NULL;
    struct candidate *cand = NULL;
    char *pused = NULL, *xused = NULL;
    int rc = GLOSSA_ENOMEM;
    if (!np || !nx)
        return 0;
    votes = calloc(np * nx, sizeof *votes);
    lfs = calloc(np * nx, sizeof *lfs);
    pcount = calloc(np, sizeof *pcount);
    xcount = calloc(nx, sizeof *xcount);
    cand = malloc(np * nx * sizeof *cand);
    pused = calloc(np + nx, 1);
    xused = calloc(nx + 1, 1);
    if (!votes || !lfs || !pcount || !xcount || !cand || !pused || !xused)
        goto done;
    for (size_t a = 0; a < np; a++)
        for (size_t b = 0; b < nx; b++)
            lfs[a * nx + b] = long_form_similarity(al, p, &p->acros[a], x, &x->acros[b]);
    /* one-to-one inside each bead: walk the pivot's occurrences bead by bead */
    {
        size_t i = 0, j = 0;
        /* occurrence lists of acronyms, by bead */
        while (i < p->nocc || j < x->nocc) {
            size_t bead_p = (size_t)-1, bead_x = (size_t)-1, bead;
            size_t pi0 = i, xj0 = j;
            while (i < p->nocc && p->occ[i].type != GLOSSA_TERM_ACRONYM)
                i++;
            while (j < x->nocc && x->occ[j].type != GLOSSA_TERM_ACRONYM)
                j++;
            if (i < p->nocc)
                bead_p = bead_of(x, 1, p->occ[i].seg);
            if (j < x->nocc)
                bead_x = bead_of(x, 0, x->occ[j].seg);
            bead = bead_p < bead_x ? bead_p : bead_x;
            if (bead == (size_t)-1)
                break;
            pi0 = i;
            xj0 = j;
            while (i < p->nocc &&
                   (p->occ[i].type != GLOSSA_TERM_ACRONYM || bead_of(x, 1, p->occ[i].seg) == bead))
                i++;
            while (j < x->nocc &&
                   (x->occ[j].type != GLOSSA_TERM_ACRONYM || bead_of(x, 0, x->occ[j].seg) == bead))
                j++;
            /* the distinct forms of this bead on each side */
            {
                size_t nc = 0;
                memset(pused, 0, np + nx);
                for (size_t a = 0; a < np; a++)
                    for (size_t k = 0; k < p->acros[a].occs.n; k++) {
                        size_t o = p->acros[a].occs.v[k];
                        if (o >= pi0 && o < i)
                            pused[a] = 1;
                    }
                for (size_t b = 0; b < nx; b++)
                    for (size_t k = 0; k < x->acros[b].occs.n; k++) {
                        size_t o = x->acros[b].occs.v[k];
                        if (o >= xj0 && o < j)
                            pused[np + b] = 1;
                    }
                for (size_t a = 0; a < np; a++) {
                    if (!pused[a])
                        continue;
                    pcount[a]++;
                    for (size_t b = 0; b < nx; b++) {
                        double s;
                        if (!pused[np + b])
                            continue;
                        s = !strcmp(p->acros[a].key, x->acros[b].key) ? 1.0
                            : lfs[a * nx + b] >= 0                    ? 0.2 + lfs[a * nx + b]
                                                                      : 0.5;
                        cand[nc++] = (struct candidate){a, b, s};
                    }
                }
                for (size_t b = 0; b < nx; b++)
                    xcount[b] += pused[np + b];
                qsort(cand, nc, sizeof *cand, cmp_candidate);
                memset(xused, 0, nx + 1);
                for (size_t c = 0; c < nc; c++) {
                    if (pused[cand[c].a] != 1 || xused[cand[c].b])
                        continue;
                    pused[cand[c].a] = 2;
                    xused[cand[c].b] = 1;
                    votes[cand[c].a * nx + cand[c].b] += 1;
                }
            }
        }
    }
    /* over the document */
    for (size_t a = 0; a < np; a++) {
        const struct acro *pa = &p->acros[a];
        for (size_t b = 0; b < nx; b++) {
            const struct acro *xa = &x->acros[b];
            double s = 0, co, lf = lfs[a * nx + b];
            size_t denom = pcount[a] > xcount[b] ? pcount[a] : xcount[b];
            co = denom ? votes[a * nx + b] / (double)denom : 0;
            if (!strcmp(pa->key, xa->key))
                s = 0.95;
            else if (seed_pair(al, p->lang, pa->key, strlen(pa->key), x->lang, xa->key,
                               strlen(xa->key), 1))
                s = 1.0;
            else if (lf >= 0)
                s = 0.5 * co + 0.5 * lf;
            else if (pa->def >= 0 || xa->def >= 0)
                s = 0.75 * co;
            else
                s = 0.5 * co;
            if (s >= 0.3)
                cand[ncand++] = (struct candidate){a, b, s};
        }
    }
    qsort(cand, ncand, sizeof *cand, cmp_candidate);
    memset(pused, 0, np + nx);
    memset(xused, 0, nx + 1);
    for (size_t c = 0; c < ncand; c++) {
        struct acro *pa = &p->acros[cand[c].a], *xa = &x->acros[cand[c].b];
        struct concept *con;
        long ci;
        if (pused[cand[c].a] || xused[cand[c].b])
            continue;
        pused[cand[c].a] = 1;
        xused[cand[c].b] = 1;
        ci = pa->concept;
        if (ci < 0) {
            ci = new_concept(al, 1);
            if (ci < 0)
                goto done;
            pa->concept = ci;
            al->concepts[ci].sf[0] = (long)cand[c].a;
            al->concepts[ci].order = p->occ[pa->first].offset;
            al->concepts[ci].count = pa->occs.n;
        }
        con = &al->concepts[ci];
        con->sf[xi] = (long)cand[c].b;
        con->score[xi] = cand[c].score;
        xa->concept = ci;
    }
    rc = 0;
done:
    free(votes);
    free(lfs);
    free(pcount);
    free(xcount);
    free(cand);
    free(pused);
    free(xused);
    return rc;
}

/* The long form of concept c in version xi, from x's definition or searched
 * near the pivot's definition. */
static int long_form_in(struct glossa_aligner *al, struct concept *c, size_t xi)
{
    struct version *p = &al->v[0], *x = &al->v[xi];
    const struct acro *pa = c->sf[0] >= 0 ? &p->acros[c->sf[0]] : NULL;
    const struct acro *xa = c->sf[xi] >= 0 ? &x->acros[c->sf[xi]] : NULL;
    const char *given;
    struct found f = {0, 0, 0};
    const struct occ_rec *dp;
    size_t rs, re, limit = SIZE_MAX;
    int rc;
    if (xa && xa->def >= 0) {
        const struct occ_rec *dx = &x->occ[xa->def];
        double s = pa ? long_form_similarity(al, p, pa, x, xa) : -1;
        if (s < 0 || s >= 0.25) {
            c->lf_score[xi] = s < 0 ? 0.5 : s;
            return set_term(al, &c->lf_text[xi], xi, x->body + dx->exp_offset, dx->exp_len, 1);
        }
    }
    if (!pa || pa->def < 0)
        return 0;
    dp = &p->occ[pa->def];
    x_region(x, dp->seg, &rs, &re);
    /* x's short form in that region bounds the long form on the right */
    if (xa)
        for (size_t k = 0; k < xa->occs.n; k++) {
            const struct occ_rec *o = &x->occ[xa->occs.v[k]];
            if (o->offset >= rs && o->offset < re) {
                limit = o->offset;
                break;
            }
        }
    if ((rc = find_counterpart(al, p->body, dp->exp_offset, dp->exp_offset + dp->exp_len, x, rs, re,
                               limit, &f, &given)))
        return rc;
    if (f.score >= 0.4) {
        c->lf_score[xi] = f.score;
        if (given)
            return set_term(al, &c->lf_text[xi], xi, given, strlen(given), 0);
        return set_term(al, &c->lf_text[xi], xi, x->body + f.start, f.end - f.start, 1);
    }
    return 0;
}

/* The pivot's long form for a concept only x defines (searched in the pivot). */
static int pivot_long_form(struct glossa_aligner *al, struct concept *c, size_t xi)
{
    struct version *p = &al->v[0], *x = &al->v[xi];
    const struct acro *xa = &x->acros[c->sf[xi]];
    const struct occ_rec *dx = &x->occ[xa->def];
    struct termwords tx;
    struct found f;
    size_t rs, re;
    int rc = term_words(al, x->li, x->body, dx->exp_offset, dx->exp_offset + dx->exp_len, &tx);
    if (rc)
        return rc;
    p_region(al, x, dx->seg, &rs, &re);
    if ((rc = search_span(al, &tx, p, rs, re, SIZE_MAX, &f)))
        return rc;
    if (f.score >= 0.4)
        return set_term(al, &c->lf_text[0], 0, p->body + f.start, f.end - f.start, 0);
    return 0;
}

static int build_acronym_concepts(struct glossa_aligner *al)
{
    struct version *p = &al->v[0];
    int rc;
    /* the pivot's defined short forms are concepts even when unmatched */
    for (size_t a = 0; a < p->nacros; a++) {
        long ci;
        if (p->acros[a].concept >= 0 || p->acros[a].def < 0)
            continue;
        ci = new_concept(al, 1);
        if (ci < 0)
            return (int)ci;
        p->acros[a].concept = ci;
        al->concepts[ci].sf[0] = (long)a;
        al->concepts[ci].order = p->occ[p->acros[a].first].offset;
        al->concepts[ci].count = p->acros[a].occs.n;
    }
    /* short forms only another version defines */
    for (size_t xi = 1; xi < al->nv; xi++) {
        struct version *x = &al->v[xi];
        for (size_t b = 0; b < x->nacros; b++) {
            long ci;
            if (x->acros[b].concept >= 0 || x->acros[b].def < 0)
                continue;
            ci = new_concept(al, 1);
            if (ci < 0)
                return (int)ci;
            x->acros[b].concept = ci;
            al->concepts[ci].sf[xi] = (long)b;
            al->concepts[ci].order = (size_t)-1 / 2 + x->occ[x->acros[b].first].offset;
            al->concepts[ci].count = x->acros[b].occs.n;
            al->concepts[ci].origin = (int)xi;
            al->concepts[ci].score[xi] = 0.5;
        }
    }
    for (size_t ci = 0; ci < al->nconcepts; ci++) {
        struct concept *c = &al->concepts[ci];
        int defined = 0;
        if (!c->acronym)
            continue;
        for (size_t vi = 0; vi < al->nv; vi++) {
            const struct version *v = &al->v[vi];
            if (c->sf[vi] >= 0) {
                const struct occ_rec *o = &v->occ[v->acros[c->sf[vi]].first];
                c->sf_text[vi] = copy_text(v->body + o->offset, o->len);
                if (!c->sf_text[vi])
                    return GLOSSA_ENOMEM;
                defined |= v->acros[c->sf[vi]].def >= 0;
            }
        }
        if (!defined) {
            c->acronym = -1; /* never defined anywhere: not a glossary concept */
            continue;
        }
        if (c->sf[0] >= 0 && p->acros[c->sf[0]].def >= 0) {
            const struct occ_rec *d = &p->occ[p->acros[c->sf[0]].def];
            if ((rc = set_term(al, &c->lf_text[0], 0, p->body + d->exp_offset, d->exp_len, 0)))
                return rc;
        } else {
            for (size_t xi = 1; xi < al->nv && !c->lf_text[0]; xi++)
                if (c->sf[xi] >= 0 && al->v[xi].acros[c->sf[xi]].def >= 0 &&
                    (rc = pivot_long_form(al, c, xi)))
                    return rc;
        }
        for (size_t xi = 1; xi < al->nv; xi++)
            if ((rc = long_form_in(al, c, xi)))
                return rc;
    }
    return 0;
}

/* ------------------------------------------------------------ entities */

struct tally {
    char *key;
    const char *given; /* the seed's term, when that is what was found */
    size_t start, len; /* first surface seen */
    double score;
    size_t count;
};

static int is_acronym_like(const char *s, size_t n)
{
    size_t upper = 0, letters = 0;
    int32_t i = 0;
    while (i < (int32_t)n) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        if (c < 0)
            return 0;
        if (u_isalpha(c)) {
            letters++;
            upper += u_isupper(c) != 0;
        } else if (c == ' ') {
            return 0;
        }
    }
    return letters >= 2 && upper * 2 > letters;
}

static int entity_is_long_form(struct glossa_aligner *al, const char *s, size_t n)
{
    struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
    int same = 0;
    if (glossa_fold_append(&a, s, n, GLOSSA_FOLD_MATCH))
        goto out;
    for (size_t ci = 0; ci < al->nconcepts && !same; ci++) {
        const char *lf = al->concepts[ci].lf_text[0];
        if (al->concepts[ci].acronym != 1 || !lf)
            continue;
        strbuf_reset(&b);
        if (!glossa_fold_append(&b, lf, strlen(lf), GLOSSA_FOLD_MATCH) && !strcmp(a.buf, b.buf))
            same = 1;
    }
out:
    strbuf_release(&a);
    strbuf_release(&b);
    return same;
}

static int build_entities(struct glossa_aligner *al)
{
    struct version *p = &al->v[0];
    struct strmap index = {0};
    long *ent_concept = NULL;
    int rc = 0;
    if (!p->nocc)
        return 0;
    ent_concept = malloc(p->nocc * sizeof *ent_concept);
    if (!ent_concept)
        return GLOSSA_ENOMEM;
    /* distinct pivot entities */
    for (size_t i = 0; i < p->nocc && !rc; i++) {
        const struct occ_rec *o = &p->occ[i];
        struct strbuf key = STRBUF_INIT;
        uint32_t *found;
        ent_concept[i] = -1;
        if (o->type != GLOSSA_TERM_ENTITY || is_acronym_like(p->body + o->offset, o->len))
            continue;
        if (glossa_fold_append(&key, p->body + o->offset, o->len, GLOSSA_FOLD_MATCH)) {
            strbuf_release(&key);
            continue;
        }
        found = strmap_find(&index, key.buf, key.len);
        if (found) {
            ent_concept[i] = (long)*found;
            al->concepts[*found].count++;
        } else if (!entity_is_long_form(al, p->body + o->offset, o->len)) {
            long ci = new_concept(al, 0);
            if (ci < 0 || strmap_put(&index, key.buf, key.len, (uint32_t)ci))
                rc = GLOSSA_ENOMEM;
            else {
                ent_concept[i] = ci;
                al->concepts[ci].count = 1;
                al->concepts[ci].order = (size_t)-1 / 4 * 3 + o->offset;
                rc = set_term(al, &al->concepts[ci].lf_text[0], 0, p->body + o->offset, o->len, 0);
            }
        }
        strbuf_release(&key);
    }
    /* their counterparts in each version */
    for (size_t xi = 1; xi < al->nv && !rc; xi++) {
        struct version *x = &al->v[xi];
        size_t nconc = al->nconcepts;
        struct tally **tallies = calloc(nconc, sizeof *tallies);
        size_t *ntally = calloc(nconc, sizeof *ntally);
        size_t *tried = calloc(nconc, sizeof *tried);
        if (!tallies || !ntally || !tried) {
            free(tallies);
            free(ntally);
            free(tried);
            rc = GLOSSA_ENOMEM;
            break;
        }
        for (size_t i = 0; i < p->nocc && !rc; i++) {
            struct found f;
            size_t rs, re;
            long ci = ent_concept[i];
            struct strbuf key = STRBUF_INIT;
            const struct occ_rec *o = &p->occ[i];
            const char *given;
            size_t t;
            if (ci < 0)
                continue;
            tried[ci]++;
            x_region(x, o->seg, &rs, &re);
            if ((rc = find_counterpart(al, p->body, o->offset, o->offset + o->len, x, rs, re,
                                       SIZE_MAX, &f, &given)))
                break;
            if (f.score < 0.45) { /* the segment alignment may be off by a bead or two */
                x_region_wide(x, o->seg, 2, &rs, &re);
                if ((rc = find_counterpart(al, p->body, o->offset, o->offset + o->len, x, rs, re,
                                           SIZE_MAX, &f, &given)))
                    break;
                f.score *= 0.9;
            }
            if (f.score < 0.45)
                continue;
            if (given ? glossa_fold_append(&key, given, strlen(given), GLOSSA_FOLD_MATCH)
                      : glossa_fold_append(&key, x->body + f.start, f.end - f.start,
                                           GLOSSA_FOLD_MATCH)) {
                strbuf_release(&key);
                continue;
            }
            for (t = 0; t < ntally[ci]; t++)
                if (!strcmp(tallies[ci][t].key, key.buf))
                    break;
            if (t == ntally[ci]) {
                struct tally *g = realloc(tallies[ci], (t + 1) * sizeof *g);
                if (!g) {
                    strbuf_release(&key);
                    rc = GLOSSA_ENOMEM;
                    break;
                }
                tallies[ci] = g;
                g[t] = (struct tally){strbuf_detach(&key, NULL), given, f.start,
                                      f.end - f.start,           0,     0};
                ntally[ci]++;
            }
            strbuf_release(&key);
            tallies[ci][t].score += f.score;
            tallies[ci][t].count++;
        }
        for (size_t ci = 0; ci < nconc && !rc; ci++) {
            size_t best = (size_t)-1;
            for (size_t t = 0; t < ntally[ci]; t++)
                if (best == (size_t)-1 || tallies[ci][t].score > tallies[ci][best].score)
                    best = t;
            if (best != (size_t)-1) {
                struct concept *c = &al->concepts[ci];
                const struct tally *tb = &tallies[ci][best];
                c->score[xi] = tb->score / (double)tried[ci];
                rc = tb->given ? set_term(al, &c->lf_text[xi], xi, tb->given, strlen(tb->given), 0)
                               : set_term(al, &c->lf_text[xi], xi, x->body + tb->start, tb->len, 1);
            }
            for (size_t t = 0; t < ntally[ci]; t++)
                free(tallies[ci][t].key);
            free(tallies[ci]);
        }
        free(tallies);
        free(ntally);
        free(tried);
    }
    free(ent_concept);
    strmap_release(&index);
    return rc;
}

/* ------------------------------------------------------------ rows */

static double concept_confidence(const struct glossa_aligner *al, const struct concept *c,
                                 int full_form)
{
    double sum = 0;
    size_t n = 0;
    for (size_t xi = 0; xi < al->nv; xi++) {
        if (xi == (size_t)c->origin)
            continue;
        sum += full_form ? c->lf_score[xi] : c->score[xi];
        n++;
    }
    return n ? sum / (double)n : 1.0;
}

struct ordered {
    size_t order, ci;
};

static int cmp_ordered(const void *x, const void *y)
{
    const struct ordered *a = x, *b = y;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return a->ci < b->ci ? -1 : a->ci > b->ci;
}

static const char *empty_if_null(const char *s)
{
    return s ? s : "";
}

static int add_row(struct glossa_aligner *al, size_t ci, enum glossa_align_row_type type,
                   double confidence)
{
    const struct concept *c = &al->concepts[ci];
    struct glossa_align_row *r = &al->rows[al->nrows];
    const char **terms = al->row_terms + al->nrows * al->nv;
    const char *name = NULL;
    for (size_t vi = 0; vi < al->nv; vi++)
        terms[vi] = empty_if_null(type == GLOSSA_ALIGN_ACRONYM ? c->sf_text[vi] : c->lf_text[vi]);
    /* the concept is named by its acronym, else by its first term */
    for (size_t vi = 0; vi < al->nv && !name; vi++) {
        const char *t = c->acronym == 1 ? c->sf_text[vi] : c->lf_text[vi];
        if (t && *t)
            name = t;
    }
    if (!name)
        name = "";
    al->row_concepts[al->nrows] = glossa_concept_id(name, strlen(name));
    if (!al->row_concepts[al->nrows])
        return GLOSSA_ENOMEM;
    r->type = type;
    r->concept = al->row_concepts[al->nrows];
    r->terms = terms;
    r->confidence = confidence < 0 ? 0 : confidence > 1 ? 1 : confidence;
    r->count = c->count;
    al->nrows++;
    return 0;
}

static int build_rows(struct glossa_aligner *al)
{
    struct ordered *order = malloc((al->nconcepts + 1) * sizeof *order);
    size_t n = 0;
    size_t maxrows = al->nconcepts * 2 + 1;
    int rc = 0;
    al->rows = calloc(maxrows, sizeof *al->rows);
    al->row_terms = calloc(maxrows * al->nv + 1, sizeof *al->row_terms);
    al->row_concepts = calloc(maxrows, sizeof *al->row_concepts);
    if (!order || !al->rows || !al->row_terms || !al->row_concepts) {
        free(order);
        return GLOSSA_ENOMEM;
    }
    for (size_t ci = 0; ci < al->nconcepts; ci++)
        if (al->concepts[ci].acronym >= 0)
            order[n++] = (struct ordered){al->concepts[ci].order, ci};
    qsort(order, n, sizeof *order, cmp_ordered);
    for (size_t k = 0; k < n && !rc; k++) {
        const struct concept *c = &al->concepts[order[k].ci];
        size_t present = 0;
        for (size_t vi = 0; vi < al->nv; vi++)
            present += c->lf_text[vi] && *c->lf_text[vi];
        if (c->acronym == 1) {
            double conf = concept_confidence(al, c, 0);
            if (al->nv > 1 && conf < al->opts.min_confidence)
                continue;
            rc = add_row(al, order[k].ci, GLOSSA_ALIGN_ACRONYM, conf);
            if (!rc && present)
                rc = add_row(al, order[k].ci, GLOSSA_ALIGN_FULL_FORM, concept_confidence(al, c, 1));
        } else {
            double conf = concept_confidence(al, c, 0);
            if (al->nv > 1 && (present < 2 || conf < al->opts.min_confidence))
                continue;
            rc = add_row(al, order[k].ci, GLOSSA_ALIGN_ENTITY, conf);
        }
    }
    free(order);
    return rc;
}

int glossa_aligner_run(struct glossa_aligner *al, struct glossa_error *err)
{
    int rc;
    if (!al->nv)
        return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0, "no version to align");
    if ((rc = index_seed(al)))
        return glossa_error_set(err, rc, NULL, 0, 0, "out of memory");
    for (size_t vi = 0; vi < al->nv; vi++)
        if ((rc = prepare_version(al, &al->v[vi])))
            return glossa_error_set(err, rc, NULL, 0, 0, "out of memory");
    for (size_t xi = 1; xi < al->nv; xi++)
        if ((rc = align_segments(al, &al->v[xi], err)))
            return rc;
    for (size_t xi = 1; xi < al->nv; xi++)
        if ((rc = match_acronyms(al, xi)))
            return glossa_error_set(err, rc, NULL, 0, 0, "%s", glossa_strerror(rc));
    if ((rc = build_acronym_concepts(al)) || (rc = build_entities(al)) || (rc = build_rows(al)))
        return glossa_error_set(err, rc, NULL, 0, 0, "%s", glossa_strerror(rc));
    return 0;
}

const struct glossa_align_row *glossa_aligner_rows(const struct glossa_aligner *al, size_t *n)
{
    *n = al->nrows;
    return al->rows;
}

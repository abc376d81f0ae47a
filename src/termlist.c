/* termlist: one entry per distinct term of a run, summing its occurrences.
 *
 * Identity is (language, type, match key): acronyms keep their case (CIS and
 * Cis are different short forms), entities are case folded; both unify
 * typographic variants (’ and ', no-break spaces), so the PDF-extracted and
 * the word-processor versions of one name count together. The surface form kept
 * is the first one seen. Entries stay in order of first occurrence, which is
 * deterministic for a given input order. File names are interned as they
 * change, keys are built in one reused buffer: nothing is allocated for an
 * occurrence of a known term. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "hash.h"
#include "glossa/extract.h"
#include "strbuf.h"

struct entry_key {
    char *key; /* lang \x1f type \x1f fold key */
    size_t len, index;
    uint64_t hash;
};

struct glossa_termlist {
    struct glossa_term *items;
    size_t n, alloc;
    struct entry_key *table; /* open addressing, cap a power of two */
    size_t cap;
    char **files; /* interned file names */
    size_t nfiles;
    char **expansion_keys; /* per item: fold keys of the distinct expansions, '\n'-joined */
    struct strbuf key;     /* the key of the occurrence being added (reused) */
};

struct glossa_termlist *glossa_termlist_new(void)
{
    struct glossa_termlist *l = calloc(1, sizeof(*l));
    if (!l)
        return NULL;
    l->cap = 256;
    strbuf_init(&l->key);
    l->table = calloc(l->cap, sizeof(*l->table));
    if (!l->table) {
        free(l);
        return NULL;
    }
    return l;
}

void glossa_termlist_free(struct glossa_termlist *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].term);
        free(l->items[i].expansion);
        free(l->expansion_keys[i]);
    }
    free(l->items);
    free(l->expansion_keys);
    for (size_t i = 0; i < l->cap; i++)
        free(l->table[i].key);
    free(l->table);
    for (size_t i = 0; i < l->nfiles; i++)
        free(l->files[i]);
    free(l->files);
    strbuf_release(&l->key);
    free(l);
}

static int grow_table(struct glossa_termlist *l)
{
    size_t ncap = l->cap * 2;
    struct entry_key *nt = calloc(ncap, sizeof(*nt));
    if (!nt)
        return GLOSSA_ENOMEM;
    for (size_t i = 0; i < l->cap; i++) {
        size_t j;
        if (!l->table[i].key)
            continue;
        j = (size_t)(l->table[i].hash & (ncap - 1));
        while (nt[j].key)
            j = (j + 1) & (ncap - 1);
        nt[j] = l->table[i];
    }
    free(l->table);
    l->table = nt;
    l->cap = ncap;
    return 0;
}

/* Occurrences come file after file: a name is compared with the last one
 * interned only, so a file met again after another keeps a second copy (at
 * most one per distinct term, so memory follows the terms, not the input). */
static const char *intern_file(struct glossa_termlist *l, const char *file)
{
    char **grown;
    if (!file)
        return NULL;
    if (l->nfiles && !strcmp(l->files[l->nfiles - 1], file))
        return l->files[l->nfiles - 1];
    grown = realloc(l->files, sizeof(*grown) * (l->nfiles + 1));
    if (!grown)
        return NULL;
    l->files = grown;
    l->files[l->nfiles] = strdup(file);
    return l->files[l->nfiles] ? l->files[l->nfiles++] : NULL;
}

/* Records a distinct expansion of item i; returns 0 or GLOSSA_ENOMEM. */
static int note_expansion(struct glossa_termlist *l, size_t i, const char *exp, size_t len)
{
    struct strbuf key = STRBUF_INIT, all = STRBUF_INIT;
    const char *known = l->expansion_keys[i] ? l->expansion_keys[i] : "";
    int rc = glossa_fold_append(&key, exp, len, GLOSSA_FOLD_MATCH);
    if (rc)
        goto out;
    for (const char *p = known; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n == key.len && !memcmp(p, key.buf, n))
            goto out; /* seen already */
        p += n + (nl ? 1 : 0);
    }
    strbuf_addstr(&all, known);
    if (all.len)
        strbuf_addch(&all, '\n');
    strbuf_add(&all, key.buf, key.len);
    free(l->expansion_keys[i]);
    l->expansion_keys[i] = strbuf_detach(&all, NULL);
    l->items[i].nexpansions++;
out:
    strbuf_release(&key);
    strbuf_release(&all);
    return rc;
}

/* Appends a zero-count item for occ's term. */
static int new_term(struct glossa_termlist *l, const struct glossa_occurrence *occ)
{
    struct glossa_term *t;
    if (l->n == l->alloc) {
        size_t na = l->alloc ? l->alloc * 2 : 64;
        struct glossa_term *gi = realloc(l->items, sizeof(*gi) * na);
        char **gk;
        if (!gi)
            return GLOSSA_ENOMEM;
        l->items = gi;
        gk = realloc(l->expansion_keys, sizeof(*gk) * na);
        if (!gk)
            return GLOSSA_ENOMEM;
        l->expansion_keys = gk;
        l->alloc = na;
    }
    t = &l->items[l->n];
    memset(t, 0, sizeof(*t));
    memcpy(t->lang, occ->lang, sizeof(t->lang));
    t->type = occ->type;
    t->term = strndup(occ->term, occ->term_len);
    t->expansion = strdup("");
    t->first_file = intern_file(l, occ->file);
    t->first_line = occ->line;
    t->first_column = occ->column;
    if (!t->term || !t->expansion || (occ->file && !t->first_file)) {
        free(t->term);
        free(t->expansion);
        return GLOSSA_ENOMEM;
    }
    l->expansion_keys[l->n++] = NULL;
    return 0;
}

int glossa_termlist_add(struct glossa_termlist *l, const struct glossa_occurrence *occ)
{
    struct strbuf *key = &l->key;
    unsigned flags = occ->type == GLOSSA_TERM_ACRONYM ? GLOSSA_FOLD_TYPO : GLOSSA_FOLD_MATCH;
    struct glossa_term *t;
    uint64_t h;
    size_t i, j;
    int rc;

    strbuf_reset(key);
    if (strbuf_addstr(key, occ->lang) || strbuf_addch(key, '\x1f') ||
        strbuf_addch(key, (char)('0' + (int)occ->type)) || strbuf_addch(key, '\x1f'))
        return GLOSSA_ENOMEM;
    if ((rc = glossa_fold_append(key, occ->term, occ->term_len, flags)))
        return rc;
    h = glossa_hash_bytes(key->buf, key->len);
    j = (size_t)(h & (l->cap - 1));
    while (l->table[j].key && (l->table[j].hash != h || l->table[j].len != key->len ||
                               memcmp(l->table[j].key, key->buf, key->len)))
        j = (j + 1) & (l->cap - 1);
    if (l->table[j].key) {
        i = l->table[j].index;
    } else {
        char *owned = malloc(key->len + 1);
        if (!owned)
            return GLOSSA_ENOMEM;
        memcpy(owned, key->buf, key->len + 1);
        if ((rc = new_term(l, occ))) {
            free(owned);
            return rc;
        }
        i = l->n - 1;
        l->table[j].key = owned;
        l->table[j].len = key->len;
        l->table[j].hash = h;
        l->table[j].index = i;
        if (l->n * 2 > l->cap && (rc = grow_table(l)))
            return rc;
    }
    t = &l->items[i];
    t->count++;
    if (occ->confidence > t->confidence)
        t->confidence = occ->confidence;
    if (!occ->expansion_len)
        return 0;
    if (!t->expansion[0]) {
        char *e = strndup(occ->expansion, occ->expansion_len);
        if (!e)
            return GLOSSA_ENOMEM;
        free(t->expansion);
        t->expansion = e;
    }
    return note_expansion(l, i, occ->expansion, occ->expansion_len);
}

int glossa_termlist_add_cb(const struct glossa_occurrence *occ, void *ctx)
{
    return glossa_termlist_add(ctx, occ);
}

const struct glossa_term *glossa_termlist_items(const struct glossa_termlist *l, size_t *n)
{
    *n = l->n;
    return l->items;
}

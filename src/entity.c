/* entity: named entities by rules and data, one language at a time.
 *
 * The finder tokenises the span (words, punctuation, the gaps between them),
 * then grows names from capitalised words: across further capitalised words,
 * across runs of connectors (of, de, del, по) that lead to a capital, and, in
 * French and Russian, across the lower-case words a known head licenses
 * ("Bureau de lutte contre le terrorisme", "Шанхайская организация
 * сотрудничества"). Titles (titles.txt) are matched as phrases and end any name
 * around them. Every word of language knowledge comes from data/lang/<code>/;
 * this file only holds the shape of the rules.
 *
 * Invariants: offsets are bytes into the caller's span; spans never overlap and
 * come out in text order; a newline, a tab or a wide run of spaces ends a name.
 * Russian heads, titles and known words are compared by Snowball stems (the
 * text inflects: Управлением, Управления), everything else by fold keys.
 *
 * Traps: word keys are computed lazily (most lower-case words are never looked
 * at) into one arena, so a key is an offset, not a pointer, until the arena
 * stops growing. A sentence-initial capital is no evidence: a single word there
 * is dropped, and so is a word after an opening bracket, a colon or a long
 * quotation ("Cooperation between ..."). A short quotation is a name
 * («Аль-Каида»). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "fold.h"
#include "glossa/entity.h"
#include "strbuf.h"

/* ---- small hash set of keys --------------------------------------------- */

struct key_set {
    unsigned bit;     /* this set's bit in struct token's class cache */
    char **keys;      /* open addressing, NULL = empty slot */
    size_t *lens;     /* key lengths, by slot */
    uint64_t *hashes; /* key hashes, by slot */
    size_t cap, n;
};

static uint64_t hash_key(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Whether set holds key[0..n), whose hash_key is h. */
static int set_has_hashed(const struct key_set *set, const char *key, size_t n, uint64_t h)
{
    size_t i;
    if (!set->n)
        return 0;
    i = (size_t)(h & (set->cap - 1));
    while (set->keys[i]) {
        if (set->hashes[i] == h && set->lens[i] == n && !memcmp(set->keys[i], key, n))
            return 1;
        i = (i + 1) & (set->cap - 1);
    }
    return 0;
}

static int set_has(const struct key_set *set, const char *key, size_t n)
{
    return set->n && set_has_hashed(set, key, n, hash_key(key, n));
}

static int set_add(struct key_set *set, const char *key, size_t n)
{
    uint64_t h = hash_key(key, n);
    size_t i;
    if ((set->n + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 32;
        char **keys = calloc(cap, sizeof(char *));
        size_t *lens = calloc(cap, sizeof(size_t));
        uint64_t *hashes = calloc(cap, sizeof(uint64_t));
        if (!keys || !lens || !hashes) {
            free(keys);
            free(lens);
            free(hashes);
            return GLOSSA_ENOMEM;
        }
        for (size_t k = 0; k < set->cap; k++)
            if (set->keys[k]) {
                size_t j = (size_t)(set->hashes[k] & (cap - 1));
                while (keys[j])
                    j = (j + 1) & (cap - 1);
                keys[j] = set->keys[k];
                lens[j] = set->lens[k];
                hashes[j] = set->hashes[k];
            }
        free(set->keys);
        free(set->lens);
        free(set->hashes);
        set->keys = keys;
        set->lens = lens;
        set->hashes = hashes;
        set->cap = cap;
    }
    if (set_has(set, key, n))
        return 0;
    i = (size_t)(h & (set->cap - 1));
    while (set->keys[i])
        i = (i + 1) & (set->cap - 1);
    set->keys[i] = strndup(key, n);
    if (!set->keys[i])
        return GLOSSA_ENOMEM;
    set->lens[i] = n;
    set->hashes[i] = h;
    set->n++;
    return 0;
}

static void set_release(struct key_set *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->keys[i]);
    free(set->keys);
    free(set->lens);
    free(set->hashes);
    memset(set, 0, sizeof(*set));
}

/* ---- stems already computed ------------------------------------------------ */

/* Snowball spends thousands of instructions on a Russian word, and names
 * repeat: the stems of word parts are remembered, by fold key, up to
 * MEMO_MAX of them (then forgotten all at once, so memory stays bounded). */
enum { MEMO_MAX = 8192, MEMO_CAP = 16384 };

struct memo_slot {
    uint64_t hash;
    size_t key, keylen, stem, stemlen; /* in the memo's arena; keylen 0: empty */
};

struct stem_memo {
    struct memo_slot *slots; /* MEMO_CAP of them, open addressing */
    size_t n;
    struct strbuf arena;
};

static void memo_release(struct stem_memo *m)
{
    free(m->slots);
    strbuf_release(&m->arena);
    memset(m, 0, sizeof(*m));
}

/* The slot of word[0..n) (hash h): the one holding it, or the empty one where
 * it goes. NULL when the memo cannot be used (no memory). */
static struct memo_slot *memo_slot(struct stem_memo *m, const char *word, size_t n, uint64_t h)
{
    size_t i;
    if (!m->slots && !(m->slots = calloc(MEMO_CAP, sizeof(*m->slots))))
        return NULL;
    if (m->n >= MEMO_MAX) {
        memset(m->slots, 0, MEMO_CAP * sizeof(*m->slots));
        strbuf_reset(&m->arena);
        m->n = 0;
    }
    for (i = (size_t)(h & (MEMO_CAP - 1)); m->slots[i].keylen; i = (i + 1) & (MEMO_CAP - 1))
        if (m->slots[i].hash == h && m->slots[i].keylen == n &&
            !memcmp(m->arena.buf + m->slots[i].key, word, n))
            break;
    return &m->slots[i];
}

/* ---- the finder ----------------------------------------------------------- */

enum phrase_kind { PHRASE_TITLE, PHRASE_KNOWN };

struct phrase {
    char **words;           /* match keys */
    unsigned char *capital; /* per word: written with a capital, so must the text be */
    size_t nwords;
    int needs_capital; /* the entry starts with a capital: so must the text */
    int lower;         /* the entry starts in lower case: a term, not a capitalised name */
    enum phrase_kind kind;
};

struct endings {
    unsigned bit; /* this list's bit in struct token's class cache */
    char **items; /* fold keys */
    size_t n;
};

struct token {
    size_t start, end;     /* bytes; an elision token ends after its apostrophe */
    size_t lend;           /* end of the letters: before an elision's apostrophe or a final 's */
    size_t key, keylen;    /* fold key in the arena; keylen == SIZE_MAX: not computed */
    size_t mkey, mkeylen;  /* match key (Russian: stems) */
    uint64_t khash, mhash; /* hash_key of each, computed with them: a token meets many sets */
    unsigned word : 1, cap : 1, acronym : 1, digits : 1, single : 1, elision : 1, initial : 1,
        hard : 1, abbrev : 1, possessive : 1, ascii : 1;
    /* lookups are cached: a token is asked the same questions many times */
    uint32_t known, cls;       /* bits of list lookups done, and their answers */
    unsigned char phrase_done; /* bit per phrase kind */
    uint32_t phrase[2];        /* index of the longest phrase starting here, by kind */
    size_t phrase_end[2];      /* token after it, 0 = none */
    uint32_t cp;               /* punctuation: its code point */
};

struct glossa_entity_finder {
    char code[3];
    int enabled;     /* 0 for languages without capitals */
    int lower_names; /* names go on in lower case after a head (fr, ru) */
    int russian;     /* inflection: stems, case endings */
    /* French repeats the preposition in a coordinated complement ("d’Iraq et du
     * Levant"), so "de Russie et les États-Unis" coordinates two names */
    int repeats_preposition;
    struct sb_stemmer *stemmer;
    struct stem_memo memo; /* stems already computed */
    struct key_set connectors, coordinators, genitive, articles, links, heads, stop, months,
        function_words, abbreviations, elisions, phrase_first;
    struct phrase *phrases;
    size_t nphrases;
    int lower_phrases;        /* some phrase may start with a lower-case word */
    uint64_t lower_first[16]; /* bitmap (1024 buckets) of those phrases' first code points */
    struct endings adjective, nominative, genitive_nouns, verbs, locative;
    /* per call */
    const char *text;
    size_t len;
    struct token *toks;
    size_t ntoks, captoks;
    struct strbuf arena, scratch;
    int oom;
};

/* Appends the match key of word s[0..n) (already folded) to out: Russian words
 * are stemmed part by part (государствами-членами -> государств-член). */
static int match_key_append(struct glossa_entity_finder *f, struct strbuf *out, const char *s,
                            size_t n)
{
    if (!f->stemmer)
        return strbuf_add(out, s, n);
    for (size_t b = 0; b <= n;) {
        size_t e = b;
        while (e < n && s[e] != '-')
            e++;
        if (e > b) {
            uint64_t h = hash_key(s + b, e - b);
            struct memo_slot *slot = memo_slot(&f->memo, s + b, e - b, h);
            const sb_symbol *st;
            size_t stlen;
            if (slot && slot->keylen) {
                if (strbuf_add(out, f->memo.arena.buf + slot->stem, slot->stemlen))
                    return GLOSSA_ENOMEM;
                b = e + 1;
                if (e < n && strbuf_addch(out, '-'))
                    return GLOSSA_ENOMEM;
                continue;
            }
            st = sb_stemmer_stem(f->stemmer, (const sb_symbol *)s + b, (int)(e - b));
            if (!st)
                return GLOSSA_ENOMEM;
            stlen = (size_t)sb_stemmer_length(f->stemmer);
            if (strbuf_add(out, st, stlen))
                return GLOSSA_ENOMEM;
            if (slot) { /* remembered when there is memory for it */
                size_t at = f->memo.arena.len;
                if (!strbuf_add(&f->memo.arena, s + b, e - b) &&
                    !strbuf_add(&f->memo.arena, st, stlen)) {
                    slot->hash = h;
                    slot->key = at;
                    slot->keylen = e - b;
                    slot->stem = at + (e - b);
                    slot->stemlen = stlen;
                    f->memo.n++;
                } else {
                    strbuf_setlen(&f->memo.arena, at);
                }
            }
        }
        if (e < n && strbuf_addch(out, '-'))
            return GLOSSA_ENOMEM;
        b = e + 1;
    }
    return 0;
}

static int fold_entry(struct strbuf *out, const char *s, size_t n)
{
    strbuf_reset(out);
    return glossa_fold_append(out, s, n, GLOSSA_FOLD_MATCH);
}

/* Loads list `name` into set, by fold key, or by match key when `match`. A
 * trailing full stop is dropped (abbreviations are looked up without it). */
static int load_set(struct glossa_entity_finder *f, const struct glossa_lang *lang,
                    const char *name, struct key_set *set, int match)
{
    size_t n;
    const char *const *entries = glossa_lang_list(lang, name, &n);
    struct strbuf key = STRBUF_INIT, mkey = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        size_t len = strlen(entries[i]);
        if (len > 1 && entries[i][len - 1] == '.')
            len--;
        rc = fold_entry(&key, entries[i], len);
        if (!rc && match) {
            strbuf_reset(&mkey);
            rc = match_key_append(f, &mkey, key.buf, key.len);
            if (!rc)
                rc = set_add(set, mkey.buf, mkey.len);
        } else if (!rc) {
            rc = set_add(set, key.buf, key.len);
        }
    }
    strbuf_release(&key);
    strbuf_release(&mkey);
    return rc;
}

static int load_endings(const struct glossa_lang *lang, const char *name, struct endings *out)
{
    size_t n;
    const char *const *entries = glossa_lang_list(lang, name, &n);
    struct strbuf key = STRBUF_INIT;
    out->items = calloc(n + 1, sizeof(char *));
    if (!out->items)
        return GLOSSA_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (fold_entry(&key, entries[i], strlen(entries[i])))
            break;
        out->items[out->n] = strndup(key.buf, key.len);
        if (!out->items[out->n]) {
            strbuf_release(&key);
            return GLOSSA_ENOMEM;
        }
        out->n++;
    }
    strbuf_release(&key);
    return 0;
}

static void endings_release(struct endings *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->items[i]);
    free(e->items);
    memset(e, 0, sizeof(*e));
}

static int load_phrases(struct glossa_entity_finder *f, const struct glossa_lang *lang,
                        const char *name, enum phrase_kind kind)
{
    size_t n;
    const char *const *entries = glossa_lang_list(lang, name, &n);
    struct strbuf key = STRBUF_INIT, mkey = STRBUF_INIT;
    struct phrase *grown = realloc(f->phrases, sizeof(*grown) * (f->nphrases + n + 1));
    int rc = 0;
    if (!grown)
        return GLOSSA_ENOMEM;
    f->phrases = grown;
    for (size_t i = 0; i < n && !rc; i++) {
        const char *e = entries[i];
        struct phrase *p = &f->phrases[f->nphrases];
        UChar32 c0;
        size_t off = 0, len = strlen(e);
        memset(p, 0, sizeof(*p));
        p->kind = kind;
        U8_NEXT(e, off, len, c0);
        p->needs_capital = c0 >= 0 && (u_isupper(c0) || u_istitle(c0));
        p->lower = c0 >= 0 && u_islower(c0);
        if (!p->needs_capital && c0 >= 0) {
            UChar32 lc = u_tolower(c0);
            f->lower_phrases = 1;
            f->lower_first[(lc & 1023) >> 6] |= 1ULL << (lc & 63);
        }
        p->words = calloc(len + 1, sizeof(char *));
        p->capital = calloc(len + 1, 1);
        if (!p->words || !p->capital)
            return GLOSSA_ENOMEM;
        for (size_t b = 0; b < len && !rc;) {
            size_t w = b;
            while (w < len && e[w] != ' ')
                w++;
            if (w > b) {
                size_t o = b;
                UChar32 c;
                U8_NEXT(e, o, len, c);
                p->capital[p->nwords] = c >= 0 && (u_isupper(c) || u_istitle(c));
                rc = fold_entry(&key, e + b, w - b);
                strbuf_reset(&mkey);
                if (!rc)
                    rc = match_key_append(f, &mkey, key.buf, key.len);
                if (!rc) {
                    p->words[p->nwords] = strndup(mkey.buf, mkey.len);
                    rc = p->words[p->nwords] ? 0 : GLOSSA_ENOMEM;
                    p->nwords++;
                }
            }
            b = w + 1;
        }
        f->nphrases++;
        if (!rc && p->nwords)
            rc = set_add(&f->phrase_first, p->words[0], strlen(p->words[0]));
    }
    strbuf_release(&key);
    strbuf_release(&mkey);
    return rc;
}

void glossa_entity_finder_free(struct glossa_entity_finder *f)
{
    if (!f)
        return;
    set_release(&f->connectors);
    set_release(&f->coordinators);
    set_release(&f->genitive);
    set_release(&f->articles);
    set_release(&f->links);
    set_release(&f->heads);
    set_release(&f->stop);
    set_release(&f->months);
    set_release(&f->function_words);
    set_release(&f->abbreviations);
    set_release(&f->elisions);
    set_release(&f->phrase_first);
    for (size_t i = 0; i < f->nphrases; i++) {
        for (size_t w = 0; w < f->phrases[i].nwords; w++)
            free(f->phrases[i].words[w]);
        free(f->phrases[i].words);
        free(f->phrases[i].capital);
    }
    free(f->phrases);
    endings_release(&f->adjective);
    endings_release(&f->nominative);
    endings_release(&f->genitive_nouns);
    endings_release(&f->verbs);
    endings_release(&f->locative);
    if (f->stemmer)
        sb_stemmer_delete(f->stemmer);
    memo_release(&f->memo);
    free(f->toks);
    strbuf_release(&f->arena);
    strbuf_release(&f->scratch);
    free(f);
}

struct glossa_entity_finder *glossa_entity_finder_new(const struct glossa_lang *lang,
                                                      struct glossa_error *err)
{
    struct glossa_entity_finder *f = calloc(1, sizeof(*f));
    const char *code = glossa_lang_code(lang);
    int rc = 0;
    if (!f) {
        glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    memcpy(f->code, code, 3);
    strbuf_init(&f->arena);
    strbuf_init(&f->memo.arena);
    strbuf_init(&f->scratch);
    f->enabled = strcmp(code, "ar") && strcmp(code, "zh");
    f->lower_names = !strcmp(code, "fr") || !strcmp(code, "ru");
    f->russian = !strcmp(code, "ru");
    f->repeats_preposition = !strcmp(code, "fr");
    if (f->russian) {
        f->stemmer = sb_stemmer_new("russian", "UTF_8");
        if (!f->stemmer)
            rc = GLOSSA_ENOMEM;
    }
    if (!rc)
        rc = load_set(f, lang, "connectors", &f->connectors, 0);
    if (!rc)
        rc = load_set(f, lang, "coordinators", &f->coordinators, 0);
    if (!rc)
        rc = load_set(f, lang, "genitive-connectors", &f->genitive, 0);
    if (!rc)
        rc = load_set(f, lang, "articles", &f->articles, 0);
    if (!rc)
        rc = load_set(f, lang, "entity-links", &f->links, 0);
    if (!rc)
        rc = load_set(f, lang, "entity-heads", &f->heads, 1);
    if (!rc)
        rc = load_set(f, lang, "entity-stop", &f->stop, 1);
    if (!rc)
        rc = load_set(f, lang, "months", &f->months, 0);
    if (!rc)
        rc = load_set(f, lang, "function-words", &f->function_words, 0);
    if (!rc)
        rc = load_set(f, lang, "abbreviations", &f->abbreviations, 0);
    if (!rc)
        rc = load_set(f, lang, "elisions", &f->elisions, 0);
    if (!rc)
        rc = load_phrases(f, lang, "titles", PHRASE_TITLE);
    if (!rc)
        rc = load_phrases(f, lang, "entity-words", PHRASE_KNOWN);
    if (!rc)
        rc = load_endings(lang, "adjective-endings", &f->adjective);
    if (!rc)
        rc = load_endings(lang, "nominative-endings", &f->nominative);
    if (!rc)
        rc = load_endings(lang, "genitive-endings", &f->genitive_nouns);
    if (!rc)
        rc = load_endings(lang, "verb-endings", &f->verbs);
    if (!rc)
        rc = load_endings(lang, "locative-endings", &f->locative);
    if (!rc) {
        struct key_set *sets[] = {&f->connectors, &f->coordinators, &f->genitive,
                                  &f->articles,   &f->links,        &f->heads,
                                  &f->stop,       &f->months,       &f->function_words};
        struct endings *ends[] = {&f->adjective, &f->nominative, &f->genitive_nouns, &f->verbs,
                                  &f->locative};
        unsigned bit = 1;
        for (size_t k = 0; k < sizeof(sets) / sizeof(sets[0]); k++, bit <<= 1)
            sets[k]->bit = bit;
        for (size_t k = 0; k < sizeof(ends) / sizeof(ends[0]); k++, bit <<= 1)
            ends[k]->bit = bit;
    }
    if (rc) {
        glossa_error_set(err, rc, NULL, 0, 0, "cannot prepare the entity finder for '%s'", code);
        glossa_entity_finder_free(f);
        return NULL;
    }
    return f;
}

/* ---- tokens and their keys -------------------------------------------------- */

static int is_letter(UChar32 c)
{
    return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK);
}

/* Character classes with an ASCII fast path: most characters of most text. */
static inline int letter_class(UChar32 c)
{
    if (c < 0x80)
        return (unsigned)((c | 0x20) - 'a') < 26u;
    return is_letter(c);
}

static inline int upper_class(UChar32 c)
{
    if (c < 0x80)
        return (unsigned)(c - 'A') < 26u;
    return u_isupper(c) || u_istitle(c);
}

static inline int digit_class(UChar32 c)
{
    if (c < 0x80)
        return (unsigned)(c - '0') < 10u;
    return u_isdigit(c);
}

static int is_hyphen(UChar32 c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_apostrophe(UChar32 c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static int is_space(UChar32 c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x00A0 || c == 0x202F ||
           c == 0x2007 || c == 0x2009 || c == 0x200A || c == 0x2002 || c == 0x2003 || c == 0x3000 ||
           c == 0x2028 || c == 0x2029 || c == 0x000C || c == 0x000B;
}

static int is_opening_quote(UChar32 c)
{
    return c == 0x201C || c == 0x00AB || c == 0x201E || c == 0x2039 || c == 0x2018;
}

static int is_closing_quote(UChar32 c)
{
    return c == 0x201D || c == 0x00BB || c == '"' || c == 0x203A || c == 0x2019;
}

static UChar32 peek(const char *s, size_t i, size_t len)
{
    UChar32 c;
    if (i >= len)
        return -1;
    U8_NEXT(s, i, len, c);
    return c;
}

/* A quotation opening at byte i is short (a quoted name, «Аль-Каида») when it
 * closes within six words on the same line. */
static int short_quotation(const char *s, size_t i, size_t len)
{
    size_t words = 0, limit = i + 400 < len ? i + 400 : len;
    int in_word = 0;
    while (i < limit) {
        UChar32 c;
        U8_NEXT(s, i, limit, c);
        if (c < 0 || c == '\n')
            return 0;
        if (is_closing_quote(c) && c != 0x2019)
            return words <= 6;
        if (c == '>' && i < limit && s[i] == '>')
            return words <= 6;
        if (is_space(c))
            in_word = 0;
        else if (!in_word) {
            in_word = 1;
            words++;
        }
    }
    return 0;
}

/* The fold key of a word written in precomposed Latin-1, Latin Extended-A/B,
 * Greek or Cyrillic letters, built code point by code point (simple case
 * folding equals full folding there, except ß, left to ICU). Returns 0, with
 * nothing appended, when the word needs the full treatment of fold.c. */
static int simple_fold(struct strbuf *out, const char *w, size_t n)
{
    size_t base = out->len;
    for (size_t k = 0; k < n;) {
        UChar32 c;
        U8_NEXT(w, k, n, c);
        if (c < 0 || c >= 0x0530 || c == 0x00DF || (c >= 0x0300 && c < 0x0370) || c == 0x0130 ||
            c == 0x0149 || c == 0x01F0 || c == 0x0390 || c == 0x03B0 || c == 0x0587) {
            strbuf_setlen(out, base);
            return 0;
        }
        if (strbuf_add_utf8(out, (unsigned int)u_foldCase(c, U_FOLD_CASE_DEFAULT))) {
            strbuf_setlen(out, base);
            return 0;
        }
    }
    return 1;
}

static const char *tok_key(struct glossa_entity_finder *f, size_t i, size_t *n)
{
    struct token *t = &f->toks[i];
    if (t->keylen == SIZE_MAX) {
        size_t off = f->arena.len, wn = t->lend - t->start;
        const char *w = f->text + t->start;
        if (t->ascii) { /* most words: no ICU call */
            if (strbuf_grow(&f->arena, wn + 1))
                f->oom = 1;
            else
                for (size_t k = 0; k < wn; k++)
                    f->arena.buf[f->arena.len++] =
                        (char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] + 32 : w[k]);
            f->arena.buf[f->arena.len] = '\0';
        } else if (!simple_fold(&f->arena, w, wn) &&
                   glossa_fold_append(&f->arena, w, wn, GLOSSA_FOLD_MATCH)) {
            f->oom = 1;
        }
        if (t->elision && strbuf_addch(&f->arena, '\''))
            f->oom = 1;
        t->key = off;
        t->keylen = f->arena.len - off;
        t->khash = hash_key(f->arena.buf + off, t->keylen);
    }
    *n = t->keylen;
    return f->arena.buf + t->key;
}

static const char *tok_mkey(struct glossa_entity_finder *f, size_t i, size_t *n)
{
    struct token *t = &f->toks[i];
    if (!f->stemmer)
        return tok_key(f, i, n);
    if (t->mkeylen == SIZE_MAX) {
        size_t klen, off;
        tok_key(f, i, &klen);
        off = f->arena.len;
        /* copy the key aside: appending may move the arena */
        strbuf_reset(&f->scratch);
        if (strbuf_add(&f->scratch, f->arena.buf + t->key, klen) ||
            match_key_append(f, &f->arena, f->scratch.buf, f->scratch.len))
            f->oom = 1;
        t->mkey = off;
        t->mkeylen = f->arena.len - off;
        t->mhash = hash_key(f->arena.buf + off, t->mkeylen);
    }
    *n = t->mkeylen;
    return f->arena.buf + t->mkey;
}

/* The hash of the key that tok_mkey(f, i) returned. */
static uint64_t tok_mhash(const struct glossa_entity_finder *f, size_t i)
{
    return f->stemmer ? f->toks[i].mhash : f->toks[i].khash;
}

static int in_set(struct glossa_entity_finder *f, const struct key_set *set, size_t i)
{
    struct token *t = &f->toks[i];
    size_t n;
    const char *k;
    if (!t->word || !set->n)
        return 0;
    if (set->bit && (t->known & set->bit))
        return !!(t->cls & set->bit);
    k = tok_key(f, i, &n);
    if (set_has_hashed(set, k, n, t->khash))
        t->cls |= set->bit;
    t->known |= set->bit;
    return !!(t->cls & set->bit);
}

static int ends_with(struct glossa_entity_finder *f, const struct endings *e, size_t i)
{
    struct token *t = &f->toks[i];
    size_t n;
    const char *k;
    if (e->bit && (t->known & e->bit))
        return !!(t->cls & e->bit);
    k = tok_key(f, i, &n);
    t->known |= e->bit;
    for (size_t j = 0; j < e->n; j++) {
        size_t m = strlen(e->items[j]);
        if (n > m + 2 && !memcmp(k + n - m, e->items[j], m)) {
            t->cls |= e->bit;
            return 1;
        }
    }
    return 0;
}

/* Bytes of the last character of k[0..n). */
static size_t last_char_len(const char *k, size_t n)
{
    size_t b = n;
    while (b > 0 && ((unsigned char)k[b - 1] & 0xC0) == 0x80)
        b--;
    return b > 0 ? n - b + 1 : n;
}

/* Russian stems of one word can differ by a last letter the stemmer took for an
 * ending (устав -> уста, уставе -> устав): stems of four letters or more match
 * when one is the other plus one letter. */
static int stem_equal(const struct glossa_entity_finder *f, const char *a, size_t an, const char *b,
                      size_t bn)
{
    if (an == bn)
        return !memcmp(a, b, an);
    if (!f->stemmer)
        return 0;
    if (an < bn) {
        const char *t = a;
        size_t tn = an;
        a = b;
        an = bn;
        b = t;
        bn = tn;
    }
    return bn >= 8 && an - last_char_len(a, an) == bn && !memcmp(a, b, bn);
}

static int set_has_stem(const struct glossa_entity_finder *f, const struct key_set *set,
                        const char *k, size_t n, uint64_t h)
{
    if (set_has_hashed(set, k, n, h))
        return 1;
    if (!f->stemmer) /* a plural of the Latin-script languages: Offices, États, Estados */
        return n > 3 && (k[n - 1] == 's' || k[n - 1] == 'x') && set_has(set, k, n - 1);
    return n >= 10 && set_has(set, k, n - last_char_len(k, n));
}

static int is_stop(struct glossa_entity_finder *f, size_t i)
{
    struct token *t = &f->toks[i];
    size_t n;
    const char *k;
    if (!t->word || !f->stop.n)
        return 0;
    if (t->known & f->stop.bit)
        return !!(t->cls & f->stop.bit);
    k = tok_mkey(f, i, &n);
    if (set_has_hashed(&f->stop, k, n, tok_mhash(f, i)))
        t->cls |= f->stop.bit;
    t->known |= f->stop.bit;
    return !!(t->cls & f->stop.bit);
}

static int is_head(struct glossa_entity_finder *f, size_t i)
{
    struct token *t = &f->toks[i];
    size_t n;
    const char *k;
    if (!t->word)
        return 0;
    if (t->known & f->heads.bit)
        return !!(t->cls & f->heads.bit);
    k = tok_mkey(f, i, &n);
    if (set_has_stem(f, &f->heads, k, n, tok_mhash(f, i)))
        t->cls |= f->heads.bit;
    t->known |= f->heads.bit;
    return !!(t->cls & f->heads.bit);
}

static int is_capword(struct glossa_entity_finder *f, size_t i)
{
    const struct token *t = &f->toks[i];
    return i < f->ntoks && t->word && t->cap && !t->acronym && !t->digits && !t->single &&
           !t->abbrev && !t->elision;
}

static int is_lowerword(struct glossa_entity_finder *f, size_t i)
{
    const struct token *t = &f->toks[i];
    return i < f->ntoks && t->word && !t->cap && !t->digits && !t->elision && !t->single;
}

static int is_conn(struct glossa_entity_finder *f, size_t i)
{
    return i < f->ntoks && !f->toks[i].cap && in_set(f, &f->connectors, i);
}

static int is_adjective(struct glossa_entity_finder *f, size_t i)
{
    return is_lowerword(f, i) && !in_set(f, &f->connectors, i) &&
           !in_set(f, &f->function_words, i) && ends_with(f, &f->adjective, i);
}

/* A lower-case verb form ("de prendre", "pour éliminer") ends a name. */
static int is_verb(struct glossa_entity_finder *f, size_t i)
{
    return f->verbs.n && ends_with(f, &f->verbs, i);
}

/* A lower-case word that can be the noun of a name's continuation. */
static int is_content_word(struct glossa_entity_finder *f, size_t i)
{
    return is_lowerword(f, i) && !in_set(f, &f->connectors, i) &&
           !in_set(f, &f->function_words, i) && !in_set(f, &f->months, i);
}

static int lower_phrase_may_start(const struct glossa_entity_finder *f, size_t i)
{
    size_t k = f->toks[i].start;
    UChar32 c;
    if (!f->lower_phrases)
        return 0;
    U8_NEXT(f->text, k, f->len, c);
    return c >= 0 && (f->lower_first[(c & 1023) >> 6] >> (c & 63) & 1);
}

/* Longest phrase of `kind` starting at token i; returns the token after it, or 0. */
static size_t phrase_at(struct glossa_entity_finder *f, size_t i, enum phrase_kind kind,
                        const struct phrase **which)
{
    size_t n, best = 0;
    const char *k;
    struct token *t;
    if (i >= f->ntoks || !f->toks[i].word || !f->phrase_first.n)
        return 0;
    t = &f->toks[i];
    if (!t->cap && !lower_phrase_may_start(f, i))
        return 0;
    if (t->phrase_done & (1u << kind)) {
        if (which && t->phrase_end[kind])
            *which = &f->phrases[t->phrase[kind]];
        return t->phrase_end[kind];
    }
    t->phrase_done |= (unsigned char)(1u << kind);
    k = tok_mkey(f, i, &n);
    if (f->stemmer ? !set_has_stem(f, &f->phrase_first, k, n, tok_mhash(f, i))
                   : !set_has_hashed(&f->phrase_first, k, n, tok_mhash(f, i)))
        return 0;
    for (size_t p = 0; p < f->nphrases; p++) {
        const struct phrase *ph = &f->phrases[p];
        size_t j = i, w = 0;
        if (ph->kind != kind || (ph->needs_capital && !f->toks[i].cap))
            continue;
        for (; w < ph->nwords && j < f->ntoks; w++, j++) {
            const char *mk;
            size_t mn;
            if (!f->toks[j].word || (j > i && f->toks[j].hard) ||
                (ph->capital[w] && !f->toks[j].cap))
                break;
            mk = tok_mkey(f, j, &mn);
            if (!stem_equal(f, mk, mn, ph->words[w], strlen(ph->words[w])))
                break;
        }
        if (w == ph->nwords && j > best) {
            best = j;
            f->toks[i].phrase[kind] = (uint32_t)p;
            if (which)
                *which = ph;
        }
    }
    f->toks[i].phrase_end[kind] = best;
    return best;
}

static int push_token(struct glossa_entity_finder *f, const struct token *t)
{
    if (f->ntoks == f->captoks) {
        size_t cap = f->captoks ? f->captoks * 2 : 256;
        struct token *grown = realloc(f->toks, cap * sizeof(*grown));
        if (!grown)
            return GLOSSA_ENOMEM;
        f->toks = grown;
        f->captoks = cap;
    }
    f->toks[f->ntoks++] = *t;
    return 0;
}

/* Splits text into word and punctuation tokens, marking capitals, acronyms,
 * elisions, hard gaps and sentence-initial words. */
static int tokenise(struct glossa_entity_finder *f, const size_t *starts, size_t nstarts,
                    struct glossa_error *err)
{
    const char *s = f->text;
    size_t len = f->len, i = 0, si = 0, spaces = 0;
    int at_start = 1, hard = 1, full_stop = 0;
    f->ntoks = 0;
    while (i < len) {
        size_t b = i;
        UChar32 c;
        struct token t;
        if ((unsigned char)s[i] < 0x80) {
            c = (unsigned char)s[i++];
            if (c == ' ') { /* the commonest character: a plain space */
                spaces++;
                if (spaces >= 3)
                    hard = at_start = 1;
                continue;
            }
        } else {
            U8_NEXT(s, i, len, c);
        }
        if (c < 0)
            return glossa_error_set(err, GLOSSA_EENCODING, NULL, 0, 0, "invalid UTF-8 at byte %zu",
                                    b);
        if (is_space(c)) {
            spaces++;
            if (c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029 || spaces >= 3)
                hard = at_start = 1;
            continue;
        }
        for (; starts && si < nstarts && starts[si] <= b; si++)
            at_start = 1;
        if (!starts && full_stop && spaces)
            at_start = 1;
        full_stop = 0;
        memset(&t, 0, sizeof(t));
        t.start = b;
        t.hard = hard;
        t.keylen = t.mkeylen = SIZE_MAX;
        hard = 0;
        spaces = 0;
        if (letter_class(c) || digit_class(c)) {
            size_t upper = 0, letters = 0, j = b;
            t.word = 1;
            t.cap = upper_class(c);
            for (;;) {
                size_t here;
                UChar32 d;
                /* fast path: a run of ASCII letters and digits */
                while (j < len && (unsigned char)s[j] < 0x80) {
                    unsigned char ch = (unsigned char)s[j];
                    if ((unsigned)((ch | 0x20) - 'a') < 26u) {
                        letters++;
                        upper += (unsigned)(ch - 'A') < 26u;
                    } else if ((unsigned)(ch - '0') < 10u) {
                        t.digits = 1;
                    } else {
                        break;
                    }
                    j++;
                }
                here = j;
                if (j >= len)
                    break;
                U8_NEXT(s, j, len, d);
                if (d < 0) {
                    j = here;
                    break;
                }
                if (letter_class(d)) {
                    letters++;
                    upper += upper_class(d);
                    continue;
                }
                if (digit_class(d)) {
                    t.digits = 1;
                    continue;
                }
                if (is_hyphen(d) && is_letter(peek(s, j, len)))
                    continue;
                if (is_apostrophe(d) && is_letter(peek(s, j, len))) {
                    strbuf_reset(&f->scratch);
                    if (glossa_fold_append(&f->scratch, s + b, here - b, GLOSSA_FOLD_MATCH) ||
                        strbuf_addch(&f->scratch, '\''))
                        return GLOSSA_ENOMEM;
                    if (set_has(&f->elisions, f->scratch.buf, f->scratch.len)) {
                        t.elision = 1;
                        t.lend = here;
                        break; /* the token ends after the apostrophe */
                    }
                    if ((s[j] == 's' || s[j] == 'S') && !is_letter(peek(s, j + 1, len))) {
                        t.possessive = 1;
                        t.lend = here;
                        j++;
                        break;
                    }
                    continue; /* O'Brien, People's */
                }
                j = here;
                break;
            }
            t.end = j;
            if (!t.elision && !t.possessive)
                t.lend = j;
            i = j;
            /* "l ’État": an elided article cut from its apostrophe by a stray space */
            if (!t.elision && letters <= 3 && i + 1 < len && s[i] == ' ') {
                size_t k = i + 1;
                UChar32 a;
                U8_NEXT(s, k, len, a);
                if (is_apostrophe(a) && is_letter(peek(s, k, len))) {
                    strbuf_reset(&f->scratch);
                    if (glossa_fold_append(&f->scratch, s + b, t.end - b, GLOSSA_FOLD_MATCH) ||
                        strbuf_addch(&f->scratch, '\''))
                        return GLOSSA_ENOMEM;
                    if (set_has(&f->elisions, f->scratch.buf, f->scratch.len)) {
                        t.elision = 1;
                        t.lend = t.end;
                        t.end = i = k;
                    }
                }
            }
            t.single = letters <= 1 && !t.digits;
            {
                unsigned char high = 0;
                for (size_t k = b; k < t.lend; k++)
                    high |= (unsigned char)s[k];
                t.ascii = high < 0x80;
            }
            t.acronym = upper >= 2 && upper * 2 >= letters;
            if (t.end < len && s[t.end] == '.' && t.cap && !t.elision) {
                strbuf_reset(&f->scratch);
                if (glossa_fold_append(&f->scratch, s + b, t.end - b, GLOSSA_FOLD_MATCH))
                    return GLOSSA_ENOMEM;
                t.abbrev = set_has(&f->abbreviations, f->scratch.buf, f->scratch.len);
            }
            t.initial = at_start;
            if (!t.digits && !t.elision)
                at_start = 0;
        } else {
            t.cp = (uint32_t)c;
            t.end = i;
            if (c == '(' || c == '[' || c == ':' || c == 0x00BF || c == 0x00A1)
                at_start = 1;
            else if ((is_opening_quote(c) || (c == '"' && (b == 0 || s[b - 1] == ' ' ||
                                                           s[b - 1] == '(' || s[b - 1] == '\n'))) &&
                     !short_quotation(s, i, len))
                at_start = 1;
            else if (c == '<' && i < len && s[i] == '<' && !short_quotation(s, i + 1, len))
                at_start = 1;
            else if (c == '.' || c == '?' || c == '!')
                full_stop = f->ntoks == 0 || !f->toks[f->ntoks - 1].abbrev;
            else if (c == ')' || c == ']' || c == ',' || c == ';')
                at_start = 0; /* "(2017), Estados Unidos": the bracket is closed */
        }
        if (push_token(f, &t))
            return GLOSSA_ENOMEM;
    }
    return 0;
}

/* ---- growing names ---------------------------------------------------------- */

struct span {
    size_t first, last;                    /* token indices, inclusive */
    size_t edges[GLOSSA_ENTITY_MAX_EDGES]; /* tokens after which a name may end */
    size_t nedges;
    unsigned flags;
    int has_head, lowered;
    const char *rule;
};

static void add_edge(struct span *sp, size_t tok)
{
    if (sp->nedges && sp->edges[sp->nedges - 1] >= tok)
        return;
    if (sp->nedges == GLOSSA_ENTITY_MAX_EDGES) {
        memmove(sp->edges + 1, sp->edges + 2, (GLOSSA_ENTITY_MAX_EDGES - 2) * sizeof(size_t));
        sp->nedges--;
    }
    sp->edges[sp->nedges++] = tok;
}

/* Russian: after a noun, a capitalised adjective in the nominative opens a new
 * name ("в Совете Безопасности | Российская Федерация планирует"). */
static int russian_break(struct glossa_entity_finder *f, size_t last, size_t next)
{
    return f->russian && !ends_with(f, &f->adjective, last) && ends_with(f, &f->nominative, next);
}

/* Russian: lower-case adjectives and then a lower-case head from token j
 * ("контртеррористической стратегии"); returns the head's index or 0. */
static size_t russian_lower_head(struct glossa_entity_finder *f, size_t j)
{
    size_t e = j;
    while (e < f->ntoks && e - j < 3 && !f->toks[e].hard && is_adjective(f, e))
        e++;
    if (e < f->ntoks && !f->toks[e].hard && is_lowerword(f, e) && is_head(f, e))
        return e;
    return 0;
}

/* Whether the name that starts at capital k holds a head ("the Shanghai
 * Cooperation Organization"). */
static int right_has_head(struct glossa_entity_finder *f, size_t k)
{
    size_t j = k;
    while (j < f->ntoks && (j == k || !f->toks[j].hard)) {
        if (is_capword(f, j)) {
            if (is_head(f, j))
                return 1;
            j++;
        } else if (f->russian && is_lowerword(f, j) && russian_lower_head(f, j)) {
            return 1;
        } else {
            break;
        }
    }
    return 0;
}

/* Whether "and" (et, y, и) between the name so far and capital k keeps one
 * name: "Office on Drugs and Crime", "Islamic State in Iraq and the Levant",
 * "Economic and Social Council"; but "Commonwealth of Independent States and
 * the Shanghai Cooperation Organization" is two. */
static int coordination_joins(struct glossa_entity_finder *f, const struct span *sp, size_t last,
                              size_t k, int article, int genitive, int right_head, int has_prep,
                              int has_other_prep)
{
    size_t right_words = 0;
    for (size_t j = k; j < f->ntoks && is_capword(f, j) && (j == k || !f->toks[j].hard); j++)
        right_words++;
    /* "in Iraq and the Levant", "d’Iraq et du Levant"; but "Fédération de Russie
     * et les États-Unis" is two names */
    if (article)
        return !right_head && right_words == 1 && !phrase_at(f, k, PHRASE_KNOWN, NULL) &&
               (has_other_prep || (has_prep && (genitive || !f->repeats_preposition)));
    if (right_head)
        return last == sp->first; /* one word, then "and": Programme and Budget Committee */
    return has_prep || (f->russian && sp->has_head);
}

static int punct_between(struct glossa_entity_finder *f, size_t a, size_t b)
{
    return b != a + 1 || f->toks[b].hard;
}

/* Grows a name from token i (a capital, or a known phrase). */
static void grow(struct glossa_entity_finder *f, size_t i, struct span *sp)
{
    size_t n = f->ntoks, last = i, j = i + 1, pend;
    int has_prep = 0, has_other_prep = 0, in_ext = 0, lower_head = 0;
    size_t known_end = SIZE_MAX; /* a known name is complete: no lower-case tail */
    const struct phrase *ph = NULL;
    memset(sp, 0, sizeof(*sp));
    sp->first = i;
    sp->rule = "capitalised";
    sp->has_head = is_head(f, i);
    if ((pend = phrase_at(f, i, PHRASE_KNOWN, &ph)) != 0) {
        sp->has_head = 0; /* "Member States" is complete, not a head */
        sp->flags |= GLOSSA_ENTITY_KNOWN;
        sp->rule = "known";
        last = known_end = pend - 1;
        j = pend;
        if (ph->lower) { /* a lower-case term: the capitals after it start afresh */
            sp->last = last;
            add_edge(sp, last);
            return;
        }
    }
    for (;;) {
        if (j >= n || f->toks[j].hard || !f->toks[j].word)
            break;
        if (phrase_at(f, j, PHRASE_TITLE, NULL))
            break;
        if (is_capword(f, j)) {
            if (russian_break(f, last, j) || in_ext)
                break;
            if ((pend = phrase_at(f, j, PHRASE_KNOWN, NULL)) != 0) {
                last = known_end = pend - 1;
                j = pend;
                continue;
            }
            sp->has_head |= is_head(f, j);
            last = j++;
            in_ext = lower_head = 0;
            continue;
        }
        if (is_conn(f, j)) {
            size_t k = j;
            int coord = 0, article = 0, genitive = 0, right_head;
            while (k < n && k - j < 3 && f->toks[k].word && !f->toks[k].hard && is_conn(f, k)) {
                coord |= in_set(f, &f->coordinators, k);
                article |= in_set(f, &f->articles, k);
                genitive |= in_set(f, &f->genitive, k);
                k++;
            }
            if (k >= n || f->toks[k].hard || punct_between(f, k - 1, k))
                break;
            if (is_capword(f, k) && !phrase_at(f, k, PHRASE_TITLE, NULL)) {
                right_head = right_has_head(f, k);
                if (coord && !coordination_joins(f, sp, last, k, article, genitive, right_head,
                                                 has_prep, has_other_prep))
                    break;
                if (!coord && right_head && (!sp->has_head || !genitive))
                    break;
                /* "Boko Haram on the Al-Qaida ...": only a head takes a complement
                 * other than a genitive (Office on Drugs, Bureau pour ...) */
                if (!coord && !genitive && !sp->has_head)
                    break;
                if (in_set(f, &f->months, k)) /* "Iraq in June" */
                    break;
                has_prep |= !coord;
                has_other_prep |= !coord && !genitive;
                sp->has_head |= is_head(f, k);
                last = k;
                j = k + 1;
                in_ext = lower_head = 0;
                continue;
            }
            if (f->lower_names && sp->has_head && last != known_end && is_content_word(f, k) &&
                !is_stop(f, k) && !is_verb(f, k)) {
                size_t e = k;
                if (coord ? !in_ext : !in_set(f, &f->links, j))
                    break;
                if (!in_ext)
                    add_edge(sp, last);
                if (f->russian)
                    while (e + 1 < n && e - k < 3 && !f->toks[e + 1].hard && is_adjective(f, e) &&
                           is_content_word(f, e + 1))
                        e++;
                last = e;
                j = e + 1;
                while (!f->russian && j < n && !f->toks[j].hard && is_adjective(f, j))
                    last = j++;
                in_ext = sp->lowered = 1;
                lower_head = f->russian; /* по оказанию помощи: one genitive may follow */
                add_edge(sp, last);
                continue;
            }
            break;
        }
        if (f->lower_names && is_lowerword(f, j)) {
            size_t e;
            if (!f->russian) { /* an adjective after a noun: Asie centrale */
                if (!is_adjective(f, j))
                    break;
                /* not after a second capital: "Nations Unies entretienne" */
                if (!in_ext && last > sp->first && f->toks[last].cap && is_capword(f, last - 1))
                    break;
                while (j < n && !f->toks[j].hard && is_adjective(f, j))
                    last = j++;
                if (in_ext)
                    add_edge(sp, last);
                continue;
            }
            /* "Шанхайской организации": a capitalised adjective, not a noun
             * ("Эфиопии | аналитического центра"), before a lower-case head */
            if (!in_ext &&
                (f->toks[last].cap
                     ? ends_with(f, &f->adjective, last) || ends_with(f, &f->locative, last)
                     : lower_head == 0) &&
                (e = russian_lower_head(f, j)) != 0) {
                sp->has_head = 1;
                last = e;
                j = e + 1;
                lower_head = 1;
                continue;
            }
            e = j; /* "по делам космического пространства": adjectives, then the noun */
            while (lower_head && e + 1 < n && e - j < 3 && !f->toks[e + 1].hard &&
                   is_adjective(f, e))
                e++;
            if (lower_head && !is_adjective(f, e) && is_content_word(f, e) && !is_stop(f, e) &&
                !is_verb(f, e) && ends_with(f, &f->genitive_nouns, e)) {
                add_edge(sp, last);
                last = e;
                j = e + 1;
                lower_head = 0;
                add_edge(sp, last);
                continue;
            }
            break;
        }
        break;
    }
    sp->last = last;
    if (sp->lowered)
        sp->flags |= GLOSSA_ENTITY_EDGE_UNCERTAIN;
    add_edge(sp, last);
}

/* Cuts what is not part of the name from the left: function words and
 * connectors, and a stop word that opens a sentence or precedes a connector
 * ("Presidency of the Security Council"). Returns 0 when nothing is left. */
static int trim_left(struct glossa_entity_finder *f, struct span *sp)
{
    while (sp->first <= sp->last) {
        size_t i = sp->first;
        int func = in_set(f, &f->function_words, i) || in_set(f, &f->connectors, i) ||
                   f->toks[i].elision || !f->toks[i].word;
        int next_conn = i < sp->last && is_conn(f, i + 1) && !in_set(f, &f->coordinators, i + 1);
        int next_free = i < sp->last && (next_conn || is_capword(f, i + 1));
        /* a stop word goes when it opens a sentence before what can stand alone
         * ("Since Afghanistan"), or before a connector ("Presidency of the ...") */
        int stop =
            is_stop(f, i) && ((f->toks[i].initial && next_free) || (next_conn && !is_head(f, i)));
        /* "Appliquer le Protocole", "Given the ...": an opening word before a
         * connector other than a genitive is the sentence's, not the name's */
        if (f->toks[i].initial && i < sp->last && is_verb(f, i)) /* "Принять закон" */
            stop = 1;
        if (f->toks[i].initial && next_conn && !is_head(f, i) && !in_set(f, &f->genitive, i + 1))
            stop = 1;
        if ((sp->flags & GLOSSA_ENTITY_KNOWN) && i == sp->first && !func)
            break;
        if (!func && !stop)
            break;
        sp->first++;
    }
    while (sp->first <= sp->last && !is_capword(f, sp->first) && !(sp->flags & GLOSSA_ENTITY_KNOWN))
        sp->first++;
    return sp->first <= sp->last;
}

/* Russian: a capitalised adjective ending a span belongs to a lower-case noun
 * outside it ("Органический закон о Виргинских | островах"): cut it, and the
 * connectors before it. */
static void trim_right(struct glossa_entity_finder *f, struct span *sp)
{
    if (!f->russian)
        return;
    while (sp->last > sp->first && f->toks[sp->last].cap && ends_with(f, &f->adjective, sp->last) &&
           !ends_with(f, &f->adjective, sp->last - 1) && sp->last + 1 < f->ntoks &&
           is_content_word(f, sp->last + 1) && !punct_between(f, sp->last, sp->last + 1)) {
        sp->last--;
        while (sp->last > sp->first && is_conn(f, sp->last))
            sp->last--;
    }
}

/* Whether a span is worth reporting. */
static int keep(struct glossa_entity_finder *f, const struct span *sp)
{
    size_t words = 0, weak = 0;
    if (sp->flags & GLOSSA_ENTITY_KNOWN)
        return 1;
    for (size_t i = sp->first; i <= sp->last; i++) {
        if (!f->toks[i].word || is_conn(f, i) || f->toks[i].elision)
            continue;
        words++;
        weak += is_stop(f, i) || in_set(f, &f->months, i) || in_set(f, &f->function_words, i);
    }
    if (!words || weak == words)
        return 0;
    if (sp->first == sp->last)
        return !f->toks[sp->first].initial && !is_head(f, sp->first) &&
               !(f->russian && ends_with(f, &f->adjective, sp->first));
    if (f->toks[sp->first].initial) { /* the opening capital is no evidence */
        size_t caps = 0;
        for (size_t i = sp->first; i <= sp->last; i++)
            caps += is_capword(f, i);
        return caps >= 2 || (sp->has_head && !is_stop(f, sp->first));
    }
    return 1;
}

static int emit(struct glossa_entity_finder *f, const struct span *sp, struct glossa_entity **out,
                size_t *n, size_t *cap)
{
    struct glossa_entity *e;
    size_t end = f->toks[sp->last].end;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        struct glossa_entity *grown = realloc(*out, c * sizeof(*grown));
        if (!grown)
            return GLOSSA_ENOMEM;
        *out = grown;
        *cap = c;
    }
    e = &(*out)[(*n)++];
    memset(e, 0, sizeof(*e));
    e->start = f->toks[sp->first].start;
    if (f->toks[sp->last].possessive) /* Afghanistan's -> Afghanistan */
        end = f->toks[sp->last].lend;
    e->end = end;
    e->flags = sp->flags;
    e->rule = sp->rule;
    for (size_t k = 0; k < sp->nedges; k++)
        if (sp->edges[k] >= sp->first && sp->edges[k] < sp->last)
            e->edges[e->nedges++] = f->toks[sp->edges[k]].end;
    e->edges[e->nedges++] = end;
    if (sp->flags & GLOSSA_ENTITY_TITLE)
        e->confidence = 0.9;
    else if (sp->flags & GLOSSA_ENTITY_KNOWN)
        e->confidence = 0.95;
    else if (sp->flags & GLOSSA_ENTITY_EDGE_UNCERTAIN)
        e->confidence = 0.7;
    else if (sp->first == sp->last)
        e->confidence = 0.7;
    else
        e->confidence = f->toks[sp->first].initial ? 0.75 : 0.85;
    return 0;
}

int glossa_entity_find(struct glossa_entity_finder *f, const char *text, size_t len,
                       const size_t *sentence_starts, size_t nstarts, struct glossa_entity **out,
                       size_t *n, struct glossa_error *err)
{
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (!f->enabled || !len)
        return 0;
    f->text = text;
    f->len = len;
    f->oom = 0;
    strbuf_reset(&f->arena);
    rc = tokenise(f, sentence_starts, nstarts, err);
    if (rc == GLOSSA_ENOMEM)
        glossa_error_set(err, rc, NULL, 0, 0, "out of memory");
    for (size_t i = 0; !rc && i < f->ntoks;) {
        struct span sp;
        size_t pend;
        const struct phrase *ph = NULL;
        if (!f->toks[i].word) {
            i++;
            continue;
        }
        if (!f->toks[i].cap && !lower_phrase_may_start(f, i)) {
            i++; /* fast path: a lower-case word starts nothing */
            continue;
        }
        if ((pend = phrase_at(f, i, PHRASE_TITLE, &ph)) != 0) {
            memset(&sp, 0, sizeof(sp));
            sp.first = i;
            sp.last = pend - 1;
            sp.flags = GLOSSA_ENTITY_TITLE;
            sp.rule = "title";
            /* a one-word title opening a sentence is no name ("President of ...") */
            if (!(f->toks[i].initial && sp.first == sp.last))
                rc = emit(f, &sp, out, n, &cap);
            i = pend;
            continue;
        }
        if ((!is_capword(f, i) && !phrase_at(f, i, PHRASE_KNOWN, NULL)) ||
            in_set(f, &f->function_words, i) || in_set(f, &f->connectors, i)) {
            i++; /* "The Economic and Social Council": names do not start with "The" */
            continue;
        }
        grow(f, i, &sp);
        trim_right(f, &sp);
        if (trim_left(f, &sp) && keep(f, &sp))
            rc = emit(f, &sp, out, n, &cap);
        i = sp.last + 1 > i ? sp.last + 1 : i + 1;
    }
    if (!rc && f->oom)
        rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
    if (rc) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

/* check: the term-consistency checks of checks.md over one or two versions.
 *
 * The checker owns a flat list of forms (one per non-empty language cell of a
 * glossary row, candidates left out) and, per language met, one matcher of
 * every form of that language (payload = form index), a stemmer and an acronym
 * finder. Every run of the matcher keeps the longest occurrences only, so a
 * term nested in a longer one ("United Nations" in "United Nations Global
 * Counter-Terrorism Strategy") does not count on its own.
 *
 * Invariants: findings only come from surface evidence (the automaton, the
 * acronym finder); stems are consulted only to withdraw a term-mismatch or a
 * term-count difference. Acronym forms are matched exactly and never stemmed.
 * Concepts are numbered across glossaries; a row without a concept cell is a
 * concept of its own.
 *
 * Traps: offsets are bytes into the body of the version; line and column come
 * from glossa_text_position once per finding. A definition found by the
 * finder and one recognised from the glossary may be the same: they are keyed
 * by the offset of the short form. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bitext.h"
#include "fold.h"
#include "glossa/acronym.h"
#include "glossa/check.h"
#include "glossa/lang.h"
#include "glossa/matcher.h"
#include "strbuf.h"

static const struct {
    const char *name;
    enum glossa_severity severity;
    const char *description;
} checks[GLOSSA_CHECK_N] = {
    {"term-mismatch", GLOSSA_SEVERITY_ERROR,
     "a glossary term of the source segment has no approved equivalent in the aligned target "
     "segment"},
    {"term-forbidden", GLOSSA_SEVERITY_ERROR, "a deprecated or forbidden form is used"},
    {"term-count", GLOSSA_SEVERITY_WARNING,
     "a term appears a different number of times in the source and the target segment"},
    {"acronym-undefined", GLOSSA_SEVERITY_WARNING,
     "a glossary acronym is used and never defined in the document"},
    {"acronym-before-definition", GLOSSA_SEVERITY_WARNING,
     "an acronym is used before its definition"},
    {"acronym-multi-expansion", GLOSSA_SEVERITY_ERROR,
     "one acronym is defined with two different long forms in one document"},
    {"acronym-redefined", GLOSSA_SEVERITY_INFO,
     "an acronym is defined again after its first definition"},
    {"term-inconsistent", GLOSSA_SEVERITY_WARNING,
     "two approved variants of one concept are used in one document"},
};

const char *glossa_check_name(enum glossa_check_id id)
{
    return id < GLOSSA_CHECK_N ? checks[id].name : "unknown";
}

const char *glossa_check_description(enum glossa_check_id id)
{
    return id < GLOSSA_CHECK_N ? checks[id].description : "";
}

int glossa_check_parse(const char *name, size_t len, enum glossa_check_id *id)
{
    for (int i = 0; i < GLOSSA_CHECK_N; i++)
        if (strlen(checks[i].name) == len && !memcmp(checks[i].name, name, len)) {
            *id = (enum glossa_check_id)i;
            return 0;
        }
    return -1;
}

enum glossa_severity glossa_check_default_severity(enum glossa_check_id id)
{
    return id < GLOSSA_CHECK_N ? checks[id].severity : GLOSSA_SEVERITY_ERROR;
}

const char *glossa_severity_name(enum glossa_severity s)
{
    return s == GLOSSA_SEVERITY_ERROR ? "error" : s == GLOSSA_SEVERITY_WARNING ? "warning" : "info";
}

int glossa_severity_parse(const char *name, enum glossa_severity *s)
{
    if (!strcmp(name, "error"))
        *s = GLOSSA_SEVERITY_ERROR;
    else if (!strcmp(name, "warning"))
        *s = GLOSSA_SEVERITY_WARNING;
    else if (!strcmp(name, "info"))
        *s = GLOSSA_SEVERITY_INFO;
    else
        return -1;
    return 0;
}

void glossa_findings_release(struct glossa_findings *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        free(list->items[i].term);
        free(list->items[i].message);
        free(list->items[i].context);
    }
    free(list->items);
    list->items = NULL;
    list->n = list->alloc = 0;
}

static int cmp_finding(const void *a, const void *b)
{
    const struct glossa_finding *x = a, *y = b;
    if (x->version != y->version)
        return x->version - y->version;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    return (int)x->check - (int)y->check;
}

void glossa_findings_sort(struct glossa_findings *list)
{
    if (list->n > 1)
        qsort(list->items, list->n, sizeof(*list->items), cmp_finding);
}

/* ---- the checker ------------------------------------------------------------- */

enum form_type { TYPE_TERM, TYPE_ACRONYM, TYPE_FULL_FORM };

struct form {
    const char *text; /* borrowed from the glossary */
    char lang[32];
    size_t concept;
    enum form_type type;
    enum glossa_status status;
    enum glossa_case mode;
    char *key;     /* owned: match key (case folded unless exact) */
    char *stemkey; /* owned, lazily: stem key in its language */
    size_t stemlen;
    int has_stem;
};

struct langdata {
    char lang[32];
    struct glossa_matcher *matcher;
    struct glossa_stemmer *stemmer;
    struct glossa_acronym_finder *finder;
    size_t *concept_first; /* forms of each concept in this language: CSR over by_concept */
    size_t *by_concept;
};

struct glossa_checker {
    struct form *forms;
    size_t nforms, alloc;
    size_t nconcepts;
    int enabled[GLOSSA_CHECK_N];
    struct langdata *langs;
    size_t nlangs;
};

struct glossa_checker *glossa_checker_new(void)
{
    struct glossa_checker *ck = calloc(1, sizeof(*ck));
    if (ck)
        for (int i = 0; i < GLOSSA_CHECK_N; i++)
            ck->enabled[i] = 1;
    return ck;
}

void glossa_checker_free(struct glossa_checker *ck)
{
    if (!ck)
        return;
    for (size_t i = 0; i < ck->nforms; i++) {
        free(ck->forms[i].key);
        free(ck->forms[i].stemkey);
    }
    free(ck->forms);
    for (size_t i = 0; i < ck->nlangs; i++) {
        glossa_matcher_free(ck->langs[i].matcher);
        glossa_stemmer_free(ck->langs[i].stemmer);
        glossa_acronym_finder_free(ck->langs[i].finder);
        free(ck->langs[i].concept_first);
        free(ck->langs[i].by_concept);
    }
    free(ck->langs);
    free(ck);
}

void glossa_checker_enable(struct glossa_checker *ck, enum glossa_check_id id, int on)
{
    if (id < GLOSSA_CHECK_N)
        ck->enabled[id] = on;
}

/* Language tag of a form matches a document language: "fr" matches "fr" and "fr-CA". */
static int lang_matches(const char *tag, const char *lang)
{
    size_t n = strlen(lang);
    return !strncmp(tag, lang, n) && (tag[n] == 0 || tag[n] == '-');
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

int glossa_checker_add_glossary(struct glossa_checker *ck, const struct glossa_glossary *g,
                                struct glossa_error *err)
{
    size_t nrows = glossa_glossary_row_count(g), nlc, cap = 16;
    const size_t *lcols = glossa_glossary_lang_columns(g, &nlc);
    const char **slot_name;
    size_t *slot_id;
    struct strbuf key = STRBUF_INIT;
    int rc = 0;

    while (cap < nrows * 2 + 16)
        cap <<= 1;
    slot_name = calloc(cap, sizeof(*slot_name));
    slot_id = calloc(cap, sizeof(*slot_id));
    if (!slot_name || !slot_id) {
        rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    for (size_t r = 0; r < nrows; r++) {
        enum glossa_status status = glossa_glossary_row_status(g, r);
        const char *concept = glossa_glossary_meta(g, r, GLOSSA_META_CONCEPT);
        const char *type = glossa_glossary_meta(g, r, GLOSSA_META_TYPE);
        size_t cid;
        if (status == GLOSSA_STATUS_CANDIDATE)
            continue;
        if (*concept) {
            size_t h = (size_t)hash_str(concept) & (cap - 1);
            while (slot_name[h] && strcmp(slot_name[h], concept))
                h = (h + 1) & (cap - 1);
            if (!slot_name[h]) {
                slot_name[h] = concept;
                slot_id[h] = ck->nconcepts++;
            }
            cid = slot_id[h];
        } else {
            cid = ck->nconcepts++;
        }
        for (size_t k = 0; k < nlc; k++) {
            const char *cell = glossa_glossary_cell(g, r, lcols[k]);
            struct form *f;
            if (!*cell)
                continue;
            if (ck->nforms == ck->alloc) {
                size_t na = ck->alloc ? ck->alloc * 2 : 256;
                struct form *nf = realloc(ck->forms, na * sizeof(*nf));
                if (!nf) {
                    rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
                    goto out;
                }
                ck->forms = nf;
                ck->alloc = na;
            }
            f = &ck->forms[ck->nforms];
            memset(f, 0, sizeof(*f));
            f->text = cell;
            snprintf(f->lang, sizeof(f->lang), "%s", glossa_glossary_column_name(g, lcols[k]));
            f->concept = cid;
            f->type = !strcmp(type, "acronym")     ? TYPE_ACRONYM
                      : !strcmp(type, "full-form") ? TYPE_FULL_FORM
                                                   : TYPE_TERM;
            f->status = status;
            f->mode = f->type == TYPE_ACRONYM ? GLOSSA_CASE_EXACT : glossa_glossary_row_case(g, r);
            strbuf_reset(&key);
            if (glossa_fold_append(&key, cell, strlen(cell),
                                   f->mode == GLOSSA_CASE_EXACT ? GLOSSA_FOLD_TYPO
                                                                : GLOSSA_FOLD_MATCH) ||
                !key.len) {
                rc = glossa_error_set(err, GLOSSA_EINVAL, glossa_glossary_name(g),
                                      glossa_glossary_row_line(g, r), 0,
                                      "term '%s' cannot be matched", cell);
                goto out;
            }
            f->key = strbuf_detach(&key, NULL);
            if (!f->key) {
                rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
                goto out;
            }
            ck->nforms++;
        }
    }
out:
    free(slot_name);
    free(slot_id);
    strbuf_release(&key);
    return rc;
}

static enum glossa_matcher_case matcher_case(enum glossa_case c)
{
    return c == GLOSSA_CASE_EXACT        ? GLOSSA_MATCHER_EXACT
           : c == GLOSSA_CASE_PERMISSIVE ? GLOSSA_MATCHER_PERMISSIVE
                                         : GLOSSA_MATCHER_INSENSITIVE;
}

static int get_lang(struct glossa_checker *ck, const char *lang, struct langdata **out,
                    struct glossa_error *err)
{
    struct langdata *ld;
    const struct glossa_lang *lo;
    int rc;
    for (size_t i = 0; i < ck->nlangs; i++)
        if (!strcmp(ck->langs[i].lang, lang)) {
            *out = &ck->langs[i];
            return 0;
        }
    ld = realloc(ck->langs, (ck->nlangs + 1) * sizeof(*ld));
    if (!ld)
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
    ck->langs = ld;
    ld = &ck->langs[ck->nlangs++];
    memset(ld, 0, sizeof(*ld));
    snprintf(ld->lang, sizeof(ld->lang), "%s", lang);
    ld->matcher = glossa_matcher_new();
    ld->concept_first = calloc(ck->nconcepts + 1, sizeof(size_t));
    if (!ld->matcher || !ld->concept_first)
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < ck->nforms; i++) {
        struct form *f = &ck->forms[i];
        if (!lang_matches(f->lang, lang))
            continue;
        if ((rc = glossa_matcher_add(ld->matcher, f->text, strlen(f->text), matcher_case(f->mode),
                                     i, err)))
            return rc;
        ld->concept_first[f->concept + 1]++;
    }
    for (size_t c = 0; c < ck->nconcepts; c++)
        ld->concept_first[c + 1] += ld->concept_first[c];
    ld->by_concept = malloc((ld->concept_first[ck->nconcepts] + 1) * sizeof(size_t));
    if (!ld->by_concept)
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
    {
        size_t *fill = calloc(ck->nconcepts + 1, sizeof(size_t));
        if (!fill)
            return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t i = 0; i < ck->nforms; i++) {
            struct form *f = &ck->forms[i];
            if (lang_matches(f->lang, lang))
                ld->by_concept[ld->concept_first[f->concept] + fill[f->concept]++] = i;
        }
        free(fill);
    }
    if ((rc = glossa_matcher_build(ld->matcher, err)))
        return rc;
    ld->stemmer = glossa_stemmer_new(lang);
    if (glossa_lang_get(lang, &lo, NULL) == 0)
        ld->finder = glossa_acronym_finder_new(lo, NULL);
    *out = ld;
    return 0;
}

int glossa_checker_prepare(struct glossa_checker *ck, const char *lang, struct glossa_error *err)
{
    struct langdata *ld;
    return get_lang(ck, lang, &ld, err);
}

static int is_approved(const struct form *f)
{
    return f->status == GLOSSA_STATUS_APPROVED || f->status == GLOSSA_STATUS_UNSET;
}

static int is_flagged(const struct form *f)
{
    return f->status == GLOSSA_STATUS_DEPRECATED || f->status == GLOSSA_STATUS_FORBIDDEN;
}

static const char *form_stemkey(struct form *f, struct langdata *ld, size_t *len)
{
    if (!f->has_stem && ld->stemmer) {
        f->stemkey = glossa_stemmer_key(ld->stemmer, f->text, strlen(f->text), &f->stemlen);
        f->has_stem = 1;
    }
    *len = f->stemlen;
    return f->stemkey;
}

/* ---- findings ----------------------------------------------------------------- */

struct doc {
    const struct glossa_text *text;
    const struct glossa_segments *segments;
    const char *body;
    size_t len;
    int version;
};

/* The segment around offset, as a span of the body. */
static void segment_span(const struct doc *d, size_t offset, size_t *start, size_t *end)
{
    const struct glossa_segments *sg = d->segments;
    size_t lo = 0, hi = sg ? sg->n : 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sg->items[mid].end <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (sg && lo < sg->n && sg->items[lo].start <= offset) {
        *start = sg->items[lo].start;
        *end = sg->items[lo].end;
        return;
    }
    /* between segments or no segments: the line */
    *start = offset;
    while (*start > 0 && d->body[*start - 1] != '\n')
        (*start)--;
    *end = offset;
    while (*end < d->len && d->body[*end] != '\n')
        (*end)++;
}

static int add_finding(struct glossa_checker *ck, struct glossa_findings *out, const struct doc *d,
                       enum glossa_check_id id, size_t offset, const char *term, size_t termlen,
                       struct strbuf *message)
{
    struct glossa_finding *f;
    struct strbuf ctx = STRBUF_INIT;
    size_t s, e;
    if (!ck->enabled[id]) {
        strbuf_reset(message);
        return 0;
    }
    if (out->n == out->alloc) {
        size_t na = out->alloc ? out->alloc * 2 : 16;
        struct glossa_finding *ni = realloc(out->items, na * sizeof(*ni));
        if (!ni)
            return GLOSSA_ENOMEM;
        out->items = ni;
        out->alloc = na;
    }
    segment_span(d, offset, &s, &e);
    if (glossa_fold_append(&ctx, d->body + s, e - s, GLOSSA_FOLD_MATCH))
        strbuf_add(&ctx, d->body + s, e - s);
    f = &out->items[out->n];
    memset(f, 0, sizeof(*f));
    f->check = id;
    f->severity = checks[id].severity;
    f->version = d->version;
    f->offset = offset;
    glossa_text_position(d->text, offset, &f->line, &f->column);
    f->term = strndup(term, termlen);
    f->message = strbuf_detach(message, NULL);
    f->context = strbuf_detach(&ctx, NULL);
    if (!f->term || !f->message || !f->context) {
        free(f->term);
        free(f->message);
        free(f->context);
        return GLOSSA_ENOMEM;
    }
    out->n++;
    return 0;
}

/* Appends "'a' or 'b'" (approved forms of concept c in ld's language, type
 * preferred first) to sb; returns the number written. */
static size_t add_approved_forms(struct strbuf *sb, const struct glossa_checker *ck,
                                 const struct langdata *ld, size_t c, int prefer_type)
{
    size_t written = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = ld->concept_first[c]; k < ld->concept_first[c + 1] && written < 3; k++) {
            const struct form *f = &ck->forms[ld->by_concept[k]];
            if (!is_approved(f) || ((int)f->type == prefer_type) != (pass == 0))
                continue;
            strbuf_addf(sb, "%s'%s'", written ? " or " : "", f->text);
            written++;
        }
    return written;
}

/* ---- monolingual --------------------------------------------------------------- */

struct definition {
    size_t sf_start, sf_end, lf_start, lf_end;
};

struct acronym_use {
    size_t form; /* the glossary acronym form */
    size_t first_use;
    int used;
};

static int cmp_def(const void *a, const void *b)
{
    const struct definition *x = a, *y = b;
    return (x->sf_start > y->sf_start) - (x->sf_start < y->sf_start);
}

static int push_def(struct definition **defs, size_t *n, size_t *alloc, struct definition d)
{
    if (*n == *alloc) {
        size_t na = *alloc ? *alloc * 2 : 32;
        struct definition *nd = realloc(*defs, na * sizeof(*nd));
        if (!nd)
            return GLOSSA_ENOMEM;
        *defs = nd;
        *alloc = na;
    }
    (*defs)[(*n)++] = d;
    return 0;
}

static size_t skip_spaces(const char *s, size_t i, size_t len)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

static size_t skip_spaces_back(const char *s, size_t i)
{
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
        i--;
    return i;
}

/* Two long forms are one expansion when their stem keys are equal or one is a
 * word suffix of the other (a finder may take a leading word more). */
static int same_expansion(struct langdata *ld, const char *a, size_t alen, const char *b,
                          size_t blen)
{
    struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
    char *sa = NULL, *sb = NULL;
    size_t la, lb;
    int same;
    if (ld->stemmer) {
        sa = glossa_stemmer_key(ld->stemmer, a, alen, &la);
        sb = glossa_stemmer_key(ld->stemmer, b, blen, &lb);
    } else {
        glossa_fold_append(&ka, a, alen, GLOSSA_FOLD_MATCH);
        glossa_fold_append(&kb, b, blen, GLOSSA_FOLD_MATCH);
        sa = strbuf_detach(&ka, &la);
        sb = strbuf_detach(&kb, &lb);
    }
    if (!sa || !sb)
        same = 1; /* out of memory: raise nothing */
    else if (la >= lb)
        same =
            lb && la >= lb && !memcmp(sa + la - lb, sb, lb) && (la == lb || sa[la - lb - 1] == ' ');
    else
        same = la && !memcmp(sb + lb - la, sa, la) && sb[lb - la - 1] == ' ';
    free(sa);
    free(sb);
    return same;
}

static int check_acronyms(struct glossa_checker *ck, struct langdata *ld, const struct doc *d,
                          const struct glossa_match *mt, size_t nmt, struct glossa_findings *out,
                          struct strbuf *msg)
{
    struct definition *defs = NULL;
    size_t ndefs = 0, adefs = 0;
    int rc = 0;
    const char *t = d->body;

    /* Definitions found by the acronym finder, paragraph by paragraph. */
    if (ld->finder && d->segments)
        for (size_t p = 0; p < d->segments->nparagraphs; p++) {
            const struct glossa_paragraph *pg = &d->segments->paragraphs[p];
            struct glossa_acronym *acr = NULL;
            size_t na = 0;
            if (glossa_acronym_find(ld->finder, t + pg->start, pg->end - pg->start, &acr, &na,
                                    NULL))
                continue;
            for (size_t i = 0; i < na && !rc; i++)
                if (acr[i].lf_end > acr[i].lf_start)
                    rc = push_def(&defs, &ndefs, &adefs,
                                  (struct definition){
                                      pg->start + acr[i].sf_start, pg->start + acr[i].sf_end,
                                      pg->start + acr[i].lf_start, pg->start + acr[i].lf_end});
            free(acr);
        }
    /* Definitions recognised from the glossary: "LF (SF)" and "SF (LF)". */
    for (size_t i = 0; i < nmt && !rc; i++) {
        const struct form *f = &ck->forms[mt[i].payload];
        if (f->type != TYPE_FULL_FORM)
            continue;
        for (size_t j = i + 1; j < nmt && mt[j].start < mt[i].end + 16; j++) {
            const struct form *a = &ck->forms[mt[j].payload];
            if (a->type != TYPE_ACRONYM || a->concept != f->concept)
                continue;
            size_t k = skip_spaces(t, mt[i].end, d->len);
            if (k < d->len && (t[k] == '(' || t[k] == '[') &&
                skip_spaces(t, k + 1, d->len) == mt[j].start)
                rc = push_def(&defs, &ndefs, &adefs,
                              (struct definition){mt[j].start, mt[j].end, mt[i].start, mt[i].end});
        }
        for (size_t j = i; j-- > 0 && mt[j].end + 16 > mt[i].start;) {
            const struct form *a = &ck->forms[mt[j].payload];
            if (a->type != TYPE_ACRONYM || a->concept != f->concept)
                continue;
            size_t k = skip_spaces_back(t, mt[i].start);
            if (k > 0 && (t[k - 1] == '(' || t[k - 1] == '[') &&
                skip_spaces_back(t, k - 1) == mt[j].end)
                rc = push_def(&defs, &ndefs, &adefs,
                              (struct definition){mt[j].start, mt[j].end, mt[i].start, mt[i].end});
        }
    }
    if (rc)
        goto out;
    if (ndefs > 1)
        qsort(defs, ndefs, sizeof(*defs), cmp_def);
    {
        size_t w = 0;
        for (size_t i = 0; i < ndefs; i++)
            if (!w || defs[w - 1].sf_start != defs[i].sf_start)
                defs[w++] = defs[i];
        ndefs = w;
    }

    /* A glossary acronym in brackets after words that start like one of its
     * definitions but go on differently ("European Police Office (Europol)"
     * and later "European Criminal Office (Europol)") is a definition with
     * another long form: the finder does not take it (its letters need not
     * fit the acronym) and the glossary does not know it. */
    for (size_t i = 0, n0 = ndefs; i < nmt && !rc; i++) {
        const struct form *a = &ck->forms[mt[i].payload];
        size_t sl = mt[i].end - mt[i].start, open, k, ref = SIZE_MAX, words = 0, start;
        int known = 0;
        if (a->type != TYPE_ACRONYM || !is_approved(a))
            continue;
        open = skip_spaces_back(t, mt[i].start);
        k = skip_spaces(t, mt[i].end, d->len);
        if (!open || (t[open - 1] != '(' && t[open - 1] != '[') || k >= d->len ||
            (t[k] != ')' && t[k] != ']'))
            continue;
        for (size_t j = 0; j < n0 && !known; j++) {
            known = defs[j].sf_start == mt[i].start;
            if (ref == SIZE_MAX && defs[j].sf_end - defs[j].sf_start == sl &&
                !memcmp(t + defs[j].sf_start, t + mt[i].start, sl))
                ref = j;
        }
        if (known || ref == SIZE_MAX)
            continue;
        for (size_t p = defs[ref].lf_start; p < defs[ref].lf_end; p++)
            words += (p == defs[ref].lf_start || t[p - 1] == ' ') && t[p] != ' ';
        /* as many words before the bracket as the known long form has */
        start = skip_spaces_back(t, open - 1);
        for (size_t w = 0; w < words && start > 0 && t[start - 1] != '\n';) {
            start--;
            if (t[start] != ' ' && (start == 0 || t[start - 1] == ' ' || t[start - 1] == '\n'))
                w++;
        }
        {
            size_t end = skip_spaces_back(t, open - 1);
            size_t fa = strcspn(t + start, " "), fb = strcspn(t + defs[ref].lf_start, " ");
            if (end <= start || fa > end - start)
                continue;
            if (fb > defs[ref].lf_end - defs[ref].lf_start)
                fb = defs[ref].lf_end - defs[ref].lf_start;
            /* same first word (up to its ending), different long form */
            if (!same_expansion(ld, t + start, fa, t + defs[ref].lf_start, fb) ||
                same_expansion(ld, t + start, end - start, t + defs[ref].lf_start,
                               defs[ref].lf_end - defs[ref].lf_start))
                continue;
            rc = push_def(&defs, &ndefs, &adefs,
                          (struct definition){mt[i].start, mt[i].end, start, end});
        }
    }
    if (rc)
        goto out;
    if (ndefs > 1)
        qsort(defs, ndefs, sizeof(*defs), cmp_def);

    /* Two definitions of one short form: one expansion or two. */
    for (size_t i = 0; i < ndefs && !rc; i++) {
        size_t sl = defs[i].sf_end - defs[i].sf_start;
        for (size_t j = 0; j < i; j++) {
            if (defs[j].sf_end - defs[j].sf_start != sl ||
                memcmp(t + defs[j].sf_start, t + defs[i].sf_start, sl))
                continue;
            size_t line, col;
            int same = same_expansion(ld, t + defs[j].lf_start, defs[j].lf_end - defs[j].lf_start,
                                      t + defs[i].lf_start, defs[i].lf_end - defs[i].lf_start);
            glossa_text_position(d->text, defs[j].sf_start, &line, &col);
            if (same)
                strbuf_addf(msg,
                            "acronym '%.*s' is defined again; it was defined at line %zu as "
                            "'%.*s'",
                            (int)sl, t + defs[i].sf_start, line,
                            (int)(defs[j].lf_end - defs[j].lf_start), t + defs[j].lf_start);
            else
                strbuf_addf(msg,
                            "acronym '%.*s' is defined here as '%.*s' and at line %zu as "
                            "'%.*s'; use one long form",
                            (int)sl, t + defs[i].sf_start, (int)(defs[i].lf_end - defs[i].lf_start),
                            t + defs[i].lf_start, line, (int)(defs[j].lf_end - defs[j].lf_start),
                            t + defs[j].lf_start);
            rc = add_finding(
                ck, out, d,
                same ? GLOSSA_CHECK_ACRONYM_REDEFINED : GLOSSA_CHECK_ACRONYM_MULTI_EXPANSION,
                defs[i].lf_start < defs[i].sf_start ? defs[i].lf_start : defs[i].sf_start,
                t + defs[i].sf_start, sl, msg);
            break;
        }
    }

    /* Glossary acronyms: used before any definition, or never defined. */
    for (size_t i = 0; i < nmt && !rc; i++) {
        const struct form *a = &ck->forms[mt[i].payload];
        size_t sl = mt[i].end - mt[i].start, first_def = SIZE_MAX;
        int seen_before = 0;
        if (a->type != TYPE_ACRONYM || !is_approved(a))
            continue;
        /* report once per short form: skip if an earlier match has the same text */
        for (size_t j = 0; j < i && !seen_before; j++)
            seen_before = mt[j].end - mt[j].start == sl &&
                          ck->forms[mt[j].payload].type == TYPE_ACRONYM &&
                          !memcmp(t + mt[j].start, t + mt[i].start, sl);
        if (seen_before)
            continue;
        for (size_t k = 0; k < ndefs; k++)
            if (defs[k].sf_end - defs[k].sf_start == sl &&
                !memcmp(t + defs[k].sf_start, t + mt[i].start, sl)) {
                first_def = k;
                break;
            }
        if (first_def == SIZE_MAX) {
            size_t nfull = 0;
            strbuf_addf(msg, "acronym '%.*s' is used but never defined", (int)sl, t + mt[i].start);
            for (size_t k = ld->concept_first[a->concept];
                 k < ld->concept_first[a->concept + 1] && !nfull; k++) {
                const struct form *lf = &ck->forms[ld->by_concept[k]];
                if (lf->type == TYPE_ACRONYM || !is_approved(lf))
                    continue;
                strbuf_addf(msg, "; define it on first use: '%s (%.*s)'", lf->text, (int)sl,
                            t + mt[i].start);
                nfull++;
            }
            rc = add_finding(ck, out, d, GLOSSA_CHECK_ACRONYM_UNDEFINED, mt[i].start, a->text,
                             strlen(a->text), msg);
        } else if (mt[i].start < defs[first_def].sf_start &&
                   !(mt[i].start >= defs[first_def].lf_start &&
                     mt[i].end <= defs[first_def].lf_end)) {
            size_t line, col;
            glossa_text_position(d->text, defs[first_def].sf_start, &line, &col);
            strbuf_addf(msg, "acronym '%.*s' is used before its definition at line %zu ('%.*s')",
                        (int)sl, t + mt[i].start, line,
                        (int)(defs[first_def].lf_end - defs[first_def].lf_start),
                        t + defs[first_def].lf_start);
            rc = add_finding(ck, out, d, GLOSSA_CHECK_ACRONYM_BEFORE_DEFINITION, mt[i].start,
                             a->text, strlen(a->text), msg);
        }
    }
out:
    free(defs);
    return rc ? GLOSSA_ENOMEM : 0;
}

int glossa_check_document(struct glossa_checker *ck, const struct glossa_text *text,
                          const struct glossa_segments *segments, const char *lang, int version,
                          struct glossa_findings *out, struct glossa_error *err)
{
    struct langdata *ld;
    struct glossa_match *mt = NULL;
    size_t nmt = 0;
    struct doc d = {text, segments, NULL, 0, version};
    struct strbuf msg = STRBUF_INIT;
    size_t *first_variant = NULL; /* per concept * 3 types: form index + 1 of the first use */
    size_t *first_offset = NULL;
    int rc;

    d.body = glossa_text_body(text, &d.len);
    if ((rc = get_lang(ck, lang, &ld, err)))
        return rc;
    if ((rc = glossa_matcher_run(ld->matcher, d.body, d.len, GLOSSA_MATCHER_LONGEST, &mt, &nmt,
                                 err)))
        return rc;
    first_variant = calloc(ck->nconcepts * 3 + 1, sizeof(size_t));
    first_offset = calloc(ck->nconcepts * 3 + 1, sizeof(size_t));
    if (!first_variant || !first_offset)
        goto nomem;
    for (size_t i = 0; i < nmt; i++) {
        struct form *f = &ck->forms[mt[i].payload];
        if (i && mt[i].start == mt[i - 1].start && mt[i].end == mt[i - 1].end)
            continue; /* one occurrence, several rows */
        if (is_flagged(f)) {
            strbuf_addf(&msg, "'%.*s' is %s", (int)(mt[i].end - mt[i].start), d.body + mt[i].start,
                        f->status == GLOSSA_STATUS_FORBIDDEN ? "forbidden" : "deprecated");
            size_t mark = msg.len;
            strbuf_addstr(&msg, "; use ");
            if (!add_approved_forms(&msg, ck, ld, f->concept, (int)f->type)) {
                strbuf_setlen(&msg, mark);
                strbuf_addstr(&msg, " (no approved replacement in the glossary)");
            }
            if ((rc = add_finding(ck, out, &d, GLOSSA_CHECK_TERM_FORBIDDEN, mt[i].start, f->text,
                                  strlen(f->text), &msg)))
                goto fail;
            continue;
        }
        if (!is_approved(f))
            continue;
        {
            size_t g = f->concept * 3 + (size_t)f->type, first = first_variant[g];
            if (!first) {
                first_variant[g] = mt[i].payload + 1;
                first_offset[g] = mt[i].start;
            } else if (strcmp(ck->forms[first - 1].key, f->key)) {
                /* report each further variant once: look for an earlier use of this key */
                int reported = 0;
                for (size_t j = 0; j < i && !reported; j++) {
                    const struct form *o = &ck->forms[mt[j].payload];
                    reported = o->concept == f->concept && o->type == f->type &&
                               mt[j].start >= first_offset[g] && mt[j].start != mt[i].start &&
                               !strcmp(o->key, f->key);
                }
                if (!reported) {
                    size_t line, col;
                    glossa_text_position(text, first_offset[g], &line, &col);
                    strbuf_addf(&msg,
                                "'%.*s' and '%s' (line %zu) are variants of one concept; use "
                                "'%s' throughout",
                                (int)(mt[i].end - mt[i].start), d.body + mt[i].start,
                                ck->forms[first - 1].text, line, ck->forms[first - 1].text);
                    if ((rc = add_finding(ck, out, &d, GLOSSA_CHECK_TERM_INCONSISTENT, mt[i].start,
                                          f->text, strlen(f->text), &msg)))
                        goto fail;
                }
            }
        }
    }
    if ((rc = check_acronyms(ck, ld, &d, mt, nmt, out, &msg)))
        goto fail;
    free(mt);
    free(first_variant);
    free(first_offset);
    strbuf_release(&msg);
    return 0;
nomem:
    rc = GLOSSA_ENOMEM;
fail:
    free(mt);
    free(first_variant);
    free(first_offset);
    strbuf_release(&msg);
    return glossa_error_set(err, rc, NULL, 0, 0, "out of memory");
}

/* ---- bilingual ----------------------------------------------------------------- */

struct tally {
    size_t concept;
    size_t src, tgt;  /* occurrences of approved forms */
    size_t src_form;  /* a source form seen (for the message) */
    size_t src_first; /* its offset in the source */
    size_t tgt_first; /* offset of the first target occurrence */
    int tgt_seen;
    int reported; /* a term-count finding was made for this bead */
};

/* The tally of concept among (*t)[first..*n), added when missing. */
static struct tally *tally_get(struct tally **t, size_t first, size_t *n, size_t *alloc,
                               size_t concept)
{
    for (size_t i = first; i < *n; i++)
        if ((*t)[i].concept == concept)
            return &(*t)[i];
    if (*n == *alloc) {
        size_t na = *alloc ? *alloc * 2 : 16;
        struct tally *nt = realloc(*t, na * sizeof(*nt));
        if (!nt)
            return NULL;
        *t = nt;
        *alloc = na;
    }
    memset(&(*t)[*n], 0, sizeof(**t));
    (*t)[*n].concept = concept;
    return &(*t)[(*n)++];
}

/* Occurrences of concept c in span by stems (0 when the language has no
 * stemmer): the approved forms' stem keys are looked for longest first, and an
 * occurrence that overlaps one already counted is not counted again (two forms
 * of one concept may share a stem key, or one may hold the other). */
static size_t stem_count(struct glossa_checker *ck, struct langdata *ld, size_t c,
                         const char *spankey, size_t spanlen)
{
    size_t total = 0, nkeys = 0, nspans = 0, aspans = 0;
    size_t *spans = NULL;
    const char *keys[64];
    size_t lens[64];
    if (!ld->stemmer || !spankey)
        return 0;
    for (size_t k = ld->concept_first[c]; k < ld->concept_first[c + 1] && nkeys < 64; k++) {
        struct form *f = &ck->forms[ld->by_concept[k]];
        size_t kl;
        const char *key;
        if (!is_approved(f) || !(key = form_stemkey(f, ld, &kl)) || !kl)
            continue;
        keys[nkeys] = key;
        lens[nkeys++] = kl;
    }
    for (size_t i = 1; i < nkeys; i++) /* longest first */
        for (size_t j = i; j > 0 && lens[j] > lens[j - 1]; j--) {
            const char *tk = keys[j];
            size_t tl = lens[j];
            keys[j] = keys[j - 1];
            lens[j] = lens[j - 1];
            keys[j - 1] = tk;
            lens[j - 1] = tl;
        }
    for (size_t i = 0; i < nkeys; i++) {
        const char *p = spankey, *end = spankey + spanlen;
        while (p + lens[i] <= end) {
            const char *q = memmem(p, (size_t)(end - p), keys[i], lens[i]);
            size_t a, b;
            int overlap = 0;
            if (!q)
                break;
            a = (size_t)(q - spankey);
            b = a + lens[i];
            p = q + 1;
            if (!((q == spankey || q[-1] == ' ') && (b == spanlen || spankey[b] == ' ')))
                continue;
            for (size_t k = 0; k < nspans && !overlap; k += 2)
                overlap = a < spans[k + 1] && spans[k] < b;
            if (overlap)
                continue;
            if (nspans + 2 > aspans) {
                size_t na = aspans ? aspans * 2 : 16;
                size_t *ns = realloc(spans, na * sizeof(*ns));
                if (!ns)
                    break;
                spans = ns;
                aspans = na;
            }
            spans[nspans++] = a;
            spans[nspans++] = b;
            total++;
        }
    }
    free(spans);
    return total;
}

static int has_approved(const struct glossa_checker *ck, const struct langdata *ld, size_t c)
{
    for (size_t k = ld->concept_first[c]; k < ld->concept_first[c + 1]; k++)
        if (is_approved(&ck->forms[ld->by_concept[k]]))
            return 1;
    return 0;
}

/* The first approved form of concept c in ld's language, or NULL. */
static const struct form *first_approved(const struct glossa_checker *ck, const struct langdata *ld,
                                         size_t c)
{
    for (size_t k = ld->concept_first[c]; k < ld->concept_first[c + 1]; k++)
        if (is_approved(&ck->forms[ld->by_concept[k]]))
            return &ck->forms[ld->by_concept[k]];
    return NULL;
}

static int make_units(const struct glossa_text *text, const struct glossa_segments *sg,
                      struct glossa_bitext_unit **units)
{
    const char *body = glossa_text_body(text, NULL);
    *units = calloc(sg->n + 1, sizeof(**units));
    if (!*units)
        return GLOSSA_ENOMEM;
    for (size_t i = 0; i < sg->n; i++) {
        const struct glossa_paragraph *p = &sg->paragraphs[sg->items[i].paragraph];
        (*units)[i].text = body + sg->items[i].start;
        (*units)[i].len = sg->items[i].end - sg->items[i].start;
        (*units)[i].number = p->first_segment == i ? p->number : NULL;
    }
    return 0;
}

int glossa_check_bilingual(struct glossa_checker *ck, const struct glossa_text *src,
                           const struct glossa_segments *src_segments, const char *src_lang,
                           const struct glossa_text *tgt,
                           const struct glossa_segments *tgt_segments, const char *tgt_lang,
                           struct glossa_findings *out, struct glossa_error *err)
{
    return glossa_check_bilingual_units(ck, src, src_segments, src_lang, NULL, tgt, tgt_segments,
                                        tgt_lang, NULL, out, err);
}

int glossa_check_bilingual_units(struct glossa_checker *ck, const struct glossa_text *src,
                                 const struct glossa_segments *src_segments, const char *src_lang,
                                 const size_t *src_units, const struct glossa_text *tgt,
                                 const struct glossa_segments *tgt_segments, const char *tgt_lang,
                                 const size_t *tgt_units, struct glossa_findings *out,
                                 struct glossa_error *err)
{
    struct langdata *ls, *lt;
    struct glossa_match *ms = NULL, *mtg = NULL;
    size_t nms = 0, nmt = 0, is = 0, it = 0;
    struct glossa_bitext_unit *ua = NULL, *ub = NULL;
    struct glossa_bitext bt;
    struct doc ds = {src, src_segments, NULL, 0, 0}, dt = {tgt, tgt_segments, NULL, 0, 1};
    struct tally *tl = NULL;
    size_t ntl = 0, atl = 0, *bead_first = NULL;
    struct strbuf msg = STRBUF_INIT;
    int rc;

    memset(&bt, 0, sizeof(bt));
    if (!ck->enabled[GLOSSA_CHECK_TERM_MISMATCH] && !ck->enabled[GLOSSA_CHECK_TERM_COUNT])
        return 0;
    ds.body = glossa_text_body(src, &ds.len);
    dt.body = glossa_text_body(tgt, &dt.len);
    if ((rc = get_lang(ck, src_lang, &ls, err)) || (rc = get_lang(ck, tgt_lang, &lt, err)))
        return rc;
    if ((rc = glossa_matcher_run(ls->matcher, ds.body, ds.len, GLOSSA_MATCHER_LONGEST, &ms, &nms,
                                 err)) ||
        (rc = glossa_matcher_run(lt->matcher, dt.body, dt.len, GLOSSA_MATCHER_LONGEST, &mtg, &nmt,
                                 err)))
        goto out;
    if (src_units && tgt_units) {
        if ((rc = glossa_bitext_from_units(src_units, src_segments->n, tgt_units, tgt_segments->n,
                                           &bt, err)))
            goto out;
    } else if ((rc = make_units(src, src_segments, &ua)) ||
               (rc = make_units(tgt, tgt_segments, &ub)) ||
               (rc = glossa_bitext_align(ua, src_segments->n, ub, tgt_segments->n, &bt, err)))
        goto out;
    /* Pass 1: per bead, the occurrences of each concept on both sides. */
    bead_first = calloc(bt.nbeads + 1, sizeof(*bead_first));
    if (!bead_first)
        goto nomem;
    for (size_t b = 0; b < bt.nbeads; b++) {
        const struct glossa_bead *bd = &bt.beads[b];
        size_t s0, s1, t0, t1, first = ntl;
        bead_first[b] = ntl;
        if (bd->a_start == bd->a_end || bd->b_start == bd->b_end)
            continue;
        s0 = src_segments->items[bd->a_start].start;
        s1 = src_segments->items[bd->a_end - 1].end;
        t0 = tgt_segments->items[bd->b_start].start;
        t1 = tgt_segments->items[bd->b_end - 1].end;
        while (is < nms && ms[is].start < s0)
            is++;
        while (it < nmt && mtg[it].start < t0)
            it++;
        for (size_t i = is; i < nms && ms[i].start < s1; i++) {
            const struct form *f = &ck->forms[ms[i].payload];
            struct tally *ty;
            if (i > is && ms[i].start == ms[i - 1].start && ms[i].end == ms[i - 1].end)
                continue;
            if (!is_approved(f) || !has_approved(ck, lt, f->concept))
                continue;
            if (!(ty = tally_get(&tl, first, &ntl, &atl, f->concept)))
                goto nomem;
            if (!ty->src) {
                ty->src_form = ms[i].payload;
                ty->src_first = ms[i].start;
            }
            ty->src++;
        }
        for (size_t i = it; i < nmt && mtg[i].start < t1; i++) {
            const struct form *f = &ck->forms[mtg[i].payload];
            struct tally *ty;
            if (i > it && mtg[i].start == mtg[i - 1].start && mtg[i].end == mtg[i - 1].end)
                continue;
            if (!is_approved(f) || !has_approved(ck, ls, f->concept))
                continue;
            if (!(ty = tally_get(&tl, first, &ntl, &atl, f->concept)))
                goto nomem;
            if (!ty->tgt_seen)
                ty->tgt_first = mtg[i].start;
            ty->tgt_seen = 1;
            ty->tgt++;
        }
    }
    bead_first[bt.nbeads] = ntl;
    /* Pass 2: where a bead's surface counts differ, stems may clear the
     * difference (never make one: inflection clears, it does not accuse).
     * Stem counts see inflected forms, but also forms nested in longer terms
     * that the automaton rightly gave to the longer term; so the smaller side
     * is raised by its stems only when the other side's stems see no more
     * than its surface, and otherwise the difference is cleared only when the
     * stem counts of both sides agree. */
    for (size_t b = 0; b < bt.nbeads; b++) {
        const struct glossa_bead *bd = &bt.beads[b];
        char *tkey = NULL, *skey = NULL;
        size_t tkeylen = 0, skeylen = 0;
        if (bead_first[b] == bead_first[b + 1])
            continue;
        for (size_t k = bead_first[b]; k < bead_first[b + 1]; k++) {
            struct tally *ty = &tl[k];
            size_t stem_s, stem_t;
            if (ty->tgt == ty->src || !ls->stemmer || !lt->stemmer)
                continue;
            if (!tkey) {
                size_t t0 = tgt_segments->items[bd->b_start].start;
                size_t t1 = tgt_segments->items[bd->b_end - 1].end;
                tkey = glossa_stemmer_key(lt->stemmer, dt.body + t0, t1 - t0, &tkeylen);
            }
            if (!skey) {
                size_t s0 = src_segments->items[bd->a_start].start;
                size_t s1 = src_segments->items[bd->a_end - 1].end;
                skey = glossa_stemmer_key(ls->stemmer, ds.body + s0, s1 - s0, &skeylen);
            }
            stem_s = stem_count(ck, ls, ty->concept, skey, skeylen);
            stem_t = stem_count(ck, lt, ty->concept, tkey, tkeylen);
            if (stem_s < ty->src)
                stem_s = ty->src;
            if (stem_t < ty->tgt)
                stem_t = ty->tgt;
            if (stem_s == stem_t)
                ty->tgt = ty->src;
            else if (ty->tgt < ty->src && stem_s == ty->src)
                ty->tgt = stem_t < ty->src ? stem_t : ty->src;
            else if (ty->src < ty->tgt && stem_t == ty->tgt)
                ty->src = stem_s < ty->tgt ? stem_s : ty->tgt;
        }
        free(tkey);
        free(skey);
    }
    /* Pass 3: decide, bead by bead. A difference that the neighbouring beads
     * make up is an alignment shift, not an error; what remains is a
     * term-mismatch (nothing of the concept in the target around) or a
     * term-count difference (reported once for the beads that share it). */
    for (size_t b = 0; b < bt.nbeads && !rc; b++) {
        const struct glossa_bead *bd = &bt.beads[b];
        size_t t0;
        if (bead_first[b] == bead_first[b + 1])
            continue;
        t0 = tgt_segments->items[bd->b_start].start;
        for (size_t k = bead_first[b]; k < bead_first[b + 1] && !rc; k++) {
            struct tally *ty = &tl[k];
            const struct form *sf;
            size_t src_w = 0, tgt_w = 0, lo = b >= 1 ? b - 1 : 0, hi = b + 1;
            int earlier = 0;
            if (ty->tgt == ty->src)
                continue;
            for (size_t nb = lo; nb <= hi && nb < bt.nbeads; nb++)
                for (size_t j = bead_first[nb]; j < bead_first[nb + 1]; j++)
                    if (tl[j].concept == ty->concept) {
                        src_w += tl[j].src;
                        tgt_w += tl[j].tgt;
                    }
            /* a target term with none in the source around is the translator's
             * choice ("the country" made "Afghanistan"), not a count error */
            if (tgt_w == src_w || !src_w)
                continue;
            if (ty->tgt == 0 && tgt_w > src_w)
                continue; /* the neighbour that has more says so */
            if (ty->tgt == 0 && ty->src) {
                size_t line, col;
                sf = &ck->forms[ty->src_form];
                glossa_text_position(src, ty->src_first, &line, &col);
                strbuf_addf(&msg,
                            "source term '%s' (source line %zu) has no approved equivalent here; "
                            "expected ",
                            sf->text, line);
                add_approved_forms(&msg, ck, lt, ty->concept, (int)sf->type);
                rc = add_finding(ck, out, &dt, GLOSSA_CHECK_TERM_MISMATCH, t0, sf->text,
                                 strlen(sf->text), &msg);
                continue;
            }
            for (size_t nb = b >= 2 ? b - 2 : 0; nb < b && !earlier; nb++)
                for (size_t j = bead_first[nb]; j < bead_first[nb + 1] && !earlier; j++)
            earlier = tl[j].concept == ty->concept && tl[j].reported;
            if (earlier)
                continue;
            ty->reported = 1;
            sf = ty->src ? &ck->forms[ty->src_form] : first_approved(ck, ls, ty->concept);
            if (!sf)
                continue;
            strbuf_addf(&msg, "'%s' appears %zu time%s in the source and %zu in the target (",
                        sf->text, src_w, src_w == 1 ? "" : "s", tgt_w);
            add_approved_forms(&msg, ck, lt, ty->concept, (int)sf->type);
            strbuf_addch(&msg, ')');
            rc = add_finding(ck, out, &dt, GLOSSA_CHECK_TERM_COUNT,
                             ty->tgt_seen ? ty->tgt_first : t0, sf->text, strlen(sf->text), &msg);
        }
        if (rc)
            goto nomem;
    }
    rc = 0;
    goto out;
nomem:
    rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
out:
    glossa_bitext_release(&bt);
    free(ua);
    free(ub);
    free(ms);
    free(mtg);
    free(tl);
    free(bead_first);
    strbuf_release(&msg);
    return rc;
}

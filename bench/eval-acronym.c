/* eval-acronym: measures the acronym finder against the gold data in
 * ../shared/corpus (or $SHARED_CORPUS) and prints the figures.
 *
 * - unpc-dev: definitions per language (en fr es ru), exact short and long
 *   form strings per line, the lines gold/README.md leaves out as uncertain
 *   excluded; precision and recall. Each line alone ("unpc-dev fr"), then
 *   with the definitions of the other three versions of the line as hints
 *   ("unpc-dev+versions fr").
 * - MACRONYM English-legal and Spanish dev: long-form span F1 (offsets in
 *   code points, exact spans). Needs jansson.
 * - MED1250: (PMID, SF, LF) pairs counted as multisets; precision and recall.
 * A corpus that is absent is skipped with a message. `-v` prints every error,
 * `-q` only the figures. Exit 0 (figures printed) or 2 (trouble). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_JANSSON_EVAL
#include <jansson.h>
#endif

#include "benchlib.h"
#include "glossa/acronym.h"
#include "glossa/lang.h"
#include "strbuf.h"

static int verbose;

/* Splits text into lines in place; returns the count. */
static size_t split_lines(char *text, size_t len, char ***lines)
{
    size_t n = 0, cap = 1024;
    char **v = malloc(cap * sizeof(char *));
    char *p = text, *end = text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (n == cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof(char *));
        }
        v[n++] = p;
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    *lines = v;
    return n;
}

struct pair {
    char *key; /* "line\tsf\tlf" */
    int used;
};

static int cmp_pair(const void *a, const void *b)
{
    return strcmp(((const struct pair *)a)->key, ((const struct pair *)b)->key);
}

/* Multiset comparison of sorted keys; returns matches. Prints misses when verbose. */
static size_t match_pairs(struct pair *gold, size_t ng, struct pair *pred, size_t np,
                          const char *label)
{
    size_t i = 0, j = 0, hits = 0;
    qsort(gold, ng, sizeof(*gold), cmp_pair);
    qsort(pred, np, sizeof(*pred), cmp_pair);
    while (i < ng || j < np) {
        int c = i == ng ? 1 : j == np ? -1 : strcmp(gold[i].key, pred[j].key);
        if (c == 0) {
            hits++;
            i++;
            j++;
        } else if (c < 0) {
            if (verbose)
                printf("  %s MISS  %s\n", label, gold[i].key);
            i++;
        } else {
            if (verbose)
                printf("  %s FALSE %s\n", label, pred[j].key);
            j++;
        }
    }
    return hits;
}

static void push_pair(struct pair **v, size_t *n, size_t *cap, const char *fmt_a, long line,
                      const char *sf, size_t sfn, const char *lf, size_t lfn)
{
    struct strbuf sb = STRBUF_INIT;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 256;
        *v = realloc(*v, *cap * sizeof(**v));
    }
    strbuf_addf(&sb, fmt_a, line);
    strbuf_add(&sb, "\t", 1);
    strbuf_add(&sb, sf, sfn);
    strbuf_add(&sb, "\t", 1);
    strbuf_add(&sb, lf, lfn);
    (*v)[*n].key = strbuf_detach(&sb, NULL);
    (*v)[*n].used = 0;
    (*n)++;
}

static void free_pairs(struct pair *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    free(v);
}

static void print_pr(const char *name, size_t hits, size_t ng, size_t np)
{
    double p = np ? (double)hits / (double)np : 0, r = ng ? (double)hits / (double)ng : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-28s P %.3f  R %.3f  F1 %.3f  (gold %zu, found %zu, right %zu)\n", name, p, r, f1, ng,
           np, hits);
}

/* Lines gold/README.md leaves out: numbers followed by " (" in the "uncertain"
 * section; the README wraps its lines, so the space may be a line break. */
static size_t uncertain_lines(const char *readme, long *out, size_t cap)
{
    const char *p = strstr(readme, "uncertain");
    size_t n = 0;
    if (!p)
        return 0;
    p = strchr(p, '\n');
    while (p && *p && n < cap) {
        char *end;
        long v;
        if (*p >= '0' && *p <= '9' && (p[-1] == '\n' || p[-1] == ' ')) {
            v = strtol(p, &end, 10);
            if ((end[0] == ' ' || end[0] == '\n') && end[1] == '(')
                out[n++] = v;
            p = end;
        } else {
            p++;
        }
    }
    return n;
}

/* The gold definitions of lang, less the uncertain lines. */
static void unpc_gold(const char *lang, char **dlines, size_t ndl, const long *skip, size_t nskip,
                      struct pair **gold, size_t *ng)
{
    size_t gcap = 0;
    for (size_t i = 1; i < ndl; i++) {
        char *cols[5], *copy = strdup(dlines[i]), *p = copy;
        long line;
        int k, bad = 0;
        for (k = 0; k < 5 && p; k++) {
            cols[k] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        if (k < 5 || strcmp(cols[2], lang)) {
            free(copy);
            continue;
        }
        line = strtol(cols[1], NULL, 10);
        for (size_t s = 0; s < nskip; s++)
            bad |= skip[s] == line;
        if (!bad)
            push_pair(gold, ng, &gcap, "%05ld", line, cols[3], strlen(cols[3]), cols[4],
                      strlen(cols[4]));
        free(copy);
    }
}

#define UNPC_LANGS 4

/* Definitions per language, each line searched alone ("unpc-dev xx"), then
 * again with the definitions found in the other three versions of the same
 * line as hints ("unpc-dev+versions xx": glossa_acronym_finder_set_hints). */
static int eval_unpc(void)
{
    static const char *const langs[UNPC_LANGS] = {"en", "fr", "es", "ru"};
    char path[4096];
    char *defs, *readme, *text[UNPC_LANGS] = {NULL};
    char **dlines, **lines[UNPC_LANGS] = {NULL};
    size_t ndl, dlen, nlines[UNPC_LANGS] = {0};
    long skip[64];
    size_t nskip;
    struct glossa_acronym_finder *finder[UNPC_LANGS] = {NULL};
    struct pair *gold[UNPC_LANGS] = {NULL}, *mono[UNPC_LANGS] = {NULL},
                *versions[UNPC_LANGS] = {NULL};
    size_t ng[UNPC_LANGS] = {0}, nm[UNPC_LANGS] = {0}, mcap[UNPC_LANGS] = {0}, nv[UNPC_LANGS] = {0},
           vcap[UNPC_LANGS] = {0}, most = 0;
    int rc = 0;
    snprintf(path, sizeof(path), "%s/unpc-dev/gold/defs.tsv", bench_corpus_dir());
    defs = bench_read_file(path, &dlen);
    if (!defs) {
        printf("unpc-dev: skipped (%s not found)\n", path);
        return 0;
    }
    snprintf(path, sizeof(path), "%s/unpc-dev/gold/README.md", bench_corpus_dir());
    readme = bench_read_file(path, NULL);
    nskip = readme ? uncertain_lines(readme, skip, 64) : 0;
    free(readme);
    ndl = split_lines(defs, dlen, &dlines);
    for (size_t li = 0; li < UNPC_LANGS; li++) {
        const struct glossa_lang *lg;
        size_t tlen;
        snprintf(path, sizeof(path), "%s/unpc-dev/%s.txt", bench_corpus_dir(), langs[li]);
        text[li] = bench_read_file(path, &tlen);
        if (!text[li]) {
            printf("unpc-dev %s: skipped (%s not found)\n", langs[li], path);
            continue;
        }
        nlines[li] = split_lines(text[li], tlen, &lines[li]);
        if (nlines[li] > most)
            most = nlines[li];
        unpc_gold(langs[li], dlines, ndl, skip, nskip, &gold[li], &ng[li]);
        if (glossa_lang_get(langs[li], &lg, NULL) ||
            !(finder[li] = glossa_acronym_finder_new(lg, NULL))) {
            rc = 2;
            goto out;
        }
    }
    for (size_t i = 0; i < most; i++) {
        struct glossa_acronym *found[UNPC_LANGS] = {NULL};
        size_t nfound[UNPC_LANGS] = {0};
        int bad = 0;
        for (size_t s = 0; s < nskip; s++)
            bad |= skip[s] == (long)(i + 1);
        if (bad)
            continue;
        for (size_t li = 0; li < UNPC_LANGS; li++) {
            const char *l;
            if (!text[li] || i >= nlines[li])
                continue;
            l = lines[li][i];
            if (glossa_acronym_find(finder[li], l, strlen(l), &found[li], &nfound[li], NULL))
                continue;
            for (size_t k = 0; k < nfound[li]; k++) {
                const struct glossa_acronym *a = &found[li][k];
                if (a->lf_start != a->lf_end)
                    push_pair(&mono[li], &nm[li], &mcap[li], "%05ld", (long)(i + 1),
                              l + a->sf_start, a->sf_end - a->sf_start, l + a->lf_start,
                              a->lf_end - a->lf_start);
            }
        }
        for (size_t li = 0; li < UNPC_LANGS; li++) {
            struct glossa_acronym_hint hints[64];
            struct glossa_acronym *a;
            size_t nh = 0, n;
            const char *l;
            if (!text[li] || i >= nlines[li])
                continue;
            l = lines[li][i];
            for (size_t lj = 0; lj < UNPC_LANGS; lj++)
                for (size_t k = 0; lj != li && k < nfound[lj] && nh < 64; k++) {
                    const struct glossa_acronym *d = &found[lj][k];
                    if (d->lf_start == d->lf_end)
                        continue;
                    hints[nh].sf = lines[lj][i] + d->sf_start;
                    hints[nh].sf_len = d->sf_end - d->sf_start;
                    hints[nh].lf = lines[lj][i] + d->lf_start;
                    hints[nh].lf_len = d->lf_end - d->lf_start;
                    hints[nh].confidence = d->confidence;
                    nh++;
                }
            if (glossa_acronym_finder_set_hints(finder[li], hints, nh, NULL)) {
                rc = 2;
                goto out;
            }
            if (!glossa_acronym_find(finder[li], l, strlen(l), &a, &n, NULL)) {
                for (size_t k = 0; k < n; k++)
                    if (a[k].lf_start != a[k].lf_end)
                        push_pair(&versions[li], &nv[li], &vcap[li], "%05ld", (long)(i + 1),
                                  l + a[k].sf_start, a[k].sf_end - a[k].sf_start, l + a[k].lf_start,
                                  a[k].lf_end - a[k].lf_start);
                free(a);
            }
            glossa_acronym_finder_set_hints(finder[li], NULL, 0, NULL);
        }
        for (size_t li = 0; li < UNPC_LANGS; li++)
            free(found[li]);
    }
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t li = 0; li < UNPC_LANGS; li++) {
            char label[64];
            size_t hits;
            if (!text[li])
                continue;
            snprintf(label, sizeof(label), pass ? "unpc-dev+versions %s" : "unpc-dev %s",
                     langs[li]);
            if (pass) {
                for (size_t g = 0; g < ng[li]; g++)
                    gold[li][g].used = 0;
                hits = match_pairs(gold[li], ng[li], versions[li], nv[li], label);
                print_pr(label, hits, ng[li], nv[li]);
            } else {
                hits = match_pairs(gold[li], ng[li], mono[li], nm[li], langs[li]);
                print_pr(label, hits, ng[li], nm[li]);
            }
        }
out:
    for (size_t li = 0; li < UNPC_LANGS; li++) {
        glossa_acronym_finder_free(finder[li]);
        free_pairs(gold[li], ng[li]);
        free_pairs(mono[li], nm[li]);
        free_pairs(versions[li], nv[li]);
        free(lines[li]);
        free(text[li]);
    }
    free(dlines);
    free(defs);
    return rc;
}

/* Code point offset of byte offset b in s. */
static size_t cp_offset(const char *s, size_t b)
{
    size_t n = 0;
    for (size_t i = 0; i < b; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

#ifdef HAVE_JANSSON_EVAL
static int eval_macronym(const char *file, const char *lang)
{
    char path[4096];
    json_error_t jerr;
    json_t *root;
    const struct glossa_lang *lg;
    struct glossa_acronym_finder *finder;
    size_t ng = 0, np = 0, hits = 0, i;
    json_t *item;
    snprintf(path, sizeof(path), "%s/macronym/%s", bench_corpus_dir(), file);
    root = json_load_file(path, 0, &jerr);
    if (!root) {
        printf("macronym %s: skipped (%s: %s)\n", file, path, jerr.text);
        return 0;
    }
    if (glossa_lang_get(lang, &lg, NULL) || !(finder = glossa_acronym_finder_new(lg, NULL)))
        return 2;
    json_array_foreach(root, i, item)
    {
        const char *text = json_string_value(json_object_get(item, "text"));
        json_t *lfs = json_object_get(item, "long-forms");
        struct glossa_acronym *a;
        size_t n, gi;
        json_t *span;
        unsigned char *gold_used;
        if (!text)
            continue;
        ng += json_array_size(lfs);
        gold_used = calloc(json_array_size(lfs) + 1, 1);
        if (glossa_acronym_find(finder, text, strlen(text), &a, &n, NULL)) {
            free(gold_used);
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            size_t s, e;
            int hit = 0;
            if (a[k].lf_start == a[k].lf_end)
                continue;
            np++;
            s = cp_offset(text, a[k].lf_start);
            e = cp_offset(text, a[k].lf_end);
            json_array_foreach(lfs, gi, span)
            {
                if (!gold_used[gi] && (size_t)json_integer_value(json_array_get(span, 0)) == s &&
                    (size_t)json_integer_value(json_array_get(span, 1)) == e) {
                    gold_used[gi] = 1;
                    hit = 1;
                    break;
                }
            }
            hits += hit;
            if (!hit && verbose)
                printf("  %s FALSE #%zu [%.*s] for %.*s\n", lang, i,
                       (int)(a[k].lf_end - a[k].lf_start), text + a[k].lf_start,
                       (int)(a[k].sf_end - a[k].sf_start), text + a[k].sf_start);
        }
        if (verbose)
            json_array_foreach(lfs, gi, span)
            {
                if (!gold_used[gi]) {
                    size_t s = (size_t)json_integer_value(json_array_get(span, 0));
                    size_t e = (size_t)json_integer_value(json_array_get(span, 1));
                    size_t bs = 0, be, c = 0;
                    while (text[bs] && c < s)
                        c += ((unsigned char)text[++bs] & 0xC0) != 0x80;
                    be = bs;
                    while (text[be] && c < e)
                        c += ((unsigned char)text[++be] & 0xC0) != 0x80;
                    printf("  %s MISS  #%zu [%.*s] ...%.*s\n", lang, i, (int)(be - bs), text + bs,
                           (int)(strlen(text + be) < 30 ? strlen(text + be) : 30), text + be);
                }
            }
        free(gold_used);
        free(a);
    }
    {
        char label[64];
        snprintf(label, sizeof(label), "macronym %s", file);
        print_pr(label, hits, ng, np);
    }
    glossa_acronym_finder_free(finder);
    json_decref(root);
    return 0;
}
#endif

static int eval_med1250(void)
{
    char path[4096], *text, **lines;
    size_t len, nlines;
    const struct glossa_lang *lg;
    struct glossa_acronym_finder *finder;
    struct pair *gold = NULL, *pred = NULL;
    size_t ng = 0, gcap = 0, np = 0, pcap = 0;
    long pmid = 0;
    int field = 0;
    snprintf(path, sizeof(path), "%s/med1250/MED1250_labeled", bench_corpus_dir());
    text = bench_read_file(path, &len);
    if (!text) {
        printf("med1250: skipped (%s not found)\n", path);
        return 0;
    }
    if (glossa_lang_get("en", &lg, NULL) || !(finder = glossa_acronym_finder_new(lg, NULL)))
        return 2;
    nlines = split_lines(text, len, &lines);
    for (size_t i = 0; i < nlines; i++) {
        char *l = lines[i];
        if (!*l || l[0] == '\r') {
            field = 0;
            continue;
        }
        if (l[0] == ' ' && l[1] == ' ') {
            char *bar = strchr(l + 2, '|');
            size_t lf_len, sf_len;
            if (!bar)
                continue;
            sf_len = (size_t)(bar - l - 2);
            /* some gold long forms start or end with spaces (DZ| dizygotic) */
            while (bar[1] == ' ')
                bar++;
            lf_len = strlen(bar + 1);
            while (lf_len && (bar[lf_len] == ' ' || bar[lf_len] == '\r'))
                lf_len--;
            push_pair(&gold, &ng, &gcap, "%09ld", pmid, l + 2, sf_len, bar + 1, lf_len);
            continue;
        }
        if (field == 0) {
            pmid = strtol(l, NULL, 10);
            field = 1;
            continue;
        }
        {
            struct glossa_acronym *a;
            size_t n;
            if (glossa_acronym_find(finder, l, strlen(l), &a, &n, NULL))
                continue;
            for (size_t k = 0; k < n; k++)
                if (a[k].lf_start != a[k].lf_end)
                    push_pair(&pred, &np, &pcap, "%09ld", pmid, l + a[k].sf_start,
                              a[k].sf_end - a[k].sf_start, l + a[k].lf_start,
                              a[k].lf_end - a[k].lf_start);
            free(a);
        }
        field++;
    }
    print_pr("med1250 pairs", match_pairs(gold, ng, pred, np, "med"), ng, np);
    glossa_acronym_finder_free(finder);
    free_pairs(gold, ng);
    free_pairs(pred, np);
    free(lines);
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    const char *only = NULL;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            verbose = 1;
        else
            only = argv[i];
    }
    if (!only || !strcmp(only, "unpc"))
        rc |= eval_unpc();
#ifdef HAVE_JANSSON_EVAL
    if (!only || !strcmp(only, "macronym")) {
        rc |= eval_macronym("english-legal-dev.json", "en");
        rc |= eval_macronym("spanish-dev.json", "es");
    }
#else
    printf("macronym: skipped (built without jansson)\n");
#endif
    if (!only || !strcmp(only, "med"))
        rc |= eval_med1250();
    glossa_lang_cleanup();
    return rc;
}

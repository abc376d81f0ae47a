/* eval-align: quality of glossa align, printed as figures.
 *
 * 1. The bundled sample (<sample>/{en,fr,es,ru}.txt against expected.csv):
 *    every acronym and full-form row with its counterparts in all four
 *    languages; the entity rows found with all counterparts (recall) and the
 *    share of output entity rows that are expected ones (precision), with
 *    every extra row printed.
 * 2. unpc-dev (<unpc>/docs/<doc>/{en,fr,es,ru}.txt against
 *    <unpc>/gold/en-{fr,es,ru}.tsv): precision and recall of acronym pairs
 *    (both short forms given) and full-form pairs (both long forms given),
 *    per language pair and overall; and the time of the whole run.
 *
 * Terms are compared by match key (case folded, typographic variants
 * unified); Russian words by Snowball stem, since the glossary gives the
 * nominative and the gold the form in the text.
 *
 *   eval-align [--floor] [--quiet] SAMPLE_DIR [UNPC_DIR]
 * With --floor, exits 1 when a figure is below the thresholds.
 */
#include "config.h"

#include <dirent.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fold.h"
#include "glossa/align.h"
#include "glossa/extract.h"
#include "glossa/glossary.h"
#include "glossa/lang.h"
#include "glossa/segment.h"
#include "glossa/text.h"
#include "strbuf.h"

static const char *const langs[] = {"en", "fr", "es", "ru"};
#define NLANGS 4

static struct sb_stemmer *ru_stemmer;
static int quiet;

/* ------------------------------------------------------------ aligning files */

struct doc {
    struct glossa_text *text[NLANGS];
    struct glossa_segments *segs[NLANGS];
    struct glossa_aligner *al;
};

struct add_ctx {
    struct glossa_aligner *al;
    size_t v;
};

static int add_cb(const struct glossa_occurrence *occ, void *ctx)
{
    struct add_ctx *c = ctx;
    return glossa_aligner_add_occurrence(c->al, c->v, occ);
}

static struct glossa_extractor *extractors[NLANGS];

static struct glossa_aligner *shared_al;
static int shared_force = -1;

static void load_seed(struct glossa_aligner *al)
{
    static struct glossa_glossary *seed;
    static int tried;
    size_t ncols;
    const size_t *cols;
    if (!tried) {
        struct glossa_error err;
        const char *path = GLOSSA_SRCDIR "/glossaries/seed-institutions.csv";
        glossa_error_init(&err);
        tried = 1;
        if (glossa_glossary_read_file(path, NULL, &seed, &err)) {
            fprintf(stderr, "eval-align: seed %s: %s\n", path, err.message ? err.message : "?");
            seed = NULL;
        }
        glossa_error_release(&err);
    }
    if (!seed)
        return;
    cols = glossa_glossary_lang_columns(seed, &ncols);
    for (size_t r = 0; r < glossa_glossary_row_count(seed); r++) {
        const char *l[16], *t[16];
        size_t n = 0;
        for (size_t k = 0; k < ncols && n < 16; k++) {
            l[n] = glossa_glossary_column_name(seed, cols[k]);
            t[n++] = glossa_glossary_cell(seed, r, cols[k]);
        }
        glossa_aligner_add_seed(al, l, t, n,
                                glossa_glossary_row_status(seed, r) == GLOSSA_STATUS_APPROVED,
                                glossa_glossary_meta(seed, r, GLOSSA_META_TYPE));
    }
}

/* Reads, segments, extracts and aligns dir/{en,fr,es,ru}.txt. Returns 0 or -1. */
static int align_dir(const char *dir, struct doc *d, int force)
{
    struct glossa_error err;
    struct glossa_align_options opts = {0.0, force};
    glossa_error_init(&err);
    memset(d, 0, sizeof *d);
    if (shared_force != force) { /* one aligner for every document of a run */
        glossa_aligner_free(shared_al);
        shared_al = glossa_aligner_new(&opts, &err);
        if (!shared_al)
            goto fail;
        shared_force = force;
        load_seed(shared_al);
    }
    d->al = shared_al;
    glossa_aligner_reset(d->al);
    for (size_t i = 0; i < NLANGS; i++) {
        char path[4096];
        const char *body;
        size_t len;
        struct add_ctx ctx;
        const struct glossa_lang *lang;
        snprintf(path, sizeof path, "%s/%s.txt", dir, langs[i]);
        if (glossa_text_read_file(path, NULL, &d->text[i], &err) ||
            glossa_segment_text(d->text[i], langs[i], &d->segs[i], &err))
            goto fail;
        body = glossa_text_body(d->text[i], &len);
        if (!extractors[i]) {
            if (glossa_lang_get(langs[i], &lang, &err))
                goto fail;
            extractors[i] = glossa_extractor_new(lang, &err);
            if (!extractors[i])
                goto fail;
        }
        ctx.al = d->al;
        ctx.v =
            (size_t)glossa_aligner_add_version(d->al, langs[i], path, body, len, d->segs[i], &err);
        if ((int)ctx.v < 0 ||
            glossa_extract_text(extractors[i], d->text[i], d->segs[i], add_cb, &ctx, &err))
            goto fail;
    }
    if (glossa_aligner_run(d->al, &err))
        goto fail;
    glossa_error_release(&err);
    return 0;
fail:
    fprintf(stderr, "eval-align: %s: %s%s%s\n", dir, err.path ? err.path : "", err.path ? ": " : "",
            err.message ? err.message : glossa_strerror(err.code));
    glossa_error_release(&err);
    return -1;
}

static void free_doc(struct doc *d)
{
    glossa_aligner_reset(d->al);
    for (size_t i = 0; i < NLANGS; i++) {
        glossa_segments_free(d->segs[i]);
        glossa_text_free(d->text[i]);
    }
}

/* ------------------------------------------------------------ comparing terms */

/* The comparison key: match key; Russian words reduced to their stems. */
static void key_of(const char *lang, const char *term, struct strbuf *out)
{
    struct strbuf k = STRBUF_INIT;
    strbuf_reset(out);
    if (glossa_fold_append(&k, term, strlen(term), GLOSSA_FOLD_MATCH)) {
        strbuf_addstr(out, term);
        strbuf_release(&k);
        return;
    }
    if (strcmp(lang, "ru")) {
        strbuf_addstr(out, k.buf);
    } else {
        char *save = NULL;
        for (char *w = strtok_r(k.buf, " -", &save); w; w = strtok_r(NULL, " -", &save)) {
            const sb_symbol *s = sb_stemmer_stem(ru_stemmer, (const sb_symbol *)w, (int)strlen(w));
            if (out->len)
                strbuf_addch(out, ' ');
            strbuf_add(out, s, (size_t)sb_stemmer_length(ru_stemmer));
        }
    }
    strbuf_release(&k);
}

static int same_term(const char *lang, const char *a, const char *b)
{
    struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
    int same;
    key_of(lang, a, &ka);
    key_of(lang, b, &kb);
    same = !strcmp(ka.buf, kb.buf);
    strbuf_release(&ka);
    strbuf_release(&kb);
    return same;
}

/* ------------------------------------------------------------ the sample */

static int eval_sample(const char *dir, int floor)
{
    struct doc d;
    struct glossa_glossary *g = NULL;
    struct glossa_error err;
    char path[4096];
    size_t nrows, acr_total = 0, acr_ok = 0, ent_total = 0, ent_ok = 0, out_ent = 0, out_ent_ok = 0;
    const struct glossa_align_row *rows;
    int fail = 0;
    glossa_error_init(&err);
    snprintf(path, sizeof path, "%s/expected.csv", dir);
    if (glossa_glossary_read_file(path, NULL, &g, &err)) {
        fprintf(stderr, "eval-align: %s: %s\n", path, err.message ? err.message : "?");
        glossa_error_release(&err);
        return -1;
    }
    if (align_dir(dir, &d, 0)) {
        glossa_glossary_free(g);
        return -1;
    }
    rows = glossa_aligner_rows(d.al, &nrows);
    printf("== sample %s: %zu rows\n", dir, nrows);
    for (size_t r = 0; r < glossa_glossary_row_count(g); r++) {
        const char *type = glossa_glossary_meta(g, r, GLOSSA_META_TYPE);
        int is_entity = !strcmp(type, "entity");
        const char *en = glossa_glossary_term(g, r, "en");
        const struct glossa_align_row *hit = NULL;
        int all = 0;
        for (size_t k = 0; k < nrows && !hit; k++)
            if (!strcmp(glossa_align_row_type_name(rows[k].type), type) &&
                same_term("en", rows[k].terms[0], en))
                hit = &rows[k];
        if (hit) {
            all = 1;
            for (size_t i = 1; i < NLANGS; i++)
                all &= same_term(langs[i], hit->terms[i], glossa_glossary_term(g, r, langs[i]));
        }
        if (is_entity) {
            ent_total++;
            ent_ok += all;
        } else {
            acr_total++;
            acr_ok += all;
        }
        if (!all && !quiet) {
            printf("  miss %-9s %s", type, en);
            if (hit)
                for (size_t i = 1; i < NLANGS; i++)
                    printf(" | %s: got '%s' want '%s'", langs[i], hit->terms[i],
                           glossa_glossary_term(g, r, langs[i]));
            else
                printf(" (no row)");
            printf("\n");
        }
    }
    for (size_t k = 0; k < nrows; k++) {
        int known = 0;
        if (rows[k].type != GLOSSA_ALIGN_ENTITY)
            continue;
        out_ent++;
        for (size_t r = 0; r < glossa_glossary_row_count(g) && !known; r++)
            known = !strcmp(glossa_glossary_meta(g, r, GLOSSA_META_TYPE), "entity") &&
                    same_term("en", rows[k].terms[0], glossa_glossary_term(g, r, "en"));
        out_ent_ok += known;
        if (!known && !quiet)
            printf("  extra entity: %s | %s | %s | %s (%.2f)\n", rows[k].terms[0], rows[k].terms[1],
                   rows[k].terms[2], rows[k].terms[3], rows[k].confidence);
    }
    printf("sample acronym+full-form rows with all counterparts: %zu/%zu\n", acr_ok, acr_total);
    printf("sample entity rows with all counterparts: %zu/%zu = %.3f (floor 0.85)\n", ent_ok,
           ent_total, ent_total ? (double)ent_ok / (double)ent_total : 0);
    printf("sample entity-row precision: %zu/%zu = %.3f (floor 0.90)\n", out_ent_ok, out_ent,
           out_ent ? (double)out_ent_ok / (double)out_ent : 0);
    if (acr_ok < acr_total || ent_ok * 100 < ent_total * 85 || out_ent_ok * 10 < out_ent * 9)
        fail = floor;
    free_doc(&d);
    glossa_glossary_free(g);
    return fail ? 1 : 0;
}

/* ------------------------------------------------------------ unpc-dev */

struct pair {
    char *doc; /* folder name */
    char *en, *x;
    char *en_sf, *x_sf; /* the concept's short forms (predictions only) */
    int kind;           /* 0 acronym, 1 full form */
    int used;
    int scope; /* 1: the gold judges it (a version of the pair defines the concept) */
};

struct pairs {
    struct pair *v;
    size_t n, cap;
};

static void pairs_add(struct pairs *p, const char *doc, const char *en, const char *x, int kind)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->v = realloc(p->v, p->cap * sizeof *p->v);
    }
    p->v[p->n++] = (struct pair){strdup(doc), strdup(en), strdup(x), NULL, NULL, kind, 0, 1};
}

static void pairs_free(struct pairs *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].doc);
        free(p->v[i].en);
        free(p->v[i].x);
        free(p->v[i].en_sf);
        free(p->v[i].x_sf);
    }
    free(p->v);
}

/* gold/en-XX.tsv: doc line kind en_sf x_sf en_lf x_lf */
static int read_gold(const char *unpc, const char *lang, struct pairs *gold)
{
    char path[4096], line[8192];
    FILE *f;
    snprintf(path, sizeof path, "%s/gold/en-%s.tsv", unpc, lang);
    f = fopen(path, "r");
    if (!f)
        return -1;
    if (!fgets(line, sizeof line, f)) {
        fclose(f);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        char *field[7] = {0}, *p = line;
        size_t n = 0;
        line[strcspn(line, "\r\n")] = 0;
        while (n < 7) {
            field[n++] = p;
            p = strchr(p, '\t');
            if (!p)
                break;
            *p++ = 0;
        }
        if (n < 7)
            continue;
        for (char *c = field[0]; *c; c++)
            if (*c == '/')
                *c = '_';
        if (*field[3] && *field[4])
            pairs_add(gold, field[0], field[3], field[4], 0);
        if (*field[5] && *field[6])
            pairs_add(gold, field[0], field[5], field[6], 1);
    }
    fclose(f);
    return 0;
}

/* gold/defs.tsv: doc line lang sf lf: every definition of every language. */
struct def {
    char *doc, lang[3], *sf, *lf;
    long line;
};

struct defs {
    struct def *v;
    size_t n, cap;
};

static int read_defs(const char *unpc, struct defs *d)
{
    char path[4096], line[8192];
    FILE *f;
    snprintf(path, sizeof path, "%s/gold/defs.tsv", unpc);
    if (!(f = fopen(path, "r")))
        return -1;
    if (!fgets(line, sizeof line, f)) {
        fclose(f);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        char *field[5] = {0}, *p = line;
        size_t n = 0;
        line[strcspn(line, "\r\n")] = 0;
        while (n < 5) {
            field[n++] = p;
            p = strchr(p, '\t');
            if (!p)
                break;
            *p++ = 0;
        }
        if (n < 5 || strlen(field[2]) != 2)
            continue;
        for (char *c = field[0]; *c; c++)
            if (*c == '/')
                *c = '_';
        if (d->n == d->cap) {
            d->cap = d->cap ? d->cap * 2 : 256;
            d->v = realloc(d->v, d->cap * sizeof *d->v);
        }
        d->v[d->n].doc = strdup(field[0]);
        d->v[d->n].line = atol(field[1]);
        memcpy(d->v[d->n].lang, field[2], 3);
        d->v[d->n].sf = strdup(field[3]);
        d->v[d->n].lf = strdup(field[4]);
        d->n++;
    }
    fclose(f);
    return 0;
}

static void defs_free(struct defs *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].doc);
        free(d->v[i].sf);
        free(d->v[i].lf);
    }
    free(d->v);
}

/* Does a version of the pair define the concept in the gold (so that the
 * gold, "one row per concept per line where English or the other language
 * defines it", judges the pair)? */
static int in_gold_scope(const struct defs *d, const char *doc, const char *lang,
                         const struct pair *p)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct def *e = &d->v[i];
        if (strcmp(e->doc, doc))
            continue;
        if (!strcmp(e->lang, "en") &&
            ((p->en_sf && *p->en_sf && same_term("en", e->sf, p->en_sf)) ||
             (p->kind && same_term("en", e->lf, p->en))))
            return 1;
        if (!strcmp(e->lang, lang) && ((p->x_sf && *p->x_sf && same_term(lang, e->sf, p->x_sf)) ||
                                       (p->kind && same_term(lang, e->lf, p->x))))
            return 1;
    }
    return 0;
}

/* The lines gold/README.md leaves out as uncertain ("do not count output on
 * these lines as right or wrong"), with their document and text. */
struct uncertain {
    long line;
    char *doc;
    char *text[NLANGS];
};

static char *corpus_line(const char *unpc, const char *lang, long want)
{
    char path[4096];
    char *line = NULL;
    size_t cap = 0;
    long n = 0;
    FILE *f;
    snprintf(path, sizeof path, "%s/%s.txt", unpc, lang);
    if (!(f = fopen(path, "r")))
        return NULL;
    while (getline(&line, &cap, f) >= 0)
        if (++n == want)
            break;
    fclose(f);
    if (n != want) {
        free(line);
        return NULL;
    }
    line[strcspn(line, "\r\n")] = 0;
    return line;
}

static size_t read_uncertain(const char *unpc, struct uncertain *u, size_t max)
{
    char path[4096], buf[1024];
    struct strbuf section = STRBUF_INIT;
    size_t n = 0;
    int in = 0;
    FILE *f;
    snprintf(path, sizeof path, "%s/gold/README.md", unpc);
    if (!(f = fopen(path, "r")))
        return 0;
    while (fgets(buf, sizeof buf, f)) {
        if (!strncmp(buf, "## ", 3))
            in = strstr(buf, "uncertain") != NULL;
        else if (in)
            strbuf_addstr(&section, buf);
    }
    fclose(f);
    /* "213 (fr UNIBOLES: ...), 272 (...)": a number before " (" (or a line
     * break and "(") opens an entry */
    for (char *p = section.buf; p && *p && n < max; p++) {
        char *end;
        long line;
        int depth = 0;
        if (*p < '0' || *p > '9' || (p > section.buf && (p[-1] != ' ' && p[-1] != '\n')))
            continue;
        line = strtol(p, &end, 10);
        if ((*end != ' ' && *end != '\n') || end[1] != '(')
            continue;
        for (char *q = p; q > section.buf; q--) /* not inside a bracket */
            depth += q[-1] == ')' ? -1 : q[-1] == '(' ? 1 : 0;
        if (depth > 0)
            continue;
        u[n].line = line;
        u[n].doc = NULL;
        {
            char *ids = corpus_line(unpc, "ids", line);
            if (ids) {
                ids[strcspn(ids, " ")] = 0;
                for (char *c = ids; *c; c++)
                    if (*c == '/')
                        *c = '_';
                u[n].doc = ids;
            }
        }
        for (size_t i = 0; i < NLANGS; i++)
            u[n].text[i] = corpus_line(unpc, langs[i], line);
        n++;
        p = end;
    }
    strbuf_release(&section);
    return n;
}

/* Is the pair on an uncertain line: its English or other term there? */
static int on_uncertain_line(const struct uncertain *u, size_t nu, const char *doc, size_t li,
                             const char *en, const char *x)
{
    for (size_t k = 0; k < nu; k++)
        if (u[k].doc && !strcmp(u[k].doc, doc) &&
            ((*en && u[k].text[0] && strstr(u[k].text[0], en)) ||
             (*x && u[k].text[li] && strstr(u[k].text[li], x))))
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int eval_unpc(const char *unpc, int floor)
{
    char path[4096];
    DIR *dir;
    struct dirent *e;
    char **docs = NULL;
    size_t ndocs = 0, cap = 0, failed = 0, nu;
    struct pairs gold[NLANGS] = {{0}}, pred[NLANGS] = {{0}};
    struct defs defs = {0};
    struct uncertain unc[64];
    struct timespec t0, t1;
    double seconds;
    int fail = 0;
    for (size_t i = 1; i < NLANGS; i++)
        if (read_gold(unpc, langs[i], &gold[i])) {
            fprintf(stderr, "eval-align: cannot read %s/gold/en-%s.tsv\n", unpc, langs[i]);
            return -1;
        }
    if (read_defs(unpc, &defs)) {
        fprintf(stderr, "eval-align: cannot read %s/gold/defs.tsv\n", unpc);
        return -1;
    }
    nu = read_uncertain(unpc, unc, sizeof unc / sizeof unc[0]);
    snprintf(path, sizeof path, "%s/docs", unpc);
    dir = opendir(path);
    if (!dir) {
        fprintf(stderr, "eval-align: cannot open %s\n", path);
        return -1;
    }
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        if (ndocs == cap) {
            cap = cap ? cap * 2 : 1024;
            docs = realloc(docs, cap * sizeof *docs);
        }
        docs[ndocs++] = strdup(e->d_name);
    }
    closedir(dir);
    qsort(docs, ndocs, sizeof *docs, cmp_str);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t k = 0; k < ndocs; k++) {
        struct doc d;
        size_t nrows;
        const struct glossa_align_row *rows, *acronym = NULL;
        snprintf(path, sizeof path, "%s/docs/%s", unpc, docs[k]);
        if (align_dir(path, &d, 0)) {
            failed++;
            free_doc(&d);
            continue;
        }
        rows = glossa_aligner_rows(d.al, &nrows);
        for (size_t r = 0; r < nrows; r++) {
            if (rows[r].type == GLOSSA_ALIGN_ENTITY)
                continue;
            if (rows[r].type == GLOSSA_ALIGN_ACRONYM)
                acronym = &rows[r];
            for (size_t i = 1; i < NLANGS; i++)
                if (*rows[r].terms[0] && *rows[r].terms[i]) {
                    struct pair *pp;
                    const struct glossa_align_row *a =
                        rows[r].type == GLOSSA_ALIGN_ACRONYM ||
                                (acronym && !strcmp(acronym->concept, rows[r].concept))
                            ? acronym
                            : NULL;
                    pairs_add(&pred[i], docs[k], rows[r].terms[0], rows[r].terms[i],
                              rows[r].type == GLOSSA_ALIGN_FULL_FORM);
                    pp = &pred[i].v[pred[i].n - 1];
                    pp->en_sf = strdup(a ? a->terms[0] : "");
                    pp->x_sf = strdup(a ? a->terms[i] : "");
                    pp->scope = in_gold_scope(&defs, docs[k], langs[i], pp);
                    if (on_uncertain_line(unc, nu, docs[k], i, pp->en, pp->x) ||
                        on_uncertain_line(unc, nu, docs[k], i, pp->en_sf, pp->x_sf))
                        pp->scope = -1;
                }
        }
        free_doc(&d);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("== unpc-dev: %zu documents x %d versions in %.2f s (%zu refused as not one document)\n",
           ndocs, NLANGS, seconds, failed);
    printf("   (%zu uncertain lines of gold/README.md left out; pairs no version of which defines\n"
           "   the concept are outside the gold: listed as 'unjudged', counted only in P-all)\n",
           nu);
    {
        size_t rhit_all[2] = {0}, phit_all[2] = {0}, np_all[2] = {0}, ng_all[2] = {0},
               npall_all[2] = {0};
        for (size_t i = 1; i < NLANGS; i++) {
            size_t rhit[2] = {0}, phit[2] = {0}, np[2] = {0}, ng[2] = {0}, npall[2] = {0};
            for (size_t g = 0; g < gold[i].n; g++) {
                struct pair *gp = &gold[i].v[g];
                if (on_uncertain_line(unc, nu, gp->doc, i, gp->en, gp->x))
                    continue;
                ng[gp->kind]++;
                for (size_t p = 0; p < pred[i].n && !gp->used; p++)
                    gp->used = pred[i].v[p].kind == gp->kind &&
                               !strcmp(pred[i].v[p].doc, gp->doc) &&
                               same_term("en", gp->en, pred[i].v[p].en) &&
                               same_term(langs[i], gp->x, pred[i].v[p].x);
                rhit[gp->kind] += gp->used;
                if (!gp->used && !quiet)
                    printf("  missed en-%s %-9s %s: %s = %s\n", langs[i],
                           gp->kind ? "full-form" : "acronym", gp->doc, gp->en, gp->x);
            }
            for (size_t p = 0; p < pred[i].n; p++) {
                struct pair *pp = &pred[i].v[p];
                if (pp->scope < 0)
                    continue;
                for (size_t g = 0; g < gold[i].n && !pp->used; g++)
                    pp->used = gold[i].v[g].kind == pp->kind &&
                               !strcmp(gold[i].v[g].doc, pp->doc) &&
                               same_term("en", gold[i].v[g].en, pp->en) &&
                               same_term(langs[i], gold[i].v[g].x, pp->x);
                npall[pp->kind]++;
                if (pp->used)
                    pp->scope = 1;
                np[pp->kind] += pp->scope == 1;
                phit[pp->kind] += pp->used;
                if (!pp->used && !quiet)
                    printf("  %s en-%s %-9s %s: %s = %s\n", pp->scope ? "wrong   " : "unjudged",
                           langs[i], pp->kind ? "full-form" : "acronym", pp->doc, pp->en, pp->x);
            }
            for (int kind = 0; kind < 2; kind++) {
                printf("en-%s %-9s pairs: P %.3f (%zu/%zu; P-all %.3f of %zu)  R %.3f (%zu/%zu)\n",
                       langs[i], kind ? "full-form" : "acronym",
                       np[kind] ? (double)phit[kind] / (double)np[kind] : 0, phit[kind], np[kind],
                       npall[kind] ? (double)phit[kind] / (double)npall[kind] : 0, npall[kind],
                       ng[kind] ? (double)rhit[kind] / (double)ng[kind] : 0, rhit[kind], ng[kind]);
                rhit_all[kind] += rhit[kind];
                phit_all[kind] += phit[kind];
                np_all[kind] += np[kind];
                npall_all[kind] += npall[kind];
                ng_all[kind] += ng[kind];
            }
        }
        for (int kind = 0; kind < 2; kind++) {
            double P = np_all[kind] ? (double)phit_all[kind] / (double)np_all[kind] : 0;
            double Pall = npall_all[kind] ? (double)phit_all[kind] / (double)npall_all[kind] : 0;
            double R = ng_all[kind] ? (double)rhit_all[kind] / (double)ng_all[kind] : 0;
            double pf = kind ? 0.90 : 0.95, rf = kind ? 0.85 : 0.90;
            printf("ALL   %-9s pairs: P %.3f (floor %.2f; P-all %.3f)  R %.3f (floor %.2f)\n",
                   kind ? "full-form" : "acronym", P, pf, Pall, R, rf);
            if (P < pf || R < rf)
                fail = floor;
        }
    }
    printf("unpc-dev time: %.2f s (limit 10 s)\n", seconds);
    for (size_t i = 0; i < NLANGS; i++) {
        pairs_free(&gold[i]);
        pairs_free(&pred[i]);
    }
    defs_free(&defs);
    for (size_t k = 0; k < nu; k++) {
        free(unc[k].doc);
        for (size_t i = 0; i < NLANGS; i++)
            free(unc[k].text[i]);
    }
    for (size_t k = 0; k < ndocs; k++)
        free(docs[k]);
    free(docs);
    return fail ? 1 : 0;
}

int main(int argc, char **argv)
{
    int floor = 0, rc = 0, argi = 1;
    for (; argi < argc && argv[argi][0] == '-'; argi++) {
        if (!strcmp(argv[argi], "--floor"))
            floor = 1;
        else if (!strcmp(argv[argi], "--quiet"))
            quiet = 1;
    }
    if (argi >= argc) {
        fprintf(stderr, "usage: eval-align [--floor] [--quiet] SAMPLE_DIR [UNPC_DIR]\n");
        return 2;
    }
    ru_stemmer = sb_stemmer_new("russian", "UTF_8");
    rc |= eval_sample(argv[argi], floor) != 0;
    if (argi + 1 < argc)
        rc |= eval_unpc(argv[argi + 1], floor) != 0;
    for (size_t i = 0; i < NLANGS; i++)
        glossa_extractor_free(extractors[i]);
    glossa_aligner_free(shared_al);
    sb_stemmer_delete(ru_stemmer);
    glossa_lang_cleanup();
    return rc;
}

/* eval-entity: recall and extras of the entity finder on the sample document.
 *
 * Reads <dir>/expected.csv (the `entity` rows: type,en,fr,es,ru) and the four
 * language versions <dir>/{en,fr,es,ru}.txt, runs the finder on each paragraph
 * and prints, per language, the share of gold entities found with exactly the
 * gold's surface (typographic variants unified), for Russian also the share
 * found when words are compared by stem (the gold is nominative, the text
 * inflects), then every extra entity the finder returned. Documents are read
 * and split as `glossa extract` does (text and segment modules), so fr.txt, a
 * PDF extraction, is repaired first.
 *
 *   eval-entity [--floor R] [DIR]       R: exit 1 when a recall is below R
 *   eval-entity --show LANG FILE [N]    the entities of the first N paragraphs of FILE
 */
#include "config.h"

#include <csv.h>
#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchlib.h"
#include "fold.h"
#include "glossa/entity.h"
#include "glossa/lang.h"
#include "glossa/segment.h"
#include "glossa/text.h"
#include "strbuf.h"

static const char *const langs[] = {"en", "fr", "es", "ru"};
#define NLANGS 4
#define MAXROWS 256

struct gold {
    char *type;
    char *term[NLANGS];
};

struct reader {
    struct gold rows[MAXROWS];
    size_t n, field;
    int header_done;
};

static void on_field(void *s, size_t len, void *data)
{
    struct reader *r = data;
    char *v = strndup(s ? s : "", len);
    if (r->n < MAXROWS) {
        if (r->field == 0)
            r->rows[r->n].type = v;
        else if (r->field <= NLANGS)
            r->rows[r->n].term[r->field - 1] = v;
        else
            free(v);
    } else {
        free(v);
    }
    r->field++;
}

static void on_row(int c, void *data)
{
    struct reader *r = data;
    (void)c;
    if (!r->header_done) {
        r->header_done = 1;
        free(r->rows[0].type);
        for (int k = 0; k < NLANGS; k++)
            free(r->rows[0].term[k]);
        memset(&r->rows[0], 0, sizeof(r->rows[0]));
    } else if (r->n < MAXROWS) {
        r->n++;
    }
    r->field = 0;
}

/* The key a surface is compared by: typographic variants unified, case kept. */
static char *surface_key(const char *s, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    glossa_fold_append(&sb, s, n, GLOSSA_FOLD_TYPO);
    return strbuf_detach(&sb, NULL);
}

/* Russian: words folded and stemmed (hyphenated parts one by one), space-joined. */
static char *stem_key(struct sb_stemmer *st, const char *s, size_t n)
{
    struct strbuf folded = STRBUF_INIT, out = STRBUF_INIT;
    glossa_fold_append(&folded, s, n, GLOSSA_FOLD_MATCH);
    for (size_t b = 0; b < folded.len;) {
        size_t e = b;
        while (e < folded.len && folded.buf[e] != ' ' && folded.buf[e] != '-')
            e++;
        if (e > b) {
            const sb_symbol *r =
                sb_stemmer_stem(st, (const sb_symbol *)folded.buf + b, (int)(e - b));
            strbuf_add(&out, r, (size_t)sb_stemmer_length(st));
        }
        if (e < folded.len)
            strbuf_addch(&out, folded.buf[e] == '-' ? '-' : ' ');
        b = e + 1;
    }
    strbuf_release(&folded);
    return strbuf_detach(&out, NULL);
}

/* Stem keys match word by word; a stem may be the other plus one letter
 * (Snowball: устав -> уста, уставе -> устав). */
static int stems_match(const char *a, const char *b)
{
    while (*a && *b) {
        size_t an = strcspn(a, " "), bn = strcspn(b, " ");
        const char *longer = an > bn ? a : b;
        size_t ln = an > bn ? an : bn, sn = an > bn ? bn : an, last = 1;
        while (last < ln && ((unsigned char)longer[ln - last] & 0xC0) == 0x80)
            last++;
        if (!(an == bn && !memcmp(a, b, an)) && !(sn >= 8 && ln - last == sn && !memcmp(a, b, sn)))
            return 0;
        a += an + (a[an] == ' ');
        b += bn + (b[bn] == ' ');
    }
    return !*a && !*b;
}

struct found {
    char *surface;
    size_t count;
    unsigned flags;
    const char *rule;
};

/* Runs the finder as `glossa extract` does: the text module's body (PDF
 * repaired), one call per paragraph after its number, with the segmenter's
 * sentence starts. */
static int find_all(const char *lang, const char *path, size_t maxlines, struct found **out,
                    size_t *nout, int show)
{
    const struct glossa_lang *l;
    struct glossa_entity_finder *f = NULL;
    struct glossa_error err = {0};
    struct glossa_text_options opts = {0};
    struct glossa_text *text = NULL;
    struct glossa_segments *segs = NULL;
    size_t cap = 0, blen, *starts = NULL;
    const char *body;
    int rc = -1;
    opts.lang = lang;
    if (glossa_lang_get(lang, &l, &err) || !(f = glossa_entity_finder_new(l, &err)) ||
        glossa_text_read_file(path, &opts, &text, &err) ||
        glossa_segment_text(text, lang, &segs, &err)) {
        fprintf(stderr, "eval-entity: %s: %s\n", path, err.message);
        goto done;
    }
    body = glossa_text_body(text, &blen);
    for (size_t pi = 0; pi < segs->nparagraphs && pi < maxlines; pi++) {
        const struct glossa_paragraph *p = &segs->paragraphs[pi];
        size_t base = p->text_start, n = 0;
        struct glossa_entity *ents = NULL;
        const char *t = body + base;
        if (p->end <= base)
            continue;
        free(starts);
        starts = calloc(p->nsegments + 1, sizeof(*starts));
        for (size_t k = 0; k < p->nsegments; k++) {
            size_t st = segs->items[p->first_segment + k].start;
            starts[k] = st > base ? st - base : 0;
        }
        if (glossa_entity_find(f, t, p->end - base, starts, p->nsegments, &ents, &n, &err)) {
            fprintf(stderr, "eval-entity: %s: %s\n", path, err.message);
            goto done;
        }
        if (show && n) {
            printf("%.*s\n", (int)(p->end - base), t);
            for (size_t k = 0; k < n; k++) {
                printf("    [%.*s] %s%s", (int)(ents[k].end - ents[k].start), t + ents[k].start,
                       ents[k].rule, ents[k].flags & GLOSSA_ENTITY_EDGE_UNCERTAIN ? " edges:" : "");
                if (ents[k].flags & GLOSSA_ENTITY_EDGE_UNCERTAIN)
                    for (size_t g = 0; g + 1 < ents[k].nedges; g++)
                        printf(" |%.*s|", (int)(ents[k].edges[g] - ents[k].start),
                               t + ents[k].start);
                printf("\n");
            }
        }
        for (size_t k = 0; k < n; k++) {
            char *s = strndup(t + ents[k].start, ents[k].end - ents[k].start);
            size_t j;
            for (j = 0; j < *nout; j++)
                if (!strcmp((*out)[j].surface, s))
                    break;
            if (j < *nout) {
                (*out)[j].count++;
                free(s);
                continue;
            }
            if (*nout == cap) {
                cap = cap ? cap * 2 : 64;
                *out = realloc(*out, cap * sizeof(**out));
            }
            (*out)[*nout].surface = s;
            (*out)[*nout].count = 1;
            (*out)[*nout].flags = ents[k].flags;
            (*out)[*nout].rule = ents[k].rule;
            (*nout)++;
        }
        free(ents);
    }
    rc = 0;
done:
    free(starts);
    glossa_segments_free(segs);
    glossa_text_free(text);
    glossa_entity_finder_free(f);
    return rc;
}

static int show(const char *lang, const char *path, size_t maxlines)
{
    size_t n = 0;
    struct found *found = NULL;
    int rc = find_all(lang, path, maxlines, &found, &n, 1);
    for (size_t i = 0; i < n; i++)
        free(found[i].surface);
    free(found);
    glossa_lang_cleanup();
    return rc ? 2 : 0;
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    double floor = -1;
    struct reader r;
    struct csv_parser p;
    struct sb_stemmer *st;
    char path[4096];
    size_t len;
    char *csv;
    int status = 0;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--floor") && i + 1 < argc)
            floor = atof(argv[++i]);
        else if (!strcmp(argv[i], "--show") && i + 2 < argc)
            return show(argv[i + 1], argv[i + 2], i + 3 < argc ? (size_t)atol(argv[i + 3]) : 200);
        else
            dir = argv[i];
    }
    if (!dir)
        dir = getenv("GLOSSA_SAMPLE_DIR");
    if (!dir)
        dir = "tests/data/S-2019-742";
    snprintf(path, sizeof(path), "%s/expected.csv", dir);
    if (!(csv = bench_read_file(path, &len))) {
        printf("eval-entity: %s not found, skipped\n", path);
        return 77;
    }
    memset(&r, 0, sizeof(r));
    csv_init(&p, 0);
    csv_parse(&p, csv, len, on_field, on_row, &r);
    csv_fini(&p, on_field, on_row, &r);
    csv_free(&p);
    free(csv);
    st = sb_stemmer_new("russian", "UTF_8");

    for (int k = 0; k < NLANGS; k++) {
        size_t n = 0, total = 0, exact = 0, stemmed = 0, extras = 0;
        struct found *found = NULL;
        int ru = !strcmp(langs[k], "ru");
        snprintf(path, sizeof(path), "%s/%s.txt", dir, langs[k]);
        if (find_all(langs[k], path, SIZE_MAX, &found, &n, 0)) {
            status = 2;
            break;
        }
        printf("== %s\n", langs[k]);
        for (size_t g = 0; g < r.n; g++) {
            const char *want = r.rows[g].term[k];
            char *wk, *ws = NULL;
            int hit = 0, shit = 0;
            if (!r.rows[g].type || strcmp(r.rows[g].type, "entity") || !want || !*want)
                continue;
            total++;
            wk = surface_key(want, strlen(want));
            if (ru)
                ws = stem_key(st, want, strlen(want));
            for (size_t i = 0; i < n; i++) {
                char *fk = surface_key(found[i].surface, strlen(found[i].surface));
                hit |= !strcmp(fk, wk);
                free(fk);
                if (ru) {
                    char *fs = stem_key(st, found[i].surface, strlen(found[i].surface));
                    shit |= stems_match(fs, ws);
                    free(fs);
                }
            }
            exact += hit;
            stemmed += hit || shit;
            if (!hit && !(ru && shit))
                printf("   missed: %s\n", want);
            free(wk);
            free(ws);
        }
        for (size_t i = 0; i < n; i++) {
            char *fk = surface_key(found[i].surface, strlen(found[i].surface));
            char *fs = ru ? stem_key(st, found[i].surface, strlen(found[i].surface)) : NULL;
            const char *kind = NULL;
            for (size_t g = 0; g < r.n && !kind; g++) {
                const char *want = r.rows[g].term[k];
                char *wk, *ws = NULL;
                if (!want || !*want || !r.rows[g].type)
                    continue;
                wk = surface_key(want, strlen(want));
                if (ru)
                    ws = stem_key(st, want, strlen(want));
                if (!strcmp(fk, wk) || (ru && stems_match(fs, ws)))
                    kind = r.rows[g].type;
                free(wk);
                free(ws);
            }
            if (!kind || strcmp(kind, "entity")) {
                printf("   extra: %s (x%zu, %s%s)%s%s\n", found[i].surface, found[i].count,
                       found[i].rule,
                       found[i].flags & GLOSSA_ENTITY_EDGE_UNCERTAIN ? ", edge uncertain" : "",
                       kind ? " = expected " : "", kind ? kind : "");
                extras++;
            }
            free(fk);
            free(fs);
        }
        printf("%s: entity recall %zu/%zu = %.3f", langs[k], ru ? stemmed : exact, total,
               total ? (double)(ru ? stemmed : exact) / (double)total : 0.0);
        if (ru)
            printf(" by stem (exact surface %zu/%zu = %.3f)", exact, total,
                   total ? (double)exact / (double)total : 0.0);
        printf("; %zu distinct entities returned, %zu extra\n", n, extras);
        if (floor >= 0 && total && (double)(ru ? stemmed : exact) / (double)total < floor) {
            printf("%s: entity recall below the floor %.2f\n", langs[k], floor);
            status = 1;
        }
        for (size_t i = 0; i < n; i++)
            free(found[i].surface);
        free(found);
    }
    for (size_t g = 0; g < r.n; g++) {
        free(r.rows[g].type);
        for (int k = 0; k < NLANGS; k++)
            free(r.rows[g].term[k]);
    }
    sb_stemmer_delete(st);
    glossa_lang_cleanup();
    return status;
}

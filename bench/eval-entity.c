/* eval-entity: recall and extras of the entity finder on the sample document.
 *
 * Reads <dir>/expected.csv (the `entity` rows: type,en,fr,es,ru) and the four
 * language versions <dir>/{en,fr,es,ru}.txt, runs the finder on each paragraph
 * and prints, per language, the share of gold entities found with exactly the
 * gold's surface (typographic variants unified), for Russian also the share
 * found when words are compared by stem (the gold is nominative, the text
 * inflects), then every extra entity the finder returned. fr.txt is extracted
 * from a PDF; its hard wraps are joined here until the text module repairs them.
 *
 *   eval-entity [--floor R] [DIR]       R: exit 1 when a recall is below R
 *   eval-entity --show LANG FILE [N]    the entities of the first N lines of FILE
 */
#include "config.h"

#include <csv.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "glossa/entity.h"
#include "glossa/lang.h"
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

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    if (!fp)
        return NULL;
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
        strbuf_add(&sb, buf, n);
    fclose(fp);
    return strbuf_detach(&sb, len);
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

/* Paragraphs of a file: one per line; for a PDF extraction (hard wraps and
 * blank lines between them), lines are joined until one ends a sentence or the
 * next opens a numbered paragraph. */
static char *paragraphs(const char *raw, size_t len, int pdf, size_t *outlen)
{
    struct strbuf sb = STRBUF_INIT;
    if (!pdf) {
        strbuf_add(&sb, raw, len);
        return strbuf_detach(&sb, outlen);
    }
    for (size_t i = 0; i < len;) {
        size_t e = i, b, t;
        while (e < len && raw[e] != '\n')
            e++;
        b = i;
        t = e;
        while (b < t && (raw[b] == ' ' || raw[b] == '\r' || raw[b] == '\t'))
            b++;
        while (t > b && (raw[t - 1] == ' ' || raw[t - 1] == '\r' || raw[t - 1] == '\t'))
            t--;
        i = e + 1;
        if (b == t)
            continue;
        if (sb.len && sb.buf[sb.len - 1] != '\n') {
            int numbered = raw[b] >= '0' && raw[b] <= '9' && memchr(raw + b, '.', t - b) &&
                           ((const char *)memchr(raw + b, '.', t - b) - (raw + b)) <= 3;
            strbuf_addch(&sb, numbered ? '\n' : ' ');
        }
        strbuf_add(&sb, raw + b, t - b);
        if (strchr(".?!:]", raw[t - 1]))
            strbuf_addch(&sb, '\n');
    }
    return strbuf_detach(&sb, outlen);
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

static int find_all(const char *lang, const char *text, size_t len, struct found **out,
                    size_t *nout, int show)
{
    const struct glossa_lang *l;
    struct glossa_entity_finder *f;
    struct glossa_error err = {0};
    size_t cap = 0;
    if (glossa_lang_get(lang, &l, &err) || !(f = glossa_entity_finder_new(l, &err))) {
        fprintf(stderr, "eval-entity: %s\n", err.message);
        return -1;
    }
    for (size_t i = 0; i < len;) {
        size_t e = i, n = 0;
        struct glossa_entity *ents = NULL;
        while (e < len && text[e] != '\n')
            e++;
        if (glossa_entity_find(f, text + i, e - i, NULL, 0, &ents, &n, &err)) {
            fprintf(stderr, "eval-entity: %s\n", err.message);
            glossa_entity_finder_free(f);
            return -1;
        }
        if (show && n) {
            printf("%.*s\n", (int)(e - i), text + i);
            for (size_t k = 0; k < n; k++) {
                printf("    [%.*s] %s%s", (int)(ents[k].end - ents[k].start),
                       text + i + ents[k].start, ents[k].rule,
                       ents[k].flags & GLOSSA_ENTITY_EDGE_UNCERTAIN ? " edges:" : "");
                if (ents[k].flags & GLOSSA_ENTITY_EDGE_UNCERTAIN)
                    for (size_t g = 0; g + 1 < ents[k].nedges; g++)
                        printf(" |%.*s|", (int)(ents[k].edges[g] - ents[k].start),
                               text + i + ents[k].start);
                printf("\n");
            }
        }
        for (size_t k = 0; k < n; k++) {
            char *s = strndup(text + i + ents[k].start, ents[k].end - ents[k].start);
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
        i = e + 1;
    }
    glossa_entity_finder_free(f);
    return 0;
}

static int show(const char *lang, const char *path, size_t maxlines)
{
    size_t len, lines = 0, cut = 0, n = 0;
    char *raw = slurp(path, &len);
    struct found *found = NULL;
    if (!raw) {
        fprintf(stderr, "eval-entity: cannot read '%s'\n", path);
        return 2;
    }
    while (cut < len && lines < maxlines)
        if (raw[cut++] == '\n')
            lines++;
    if (find_all(lang, raw, cut, &found, &n, 1)) {
        free(raw);
        return 2;
    }
    for (size_t i = 0; i < n; i++)
        free(found[i].surface);
    free(found);
    free(raw);
    return 0;
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
    if (!(csv = slurp(path, &len))) {
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
        size_t rawlen, textlen, n = 0, total = 0, exact = 0, stemmed = 0, extras = 0;
        char *raw, *text;
        struct found *found = NULL;
        int ru = !strcmp(langs[k], "ru");
        snprintf(path, sizeof(path), "%s/%s.txt", dir, langs[k]);
        if (!(raw = slurp(path, &rawlen))) {
            printf("eval-entity: %s not found, skipped\n", path);
            continue;
        }
        text = paragraphs(raw, rawlen, !strcmp(langs[k], "fr"), &textlen);
        if (find_all(langs[k], text, textlen, &found, &n, 0)) {
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
        free(text);
        free(raw);
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

/* Unit tests for align: concepts from hand-made versions and occurrences. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/align.h"
#include "glossa/lang.h"
#include "tap.h"

/* One paragraph per line, one segment per paragraph. */
static struct glossa_segments *segments_of(const char *body, const char *lang)
{
    struct glossa_segments *s = calloc(1, sizeof *s);
    size_t n = 1, k = 0, start = 0, len = strlen(body);
    for (size_t i = 0; i < len; i++)
        n += body[i] == '\n';
    s->paragraphs = calloc(n, sizeof *s->paragraphs);
    s->items = calloc(n, sizeof *s->items);
    memcpy(s->lang, lang, 3);
    for (size_t i = 0; i <= len; i++) {
        if (i < len && body[i] != '\n')
            continue;
        s->paragraphs[k] = (struct glossa_paragraph){start, i, start, NULL, k, 1};
        s->items[k] = (struct glossa_segment){start, i, k};
        k++;
        start = i + 1;
    }
    s->nparagraphs = s->n = k;
    return s;
}

static void free_segments(struct glossa_segments *s)
{
    free(s->paragraphs);
    free(s->items);
    free(s);
}

/* Adds an occurrence of `term` (the nth match, 0-based) with long form `lf`. */
static void occ(struct glossa_aligner *al, size_t v, const char *body, enum glossa_term_type type,
                const char *term, int nth, const char *lf)
{
    const char *p = body;
    struct glossa_occurrence o;
    memset(&o, 0, sizeof o);
    for (int i = 0; i <= nth; i++) {
        p = strstr(i ? p + 1 : p, term);
        if (!p) {
            printf("# test bug: '%s' not found\n", term);
            return;
        }
    }
    o.type = type;
    o.term = p;
    o.term_len = strlen(term);
    o.offset = (size_t)(p - body);
    if (lf) {
        const char *q = strstr(body, lf);
        o.expansion = q;
        o.expansion_len = strlen(lf);
        o.exp_offset = (size_t)(q - body);
    }
    if (glossa_aligner_add_occurrence(al, v, &o))
        printf("# add_occurrence failed\n");
}

static const struct glossa_align_row *find_row(const struct glossa_aligner *al, const char *en,
                                               enum glossa_align_row_type type)
{
    size_t n;
    const struct glossa_align_row *rows = glossa_aligner_rows(al, &n);
    for (size_t i = 0; i < n; i++)
        if (rows[i].type == type && !strcmp(rows[i].terms[0], en))
            return &rows[i];
    return NULL;
}

static const char *term_of(const struct glossa_align_row *r, size_t v)
{
    return r ? r->terms[v] : "(no row)";
}

static const char en[] =
    "The Collective Security Treaty Organization (CSTO) met on 25 September 2019.\n"
    "The Security Council welcomed the work of the Office of Counter-Terrorism in 2018.\n"
    "The United Nations Office for Project Services (UNOPS) signed 12 agreements.\n"
    "The CSTO adopted resolution 2396 (2017).";
static const char fr[] = "L\xE2\x80\x99Organisation du Trait\xC3\xA9 de s\xC3\xA9"
                         "curit\xC3\xA9 collective (OTSC) "
                         "s\xE2\x80\x99"
                         "est r\xC3\xA9unie le 25 septembre 2019.\n"
                         "Le Conseil de s\xC3\xA9"
                         "curit\xC3\xA9 a salu\xC3\xA9 le travail du Bureau de lutte contre "
                         "le terrorisme en 2018.\n"
                         "Le Bureau des Nations Unies pour les services d\xE2\x80\x99"
                         "appui aux projets (UNOPS) "
                         "a sign\xC3\xA9 12 accords.\n"
                         "L\xE2\x80\x99OTSC a adopt\xC3\xA9 la r\xC3\xA9solution 2396 (2017).";
static const char other[] = "Le budget approuv\xC3\xA9 pour 2016 s\xE2\x80\x99\xC3\xA9l\xC3\xA8ve "
                            "\xC3\xA0 45 600 000 dollars.\n"
                            "Le Comit\xC3\xA9 a tenu 14 s\xC3\xA9"
                            "ances en 2015 et 2014.\n"
                            "Il a examin\xC3\xA9 87 communications et 33 rapports.";

static void seed(struct glossa_aligner *al, const char *e, const char *f, const char *type)
{
    const char *langs[] = {"en", "fr"};
    const char *terms[] = {e, f};
    glossa_aligner_add_seed(al, langs, terms, 2, 1, type);
}

int main(void)
{
    struct glossa_error err;
    struct glossa_segments *se = segments_of(en, "en"), *sf = segments_of(fr, "fr"),
                           *so = segments_of(other, "fr");
    struct glossa_aligner *al;
    const struct glossa_align_row *r, *r2;
    int rc;
    glossa_error_init(&err);

    al = glossa_aligner_new(NULL, &err);
    ok(al != NULL, "aligner created");
    is_int(glossa_aligner_add_version(al, "en", "en.txt", en, strlen(en), se, &err), 0,
           "pivot is version 0");
    is_int(glossa_aligner_add_version(al, "fr", "fr.txt", fr, strlen(fr), sf, &err), 1,
           "French is version 1");
    rc = glossa_aligner_add_version(al, "FR", "fr2.txt", fr, strlen(fr), sf, &err);
    ok(rc == GLOSSA_EINVAL && err.message && strstr(err.message, "fr.txt"),
       "a language twice is refused, naming both files");
    glossa_error_release(&err);
    seed(al, "office", "bureau", "term");
    seed(al, "counter-terrorism", "lutte contre le terrorisme", "term");
    seed(al, "council", "conseil", "term");
    seed(al, "project", "projet", "term");
    seed(al, "services", "services", "term");
    seed(al, "treaty", "trait\xC3\xA9", "term");
    occ(al, 0, en, GLOSSA_TERM_ACRONYM, "CSTO", 0, "Collective Security Treaty Organization");
    occ(al, 0, en, GLOSSA_TERM_ACRONYM, "CSTO", 1, NULL);
    occ(al, 0, en, GLOSSA_TERM_ENTITY, "Security Council", 0, NULL);
    occ(al, 0, en, GLOSSA_TERM_ENTITY, "Office of Counter-Terrorism", 0, NULL);
    occ(al, 0, en, GLOSSA_TERM_ACRONYM, "UNOPS", 0, "United Nations Office for Project Services");
    occ(al, 1, fr, GLOSSA_TERM_ACRONYM, "OTSC", 0,
        "Organisation du Trait\xC3\xA9 de s\xC3\xA9"
        "curit\xC3\xA9 collective");
    occ(al, 1, fr, GLOSSA_TERM_ACRONYM, "OTSC", 1, NULL);
    occ(al, 1, fr, GLOSSA_TERM_ACRONYM, "UNOPS", 0, NULL);
    rc = glossa_aligner_run(al, &err);
    is_int(rc, 0, "run succeeds");
    if (rc)
        printf("# %s\n", err.message ? err.message : "?");

    r = find_row(al, "CSTO", GLOSSA_ALIGN_ACRONYM);
    is_str(term_of(r, 1), "OTSC", "CSTO = OTSC");
    r2 = find_row(al, "Collective Security Treaty Organization", GLOSSA_ALIGN_FULL_FORM);
    is_str(term_of(r2, 1),
           "Organisation du Trait\xC3\xA9 de s\xC3\xA9"
           "curit\xC3\xA9 collective",
           "its full form");
    ok(r && r2 && !strcmp(r->concept, r2->concept) && !strcmp(r->concept, "csto"),
       "acronym and full form share a content-derived concept id");
    ok(r && r->count == 2, "count of the pivot's occurrences");
    r = find_row(al, "UNOPS", GLOSSA_ALIGN_ACRONYM);
    is_str(term_of(r, 1), "UNOPS", "identical short forms pair");
    r = find_row(al, "United Nations Office for Project Services", GLOSSA_ALIGN_FULL_FORM);
    is_str(term_of(r, 1),
           "Bureau des Nations Unies pour les services d\xE2\x80\x99"
           "appui aux projets",
           "a long form no letter rule links is found through the aligned definition");
    r = find_row(al, "Security Council", GLOSSA_ALIGN_ENTITY);
    is_str(term_of(r, 1),
           "Conseil de s\xC3\xA9"
           "curit\xC3\xA9",
           "entity through seed and cognate");
    r = find_row(al, "Office of Counter-Terrorism", GLOSSA_ALIGN_ENTITY);
    is_str(term_of(r, 1), "Bureau de lutte contre le terrorisme",
           "the right edge of a French name comes from the English one");
    ok(r && r->confidence > 0.5 && r->confidence <= 1, "confidence in range");
    glossa_aligner_free(al);

    al = glossa_aligner_new(NULL, &err);
    glossa_aligner_add_version(al, "en", "en.txt", en, strlen(en), se, &err);
    glossa_aligner_add_version(al, "fr", "other.txt", other, strlen(other), so, &err);
    rc = glossa_aligner_run(al, &err);
    ok(rc == GLOSSA_EMISMATCH && err.path && !strcmp(err.path, "other.txt"),
       "versions of different documents are refused, naming the file");
    glossa_error_release(&err);
    glossa_aligner_free(al);
    {
        struct glossa_align_options opts = {0, 1};
        al = glossa_aligner_new(&opts, &err);
        glossa_aligner_add_version(al, "en", "en.txt", en, strlen(en), se, &err);
        glossa_aligner_add_version(al, "fr", "other.txt", other, strlen(other), so, &err);
        is_int(glossa_aligner_run(al, &err), 0, "--force aligns them anyway");
        glossa_aligner_free(al);
    }
    glossa_aligner_free(NULL);
    free_segments(se);
    free_segments(sf);
    free_segments(so);
    glossa_error_release(&err);
    glossa_lang_cleanup();
    return done_testing();
}

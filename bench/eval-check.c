/* eval-check: seeded-error evaluation of glossa check.
 *
 * Documents: the bundled sample S/2019/742 (glossary: its expected.csv, an
 * acronym row and the full-form row after it making one concept) and every
 * unpc-dev document with hand-checked acronym definitions (glossary: the
 * gold rows of that document — gold/en-{fr,es,ru}.tsv for the concepts both
 * versions define, gold/defs.tsv for the others). The glossaries are built in
 * memory at run time; nothing derived from the corpus is written. Each concept
 * also gets a forbidden row per language (its full form with the first two
 * words swapped), so term-forbidden has forms to find.
 *
 * Seeds, each in a fresh copy of one version (one error per copy):
 *   acronym-undefined          the definition "LF (SF)" replaced by "SF"
 *   acronym-before-definition  the definition swapped with a later use, or a
 *                              use put in a new first paragraph
 *   acronym-multi-expansion    a new last paragraph "LF' (SF)." with one word of
 *                              LF changed (same initial)
 *   acronym-redefined          a new last paragraph "LF (SF)."
 *   term-forbidden             the first full form replaced by its forbidden form
 *   term-mismatch              in one target line, the concept's forms replaced
 *                              by wrong ones (first word dropped; the English
 *                              acronym left untranslated)
 *   term-count                 in one target line, a form written twice ("X, X")
 * A seed counts as found when the seeded copy has more findings of the seeded
 * check for the seeded term than the clean copy. Clean documents: every
 * finding is counted as false, per 10,000 words of the versions checked.
 *
 *   eval-check [--floor] [-v [-v]] [--dump=DIR] [SAMPLE_DIR [UNPC_DIR]]
 * --floor: exit 1 when a recall is below 0.98 or a false rate above 1.
 * -v: say each missed seed (-v -v: each false finding too). --dump=DIR: write
 * each missed seed to DIR as N-check-lang.txt, with the clean copy
 * (N-clean-lang.txt), the English version (N-en.txt) and the glossary (N-glossary.csv), so that
 * `glossa check` reproduces it; DIR is scratch space, never the repository. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchlib.h"
#include "glossa/check.h"
#include "glossa/glossary.h"
#include "glossa/lang.h"
#include "glossa/segment.h"
#include "glossa/text.h"

#define NL 4
static const char *const langs[NL] = {"en", "fr", "es", "ru"};

struct concept {
    char *sf[NL], *lf[NL];
    int entity;
};

struct docset {
    char *name;
    char *text[NL];
    struct concept *c;
    size_t n, alloc;
};

static struct {
    size_t seeds[GLOSSA_CHECK_N], found[GLOSSA_CHECK_N];
    size_t false_mono[GLOSSA_CHECK_N];
    double words_mono, words_target;
    size_t docs;
} stats;

/* ---- small helpers ------------------------------------------------------------ */

static char *replace_at(const char *s, size_t at, size_t len, const char *with)
{
    size_t n = strlen(s), w = strlen(with);
    char *r = malloc(n - len + w + 1);
    memcpy(r, s, at);
    memcpy(r + at, with, w);
    memcpy(r + at + w, s + at + len, n - at - len + 1);
    return r;
}

static char *concat3(const char *a, const char *b, const char *c)
{
    size_t x = strlen(a), y = strlen(b), z = strlen(c);
    char *r = malloc(x + y + z + 1);
    memcpy(r, a, x);
    memcpy(r + x, b, y);
    memcpy(r + x + y, c, z + 1);
    return r;
}

static int is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The code point at s (its bytes in *n); a stray byte stands for itself. */
static unsigned code_point(const char *s, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0xC0 || !u[1]) {
        *n = 1;
        return u[0];
    }
    if (u[0] < 0xE0) {
        *n = 2;
        return (unsigned)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
    }
    if (u[0] < 0xF0 && u[2]) {
        *n = 3;
        return (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    }
    *n = 1;
    return u[0];
}

/* Letters and digits, roughly: ASCII alphanumerics, and every code point
 * outside the Latin-1 and general punctuation blocks and spaces. */
static int is_word_cp(unsigned c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return !(c < 0xC0 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
             c == 0xD7 || c == 0xF7);
}

static int word_at(const char *s, size_t p)
{
    size_t n;
    return s[p] && is_word_cp(code_point(s + p, &n));
}

static int word_before(const char *s, size_t p)
{
    size_t q = p, n;
    if (!p)
        return 0;
    q--;
    while (q > 0 && ((unsigned char)s[q] & 0xC0) == 0x80)
        q--;
    return is_word_cp(code_point(s + q, &n));
}

/* Offset of the first occurrence of w in s from `from` at word boundaries, or -1. */
static long find_word(const char *s, const char *w, size_t from)
{
    size_t wl = strlen(w);
    const char *p = s + from;
    if (!wl)
        return -1;
    while ((p = strstr(p, w))) {
        if (!word_before(s, (size_t)(p - s)) && !word_at(s, (size_t)(p - s) + wl))
            return p - s;
        p++;
    }
    return -1;
}

/* find_word, the form also tried with typographic apostrophes (’ for ');
 * *len (may be NULL) receives the length of the occurrence. */
static long find_form_len(const char *s, const char *w, size_t from, size_t *len)
{
    long a = find_word(s, w, from), b = -1;
    size_t bl = 0;
    if (strchr(w, '\'')) {
        struct {
            char *buf;
            size_t n;
        } c = {malloc(strlen(w) * 3 + 1), 0};
        for (const char *p = w; *p; p++) {
            if (*p == '\'') {
                memcpy(c.buf + c.n, "\xe2\x80\x99", 3);
                c.n += 3;
            } else {
                c.buf[c.n++] = *p;
            }
        }
        c.buf[c.n] = 0;
        b = find_word(s, c.buf, from);
        bl = c.n;
        free(c.buf);
    }
    if (b >= 0 && (a < 0 || b < a)) {
        if (len)
            *len = bl;
        return b;
    }
    if (len)
        *len = strlen(w);
    return a;
}

static long find_form(const char *s, const char *w, size_t from)
{
    return find_form_len(s, w, from, NULL);
}

static size_t char_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Words of text and form alike but for their endings: the same characters
 * but for up to three at the end of each (a crude stemmer of the eval's own,
 * independent of the Snowball stemmers glossa uses). */
static int same_but_ending(const char *a, size_t na, const char *b, size_t nb)
{
    size_t i = 0, ca = char_count(a, na), cb = char_count(b, nb), common = 0;
    if (na == nb && !memcmp(a, b, na))
        return 1;
    while (i < na && i < nb && a[i] == b[i]) {
        common += ((unsigned char)a[i] & 0xC0) != 0x80;
        i++;
    }
    if (i < na && i < nb && ((unsigned char)a[i] & 0xC0) == 0x80)
        common--; /* a split character does not count */
    return common >= 3 && common + 3 >= ca && common + 3 >= cb;
}

/* Offset of the first occurrence of form in t from `from`, each word allowed
 * another ending (see same_but_ending), or -1; *mlen receives its length. */
static long find_inflected(const char *t, const char *form, size_t from, size_t *mlen)
{
    for (size_t p = from; t[p]; p++) {
        const char *f = form;
        size_t q = p;
        int ok = 1;
        if (word_before(t, p) || !word_at(t, p))
            continue;
        while (*f && ok) {
            size_t fl = strcspn(f, " "), tl = strcspn(t + q, " \n");
            while (tl > 0 && strchr(",.;:()[]\"", t[q + tl - 1]))
                tl--;
            ok = tl && same_but_ending(t + q, tl, f, fl);
            q += tl;
            f += fl;
            if (*f == ' ') {
                f++;
                ok = ok && t[q] == ' ';
                q++;
            }
        }
        if (ok) {
            *mlen = q - p;
            return (long)p;
        }
    }
    return -1;
}

static size_t count_words(const char *s)
{
    size_t n = 0;
    int in = 0;
    for (; *s; s++) {
        int w = !(*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r');
        n += w && !in;
        in = w;
    }
    return n;
}

/* "A B C" -> "B A C"; one word: the word and "s". */
static char *forbidden_form(const char *lf)
{
    const char *sp = strchr(lf, ' ');
    if (!sp)
        return concat3(lf, "s", "");
    const char *sp2 = strchr(sp + 1, ' ');
    size_t l1 = (size_t)(sp - lf), l2 = sp2 ? (size_t)(sp2 - sp - 1) : strlen(sp + 1);
    char *r = malloc(strlen(lf) + 1);
    memcpy(r, sp + 1, l2);
    r[l2] = ' ';
    memcpy(r + l2 + 1, lf, l1);
    strcpy(r + l2 + 1 + l1, sp2 ? sp2 : "");
    return r;
}

/* An approved variant: the first space of a multi-word form made a hyphen; NULL for one word. */
static char *variant_form(const char *lf)
{
    const char *sp = strchr(lf, ' ');
    char *r;
    if (!sp)
        return NULL;
    r = strdup(lf);
    r[sp - lf] = '-';
    return r;
}

/* A wrong rendering: the full form without its first word ("Xx" appended to a one-word form). */
static char *wrong_form(const char *lf)
{
    const char *sp = strchr(lf, ' ');
    return sp ? strdup(sp + 1) : concat3(lf, "xx", "");
}

/* LF with one word of 4+ bytes after the first (the last such word that
 * can be) replaced by another word of the text that starts with the same
 * letter, or NULL. */
static char *other_expansion(const char *lf, const char *text)
{
    /* the words of LF after the first, last first */
    for (const char *last = lf + strlen(lf); last > lf; last--) {
        if (last[-1] != ' ' || strcspn(last, " ") < 4)
            continue;
        size_t ll = strcspn(last, " ");
        for (const char *p = text; *p; p++) {
            if ((p != text && is_word_byte((unsigned char)p[-1])) ||
                !is_word_byte((unsigned char)*p))
                continue;
            size_t wl = 0, n1, n2;
            while (is_word_byte((unsigned char)p[wl]))
                wl++;
            code_point(p, &n1);
            code_point(last, &n2);
            /* the same first character, another second one (not a change of case) */
            if (wl >= 5 && n1 == n2 && !memcmp(p, last, n1) && p[n1] && last[n2] &&
                code_point(p + n1, &n1) != code_point(last + n2, &n2)) {
                char *w = strndup(p, wl), *r;
                char *head = strndup(lf, (size_t)(last - lf));
                r = concat3(head, w, last + ll);
                free(w);
                free(head);
                return r;
            }
            p += wl - 1;
        }
    }
    return NULL;
}

/* Finds "LF (SF)" or "SF (LF)" (also with "далее" or brackets); sets the span. */
static int find_definition(const char *t, const char *lf, const char *sf, size_t *start,
                           size_t *end)
{
    for (int layout = 0; layout < 2; layout++) {
        const char *first = layout ? sf : lf, *second = layout ? lf : sf;
        long p = 0;
        while ((p = find_word(t, first, (size_t)p)) >= 0) {
            size_t k = (size_t)p + strlen(first);
            while (t[k] == ' ')
                k++;
            if (t[k] == '(' || t[k] == '[') {
                k++;
                while (t[k] == ' ')
                    k++;
                if (!strncmp(t + k, "далее ", strlen("далее ")))
                    k += strlen("далее ");
                if (!strncmp(t + k, second, strlen(second))) {
                    k += strlen(second);
                    while (t[k] == ' ')
                        k++;
                    if (t[k] == ')' || t[k] == ']') {
                        *start = (size_t)p;
                        *end = k + 1;
                        return 1;
                    }
                }
            }
            p++;
        }
    }
    return 0;
}

static size_t count_definitions(const char *t, const char *sf)
{
    size_t n = 0;
    long p = 0;
    while ((p = find_word(t, sf, (size_t)p)) >= 0) {
        size_t k = (size_t)p + strlen(sf), b = (size_t)p;
        while (t[k] == ' ')
            k++;
        while (b > 0 && t[b - 1] == ' ')
            b--;
        if (t[k] == '(' || t[k] == ':' || t[k] == '=' ||
            (b > 0 && (t[b - 1] == '(' || t[b - 1] == '[')))
            n++;
        p++;
    }
    return n;
}

/* ---- running the checks -------------------------------------------------------- */

struct run {
    struct glossa_findings f;
};

static struct glossa_glossary *make_glossary(const struct docset *ds)
{
    struct glossa_glossary *g = glossa_glossary_new(ds->name);
    const char *cols[] = {"concept", "type", "status", "en", "fr", "es", "ru"};
    for (size_t i = 0; i < 7; i++)
        glossa_glossary_add_column(g, cols[i], NULL);
    for (size_t i = 0; i < ds->n; i++) {
        const struct concept *c = &ds->c[i];
        char id[32];
        const char *cells[7];
        snprintf(id, sizeof(id), "c%zu", i);
        cells[0] = id;
        cells[2] = "approved";
        if (!c->entity) {
            cells[1] = "acronym";
            for (int l = 0; l < NL; l++)
                cells[3 + l] = c->sf[l];
            glossa_glossary_add_row(g, cells, 7, NULL);
        }
        cells[1] = c->entity ? "entity" : "full-form";
        for (int l = 0; l < NL; l++)
            cells[3 + l] = c->lf[l];
        glossa_glossary_add_row(g, cells, 7, NULL);
        {
            char *var[NL];
            int any = 0;
            for (int l = 0; l < NL; l++) {
                cells[3 + l] = var[l] = c->lf[l] ? variant_form(c->lf[l]) : NULL;
                any |= var[l] != NULL;
            }
            if (any)
                glossa_glossary_add_row(g, cells, 7, NULL);
            for (int l = 0; l < NL; l++)
                free(var[l]);
        }
        {
            char *bad[NL];
            cells[2] = "forbidden";
            for (int l = 0; l < NL; l++)
                cells[3 + l] = bad[l] = c->lf[l] ? forbidden_form(c->lf[l]) : NULL;
            glossa_glossary_add_row(g, cells, 7, NULL);
            for (int l = 0; l < NL; l++)
                free(bad[l]);
        }
    }
    return g;
}

struct version {
    struct glossa_text *text;
    struct glossa_segments *seg;
};

static int open_version(struct version *v, const char *name, const char *bytes, int l)
{
    struct glossa_text_options o = {NULL, 0, langs[l]};
    v->text = NULL;
    v->seg = NULL;
    if (glossa_text_from_bytes(name, bytes, strlen(bytes), &o, &v->text, NULL) ||
        glossa_segment_text(v->text, langs[l], &v->seg, NULL))
        return -1;
    return 0;
}

static void close_version(struct version *v)
{
    glossa_segments_free(v->seg);
    glossa_text_free(v->text);
}

/* Runs the monolingual checks on text (language l), or with src (English) the
 * bilingual ones too; returns the findings. */
static struct glossa_findings check(struct glossa_checker *ck, const char *src, const char *text,
                                    int l)
{
    struct glossa_findings out = {NULL, 0, 0};
    struct version a, b;
    if (open_version(&b, "target", text, l))
        return out;
    if (src) {
        if (!open_version(&a, "source", src, 0)) {
            glossa_check_bilingual(ck, a.text, a.seg, "en", b.text, b.seg, langs[l], &out, NULL);
            close_version(&a);
        }
    } else {
        glossa_check_document(ck, b.text, b.seg, langs[l], 1, &out, NULL);
    }
    close_version(&b);
    return out;
}

static size_t count_of(const struct glossa_findings *f, enum glossa_check_id id, const char *t1,
                       const char *t2)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        if (f->items[i].check == id &&
            ((t1 && !strcmp(f->items[i].term, t1)) || (t2 && !strcmp(f->items[i].term, t2))))
            n++;
    return n;
}

static int verbose;
static const char *dump_dir;
static size_t dump_count;
static const struct glossa_glossary *dump_glossary;
static const char *dump_source;
static char *const *dump_clean; /* the clean versions, by language */

static void dump_file(const char *name, const char *bytes, const struct glossa_glossary *g)
{
    char path[4096];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dump_dir, name);
    if (!(f = fopen(path, "w")))
        return;
    if (g)
        glossa_glossary_write(g, f, 0, NULL);
    else
        fputs(bytes, f);
    fclose(f);
}

/* Writes a missed seed for `glossa check` to reproduce (see --dump). */
static void dump_miss(const char *text, int l, enum glossa_check_id id)
{
    char name[256];
    dump_count++;
    snprintf(name, sizeof(name), "%zu-%s-%s.txt", dump_count, glossa_check_name(id), langs[l]);
    dump_file(name, text, NULL);
    snprintf(name, sizeof(name), "%zu-en.txt", dump_count);
    dump_file(name, dump_source, NULL);
    snprintf(name, sizeof(name), "%zu-clean-%s.txt", dump_count, langs[l]);
    dump_file(name, dump_clean[l], NULL);
    snprintf(name, sizeof(name), "%zu-glossary.csv", dump_count);
    dump_file(name, NULL, dump_glossary);
}

/* 1 when the seeded text reads differently from the clean one (the change is
 * not in page furniture that reading drops). */
static int visible(const char *clean, const char *seeded, int l)
{
    struct version a, b;
    int diff = 0;
    if (open_version(&a, "clean", clean, l))
        return 0;
    if (!open_version(&b, "seeded", seeded, l)) {
        size_t la, lb;
        const char *ba = glossa_text_body(a.text, &la), *bb = glossa_text_body(b.text, &lb);
        diff = la != lb || memcmp(ba, bb, la);
        close_version(&b);
    }
    close_version(&a);
    return diff;
}

static void seed(struct glossa_checker *ck, const struct glossa_findings *clean, const char *src,
                 char *text, int l, enum glossa_check_id id, const char *t1, const char *t2,
                 const char *what)
{
    struct glossa_findings f = check(ck, src, text, l);
    int hit = count_of(&f, id, t1, t2) > count_of(clean, id, t1, t2);
    stats.seeds[id]++;
    stats.found[id] += hit;
    if (!hit && verbose)
        fprintf(stderr, "missed %s [%s] %s: %s\n", glossa_check_name(id), langs[l], what, t1);
    if (!hit && dump_dir)
        dump_miss(text, l, id);
    glossa_findings_release(&f);
    free(text);
}

/* Line (as [start, end) offsets) of t that contains offset p. */
static void line_of(const char *t, size_t p, size_t *s, size_t *e)
{
    *s = p;
    while (*s > 0 && t[*s - 1] != '\n')
        (*s)--;
    *e = p;
    while (t[*e] && t[*e] != '\n')
        (*e)++;
}

/* 1 when [p, p + len) of t lies inside a longer occurrence of a form of
 * another concept of ds (language l): that is the other term's. */
static int nested(const struct docset *ds, size_t ci, int l, const char *t, size_t p, size_t len)
{
    for (size_t j = 0; j < ds->n; j++) {
        const char *forms[2] = {ds->c[j].lf[l], ds->c[j].sf[l]};
        if (j == ci)
            continue;
        for (int k = 0; k < 2; k++) {
            size_t fl = forms[k] ? strlen(forms[k]) : 0;
            if (fl <= len)
                continue;
            for (long q = find_form(t, forms[k], p > fl ? p - fl : 0); q >= 0 && (size_t)q <= p;
                 q = find_form(t, forms[k], (size_t)q + 1))
                if ((size_t)q + fl >= p + len)
                    return 1;
        }
    }
    return 0;
}

/* Returns owned (frees line): every occurrence of form in line, as written or
 * inflected, that is not part of another term, replaced by repl, or when repl
 * is NULL by the occurrence without its first word. */
static char *replace_forms(char *line, const struct docset *ds, size_t ci, int l, const char *form,
                           const char *repl)
{
    size_t from = 0;
    for (;;) {
        size_t ml = 0, il = 0;
        long q = find_form_len(line, form, from, &ml);
        long qi = repl ? -1 : find_inflected(line, form, from, &il);
        char *with, *n;
        if (qi >= 0 && (q < 0 || qi < q)) {
            q = qi;
            ml = il;
        }
        if (q < 0)
            return line;
        if (nested(ds, ci, l, line, (size_t)q, ml)) {
            from = (size_t)q + 1;
            continue;
        }
        if (repl) {
            with = strdup(repl);
        } else {
            char *occ = strndup(line + q, ml);
            with = wrong_form(occ);
            free(occ);
        }
        n = replace_at(line, (size_t)q, ml, with);
        from = (size_t)q + strlen(with);
        free(with);
        free(line);
        line = n;
    }
}

/* 1 when the clean copy already has a bilingual finding for the concept
 * (t1, t2) on the paragraph of offset p of body b or a neighbouring one: a
 * seed there could only repeat it (glossa reports a difference once per
 * stretch of aligned segments). */
static int clean_near(const struct glossa_findings *f, const char *b, size_t p, const char *t1,
                      const char *t2)
{
    size_t line = 1;
    for (size_t i = 0; i < p; i++)
        line += b[i] == '\n';
    for (size_t i = 0; i < f->n; i++) {
        const struct glossa_finding *x = &f->items[i];
        if ((x->check == GLOSSA_CHECK_TERM_MISMATCH || x->check == GLOSSA_CHECK_TERM_COUNT) &&
            ((t1 && !strcmp(x->term, t1)) || (t2 && !strcmp(x->term, t2))) && x->line + 1 >= line &&
            x->line <= line + 1)
            return 1;
    }
    return 0;
}

/* 1 when line has an inflected occurrence of form that is not written as the form. */
static int inflected_only(const char *line, const char *form)
{
    size_t ml, from = 0;
    long q;
    while ((q = find_inflected(line, form, from, &ml)) >= 0) {
        if (ml != strlen(form) || memcmp(line + q, form, ml))
            return 1;
        from = (size_t)q + 1;
    }
    return 0;
}

/* Returns owned: the body of bytes as glossa reads it (language l). */
static char *body_of(const char *bytes, int l)
{
    struct version v;
    char *r;
    size_t n;
    const char *b;
    if (open_version(&v, "body", bytes, l))
        return strdup(bytes);
    b = glossa_text_body(v.text, &n);
    r = strndup(b, n);
    close_version(&v);
    return r;
}

static void evaluate(struct docset *ds)
{
    struct glossa_glossary *g = make_glossary(ds);
    struct glossa_checker *ck = glossa_checker_new();
    struct glossa_findings clean[NL], clean_bi[NL], clean_body[NL];
    char *bodies[NL] = {NULL, NULL, NULL, NULL};
    if (glossa_checker_add_glossary(ck, g, NULL)) {
        fprintf(stderr, "eval-check: %s: glossary refused\n", ds->name);
        goto out;
    }
    stats.docs++;
    dump_glossary = g;
    dump_source = ds->text[0];
    dump_clean = ds->text;
    for (int l = 0; l < NL; l++) {
        clean[l] = check(ck, NULL, ds->text[l], l);
        memset(&clean_bi[l], 0, sizeof(clean_bi[l]));
        memset(&clean_body[l], 0, sizeof(clean_body[l]));
        bodies[l] = body_of(ds->text[l], l);
        if (l)
            clean_body[l] = check(ck, ds->text[0], bodies[l], l);
        stats.words_mono += (double)count_words(ds->text[l]);
        for (size_t i = 0; i < clean[l].n; i++) {
            stats.false_mono[clean[l].items[i].check]++;
            if (verbose > 1)
                fprintf(stderr, "false %s [%s] %s:%zu: %s\n",
                        glossa_check_name(clean[l].items[i].check), langs[l], ds->name,
                        clean[l].items[i].line, clean[l].items[i].message);
        }
        if (l) {
            clean_bi[l] = check(ck, ds->text[0], ds->text[l], l);
            stats.words_target += (double)count_words(ds->text[l]);
            for (size_t i = 0; i < clean_bi[l].n; i++) {
                stats.false_mono[clean_bi[l].items[i].check]++;
                if (verbose > 1)
                    fprintf(stderr, "false %s [%s] %s:%zu: %s\n",
                            glossa_check_name(clean_bi[l].items[i].check), langs[l], ds->name,
                            clean_bi[l].items[i].line, clean_bi[l].items[i].message);
            }
        }
    }
    for (size_t i = 0; i < ds->n; i++) {
        const struct concept *c = &ds->c[i];
        for (int l = 0; l < NL; l++) {
            const char *t = ds->text[l], *sf = c->sf[l], *lf = c->lf[l];
            size_t ds_, de;
            if (!lf)
                continue;
            /* term-forbidden: the first visible full form replaced by its forbidden form */
            {
                char *bad = forbidden_form(lf);
                for (long p = find_word(t, lf, 0); p >= 0; p = find_word(t, lf, (size_t)p + 1)) {
                    char *seeded = replace_at(t, (size_t)p, strlen(lf), bad);
                    if (!visible(t, seeded, l)) {
                        free(seeded);
                        continue;
                    }
                    seed(ck, &clean[l], NULL, seeded, l, GLOSSA_CHECK_TERM_FORBIDDEN, bad, NULL,
                         "forbidden");
                    break;
                }
                free(bad);
            }
            /* term-inconsistent: the approved variant in a new last paragraph */
            {
                char *var = variant_form(lf);
                if (var && find_word(t, lf, 0) >= 0) {
                    char *para = concat3("\n", var, ".");
                    char *seeded = concat3(t, para, "");
                    free(para);
                    if (visible(t, seeded, l) &&
                        count_of(&clean[l], GLOSSA_CHECK_TERM_FORBIDDEN, "", NULL) == 0)
                        seed(ck, &clean[l], NULL, seeded, l, GLOSSA_CHECK_TERM_INCONSISTENT, var,
                             NULL, "inconsistent");
                    else
                        free(seeded);
                }
                free(var);
            }
            /* bilingual: in the target as glossa reads it (lines joined into
             * paragraphs), a paragraph with a form of the concept that is not
             * part of a longer glossary term */
            if (l && c->lf[0] &&
                (find_form(ds->text[0], c->lf[0], 0) >= 0 ||
                 (c->sf[0] && find_form(ds->text[0], c->sf[0], 0) >= 0))) {
                const char *b = bodies[l];
                int done_mismatch = 0, done_count = 0;
                for (int k0 = 0; k0 < 2; k0++) {
                    const char *key = k0 ? sf : lf;
                    if (!key)
                        continue;
                    size_t kl = 0;
                    for (long p = find_form_len(b, key, 0, &kl);
                         p >= 0 && !(done_mismatch && done_count);
                         p = find_form_len(b, key, (size_t)p + 1, &kl)) {
                        size_t s, e;
                        char *line, *seeded;
                        if (nested(ds, i, l, b, (size_t)p, kl) ||
                            clean_near(&clean_body[l], b, (size_t)p, c->lf[0], c->sf[0]))
                            continue;
                        line_of(b, (size_t)p, &s, &e);
                        line = strndup(b + s, e - s);
                        if (!done_mismatch) {
                            /* term-mismatch: every form of the concept in the
                             * paragraph made wrong, inflected ones included */
                            char *cur = strdup(line);
                            const char *wrong_sf =
                                c->sf[0] && sf && strcmp(c->sf[0], sf) ? c->sf[0] : "XQX";
                            cur = replace_forms(cur, ds, i, l, lf, NULL);
                            if (sf)
                                cur = replace_forms(cur, ds, i, l, sf, wrong_sf);
                            seeded = replace_at(b, s, e - s, cur);
                            free(cur);
                            if (visible(b, seeded, l)) {
                                seed(ck, &clean_body[l], ds->text[0], seeded, l,
                                     GLOSSA_CHECK_TERM_MISMATCH, c->lf[0], c->sf[0], "mismatch");
                                done_mismatch = 1;
                            } else {
                                free(seeded);
                            }
                        }
                        /* term-count: a form written twice, in a paragraph with
                         * no inflected form of the concept (glossa may not count
                         * those: inflection clears, it never accuses) */
                        if (!done_count && !inflected_only(line, lf)) {
                            char *occ = strndup(b + p, kl), *twice = concat3(occ, ", ", occ);
                            seeded = replace_at(b, (size_t)p, kl, twice);
                            free(twice);
                            free(occ);
                            if (visible(b, seeded, l)) {
                                seed(ck, &clean_body[l], ds->text[0], seeded, l,
                                     GLOSSA_CHECK_TERM_COUNT, c->lf[0], c->sf[0], "count");
                                done_count = 1;
                            } else {
                                free(seeded);
                            }
                        }
                        free(line);
                    }
                }
            }
            if (!sf || c->entity || count_definitions(t, sf) != 1 ||
                !find_definition(t, lf, sf, &ds_, &de))
                continue;
            /* acronym-undefined: the definition replaced by the acronym */
            seed(ck, &clean[l], NULL, replace_at(t, ds_, de - ds_, sf), l,
                 GLOSSA_CHECK_ACRONYM_UNDEFINED, sf, NULL, "undefined");
            /* acronym-before-definition: swapped with a later use, or a use
             * first; not where the clean copy already uses it before its
             * definition (glossa names the first early use of an acronym) */
            if (!count_of(&clean[l], GLOSSA_CHECK_ACRONYM_BEFORE_DEFINITION, sf, NULL)) {
                long later = find_word(t, sf, de);
                char *seeded;
                if (later >= 0) {
                    char *def = strndup(t + ds_, de - ds_);
                    char *a = replace_at(t, (size_t)later, strlen(sf), def);
                    seeded = replace_at(a, ds_, de - ds_, sf);
                    free(a);
                    free(def);
                } else {
                    seeded = concat3(sf, ".\n", t);
                }
                seed(ck, &clean[l], NULL, seeded, l, GLOSSA_CHECK_ACRONYM_BEFORE_DEFINITION, sf,
                     NULL, "before");
            }
            /* acronym-redefined: the same definition again at the end */
            {
                char *def = concat3(lf, " (", sf), *para = concat3("\n", def, ").");
                seed(ck, &clean[l], NULL, concat3(t, para, ""), l, GLOSSA_CHECK_ACRONYM_REDEFINED,
                     sf, NULL, "redefined");
                free(def);
                free(para);
            }
            /* acronym-multi-expansion: another long form at the end */
            {
                char *other = other_expansion(lf, t);
                if (other) {
                    char *def = concat3(other, " (", sf), *para = concat3("\n", def, ").");
                    seed(ck, &clean[l], NULL, concat3(t, para, ""), l,
                         GLOSSA_CHECK_ACRONYM_MULTI_EXPANSION, sf, NULL, other);
                    free(def);
                    free(para);
                    free(other);
                }
            }
        }
    }
    for (int l = 0; l < NL; l++) {
        glossa_findings_release(&clean[l]);
        glossa_findings_release(&clean_bi[l]);
        glossa_findings_release(&clean_body[l]);
        free(bodies[l]);
    }
out:
    glossa_checker_free(ck);
    glossa_glossary_free(g);
}

/* ---- loading ------------------------------------------------------------------- */

static void docset_free(struct docset *ds)
{
    for (size_t i = 0; i < ds->n; i++)
        for (int l = 0; l < NL; l++) {
            free(ds->c[i].sf[l]);
            free(ds->c[i].lf[l]);
        }
    free(ds->c);
    for (int l = 0; l < NL; l++)
        free(ds->text[l]);
    free(ds->name);
}

static struct concept *new_concept(struct docset *ds)
{
    if (ds->n == ds->alloc) {
        ds->alloc = ds->alloc ? ds->alloc * 2 : 16;
        ds->c = realloc(ds->c, ds->alloc * sizeof(*ds->c));
    }
    memset(&ds->c[ds->n], 0, sizeof(*ds->c));
    return &ds->c[ds->n++];
}

static int load_sample(const char *dir, struct docset *ds)
{
    char path[4096];
    struct glossa_glossary *g;
    memset(ds, 0, sizeof(*ds));
    ds->name = strdup("S-2019-742");
    for (int l = 0; l < NL; l++) {
        snprintf(path, sizeof(path), "%s/%s.txt", dir, langs[l]);
        if (!(ds->text[l] = bench_read_file(path, NULL)))
            return -1;
    }
    snprintf(path, sizeof(path), "%s/expected.csv", dir);
    if (glossa_glossary_read_file(path, NULL, &g, NULL))
        return -1;
    for (size_t r = 0; r < glossa_glossary_row_count(g); r++) {
        const char *type = glossa_glossary_meta(g, r, GLOSSA_META_TYPE);
        struct concept *c;
        if (!strcmp(type, "full-form") && ds->n && !ds->c[ds->n - 1].entity &&
            !ds->c[ds->n - 1].lf[0])
            c = &ds->c[ds->n - 1];
        else
            c = new_concept(ds);
        c->entity = !strcmp(type, "entity");
        for (int l = 0; l < NL; l++) {
            const char *v = glossa_glossary_term(g, r, langs[l]);
            if (!*v)
                continue;
            if (!strcmp(type, "acronym"))
                c->sf[l] = strdup(v);
            else
                c->lf[l] = strdup(v);
        }
    }
    glossa_glossary_free(g);
    return 0;
}

/* Splits a TSV line in place; returns the number of fields. */
static int split_tab(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

static const long uncertain[] = {213, 272, 462, 682, 1998, 2064, 2266, 2395, 2639, 2836};

static int is_uncertain(long line)
{
    for (size_t i = 0; i < sizeof(uncertain) / sizeof(uncertain[0]); i++)
        if (uncertain[i] == line)
            return 1;
    return 0;
}

static struct docset *find_docset(struct docset **sets, size_t *n, const char *doc)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*sets)[i].name, doc))
            return &(*sets)[i];
    *sets = realloc(*sets, (*n + 1) * sizeof(**sets));
    memset(&(*sets)[*n], 0, sizeof(**sets));
    (*sets)[*n].name = strdup(doc);
    return &(*sets)[(*n)++];
}

static int lang_index(const char *code)
{
    for (int l = 0; l < NL; l++)
        if (!strcmp(code, langs[l]))
            return l;
    return -1;
}

static size_t load_unpc(const char *dir, struct docset **sets)
{
    char path[4096], buf[8192];
    size_t n = 0;
    /* concepts both versions define */
    for (int l = 1; l < NL; l++) {
        FILE *f;
        snprintf(path, sizeof(path), "%s/gold/en-%s.tsv", dir, langs[l]);
        if (!(f = fopen(path, "r")))
            continue;
        fgets(buf, sizeof(buf), f);
        while (fgets(buf, sizeof(buf), f)) {
            char *fld[8];
            buf[strcspn(buf, "\r\n")] = 0;
            if (split_tab(buf, fld, 8) < 7 || is_uncertain(atol(fld[1])))
                continue;
            if (strcmp(fld[2], "both") && strcmp(fld[2], "same-sf"))
                continue;
            struct docset *ds = find_docset(sets, &n, fld[0]);
            struct concept *c = NULL;
            for (size_t i = 0; i < ds->n; i++)
                if (ds->c[i].sf[0] && !strcmp(ds->c[i].sf[0], fld[3]))
                    c = &ds->c[i];
            if (!c) {
                c = new_concept(ds);
                c->sf[0] = strdup(fld[3]);
                c->lf[0] = strdup(fld[5]);
            }
            if (!c->sf[l]) {
                c->sf[l] = strdup(fld[4]);
                c->lf[l] = strdup(fld[6]);
            }
        }
        fclose(f);
    }
    /* definitions in one language only */
    {
        FILE *f;
        snprintf(path, sizeof(path), "%s/gold/defs.tsv", dir);
        if ((f = fopen(path, "r"))) {
            fgets(buf, sizeof(buf), f);
            while (fgets(buf, sizeof(buf), f)) {
                char *fld[6];
                int l, have = 0;
                buf[strcspn(buf, "\r\n")] = 0;
                if (split_tab(buf, fld, 6) < 5 || is_uncertain(atol(fld[1])) ||
                    (l = lang_index(fld[2])) < 0)
                    continue;
                struct docset *ds = find_docset(sets, &n, fld[0]);
                for (size_t i = 0; i < ds->n && !have; i++)
                    have = ds->c[i].sf[l] && !strcmp(ds->c[i].sf[l], fld[3]);
                if (!have) {
                    struct concept *c = new_concept(ds);
                    c->sf[l] = strdup(fld[3]);
                    c->lf[l] = strdup(fld[4]);
                }
            }
            fclose(f);
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct docset *ds = &(*sets)[i];
        char folder[512];
        snprintf(folder, sizeof(folder), "%s", ds->name);
        for (char *p = folder; *p; p++)
            if (*p == '/')
                *p = '_';
        for (int l = 0; l < NL; l++) {
            snprintf(path, sizeof(path), "%s/docs/%s/%s.txt", dir, folder, langs[l]);
            ds->text[l] = bench_read_file(path, NULL);
            if (!ds->text[l])
                ds->text[l] = strdup("");
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    const char *sample = GLOSSA_SRCDIR "/tests/data/S-2019-742";
    const char *unpc = GLOSSA_SRCDIR "/../shared/corpus/unpc-dev";
    int floor = 0, bad = 0, argi = 1;
    struct docset ds, *sets = NULL;
    size_t nsets;
    for (; argi < argc && argv[argi][0] == '-'; argi++) {
        if (!strcmp(argv[argi], "--floor"))
            floor = 1;
        else if (!strcmp(argv[argi], "-v"))
            verbose++;
        else if (!strncmp(argv[argi], "--dump=", 7))
            dump_dir = argv[argi] + 7;
    }
    if (argi < argc)
        sample = argv[argi++];
    if (argi < argc)
        unpc = argv[argi++];
    if (getenv("SHARED_CORPUS") && argi < 3) {
        static char p[4096];
        snprintf(p, sizeof(p), "%s/unpc-dev", getenv("SHARED_CORPUS"));
        unpc = p;
    }
    if (access(unpc, R_OK))
        unpc = GLOSSA_SRCDIR "/../../shared/corpus/unpc-dev"; /* from a worktree */
    if (load_sample(sample, &ds)) {
        fprintf(stderr, "eval-check: cannot read the sample in %s\n", sample);
        return 2;
    }
    evaluate(&ds);
    docset_free(&ds);
    nsets = load_unpc(unpc, &sets);
    if (!nsets)
        fprintf(stderr, "eval-check: no unpc-dev gold under %s: the sample only\n", unpc);
    for (size_t i = 0; i < nsets; i++) {
        evaluate(&sets[i]);
        docset_free(&sets[i]);
    }
    free(sets);
    printf("glossa check, seeded errors: %zu documents (S/2019/742 + unpc-dev), %.0f words "
           "(all versions), %.0f target words\n",
           stats.docs, stats.words_mono, stats.words_target);
    printf("%-27s %7s %7s %8s %8s %12s\n", "check", "seeded", "found", "recall", "clean",
           "per 10k words");
    for (int i = 0; i < GLOSSA_CHECK_N; i++) {
        double recall = stats.seeds[i] ? (double)stats.found[i] / (double)stats.seeds[i] : 0;
        double words = (i == GLOSSA_CHECK_TERM_MISMATCH || i == GLOSSA_CHECK_TERM_COUNT)
                           ? stats.words_target
                           : stats.words_mono;
        double rate = words > 0 ? (double)stats.false_mono[i] * 10000.0 / words : 0;
        printf("%-27s %7zu %7zu %8.3f %8zu %12.2f\n", glossa_check_name((enum glossa_check_id)i),
               stats.seeds[i], stats.found[i], recall, stats.false_mono[i], rate);
        if (recall < 0.98 || rate > 1.0 || stats.seeds[i] < 200)
            bad = 1;
    }
    {
        size_t total = 0;
        for (int i = 0; i < GLOSSA_CHECK_N; i++)
            total += stats.false_mono[i];
        printf("all checks: %zu findings on the clean documents, %.2f per 10k words checked "
               "(%.0f: every version alone, and every translation against the English)\n",
               total, (double)total * 10000.0 / (stats.words_mono + stats.words_target),
               stats.words_mono + stats.words_target);
    }
    glossa_lang_cleanup();
    return floor && bad ? 1 : 0;
}

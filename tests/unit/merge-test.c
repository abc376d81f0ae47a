/* Unit tests for merge: the algebra (idempotent, associative, commutative for
 * candidates) on glossaries shaped like align's output from three documents,
 * and the rules that protect human decisions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/glossary.h"
#include "glossa/merge.h"
#include "tap.h"

static char *slurp(const char *name)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    char *buf = NULL;
    size_t len = 0;
    FILE *f, *out;
    snprintf(path, sizeof(path), "%s/tests/data/glossaries/%s", top ? top : "..", name);
    f = fopen(path, "rb");
    if (!f) {
        printf("# cannot open %s\n", path);
        return strdup("");
    }
    out = open_memstream(&buf, &len);
    for (int c; (c = fgetc(f)) != EOF;)
        fputc(c, out);
    fclose(f);
    fclose(out);
    return buf;
}

static struct glossa_glossary *load(const char *text, const char *name)
{
    struct glossa_glossary *g = NULL;
    struct glossa_error err;
    glossa_error_init(&err);
    if (glossa_glossary_read_buffer(text, strlen(text), name, NULL, &g, &err))
        printf("# cannot read %s: %s (line %zu)\n", name, err.message ? err.message : "", err.line);
    glossa_error_release(&err);
    return g;
}

static char *dump(const struct glossa_glossary *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (g)
        glossa_glossary_write(g, f, 0, NULL);
    fclose(f);
    return buf;
}

/* Merges texts a and b (b's rows into a) and returns the written result. */
static char *merge2(const char *a, const char *b, enum glossa_merge_policy policy,
                    struct glossa_merge_report *report)
{
    struct glossa_glossary *ga = load(a, "a.csv"), *gb = load(b, "b.csv");
    char *out;
    if (!ga || !gb || glossa_merge(ga, gb, policy, report, NULL)) {
        glossa_glossary_free(ga);
        return strdup("(merge failed)");
    }
    out = dump(ga);
    glossa_glossary_free(ga);
    return out;
}

static char *m(const char *a, const char *b)
{
    return merge2(a, b, GLOSSA_MERGE_KEEP, NULL);
}

static void same(char *got, const char *want, const char *name)
{
    int eq = !strcmp(got, want);
    ok(eq, name);
    if (!eq)
        printf("# got:\n%s# want:\n%s", got, want);
    free(got);
}

static void algebra(void)
{
    const char *names[] = {"align-doc1.csv", "align-doc2.csv", "align-doc3.csv"};
    char *doc[3];
    for (int i = 0; i < 3; i++)
        doc[i] = slurp(names[i]);

    for (int i = 0; i < 3; i++) {
        struct glossa_glossary *g = load(doc[i], names[i]);
        glossa_merge_sort(g, NULL);
        same(dump(g), doc[i], "fixture is in canonical order");
        glossa_glossary_free(g);
        same(m(doc[i], doc[i]), doc[i], "merge(a, a) == a, byte for byte");
    }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            char *ij, *ji;
            if (i == j)
                continue;
            ij = m(doc[i], doc[j]);
            ji = m(doc[j], doc[i]);
            same(ji, ij, "merge(a, b) == merge(b, a) for candidates");
            same(m(ij, ij), ij, "merge(ab, ab) == ab");
            same(m(ij, doc[i]), ij, "merging a part again changes nothing");
            free(ij);
        }
    {
        char *ab = m(doc[0], doc[1]), *bc = m(doc[1], doc[2]);
        char *left = m(ab, doc[2]), *right = m(doc[0], bc);
        char *ca = m(doc[2], doc[0]), *other = m(ca, doc[1]);
        struct glossa_glossary *g;
        int undp = -1;
        same(strdup(right), left, "merge(merge(a, b), c) == merge(a, merge(b, c))");
        same(strdup(other), left, "any grouping and order gives the same bytes");
        g = load(left, "abc");
        for (size_t r = 0; g && r < glossa_glossary_row_count(g); r++)
            if (!strcmp(glossa_glossary_term(g, r, "en"), "UNDP"))
                undp = (int)r;
        ok(undp >= 0, "UNDP row present once merged");
        if (undp >= 0) {
            is_int(glossa_glossary_row_count_value(g, (size_t)undp), 6,
                   "counts add over documents");
            is_str(glossa_glossary_meta(g, (size_t)undp, GLOSSA_META_SOURCE),
                   "2015/e/c_19/2015/8=3; 2015/e/cn_15/2015/10=2; 2015/s/2015/146=1",
                   "sources unite, each with its count");
            is_str(glossa_glossary_meta(g, (size_t)undp, GLOSSA_META_CONFIDENCE), "0.97",
                   "confidence keeps the highest");
        }
        is_int(glossa_glossary_row_count(g), 10, "ten rows: shared concepts merged");
        glossa_glossary_free(g);
        free(ab);
        free(bc);
        free(left);
        free(right);
        free(ca);
        free(other);
    }
    for (int i = 0; i < 3; i++)
        free(doc[i]);
}

static int find(const struct glossa_glossary *g, const char *en)
{
    for (size_t r = 0; r < glossa_glossary_row_count(g); r++)
        if (!strcmp(glossa_glossary_term(g, r, "en"), en))
            return (int)r;
    return -1;
}

static void human_decisions(void)
{
    char *approved = slurp("approved.csv"), *challenger = slurp("challenger.csv");
    char *other = slurp("approved-other.csv");
    struct glossa_merge_report rep;
    struct glossa_glossary *g;
    char *out;
    int r;

    glossa_merge_report_init(&rep);
    out = merge2(approved, challenger, GLOSSA_MERGE_KEEP, &rep);
    g = load(out, "out");
    r = find(g, "CSTO");
    ok(r >= 0 && !strcmp(glossa_glossary_term(g, (size_t)r, "fr"), "OTSC"),
       "approved row keeps its target when a candidate disagrees");
    is_int(glossa_glossary_row_status(g, (size_t)r), GLOSSA_STATUS_APPROVED, "and stays approved");
    is_int(glossa_glossary_row_count(g), 3, "the contradicting candidate is not added");
    is_int(rep.nconflicts, 1, "one conflict");
    if (rep.nconflicts == 1) {
        is_int(rep.conflicts[0].kind, GLOSSA_CONFLICT_CANDIDATE, "candidate conflict");
        is_str(rep.conflicts[0].base_file, "a.csv", "base file named");
        is_int(rep.conflicts[0].base_line, 2, "base line");
        is_str(rep.conflicts[0].new_file, "b.csv", "new file named");
        is_int(rep.conflicts[0].new_line, 2, "new line");
        is_str(rep.conflicts[0].base_value, "fr=OTSC", "approved target shown");
        is_str(rep.conflicts[0].new_value, "fr=OTCS", "candidate target shown");
    }
    r = find(g, "Daesh");
    is_int(glossa_glossary_row_status(g, (size_t)r), GLOSSA_STATUS_FORBIDDEN,
           "a forbidden row stays forbidden");
    r = find(g, "UNDP");
    is_int(glossa_glossary_row_status(g, (size_t)r), GLOSSA_STATUS_APPROVED,
           "an approved row matched by a candidate stays approved");
    is_int(glossa_glossary_row_count_value(g, (size_t)r), 4, "and gains the candidate's count");
    glossa_glossary_free(g);
    free(out);
    glossa_merge_report_release(&rep);

    out = merge2(approved, other, GLOSSA_MERGE_KEEP, &rep);
    g = load(out, "out");
    r = find(g, "CSTO");
    is_str(glossa_glossary_term(g, (size_t)r, "fr"), "OTSC", "policy keep keeps the base");
    ok(rep.nconflicts == 1 && rep.conflicts[0].kind == GLOSSA_CONFLICT_TARGET,
       "two approved targets are a conflict");
    glossa_glossary_free(g);
    free(out);
    glossa_merge_report_release(&rep);

    out = merge2(approved, other, GLOSSA_MERGE_THEIRS, &rep);
    g = load(out, "out");
    r = find(g, "CSTO");
    is_str(glossa_glossary_term(g, (size_t)r, "fr"), "OTSC-bis", "policy theirs takes the new");
    is_str(glossa_glossary_term(g, (size_t)r, "es"), "OTSC", "cells the new row lacks stay");
    is_str(glossa_glossary_meta(g, (size_t)r, GLOSSA_META_CONCEPT), "csto", "concept id stays");
    ok(rep.nconflicts == 1 && rep.conflicts[0].took_new, "the conflict says the new row won");
    glossa_glossary_free(g);
    free(out);
    glossa_merge_report_release(&rep);

    out = merge2("en,fr,status\nUN,ONU,approved\n", "en,fr,status\nUN,ONU,deprecated\n",
                 GLOSSA_MERGE_KEEP, &rep);
    is_str(out, "en,fr,status\nUN,ONU,approved\n", "two human statuses: base kept");
    ok(rep.nconflicts == 1 && rep.conflicts[0].kind == GLOSSA_CONFLICT_STATUS,
       "and reported as a status conflict");
    free(out);
    glossa_merge_report_release(&rep);

    same(m("en,fr,status\nUN,ONU,\n", "en,fr,es,status\nUN,ONU,ONU,candidate\n"),
         "en,fr,status,es\nUN,ONU,,\nUN,ONU,candidate,ONU\n",
         "a candidate does not add terms to a person's row: it becomes its own row");
    same(m("en,fr,status\nUN,ONU,candidate\n", "en,fr,status\nUN,ONU,approved\n"),
         "en,fr,status\nUN,ONU,approved\n", "a person's approval wins over a candidate");
    free(approved);
    free(challenger);
    free(other);
}

static void concepts_and_order(void)
{
    same(m("en,fr,concept\nUN,ONU,un\n", "en,fr\nCIS,CEI\nUN,ONU\n"),
         "en,fr,concept\nCIS,CEI,cis\nUN,ONU,un\n",
         "new rows get content-derived concept ids and canonical places");
    same(m("en,fr,concept\nZeta,Z\nAlpha,A\n", "en,fr,concept\nBeta,B,7\nGamma,G,7\n"),
         "en,fr,concept\nZeta,Z,\nAlpha,A,\nBeta,B,beta\nGamma,G,beta\n",
         "a base out of order is kept; numeric ids are file-local and replaced");
    same(m("en,fr,concept,type\nCSTO,OTSC,csto,acronym\n",
           "en,fr,concept,type\nCSTO,OTSC,k1,acronym\nCollective Security Treaty "
           "Organization,OTSC-long,k1,full-form\n"),
         "en,fr,concept,type\nCSTO,OTSC,csto,acronym\nCollective Security Treaty "
         "Organization,OTSC-long,csto,full-form\n",
         "a new row follows its concept into the id of the row its sibling merged with");
    same(m("en,fr,count,source\nUN,ONU,5,\"a;b\"\n", "en,fr,count,source\nUN,ONU,5,\"a;b\"\n"),
         "en,fr,count,source\nUN,ONU,5,a;b\n", "hand-written sources survive merge(a, a)");
    same(m("en,fr,count,source\nUN,ONU,2,x\n", "en,fr,count,source\nUN,ONU,3,x\n"),
         "en,fr,count,source\nUN,ONU,3,x\n", "the same source is not counted twice");
    same(m("en,fr,note\nUN,ONU,first\n", "en,fr,note\nUN,ONU,second\n"),
         "en,fr,note\nUN,ONU,\"first\nsecond\"\n", "notes are kept, not overwritten");
    same(m("en,fr\nL\xE2\x80\x99\xC3\x89tat,x\n", "en,fr\nl'\xC3\xA9tat,x\n"),
         "en,fr\nL\xE2\x80\x99\xC3\x89tat,x\n", "keys unify case and apostrophes");
    same(m("en,fr,case,status\nUS,\xC3\x89tats-Unis,exact,candidate\n",
           "en,fr,status\nUS,\xC3\x89TATS-UNIS,candidate\n"),
         "en,fr,case,status\nUS,\xC3\x89TATS-UNIS,,candidate\nUS,\xC3\x89tats-Unis,exact,"
         "candidate\n",
         "case=exact rows match only the same capitals");
}

int main(void)
{
    algebra();
    human_decisions();
    concepts_and_order();
    return done_testing();
}

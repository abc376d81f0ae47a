/* Unit tests of the matcher: case modes, Unicode word boundaries, typographic
 * variants, URLs and e-mail addresses, longest occurrences, offsets in
 * multi-byte text, a randomised comparison with a naive search, and stemming. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/matcher.h"
#include "tap.h"

/* Builds a matcher of the given forms (payload = index) and returns the
 * occurrences in text as "start-end:payload" joined by spaces. */
static char *find(const char *const *forms, const enum glossa_matcher_case *modes, size_t nforms,
                  const char *text, unsigned flags)
{
    struct glossa_matcher *m = glossa_matcher_new();
    struct glossa_match *out = NULL;
    size_t n = 0;
    static char buf[4096];
    buf[0] = 0;
    for (size_t i = 0; i < nforms; i++)
        if (glossa_matcher_add(m, forms[i], strlen(forms[i]),
                               modes ? modes[i] : GLOSSA_MATCHER_INSENSITIVE, i, NULL))
            strcat(buf, "add-failed ");
    if (glossa_matcher_build(m, NULL) ||
        glossa_matcher_run(m, text, strlen(text), flags, &out, &n, NULL))
        strcat(buf, "failed");
    for (size_t i = 0; i < n; i++)
        sprintf(buf + strlen(buf), "%s%zu-%zu:%zu", i ? " " : "", out[i].start, out[i].end,
                out[i].payload);
    free(out);
    glossa_matcher_free(m);
    return buf;
}

#define FIND1(form, mode, text)                                                                    \
    find((const char *const[]){form}, (const enum glossa_matcher_case[]){mode}, 1, text, 0)

static void test_case_modes(void)
{
    is_str(FIND1("Security Council", GLOSSA_MATCHER_INSENSITIVE, "the security council met"),
           "4-20:0", "insensitive matches lower case");
    is_str(FIND1("CSTO", GLOSSA_MATCHER_EXACT, "csto and CSTO"), "9-13:0",
           "exact matches only the same case");
    is_str(FIND1("Security Council", GLOSSA_MATCHER_PERMISSIVE, "SECURITY COUNCIL"), "0-16:0",
           "permissive accepts capitals for lower case");
    is_str(FIND1("Security Council", GLOSSA_MATCHER_PERMISSIVE, "security council"), "",
           "permissive needs the capitals of the form");
    is_str(FIND1("Security Council", GLOSSA_MATCHER_PERMISSIVE, "Security council"), "",
           "permissive: every capital counts");
    is_str(FIND1("État", GLOSSA_MATCHER_INSENSITIVE, "L'ÉTAT"), "2-7:0",
           "insensitive folds non-ASCII capitals");
    is_str(FIND1("ОДКБ", GLOSSA_MATCHER_EXACT, "одкб ОДКБ"), "9-17:0", "exact in Cyrillic");
}

static void test_boundaries(void)
{
    is_str(FIND1("UN", GLOSSA_MATCHER_EXACT, "UNDP and the UN."), "13-15:0",
           "no match inside a longer word");
    is_str(FIND1("ОДКБ", GLOSSA_MATCHER_EXACT, "ОДКБы ОДКБ"), "11-19:0",
           "a Cyrillic letter after the form is a word character");
    is_str(FIND1("État", GLOSSA_MATCHER_INSENSITIVE, "l’État"), "4-9:0",
           "an apostrophe before is a boundary");
    is_str(FIND1("Eta", GLOSSA_MATCHER_INSENSITIVE, "Etat Età Eta"), "10-13:0",
           "accented letters are word characters");
    is_str(FIND1("Al-Qaida", GLOSSA_MATCHER_INSENSITIVE, "Al-Qaida-linked"), "0-8:0",
           "a hyphen after is a boundary");
    is_str(FIND1("CSTO", GLOSSA_MATCHER_EXACT, "CSTO2 2CSTO (CSTO)"), "13-17:0",
           "digits are word characters");
    is_str(FIND1("«Plan»", GLOSSA_MATCHER_INSENSITIVE, "le«Plan»x"), "2-10:0",
           "forms with punctuation at the edges need no boundary there");
}

static void test_typography(void)
{
    is_str(FIND1("Communauté d'États", GLOSSA_MATCHER_INSENSITIVE, "la Communauté d’États"),
           "3-25:0", "curly and straight apostrophes are one");
    is_str(FIND1("Security Council", GLOSSA_MATCHER_INSENSITIVE, "Security\xc2\xa0 \t Council"),
           "0-20:0", "no-break spaces and runs of spaces are one space");
    is_str(FIND1("«Plan»", GLOSSA_MATCHER_INSENSITIVE, "le <<Plan>>"), "3-11:0",
           "<< >> are guillemets");
    is_str(FIND1("Security Council", GLOSSA_MATCHER_INSENSITIVE, "Security\nCouncil"), "",
           "no match across a paragraph break");
    is_str(FIND1("Counter‑Terrorism", GLOSSA_MATCHER_INSENSITIVE, "Counter-Terrorism"), "0-17:0",
           "hyphen variants are one");
}

static void test_urls(void)
{
    size_t *spans = NULL, n = 0;
    const char *t = "see http://www.un.org/csto/, www.csto.int or csto@un.org; CSTO.";
    is_str(FIND1("CSTO", GLOSSA_MATCHER_INSENSITIVE, t), "58-62:0",
           "nothing inside URLs and e-mail addresses");
    ok(!glossa_matcher_excluded_spans(t, strlen(t), &spans, &n), "excluded spans");
    is_int(n, 6, "three spans");
    if (n == 6) {
        is_int(spans[0], 4, "URL start");
        is_int(spans[1], 27, "URL end drops the trailing punctuation");
        is_int(spans[2], 29, "www start");
        is_int(spans[5], 56, "e-mail end");
    }
    free(spans);
    is_str(FIND1("UN", GLOSSA_MATCHER_EXACT, "UN@ noon, UN @ x"), "0-2:0 10-12:0",
           "an @ without an address excludes nothing");
}

static void test_longest(void)
{
    const char *forms[] = {"United Nations", "United Nations Global Counter-Terrorism Strategy",
                           "Nations"};
    const char *t = "the United Nations Global Counter-Terrorism Strategy and the United Nations";
    is_str(find(forms, NULL, 3, t, 0), "4-52:1 4-18:0 11-18:2 61-75:0 68-75:2",
           "all occurrences, nested ones included");
    is_str(find(forms, NULL, 3, t, GLOSSA_MATCHER_LONGEST), "4-52:1 61-75:0",
           "longest drops nested occurrences");
    const char *same[] = {"Council", "council"};
    is_str(find(same, NULL, 2, "a Council", GLOSSA_MATCHER_LONGEST), "2-9:0 2-9:1",
           "occurrences of one span are all kept");
}

static void test_offsets(void)
{
    const char *form = "Организация Договора о коллективной безопасности";
    const char *t = "Совет и Организация Договора о  коллективной безопасности.";
    char want[64];
    size_t start = strlen("Совет и "), end = strlen(t) - 1;
    snprintf(want, sizeof(want), "%zu-%zu:0", start, end);
    is_str(FIND1(form, GLOSSA_MATCHER_INSENSITIVE, t), want, "byte offsets in Cyrillic text");
    is_str(FIND1("sécurité", GLOSSA_MATCHER_INSENSITIVE,
                 "se\xcc\x81"
                 "curite\xcc\x81 sécurité"),
           "13-23:0", "NFC forms match NFC text");
}

/* Naive search over ASCII text: every occurrence, folded, at word boundaries. */
static size_t naive(const char *const *forms, size_t nforms, const char *t, char *buf)
{
    size_t count = 0, len = strlen(t);
    buf[0] = 0;
    for (size_t s = 0; s < len; s++)
        for (size_t e = len; e > s; e--)
            for (size_t f = 0; f < nforms; f++) {
                size_t fl = strlen(forms[f]);
                if (fl != e - s || strncasecmp(forms[f], t + s, fl))
                    continue;
                if (s > 0 && t[s - 1] != ' ')
                    continue;
                if (e < len && t[e] != ' ')
                    continue;
                sprintf(buf + strlen(buf), "%s%zu-%zu:%zu", count ? " " : "", s, e, f);
                count++;
            }
    return count;
}

static void test_random(void)
{
    int bad = 0;
    srand(42);
    for (int round = 0; round < 200 && !bad; round++) {
        char forms_buf[40][8];
        const char *forms[40];
        char text[400], want[8192];
        size_t nforms = 1 + (size_t)(rand() % 40), tl = 0;
        for (size_t i = 0; i < nforms; i++) {
            size_t l = 1 + (size_t)(rand() % 5);
            for (size_t k = 0; k < l; k++)
                forms_buf[i][k] =
                    k && forms_buf[i][k - 1] != ' ' && rand() % 4 == 0 ? ' ' : "abAB"[rand() % 4];
            if (forms_buf[i][l - 1] == ' ')
                forms_buf[i][l - 1] = 'b';
            forms_buf[i][l] = 0;
            forms[i] = forms_buf[i];
            for (size_t j = 0; j < i; j++)
                if (!strcasecmp(forms[j], forms[i]))
                    forms_buf[i][0] = 'a', forms_buf[i][1] = 0;
        }
        while (tl < 300) {
            text[tl++] = "abAB  "[rand() % 6];
            if (tl > 1 && text[tl - 1] == ' ' && text[tl - 2] == ' ')
                tl--;
        }
        text[tl] = 0;
        naive(forms, nforms, text, want);
        {
            /* the matcher's order: start, longer first, payload */
            const char *got = find(forms, NULL, nforms, text, 0);
            if (strcmp(got, want)) {
                bad = 1;
                printf("# round %d text '%s'\n# got  %s\n# want %s\n", round, text, got, want);
            }
        }
    }
    ok(!bad, "random forms and texts: the automaton agrees with a naive search");
}

static void test_many(void)
{
    struct glossa_matcher *m = glossa_matcher_new();
    struct glossa_match *out = NULL;
    size_t n = 0;
    char w[32];
    for (size_t i = 0; i < 20000; i++) {
        snprintf(w, sizeof(w), "term%zu x", i);
        glossa_matcher_add(m, w, strlen(w), GLOSSA_MATCHER_INSENSITIVE, i, NULL);
    }
    ok(!glossa_matcher_build(m, NULL), "20000 forms build");
    is_int(glossa_matcher_count(m), 20000, "count");
    ok(!glossa_matcher_run(m, "a TERM19999 X and term7 x or term7x", 35, 0, &out, &n, NULL), "run");
    is_int(n, 2, "two occurrences");
    if (n == 2) {
        is_int(out[0].payload, 19999, "first payload");
        is_int(out[1].payload, 7, "second payload");
    }
    free(out);
    ok(glossa_matcher_add(m, "late", 4, GLOSSA_MATCHER_INSENSITIVE, 0, NULL) == GLOSSA_EINVAL,
       "no add after build");
    glossa_matcher_free(m);
    m = glossa_matcher_new();
    ok(glossa_matcher_add(m, "  ", 2, GLOSSA_MATCHER_INSENSITIVE, 0, NULL) == GLOSSA_EINVAL,
       "an empty form is refused");
    ok(glossa_matcher_add(m, "\xff", 1, GLOSSA_MATCHER_INSENSITIVE, 0, NULL) == GLOSSA_EENCODING,
       "invalid UTF-8 is refused");
    ok(!glossa_matcher_build(m, NULL), "an empty matcher builds");
    ok(!glossa_matcher_run(m, "text", 4, 0, &out, &n, NULL) && n == 0, "and finds nothing");
    free(out);
    glossa_matcher_free(m);
}

static int stem_contains(const char *lang, const char *hay, const char *needle)
{
    struct glossa_stemmer *st = glossa_stemmer_new(lang);
    size_t hl, nl;
    char *h, *k;
    int r;
    if (!st)
        return -1;
    h = glossa_stemmer_key(st, hay, strlen(hay), &hl);
    k = glossa_stemmer_key(st, needle, strlen(needle), &nl);
    r = glossa_stem_key_contains(h, hl, k, nl);
    free(h);
    free(k);
    glossa_stemmer_free(st);
    return r;
}

static void test_stemming(void)
{
    is_int(stem_contains("ru",
                         "Совместная деятельность Организации Договора о коллективной "
                         "безопасности и ШОС",
                         "Организация Договора о коллективной безопасности"),
           1, "ru: the genitive satisfies the nominative");
    is_int(stem_contains("fr", "les représentants permanents", "Représentant permanent"), 1,
           "fr: plurals");
    is_int(stem_contains("es", "los Representantes Permanentes", "Representante Permanente"), 1,
           "es: plurals");
    is_int(stem_contains("ru", "ОДКБ", "ОДК"), 0, "acronyms are not stemmed");
    is_int(stem_contains("fr", "le Conseil de sécurité", "Conseil économique"), 0,
           "other words do not match");
    is_int(stem_contains("fr", "Conseil de sécurités", "sécurité"), 1, "at word boundaries");
    is_int(stem_contains("fr", "insécurité", "sécurité"), 0, "not inside a word");
    ok(glossa_stemmer_new("zh") == NULL, "no stemmer for zh");
}

int main(void)
{
    test_case_modes();
    test_boundaries();
    test_typography();
    test_urls();
    test_longest();
    test_offsets();
    test_random();
    test_many();
    test_stemming();
    return done_testing();
}

/* lemma: nominative forms of Russian names through Hunspell.
 *
 * Owns one Hunspell handle (ru_RU, UTF-8 dictionary). A name is put in the
 * nominative by its leading part only: the adjectives before the first noun
 * and that noun (the head); what follows the head is a complement and keeps its
 * case (Организации Объединенных Наций -> Организация Объединенных Наций).
 * Adjectives take the gender of the head, read from the ending of its lemma.
 *
 * Traps: the Debian dictionary has no morphological fields except the affix
 * flag (fl:A marks adjectives), so number cannot be read: a leading adjective
 * in a plural ending (-ых, -ые, -ими) makes the whole term stay as found rather
 * than be singularised. A compound the dictionary does not know is read
 * through its longest known tail (контр|террористической). Other unknown words
 * stop the rewrite (the form found is kept). Capitals of the original are kept (Hunspell's
 * stems are lower case). Hunspell builds and frees a process-wide UTF-8 table
 * when handles are created and destroyed, without a lock: two corpus workers
 * doing it at once leaked it (ASan, align -j 2), so both go under one mutex. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell/hunspell.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "glossa/error.h"
#include "lemma.h"

struct glossa_lemma {
    Hunhandle *h;
};

static pthread_mutex_t hunspell_lock = PTHREAD_MUTEX_INITIALIZER;

struct glossa_lemma *glossa_lemma_new(const char *lang)
{
    const char *dirs[2] = {getenv("GLOSSA_HUNSPELL_DIR"), "/usr/share/hunspell"};
    struct glossa_lemma *l;
    if (!lang || strcmp(lang, "ru"))
        return NULL;
    for (size_t i = 0; i < 2; i++) {
        struct strbuf aff = STRBUF_INIT, dic = STRBUF_INIT;
        FILE *f;
        if (!dirs[i] || !*dirs[i])
            continue;
        strbuf_addf(&aff, "%s/ru_RU.aff", dirs[i]);
        strbuf_addf(&dic, "%s/ru_RU.dic", dirs[i]);
        f = fopen(dic.buf, "r");
        if (f) {
            fclose(f);
            l = calloc(1, sizeof *l);
            if (l) {
                pthread_mutex_lock(&hunspell_lock);
                l->h = Hunspell_create(aff.buf, dic.buf);
                pthread_mutex_unlock(&hunspell_lock);
            }
            strbuf_release(&aff);
            strbuf_release(&dic);
            if (l && !l->h) {
                free(l);
                l = NULL;
            }
            return l;
        }
        strbuf_release(&aff);
        strbuf_release(&dic);
    }
    return NULL;
}

void glossa_lemma_free(struct glossa_lemma *l)
{
    if (!l)
        return;
    pthread_mutex_lock(&hunspell_lock);
    Hunspell_destroy(l->h);
    pthread_mutex_unlock(&hunspell_lock);
    free(l);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !memcmp(s + n - k, suffix, k);
}

enum gender { MASCULINE, FEMININE, NEUTER };

static enum gender gender_of(const char *noun)
{
    if (ends_with(noun, "а") || ends_with(noun, "я") || ends_with(noun, "сть"))
        return FEMININE;
    if (ends_with(noun, "о") || ends_with(noun, "е") || ends_with(noun, "ё"))
        return NEUTER;
    return MASCULINE;
}

static int plural_adjective(const char *w)
{
    static const char *const endings[] = {"ых", "их", "ыми", "ими", "ые", "ие", NULL};
    for (size_t i = 0; endings[i]; i++)
        if (ends_with(w, endings[i]))
            return 1;
    return 0;
}

/* The adjective lemma (masculine, -ый/-ий/-ой) in gender g, into out. */
static int agree(const char *masc, enum gender g, struct strbuf *out)
{
    size_t n = strlen(masc);
    const char *stem_end = masc + n - strlen("ый"); /* the Cyrillic endings are 4 bytes */
    char before[8] = "";
    const char *ending;
    int hard;
    if (g == MASCULINE || n < 4 ||
        !(ends_with(masc, "ый") || ends_with(masc, "ий") || ends_with(masc, "ой")))
        return strbuf_addstr(out, masc);
    if (stem_end - masc >= 2)
        memcpy(before, stem_end - 2, 2);
    hard = !ends_with(masc, "ий") || !strcmp(before, "г") || !strcmp(before, "к") ||
           !strcmp(before, "х");
    if (g == FEMININE)
        ending = hard || !strcmp(before, "ж") || !strcmp(before, "ш") || !strcmp(before, "щ") ||
                         !strcmp(before, "ч")
                     ? "ая"
                     : "яя";
    else
        ending = hard ? "ое" : "ее";
    if (strbuf_add(out, masc, (size_t)(stem_end - masc)))
        return GLOSSA_ENOMEM;
    return strbuf_addstr(out, ending);
}

/* Appends lemma with the capitalisation of the word it replaces. */
static int add_cased(struct strbuf *out, const char *word, const char *lemma)
{
    int32_t i = 0, n = (int32_t)strlen(word), k = 0, m = (int32_t)strlen(lemma);
    UChar32 first, lfirst;
    char buf[4];
    int32_t len = 0;
    U8_NEXT(word, i, n, first);
    if (first < 0 || !u_isupper(first))
        return strbuf_addstr(out, lemma);
    U8_NEXT(lemma, k, m, lfirst);
    if (lfirst < 0)
        return strbuf_addstr(out, lemma);
    {
        UBool err = 0;
        U8_APPEND(buf, len, (int32_t)sizeof buf, u_toupper(lfirst), err);
        if (err)
            return strbuf_addstr(out, lemma);
    }
    if (strbuf_add(out, buf, (size_t)len))
        return GLOSSA_ENOMEM;
    return strbuf_addstr(out, lemma + k);
}

/* The stem of a word the dictionary knows, the first given (NULL if none). */
static char *known_stem(Hunhandle *h, const char *word, int *adjective)
{
    char **list = NULL, *best = NULL;
    int n = Hunspell_stem(h, &list, word);
    *adjective = 0;
    if (n > 0)
        best = strdup(list[0]);
    Hunspell_free_list(h, &list, n);
    if (best) {
        char **morph = NULL;
        int k = Hunspell_analyze(h, &morph, word);
        for (int i = 0; i < k; i++)
            if (strstr(morph[i], "fl:A") && strstr(morph[i], best))
                *adjective = 1;
        Hunspell_free_list(h, &morph, k);
    }
    return best;
}

/* The stem of word; for a compound the dictionary lacks (контртеррористической,
 * антитеррористическим), the stem of its longest known tail after a prefix
 * of at least two letters, with the prefix put back: the tail carries the
 * inflection. Tails are at least six letters so that a name is not read
 * through a short word hidden at its end. */
static char *stem_of(Hunhandle *h, const char *word, int *adjective)
{
    char *best = known_stem(h, word, adjective);
    int32_t i = 0, n = (int32_t)strlen(word), letters = 0, total = 0;
    UChar32 c;
    if (best)
        return best;
    for (int32_t k = 0; k < n;) {
        U8_NEXT(word, k, n, c);
        if (c < 0 || !u_isalpha(c))
            return NULL; /* hyphens, digits: not a compound of this kind */
        total++;
    }
    while (i < n) {
        U8_NEXT(word, i, n, c);
        letters++;
        if (letters < 2)
            continue;
        if (total - letters < 6)
            break;
        best = known_stem(h, word + i, adjective);
        if (best) {
            struct strbuf sb = STRBUF_INIT;
            int rc = strbuf_add(&sb, word, (size_t)i);
            if (!rc)
                rc = strbuf_addstr(&sb, best);
            free(best);
            if (rc) {
                strbuf_release(&sb);
                return NULL;
            }
            return strbuf_detach(&sb, NULL);
        }
    }
    return NULL;
}

int glossa_lemma_term(struct glossa_lemma *l, const char *term, size_t len, struct strbuf *out)
{
    enum { MAXW = 12 };
    char *words[MAXW], *stems[MAXW];
    int adjective[MAXW];
    size_t nw = 0, head = 0, start = out->len;
    char *copy;
    int rc = 0, found_head = 0;
    if (!l || !len)
        return strbuf_add(out, term, len);
    copy = malloc(len + 1);
    if (!copy)
        return GLOSSA_ENOMEM;
    memcpy(copy, term, len);
    copy[len] = 0;
    /* the leading words, up to the head noun */
    for (char *p = copy; *p && nw < MAXW && !found_head;) {
        char *sp = strchr(p, ' ');
        if (sp)
            *sp = 0;
        words[nw] = p;
        stems[nw] = stem_of(l->h, p, &adjective[nw]);
        if (!stems[nw] || (adjective[nw] && plural_adjective(p))) {
            nw++;
            break; /* unknown word or plural: keep the form found */
        }
        if (!adjective[nw]) {
            head = nw;
            found_head = 1;
        }
        nw++;
        if (!sp)
            break;
        p = sp + 1;
    }
    if (found_head) {
        enum gender g = gender_of(stems[head]);
        size_t consumed = 0;
        for (size_t i = 0; i <= head && !rc; i++) {
            struct strbuf w = STRBUF_INIT;
            if (i)
                rc = strbuf_addch(out, ' ');
            if (!rc)
                rc = i < head ? agree(stems[i], g, &w) : strbuf_addstr(&w, stems[i]);
            if (!rc)
                rc = add_cased(out, words[i], w.buf);
            strbuf_release(&w);
            consumed = (size_t)(words[i] - copy) + strlen(words[i]);
        }
        if (!rc)
            rc = strbuf_add(out, term + consumed, len - consumed);
    } else {
        rc = strbuf_add(out, term, len);
    }
    if (rc) {
        strbuf_setlen(out, start);
        rc = GLOSSA_ENOMEM;
    }
    for (size_t i = 0; i < nw; i++)
        free(stems[i]);
    free(copy);
    return rc;
}

/* longform: aligning a short form's letters with the words of a long form.
 *
 * The matcher works on a window of words (struct lf_window, scratch memory
 * owned by the finder and reused, so there is no allocation per word). Each
 * letter of the short form is placed on a letter of the window, in order;
 * the cost of an alignment grows with letters taken from inside words, content
 * words skipped, commas crossed and, before a bracket, content words left
 * between the last matched word and the bracket. Function words and elided
 * articles are free to skip. The cheapest alignment wins; on a tie the nearer
 * (shorter) long form. When no alignment is cheap enough (the short form comes
 * from another language: ASEAN for "Association des nations de l'Asie du
 * Sud-Est"), a second rule takes the name before the bracket that starts with
 * a capital after a function word and shares most letters with the short
 * form, in any order. Offsets are bytes; letters are compared by their bases
 * (see shortform.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "longform.h"
#include "shortform.h"

#include "glossa/error.h"

/* ---- word sets ---------------------------------------------------------- */

/* Folds a word for the sets: lower case, apostrophes unified; accents kept. */
int lf_fold_word(const char *w, size_t n, char *buf)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += sf_utf8_next(w, i, n, &cp);
        if (sf_is_apostrophe(cp))
            cp = '\'';
        else if (cp < 0x80)
            cp = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        else
            cp = u_tolower(cp);
        if (cp < 0x80) {
            if (o + 1 > LF_SET_MAX_WORD)
                return -1;
            buf[o++] = (char)cp;
        } else if (cp < 0x800) {
            if (o + 2 > LF_SET_MAX_WORD)
                return -1;
            buf[o++] = (char)(0xC0 | (cp >> 6));
            buf[o++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            if (o + 3 > LF_SET_MAX_WORD)
                return -1;
            buf[o++] = (char)(0xE0 | (cp >> 12));
            buf[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            buf[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            if (o + 4 > LF_SET_MAX_WORD)
                return -1;
            buf[o++] = (char)(0xF0 | (cp >> 18));
            buf[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            buf[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            buf[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    return (int)o;
}

static uint64_t hash_key(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int lf_set_add(struct lf_set *set, const char *word, size_t len)
{
    char buf[LF_SET_MAX_WORD];
    int n = lf_fold_word(word, len, buf);
    size_t i;
    if (n <= 0)
        return 0;
    if ((set->n + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        char **keys = calloc(cap, sizeof(char *));
        if (!keys)
            return GLOSSA_ENOMEM;
        for (size_t k = 0; k < set->cap; k++)
            if (set->keys[k]) {
                size_t j = hash_key(set->keys[k], strlen(set->keys[k])) & (cap - 1);
                while (keys[j])
                    j = (j + 1) & (cap - 1);
                keys[j] = set->keys[k];
            }
        free(set->keys);
        set->keys = keys;
        set->cap = cap;
    }
    i = hash_key(buf, (size_t)n) & (set->cap - 1);
    while (set->keys[i]) {
        if (strlen(set->keys[i]) == (size_t)n && !memcmp(set->keys[i], buf, (size_t)n))
            return 0;
        i = (i + 1) & (set->cap - 1);
    }
    set->keys[i] = strndup(buf, (size_t)n);
    if (!set->keys[i])
        return GLOSSA_ENOMEM;
    set->n++;
    return 0;
}

int lf_set_has(const struct lf_set *set, const char *word, size_t len)
{
    char buf[LF_SET_MAX_WORD];
    int n;
    size_t i;
    if (!set || !set->n || len >= LF_SET_MAX_WORD)
        return 0;
    n = lf_fold_word(word, len, buf);
    if (n <= 0)
        return 0;
    i = hash_key(buf, (size_t)n) & (set->cap - 1);
    while (set->keys[i]) {
        if (strlen(set->keys[i]) == (size_t)n && !memcmp(set->keys[i], buf, (size_t)n))
            return 1;
        i = (i + 1) & (set->cap - 1);
    }
    return 0;
}

void lf_set_release(struct lf_set *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->keys[i]);
    free(set->keys);
    memset(set, 0, sizeof(*set));
}

/* ---- windows ------------------------------------------------------------ */

void lf_window_release(struct lf_window *w)
{
    free(w->words);
    free(w->cps);
    free(w->cp_word);
    free(w->cost);
    free(w->next);
    free(w->positions);
    memset(w, 0, sizeof(*w));
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t c = *cap ? *cap : 32;
    void *n;
    if (need <= *cap)
        return 0;
    while (c < need)
        c *= 2;
    n = realloc(*p, c * size);
    if (!n)
        return GLOSSA_ENOMEM;
    *p = n;
    *cap = c;
    return 0;
}

static int is_quote(int32_t cp)
{
    return cp == '"' || cp == 0xAB || cp == 0xBB || cp == 0x201C || cp == 0x201D || cp == 0x201E ||
           cp == 0x2039 || cp == 0x203A;
}

int lf_window_split(struct lf_window *w, const char *text, size_t from, size_t to,
                    const struct lf_lexicon *lex, size_t keep_last)
{
    unsigned pending = 0;
    int after_apostrophe = 0;
    size_t i = from;
    w->nwords = 0;
    w->ncps = 0;
    w->to = to;
    while (i < to) {
        int32_t cp;
        size_t step = sf_utf8_next(text, i, to, &cp);
        if (sf_is_alnum(cp)) {
            struct lf_word *word;
            size_t ws = i;
            unsigned upper = 0, letters = 0, digits = 0;
            int first = 1, cap = 0;
            if (grow((void **)&w->words, &w->words_cap, w->nwords + 1, sizeof(*w->words)))
                return GLOSSA_ENOMEM;
            word = &w->words[w->nwords];
            word->cp = (unsigned)w->ncps;
            while (i < to) {
                step = sf_utf8_next(text, i, to, &cp);
                if (!sf_is_alnum(cp))
                    break;
                if (u_getCombiningClass(cp) == 0 && !(cp >= 0x300 && cp < 0x370)) {
                    if (grow((void **)&w->cps, &w->cps_cap, w->ncps + 1, sizeof(*w->cps)))
                        return GLOSSA_ENOMEM;
                    w->cps[w->ncps++] = sf_letter_base(cp);
                    if (sf_is_digit(cp))
                        digits++;
                    else {
                        letters++;
                        if (sf_is_upper(cp)) {
                            upper++;
                            if (first)
                                cap = 1;
                        }
                    }
                    first = 0;
                }
                i += step;
            }
            word->start = ws;
            word->end = i;
            word->ncp = (unsigned)(w->ncps - word->cp);
            word->flags = pending;
            if ((pending & LF_HYPHEN) && w->nwords > 0 &&
                !(w->words[w->nwords - 1].flags & LF_ELISION))
                w->words[w->nwords - 1].flags &= ~LF_FUNCTION; /* Al-Qaida */
            if (cap)
                word->flags |= LF_CAPITAL;
            if (letters >= 2 && upper == letters)
                word->flags |= LF_ALLCAPS;
            if (!letters && digits)
                word->flags |= LF_DIGITS;
            if (lf_set_has(lex->function_words, text + ws, i - ws))
                word->flags |= LF_FUNCTION;
            if ((pending & LF_COMMA) && lex->articles &&
                lf_set_has(lex->articles, text + ws, i - ws))
                word->flags |= LF_ITEM;
            if (after_apostrophe && i - ws == 1 && (text[ws] == 's' || text[ws] == 'S'))
                word->flags |= LF_FUNCTION; /* possessive 's */
            /* An elided article: l' d' qu' directly followed by a letter. */
            if (i < to) {
                int32_t next;
                size_t s2 = sf_utf8_next(text, i, to, &next);
                if (sf_is_apostrophe(next) && i + s2 < to) {
                    int32_t after;
                    sf_utf8_next(text, i + s2, to, &after);
                    if (sf_is_alnum(after) && lf_set_has(lex->elisions, text + ws, i - ws)) {
                        word->flags |= LF_ELISION | LF_FUNCTION;
                        if (pending & LF_COMMA)
                            word->flags |= LF_ITEM;
                    }
                }
            }
            w->nwords++;
            pending = 0;
            after_apostrophe = 0;
            continue;
        }
        after_apostrophe = sf_is_apostrophe(cp);
        if (sf_is_hyphen(cp) && i > from && i + step < to) {
            int32_t before, after;
            sf_utf8_next(text, sf_utf8_prev(text, i), to, &before);
            sf_utf8_next(text, i + step, to, &after);
            if (sf_is_alnum(before) && sf_is_alnum(after))
                pending |= LF_HYPHEN;
        } else if (cp == ',' || cp == ';') {
            pending |= LF_COMMA;
        } else if (is_quote(cp) || (cp == '<' && i + 1 < to && text[i + 1] == '<') ||
                   (cp == '>' && i + 1 < to && text[i + 1] == '>')) {
            pending |= LF_QUOTE;
        }
        i += step;
    }
    if (keep_last && w->nwords > keep_last) {
        size_t drop = w->nwords - keep_last;
        memmove(w->words, w->words + drop, keep_last * sizeof(*w->words));
        w->nwords = keep_last;
    }
    if (grow((void **)&w->cp_word, &w->cp_word_cap, w->ncps + 1, sizeof(*w->cp_word)))
        return GLOSSA_ENOMEM;
    for (size_t k = 0; k < w->nwords; k++)
        for (unsigned c = 0; c < w->words[k].ncp; c++)
            w->cp_word[w->words[k].cp + c] = (unsigned)k;
    return 0;
}

/* ---- alignment ---------------------------------------------------------- */

#define LF_MAX_LETTERS 32
#define INF 1e9

struct align {
    const struct lf_window *w;
    const int32_t *letters;
    const unsigned char *upper;
    size_t m;
    int syllables;
    enum lf_mode mode;
    size_t base; /* cps index of the first word's first letter */
    size_t n;    /* cps in the window from base */
    /* positions (cps indexes) holding letter i: list[off[i] .. off[i + 1]) */
    unsigned off[LF_MAX_LETTERS + 1];
    double skip_sum[256 + 1], comma_sum[256 + 1], content_sum[256 + 1], item_sum[256 + 1];
};

/* Skipping a capitalised word inside a name is common (the "United Nations"
 * of OHCHR, "Организации Объединенных Наций" of УВКПЧ); skipping a lower-case
 * content word is rarer. */
static double word_skip_cost(const struct lf_word *wd)
{
    if (wd->flags & LF_FUNCTION)
        return 0;
    if (wd->flags & (LF_DIGITS | LF_CAPITAL))
        return 0.5;
    return 1.0;
}

/* Skipped content words between words kp and kq (exclusive) and commas crossed. */
static double between(const struct align *a, size_t kp, size_t kq)
{
    return a->skip_sum[kq] - a->skip_sum[kp + 1] +
           0.5 * (a->comma_sum[kq + 1] - a->comma_sum[kp + 1]) +
           (a->item_sum[kq + 1] - a->item_sum[kp + 1]);
}

static double trailing(const struct align *a, size_t k)
{
    size_t nw = a->w->nwords;
    double content = a->content_sum[nw] - a->content_sum[k + 1];
    double commas = a->comma_sum[nw] - a->comma_sum[k + 1];
    if (a->mode == LF_AFTER)
        return 0.1 * content;
    return 0.15 * content + 0.3 * commas;
}

static double letter_cost(const struct align *a, size_t i, size_t q, long p)
{
    const struct lf_window *w = a->w;
    size_t kq = w->cp_word[q];
    const struct lf_word *wd = &w->words[kq];
    size_t c = q - wd->cp;
    int digit = a->letters[i] >= '0' && a->letters[i] <= '9';
    double cost;
    if (digit)
        return 0;
    if (wd->flags & LF_FUNCTION) {
        if (c != 0)
            return INF;
        return a->upper[i] ? 0.7 : 0.1;
    }
    if (c == 0)
        return 0;
    if (a->syllables)
        return p >= 0 && (size_t)p + 1 == q && w->cp_word[p] == kq ? 0 : INF;
    cost = a->upper[i] ? 0.5 : 0.15;
    if (p < 0 || w->cp_word[p] != kq)
        cost += 0.4; /* a word entered in its middle */
    return cost;
}

static double skip_letter_cost(const struct align *a, size_t i)
{
    int32_t l = a->letters[i];
    if (l >= '0' && l <= '9')
        return 0.2;
    if (!a->upper[i] && i == a->m - 1 && l == 's')
        return 0.1;
    return INF;
}

/* f(i, p): cheapest way to place letters i.. after position p. The choice
 * made is kept in w->next (the position of letter i, or -1 when skipped) so
 * that the alignment can be walked afterwards. */
static double solve(struct align *a, struct lf_window *w, size_t i, size_t p)
{
    size_t cell = i * a->n + (p - a->base);
    double best;
    int choice = -1;
    if (i == a->m)
        return trailing(a, w->cp_word[p]);
    if (w->cost[cell] >= 0)
        return w->cost[cell];
    best = skip_letter_cost(a, i);
    if (best < INF)
        best += solve(a, w, i + 1, p);
    for (unsigned k = a->off[i]; k < a->off[i + 1]; k++) {
        size_t q = w->positions[k];
        double lc, b, v;
        size_t kp = w->cp_word[p], kq;
        if (q <= p)
            continue;
        kq = w->cp_word[q];
        lc = letter_cost(a, i, q, (long)p);
        if (lc >= INF)
            continue;
        b = kq == kp ? 0 : between(a, kp, kq);
        if (lc + b >= best)
            continue;
        v = lc + b + solve(a, w, i + 1, q);
        if (v < best) {
            best = v;
            choice = (int)q;
        }
    }
    w->cost[cell] = best;
    w->next[cell] = choice;
    return best;
}

/* The word of the last letter placed by the alignment that starts at p. */
static size_t last_matched_word(const struct align *a, const struct lf_window *w, size_t p)
{
    size_t i = 1;
    while (i < a->m) {
        int q = w->next[i * a->n + (p - a->base)];
        if (q >= 0)
            p = (size_t)q;
        i++;
    }
    return w->cp_word[p];
}

/* Letters shared with the initials of words from..to, in any order. */
static int bag_overlap(const struct lf_window *w, size_t from, const int32_t *letters,
                       const unsigned char *upper, size_t m, size_t *unmatched)
{
    unsigned char used[LF_MAX_LETTERS] = {0};
    int matched = 0;
    *unmatched = 0;
    for (size_t k = from; k < w->nwords; k++) {
        const struct lf_word *wd = &w->words[k];
        int hit = 0;
        if ((wd->flags & LF_FUNCTION) || !wd->ncp)
            continue;
        for (size_t i = 0; i < m && !hit; i++)
            if (upper[i] && !used[i] && letters[i] == w->cps[wd->cp]) {
                used[i] = 1;
                hit = 1;
            }
        matched += hit;
        if (!hit && !(wd->flags & LF_HYPHEN))
            (*unmatched)++;
    }
    return matched;
}

static size_t count_upper(const unsigned char *upper, const int32_t *letters, size_t m)
{
    size_t n = 0;
    for (size_t i = 0; i < m; i++)
        n += upper[i] && !(letters[i] >= '0' && letters[i] <= '9');
    return n;
}

/* Is word k a noun that heads names of bodies (entity-heads.txt)? Russian
 * words are compared by their stems (Структурой, Структура). */
static int is_head(const struct lf_window *w, const char *text, size_t k,
                   const struct lf_lexicon *lex)
{
    const struct lf_word *wd = &w->words[k];
    char buf[LF_SET_MAX_WORD], stem[LF_SET_MAX_WORD];
    int n;
    size_t sn;
    if (!lex->heads || !lex->heads->n)
        return 0;
    if (!lex->stem)
        return lf_set_has(lex->heads, text + wd->start, wd->end - wd->start);
    n = lf_fold_word(text + wd->start, wd->end - wd->start, buf);
    if (n <= 0)
        return 0;
    sn = lex->stem(lex->stem_ctx, buf, (size_t)n, stem);
    return sn > 0 && lf_set_has(lex->heads, stem, sn);
}

/* A capitalised word that may be part of a name: not a function word, not in
 * capitals (an acronym), not digits. */
static int name_word(const struct lf_word *wd)
{
    return (wd->flags & LF_CAPITAL) && !(wd->flags & (LF_FUNCTION | LF_ALLCAPS | LF_DIGITS));
}

/* Where a letter match starting at word j really starts, before a bracket,
 * in the languages that capitalise the first word of a name only: a
 * capitalised noun that heads names of bodies (entity-heads.txt) right before
 * a capitalised start begins the name (Структурой Организации Объединенных
 * Наций ... (ООН-Женщины)). Not across function words: usage is split
 * (Oficina del Alto Comisionado ... (ACNUR) is written with and without
 * Oficina; Conferencia Ministerial de la Organización Mundial del Comercio
 * (OMC) names the body, not the conference). English is left alone: the
 * capitalised words before a letter match are mostly outside the name
 * (the European Committee for the Prevention of Torture (CPT)). */
static size_t extend_start(const struct lf_window *w, const char *text, size_t j,
                           const struct lf_lexicon *lex, int by_name)
{
    if (j == 0 || lex->title_case || (w->words[j].flags & (LF_COMMA | LF_QUOTE | LF_HYPHEN)) ||
        !name_word(&w->words[j]))
        return j;
    if (is_head(w, text, j - 1, lex) && !(w->words[j - 1].flags & (LF_FUNCTION | LF_ALLCAPS))) {
        if (w->words[j - 1].flags & LF_CAPITAL)
            return j - 1;
        /* Russian, when the letters did not place the start (the name rule):
         * a capitalised adjective before a lower-case head (Региональному
         * отделению Организации Объединенных Наций ... (ЮНОЦА)); not after a
         * letter match (Минской группы Организации по безопасности и
         * сотрудничеству в Европе (ОБСЕ)). */
        if (by_name && lex->capital_run && j >= 2 && name_word(&w->words[j - 2]) &&
            !(w->words[j - 1].flags & (LF_COMMA | LF_QUOTE | LF_HYPHEN)))
            return j - 2;
    }
    return j;
}

/* Can a name that starts at word j run to the end of the window? Not across a
 * comma followed by a lower-case content word (a clause: Республике,
 * предоставив в состав ...). In Russian, where the name rule may start after
 * any lower-case word, not across any comma (Секретариата, Ассоциация ...)
 * nor across a coordinator followed by a capital (two names: Судану и
 * Временные силы ...); Spanish and French names do have those (Conferencia de
 * las Naciones Unidas sobre Comercio y Desarrollo). */
static int name_continues(const struct lf_window *w, const char *text, size_t j,
                          const struct lf_lexicon *lex)
{
    for (size_t k = j + 1; k < w->nwords; k++) {
        const struct lf_word *wd = &w->words[k];
        if ((wd->flags & LF_COMMA) && !(wd->flags & (LF_CAPITAL | LF_FUNCTION | LF_DIGITS)))
            return 0;
        if (!lex->capital_run)
            continue;
        if (wd->flags & LF_COMMA)
            return 0;
        if ((wd->flags & LF_CAPITAL) && !(wd->flags & LF_HYPHEN) &&
            lf_set_has(lex->coordinators, text + w->words[k - 1].start,
                       w->words[k - 1].end - w->words[k - 1].start))
            return 0;
    }
    return 1;
}

/* The "name" rule: the short form is not made from the words' letters. */
static int match_name(struct lf_window *w, const char *text, const int32_t *letters,
                      const unsigned char *upper, size_t m, enum lf_mode mode,
                      const struct lf_lexicon *lex, int sentence_start, size_t *start)
{
    size_t caps = count_upper(upper, letters, m);
    size_t need = caps < 4 ? 2 : (caps * 2 + 4) / 5;
    double best = 0;
    int found = 0;
    size_t first = 0, last = w->nwords;
    if (caps < 2 || w->nwords == 0)
        return 0;
    if (mode == LF_AFTER) {
        while (first < w->nwords && (w->words[first].flags & LF_FUNCTION))
            first++;
        last = first + 1;
        need = (caps * 3 + 4) / 5;
        if (w->nwords - first < 2 || caps < 3)
            return 0;
    }
    for (size_t j = first; j < last && j < w->nwords; j++) {
        const struct lf_word *wd = &w->words[j];
        size_t unmatched, commas = 0;
        int matched;
        double score;
        if (!(wd->flags & LF_CAPITAL) || (wd->flags & (LF_FUNCTION | LF_HYPHEN | LF_ALLCAPS)))
            continue;
        /* The name follows a function word, a comma or a quotation mark; in
         * Russian, which has no articles, also a lower-case word (рекомендовал
         * Региональному отделению ...). */
        if (mode == LF_BEFORE && j > 0 && !(w->words[j - 1].flags & LF_FUNCTION) &&
            !(wd->flags & (LF_COMMA | LF_QUOTE)) &&
            !(lex->capital_run && !(w->words[j - 1].flags & (LF_CAPITAL | LF_DIGITS))))
            continue;
        if (mode == LF_BEFORE && !name_continues(w, text, j, lex))
            continue;
        if (lex->title_case) {
            int ok = 1;
            for (size_t k = j; k < w->nwords; k++) {
                unsigned f = w->words[k].flags;
                if (!(f & (LF_FUNCTION | LF_CAPITAL | LF_DIGITS | LF_HYPHEN)))
                    ok = 0;
            }
            if (!ok)
                continue;
        }
        matched = bag_overlap(w, j, letters, upper, m, &unmatched);
        for (size_t k = j + 1; k < w->nwords; k++)
            commas += (w->words[k].flags & LF_COMMA) != 0;
        if ((size_t)matched < need)
            continue;
        score = matched - 0.4 * (double)unmatched - 0.5 * (double)commas;
        if (j == 0 && sentence_start)
            score -= 1.0; /* a capital at the start of a sentence is weak evidence */
        if (wd->ncp && w->cps[wd->cp] == letters[0])
            score += 0.5; /* the name starts with the short form's first letter */
        if (score > 0 && (!found || score > best)) {
            best = score;
            *start = j;
            found = 1;
        }
    }
    return found && best > 0;
}

/* The "capitals" rule, the last resort where the short form is a
 * transliteration (ЮНИСЕФ for "Детским фондом Организации Объединенных
 * Наций"): the leftmost capitalised word that starts a run of capitals, after
 * the last comma and the last coordinator followed by a capital. */
static int match_capitals(const struct lf_window *w, const struct lf_lexicon *lex, const char *text,
                          int sentence_start, size_t *start)
{
    size_t nw = w->nwords, k, best = nw, lower_run = 0;
    if (nw < 2)
        return 0;
    for (k = nw; k-- > 0;) {
        const struct lf_word *wd = &w->words[k];
        /* Three lower-case content words in a row are a clause, not a name
         * (Гао против решения о заключении между Многопрофильной ...). */
        if (!(wd->flags & (LF_CAPITAL | LF_FUNCTION | LF_DIGITS | LF_HYPHEN))) {
            if (best < nw && ++lower_run >= 3)
                break;
        } else if (!(wd->flags & LF_FUNCTION)) {
            lower_run = 0;
        }
        if ((wd->flags & LF_CAPITAL) && !(wd->flags & (LF_FUNCTION | LF_HYPHEN | LF_ALLCAPS)) &&
            (k == 0 || !(w->words[k - 1].flags & LF_CAPITAL)) && !(k == 0 && sentence_start))
            best = k;
        if (wd->flags & (LF_COMMA | LF_QUOTE))
            break;
        if (k > 0 && (wd->flags & LF_CAPITAL) &&
            lf_set_has(lex->coordinators, text + w->words[k - 1].start,
                       w->words[k - 1].end - w->words[k - 1].start))
            break;
    }
    if (best >= nw || best + 1 == nw)
        return 0;
    *start = best;
    return 1;
}

int lf_match(struct lf_window *w, const char *text, const int32_t *letters,
             const unsigned char *upper, size_t m, int syllables, enum lf_mode mode,
             int sentence_start, const struct lf_lexicon *lex, struct lf_result *res)
{
    struct align a;
    size_t nw = w->nwords, best_j = 0, dp_j, nlist = 0;
    double best = INF;
    int found = 0;
    if (m < 2 || m > LF_MAX_LETTERS || nw == 0 || nw > 256)
        return 0;
    memset(&a, 0, sizeof(a));
    a.w = w;
    a.letters = letters;
    a.upper = upper;
    a.m = m;
    a.syllables = syllables;
    a.mode = mode;
    a.base = w->words[0].cp;
    a.n = w->words[nw - 1].cp + w->words[nw - 1].ncp - a.base;
    if (a.n == 0)
        return 0;
    for (size_t k = 0; k < nw; k++) {
        const struct lf_word *wd = &w->words[k];
        int content = !(wd->flags & LF_FUNCTION);
        a.skip_sum[k + 1] = a.skip_sum[k] + word_skip_cost(wd);
        a.comma_sum[k + 1] = a.comma_sum[k] + ((wd->flags & LF_COMMA) ? 1 : 0);
        a.item_sum[k + 1] = a.item_sum[k] + ((wd->flags & LF_ITEM) ? 1 : 0);
        a.content_sum[k + 1] = a.content_sum[k] + (content && !(wd->flags & LF_HYPHEN) ? 1 : 0);
    }
    /* Positions of each letter, in text order. */
    if (grow((void **)&w->positions, &w->positions_cap, a.n * m + 1, sizeof(*w->positions)))
        return -1;
    for (size_t i = 0; i < m; i++) {
        a.off[i] = (unsigned)nlist;
        for (size_t q = a.base; q < a.base + a.n; q++)
            if (w->cps[q] == letters[i])
                w->positions[nlist++] = (unsigned)q;
    }
    a.off[m] = (unsigned)nlist;
    if (grow((void **)&w->cost, &w->cost_cap, (m + 1) * a.n, sizeof(*w->cost)))
        return -1;
    if (grow((void **)&w->next, &w->next_cap, (m + 1) * a.n, sizeof(*w->next)))
        return -1;
    for (size_t k = 0; k < (m + 1) * a.n; k++)
        w->cost[k] = -1;
    for (size_t j = 0; j < nw; j++) {
        const struct lf_word *wd = &w->words[j];
        double v;
        if (mode == LF_AFTER && j > 0 && !(w->words[j - 1].flags & LF_FUNCTION))
            break; /* the long form starts at the first content word */
        if (mode == LF_AFTER && j > 0) {
            int all_function = 1;
            for (size_t k = 0; k < j; k++)
                if (!(w->words[k].flags & LF_FUNCTION))
                    all_function = 0;
            if (!all_function)
                break;
        }
        if ((wd->flags & LF_FUNCTION) || !wd->ncp || w->cps[wd->cp] != letters[0])
            continue;
        if ((wd->flags & LF_HYPHEN) && !(j > 0 && (w->words[j - 1].flags & LF_DIGITS)))
            continue; /* not the middle of a compound, except after a locant (2,4,6-) */
        if (syllables) {
            size_t c = 0;
            while (c < wd->ncp && c < m && w->cps[wd->cp + c] == letters[c])
                c++;
            if (c + 1 >= m)
                continue; /* the whole short form inside one word: a name, not a definition */
        }
        if (mode == LF_BEFORE && j + 1 == nw && (wd->flags & LF_ALLCAPS))
            continue;
        v = solve(&a, w, 1, wd->cp);
        if (wd->flags & LF_HYPHEN)
            v += 0.2;
        if (v <= best) {
            best = v;
            best_j = j;
            found = 1;
        }
    }
    dp_j = best_j; /* where the alignment starts, before the extensions below */
    if (found && best <= 0.4 * (double)m + 0.4) {
        res->rule = syllables ? "syllables" : best == 0 ? "initials" : "letters";
        res->confidence = syllables   ? 0.8
                          : best == 0 ? 0.97
                                      : (0.92 - 0.12 * best > 0.55 ? 0.92 - 0.12 * best : 0.55);
    } else if (!syllables &&
               match_name(w, text, letters, upper, m, mode, lex, sentence_start, &best_j)) {
        res->rule = "name";
        res->confidence = 0.6;
    } else if (!syllables && mode == LF_BEFORE && lex->capital_run && m >= 3 &&
               count_upper(upper, letters, m) == m &&
               match_capitals(w, lex, text, sentence_start, &best_j)) {
        res->rule = "capitals";
        res->confidence = 0.5;
    } else {
        return 0;
    }
    /* French and Spanish names capitalise their first word only: a start right
     * after a capitalised noun belongs to it (Office européen de police,
     * Misión Multidimensional Integrada). */
    if (!strcmp(res->rule, "capitals"))
        goto span;
    /* Twice: Oficina de las | Naciones | Unidas ... (UNOPS). */
    for (int pass = 0; pass < 2; pass++) {
        /* For the name rule, the head may also stand before one or two function
         * words (Entité des Nations Unies, Apoyo de la Unión Africana), when it
         * follows a function word itself (not Estados Miembros de la Asociación).
         * After a letter match, only a noun that heads names of bodies
         * (entity-heads.txt) when the short form does not start with the
         * matched start (Oficina de las Naciones Unidas de Servicios para
         * Proyectos (UNOPS)); otherwise the matched start is the head (Chef de
         * la Mission d'assistance (MANUI), Alto Comisionado ... (ACNUR)). */
        size_t k, between_words = 0, most;
        int by_name = !strcmp(res->rule, "name");
        if (!(mode == LF_BEFORE && !lex->title_case && best_j > 0 &&
              !(w->words[best_j].flags & (LF_COMMA | LF_QUOTE | LF_HYPHEN))))
            break;
        k = best_j - 1;
        most = by_name || (!lex->capital_run && name_word(&w->words[best_j]) &&
                           w->cps[w->words[best_j].cp] != letters[0])
                   ? 2
                   : 0;
        while (k > 0 && between_words < most && (w->words[k].flags & LF_FUNCTION) &&
               !(w->words[k].flags & LF_ELISION) &&
               !lf_set_has(lex->coordinators, text + w->words[k].start,
                           w->words[k].end - w->words[k].start) &&
               !(w->words[k + 1].flags & (LF_COMMA | LF_QUOTE))) {
            k--;
            between_words++;
        }
        {
            const struct lf_word *head = &w->words[k];
            if ((head->flags & LF_CAPITAL) && !(head->flags & (LF_FUNCTION | LF_ALLCAPS)) &&
                !(w->words[k + 1].flags & (LF_COMMA | LF_QUOTE)) &&
                ((by_name && pass == 0) || k + 1 == best_j || is_head(w, text, k, lex))) {
                if (k == 0 || (w->words[k - 1].flags & LF_FUNCTION) ||
                    (head->flags & (LF_COMMA | LF_QUOTE)))
                    best_j = k;
                /* The name rule, a head with its capitalised adjective (Programa
                 * Conjunto de las Naciones Unidas ... (ONUSIDA)); the head must be
                 * one (not Estados Miembros de la Asociación ...). */
                else if (by_name && name_word(&w->words[k - 1]) && is_head(w, text, k - 1, lex) &&
                         !(head->flags & (LF_COMMA | LF_QUOTE | LF_HYPHEN)) &&
                         (k == 1 || (w->words[k - 2].flags & LF_FUNCTION) ||
                          (w->words[k - 1].flags & (LF_COMMA | LF_QUOTE))))
                    best_j = k - 1;
                else
                    break;
            } else {
                break;
            }
        }
    }
    if (mode == LF_BEFORE && (!strcmp(res->rule, "initials") || !strcmp(res->rule, "letters") ||
                              (lex->capital_run && !strcmp(res->rule, "name"))))
        best_j = extend_start(w, text, best_j, lex, !strcmp(res->rule, "name"));
span:
    res->start = w->words[best_j].start;
    res->end = w->words[nw - 1].end;
    /* A long form that starts inside a compound takes the whole compound
     * (2,4,6-trinitrobenzene sulfonic acid, Delta-9-Tetrahydrocannabinol). */
    while ((w->words[best_j].flags & LF_HYPHEN) && res->start > w->words[0].start &&
           text[res->start - 1] != ' ') {
        size_t s = sf_utf8_prev(text, res->start);
        int32_t cp;
        sf_utf8_next(text, s, res->end, &cp);
        if (cp == '(' || cp == '[' || cp == '"' || cp == 0xAB || cp == 0x201C)
            break;
        res->start = s;
    }
    /* After the short form, the long form ends with its last matched word when
     * more than two content words follow (CT (computed tomography with ...)),
     * and never with a function word (PNAD = planes nacionales de adaptación,
     * y AND = ...). */
    if (mode == LF_AFTER && strcmp(res->rule, "name") && strcmp(res->rule, "capitals")) {
        size_t last = last_matched_word(&a, w, w->words[dp_j].cp), k = nw - 1;
        if (a.content_sum[nw] - a.content_sum[last + 1] > 2)
            k = last;
        while (k > last && (w->words[k].flags & LF_FUNCTION))
            k--;
        res->end = w->words[k].end;
    }
    /* Acronyms after the name are not part of it (International Trade Centre
     * UNCTAD/WTO (ITC)). */
    if (mode == LF_BEFORE && strcmp(res->rule, "name") && strcmp(res->rule, "capitals")) {
        size_t last = last_matched_word(&a, w, w->words[dp_j].cp), k = nw - 1;
        while (k > last && (w->words[k].flags & LF_ALLCAPS))
            k--;
        /* A short form made of capitalised syllables ends with its last one
         * (Programme and Financial Information Management System (ProFi));
         * Europol (European Police Office) is one word, named whole. */
        if (a.syllables && count_upper(upper, letters, m) >= 2 && k > last)
            k = last;
        /* nor the function words before them (Executive Committee of the
         * UNECE (EXCOM)) */
        if (k < nw - 1)
            while (k > last && (w->words[k].flags & LF_FUNCTION))
                k--;
        if (k < nw - 1 && k >= best_j)
            res->end = w->words[k].end;
    }
    /* S.A., Inc.: a final dot after a one-letter word belongs to the name. */
    if (res->end < w->to && text[res->end] == '.' && w->words[nw - 1].ncp == 1 &&
        (w->words[nw - 1].flags & LF_CAPITAL) && res->end == w->words[nw - 1].end)
        res->end++;
    return 1;
}

/* acronym: the finder of short forms, their definitions and their uses.
 *
 * One PCRE2 pattern (compiled and JIT-compiled once per finder) finds the
 * tokens that hold a capital; each is classified by its shape (shortform.c)
 * and by what surrounds it: an opening bracket before it (`long form (SF)`,
 * also `(hereinafter "SF")`, `(далее SF)` and `(SF, créée en 2002)`), a
 * bracket after it (`SF (long form)`), or a glossary line (`SF = long form`,
 * `SF: long form`, `SF – long form`). The long form is then looked for by
 * longform.c among the words of the clause. Every other acronym-like token is
 * a use.
 *
 * Invariants: offsets are bytes into the span given; results are sorted by
 * sf_start; the span is validated as UTF-8 once (by the first match) and never
 * copied. Nothing is allocated per token: the word window and the result array
 * are reused or grown geometrically. Traps: a sentence is never dropped for an
 * unbalanced bracket (the window simply stops at it); the elided article and
 * the leading article are not part of a long form. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <libstemmer.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "cognate.h"
#include "glossa/acronym.h"
#include "longform.h"
#include "shortform.h"
#include "strbuf.h"

struct glossa_acronym_finder {
    const struct glossa_lang *lang;
    pcre2_code *re;
    pcre2_match_data *md;
    struct lf_set function_words, elisions, intro_words, units, not_acronyms, coordinators;
    struct lf_set articles, heads;
    struct lf_set not_acronyms_caps; /* the entries written in capitals only (MM) */
    struct lf_set abbreviations;     /* Inc. Ltd. (with their dot) */
    struct sb_stemmer *stemmer;      /* Russian: heads are compared by stems */
    struct lf_lexicon lex;
    struct lf_window window;
    /* Definitions in other versions of the span (glossa_acronym_finder_set_hints). */
    const struct glossa_acronym_hint *hints;
    size_t nhints;
    struct lf_set hint_function_words; /* of en, fr, es, ru: the hints' languages */
    struct glossa_cognate *cognate;    /* compares short forms across scripts */
};

/* Where a short form may be: two capitals (or a capital and a digit, or
 * capitals with dots: M.P.D.) in a row, a digit before a capital (5HT), or an
 * opening bracket (Europol, mAbs and `(далее ОДКБ)` are looked at from
 * there). The pattern works on bytes, not code points: the capitals of the
 * scripts that matter (Latin, Latin-1, Latin Extended-A, Greek, Cyrillic) are
 * spelled as their UTF-8 byte sequences, so that the JIT's first-byte filter
 * skips lower-case Cyrillic and other scripts without decoding them. The C
 * code decides what the token really is. */
#define CAPITAL                                                                                    \
    "(?:[A-Z]|\\xD0[\\x80-\\xAF]|\\xC3[\\x80-\\x9E]|\\xCE[\\x91-\\xA9]|[\\xC4\\xC5][\\x80-\\xBF])"
static const char token_pattern[] = CAPITAL "(?:[0-9]|\\.[A-Z]|[a-z]{1,2}[A-Z]|" CAPITAL
                                            ")|[0-9]" CAPITAL "|[(\\[]|\\xEF\\xBC[\\x88\\xBB]";

/* The Snowball stem of a lower-cased word (lf_lexicon.stem). */
static size_t stem_word(void *ctx, const char *word, size_t len, char *buf)
{
    struct sb_stemmer *stemmer = ctx;
    const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *)word, (int)len);
    size_t n;
    if (!st)
        return 0;
    n = (size_t)sb_stemmer_length(stemmer);
    if (n == 0 || n >= LF_SET_MAX_WORD)
        return 0;
    memcpy(buf, st, n);
    return n;
}

/* Adds the stems of a list's entries (lower-cased) to set. */
static int load_stems(struct lf_set *set, struct sb_stemmer *stemmer,
                      const struct glossa_lang *lang, const char *list)
{
    size_t n;
    const char *const *entries = glossa_lang_list(lang, list, &n);
    for (size_t i = 0; i < n; i++) {
        char folded[LF_SET_MAX_WORD], stem[LF_SET_MAX_WORD];
        int fn = lf_fold_word(entries[i], strlen(entries[i]), folded);
        size_t sn;
        if (fn <= 0)
            continue;
        sn = stem_word(stemmer, folded, (size_t)fn, stem);
        if (sn && lf_set_add(set, stem, sn))
            return GLOSSA_ENOMEM;
    }
    return 0;
}

static int load_set(struct lf_set *set, const struct glossa_lang *lang, const char *list,
                    int split_words, int strip_apostrophe)
{
    size_t n;
    const char *const *entries = glossa_lang_list(lang, list, &n);
    for (size_t i = 0; i < n; i++) {
        const char *e = entries[i];
        size_t len = strlen(e);
        if (strip_apostrophe) {
            /* l' -> l, qu’ -> qu */
            while (len > 0 && ((unsigned char)e[len - 1] >= 0x80 || e[len - 1] == '\'')) {
                size_t start = sf_utf8_prev(e, len);
                int32_t cp;
                sf_utf8_next(e, start, len, &cp);
                if (!sf_is_apostrophe(cp))
                    break;
                len = start;
            }
        }
        if (split_words) {
            for (size_t a = 0; a < len;) {
                size_t b = a;
                while (b < len && e[b] != ' ')
                    b++;
                if (b > a && lf_set_add(set, e + a, b - a))
                    return GLOSSA_ENOMEM;
                a = b + 1;
            }
        } else if (len && lf_set_add(set, e, len)) {
            return GLOSSA_ENOMEM;
        }
    }
    return 0;
}

/* Adds the entries of a list that hold no lower-case letter to set. */
static int load_caps(struct lf_set *set, const struct glossa_lang *lang, const char *list)
{
    size_t n;
    const char *const *entries = glossa_lang_list(lang, list, &n);
    for (size_t i = 0; i < n; i++) {
        const char *e = entries[i];
        size_t len = strlen(e), k = 0;
        int lower = 0;
        while (k < len) {
            int32_t cp;
            k += sf_utf8_next(e, k, len, &cp);
            lower |= sf_is_lower(cp);
        }
        if (!lower && len && lf_set_add(set, e, len))
            return GLOSSA_ENOMEM;
    }
    return 0;
}

struct glossa_acronym_finder *glossa_acronym_finder_new(const struct glossa_lang *lang,
                                                        struct glossa_error *err)
{
    struct glossa_acronym_finder *f = calloc(1, sizeof(*f));
    int errcode;
    PCRE2_SIZE erroffset;
    if (!f) {
        glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    f->lang = lang;
    f->re = pcre2_compile((PCRE2_SPTR)token_pattern, PCRE2_ZERO_TERMINATED, 0, &errcode, &erroffset,
                          NULL);
    if (!f->re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof(msg));
        glossa_error_set(err, GLOSSA_EPATTERN, NULL, 0, 0, "acronym pattern: %s", (char *)msg);
        glossa_acronym_finder_free(f);
        return NULL;
    }
    pcre2_jit_compile(f->re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    f->md = pcre2_match_data_create_from_pattern(f->re, NULL);
    /* Names of bodies are often quoted in another language (Asociación de las
     * Televisiones Educativas in English text): the function words of the
     * Latin-script languages are skippable in every language. */
    {
        static const char *const latin[] = {"en", "fr", "es"};
        for (size_t k = 0; k < 3; k++) {
            const struct glossa_lang *other;
            if (!strcmp(latin[k], glossa_lang_code(lang)) ||
                glossa_lang_get(latin[k], &other, NULL))
                continue;
            if (load_set(&f->function_words, other, "function-words", 0, 0)) {
                glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
                glossa_acronym_finder_free(f);
                return NULL;
            }
        }
    }
    if (!f->md || load_set(&f->function_words, lang, "function-words", 0, 0) ||
        load_set(&f->elisions, lang, "elisions", 0, 1) ||
        load_set(&f->intro_words, lang, "acronym-intro", 1, 0) ||
        load_set(&f->units, lang, "units", 0, 0) ||
        load_set(&f->not_acronyms, lang, "not-acronyms", 0, 0) ||
        load_caps(&f->not_acronyms_caps, lang, "not-acronyms") ||
        load_set(&f->abbreviations, lang, "abbreviations", 0, 0) ||
        load_set(&f->coordinators, lang, "coordinators", 0, 0) ||
        load_set(&f->articles, lang, "articles", 0, 1)) {
        glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
        glossa_acronym_finder_free(f);
        return NULL;
    }
    f->lex.function_words = &f->function_words;
    f->lex.elisions = &f->elisions;
    f->lex.coordinators = &f->coordinators;
    f->lex.articles = &f->articles;
    f->lex.heads = &f->heads;
    if (!strcmp(glossa_lang_code(lang), "ru")) {
        f->stemmer = sb_stemmer_new("russian", "UTF_8");
        if (!f->stemmer || load_stems(&f->heads, f->stemmer, lang, "entity-heads")) {
            glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
            glossa_acronym_finder_free(f);
            return NULL;
        }
        f->lex.stem = stem_word;
        f->lex.stem_ctx = f->stemmer;
    } else if (load_set(&f->heads, lang, "entity-heads", 0, 0)) {
        glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
        glossa_acronym_finder_free(f);
        return NULL;
    }
    f->lex.title_case = !strcmp(glossa_lang_code(lang), "en");
    /* Russian short forms are often transliterations (ЮНИСЕФ, МИНУСМА). */
    f->lex.capital_run = !strcmp(glossa_lang_code(lang), "ru");
    return f;
}

void glossa_acronym_finder_free(struct glossa_acronym_finder *f)
{
    if (!f)
        return;
    pcre2_match_data_free(f->md);
    pcre2_code_free(f->re);
    lf_set_release(&f->function_words);
    lf_set_release(&f->elisions);
    lf_set_release(&f->intro_words);
    lf_set_release(&f->units);
    lf_set_release(&f->not_acronyms);
    lf_set_release(&f->not_acronyms_caps);
    lf_set_release(&f->abbreviations);
    lf_set_release(&f->coordinators);
    lf_set_release(&f->articles);
    lf_set_release(&f->heads);
    lf_set_release(&f->hint_function_words);
    glossa_cognate_free(f->cognate);
    if (f->stemmer)
        sb_stemmer_delete(f->stemmer);
    lf_window_release(&f->window);
    free(f);
}

/* ---- characters around a token ----------------------------------------- */

static int32_t cp_at(const char *text, size_t len, size_t i)
{
    int32_t cp;
    if (i >= len)
        return 0;
    sf_utf8_next(text, i, len, &cp);
    return cp;
}

static int32_t cp_before(const char *text, size_t i, size_t *start)
{
    int32_t cp;
    size_t s;
    if (i == 0)
        return 0;
    s = sf_utf8_prev(text, i);
    sf_utf8_next(text, s, i, &cp);
    if (start)
        *start = s;
    return cp;
}

static int is_open_bracket(int32_t cp)
{
    return cp == '(' || cp == '[' || cp == 0xFF08 || cp == 0xFF3B;
}

static int is_close_bracket(int32_t cp)
{
    return cp == ')' || cp == ']' || cp == 0xFF09 || cp == 0xFF3D;
}

static int is_space(int32_t cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == '\t';
}

static int is_quote_cp(int32_t cp)
{
    return cp == '"' || cp == 0xAB || cp == 0xBB || cp == 0x201C || cp == 0x201D || cp == 0x201E ||
           cp == 0x2018 || cp == 0x2019 || cp == '\'';
}

/* Skips spaces and quotation marks (also << >>) backwards from i. */
static size_t skip_back_spaces_quotes(const char *text, size_t i, size_t floor)
{
    while (i > floor) {
        size_t s;
        int32_t cp = cp_before(text, i, &s);
        if (is_space(cp) || is_quote_cp(cp))
            i = s;
        else if ((cp == '<' || cp == '>') && s > floor && text[s - 1] == text[s])
            i = s - 1;
        else
            break;
    }
    return i;
}

static size_t skip_spaces_quotes(const char *text, size_t len, size_t i)
{
    while (i < len) {
        int32_t cp;
        size_t step = sf_utf8_next(text, i, len, &cp);
        if (is_space(cp) || is_quote_cp(cp))
            i += step;
        else if ((cp == '<' || cp == '>') && i + 1 < len && text[i + 1] == text[i])
            i += 2;
        else
            break;
    }
    return i;
}

/* Is text[i] (a '.') the end of a sentence? Not after one capital (S.A., M.). */
static int sentence_dot(const char *text, size_t len, size_t i)
{
    size_t b = i;
    int32_t next = cp_at(text, len, i + 1);
    if (!(next == 0 || is_space(next)))
        return 0;
    while (b > 0) {
        size_t s;
        int32_t cp = cp_before(text, b, &s);
        if (!sf_is_alnum(cp))
            break;
        b = s;
    }
    if (i - b <= 1)
        return 0;
    return 1;
}

/* The start of the clause that ends at `end`: after the nearest bracket,
 * semicolon, colon, sentence end, line break or opening quotation mark. */
static size_t clause_start(const char *text, size_t len, size_t end, size_t floor)
{
    size_t i = end;
    size_t limit = end > floor + 600 ? end - 600 : floor;
    while (i > limit) {
        size_t s;
        int32_t cp = cp_before(text, i, &s);
        if (is_open_bracket(cp) || is_close_bracket(cp) || cp == ';' || cp == ':' || cp == '!' ||
            cp == '?' || cp == '\n' || cp == '\r' || cp == '\t' || cp == '=' || cp == '"' ||
            cp == 0xAB || cp == 0x201C || cp == 0x201E)
            return i;
        /* Opening quotation marks end the clause; closing ones may sit inside
         * a long form (<<Аль-Каида>> на Аравийском полуострове). */
        if (cp == '<' && s > floor && text[s - 1] == '<')
            return i;
        if (cp == '.' && sentence_dot(text, len, s))
            return i;
        i = s;
    }
    /* Cut in the middle of a long run: start at a word boundary. */
    while (i < end && sf_is_alnum(cp_at(text, len, i)) && i > limit && i > floor)
        i++;
    return i;
}

/* ---- results ------------------------------------------------------------ */

struct results {
    struct glossa_acronym *v;
    size_t n, cap;
};

static int push(struct results *r, size_t sf_start, size_t sf_end, size_t lf_start, size_t lf_end,
                double confidence, const char *rule)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        struct glossa_acronym *v = realloc(r->v, cap * sizeof(*v));
        if (!v)
            return GLOSSA_ENOMEM;
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n].sf_start = sf_start;
    r->v[r->n].sf_end = sf_end;
    r->v[r->n].lf_start = lf_start;
    r->v[r->n].lf_end = lf_end;
    r->v[r->n].confidence = confidence;
    r->v[r->n].rule = rule;
    r->n++;
    return 0;
}

/* ---- layouts ------------------------------------------------------------ */

#define MAX_SF_LETTERS 32

struct token {
    size_t start, end;
    struct sf_shape shape;
};

/* Is the token inside a bracket as a short form? Fills *open (the bracket),
 * *sf_end (the token, or the whole bracket content for `BCRC Egypt`), *intro. */
static int in_bracket(struct glossa_acronym_finder *f, const char *text, size_t len,
                      const struct token *t, size_t floor, size_t *open, size_t *sf_end, int *intro)
{
    size_t i = t->start, s, after;
    int32_t cp;
    *intro = 0;
    /* Backwards over quotes, dashes and introducing words (hereinafter, далее). */
    for (int words = 0; words < 6;) {
        i = skip_back_spaces_quotes(text, i, floor);
        cp = cp_before(text, i, &s);
        if (cp == 0 || i <= floor)
            return 0;
        if (is_open_bracket(cp)) {
            *open = s;
            break;
        }
        if (cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == ':' || cp == ',') {
            i = s;
            continue;
        }
        if (sf_is_alnum(cp)) {
            size_t b = i;
            while (b > floor) {
                size_t s2;
                int32_t c2 = cp_before(text, b, &s2);
                if (!(sf_is_alnum(c2) || sf_is_hyphen(c2)))
                    break;
                b = s2;
            }
            if (!lf_set_has(&f->intro_words, text + b, i - b))
                return 0;
            *intro = 1;
            i = b;
            words++;
            continue;
        }
        return 0;
    }
    if (!is_open_bracket(cp_at(text, len, *open)))
        return 0;
    /* Forwards: a closing bracket, or a comma or semicolon (`(OTSC, créée en 2002)`). */
    after = skip_spaces_quotes(text, len, t->end);
    cp = cp_at(text, len, after);
    *sf_end = t->end;
    if (is_close_bracket(cp) || cp == ',' || cp == ';')
        return 1;
    /* A possessive or plural 's, a dot or pluses before the bracket:
     * (MOU's), (NGO'S), (CEPs.), (VSD+). */
    {
        size_t a = t->end;
        int32_t c2;
        cp = cp_at(text, len, a);
        if (sf_is_apostrophe(cp)) {
            a += (size_t)(cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3);
            if (a < len && (text[a] == 's' || text[a] == 'S'))
                a++;
            else
                a = after;
        } else if (cp == '.') {
            a++;
            /* (AC.1), (WP.29), (IWG.Trans): a number or a word after the dot */
            if (a < len && sf_is_alnum(cp_at(text, len, a)) && t->shape.upper >= 2) {
                size_t e = sf_token_end(text, a, len);
                if (is_close_bracket(cp_at(text, len, e))) {
                    *sf_end = e;
                    return 1;
                }
            }
        } else if (t->shape.upper >= 2 && !t->shape.digits) {
            while (a < len && (text[a] == '+' || text[a] == '-'))
                a++;
        }
        c2 = cp_at(text, len, a);
        if (a > t->end && is_close_bracket(c2)) {
            if (cp == '+' || cp == '-')
                *sf_end = a; /* END+ */
            return 1;
        }
    }
    /* `(BCRC Egypt)`, `(УНП ООН)`: one or two more capitalised words, then the
     * bracket; `(JS 3)`, `(TPN 4)`: a number, then the bracket. */
    for (int extra = 0; extra < 2; extra++) {
        size_t e;
        int number;
        if (!is_space(cp_at(text, len, t->end)) && extra == 0)
            return 0;
        number = sf_is_digit(cp_at(text, len, after));
        if (!sf_is_upper(cp_at(text, len, after)) && !number)
            return 0;
        e = sf_token_end(text, after, len);
        if (e == after)
            return 0;
        if (number) {
            for (size_t d = after; d < e; d++)
                if (!(text[d] >= '0' && text[d] <= '9'))
                    return 0;
            if (e - after > 3)
                return 0; /* (ICSC 2015): a year is not part of a short form */
        }
        *sf_end = e;
        after = skip_spaces_quotes(text, len, e);
        cp = cp_at(text, len, after);
        if (is_close_bracket(cp))
            return 1;
    }
    return 0;
}

/* The letters of a short form: those of its acronym-like tokens, and of the
 * acronym-like parts of a hyphenated token (AWAZCDS of AWAZCDS-Pakistan). */
static size_t short_form_letters(const char *text, size_t len, size_t start, size_t end,
                                 int32_t *letters, unsigned char *upper)
{
    size_t m = 0, i = start;
    while (i < end && m < MAX_SF_LETTERS) {
        size_t e, p;
        struct sf_shape sh;
        while (i < end && !sf_is_alnum(cp_at(text, len, i)))
            i++;
        if (i >= end)
            break;
        e = sf_token_end(text, i, len);
        if (e > end)
            e = end;
        sf_shape_of(text, len, i, e, &sh);
        if (i == start || sh.acronym_part || (sh.digits && !sh.letters)) {
            size_t before = m;
            /* hyphen parts */
            for (p = i; p < e;) {
                size_t q = p;
                struct sf_shape part;
                while (q < e && text[q] != '-')
                    q++;
                sf_shape_of(text, len, p, q, &part);
                if (p == i || part.acronym_part || part.letters < 2 || part.digits)
                    m += sf_letters(text, p, q, letters + m, upper + m, MAX_SF_LETTERS - m);
                p = q + 1;
            }
            if (m - before < 2) {
                m = before;
                m += sf_letters(text, i, e, letters + m, upper + m, MAX_SF_LETTERS - m);
            }
        }
        i = e;
    }
    return m;
}

static int list_excluded(struct glossa_acronym_finder *f, const char *text, const struct token *t)
{
    /* A token in capitals is excluded only by an entry in capitals: Ms and No
     * are titles and abbreviations, MS and NO short forms (multiple sclerosis,
     * nitric oxide). */
    const struct lf_set *not = t->shape.lower == 0 ? &f->not_acronyms_caps : &f->not_acronyms;
    return lf_set_has(&f->units, text + t->start, t->end - t->start) ||
           lf_set_has(not, text + t->start, t->end - t->start);
}

/* Is text[b..e) made of Roman numerals and hyphens only (I-III, XV-XVII)? */
static int roman_range(const char *text, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (!strchr("IVXLCDM-", text[i]) || !text[i])
            return 0;
    return 1;
}

/* Is text[start..) a line that holds only a name and its bracketed short
 * form: at the start of a line, a capitalised first word, two to ten words,
 * no comma, colon or sentence end, and nothing after the closing bracket but
 * spaces up to the end of the line? */
static int list_entry_line(struct glossa_acronym_finder *f, const char *text, size_t len,
                           size_t start, size_t sf_end, size_t floor)
{
    const struct lf_window *w = &f->window;
    size_t i = start, after;
    while (i > floor && is_space(cp_before(text, i, NULL)))
        i = sf_utf8_prev(text, i);
    if (i > floor && cp_before(text, i, NULL) != '\n')
        return 0;
    if (w->nwords < 2 || w->nwords > 10 ||
        w->words[0].start != skip_spaces_quotes(text, len, start) ||
        !(w->words[0].flags & LF_CAPITAL) || (w->words[0].flags & LF_ALLCAPS))
        return 0;
    for (size_t k = 0; k < w->nwords; k++)
        if (w->words[k].flags & (LF_COMMA | LF_QUOTE))
            return 0;
    after = skip_spaces_quotes(text, len, sf_end);
    if (after >= len || !is_close_bracket(cp_at(text, len, after)))
        return 0;
    after++;
    while (after < len && is_space(cp_at(text, len, after)))
        after++;
    return after >= len || text[after] == '\n' || text[after] == '\r';
}

/* `Centro ... de tecnología, Irán (República Islámica del) (CRCE Irán)`: the
 * UN way of writing a country's name puts its official form in brackets,
 * ending with a function word (Iran (Islamic Republic of), Bolivia (Estado
 * Plurinacional de), Iran (République islamique d')). When such an aside (two
 * to four words, none in capitals) closes right at end, returns the offset of
 * its opening bracket, so that the long form runs through it; otherwise end. */
static size_t aside_before(struct glossa_acronym_finder *f, const char *text, size_t end,
                           size_t floor)
{
    size_t i, words = 0, last_start = 0, last_end = 0, word_end = 0;
    int in_word = 0, caps_word = 0, lower_seen = 0;
    if (end <= floor || !(text[end - 1] == ')' || text[end - 1] == ']'))
        return end;
    for (i = end - 1; i > floor && end - i < 80;) {
        size_t s;
        int32_t cp = cp_before(text, i, &s);
        if (sf_is_alnum(cp)) {
            if (!in_word) {
                in_word = 1;
                lower_seen = 0;
                word_end = i;
            }
            lower_seen |= sf_is_lower(cp);
            i = s;
            continue;
        }
        if (in_word) {
            if (words++ == 0) {
                last_start = i;
                last_end = word_end;
            }
            caps_word |= !lower_seen;
            in_word = 0;
        }
        if (is_open_bracket(cp))
            break;
        if (is_close_bracket(cp) || cp == ';' || cp == '\n' || cp == '.' || cp == ':' ||
            cp == ',' || words > 4)
            return end;
        i = s;
    }
    if (i <= floor || end - i >= 80 || words < 2 || words > 4 || caps_word ||
        !(lf_set_has(&f->function_words, text + last_start, last_end - last_start) ||
          lf_set_has(&f->elisions, text + last_start, last_end - last_start)))
        return end;
    return sf_utf8_prev(text, i);
}

/* `Association of Defence Counsel Practising before the International Tribunal
 * for the Former Yugoslavia (ADC-ICTY)`: a short form made of two short forms
 * joined by a hyphen, the second one the name of another body (ICTY) that
 * the first one's name mentions in its own words. When the letters of the
 * whole do not match, the long form starts where those of the first part do
 * and runs to the bracket, provided the capitalised words after the first
 * part's match start with at least half the capitals of the second part.
 * Uses the window already split; returns 1 with *res filled, 0, or -1. */
static int two_part_match(struct glossa_acronym_finder *f, const char *text, size_t len,
                          const struct token *t, struct lf_result *res)
{
    const struct lf_window *w = &f->window;
    int32_t first[MAX_SF_LETTERS], second[MAX_SF_LETTERS];
    unsigned char up1[MAX_SF_LETTERS], up2[MAX_SF_LETTERS], used[MAX_SF_LETTERS] = {0};
    size_t hyphen = t->start, m1, m2, caps = 0, hits = 0, k;
    struct sf_shape a, b;
    struct lf_result r;
    int found;
    while (hyphen < t->end && text[hyphen] != '-')
        hyphen++;
    if (hyphen >= t->end || memchr(text + hyphen + 1, '-', t->end - hyphen - 1))
        return 0;
    sf_shape_of(text, len, t->start, hyphen, &a);
    sf_shape_of(text, len, hyphen + 1, t->end, &b);
    if (a.upper < 2 || b.upper < 2 || a.lower || b.lower || a.digits || b.digits)
        return 0;
    m1 = sf_letters(text, t->start, hyphen, first, up1, MAX_SF_LETTERS);
    m2 = sf_letters(text, hyphen + 1, t->end, second, up2, MAX_SF_LETTERS);
    found = lf_match(&f->window, text, first, up1, m1, 0, LF_BEFORE, 0, &f->lex, &r);
    if (found <= 0 || !(!strcmp(r.rule, "initials") || !strcmp(r.rule, "letters")))
        return found < 0 ? -1 : 0;
    for (k = 0; k < w->nwords && w->words[k].start < r.start; k++)
        ;
    /* The first part's last matched word: the first m1 content words from k
     * is close enough, the check below only counts initials after it. */
    for (size_t n = 0; k < w->nwords && n < m1; k++)
        n += !(w->words[k].flags & LF_FUNCTION);
    for (size_t i = 0; i < m2; i++)
        caps += up2[i];
    for (; k < w->nwords; k++) {
        const struct lf_word *wd = &w->words[k];
        if ((wd->flags & (LF_FUNCTION | LF_ALLCAPS)) || !(wd->flags & LF_CAPITAL))
            continue;
        for (size_t i = 0; i < m2; i++)
            if (up2[i] && !used[i] && second[i] == w->cps[wd->cp]) {
                used[i] = 1;
                hits++;
                break;
            }
    }
    if (2 * hits < caps)
        return 0;
    r.rule = "two-part";
    r.confidence = 0.7;
    *res = r;
    return 1;
}

/* ---- other versions ------------------------------------------------------ */

int glossa_acronym_finder_set_hints(struct glossa_acronym_finder *f,
                                    const struct glossa_acronym_hint *hints, size_t n,
                                    struct glossa_error *err)
{
    static const char *const langs[] = {"en", "fr", "es", "ru"};
    f->hints = hints;
    f->nhints = hints ? n : 0;
    if (!f->nhints || f->cognate)
        return 0;
    for (size_t k = 0; k < 4; k++) {
        const struct glossa_lang *other;
        if (glossa_lang_get(langs[k], &other, NULL))
            continue;
        if (load_set(&f->hint_function_words, other, "function-words", 0, 0))
            return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
    }
    f->cognate = glossa_cognate_new(err);
    if (!f->cognate) {
        f->nhints = 0;
        return err ? err->code : GLOSSA_ENOMEM;
    }
    return 0;
}

/* Content words of a hint's long form: runs of letters and digits, a
 * hyphenated compound counted once, function words of the four languages
 * and single letters (the s of Lord's, the d' of d'Iraq) not counted. */
static size_t hint_content_words(const struct glossa_acronym_finder *f, const char *lf, size_t len)
{
    size_t n = 0, i = 0;
    int counted = 0; /* the word before was counted */
    while (i < len) {
        size_t b, e, letters = 0;
        int32_t cp = 0;
        while (i < len && !sf_is_alnum(cp_at(lf, len, i)))
            i += sf_utf8_next(lf, i, len, &cp);
        b = e = i;
        while (e < len) {
            size_t step = sf_utf8_next(lf, e, len, &cp);
            if (!sf_is_alnum(cp))
                break;
            letters++;
            e += step;
        }
        i = e;
        if (e == b)
            break;
        if (b > 0 && sf_is_hyphen(cp_before(lf, b, NULL)) && counted)
            continue; /* the rest of a compound */
        counted = !(letters < 2 || lf_set_has(&f->hint_function_words, lf + b, e - b) ||
                    lf_set_has(&f->function_words, lf + b, e - b));
        n += (size_t)counted;
    }
    return n;
}

/* Is text[a..a+alen) the same short form as hint's (bytes, or the same
 * transliteration: ЛСД, LSD)? */
static int same_short_form(struct glossa_acronym_finder *f, const char *a, size_t alen,
                           const char *b, size_t blen)
{
    struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
    int same;
    if (alen == blen && !memcmp(a, b, alen))
        return 1;
    if (!f->cognate || glossa_cognate_key(f->cognate, a, alen, &ka) ||
        glossa_cognate_key(f->cognate, b, blen, &kb)) {
        strbuf_release(&ka);
        strbuf_release(&kb);
        return 0;
    }
    same = ka.len > 0 && ka.len == kb.len && !memcmp(ka.buf, kb.buf, ka.len);
    strbuf_release(&ka);
    strbuf_release(&kb);
    return same;
}

/* The fewest content words of the long forms other versions give for the short
 * form text[sf_start..sf_end) (the most cautious reading when they differ), or
 * 0 when no version defines it. */
static size_t version_words(struct glossa_acronym_finder *f, const char *text, size_t sf_start,
                            size_t sf_end, double min_confidence)
{
    size_t want = 0;
    for (size_t h = 0; h < f->nhints; h++) {
        const struct glossa_acronym_hint *hint = &f->hints[h];
        size_t n;
        if (hint->confidence <= min_confidence ||
            !same_short_form(f, text + sf_start, sf_end - sf_start, hint->sf, hint->sf_len))
            continue;
        n = hint_content_words(f, hint->lf, hint->lf_len);
        if (n > 0 && n <= 12 && (want == 0 || n < want))
            want = n;
    }
    return want;
}

/* Content words of the split window from word k to its end (a compound is one). */
static size_t window_content_words(const struct lf_window *w, size_t k)
{
    size_t count = 0, e = w->nwords;
    while (e > k) {
        size_t u = e - 1;
        int content = 0;
        while (u > k && (w->words[u].flags & LF_HYPHEN))
            u--;
        for (size_t j = u; j < e; j++)
            content |= !(w->words[j].flags & LF_FUNCTION) && w->words[j].ncp > 1;
        count += (size_t)content;
        e = u;
    }
    return count;
}

/* The long form another version gives (see glossa_acronym_finder_set_hints):
 * the words before the bracket that hold `want` content words. Replaces a
 * name-rule result (found set) only for versions that matched by the letters,
 * and when the name is far longer (Grupo Consultivo
 * ... del programa sobre el cambio climático, la agricultura y la seguridad
 * alimentaria (CCAFS), where English has six words). Returns 1 with *res
 * filled, or 0. */
static int version_match(struct glossa_acronym_finder *f, const char *text, size_t sf_start,
                         size_t sf_end, int found, struct lf_result *res)
{
    const struct lf_window *w = &f->window;
    size_t want = version_words(f, text, sf_start, sf_end, found ? 0.6 : 0), k = w->nwords;
    if (!want)
        return 0;
    if (found) {
        size_t j = 0;
        while (j < w->nwords && w->words[j].start < res->start)
            j++;
        if (2 * window_content_words(w, j) <= 3 * want + 2)
            return 0;
    }
    while (k > 0 && window_content_words(w, k) < want)
        k--;
    if (window_content_words(w, k) < want)
        return 0;
    res->start = w->words[k].start;
    res->end = w->words[w->nwords - 1].end;
    res->confidence = 0.75;
    res->rule = "version";
    return 1;
}

/* `long form (SF)`: returns 1 with the definition pushed. */
static int define_before(struct glossa_acronym_finder *f, const char *text, size_t len,
                         const struct token *t, size_t sf_end, size_t open, int intro, size_t floor,
                         struct results *r, int *rc)
{
    int32_t letters[MAX_SF_LETTERS];
    unsigned char upper[MAX_SF_LETTERS];
    size_t m = short_form_letters(text, len, t->start, sf_end, letters, upper);
    size_t end = skip_back_spaces_quotes(text, open, floor), start;
    /* A word with one capital (Europol) is matched by syllables; a token with an
     * inner capital (mAbs) letter by letter like an acronym. */
    int syllables = !t->shape.acronym_part && t->shape.first_upper, sentence;
    struct lf_result res;
    int found, aside = 0, abbrev_dot = 0;
    if (syllables && (sf_end != t->end || memchr(text + t->start, '-', t->end - t->start)))
        return 0;
    while (end > floor && (text[end - 1] == ',' || text[end - 1] == ' '))
        end--;
    if (m < 2 || end <= floor)
        return 0;
    /* A name that ends with an abbreviation (Nauru Ocean Resources Inc.
     * (NORI)): its dot is not a sentence end, and belongs to the long form. */
    if (end > floor + 1 && text[end - 1] == '.') {
        size_t b = end - 1;
        while (b > floor && sf_is_alnum(cp_before(text, b, NULL)))
            b = sf_utf8_prev(text, b);
        if (b < end - 1 && sf_is_upper(cp_at(text, len, b)) &&
            lf_set_has(&f->abbreviations, text + b, end - b)) {
            end--;
            abbrev_dot = 1;
        }
    }
    start = clause_start(text, len, end, floor);
    if (start >= end) {
        start = clause_start(text, len, aside_before(f, text, end, floor), floor);
        aside = start < end;
    }
    if (start >= end)
        return 0;
    *rc = lf_window_split(&f->window, text, start, end, &f->lex, 3 * m + 8);
    if (*rc)
        return 0;
    {
        /* Does the window start a sentence (span start, after a full stop)? */
        size_t b = start;
        int32_t cp;
        while (b > floor && is_space(cp_before(text, b, NULL)))
            b = sf_utf8_prev(text, b);
        cp = cp_before(text, b, NULL);
        sentence = b == floor || cp == '.' || cp == '!' || cp == '?' || cp == '\n';
    }
    found = lf_match(&f->window, text, letters, upper, m, syllables, LF_BEFORE, sentence, &f->lex,
                     &res);
    if (found < 0) {
        *rc = GLOSSA_ENOMEM;
        return 0;
    }
    if (!syllables && (!found || !strcmp(res.rule, "name"))) {
        int two = two_part_match(f, text, len, t, &res);
        if (two < 0) {
            *rc = GLOSSA_ENOMEM;
            return 0;
        }
        found |= two;
    }
    if (!syllables && f->nhints && (!found || !strcmp(res.rule, "name")))
        found |= version_match(f, text, t->start, sf_end, found, &res);
    if (!syllables && !roman_range(text, t->start, sf_end) &&
        list_entry_line(f, text, len, start, sf_end, floor)) {
        /* A line that is only `Name (SF)` is an entry of a list: the name is
         * the whole line, whatever the letters say (Empresa Argentina de
         * Soluciones Satelitales S.A. (ARSAT); Hydrocarbures perfluorés (PFC),
         * an English short form). */
        if (!found || res.start != f->window.words[0].start) {
            res.start = f->window.words[0].start;
            res.end = f->window.words[f->window.nwords - 1].end;
            if (text[res.end] == '.' && res.end < end)
                res.end++; /* S.A. */
            res.confidence = 0.6;
            res.rule = "line";
            found = 1;
        }
    }
    if (!found)
        return 0;
    if (aside && res.end + 1 == end)
        res.end = end; /* the closing bracket of the aside */
    if (abbrev_dot && res.end == end)
        res.end++;
    /* A quotation opened just before the long form and closed inside it is kept. */
    if (res.start >= 2 && !memmem(text + res.start, res.end - res.start, "<<", 2) &&
        memmem(text + res.start, res.end - res.start, ">>", 2) && text[res.start - 1] == '<' &&
        text[res.start - 2] == '<')
        res.start -= 2;
    else if (res.start >= 2 && !memmem(text + res.start, res.end - res.start, "\xC2\xAB", 2) &&
             memmem(text + res.start, res.end - res.start, "\xC2\xBB", 2) &&
             (unsigned char)text[res.start - 2] == 0xC2 &&
             (unsigned char)text[res.start - 1] == 0xAB)
        res.start -= 2;
    if (intro && res.confidence < 0.9)
        res.confidence += 0.05;
    *rc = push(r, t->start, sf_end, res.start, res.end, res.confidence, intro ? "intro" : res.rule);
    return *rc == 0;
}

/* `SF (long form)` and glossary lines: the long form is text[from..to). */
static int define_after(struct glossa_acronym_finder *f, const char *text, size_t len,
                        const struct token *t, size_t from, size_t to, int allow_name,
                        const char *rule, struct results *r, int *rc)
{
    int32_t letters[MAX_SF_LETTERS];
    unsigned char upper[MAX_SF_LETTERS];
    size_t m = sf_letters(text, t->start, t->end, letters, upper, MAX_SF_LETTERS);
    struct lf_result res;
    int found;
    if (m < 2 || !t->shape.acronym_part)
        return 0;
    *rc = lf_window_split(&f->window, text, from, to, &f->lex, 0);
    if (*rc || f->window.nwords > 40)
        return 0;
    /* One word only in a glossary line with `=`, where the letters are all
     * its own (KYR = Kyrgyzstan, MDMA = methylenedioxymethamphetamine). */
    if (f->window.nwords < 2 && !(f->window.nwords == 1 && allow_name &&
                                  !(f->window.words[0].flags & (LF_ALLCAPS | LF_DIGITS))))
        return 0;
    found = lf_match(&f->window, text, letters, upper, m, 0, LF_AFTER, 0, &f->lex, &res);
    if (found < 0) {
        *rc = GLOSSA_ENOMEM;
        return 0;
    }
    if (!found || (!allow_name && !strcmp(res.rule, "name")))
        return 0;
    *rc = push(r, t->start, t->end, res.start, res.end, res.confidence - 0.05, rule);
    return *rc == 0;
}

/* `SF (long form)`: the bracket right after the token, closed within the span. */
static int sf_first(struct glossa_acronym_finder *f, const char *text, size_t len,
                    const struct token *t, struct results *r, int *rc)
{
    size_t i = skip_spaces_quotes(text, len, t->end), close;
    int32_t cp;
    /* `SF (`, also quoted: “NO” (not occurring), `One ERP' (Enterprise ...) */
    if (i == t->end || !is_open_bracket(cp_at(text, len, i)))
        return 0;
    i++;
    for (close = i; close < len && close < i + 400; close++) {
        unsigned char c = (unsigned char)text[close];
        if (c == ')' || c == ']' || c == '(' || c == '[' || c == ';' || c == '\n')
            break;
    }
    if (close >= len || !(text[close] == ')' || text[close] == ']'))
        return 0;
    i = skip_spaces_quotes(text, len, i);
    cp = cp_at(text, len, i);
    if (!sf_is_alnum(cp) || sf_is_digit(cp))
        return 0;
    close = skip_back_spaces_quotes(text, close, i);
    return define_after(f, text, len, t, i, close, 1, "sf-first", r, rc);
}

/* Does `TOKEN =` start at text[i] (after spaces)? Separates list entries
 * written on one line: `CERs = certified emission reductions, ERUs = ...`. */
static int entry_follows(const char *text, size_t len, size_t i)
{
    size_t e;
    while (i < len && is_space(cp_at(text, len, i)))
        i++;
    e = sf_token_end(text, i, len);
    if (e == i)
        return 0;
    while (e < len && is_space(cp_at(text, len, e)))
        e++;
    return e < len && text[e] == '=';
}

/* Glossary lines: `SF = long form`, `SF: long form`, `SF – long form` at the start
 * of a line or after a semicolon; the long form runs to the end of the entry.
 * `=` is evidence enough anywhere (letters must still match). */
static int sf_list(struct glossa_acronym_finder *f, const char *text, size_t len,
                   const struct token *t, size_t floor, struct results *r, int *rc)
{
    size_t i = t->start, end;
    int32_t cp;
    int equals = 0, boundary;
    while (i > floor && is_space(cp_before(text, i, NULL)))
        i = sf_utf8_prev(text, i);
    cp = cp_before(text, i, NULL);
    boundary = i == floor || cp == '\n' || cp == ';' || cp == ':' || cp == '\t' || cp == '.' ||
               cp == ',' || cp == ')';
    i = t->end;
    while (i < len && is_space(cp_at(text, len, i)))
        i++;
    cp = cp_at(text, len, i);
    if (cp == '=') {
        equals = 1;
        i++;
    } else if (!boundary) {
        return 0;
    } else if (cp == ':' || cp == 0x2013 || cp == 0x2014 || (cp == '-' && i > t->end)) {
        i += (size_t)(cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3);
        if (!is_space(cp_at(text, len, i)))
            return 0;
    } else if (i == t->end || text[i - 1] != '\t') {
        return 0;
    }
    i = skip_spaces_quotes(text, len, i);
    for (end = i; end < len && end < i + 300; end++) {
        unsigned char c = (unsigned char)text[end];
        if (c == ';' || c == '\n' || c == '(' || c == '=' ||
            (c == '.' && sentence_dot(text, len, end)))
            break;
        if (c == ',' && (!equals || entry_follows(text, len, end + 1)))
            break;
        /* `CPF = Collaborative Partnerships on Forests ECOSOC = Economic ...`:
         * the next entry starts without a comma. */
        if (c == ' ' && equals && entry_follows(text, len, end + 1))
            break;
    }
    end = skip_back_spaces_quotes(text, end, i);
    if (end <= i)
        return 0;
    return define_after(f, text, len, t, i, end, equals && boundary, "list", r, rc);
}

/* A heading in capitals (UNITED NATIONS): its words are not acronyms. */
static int in_heading(const char *text, size_t len, const struct token *t)
{
    int run = 1;
    size_t i;
    /* neighbours on the left */
    for (i = t->start; run < 4;) {
        size_t b, e = i;
        struct sf_shape sh;
        if (e == 0 || !is_space(cp_before(text, e, NULL)))
            break;
        e = sf_utf8_prev(text, e);
        b = e;
        while (b > 0 && sf_is_alnum(cp_before(text, b, NULL)))
            b = sf_utf8_prev(text, b);
        if (b == e)
            break;
        sf_shape_of(text, len, b, e, &sh);
        if (sh.letters < 2 || sh.lower || sh.digits)
            break;
        run++;
        i = b;
    }
    for (i = t->end; run < 4;) {
        size_t b, e;
        struct sf_shape sh;
        if (i >= len || !is_space(cp_at(text, len, i)))
            break;
        b = i + 1;
        e = b;
        while (e < len && sf_is_alnum(cp_at(text, len, e))) {
            int32_t cp;
            e += sf_utf8_next(text, e, len, &cp);
        }
        if (b == e)
            break;
        sf_shape_of(text, len, b, e, &sh);
        if (sh.letters < 2 || sh.lower || sh.digits)
            break;
        run++;
        i = e;
    }
    if (run >= 3)
        return 1;
    return run == 2 && t->shape.lower == 0 && t->shape.letters >= 5;
}

static double use_confidence(const struct sf_shape *s)
{
    if (s->upper >= 3 || s->dotted)
        return 0.9;
    if (s->upper == 2)
        return 0.75;
    return 0.6;
}

int glossa_acronym_find(struct glossa_acronym_finder *f, const char *text, size_t len,
                        struct glossa_acronym **out, size_t *n, struct glossa_error *err)
{
    struct results r = {NULL, 0, 0};
    size_t offset = 0, floor = 0;
    int rc = 0;
    *out = NULL;
    *n = 0;
    {
        size_t bad = sf_utf8_check(text, len);
        if (bad < len)
            return glossa_error_set(err, GLOSSA_EENCODING, NULL, 0, 0, "invalid UTF-8 at byte %zu",
                                    bad + 1);
    }
    while (offset < len) {
        struct token t;
        size_t at;
        int m = pcre2_jit_match(f->re, (PCRE2_SPTR)text, len, offset, 0, f->md, NULL);
        if (m == PCRE2_ERROR_JIT_BADOPTION) /* no JIT on this machine */
            m = pcre2_match(f->re, (PCRE2_SPTR)text, len, offset, 0, f->md, NULL);
        if (m == PCRE2_ERROR_NOMATCH)
            break;
        if (m < 0) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(m, msg, sizeof(msg));
            free(r.v);
            return glossa_error_set(err, GLOSSA_EPATTERN, NULL, 0, 0, "acronym scan: %s",
                                    (char *)msg);
        }
        at = pcre2_get_ovector_pointer(f->md)[0];
        if (text[at] == '(' || text[at] == '[' || (unsigned char)text[at] == 0xEF) {
            /* A bracket: the token after it, past quotes and introducing words. */
            size_t i =
                skip_spaces_quotes(text, len, at + (text[at] == '(' || text[at] == '[' ? 1 : 3));
            for (int words = 0; words < 4 && i < len; words++) {
                size_t e = i;
                while (e < len && (sf_is_alnum(cp_at(text, len, e)) || text[e] == '-')) {
                    int32_t cp;
                    e += sf_utf8_next(text, e, len, &cp);
                }
                if (e == i || !lf_set_has(&f->intro_words, text + i, e - i))
                    break;
                i = skip_spaces_quotes(text, len, e);
                while (i < len && (text[i] == '-' || text[i] == ':' || text[i] == ','))
                    i = skip_spaces_quotes(text, len, i + 1);
                if (i + 3 <= len && (unsigned char)text[i] == 0xE2 &&
                    (unsigned char)text[i + 1] == 0x80)
                    i = skip_spaces_quotes(text, len, i + 3); /* – — */
            }
            offset = at + 1;
            if (i >= len || !sf_is_alnum(cp_at(text, len, i)))
                continue;
            t.start = i;
        } else {
            /* Two capitals: back to the start of their token. */
            t.start = at;
            while (t.start > offset) {
                size_t s2;
                int32_t cp = cp_before(text, t.start, &s2);
                if (!sf_is_alnum(cp) || s2 < offset)
                    break;
                t.start = s2;
            }
        }
        t.end = sf_token_end(text, t.start, len);
        if (t.end <= t.start)
            continue;
        offset = t.end > at + 1 ? t.end : at + 1;
        sf_shape_of(text, len, t.start, t.end, &t.shape);
        if (t.shape.excluded || list_excluded(f, text, &t))
            continue;
        {
            size_t open = 0, sf_end = 0;
            int intro, done = 0;
            if (t.shape.acronym_part || t.shape.camel ||
                (t.shape.first_upper && t.shape.upper == 1 && t.shape.lower >= 2 &&
                 !t.shape.digits) ||
                (!t.shape.first_upper && t.shape.upper >= 1 && t.shape.letters <= 6)) {
                if (in_bracket(f, text, len, &t, floor, &open, &sf_end, &intro)) {
                    done = define_before(f, text, len, &t, sf_end, open, intro, floor, &r, &rc);
                    if (done)
                        offset = sf_end > offset ? sf_end : offset;
                }
            }
            if (!done && !rc && t.shape.acronym_part)
                done = sf_first(f, text, len, &t, &r, &rc) ||
                       (!rc && sf_list(f, text, len, &t, floor, &r, &rc));
            if (rc) {
                free(r.v);
                return glossa_error_set(err, rc, NULL, 0, 0, "out of memory");
            }
            if (done)
                continue;
        }
        if (t.shape.acronym_part && !in_heading(text, len, &t)) {
            rc = push(&r, t.start, t.end, t.end, t.end, use_confidence(&t.shape), "use");
            if (rc) {
                free(r.v);
                return glossa_error_set(err, rc, NULL, 0, 0, "out of memory");
            }
        }
    }
    *out = r.v;
    *n = r.n;
    return 0;
}

/* cognate: Latin skeletons of words and their similarity across languages.
 *
 * Owns one ICU transliterator ("Any-Latin; Latin-ASCII; Any-Lower"), opened
 * once per glossa_cognate because opening it parses rules (milliseconds);
 * ICU transliterators are not thread-safe, so a glossa_cognate is used by one
 * thread. The UTF-16 that ICU needs never leaves this file.
 *
 * Keys are ASCII: only a-z and 0-9 survive, so apostrophes (the Cyrillic soft
 * sign becomes one), hyphens and spaces vanish. The rewriting is deliberately
 * small and symmetric: it is applied to every language alike, so a rule that
 * helps one pair cannot make a word differ from itself. Traps: ICU writes
 * ц as "c" and ч as "c" (after Latin-ASCII), й as "j"; "tion" is rewritten
 * before c/k so that -tion, -ción and -ция meet as "sion"/"sia". */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "cognate.h"

#define MAX_KEY 64 /* longer keys are cut: similarity only looks at word stems */

struct glossa_cognate {
    UTransliterator *trans;
    UChar *buf;
    int32_t cap;
    struct strbuf ascii;
};

struct glossa_cognate *glossa_cognate_new(struct glossa_error *err)
{
    static const char rules[] = "Any-Latin; Latin-ASCII; Any-Lower";
    UChar id[64];
    UErrorCode status = U_ZERO_ERROR;
    struct glossa_cognate *c = calloc(1, sizeof *c);
    if (!c) {
        glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    strbuf_init(&c->ascii);
    u_uastrcpy(id, rules);
    c->trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) {
        glossa_error_set(err, GLOSSA_EUNICODE, NULL, 0, 0, "cannot open transliterator '%s': %s",
                         rules, u_errorName(status));
        free(c);
        return NULL;
    }
    return c;
}

void glossa_cognate_free(struct glossa_cognate *c)
{
    if (!c)
        return;
    if (c->trans)
        utrans_close(c->trans);
    free(c->buf);
    strbuf_release(&c->ascii);
    free(c);
}

static int ensure_cap(struct glossa_cognate *c, int32_t need)
{
    if (need <= c->cap)
        return 0;
    UChar *p = realloc(c->buf, (size_t)need * sizeof *p);
    if (!p)
        return GLOSSA_ENOMEM;
    c->buf = p;
    c->cap = need;
    return 0;
}

static int is_ascii_lower_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80 || (ch >= 'A' && ch <= 'Z'))
            return 0;
    }
    return 1;
}

/* Transliterates word into c->ascii: lower-case ASCII letters and digits only. */
static int to_ascii(struct glossa_cognate *c, const char *word, size_t len)
{
    int rc = 0;
    strbuf_reset(&c->ascii);
    if (!is_ascii_lower_word(word, len)) {
        UErrorCode status = U_ZERO_ERROR;
        int32_t ulen = 0, limit;
        if (len > (size_t)(INT32_MAX / 8))
            return GLOSSA_ETOOBIG;
        if (ensure_cap(c, (int32_t)len * 4 + 16))
            return GLOSSA_ENOMEM;
        u_strFromUTF8(c->buf, c->cap, &ulen, word, (int32_t)len, &status);
        if (U_FAILURE(status))
            return GLOSSA_EENCODING;
        for (;;) {
            int32_t textlen = ulen;
            limit = ulen;
            status = U_ZERO_ERROR;
            utrans_transUChars(c->trans, c->buf, &textlen, c->cap, 0, &limit, &status);
            if (status == U_BUFFER_OVERFLOW_ERROR) {
                /* the buffer holds a partial result: start again from the word */
                if (ensure_cap(c, textlen + 16))
                    return GLOSSA_ENOMEM;
                status = U_ZERO_ERROR;
                u_strFromUTF8(c->buf, c->cap, &ulen, word, (int32_t)len, &status);
                if (U_FAILURE(status))
                    return GLOSSA_EENCODING;
                continue;
            }
            if (U_FAILURE(status))
                return GLOSSA_EUNICODE;
            ulen = textlen;
            break;
        }
        for (int32_t i = 0; i < ulen; i++) {
            UChar u = c->buf[i];
            if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9'))
                rc |= strbuf_addch(&c->ascii, (char)u);
            else if (u >= 'A' && u <= 'Z')
                rc |= strbuf_addch(&c->ascii, (char)(u - 'A' + 'a'));
        }
    } else {
        for (size_t i = 0; i < len; i++) {
            char ch = word[i];
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
                rc |= strbuf_addch(&c->ascii, ch);
        }
    }
    return rc ? GLOSSA_ENOMEM : 0;
}

static int is_front_vowel(char ch)
{
    return ch == 'e' || ch == 'i' || ch == 'y';
}

/* The spelling rewrite: s is lower-case ASCII. */
static int skeleton(const char *s, size_t n, struct strbuf *out)
{
    char tmp[MAX_KEY + 1];
    size_t k = 0;
    for (size_t i = 0; i < n && k < MAX_KEY; i++) {
        char ch = s[i], next = i + 1 < n ? s[i + 1] : 0;
        if (ch == 't' && next == 'i' && i + 2 < n && strchr("aeou", s[i + 2])) {
            tmp[k++] = 's'; /* -tion, -tia: nation/nación/нация */
            continue;
        }
        if (next == 'h' && (ch == 'p' || ch == 't' || ch == 'k' || ch == 'c' || ch == 's')) {
            tmp[k++] = ch == 'p' ? 'f' : ch == 'c' ? 'k' : ch; /* ph th kh ch sh */
            i++;
            continue;
        }
        switch (ch) {
        case 'c':
            if (next == 'k')
                continue;
            ch = is_front_vowel(next) ? 's' : 'k';
            break;
        case 'z':
            ch = 's';
            break;
        case 'y':
        case 'j':
            ch = 'i';
            break;
        case 'w':
            ch = 'v';
            break;
        case 'q':
            ch = 'k';
            break;
        case 'x':
            tmp[k++] = 'k';
            if (k >= MAX_KEY)
                continue;
            ch = 's';
            break;
        default:
            break;
        }
        if (k > 0 && tmp[k - 1] == ch && (ch < '0' || ch > '9'))
            continue; /* double letters single */
        tmp[k++] = ch;
    }
    return strbuf_add(out, tmp, k);
}

int glossa_cognate_key(struct glossa_cognate *c, const char *word, size_t len, struct strbuf *out)
{
    int rc = to_ascii(c, word, len);
    if (rc)
        return rc;
    return skeleton(c->ascii.buf, c->ascii.len, out);
}

static size_t lcs_length(const char *a, size_t la, const char *b, size_t lb)
{
    unsigned char row[MAX_KEY + 1] = {0};
    for (size_t i = 1; i <= la; i++) {
        unsigned char diag = 0;
        for (size_t j = 1; j <= lb; j++) {
            unsigned char up = row[j];
            if (a[i - 1] == b[j - 1])
                row[j] = (unsigned char)(diag + 1);
            else if (row[j - 1] > row[j])
                row[j] = row[j - 1];
            diag = up;
        }
    }
    return row[lb];
}

double glossa_cognate_similarity(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), lcp = 0, lcs, shortest, longest;
    double prefix = 0, common;
    if (la > MAX_KEY)
        la = MAX_KEY;
    if (lb > MAX_KEY)
        lb = MAX_KEY;
    if (la == lb && !memcmp(a, b, la))
        return la ? 1.0 : 0.0;
    shortest = la < lb ? la : lb;
    longest = la < lb ? lb : la;
    if (shortest < 3)
        return 0.0;
    while (lcp < shortest && a[lcp] == b[lcp])
        lcp++;
    /* A shared stem with different endings (коллективной/collective): the
     * letters after the common prefix count half. */
    if (lcp >= 4 && lcp * 5 >= shortest * 3)
        prefix = (double)lcp / ((double)lcp + 0.5 * (double)(longest - lcp));
    lcs = lcs_length(a, la, b, lb);
    if (shortest >= 4 && lcs * 5 >= shortest * 4) /* the shorter word nearly all inside */
        common = 0.95 * (double)lcs / ((double)lcs + 0.5 * (double)(longest - lcs));
    else
        common = 0.9 * (double)lcs / (double)longest;
    return prefix > common ? prefix : common;
}

double glossa_cognate_compare(struct glossa_cognate *c, const char *a, size_t alen, const char *b,
                              size_t blen)
{
    struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
    double score;
    int rc = glossa_cognate_key(c, a, alen, &ka);
    if (!rc)
        rc = glossa_cognate_key(c, b, blen, &kb);
    score = rc ? (double)rc : glossa_cognate_similarity(ka.buf, kb.buf);
    strbuf_release(&ka);
    strbuf_release(&kb);
    return score;
}

/* layout: lines of a file -> paragraphs of a body (see layout.h).
 *
 * Two layouts are told apart from the lines themselves. A file saved from a
 * word processor has one paragraph per line: each non-blank line becomes a
 * paragraph unchanged. A file extracted from PDF is hard-wrapped, usually with
 * blank lines between all lines: many lines then start with a lower-case
 * letter (the rest of a sentence), which is what identifies the layout. There
 * lines are joined into paragraphs; a line starts a new paragraph when it
 * opens with a paragraph number or a bullet, when the line before it ends with
 * two spaces (the extractor's end-of-paragraph mark) or follows a wider gap
 * than usual, or when the line before it is short enough that the first word
 * of this one would have fitted on it (so the break was not a wrap).
 *
 * Furniture is dropped in every layout: the masthead (the lines before and
 * including "Original: ..." when a "Distr." line opens the document; it
 * differs between language versions and is not part of the text anyone
 * translates), job numbers (19-15765* (F) 200919 200919) and bar-code lines
 * (*1915765*). In PDF layout also page numbers (2/3), running headers (a
 * document symbol alone on its line), footnote lines opened by '*', and rules.
 *
 * Invariants: the body is a sequence of copied stretches of s, joining spaces
 * and '\n' paragraph separators; every copied stretch is an exact run of the
 * map, every inserted byte an inexact run pointing at the end of the line it
 * follows. Traps: lengths of lines are counted in characters (for the "would
 * the word have fitted" test), offsets in bytes. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "glossa/error.h"
#include "glossa/lang.h"
#include "layout.h"
#include "utf8.h"

enum line_kind { LINE_BLANK, LINE_TEXT, LINE_FURNITURE };

struct line {
    size_t start, end; /* content without leading and trailing white space */
    size_t chars;      /* characters of the content */
    unsigned trail;    /* white-space characters after the content */
    unsigned char kind;
};

enum join { JOIN_BREAK, JOIN_SPACE, JOIN_HYPHEN_KEEP, JOIN_HYPHEN_DROP, JOIN_DIRECT };

struct doc {
    const char *s;
    size_t n;
    const struct layout_options *opts;
    struct line *lines;
    size_t nlines;
    size_t measure; /* a full line, in characters */
    int gap;        /* the usual number of blank lines between wrapped lines */
    int lone_cr;    /* some lines end with a lone CR */
    /* hyphenated and solid words of the document, built on first need */
    struct word_slot *words;
    size_t words_cap;
    int words_built;
    const char *lang; /* language for lists; "" when unknown */
    char lang_buf[3];
};

struct word_slot {
    size_t off, len;
    size_t count;
};

/* ------------------------------------------------------------------ characters */

/* The text is valid UTF-8 and every bound is a character boundary, so the
 * unchecked ICU macros are safe (and work with size_t offsets). */
static UChar32 char_at(const char *s, size_t n, size_t i, size_t *next)
{
    UChar32 c;
    (void)n;
    U8_NEXT_UNSAFE(s, i, c);
    if (next)
        *next = i;
    return c;
}

static UChar32 char_before(const char *s, size_t start, size_t i, size_t *prev)
{
    UChar32 c;
    (void)start;
    U8_PREV_UNSAFE(s, i, c);
    if (prev)
        *prev = i;
    return c;
}

static int is_space_char(UChar32 c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static int is_hyphen_char(UChar32 c)
{
    return c == '-' || c == 0x2010 || c == 0xAD;
}

static int is_word_char(UChar32 c)
{
    return c > 0 && u_isalnum(c);
}

/* ------------------------------------------------------------------ lines */

static int split_lines(struct doc *d)
{
    size_t cap = 64, i = 0;
    d->lines = malloc(cap * sizeof(*d->lines));
    if (!d->lines)
        return GLOSSA_ENOMEM;
    for (const char *p = d->s; (p = memchr(p, '\r', d->n - (size_t)(p - d->s))); p++)
        if ((size_t)(p - d->s) + 1 >= d->n || p[1] != '\n') {
            d->lone_cr = 1;
            break;
        }
    while (i < d->n) {
        size_t ls = i, le, b, e;
        struct line *l;
        if (d->lone_cr) {
            while (i < d->n && d->s[i] != '\n' && d->s[i] != '\r')
                i++;
        } else {
            const char *nl = memchr(d->s + i, '\n', d->n - i);
            i = nl ? (size_t)(nl - d->s) : d->n;
            if (i > ls && d->s[i - 1] == '\r')
                i--;
        }
        le = i;
        if (i < d->n && d->s[i] == '\r' && i + 1 < d->n && d->s[i + 1] == '\n')
            i += 2;
        else if (i < d->n)
            i++;
        if (d->nlines == cap) {
            struct line *nl = realloc(d->lines, 2 * cap * sizeof(*nl));
            if (!nl)
                return GLOSSA_ENOMEM;
            d->lines = nl;
            cap *= 2;
        }
        l = &d->lines[d->nlines++];
        b = ls;
        while (b < le) {
            size_t nx;
            if (!is_space_char(char_at(d->s, le, b, &nx)))
                break;
            b = nx;
        }
        e = le;
        l->trail = 0;
        while (e > b) {
            size_t pv;
            if (!is_space_char(char_before(d->s, b, e, &pv)))
                break;
            e = pv;
            l->trail++;
        }
        l->start = b;
        l->end = e;
        l->chars = glossa_utf8_count(d->s + b, e - b);
        l->kind = b < e ? LINE_TEXT : LINE_BLANK;
    }
    return 0;
}

/* ------------------------------------------------------------------ furniture */

static size_t digits(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && s[k] >= '0' && s[k] <= '9')
        k++;
    return k - i;
}

static size_t spaces(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    return k - i;
}

/* 19-15765* (F)    200919    200919 */
static int is_job_number(const char *s, size_t n)
{
    size_t i = 0, k;
    if (digits(s, n, 0) != 2 || n < 3 || s[2] != '-')
        return 0;
    i = 3;
    k = digits(s, n, i);
    if (k < 4 || k > 6)
        return 0;
    i += k;
    if (i < n && s[i] == '*')
        i++;
    k = spaces(s, n, i);
    if (k && i + k < n && s[i + k] == '(') {
        size_t j = i + k + 1, m = 0;
        while (j < n && s[j] >= 'A' && s[j] <= 'Z' && m < 3)
            j++, m++;
        if (!m || j >= n || s[j] != ')')
            return 0;
        i = j + 1;
    }
    for (int dates = 0; dates < 2; dates++) {
        k = spaces(s, n, i);
        if (!k || digits(s, n, i + k) != 6)
            break;
        i += k + 6;
    }
    i += spaces(s, n, i);
    return i == n;
}

/* *1915765* */
static int is_barcode(const char *s, size_t n)
{
    size_t k;
    if (n < 3 || s[0] != '*' || s[n - 1] != '*')
        return 0;
    k = digits(s, n, 1);
    return k >= 6 && k <= 9 && k + 2 == n;
}

/* 2/3, 12 */
static int is_page_number(const char *s, size_t n)
{
    size_t k = digits(s, n, 0);
    if (k == 0 || k > 4)
        return 0;
    if (k == n)
        return 1;
    if (s[k] != '/')
        return 0;
    return digits(s, n, k + 1) == n - k - 1 && n - k - 1 <= 4 && n - k - 1 > 0;
}

/* S/2019/742, A/HRC/40/L.1, E/CN.6/2019/1* */
static int is_symbol(const char *s, size_t n)
{
    size_t i = 0, parts = 0, has_digit = 0;
    while (i < n && s[i] >= 'A' && s[i] <= 'Z')
        i++;
    if (i == 0 || i > 6)
        return 0;
    while (i < n && s[i] == '/') {
        size_t b = ++i;
        while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
                         (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '-' ||
                         s[i] == '(' || s[i] == ')')) {
            has_digit |= s[i] >= '0' && s[i] <= '9';
            i++;
        }
        if (i == b)
            return 0;
        parts++;
    }
    if (i < n && s[i] == '*')
        i++;
    return i == n && parts > 0 && has_digit;
}

/* A running header or footer: symbols and page numbers only. */
static int is_running_header(const char *s, size_t n)
{
    size_t i = 0, tokens = 0;
    while (i < n) {
        size_t b = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        if (!is_symbol(s + b, i - b) && !is_page_number(s + b, i - b))
            return 0;
        tokens++;
        i += spaces(s, n, i);
    }
    return tokens > 0;
}

/* "* Nouveau tirage pour raisons techniques", "** ...", or a mark alone: "*" */
static int is_footnote(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == '*')
        i++;
    return i > 0 && (i == n || s[i] == ' ' || s[i] == '\t');
}

static int is_rule(const char *s, size_t n)
{
    size_t i = 0, count = 0;
    while (i < n) {
        size_t nx;
        UChar32 c = char_at(s, n, i, &nx);
        if (c != '_' && c != '-' && c != 0x2013 && c != 0x2014 && c != 0x2015)
            return 0;
        count++;
        i = nx;
    }
    return count >= 5;
}

static int contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, needle, k))
            return 1;
    return 0;
}

static int is_original_line(const char *s, size_t n)
{
    return contains(s, n, "Original") || contains(s, n, "\xD0\x9E\xD1\x80\xD0\xB8\xD0\xB3") ||
           contains(s, n, "\xE5\x8E\x9F\xE4\xBB\xB6") ||
           contains(s, n, "\xE5\x8E\x9F\xE6\x96\x87") ||
           contains(s, n, "\xD8\xA7\xD9\x84\xD8\xA3\xD8\xB5\xD9\x84");
}

/* "Distr.: General", "Security Council    Distr. générale": at most two words after it. */
static int is_distr_line(const char *s, size_t n)
{
    size_t words = 0, i;
    for (i = 0; i + 6 <= n; i++)
        if (!memcmp(s + i, "Distr", 5) && (s[i + 5] == '.' || s[i + 5] == ':'))
            break;
    if (i + 6 > n)
        return 0;
    for (i += 6; i < n;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ':'))
            i++;
        if (i >= n)
            break;
        words++;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
    }
    return words <= 2;
}

/* The masthead: up to 6 lines, then "Distr.", then up to 6 lines down to "Original: ...". */
static void mark_masthead(struct doc *d)
{
    size_t seen = 0, distr = (size_t)-1, last = (size_t)-1;
    for (size_t i = 0; i < d->nlines; i++) {
        struct line *l = &d->lines[i];
        if (l->kind != LINE_TEXT)
            continue;
        if (distr == (size_t)-1) {
            if (is_distr_line(d->s + l->start, l->end - l->start)) {
                distr = i;
                last = i;
                seen = 0;
                continue;
            }
            if (++seen > 6)
                return;
        } else {
            if (is_original_line(d->s + l->start, l->end - l->start) && d->s[l->start] != '[') {
                last = i;
                break;
            }
            if (++seen > 6)
                break;
        }
    }
    if (distr == (size_t)-1)
        return;
    for (size_t i = 0; i <= last; i++)
        if (d->lines[i].kind == LINE_TEXT)
            d->lines[i].kind = LINE_FURNITURE;
}

static void mark_furniture(struct doc *d, int pdf)
{
    for (size_t i = 0; i < d->nlines; i++) {
        struct line *l = &d->lines[i];
        const char *s = d->s + l->start;
        size_t n = l->end - l->start;
        if (l->kind != LINE_TEXT)
            continue;
        if (is_job_number(s, n) || is_barcode(s, n))
            l->kind = LINE_FURNITURE;
        else if (pdf && (is_running_header(s, n) || is_footnote(s, n) || is_rule(s, n)))
            l->kind = LINE_FURNITURE;
    }
}

/* ------------------------------------------------------------------ paragraph numbers */

static int is_roman_upper(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr("IVXL", s[i]))
            return 0;
    return n > 0 && n <= 6;
}

size_t layout_number_length(const char *s, size_t n, size_t *number_len)
{
    size_t i = 0, num = 0, k;
    if (n == 0)
        return 0;
    if (s[0] == '(') {
        size_t b = 1;
        k = b;
        while (k < n && k - b < 4 &&
               ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') ||
                (s[k] >= 'A' && s[k] <= 'Z')))
            k++;
        if (k == b || k >= n || s[k] != ')')
            return 0;
        if (k - b > 1) { /* several characters: digits only, or a lower-case roman numeral */
            int all_digits = 1, all_roman = 1;
            for (size_t j = b; j < k; j++) {
                all_digits &= s[j] >= '0' && s[j] <= '9';
                all_roman &= strchr("ivxlc", s[j]) != NULL;
            }
            if (!all_digits && !all_roman)
                return 0;
        }
        i = k + 1;
        num = i;
    } else if (s[0] >= '0' && s[0] <= '9') {
        k = digits(s, n, 0);
        if (k > 3)
            return 0;
        i = k;
        while (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
            size_t m = digits(s, n, i + 1);
            if (m > 3)
                return 0;
            i += 1 + m;
        }
        if (i < n && s[i] == '.') {
            num = i;
            i++;
        } else if (i < n && s[i] == ')') {
            i++;
            num = i;
        } else if (i > k) { /* 1.2 without a final full stop */
            num = i;
        } else
            return 0;
    } else if (n >= 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')') {
        i = 2;
        num = 2;
    } else if (s[0] >= 'A' && s[0] <= 'Z') {
        k = 0;
        while (k < n && s[k] >= 'A' && s[k] <= 'Z')
            k++;
        if (k >= n || s[k] != '.')
            return 0;
        if (!is_roman_upper(s, k) && !(k == 1 && s[0] >= 'A' && s[0] <= 'H'))
            return 0;
        num = k;
        i = k + 1;
    } else
        return 0;
    k = i;
    while (k < n) {
        size_t nx;
        if (!is_space_char(char_at(s, n, k, &nx)))
            break;
        k = nx;
    }
    if (k == i || k >= n)
        return 0;
    if (number_len)
        *number_len = num;
    return k;
}

static int is_bullet(const char *s, size_t n)
{
    size_t nx;
    UChar32 c = char_at(s, n, 0, &nx);
    if (c != 0x2022 && c != 0x25AA && c != 0x25CF && c != 0x2013 && c != 0x2014 && c != '-' &&
        c != 0xB7 && c != 0x25E6)
        return 0;
    return nx < n && is_space_char(char_at(s, n, nx, NULL));
}

/* ------------------------------------------------------------------ words of the document */

static uint64_t fold_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

static int fold_equal(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

static struct word_slot *word_find(struct doc *d, const char *w, size_t n)
{
    size_t i = (size_t)(fold_hash(w, n) & (d->words_cap - 1));
    while (d->words[i].len) {
        if (d->words[i].len == n && fold_equal(d->s + d->words[i].off, w, n))
            return &d->words[i];
        i = (i + 1) & (d->words_cap - 1);
    }
    return &d->words[i];
}

/* Every word of the document (letters, digits and inner hyphens), counted. */
static int build_words(struct doc *d)
{
    size_t cap = 1024, used = 0, i = 0;
    d->words_built = 1;
    while (cap < d->n / 2)
        cap *= 2;
    d->words = calloc(cap, sizeof(*d->words));
    if (!d->words)
        return GLOSSA_ENOMEM;
    d->words_cap = cap;
    while (i < d->n) {
        size_t b, e, nx;
        UChar32 c = char_at(d->s, d->n, i, &nx);
        if (!is_word_char(c)) {
            i = nx;
            continue;
        }
        b = i;
        e = nx;
        i = nx;
        while (i < d->n) {
            c = char_at(d->s, d->n, i, &nx);
            if (is_word_char(c)) {
                e = i = nx;
            } else if (is_hyphen_char(c) && c != 0xAD && nx < d->n &&
                       is_word_char(char_at(d->s, d->n, nx, NULL))) {
                i = nx;
            } else
                break;
        }
        {
            struct word_slot *w = word_find(d, d->s + b, e - b);
            if (!w->len) {
                if (++used * 2 > d->words_cap)
                    break; /* a table this full means a huge document: enough evidence */
                w->off = b;
                w->len = e - b;
            }
            w->count++;
        }
    }
    return 0;
}

static size_t word_count(struct doc *d, const char *w, size_t n)
{
    struct word_slot *slot;
    if (!n)
        return 0;
    slot = word_find(d, w, n);
    return slot->len ? slot->count : 0;
}

static const char *doc_lang(struct doc *d)
{
    if (!d->lang) {
        const char *code = NULL;
        if (d->opts->lang && glossa_lang_canonical(d->opts->lang, d->lang_buf))
            code = d->lang_buf;
        else
            code = glossa_lang_detect(d->s, d->n < 65536 ? d->n : 65536, NULL);
        d->lang = code ? code : "";
    }
    return d->lang;
}

/* Is w in the list of the document's language (any_language: of any language)? */
static int in_lang_list(struct doc *d, const char *list, const char *w, size_t n, int any_language)
{
    const char *code = any_language ? "" : doc_lang(d);
    const struct glossa_lang *lang;
    if (*code) {
        return glossa_lang_get(code, &lang, NULL) == 0 && glossa_lang_has(lang, list, w, n);
    }
    for (const char *const *c = glossa_lang_supported(); *c; c++)
        if (glossa_lang_get(*c, &lang, NULL) == 0 && glossa_lang_has(lang, list, w, n))
            return 1;
    return 0;
}

/* A line ends with a hyphen and the next one goes on with the word: keep the
 * hyphen (sous-\nrégionales) or drop it (coopé-\nration)? The document decides
 * when it spells the word elsewhere; then the language's list of prefixes that
 * take a hyphen; otherwise the hyphen is taken for a break. */
static enum join hyphen_join(struct doc *d, const struct line *a, const struct line *b,
                             size_t hyphen)
{
    size_t ls = hyphen, rs = b->start, re = b->start, hy, so, nx;
    UChar32 h = char_at(d->s, a->end, hyphen, NULL);
    struct strbuf w = STRBUF_INIT;
    enum join j;
    if (h == 0xAD)
        return JOIN_HYPHEN_DROP;
    while (ls > a->start) {
        size_t pv;
        UChar32 c = char_before(d->s, a->start, ls, &pv);
        if (!is_word_char(c) && !is_hyphen_char(c))
            break;
        ls = pv;
    }
    while (re < b->end) {
        UChar32 c = char_at(d->s, b->end, re, &nx);
        if (!is_word_char(c))
            break;
        re = nx;
    }
    if (u_isupper(char_at(d->s, b->end, rs, NULL)))
        return JOIN_HYPHEN_KEEP; /* Al-\nQaida */
    if (!d->words_built && build_words(d) < 0)
        return JOIN_HYPHEN_KEEP;
    strbuf_add(&w, d->s + ls, hyphen - ls);
    strbuf_addch(&w, '-');
    strbuf_add(&w, d->s + rs, re - rs);
    hy = word_count(d, w.buf, w.len);
    strbuf_reset(&w);
    strbuf_add(&w, d->s + ls, hyphen - ls);
    strbuf_add(&w, d->s + rs, re - rs);
    so = word_count(d, w.buf, w.len);
    if (hy || so) {
        j = hy >= so ? JOIN_HYPHEN_KEEP : JOIN_HYPHEN_DROP;
    } else {
        /* the last part before the hyphen: "sous" of "sous-" */
        size_t ps = hyphen;
        while (ps > ls) {
            size_t pv;
            if (!is_word_char(char_before(d->s, ls, ps, &pv)))
                break;
            ps = pv;
        }
        j = in_lang_list(d, "hyphen-prefixes", d->s + ps, hyphen - ps, 0) ? JOIN_HYPHEN_KEEP
                                                                          : JOIN_HYPHEN_DROP;
    }
    strbuf_release(&w);
    return j;
}

/* ------------------------------------------------------------------ joining */

static size_t first_word_chars(const char *s, size_t n)
{
    size_t i = 0, chars = 0;
    while (i < n) {
        size_t nx;
        if (is_space_char(char_at(s, n, i, &nx)))
            break;
        chars++;
        i = nx;
    }
    return chars;
}

static int ends_sentence(const struct doc *d, const struct line *a)
{
    size_t i = a->end;
    while (i > a->start) {
        size_t pv;
        UChar32 c = char_before(d->s, a->start, i, &pv);
        if (c == ')' || c == ']' || c == 0xBB || c == 0x201D || c == '"' || c == 0x2019 ||
            is_space_char(c)) {
            i = pv;
            continue;
        }
        return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x2026;
    }
    return 0;
}

static enum join decide_join(struct doc *d, const struct line *a, const struct line *b, int gap,
                             int furniture_between)
{
    const char *bs = d->s + b->start;
    size_t bn = b->end - b->start, last, full;
    UChar32 first = char_at(bs, bn, 0, NULL), end;
    if (layout_number_length(bs, bn, NULL) || is_bullet(bs, bn))
        return JOIN_BREAK;
    end = char_before(d->s, a->start, a->end, &last);
    if (is_hyphen_char(end) && last > a->start && is_word_char(first) &&
        is_word_char(char_before(d->s, a->start, last, NULL)))
        return hyphen_join(d, a, b, last);
    if (u_islower(first))
        return JOIN_SPACE;
    if (a->trail >= 2)
        return JOIN_BREAK;
    if (gap > d->gap && !furniture_between)
        return JOIN_BREAK;
    if ((first == 0xAB || first == 0x201C || first == '"' || u_isdigit(first)) &&
        !ends_sentence(d, a))
        return JOIN_SPACE;
    full = a->chars + 1 + first_word_chars(bs, bn);
    if (ends_sentence(d, a))
        return full > d->measure ? JOIN_SPACE : JOIN_BREAK;
    return full + d->measure / 10 > d->measure ? JOIN_SPACE : JOIN_BREAK;
}

/* PDF layout if enough lines go on with a lower-case letter. */
static int looks_wrapped(struct doc *d)
{
    size_t text = 0, lower = 0;
    for (size_t i = 0; i < d->nlines; i++) {
        const struct line *l = &d->lines[i];
        const char *s = d->s + l->start;
        size_t n = l->end - l->start;
        if (l->kind != LINE_TEXT)
            continue;
        text++;
        if (u_islower(char_at(s, n, 0, NULL)) && !layout_number_length(s, n, NULL))
            lower++;
    }
    return lower >= 3 && lower * 8 >= text;
}

static void measure_lines(struct doc *d)
{
    size_t hist[256] = {0}, total = 0, acc = 0;
    size_t gaps[4] = {0};
    int blanks = -1, furniture = 0;
    for (size_t i = 0; i < d->nlines; i++) {
        const struct line *l = &d->lines[i];
        if (l->kind == LINE_BLANK) {
            if (blanks >= 0)
                blanks++;
            continue;
        }
        if (l->kind == LINE_FURNITURE) {
            furniture = 1;
            continue;
        }
        hist[l->chars < 255 ? l->chars : 255]++;
        total++;
        if (blanks >= 0 && !furniture)
            gaps[blanks < 3 ? blanks : 3]++;
        blanks = 0;
        furniture = 0;
    }
    d->measure = 0;
    for (size_t k = 0; k < 256; k++) {
        acc += hist[k];
        if (acc * 10 >= total * 9) {
            d->measure = k;
            break;
        }
    }
    d->gap = 0;
    for (int k = 1; k < 4; k++)
        if (gaps[k] > gaps[d->gap])
            d->gap = k;
}

/* ------------------------------------------------------------------ output */

/* The word before a stray space at i, if it is an elision (l, d, qu...). */
static int elision_before(struct doc *d, size_t start, size_t i)
{
    size_t b = i;
    struct strbuf w = STRBUF_INIT;
    int yes;
    while (b > start) {
        size_t pv;
        if (!u_isalpha(char_before(d->s, start, b, &pv)))
            break;
        b = pv;
    }
    if (b == i || i - b > 12)
        return 0;
    if (b > start && is_word_char(char_before(d->s, start, b, NULL)))
        return 0;
    strbuf_add(&w, d->s + b, i - b);
    strbuf_addch(&w, '\'');
    /* any language's: a space inside "l ’État" is a flaw wherever it occurs */
    yes = in_lang_list(d, "elisions", w.buf, w.len, 1);
    strbuf_release(&w);
    return yes;
}

static int emit_copy(struct strbuf *body, struct offset_map *map, const char *s, size_t b, size_t e)
{
    if (e <= b)
        return 0;
    if (offset_map_add(map, body->len, b, 1) < 0 || strbuf_add(body, s + b, e - b) < 0)
        return GLOSSA_ENOMEM;
    return 0;
}

/* Copies s[b..e), dropping the stray space of "l ’État" when repair is on. */
static int emit_text(struct doc *d, struct strbuf *body, struct offset_map *map, size_t b, size_t e,
                     int repair)
{
    size_t from = b;
    if (repair) {
        for (size_t i = b; i + 1 < e; i++) {
            size_t apos_len;
            if (d->s[i] != ' ')
                continue;
            if (d->s[i + 1] == '\'')
                apos_len = 1;
            else if (i + 3 < e && !memcmp(d->s + i + 1, "\xE2\x80\x99", 3))
                apos_len = 3;
            else
                continue;
            if (i + 1 + apos_len >= e || !u_isalpha(char_at(d->s, e, i + 1 + apos_len, NULL)))
                continue;
            if (!elision_before(d, b, i))
                continue;
            if (emit_copy(body, map, d->s, from, i) < 0)
                return GLOSSA_ENOMEM;
            from = i + 1;
        }
    }
    return emit_copy(body, map, d->s, from, e);
}

static int emit_inserted(struct strbuf *body, struct offset_map *map, const char *text,
                         size_t source)
{
    if (offset_map_add(map, body->len, source, 0) < 0 || strbuf_addstr(body, text) < 0)
        return GLOSSA_ENOMEM;
    return 0;
}

int layout_build(const char *s, size_t n, const struct layout_options *opts, struct strbuf *body,
                 struct offset_map *map)
{
    struct layout_options none = {0, NULL};
    struct doc d;
    int rc = 0, pdf = 0, blanks = 0, furniture = 0;
    const struct line *prev = NULL;

    memset(&d, 0, sizeof(d));
    d.s = s;
    d.n = n;
    d.opts = opts ? opts : &none;
    if ((rc = split_lines(&d)) < 0)
        goto done;
    if (!d.opts->keep_layout) {
        mark_masthead(&d);
        mark_furniture(&d, 0);
        pdf = looks_wrapped(&d);
        if (pdf) {
            mark_furniture(&d, 1);
            measure_lines(&d);
        }
    }
    for (size_t i = 0; i < d.nlines; i++) {
        const struct line *l = &d.lines[i];
        enum join j = JOIN_BREAK;
        if (l->kind == LINE_BLANK) {
            blanks++;
            continue;
        }
        if (l->kind == LINE_FURNITURE) {
            furniture = 1;
            continue;
        }
        if (prev && pdf)
            j = decide_join(&d, prev, l, blanks, furniture);
        if (prev) {
            switch (j) {
            case JOIN_BREAK:
                rc = emit_text(&d, body, map, prev->start, prev->end, pdf);
                if (!rc)
                    rc = emit_inserted(body, map, "\n", prev->end);
                break;
            case JOIN_SPACE:
                rc = emit_text(&d, body, map, prev->start, prev->end, pdf);
                if (!rc)
                    rc = emit_inserted(body, map, " ", prev->end);
                break;
            case JOIN_HYPHEN_DROP: {
                size_t last;
                char_before(s, prev->start, prev->end, &last);
                rc = emit_text(&d, body, map, prev->start, last, pdf);
                break;
            }
            case JOIN_HYPHEN_KEEP:
            case JOIN_DIRECT:
                rc = emit_text(&d, body, map, prev->start, prev->end, pdf);
                break;
            }
            if (rc)
                goto done;
        }
        prev = l;
        blanks = 0;
        furniture = 0;
    }
    if (prev)
        rc = emit_text(&d, body, map, prev->start, prev->end, pdf);
done:
    free(d.lines);
    free(d.words);
    return rc;
}

/* shortform: what counts as a short form, and the character classes the
 * acronym finder needs.
 *
 * ASCII is decided inline; other code points go through ICU's per-code-point
 * properties (u_isalnum, u_isupper), never through a per-character
 * conversion. A token is a run of letters and digits joined by connectors
 * written without spaces; whether it is a short form is decided from its shape
 * (capitals, digits, dots) and the language's lists (units, not-acronyms).
 * Trap: the lists compare case-folded, so a unit written "MW" also excludes
 * "Mw"; keep the lists to things that are never short forms. */
#include "config.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "shortform.h"

/* Bases of U+00C0..U+017F: lower case, accents removed; '?' for non-letters. */
static const char latin_base[] = "aaaaaaaceeeeiiiidnooooo?ouuuuytsaaaaaaaceeeeiiiidnooooo?ouuuuyty"
                                 "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
                                 "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

size_t sf_utf8_check(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        uint32_t cp;
        if (c < 0x80) {
            /* ASCII runs eight bytes at a time */
            while (i + 8 <= len) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                if (w & 0x8080808080808080ULL)
                    break;
                i += 8;
            }
            if (i < len && s[i] < 0x80)
                i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 4, cp = c & 0x07;
        else
            return i;
        if (i + n > len)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i;
        i += n;
    }
    return len;
}

/* Scripts written without spaces between words: a run of their letters is not
 * a word, so it must never glue onto a Latin acronym (虽然CIB大多数 is CIB). */
static int unspaced_script(int32_t cp)
{
    UErrorCode ec = U_ZERO_ERROR;
    switch (uscript_getScript(cp, &ec)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_TIBETAN:
        return 1;
    default:
        return 0;
    }
}

int sf_is_alnum(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp >= 0x0E00 && unspaced_script(cp))
        return 0;
    return u_isalnum(cp) || u_getCombiningClass(cp) > 0 || u_charType(cp) == U_NON_SPACING_MARK;
}

int sf_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return u_isupper(cp) || u_istitle(cp);
}

int sf_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return u_islower(cp);
}

int sf_is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return u_isdigit(cp);
}

int32_t sf_letter_base(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    if (cp >= 0xC0 && cp < 0x180 && latin_base[cp - 0xC0] != '?')
        return latin_base[cp - 0xC0];
    if (cp == 0x401 || cp == 0x451) /* Ё ё */
        return 0x435;
    return u_tolower(cp);
}

int sf_is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2BC || cp == 0x2018;
}

int sf_is_hyphen(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static int alnum_at(const char *text, size_t i, size_t len)
{
    int32_t cp;
    if (i >= len)
        return 0;
    sf_utf8_next(text, i, len, &cp);
    return sf_is_alnum(cp);
}

static int upper_at(const char *text, size_t i, size_t len)
{
    int32_t cp;
    if (i >= len)
        return 0;
    sf_utf8_next(text, i, len, &cp);
    return sf_is_upper(cp);
}

size_t sf_token_end(const char *text, size_t i, size_t len)
{
    size_t run_start = i;
    int single_caps = 1; /* every run so far is one capital (dotted forms) */
    while (i < len) {
        int32_t cp;
        size_t step = sf_utf8_next(text, i, len, &cp);
        if (sf_is_alnum(cp)) {
            i += step;
            continue;
        }
        /* A connector joins two runs only when written without spaces. */
        {
            size_t run_len = i - run_start;
            int32_t first;
            sf_utf8_next(text, run_start, len, &first);
            if (!(sf_is_upper(first) && run_len == (size_t)(first < 0x80    ? 1
                                                            : first < 0x800 ? 2
                                                                            : 3)))
                single_caps = 0;
        }
        if ((sf_is_hyphen(cp) || cp == '&' || cp == '+') && alnum_at(text, i + step, len)) {
            i += step;
            run_start = i;
            continue;
        }
        if (cp == ':' && i + 1 < len && text[i + 1] == ':' && alnum_at(text, i + 2, len)) {
            i += 2;
            run_start = i;
            continue;
        }
        if (cp == '.' && single_caps) {
            if (upper_at(text, i + 1, len)) {
                /* M.P.D.: the next run must be one capital too. */
                i += 1;
                run_start = i;
                continue;
            }
            if (i > 0 && run_start > 0 && text[run_start - 1] == '.')
                return i + 1; /* the final dot of a dotted form */
        }
        break;
    }
    return i;
}

static int is_roman(const char *s, size_t n)
{
    /* Session and part numbers: I V X L only, or longer forms with C D M. */
    static const char *const valid_order = "IVXLCDM";
    int only_ivxl = 1;
    int prev = 10000, total = 0;
    if (n == 0 || n > 9)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = strchr(valid_order, s[i]);
        if (!p || !s[i])
            return 0;
        if (s[i] == 'C' || s[i] == 'D' || s[i] == 'M')
            only_ivxl = 0;
    }
    if (!only_ivxl && n < 4)
        return 0;
    /* A rough validity check: no more than three equal symbols in a row and
     * subtractive pairs only of I, X, C. */
    for (size_t i = 0; i < n; i++) {
        static const int val[128] = {
            ['I'] = 1, ['V'] = 5, ['X'] = 10, ['L'] = 50, ['C'] = 100, ['D'] = 500, ['M'] = 1000};
        int v = val[(unsigned char)s[i]];
        int next = i + 1 < n ? val[(unsigned char)s[i + 1]] : 0;
        if (i >= 3 && s[i] == s[i - 1] && s[i] == s[i - 2] && s[i] == s[i - 3])
            return 0;
        if (i >= 1 && s[i] == s[i - 1] && (s[i] == 'V' || s[i] == 'L' || s[i] == 'D'))
            return 0; /* LL, VV: never written twice */
        if (v < next) {
            if (!(s[i] == 'I' || s[i] == 'X' || s[i] == 'C') || next > 10 * v)
                return 0;
            total -= v;
        } else {
            total += v;
        }
        if (v > prev && i >= 2 && s[i - 1] == s[i - 2])
            return 0;
        prev = v;
    }
    return total > 0;
}

void sf_shape_of(const char *text, size_t len, size_t start, size_t end, struct sf_shape *shape)
{
    unsigned part_upper = 0, part_lower = 0, part_digits = 0, part_letters = 0;
    unsigned part_leading_caps = 0; /* capitals that open the part: UN of UNWomen */
    unsigned chars = 0, singles = 0, runs = 0, hyphens = 0;
    int32_t first = 0;
    memset(shape, 0, sizeof(*shape));
    for (size_t i = start; i <= end;) {
        int32_t cp = 0;
        size_t step = 1;
        if (i < end)
            step = sf_utf8_next(text, i, len, &cp);
        if (i == end || !sf_is_alnum(cp)) {
            /* End of a part. */
            if ((part_upper >= 2 && (part_upper >= part_lower || part_leading_caps >= 2)) ||
                (part_upper >= 1 && part_digits >= 1 && part_letters <= 4))
                shape->acronym_part = 1;
            if (part_letters == 1 && part_upper == 1 && part_digits == 0)
                singles++;
            if (part_letters + part_digits)
                runs++;
            part_upper = part_lower = part_digits = part_letters = part_leading_caps = 0;
            if (i < end && sf_is_hyphen(cp))
                hyphens++;
            i += step;
            continue;
        }
        if (!chars)
            first = cp;
        chars++;
        if (sf_is_digit(cp)) {
            part_digits++;
            shape->digits++;
        } else if (sf_is_upper(cp)) {
            if (part_upper == part_letters)
                part_leading_caps++;
            part_upper++;
            part_letters++;
            shape->upper++;
            shape->letters++;
        } else if (sf_is_lower(cp)) {
            part_lower++;
            part_letters++;
            shape->lower++;
            shape->letters++;
        } else {
            part_letters++;
            shape->letters++;
        }
        i += step;
    }
    shape->first_upper = sf_is_upper(first);
    shape->camel = !shape->acronym_part && shape->first_upper && shape->upper >= 2 &&
                   shape->lower <= 2 * shape->upper && !shape->digits;
    if (runs >= 2 && singles == runs && memchr(text + start, '.', end - start))
        shape->dotted = shape->acronym_part = 1;
    if (chars < 2 || shape->letters == 0) {
        shape->excluded = 1;
        return;
    }
    if (shape->digits == 0 && is_roman(text + start, end - start)) {
        shape->excluded = 1;
        return;
    }
    /* Grade codes: P-4, D-1, С-3, С3 (one capital, a digit; not IL-4). */
    if (shape->letters == 1 && shape->upper == 1 && shape->digits >= 1 && shape->digits <= 2 &&
        (hyphens == 1 || first >= 0x400)) {
        shape->excluded = 1;
        return;
    }
    /* Document symbols: S/2019/742, A/RES/70/1, DP/FPA/2002/1. */
    {
        size_t a = start, b = end;
        int slash = 0, digit = 0;
        while (a > 0 && (text[a - 1] == '/' || alnum_at(text, a - 1, len) || text[a - 1] == '.' ||
                         text[a - 1] == '_')) {
            slash |= text[a - 1] == '/';
            digit |= text[a - 1] >= '0' && text[a - 1] <= '9';
            a--;
        }
        while (b < len && (text[b] == '/' || alnum_at(text, b, len) || text[b] == '_' ||
                           (text[b] == '.' && alnum_at(text, b + 1, len)))) {
            slash |= text[b] == '/';
            digit |= text[b] >= '0' && text[b] <= '9';
            b++;
        }
        if (slash && (digit || shape->digits)) {
            shape->excluded = 1;
            return;
        }
    }
}

size_t sf_letters(const char *text, size_t start, size_t end, int32_t *out, unsigned char *upper,
                  size_t cap)
{
    size_t n = 0;
    for (size_t i = start; i < end && n < cap;) {
        int32_t cp;
        i += sf_utf8_next(text, i, end, &cp);
        if (!sf_is_alnum(cp) || u_getCombiningClass(cp) > 0)
            continue;
        out[n] = sf_letter_base(cp);
        upper[n] = (unsigned char)(sf_is_upper(cp) || sf_is_digit(cp));
        n++;
    }
    return n;
}

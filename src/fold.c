/* fold: match keys (NFC, case folding, typographic unification, accents).
 *
 * Works in UTF-16 because that is what ICU's normaliser and case folder take;
 * the UTF-16 never leaves this file. ASCII-only input without typographic
 * flags takes a fast path that needs no ICU call: most words of most keys are
 * ASCII, and this runs on hot paths (lexicon lookups). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "fold.h"
#include "glossa/error.h"

/* ASCII that no flag changes except case: single spaces between words are
 * already what typographic unification makes of white space. */
static int is_plain_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c == '<' || c == '>' || c == '\t' || c == '\n' || c == '\r')
            return 0;
        if (c == ' ' && (i == 0 || i + 1 == n || s[i + 1] == ' '))
            return 0;
    }
    return 1;
}

int glossa_fold_is_space(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x00A0 || c == 0x202F ||
           c == 0x2007 || c == 0x2009 || c == 0x200A || c == 0x2002 || c == 0x2003 || c == 0x3000 ||
           c == 0x2028 || c == 0x2029;
}

int32_t glossa_fold_typo_char(int32_t c)
{
    switch (c) {
    case 0x2019: /* ’ */
    case 0x2018: /* ‘ */
    case 0x02BC: /* ʼ */
    case 0x2032: /* ′ */
    case 0x00B4: /* ´ */
        return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
        return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2043:
        return '-';
    case 0x00AD: /* soft hyphen */
        return -1;
    }
    return c;
}

static int to_utf16(const char *s, size_t n, UChar **out, int32_t *outlen)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = 0;
    if (n > INT32_MAX / 2)
        return GLOSSA_ETOOBIG;
    u_strFromUTF8(NULL, 0, &need, s, (int32_t)n, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return GLOSSA_EENCODING;
    *out = malloc(sizeof(UChar) * ((size_t)need + 1));
    if (!*out)
        return GLOSSA_ENOMEM;
    st = U_ZERO_ERROR;
    u_strFromUTF8(*out, need + 1, outlen, s, (int32_t)n, &st);
    if (U_FAILURE(st)) {
        free(*out);
        *out = NULL;
        return GLOSSA_EENCODING;
    }
    return 0;
}

/* Runs one ICU UTF-16 transformation into a fresh buffer (grown once on overflow). */
typedef int32_t (*u16_transform)(const UChar *src, int32_t srclen, UChar *dst, int32_t cap,
                                 void *ctx, UErrorCode *st);

static int32_t normalize_cb(const UChar *src, int32_t srclen, UChar *dst, int32_t cap, void *ctx,
                            UErrorCode *st)
{
    return unorm2_normalize((const UNormalizer2 *)ctx, src, srclen, dst, cap, st);
}

static int32_t casefold_cb(const UChar *src, int32_t srclen, UChar *dst, int32_t cap, void *ctx,
                           UErrorCode *st)
{
    return u_strFoldCase(dst, cap, src, srclen, U_FOLD_CASE_DEFAULT, st);
}

static int transform(UChar **buf, int32_t *len, u16_transform fn, void *ctx)
{
    int32_t cap = *len + *len / 2 + 8;
    for (int attempt = 0; attempt < 2; attempt++) {
        UErrorCode st = U_ZERO_ERROR;
        UChar *dst = malloc(sizeof(UChar) * (size_t)cap);
        int32_t n;
        if (!dst)
            return GLOSSA_ENOMEM;
        n = fn(*buf, *len, dst, cap, ctx, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            free(dst);
            cap = n + 1;
            continue;
        }
        if (U_FAILURE(st)) {
            free(dst);
            return GLOSSA_EUNICODE;
        }
        free(*buf);
        *buf = dst;
        *len = n;
        return 0;
    }
    return GLOSSA_EUNICODE;
}

int glossa_fold_append(struct strbuf *out, const char *s, size_t n, unsigned flags)
{
    UChar *u = NULL;
    int32_t ulen = 0;
    UErrorCode st = U_ZERO_ERROR;
    int rc;
    int pending_space = 0, at_start = 1;

    if (is_plain_ascii(s, n)) {
        size_t base = out->len;
        if (strbuf_add(out, s, n))
            return GLOSSA_ENOMEM;
        if (flags & GLOSSA_FOLD_CASE)
            for (size_t i = base; i < out->len; i++)
                if (out->buf[i] >= 'A' && out->buf[i] <= 'Z')
                    out->buf[i] = (char)(out->buf[i] + 32);
        return 0;
    }
    if ((rc = to_utf16(s, n, &u, &ulen)))
        return rc;
    if (flags & GLOSSA_FOLD_ACCENTS) {
        const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
        if (U_FAILURE(st) || (rc = transform(&u, &ulen, normalize_cb, (void *)nfd)))
            goto fail;
        int32_t w = 0;
        for (int32_t r = 0; r < ulen; r++)
            if (u_charType(u[r]) != U_NON_SPACING_MARK)
                u[w++] = u[r];
        ulen = w;
    }
    {
        const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
        if (U_FAILURE(st) || (rc = transform(&u, &ulen, normalize_cb, (void *)nfc)))
            goto fail;
    }
    if ((flags & GLOSSA_FOLD_CASE) && (rc = transform(&u, &ulen, casefold_cb, NULL)))
        goto fail;

    for (int32_t i = 0; i < ulen;) {
        UChar32 c;
        U16_NEXT(u, i, ulen, c);
        if (flags & GLOSSA_FOLD_TYPO) {
            if (glossa_fold_is_space(c)) {
                pending_space = !at_start;
                continue;
            }
            if ((c == '<' || c == '>') && i < ulen && u[i] == c) {
                i++;
                c = c == '<' ? 0x00AB : 0x00BB;
            }
            c = glossa_fold_typo_char(c);
            if (c < 0)
                continue;
            if (pending_space && strbuf_addch(out, ' '))
                goto nomem;
            pending_space = 0;
        }
        at_start = 0;
        if (strbuf_add_utf8(out, (unsigned int)c))
            goto nomem;
    }
    free(u);
    return 0;
nomem:
    rc = GLOSSA_ENOMEM;
fail:
    if (!rc)
        rc = GLOSSA_EUNICODE;
    free(u);
    return rc;
}

/* Unit tests for text: decoding, errors, NFC, positions, PDF repair, and the
 * reader fed in chunks of every size from 1 byte. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "glossa/lang.h"
#include "glossa/text.h"
#include "membuf.h"
#include "tap.h"
#include "utf8.h"

static struct glossa_text *read_bytes(const char *data, size_t len,
                                      const struct glossa_text_options *opts, int *rc,
                                      struct glossa_error *err)
{
    struct glossa_text *t = NULL;
    glossa_error_release(err);
    *rc = glossa_text_from_bytes("t.txt", data, len, opts, &t, err);
    return t;
}

/* The body of data, or NULL on error; the caller frees. */
static char *body_of(const char *data, size_t len, const struct glossa_text_options *opts)
{
    struct glossa_error err;
    struct glossa_text *t;
    char *res = NULL;
    int rc;
    glossa_error_init(&err);
    t = read_bytes(data, len, opts, &rc, &err);
    if (t)
        res = strdup(glossa_text_body(t, NULL));
    glossa_text_free(t);
    glossa_error_release(&err);
    return res;
}

static void check_body(const char *data, const char *want, const char *name)
{
    char *got = body_of(data, strlen(data), NULL);
    is_str(got, want, name);
    free(got);
}

static void check_error(const char *data, size_t len, const char *encoding, int want_rc,
                        size_t want_line, size_t want_col, const char *name)
{
    struct glossa_text_options opts = {encoding, 0, NULL};
    struct glossa_error err;
    struct glossa_text *t;
    int rc;
    glossa_error_init(&err);
    t = read_bytes(data, len, &opts, &rc, &err);
    if (!tap_ok(rc == want_rc && !t && err.line == want_line && err.column == want_col, __FILE__,
                __LINE__, name))
        printf("#   rc %d line %zu column %zu message %s\n", rc, err.line, err.column,
               err.message ? err.message : "(none)");
    glossa_text_free(t);
    glossa_error_release(&err);
}

/* Where body offset of the first occurrence of needle maps. */
static void check_position(struct glossa_text *t, const char *needle, size_t line, size_t col,
                           const char *name)
{
    const char *body = glossa_text_body(t, NULL), *p = strstr(body, needle);
    size_t l = 0, c = 0;
    if (p)
        glossa_text_position(t, (size_t)(p - body), &l, &c);
    if (!tap_ok(p && l == line && c == col, __FILE__, __LINE__, name))
        printf("#   got %zu:%zu, want %zu:%zu\n", l, c, line, col);
}

/* UTF-8 to UTF-16LE with a BOM (test inputs are valid UTF-8). */
static char *to_utf16le(const char *s, size_t n, size_t *out_len)
{
    unsigned char *o = malloc(2 * n + 2), *p = o;
    size_t i = 0;
    *p++ = 0xFF;
    *p++ = 0xFE;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        unsigned cp;
        int k = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
        cp = k == 0 ? b : k == 1 ? b & 0x1Fu : k == 2 ? b & 0x0Fu : b & 0x07u;
        for (int j = 1; j <= k; j++)
            cp = cp << 6 | ((unsigned char)s[i + j] & 0x3Fu);
        i += (size_t)k + 1;
        if (cp >= 0x10000) {
            unsigned hi = 0xD800 + ((cp - 0x10000) >> 10), lo = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            *p++ = (unsigned char)(hi & 0xFF);
            *p++ = (unsigned char)(hi >> 8);
            cp = lo;
        }
        *p++ = (unsigned char)(cp & 0xFF);
        *p++ = (unsigned char)(cp >> 8);
    }
    *out_len = (size_t)(p - o);
    return (char *)o;
}

/* Feeds data in chunks of every size from 1 byte (all sizes up to 64, then
 * every 7th) and compares body and positions with the one-piece reading. */
static void check_chunks(const char *name, const char *data, size_t len)
{
    struct glossa_error err;
    struct glossa_text *ref = NULL;
    size_t rlen, bad = 0, tried = 0;
    const char *rbody;
    glossa_error_init(&err);
    if (glossa_text_from_bytes(name, data, len, NULL, &ref, &err) < 0) {
        ok(0, name);
        glossa_error_release(&err);
        return;
    }
    rbody = glossa_text_body(ref, &rlen);
    for (size_t chunk = 1; chunk <= len; chunk += chunk < 64 ? 1 : 7) {
        struct glossa_text_reader *r = glossa_text_reader_new(name, NULL);
        struct glossa_text *t = NULL;
        int rc = 0;
        tried++;
        for (size_t off = 0; off < len && rc == 0; off += chunk)
            rc =
                glossa_text_reader_feed(r, data + off, len - off < chunk ? len - off : chunk, &err);
        if (rc == 0)
            rc = glossa_text_reader_finish(r, &t, &err);
        glossa_text_reader_free(r);
        if (rc == 0) {
            size_t blen;
            const char *body = glossa_text_body(t, &blen);
            if (blen != rlen || memcmp(body, rbody, blen))
                rc = -100;
            /* every paragraph start, and the end */
            for (size_t o = 0; rc == 0 && o <= blen;
                 o = o == blen
                         ? blen + 1
                         : (memchr(body + o, '\n', blen - o)
                                ? (size_t)((const char *)memchr(body + o, '\n', blen - o) - body) +
                                      1
                                : blen)) {
                size_t l1, c1, l2, c2;
                glossa_text_position(t, o, &l1, &c1);
                glossa_text_position(ref, o, &l2, &c2);
                if (l1 != l2 || c1 != c2)
                    rc = -101;
            }
        }
        if (rc != 0 && bad++ == 0)
            printf("#   %s: chunks of %zu bytes differ (%d)\n", name, chunk, rc);
        glossa_text_free(t);
    }
    {
        char msg[200];
        snprintf(msg, sizeof(msg), "%s: %zu chunkings give the same body and positions", name,
                 tried);
        ok(bad == 0, msg);
    }
    glossa_text_free(ref);
    glossa_error_release(&err);
}

static void test_decoding(void)
{
    struct glossa_error err;
    struct glossa_text *t;
    int rc;
    size_t l, c;
    glossa_error_init(&err);

    check_body("Hello world.\nSecond line.\n", "Hello world.\nSecond line.", "plain UTF-8");
    check_body("\xEF\xBB\xBFHello.\n", "Hello.", "UTF-8 BOM dropped");
    check_body("", "", "empty input, empty body");
    check_body("\n\n  \n", "", "blank lines only, empty body");
    check_body("a\r\nb\r\n", "a\nb", "CRLF lines");

    {
        static const char le[] = "\xFF\xFE"
                                 "A\0\xE9\0\n\0B\0";
        static const char be[] = "\xFE\xFF\0A\0\xE9\0\n\0B";
        static const char l32[] = "\xFF\xFE\0\0"
                                  "A\0\0\0\xE9\0\0\0";
        static const char b32[] = "\0\0\xFE\xFF\0\0\0A\0\0\0\xE9";
        static const char pair[] = "\xFF\xFE\x3D\xD8\x00\xDE"
                                   "A\0";
        char *b;
        is_str(b = body_of(le, sizeof(le) - 1, NULL), "A\xC3\xA9\nB", "UTF-16LE with BOM");
        free(b);
        is_str(b = body_of(be, sizeof(be) - 1, NULL), "A\xC3\xA9\nB", "UTF-16BE with BOM");
        free(b);
        is_str(b = body_of(l32, sizeof(l32) - 1, NULL), "A\xC3\xA9", "UTF-32LE with BOM");
        free(b);
        is_str(b = body_of(b32, sizeof(b32) - 1, NULL), "A\xC3\xA9", "UTF-32BE with BOM");
        free(b);
        t = read_bytes(pair, sizeof(pair) - 1, NULL, &rc, &err);
        ok(t && !strcmp(glossa_text_body(t, NULL), "\xF0\x9F\x98\x80"
                                                   "A"),
           "UTF-16 surrogate pair");
        if (t) {
            glossa_text_position(t, 4, &l, &c);
            ok(l == 1 && c == 2, "a surrogate pair is one column");
        }
        glossa_text_free(t);
    }
    {
        struct glossa_text_options o = {"windows-1252", 0, NULL};
        char *b = body_of("caf\xE9 \x93x\x94\n", 9, &o);
        is_str(b, "caf\xC3\xA9 \xE2\x80\x9Cx\xE2\x80\x9D", "windows-1252 through ICU");
        free(b);
        o.encoding = "KOI8-R";
        b = body_of("\xF0\xD2\xC9\xD7\xC5\xD4", 6, &o);
        is_str(b, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", "KOI8-R through ICU");
        free(b);
        o.encoding = "utf8";
        b = body_of("d\xC3\xA9j\xC3\xA0", 6, &o);
        is_str(b, "d\xC3\xA9j\xC3\xA0", "--encoding=utf8 is UTF-8");
        free(b);
    }

    check_error("ab\ncd\xE9x\n", 8, NULL, GLOSSA_EENCODING, 2, 3, "invalid UTF-8: line and column");
    check_error("\xC3\xA9\xC3\xA9\xFFz", 6, NULL, GLOSSA_EENCODING, 1, 3,
                "invalid UTF-8: columns count characters");
    check_error("ab\xE2\x82", 4, NULL, GLOSSA_EENCODING, 1, 3, "truncated sequence at the end");
    check_error("\xED\xA0\x80", 3, NULL, GLOSSA_EENCODING, 1, 1, "UTF-8 surrogate refused");
    check_error("\xC0\xAF", 2, NULL, GLOSSA_EENCODING, 1, 1, "overlong UTF-8 refused");
    check_error("ab\0cd", 5, NULL, GLOSSA_EBINARY, 0, 0, "NUL byte: binary file");
    check_error("\xFFq\0", 3, NULL, GLOSSA_EBINARY, 0, 0, "binary wins over invalid UTF-8");
    check_error("\xFF\xFE"
                "a\0\x00\xD8"
                "b\0",
                8, NULL, GLOSSA_EENCODING, 1, 2, "UTF-16 lone high surrogate");
    check_error("\xFF\xFE\x00\xDC", 4, NULL, GLOSSA_EENCODING, 1, 1, "UTF-16 lone low surrogate");
    check_error("\xFF\xFE"
                "a\0b",
                5, NULL, GLOSSA_EENCODING, 1, 2, "UTF-16 odd byte count");
    check_error("\xFF\xFE"
                "a\0\0\0",
                6, NULL, GLOSSA_EBINARY, 0, 0, "UTF-16 NUL character: binary");
    check_error("abc", 3, "no-such-encoding", GLOSSA_EINVAL, 0, 0, "unknown encoding name");
    check_error("ab\x81", 3, "US-ASCII", GLOSSA_EENCODING, 1, 3, "byte undefined in US-ASCII");
    {
        /* A line of exactly 1 MB passes; one byte more is refused at the
         * character past the limit, here on line 2 with a 2-byte letter. */
        size_t n = ((size_t)1 << 20) + 8;
        char *big = malloc(n), *body;
        memcpy(big, "x\n", 2);
        memset(big + 2, 'a', n - 2);
        body = body_of(big, 2 + ((size_t)1 << 20), NULL);
        ok(body != NULL, "a line of 1 MB is read");
        free(body);
        big[2] = '\xC3';
        big[3] = '\xA9';
        check_error(big, 3 + ((size_t)1 << 20), NULL, GLOSSA_ETOOBIG, 2, ((size_t)1 << 20),
                    "a line over 1 MB is refused where it passes the limit");
        free(big);
    }

    {
        static const char text[] = "ab\xC3\xA9 x\ny z";
        t = read_bytes(text, sizeof(text) - 1, NULL, &rc, &err);
        check_position(t, "x", 1, 5, "position after a two-byte character");
        check_position(t, "z", 2, 3, "position on line 2");
        glossa_text_position(t, strlen(glossa_text_body(t, NULL)), &l, &c);
        ok(l == 2 && c == 4, "end of body maps past the last character");
        is_str(glossa_text_name(t), "t.txt", "name kept");
        glossa_text_free(t);
    }
    {
        /* e + combining acute, twice: NFC composes; positions stay on the original */
        static const char text[] = "Cafe\xCC\x81 and cafe\xCC\x81 x\n";
        t = read_bytes(text, sizeof(text) - 1, NULL, &rc, &err);
        is_str(t ? glossa_text_body(t, NULL) : NULL, "Caf\xC3\xA9 and caf\xC3\xA9 x",
               "body is NFC");
        check_position(t, "and", 1, 7, "position after a composed character");
        check_position(t, "x", 1, 17, "position after two composed characters");
        check_position(t, "\xC3\xA9 x", 1, 14, "a composed character maps to its start");
        glossa_text_free(t);
    }
    glossa_error_release(&err);
}

static void test_layout(void)
{
    /* word-processor text: unchanged */
    check_body("First paragraph. It goes on.\n\nSecond one\nThird one\n",
               "First paragraph. It goes on.\nSecond one\nThird one", "one paragraph per line");
    /* masthead dropped in every layout */
    check_body("United Nations   S/2019/742\n\nSecurity Council   Distr.: General\n"
               "     13 September 2019\n\n     Original: English\n\nLetter dated today\n\n"
               "I have the honour.\n",
               "Letter dated today\nI have the honour.", "masthead dropped");
    check_body("Some text.\n19-15765* (F)    200919    200919\n*1915765*\nMore text.\n",
               "Some text.\nMore text.", "job number and bar code dropped");

    /* PDF-extracted text */
    check_body(" The cooperation between the organiza- \n\ntions goes on and on and on, for the "
               "whole of the \n\nsub-regional bodies, the sub- \n\nregional ones and the l "
               "\xE2\x80\x99"
               "Organisation of the \n\n"
               "world.  \n\n"
               "19-15765 \n\n2/3 \n\nS/2019/742 \n\n* \n\n* Reissued for technical reasons.\n\n"
               " 2. Another paragraph begins here and it is long enough to be wrapped at the "
               "end \n\nof the line, with Al- \n\nQaida in it.\n",
               "The cooperation between the organizations goes on and on and on, for the whole "
               "of the sub-regional bodies, the sub-regional ones and the l\xE2\x80\x99"
               "Organisation of the world.\n"
               "2. Another paragraph begins here and it is long enough to be wrapped at the end "
               "of the line, with Al-Qaida in it.",
               "PDF text: lines joined, hyphens, apostrophe, furniture");
    {
        /* line-end hyphens: the document's other spellings decide, then the language */
        struct glossa_text_options fr = {NULL, 0, "fr"};
        static const char text[] =
            "La coop\xC3\xA9ration entre les organisations r\xC3\xA9gionales et sous- \n\n"
            "r\xC3\xA9gionales se poursuit dans le cadre de la coop\xC3\xA9- \n\n"
            "ration internationale et de la lutte anti- \n\n"
            "terroriste, car la lutte anti-terroriste demande une action interna- \n\n"
            "tionale.\n";
        char *b = body_of(text, sizeof(text) - 1, &fr);
        is_str(b,
               "La coop\xC3\xA9ration entre les organisations r\xC3\xA9gionales et "
               "sous-r\xC3\xA9gionales se poursuit dans le cadre de la coop\xC3\xA9ration "
               "internationale et de la lutte anti-terroriste, car la lutte anti-terroriste "
               "demande une action internationale.",
               "line-end hyphens kept or removed");
        free(b);
    }
    {
        struct glossa_text_options keep = {NULL, 1, NULL};
        char *b = body_of("a line \n\nand its end\n", 20, &keep);
        is_str(b, "a line\nand its end", "--keep-layout keeps lines");
        free(b);
    }
}

static void test_samples(void)
{
    static const char *const names[] = {"en", "fr", "es", "ru"};
    const char *top = getenv("top_srcdir");
    char path[4096];
    for (size_t i = 0; i < 4; i++) {
        size_t len, len16;
        char *data, *data16;
        snprintf(path, sizeof(path), "%s/tests/data/S-2019-742/%s.txt", top ? top : "..", names[i]);
        data = membuf_slurp(path, &len);
        if (!data) {
            ok(0, path);
            printf("#   cannot read %s (is top_srcdir set?)\n", path);
            continue;
        }
        check_chunks(strrchr(path, '/') + 1, data, len);
        data16 = to_utf16le(data, len, &len16);
        if (i == 1) {
            char *a = body_of(data, len, NULL), *b = body_of(data16, len16, NULL);
            ok(a && b && !strcmp(a, b), "fr.txt in UTF-16LE gives the same body");
            free(a);
            free(b);
            snprintf(path, sizeof(path), "fr.txt in UTF-16LE");
            check_chunks(path, data16, len16);
        }
        if (i == 1) {
            struct glossa_text *t = NULL;
            struct glossa_error err;
            const char *body;
            glossa_error_init(&err);
            glossa_text_from_bytes("fr.txt", data, len, NULL, &t, &err);
            body = t ? glossa_text_body(t, NULL) : "";
            ok(strstr(body, "\xC3\xA0 savoir l\xE2\x80\x99\xC3\x89tat islamique d\xE2\x80\x99"
                            "Iraq et du Levant (EIIL), Al-Qaida et") != NULL,
               "fr.txt: paragraph 4 repaired");
            ok(!strstr(body, "15765") && !strstr(body, "Distr.") && !strstr(body, "S/2019"),
               "fr.txt: no furniture in the body");
            ok(strstr(body, "sous-r\xC3\xA9gionales") && strstr(body, "ja mais"),
               "fr.txt: sous-régionales and ja mais kept");
            check_position(t, "\xC3\x89tant donn\xC3\xA9", 109, 4, "fr.txt: position of para 1");
            glossa_text_free(t);
            glossa_error_release(&err);
        }
        free(data16);
        free(data);
    }
}

/* The characters the NFC pass skips must be those ICU would leave alone. */
static void test_nfc_inert(void)
{
    size_t bad = 0, n = 0;
    for (size_t r = 0; r < sizeof(glossa_nfc_inert_ranges) / sizeof(glossa_nfc_inert_ranges[0]);
         r++)
        for (uint32_t c = glossa_nfc_inert_ranges[r][0]; c <= glossa_nfc_inert_ranges[r][1]; c++) {
            n++;
            if (!glossa_nfc_inert(c) ||
                u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES ||
                u_getCombiningClass((UChar32)c) != 0) {
                if (bad++ == 0)
                    printf("#   U+%04X is not inert for ICU\n", (unsigned)c);
            }
        }
    ok(n > 1000 && bad == 0, "every character taken as NFC-inert is NFC_QC=Yes with class 0");
    ok(!glossa_nfc_inert(0x0301) && !glossa_nfc_inert(0x0483) && !glossa_nfc_inert(0x2000) &&
           !glossa_nfc_inert(0xF900),
       "combining marks and singletons are not inert");
}

int main(void)
{
    test_nfc_inert();
    test_decoding();
    test_layout();
    test_samples();
    glossa_lang_cleanup();
    return done_testing();
}

/* fuzz-text: the document decoder.
 *
 * The first byte chooses the options (encoding, layout repair, language) and
 * how the chunked reader splits the rest; the rest is the file. The input is
 * decoded twice, in one piece (glossa_text_from_bytes) and fed to the reader in
 * chunks, and both must agree: same result code, same body. A body must be
 * NUL-terminated UTF-8 without NUL bytes, with no newline at its end, and every
 * offset must map to a position in the original. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "glossa/text.h"

static const char *const encodings[] = {NULL,       NULL,     NULL,     "windows-1252",
                                        "UTF-16LE", "KOI8-R", "UTF-16", "Shift_JIS"};
static const char *const langs[] = {NULL, "en", "fr", "es", "ru", "ar", "zh", "de"};

static void check_body(const struct glossa_text *t)
{
    size_t len = (size_t)-1, line, column, prev_line = 0;
    const char *body = glossa_text_body(t, &len);
    FUZZ_CHECK(body && len != (size_t)-1);
    FUZZ_CHECK(body[len] == '\0');
    FUZZ_CHECK(strlen(body) == len);
    FUZZ_CHECK(fuzz_utf8_valid(body, len));
    FUZZ_CHECK(len == 0 || body[len - 1] != '\n');
    FUZZ_CHECK(glossa_text_name(t) != NULL);
    /* Positions: every offset maps somewhere (1-based), and paragraph starts
     * come in file order. */
    for (size_t i = 0; i <= len; i++) {
        if (i > 0 && i < len && body[i - 1] != '\n' && (i & 15))
            continue;
        line = column = 0;
        glossa_text_position(t, i, &line, &column);
        FUZZ_CHECK(line >= 1 && column >= 1);
        if (i == 0 || body[i - 1] == '\n') {
            FUZZ_CHECK(line >= prev_line);
            prev_line = line;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct glossa_text_options opts = {NULL, 0, NULL};
    struct glossa_text *whole = NULL, *chunked = NULL;
    struct glossa_text_reader *reader;
    struct glossa_error err1, err2;
    unsigned sel, chunk;
    int rc1, rc2;

    if (size < 1)
        return 0;
    sel = data[0];
    data++, size--;
    opts.encoding = encodings[sel & 7];
    opts.keep_layout = (sel >> 3) & 1;
    opts.lang = langs[(sel >> 4) & 7];
    chunk = 1 + (sel >> 7) * 6 + (unsigned)(size % 5); /* 1..11 bytes */

    glossa_error_init(&err1);
    glossa_error_init(&err2);
    rc1 = glossa_text_from_bytes("fuzz.txt", (const char *)data, size, &opts, &whole, &err1);
    FUZZ_CHECK(rc1 <= 0);
    FUZZ_CHECK((rc1 == 0) == (whole != NULL));
    if (rc1)
        FUZZ_CHECK(err1.code == rc1 && err1.message != NULL);
    else
        check_body(whole);

    reader = glossa_text_reader_new("fuzz.txt", &opts);
    FUZZ_CHECK(reader != NULL);
    rc2 = 0;
    for (size_t off = 0; off < size && !rc2; off += chunk)
        rc2 = glossa_text_reader_feed(reader, (const char *)data + off,
                                      size - off < chunk ? size - off : chunk, &err2);
    if (!rc2)
        rc2 = glossa_text_reader_finish(reader, &chunked, &err2);
    glossa_text_reader_free(reader);

    FUZZ_CHECK(rc1 == rc2);
    if (rc1) {
        FUZZ_CHECK(err1.line == err2.line && err1.column == err2.column);
    } else {
        size_t len1, len2;
        const char *b1 = glossa_text_body(whole, &len1), *b2 = glossa_text_body(chunked, &len2);
        FUZZ_CHECK(len1 == len2 && memcmp(b1, b2, len1) == 0);
        for (size_t i = 0; i <= len1; i += 1 + len1 / 8) {
            size_t l1, c1, l2, c2;
            glossa_text_position(whole, i, &l1, &c1);
            glossa_text_position(chunked, i, &l2, &c2);
            FUZZ_CHECK(l1 == l2 && c1 == c2);
        }
    }
    glossa_text_free(whole);
    glossa_text_free(chunked);
    glossa_error_release(&err1);
    glossa_error_release(&err2);
    return 0;
}

/* fuzz-docx: the DOCX reader.
 *
 * First byte: bit 7 set, the rest is a whole archive for glossa_docx_from_bytes
 * (libzip and the part limit on hostile zips; the part limit is small so that
 * the fuzzer meets it); clear, the rest is one XML part for docx_part_text,
 * read once in one piece and once in chunks of (first byte & 0x7F) + 1 bytes,
 * and both must agree: same result code, same text. The text must be UTF-8
 * without NUL bytes, every paragraph ended by '\n'. */
#include "config.h"

#include <string.h>

#include "docx-private.h"
#include "../unit/membuf.h"
#include "fuzz.h"
#include "glossa/docx.h"

/* The DOCX part reader's callback also takes an error: a membuf cannot fail. */
static long chunk_read(void *ctx, char *buf, size_t n, struct glossa_error *err)
{
    (void)err;
    return membuf_read(ctx, buf, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *rest = (const char *)data + 1;
    struct glossa_error err;
    if (size < 1)
        return 0;
    glossa_error_init(&err);
    if (data[0] & 0x80) {
        struct glossa_text_options opts = {NULL, 0, "en"};
        struct glossa_text *t = NULL;
        int rc = glossa_docx_from_bytes("fuzz.docx", rest, size - 1, 1 << 16, &opts, &t, &err);
        FUZZ_CHECK(rc <= 0);
        FUZZ_CHECK((rc == 0) == (t != NULL));
        if (t) {
            size_t len;
            const char *body = glossa_text_body(t, &len);
            FUZZ_CHECK(fuzz_utf8_valid(body, len));
        }
        glossa_text_free(t);
    } else {
        struct membuf whole = {rest, size - 1, 0, size}, parts = {rest, size - 1, 0, 0};
        struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
        int ra, rb;
        parts.chunk = (size_t)(data[0] & 0x7F) + 1;
        ra = docx_part_text("fuzz.docx", "word/document.xml", chunk_read, &whole, &a, &err);
        glossa_error_release(&err);
        rb = docx_part_text("fuzz.docx", "word/document.xml", chunk_read, &parts, &b, &err);
        FUZZ_CHECK(ra == rb);
        if (ra == 0) {
            FUZZ_CHECK(a.len == b.len && (a.len == 0 || !memcmp(a.buf, b.buf, a.len)));
            FUZZ_CHECK(fuzz_utf8_valid(a.buf ? a.buf : "", a.len));
            FUZZ_CHECK(a.len == 0 || memchr(a.buf, '\0', a.len) == NULL);
        }
        strbuf_release(&a);
        strbuf_release(&b);
    }
    glossa_error_release(&err);
    return 0;
}

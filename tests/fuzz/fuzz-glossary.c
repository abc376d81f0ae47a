/* fuzz-glossary: the glossary reader (CSV through csvio and libcsv).
 *
 * The first byte chooses the delimiter (or detection), whether header-less
 * languages are given, and the chunk size for the record reader; the rest is
 * the file. The CSV reader must give the same records whether fed in one piece
 * or in chunks. A glossary that reads must write, read back its own output
 * without problems, and write it again byte for byte. */
#include "config.h"

#include <string.h>

#include "csvio.h"
#include "fuzz.h"
#include "glossa/glossary.h"
#include "strbuf.h"

/* Serialises each record (line, cells) into a strbuf to compare two parses. */
static int record(void *ctx, size_t line, size_t ncells, const char *const *cells,
                  const size_t *lens, struct glossa_error *err)
{
    struct strbuf *sb = ctx;
    strbuf_addf(sb, "%zu:%zu", line, ncells);
    for (size_t i = 0; i < ncells; i++) {
        FUZZ_CHECK(strlen(cells[i]) == lens[i]);
        strbuf_addf(sb, "|%zu:", lens[i]);
        strbuf_add(sb, cells[i], lens[i]);
    }
    strbuf_addch(sb, '\n');
    return 0;
}

static int parse(const char *data, size_t len, unsigned char delim, size_t chunk,
                 struct strbuf *out, struct glossa_error *err)
{
    struct glossa_csv_reader *r = glossa_csv_reader_new(delim, record, out);
    int rc = 0;
    FUZZ_CHECK(r != NULL);
    for (size_t off = 0; off < len && !rc; off += chunk)
        rc = glossa_csv_reader_feed(r, data + off, len - off < chunk ? len - off : chunk, err);
    if (!rc)
        rc = glossa_csv_reader_finish(r, err);
    glossa_csv_reader_free(r);
    return rc;
}

static char *write_glossary(const struct glossa_glossary *g, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(glossa_glossary_write(g, f, 0, NULL) == 0);
    FUZZ_CHECK(fclose(f) == 0);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned char delims[] = {0, 0, ',', ';', '\t', 0, 0, 0};
    static const char *const langs[] = {"en", "fr", "ru"};
    struct glossa_glossary_options opts = {NULL, 0, 0, 0};
    struct glossa_glossary *g = NULL, *again = NULL;
    struct glossa_error err1, err2;
    struct strbuf whole, chunked;
    const char *text = (const char *)data + 1;
    size_t len, chunk;
    int rc1, rc2;

    if (size < 1)
        return 0;
    len = size - 1;
    opts.delimiter = delims[data[0] & 7];
    if ((data[0] >> 3) & 1) {
        opts.langs = langs;
        opts.nlangs = 3;
    }
    chunk = 1 + (data[0] >> 4); /* 1..16 */

    glossa_error_init(&err1);
    glossa_error_init(&err2);
    strbuf_init(&whole);
    strbuf_init(&chunked);
    rc1 = parse(text, len, opts.delimiter, len ? len : 1, &whole, &err1);
    rc2 = parse(text, len, opts.delimiter, chunk, &chunked, &err2);
    if (rc1 != rc2 || err1.line != err2.line || err1.byte != err2.byte)
        fprintf(stderr, "whole: %d line %zu byte %zu %s\nchunks of %zu: %d line %zu byte %zu %s\n",
                rc1, err1.line, err1.byte, err1.message ? err1.message : "", chunk, rc2, err2.line,
                err2.byte, err2.message ? err2.message : "");
    FUZZ_CHECK(rc1 == rc2);
    FUZZ_CHECK(err1.line == err2.line && err1.byte == err2.byte);
    if (!rc1)
        FUZZ_CHECK(whole.len == chunked.len && memcmp(whole.buf, chunked.buf, whole.len) == 0);
    strbuf_release(&whole);
    strbuf_release(&chunked);
    glossa_error_release(&err1);
    glossa_error_release(&err2);

    rc1 = glossa_glossary_read_buffer(text, len, "fuzz.csv", &opts, &g, &err1);
    FUZZ_CHECK(rc1 <= 0);
    FUZZ_CHECK((rc1 == 0) == (g != NULL));
    if (rc1 == 0) {
        size_t len1, len2;
        char *out1 = write_glossary(g, &len1), *out2;
        size_t ncols = glossa_glossary_column_count(g);
        for (size_t r = 0; r < glossa_glossary_row_count(g); r++)
            for (size_t c = 0; c < ncols; c++)
                FUZZ_CHECK(glossa_glossary_cell(g, r, c) != NULL);
        rc2 = glossa_glossary_read_buffer(out1, len1, "again.csv", NULL, &again, &err2);
        if (rc2)
            fprintf(stderr, "re-read: %s (line %zu)\n", err2.message ? err2.message : "?",
                    err2.line);
        FUZZ_CHECK(rc2 == 0);
        FUZZ_CHECK(glossa_glossary_problem_count(again) == 0);
        out2 = write_glossary(again, &len2);
        FUZZ_CHECK(len1 == len2 && memcmp(out1, out2, len1) == 0);
        free(out1);
        free(out2);
    } else {
        FUZZ_CHECK(err1.code == rc1);
    }
    glossa_glossary_free(g);
    glossa_glossary_free(again);
    glossa_error_release(&err1);
    glossa_error_release(&err2);
    return 0;
}

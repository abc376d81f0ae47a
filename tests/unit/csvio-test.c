/* Unit tests for csvio: every input is fed in chunks of every size from 1
 * byte, so split BOMs, split UTF-8 sequences, split quotes and split CR LF
 * pairs are all exercised. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "tap.h"

/* Records as text: "LINE:cell|cell\n" per record. */
static int collect(void *ctx, size_t line, size_t n, const char *const *cells, const size_t *lens,
                   struct glossa_error *err)
{
    struct strbuf *sb = ctx;
    (void)err;
    strbuf_addf(sb, "%zu:", line);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_addch(sb, '|');
        strbuf_add(sb, cells[i], lens[i]);
    }
    strbuf_addch(sb, '\n');
    return 0;
}

/* Parses input in chunks of `chunk` bytes; returns the records or NULL on error
 * (err filled). */
static char *parse_chunked(const char *input, size_t len, size_t chunk, unsigned char *delim,
                           struct glossa_error *err)
{
    struct strbuf sb = STRBUF_INIT;
    struct glossa_csv_reader *r = glossa_csv_reader_new(0, collect, &sb);
    int rc = 0;
    for (size_t off = 0; off < len && !rc; off += chunk)
        rc = glossa_csv_reader_feed(r, input + off, len - off < chunk ? len - off : chunk, err);
    if (!rc)
        rc = glossa_csv_reader_finish(r, err);
    if (delim)
        *delim = glossa_csv_reader_delimiter(r);
    glossa_csv_reader_free(r);
    if (rc) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb, NULL);
}

static void records_are(const char *input, const char *want, unsigned char want_delim,
                        const char *name)
{
    size_t len = strlen(input);
    int good = 1;
    for (size_t chunk = 1; chunk <= len && good; chunk++) {
        struct glossa_error err;
        unsigned char delim = 0;
        char *got;
        glossa_error_init(&err);
        got = parse_chunked(input, len, chunk, &delim, &err);
        if (!got || strcmp(got, want) || delim != want_delim) {
            printf("# chunk size %zu: delimiter '%c'\n# got:\n%s\n# want:\n%s\n# error: %s\n",
                   chunk, delim, got ? got : "(error)", want, err.message ? err.message : "");
            good = 0;
        }
        free(got);
        glossa_error_release(&err);
    }
    ok(good, name);
}

static void fails_at(const char *input, size_t len, int want_code, size_t want_line,
                     size_t want_byte, const char *name)
{
    int good = 1;
    for (size_t chunk = 1; chunk <= len && good; chunk++) {
        struct glossa_error err;
        char *got;
        glossa_error_init(&err);
        got = parse_chunked(input, len, chunk, NULL, &err);
        if (got || err.code != want_code || err.line != want_line || err.byte != want_byte) {
            printf("# chunk size %zu: code %d line %zu byte %zu (%s)\n", chunk, err.code, err.line,
                   err.byte, err.message ? err.message : "");
            good = 0;
        }
        free(got);
        glossa_error_release(&err);
    }
    ok(good, name);
}

static void cell_is(const char *cell, unsigned char delim, const char *want, const char *name)
{
    struct strbuf sb = STRBUF_INIT;
    glossa_csv_append_cell(&sb, cell, strlen(cell), delim);
    is_str(sb.buf, want, name);
    strbuf_release(&sb);
}

int main(void)
{
    records_are("en,fr\nCSTO,OTSC\n", "1:en|fr\n2:CSTO|OTSC\n", ',', "plain comma file");
    records_are("en,fr\nCSTO,OTSC", "1:en|fr\n2:CSTO|OTSC\n", ',', "no final newline");
    records_are("\xEF\xBB\xBF"
                "en;fr\r\n\"two\r\nlines\";z\r\n\r\nq;\"a \"\"b\"\"\"\r\n",
                "1:en|fr\n2:two\nlines|z\n4:\n5:q|a \"b\"\n", ';',
                "BOM, semicolons, CRLF, quoted newline, blank line, doubled quotes");
    records_are("en\tfr\nUN\tONU\n", "1:en|fr\n2:UN|ONU\n", '\t', "tab delimiter detected");
    records_are("a;b;c,d\n", "1:a|b|c,d\n", ';', "most frequent delimiter wins");
    records_are(" a , b \n", "1: a | b \n", ',', "spaces are data");
    records_are("en,fr\r\nx,y\r\n\r\n\r\nz,w\r\n", "1:en|fr\n2:x|y\n3:\n4:\n5:z|w\n", ',',
                "blank CRLF lines keep line numbers right");
    records_are("en,fr\rx,y\r", "1:en|fr\n2:x|y\n", ',', "old Mac CR line ends");
    records_are("\"en\",\"fr\"\n\"a\nb\nc\",d\ne,f\n", "1:en|fr\n2:a\nb\nc|d\n5:e|f\n", ',',
                "a record after a three-line cell starts on the right line");
    records_are("en,fr\n,x\n\ny,\n\"q\"\"\",z\nw,v\n\"a\nb\"\nu,t\n",
                "1:en|fr\n2:|x\n3:\n4:y|\n5:q\"|z\n6:w|v\n7:a\nb\n9:u|t\n", ',',
                "plain lines (split without libcsv) around quoted ones: empty first and last "
                "cells, a blank line");
    records_are("en,fr,,\nx,y,,\n", "1:en|fr||\n2:x|y||\n", ',', "trailing empty cells kept");
    records_are("\xD0\x9E\xD0\x94\xD0\x9A\xD0\x91,\xE4\xB8\xAD\n",
                "1:\xD0\x9E\xD0\x94\xD0\x9A\xD0\x91|\xE4\xB8\xAD\n", ',',
                "multi-byte UTF-8 split at every point");

    fails_at("en,fr\nx,\xC3\x28\n", 11, GLOSSA_EENCODING, 2, 3,
             "invalid UTF-8 names line and byte");
    fails_at("en,fr\nx,y\xE2\x82", 11, GLOSSA_EENCODING, 2, 4, "truncated UTF-8 at the end");
    fails_at("\xEF\xBB\xBF\xFF", 4, GLOSSA_EENCODING, 1, 4, "byte after a BOM counts the BOM");
    fails_at("en,fr\n\xED\xA0\x80\n", 10, GLOSSA_EENCODING, 2, 1, "surrogates are not UTF-8");
    fails_at("en,fr\nx\0y\n", 10, GLOSSA_EBINARY, 2, 2, "NUL byte is a binary file");
    fails_at("en,fr\n\"open,x\n", 14, GLOSSA_ECSV, 2, 0, "unclosed quote");
    fails_at("en,fr\nx,y\na\"b,c\n", 16, GLOSSA_ECSV, 3, 0, "quote inside an unquoted cell");

    cell_is("plain", ',', "plain", "plain cell unquoted");
    cell_is("a,b", ',', "\"a,b\"", "delimiter quoted");
    cell_is("a;b", ',', "a;b", "other delimiter not quoted");
    cell_is("say \"x\"", ',', "\"say \"\"x\"\"\"", "quotes doubled");
    cell_is("two\nlines", ',', "\"two\nlines\"", "newline quoted");
    cell_is("", ',', "", "empty cell");
    return done_testing();
}

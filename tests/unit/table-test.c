/* Unit tests for table: CSV, TSV and JSON output. */
#include "config.h"

#include <stdlib.h>

#include "table.h"
#include "tap.h"

static const struct table_column cols[] = {{"term", 0}, {"count", 1}};

static char *render(enum table_format fmt, const char *term, const char *count, int rows)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct table t;
    const char *values[2] = {term, count};
    table_begin(&t, f, fmt, cols, 2);
    for (int i = 0; i < rows; i++)
        table_row(&t, values);
    table_end(&t);
    fclose(f);
    return buf;
}

static void check(enum table_format fmt, const char *term, const char *count, int rows,
                  const char *want, const char *name)
{
    char *got = render(fmt, term, count, rows);
    is_str(got, want, name);
    free(got);
}

int main(void)
{
    enum table_format fmt;
    ok(table_format_parse("json", &fmt) == 0 && fmt == TABLE_JSON, "json parses");
    ok(table_format_parse("xml", &fmt) == -1, "unknown format refused");
    check(TABLE_CSV, "CSTO", "2", 1, "term,count\nCSTO,2\n", "plain CSV field unquoted");
    check(TABLE_CSV, "Treaty, \"Collective\"", "1", 1,
          "term,count\n\"Treaty, \"\"Collective\"\"\",1\n", "CSV quotes commas and quotes");
    check(TABLE_CSV, "a\nb", "1", 1, "term,count\n\"a\nb\",1\n", "CSV quotes line breaks");
    check(TABLE_TSV, "a\tb\nc", "1", 1, "term\tcount\na b c\t1\n",
          "TSV flattens tabs and newlines");
    check(TABLE_JSON, "l\xE2\x80\x99\xC3\x89tat \"x\"\\", "3", 1,
          "[\n{\"term\": \"l\xE2\x80\x99\xC3\x89tat \\\"x\\\"\\\\\", \"count\": 3}\n]\n",
          "JSON escapes quotes and backslashes, keeps UTF-8");
    check(TABLE_JSON, "\x01", "", 1, "[\n{\"term\": \"\\u0001\", \"count\": null}\n]\n",
          "JSON escapes control characters; empty number is null");
    check(TABLE_JSON, "x", "1", 0, "[]\n", "empty JSON table");
    check(TABLE_JSON, "x", "1", 2,
          "[\n{\"term\": \"x\", \"count\": 1},\n{\"term\": \"x\", \"count\": 1}\n]\n",
          "JSON rows separated by commas");
    return done_testing();
}

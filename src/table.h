/* table: rows written as CSV (RFC 4180), TSV or JSON — the output format of
 * commands that print records (extract, segment, check).
 *
 * A table has fixed columns, each a string or a number. CSV quotes a field only
 * when it must (comma, quote, CR or LF inside); TSV has no quoting, so tabs and
 * line breaks inside a field become spaces; JSON is an array of objects, one
 * per line, keys in column order, numbers unquoted. */
#ifndef GLOSSA_TABLE_H
#define GLOSSA_TABLE_H

#include <stdio.h>

enum table_format { TABLE_CSV, TABLE_TSV, TABLE_JSON };

struct table_column {
    const char *name;
    int numeric; /* 1: the value is written bare in JSON */
};

struct table {
    FILE *f; /* borrowed */
    enum table_format format;
    const struct table_column *columns; /* borrowed */
    size_t ncolumns;
    size_t rows;
    int failed; /* set when a row could not be written whole (out of memory) */
};

/* Parses "csv", "tsv", "json"; returns 0 or -1. */
int table_format_parse(const char *name, enum table_format *format);

/* Starts a table on f (writes the header row, or '[' for JSON). */
void table_begin(struct table *t, FILE *f, enum table_format format,
                 const struct table_column *columns, size_t ncolumns);

/* Writes one row: values[i] (borrowed, UTF-8, NUL-terminated) for column i. */
void table_row(struct table *t, const char *const *values);

/* Ends the table (']' for JSON). */
void table_end(struct table *t);

/* Writes s as a JSON string literal (with quotes) to f. */
void table_json_string(FILE *f, const char *s);

#endif

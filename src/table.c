/* table: CSV, TSV and JSON record output.
 *
 * Only output: reading CSV is csvio's job (and its cell quoting is used here).
 * Write errors are not reported per call; callers check ferror() once when they
 * finish (cli_output_commit does) and table.failed for out-of-memory. */
#include "config.h"

#include <string.h>

#include "csvio.h"
#include "jsonout.h"
#include "strbuf.h"
#include "table.h"

int table_format_parse(const char *name, enum table_format *format)
{
    if (!strcmp(name, "csv"))
        *format = TABLE_CSV;
    else if (!strcmp(name, "tsv"))
        *format = TABLE_TSV;
    else if (!strcmp(name, "json"))
        *format = TABLE_JSON;
    else
        return -1;
    return 0;
}

static void csv_field(struct table *t, const char *s)
{
    struct strbuf cell = STRBUF_INIT;
    if (glossa_csv_append_cell(&cell, s, strlen(s), ',') == 0)
        fwrite(cell.buf, 1, cell.len, t->f);
    else
        t->failed = 1;
    strbuf_release(&cell);
}

static void tsv_field(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

void table_json_string(FILE *f, const char *s)
{
    struct strbuf lit = STRBUF_INIT;
    if (jsonout_cstring(&lit, s) == 0)
        fwrite(lit.buf, 1, lit.len, f);
    else
        fputs("null", f);
    strbuf_release(&lit);
}

void table_begin(struct table *t, FILE *f, enum table_format format,
                 const struct table_column *columns, size_t ncolumns)
{
    t->f = f;
    t->format = format;
    t->columns = columns;
    t->ncolumns = ncolumns;
    t->rows = 0;
    t->failed = 0;
    if (format == TABLE_JSON) {
        fputs("[", f);
        return;
    }
    for (size_t i = 0; i < ncolumns; i++) {
        if (i)
            fputc(format == TABLE_CSV ? ',' : '\t', f);
        fputs(columns[i].name, f);
    }
    fputc('\n', f);
}

void table_row(struct table *t, const char *const *values)
{
    if (t->format == TABLE_JSON) {
        fputs(t->rows ? ",\n{" : "\n{", t->f);
        for (size_t i = 0; i < t->ncolumns; i++) {
            if (i)
                fputs(", ", t->f);
            table_json_string(t->f, t->columns[i].name);
            fputs(": ", t->f);
            if (t->columns[i].numeric && values[i][0])
                fputs(values[i], t->f);
            else if (t->columns[i].numeric)
                fputs("null", t->f);
            else
                table_json_string(t->f, values[i]);
        }
        fputc('}', t->f);
    } else {
        for (size_t i = 0; i < t->ncolumns; i++) {
            if (i)
                fputc(t->format == TABLE_CSV ? ',' : '\t', t->f);
            if (t->format == TABLE_CSV)
                csv_field(t, values[i]);
            else
                tsv_field(t->f, values[i]);
        }
        fputc('\n', t->f);
    }
    t->rows++;
}

void table_end(struct table *t)
{
    if (t->format == TABLE_JSON)
        fputs(t->rows ? "\n]\n" : "]\n", t->f);
}

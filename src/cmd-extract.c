/* glossa extract: the term list (or every occurrence) of one or more documents.
 *
 * Each FILE is read and segmented on its own; terms of all files go into one
 * table. With --occurrences every occurrence is a row, located in its file. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "document.h"
#include "glossa/extract.h"
#include "table.h"

enum { OPT_OCCURRENCES = 256, OPT_FORMAT, OPT_LANG, OPT_ENCODING, OPT_KEEP_LAYOUT };

static const struct cli_option options[] = {
    {"occurrences", OPT_OCCURRENCES, no_argument, NULL,
     "one row per occurrence instead of per term"},
    {"format", OPT_FORMAT, required_argument, "FMT", "csv (default), tsv or json"},
    {"output", 'o', required_argument, "FILE", "write to FILE (atomically) instead of stdout"},
    {"lang", OPT_LANG, required_argument, "LANG", "language of FILEs given without LANG:"},
    {"encoding", OPT_ENCODING, required_argument, "NAME", "decode input as NAME (windows-1252...)"},
    {"keep-layout", OPT_KEEP_LAYOUT, no_argument, NULL, "take lines as paragraphs (no PDF repair)"},
    {NULL, 0, 0, NULL, NULL},
};

static int run(int argc, char **argv);

const struct cli_command cmd_extract = {
    "extract",
    "list the acronyms (with long forms) and named entities of documents",
    "[--occurrences] [--format=csv|tsv|json] [-o FILE] [LANG:]FILE...",
    "Reads each FILE (a language version of a document; '-' is standard input) and lists\n"
    "its acronyms, with their long forms where the document defines them, and its named\n"
    "entities: one row per distinct term with its count and first position, or with\n"
    "--occurrences one row per occurrence. The language is taken from LANG: or --lang,\n"
    "or detected.",
    options,
    run,
};

static const struct table_column term_columns[] = {
    {"lang", 0},       {"type", 0},         {"term", 0},       {"expansion", 0}, {"count", 1},
    {"first_line", 1}, {"first_column", 1}, {"confidence", 1}, {"file", 0},      {"expansions", 1},
};

static const struct table_column occurrence_columns[] = {
    {"file", 0}, {"line", 1},      {"column", 1},     {"lang", 0}, {"type", 0},
    {"term", 0}, {"expansion", 0}, {"confidence", 1}, {"rule", 0},
};

struct occurrence_sink {
    struct table *table;
};

static int write_occurrence(const struct glossa_occurrence *occ, void *ctx)
{
    struct occurrence_sink *sink = ctx;
    char line[24], column[24], conf[16];
    char *term = strndup(occ->term, occ->term_len);
    char *exp = strndup(occ->expansion, occ->expansion_len);
    const char *values[9];
    if (!term || !exp) {
        free(term);
        free(exp);
        return GLOSSA_ENOMEM;
    }
    snprintf(line, sizeof(line), "%zu", occ->line);
    snprintf(column, sizeof(column), "%zu", occ->column);
    snprintf(conf, sizeof(conf), "%.2f", occ->confidence);
    values[0] = occ->file;
    values[1] = line;
    values[2] = column;
    values[3] = occ->lang;
    values[4] = glossa_term_type_name(occ->type);
    values[5] = term;
    values[6] = exp;
    values[7] = conf;
    values[8] = occ->rule ? occ->rule : "";
    table_row(sink->table, values);
    free(term);
    free(exp);
    return 0;
}

static void write_terms(struct table *t, const struct glossa_termlist *list)
{
    size_t n;
    const struct glossa_term *terms = glossa_termlist_items(list, &n);
    for (size_t i = 0; i < n; i++) {
        const struct glossa_term *term = &terms[i];
        char count[24], line[24], column[24], conf[16], nexp[24];
        const char *values[10];
        snprintf(count, sizeof(count), "%zu", term->count);
        snprintf(line, sizeof(line), "%zu", term->first_line);
        snprintf(column, sizeof(column), "%zu", term->first_column);
        snprintf(conf, sizeof(conf), "%.2f", term->confidence);
        snprintf(nexp, sizeof(nexp), "%zu", term->nexpansions);
        values[0] = term->lang;
        values[1] = glossa_term_type_name(term->type);
        values[2] = term->term;
        values[3] = term->expansion;
        values[4] = count;
        values[5] = line;
        values[6] = column;
        values[7] = conf;
        values[8] = term->first_file ? term->first_file : "";
        values[9] = nexp;
        table_row(t, values);
    }
}

static int run(int argc, char **argv)
{
    struct document_options dopts = {0};
    enum table_format format = TABLE_CSV;
    const char *output = NULL;
    int occurrences = 0, c, rc = EXIT_OK;
    struct cli_output out;
    struct table table = {0};
    struct glossa_termlist *terms = NULL;
    struct occurrence_sink sink = {&table};

    optind = 1;
    while ((c = cli_getopt(&cmd_extract, argc, argv)) != -1) {
        switch (c) {
        case 'h':
            return EXIT_OK;
        case OPT_OCCURRENCES:
            occurrences = 1;
            break;
        case OPT_FORMAT:
            if (table_format_parse(optarg, &format))
                return cli_usage_error(&cmd_extract, "unknown format '%s' (csv, tsv, json)",
                                       optarg);
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_LANG:
            if (!glossa_lang_canonical(optarg, dopts.lang))
                return cli_usage_error(&cmd_extract,
                                       "unknown language '%s' (supported: en, fr, es, ru, ar, zh)",
                                       optarg);
            break;
        case OPT_ENCODING:
            dopts.text.encoding = optarg;
            break;
        case OPT_KEEP_LAYOUT:
            dopts.text.keep_layout = 1;
            break;
        default:
            return EXIT_TROUBLE;
        }
    }
    if (optind >= argc)
        return cli_usage_error(&cmd_extract, "no input file");
    if (!occurrences && !(terms = glossa_termlist_new()))
        return cli_report(NULL, "out of memory");
    if ((rc = cli_output_open(&out, output))) {
        glossa_termlist_free(terms);
        return rc;
    }
    /* The term list is written once every file has been read, so that a bad file
     * leaves no partial table; occurrences stream, the header after the first
     * file opened. */
    for (int i = optind; i < argc && rc == EXIT_OK; i++) {
        struct document doc;
        if ((rc = document_open(&doc, argv[i], &dopts)))
            break;
        if (occurrences && i == optind)
            table_begin(&table, out.f, format, occurrence_columns, 9);
        rc = document_extract(&doc, occurrences ? write_occurrence : glossa_termlist_add_cb,
                              occurrences ? (void *)&sink : (void *)terms);
        document_close(&doc);
    }
    if (rc == EXIT_OK) {
        if (terms) {
            table_begin(&table, out.f, format, term_columns, 10);
            write_terms(&table, terms);
        }
        table_end(&table);
        rc = table.failed ? cli_report(NULL, "cannot write the table: out of memory")
                          : cli_output_commit(&out);
    }
    if (rc != EXIT_OK)
        cli_output_abort(&out);
    glossa_termlist_free(terms);
    return rc;
}

/* glossa extract: the term list (or every occurrence) of one or more documents.
 *
 * Each FILE is read and segmented on its own; terms of all files go into one
 * table. With --occurrences every occurrence is a row, located in its file.
 *
 * Many documents (folders with -r, --files-from) are worked on by -j threads
 * through the corpus runner: a worker records a document's occurrences (their
 * strings in one arena), and the main thread replays them, in input order,
 * into the term list or the output, so the output is the same for any -j.
 * Each worker keeps one extractor per language: finders are not shared. */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "corpus.h"
#include "document.h"
#include "strbuf.h"
#include "glossa/extract.h"
#include "glossa/glossary.h"
#include "glossa/merge.h"
#include "table.h"

enum {
    OPT_OCCURRENCES = 256,
    OPT_FORMAT,
    OPT_LANG,
    OPT_ENCODING,
    OPT_KEEP_LAYOUT,
    OPT_FILES_FROM,
    OPT_QUIET,
};

static const struct cli_option options[] = {
    {"occurrences", OPT_OCCURRENCES, no_argument, NULL,
     "one row per occurrence instead of per term"},
    {"format", OPT_FORMAT, required_argument, "FMT",
     "csv (default), tsv, json, or glossary (a glossary CSV that glossa merge joins)"},
    {"output", 'o', required_argument, "FILE", "write to FILE (atomically) instead of stdout"},
    {"lang", OPT_LANG, required_argument, "LANG", "language of FILEs given without LANG:"},
    {"encoding", OPT_ENCODING, required_argument, "NAME", "decode input as NAME (windows-1252...)"},
    {"keep-layout", OPT_KEEP_LAYOUT, no_argument, NULL, "take lines as paragraphs (no PDF repair)"},
    CLI_OPTION_INPUT_FORMAT,
    {"recursive", 'r', no_argument, NULL, "read the files under folders (sorted by name)"},
    {"files-from", OPT_FILES_FROM, required_argument, "FILE",
     "read the inputs from FILE, one per line ('LANG:PATH LANG:PATH' makes one document)"},
    {"jobs", 'j', required_argument, "N", "work on N documents at a time (default: the cores)"},
    {"quiet", OPT_QUIET, no_argument, NULL, "no progress line on a terminal"},
    {NULL, 0, 0, NULL, NULL},
};

static int run(int argc, char **argv);

const struct cli_command cmd_extract = {
    "extract",
    "list the acronyms (with long forms) and named entities of documents",
    "[--occurrences] [--format=csv|tsv|json|glossary] [-o FILE] [-r] [-j N] [--files-from=LIST] "
    "[LANG:]FILE...",
    "Reads each FILE (a language version of a document; '-' is standard input) and lists\n"
    "its acronyms, with their long forms where the document defines them, and its named\n"
    "entities: one row per distinct term with its count and first position, or with\n"
    "--occurrences one row per occurrence. The language is taken from LANG: or --lang,\n"
    "or detected. Folders are read with -r; files named NAME.LANG.txt, or LANG.txt in a\n"
    "folder NAME, are the LANG versions of document NAME. Output is the same whatever -j is.",
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

/* One occurrence recorded by a worker: strings are offsets in the arena. */
struct record {
    size_t file, term, term_len, expansion, expansion_len;
    size_t offset, line, column, exp_offset;
    double confidence;
    const char *rule;
    char lang[3];
    enum glossa_term_type type;
};

struct extract_result {
    struct strbuf arena;
    struct record *records;
    size_t n, alloc;
    const char *last_file; /* the file name of the previous record, and its offset */
    size_t last_file_off;
};

static int record_occurrence(const struct glossa_occurrence *occ, void *ctx)
{
    struct extract_result *r = ctx;
    struct record *rec;
    if (r->n == r->alloc) {
        size_t n = r->alloc ? r->alloc * 2 : 256;
        struct record *grown = realloc(r->records, sizeof(*grown) * n);
        if (!grown)
            return GLOSSA_ENOMEM;
        r->records = grown;
        r->alloc = n;
    }
    rec = &r->records[r->n];
    if (!r->last_file || r->last_file != occ->file) {
        r->last_file = occ->file;
        r->last_file_off = r->arena.len;
        if (strbuf_add(&r->arena, occ->file ? occ->file : "",
                       strlen(occ->file ? occ->file : "") + 1))
            return GLOSSA_ENOMEM;
    }
    rec->file = r->last_file_off;
    rec->term = r->arena.len;
    rec->term_len = occ->term_len;
    if (strbuf_add(&r->arena, occ->term, occ->term_len) || strbuf_addch(&r->arena, '\0'))
        return GLOSSA_ENOMEM;
    rec->expansion = r->arena.len;
    rec->expansion_len = occ->expansion_len;
    if (strbuf_add(&r->arena, occ->expansion, occ->expansion_len) || strbuf_addch(&r->arena, '\0'))
        return GLOSSA_ENOMEM;
    rec->offset = occ->offset;
    rec->line = occ->line;
    rec->column = occ->column;
    rec->exp_offset = occ->exp_offset;
    rec->confidence = occ->confidence;
    rec->rule = occ->rule;
    memcpy(rec->lang, occ->lang, 3);
    rec->type = occ->type;
    r->n++;
    return 0;
}

/* The file names of occurrences change when a version closes: forget it. */
static void forget_file(struct extract_result *r)
{
    r->last_file = NULL;
}

static void release_result(void *result)
{
    struct extract_result *r = result;
    strbuf_release(&r->arena);
    free(r->records);
    memset(r, 0, sizeof(*r));
}

/* A worker's extractors, one per language met. */
struct extract_state {
    char langs[8][3];
    struct glossa_extractor *ex[8];
    size_t n;
};

static void free_state(void *state)
{
    struct extract_state *st = state;
    for (size_t i = 0; i < st->n; i++)
        glossa_extractor_free(st->ex[i]);
    free(st);
}

static struct glossa_extractor **extractor_slot(struct extract_state *st, const char *lang)
{
    for (size_t i = 0; i < st->n; i++)
        if (!strcmp(st->langs[i], lang))
            return &st->ex[i];
    if (st->n == 8)
        return NULL;
    memcpy(st->langs[st->n], lang, 3);
    st->ex[st->n] = NULL;
    return &st->ex[st->n++];
}

struct extract_run {
    const struct document_options *dopts;
    struct glossa_glossary *glossary; /* --format=glossary: the documents merged so far */
    int occurrences;
    enum table_format format;
    struct table *table;
    FILE *out;
    struct glossa_termlist *terms;
    struct occurrence_sink *sink;
};

static int work(void *ctx, void **state, const struct corpus_document *d, void *result, FILE *diag)
{
    const struct extract_run *run = ctx;
    struct document_options dopts = *run->dopts;
    struct extract_state *st = *state;
    int rc = EXIT_OK;

    if (!st && !(st = *state = calloc(1, sizeof(*st))))
        return cli_report_to(diag, NULL, "out of memory");
    dopts.diag = diag;
    for (size_t i = 0; i < d->nversions && rc == EXIT_OK; i++) {
        const struct corpus_version *v = &d->versions[i];
        struct glossa_extractor *own = NULL, **ex;
        struct document document;
        if ((rc = document_open_path(&document, v->lang, v->path, &dopts)))
            break;
        ex = extractor_slot(st, document.lang);
        rc = document_extract_with(&document, ex ? ex : &own, record_occurrence, result);
        glossa_extractor_free(own);
        forget_file(result);
        document_close(&document);
    }
    return rc;
}

static const char *const glossary_columns[] = {
    "en",      "fr",   "es",     "ru",         "ar",    "zh",
    "concept", "type", "status", "confidence", "count", "source",
};
enum { GLOSSARY_LANGS = 6, GLOSSARY_COLUMNS = 12 };

/* An empty glossary with the columns of extract's glossaries; NULL when out of memory. */
static struct glossa_glossary *glossary_new(void)
{
    struct glossa_glossary *g = glossa_glossary_new("extract");
    for (size_t i = 0; g && i < GLOSSARY_COLUMNS; i++)
        if (glossa_glossary_add_column(g, glossary_columns[i], NULL) < 0) {
            glossa_glossary_free(g);
            return NULL;
        }
    return g;
}

static int glossary_add(struct glossa_glossary *g, const char *lang, const char *term,
                        const char *concept, const char *type, const char *confidence,
                        const char *count, const char *source)
{
    const char *cells[GLOSSARY_COLUMNS] = {0};
    for (size_t i = 0; i < GLOSSARY_LANGS; i++)
        if (!strcmp(glossary_columns[i], lang))
            cells[i] = term;
    cells[6] = concept;
    cells[7] = type;
    cells[8] = "candidate";
    cells[9] = confidence;
    cells[10] = count;
    cells[11] = source;
    return glossa_glossary_add_row(g, cells, GLOSSARY_COLUMNS, NULL) < 0 ? GLOSSA_ENOMEM : 0;
}

/* The glossary of one document (its terms, as candidates with the document
 * as source) joins run->glossary through merge: the run is then the merge of
 * its documents in input order, which is what glossa merge over the glossaries
 * of the same documents gives, however they are grouped. */
static int merge_document(struct extract_run *run, const struct glossa_termlist *terms,
                          const char *name)
{
    struct glossa_glossary *g = glossary_new();
    struct glossa_error err;
    size_t n;
    const struct glossa_term *items = glossa_termlist_items(terms, &n);
    int rc = g ? 0 : GLOSSA_ENOMEM;
    glossa_error_init(&err);
    for (size_t i = 0; i < n && !rc; i++) {
        const struct glossa_term *t = &items[i];
        char count[24], conf[16];
        char *concept = glossa_concept_id(t->term, strlen(t->term));
        if (!concept) {
            rc = GLOSSA_ENOMEM;
            break;
        }
        snprintf(count, sizeof(count), "%zu", t->count);
        snprintf(conf, sizeof(conf), "%.2f", t->confidence);
        rc = glossary_add(g, t->lang, t->term, concept, glossa_term_type_name(t->type), conf, count,
                          name);
        if (!rc && t->type == GLOSSA_TERM_ACRONYM && t->expansion[0])
            rc = glossary_add(g, t->lang, t->expansion, concept, "full-form", conf, count, name);
        free(concept);
    }
    if (!rc)
        rc = glossa_merge_sort(g, &err);
    if (!rc) {
        /* glossa_merge frees g, whatever it returns (merge.c takes the arena). */
        rc = glossa_merge(run->glossary, g, GLOSSA_MERGE_KEEP, NULL, &err);
        g = NULL;
    }
    glossa_glossary_free(g);
    if (rc) {
        if (!err.code)
            err.code = rc;
        cli_report(&err, "cannot merge the terms of '%s'", name);
    }
    glossa_error_release(&err);
    return rc ? EXIT_TROUBLE : EXIT_OK;
}

static int emit(void *ctx, const struct corpus_document *doc, void *result)
{
    struct extract_run *run = ctx;
    const struct extract_result *r = result;
    struct glossa_termlist *own = NULL;
    if (run->occurrences && !run->table->f)
        table_begin(run->table, run->out, run->format, occurrence_columns, 9);
    if (run->glossary && !(own = glossa_termlist_new()))
        return cli_report(NULL, "out of memory");
    for (size_t i = 0; i < r->n; i++) {
        const struct record *rec = &r->records[i];
        struct glossa_occurrence occ;
        int rc;
        memset(&occ, 0, sizeof(occ));
        occ.file = r->arena.buf + rec->file;
        memcpy(occ.lang, rec->lang, 3);
        occ.type = rec->type;
        occ.term = r->arena.buf + rec->term;
        occ.term_len = rec->term_len;
        occ.expansion = r->arena.buf + rec->expansion;
        occ.expansion_len = rec->expansion_len;
        occ.offset = rec->offset;
        occ.line = rec->line;
        occ.column = rec->column;
        occ.exp_offset = rec->exp_offset;
        occ.confidence = rec->confidence;
        occ.rule = rec->rule;
        rc = run->occurrences ? write_occurrence(&occ, run->sink)
                              : glossa_termlist_add(own ? own : run->terms, &occ);
        if (rc) {
            glossa_termlist_free(own);
            return cli_report(NULL, "out of memory");
        }
    }
    if (own) {
        int rc = merge_document(run, own, doc->name);
        glossa_termlist_free(own);
        return rc;
    }
    return EXIT_OK;
}

static int run(int argc, char **argv)
{
    struct document_options dopts = {0};
    enum table_format format = TABLE_CSV;
    const char *output = NULL;
    int occurrences = 0, quiet = 0, glossary = 0, c, rc = EXIT_OK;
    struct glossa_glossary *merged = NULL;
    unsigned jobs = 0;
    struct cli_output out;
    struct table table = {0};
    struct glossa_termlist *terms = NULL;
    struct occurrence_sink sink = {&table};
    struct corpus corpus;
    const char **lists = NULL;
    size_t nlists = 0;

    corpus_init(&corpus);
    optind = 1;
    while ((c = cli_getopt(&cmd_extract, argc, argv)) != -1) {
        switch (c) {
        case 'h':
            free(lists);
            return EXIT_OK;
        case OPT_OCCURRENCES:
            occurrences = 1;
            break;
        case OPT_FORMAT:
            if (!strcmp(optarg, "glossary"))
                glossary = 1;
            else if (table_format_parse(optarg, &format))
                rc = cli_usage_error(&cmd_extract, "unknown format '%s' (csv, tsv, json, glossary)",
                                     optarg);
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_LANG:
            if (!glossa_lang_canonical(optarg, dopts.lang))
                rc = cli_usage_error(&cmd_extract,
                                     "unknown language '%s' (supported: en, fr, es, ru, ar, zh)",
                                     optarg);
            break;
        case OPT_ENCODING:
            dopts.text.encoding = optarg;
            break;
        case OPT_KEEP_LAYOUT:
            dopts.text.keep_layout = 1;
            break;
        case CLI_OPT_INPUT_FORMAT:
            if (cli_input_format_arg(&cmd_extract, optarg, &dopts.input.format))
                return EXIT_TROUBLE;
            break;
        case 'r':
            corpus.recursive = 1;
            break;
        case OPT_FILES_FROM: {
            const char **grown = realloc(lists, sizeof(*grown) * (nlists + 1));
            if (!grown) {
                rc = cli_report(NULL, "out of memory");
                break;
            }
            lists = grown;
            lists[nlists++] = optarg;
            break;
        }
        case 'j':
            if (cli_parse_jobs(optarg, &jobs))
                rc = cli_usage_error(&cmd_extract, "-j wants a number from 1 to 1024, not '%s'",
                                     optarg);
            break;
        case OPT_QUIET:
            quiet = 1;
            break;
        default:
            rc = EXIT_TROUBLE;
        }
        if (rc)
            break;
    }
    if (!rc && optind >= argc && !nlists)
        rc = cli_usage_error(&cmd_extract, "no input file");
    for (int i = optind; i < argc && !rc; i++)
        rc = corpus_add(&corpus, argv[i]);
    for (size_t i = 0; i < nlists && !rc; i++)
        rc = corpus_add_list(&corpus, lists[i]);
    free(lists);
    if (!rc && glossary && occurrences)
        rc = cli_usage_error(&cmd_extract, "--format=glossary lists terms, not occurrences");
    if (!rc && glossary && !(merged = glossary_new()))
        rc = cli_report(NULL, "out of memory");
    if (!rc && !occurrences && !glossary && !(terms = glossa_termlist_new()))
        rc = cli_report(NULL, "out of memory");
    if (rc || (rc = cli_output_open(&out, output))) {
        glossa_termlist_free(terms);
        glossa_glossary_free(merged);
        corpus_release(&corpus);
        return rc;
    }
    {
        /* The term list is written once every document has been read, so that a
         * bad file leaves no partial table; occurrences stream, the header with
         * the first document. */
        struct extract_run xr = {&dopts, merged, occurrences, format, &table, out.f, terms, &sink};
        struct corpus_job job = {
            &xr, sizeof(struct extract_result), work, emit, release_result, free_state, "extract",
        };
        rc = corpus_run(&corpus, &job, jobs, !quiet && isatty(STDERR_FILENO));
    }
    if (rc == EXIT_OK && merged) {
        struct glossa_error err;
        glossa_error_init(&err);
        if (glossa_glossary_write(merged, out.f, 0, &err))
            rc = cli_report(&err, "cannot write the glossary");
        else
            rc = cli_output_commit(&out);
        glossa_error_release(&err);
    } else if (rc == EXIT_OK) {
        if (terms) {
            table_begin(&table, out.f, format, term_columns, 10);
            write_terms(&table, terms);
        } else if (!table.f)
            table_begin(&table, out.f, format, occurrence_columns, 9);
        table_end(&table);
        rc = table.failed ? cli_report(NULL, "cannot write the table: out of memory")
                          : cli_output_commit(&out);
    }
    if (rc != EXIT_OK)
        cli_output_abort(&out);
    glossa_termlist_free(terms);
    glossa_glossary_free(merged);
    corpus_release(&corpus);
    return rc;
}

/* glossa align: the language versions of one document in, one multilingual
 * glossary out.
 *
 * The first LANG:FILE is the pivot; every other version is aligned to it.
 * Seeds: the shipped lexicon (glossaries/seed-*.csv, found in
 * $GLOSSA_SEED_DIR, the installed data folder, or the source tree) unless
 * --no-default-seed, plus every --seed glossary; a seed with rows it cannot
 * take is an error, as in every glossa command. The glossary is written once
 * everything succeeded (atomically with -o). */
#include "config.h"

#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "document.h"
#include "glossa/align.h"
#include "glossa/glossary.h"
#include "glossa/lang.h"
#include "strbuf.h"

#define MAX_DOCS 16
#define MAX_CELLS (MAX_DOCS + 6)

#ifndef GLOSSA_SRCDIR
#define GLOSSA_SRCDIR "."
#endif

enum { OPT_SEED = 256, OPT_NO_DEFAULT_SEED, OPT_MIN_CONFIDENCE, OPT_FORCE };

static const struct cli_option options[] = {
    {"output", 'o', required_argument, "FILE", "write the glossary to FILE (atomically)"},
    {"seed", OPT_SEED, required_argument, "GLOSSARY",
     "prior knowledge: approved pairs are taken as given (repeatable)"},
    {"no-default-seed", OPT_NO_DEFAULT_SEED, no_argument, NULL,
     "do not load the shipped seed lexicon"},
    {"min-confidence", OPT_MIN_CONFIDENCE, required_argument, "X",
     "leave out rows below confidence X (0..1, default 0.3)"},
    {"force", OPT_FORCE, no_argument, NULL,
     "align even files whose anchors say they are not one document"},
    CLI_OPTION_INPUT_FORMAT,
    {NULL, 0, 0, NULL, NULL},
};

static int run(int argc, char **argv);

const struct cli_command cmd_align = {
    "align",
    "pair the terms of a document's language versions into one glossary",
    "[-o FILE] [--seed GLOSSARY]... [--min-confidence X] [--force] LANG:FILE LANG:FILE...",
    "Reads the language versions of one document (the first is the pivot), aligns their\n"
    "segments, and pairs their acronyms, long forms and named entities: CSTO = OTSC =\n"
    "ОДКБ. Writes one glossary in glossa's CSV format, a column per language, every row\n"
    "a candidate with its confidence. Exit status 2 when the files do not look like\n"
    "versions of one document (--force aligns them anyway).",
    options,
    run,
};

static int add_seed_glossary(struct glossa_aligner *al, const struct glossa_glossary *g)
{
    size_t ncols;
    const size_t *cols = glossa_glossary_lang_columns(g, &ncols);
    for (size_t r = 0; r < glossa_glossary_row_count(g); r++) {
        const char *langs[32], *terms[32];
        size_t n = 0;
        enum glossa_status st = glossa_glossary_row_status(g, r);
        if (st == GLOSSA_STATUS_DEPRECATED || st == GLOSSA_STATUS_FORBIDDEN)
            continue;
        for (size_t k = 0; k < ncols && n < 32; k++) {
            langs[n] = glossa_glossary_column_name(g, cols[k]);
            terms[n++] = glossa_glossary_cell(g, r, cols[k]);
        }
        if (glossa_aligner_add_seed(al, langs, terms, n,
                                    st == GLOSSA_STATUS_APPROVED || st == GLOSSA_STATUS_UNSET,
                                    glossa_glossary_meta(g, r, GLOSSA_META_TYPE)))
            return cli_report(NULL, "out of memory");
    }
    return EXIT_OK;
}

static int load_seed(struct glossa_aligner *al, const char *path)
{
    struct glossa_glossary *g = NULL;
    struct glossa_error err;
    int rc;
    glossa_error_init(&err);
    if (glossa_glossary_read_file(path, NULL, &g, &err)) {
        rc = cli_report(&err, "cannot read seed glossary '%s'", path);
        glossa_error_release(&err);
        return rc;
    }
    if (glossa_glossary_problem_count(g)) {
        struct glossa_glossary_problem p = glossa_glossary_problem(g, 0);
        rc = cli_report(NULL, "cannot read seed glossary '%s': line %zu: %s", path, p.line,
                        p.message);
        glossa_glossary_free(g);
        return rc;
    }
    rc = add_seed_glossary(al, g);
    glossa_glossary_free(g);
    return rc;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shipped seed lexicon: every seed-*.csv of the first folder that exists. */
static int load_default_seed(struct glossa_aligner *al)
{
    const char *env = getenv("GLOSSA_SEED_DIR");
    const char *dirs[] = {env, GLOSSA_PKGDATADIR "/glossaries", GLOSSA_SRCDIR "/glossaries"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        DIR *d;
        struct dirent *e;
        char *names[64];
        size_t n = 0;
        int rc = EXIT_OK;
        if (!dirs[i] || !*dirs[i] || !(d = opendir(dirs[i])))
            continue;
        while ((e = readdir(d)) && n < 64) {
            size_t len = strlen(e->d_name);
            if (!strncmp(e->d_name, "seed-", 5) && len > 4 && !strcmp(e->d_name + len - 4, ".csv"))
                names[n++] = strdup(e->d_name);
        }
        closedir(d);
        qsort(names, n, sizeof *names, cmp_name);
        for (size_t k = 0; k < n; k++) {
            struct strbuf path = STRBUF_INIT;
            if (rc == EXIT_OK && names[k]) {
                strbuf_addf(&path, "%s/%s", dirs[i], names[k]);
                rc = load_seed(al, path.buf);
            }
            strbuf_release(&path);
            free(names[k]);
        }
        return rc;
    }
    return EXIT_OK;
}

struct sink {
    struct glossa_aligner *al;
    size_t v;
};

static int add_occurrence(const struct glossa_occurrence *occ, void *ctx)
{
    struct sink *s = ctx;
    return glossa_aligner_add_occurrence(s->al, s->v, occ);
}

static int write_glossary(struct glossa_aligner *al, struct document *docs, size_t ndocs, FILE *f)
{
    struct glossa_glossary *g = glossa_glossary_new(NULL);
    struct glossa_error err;
    const struct glossa_align_row *rows;
    size_t nrows;
    int rc = EXIT_OK;
    static const char *const meta[] = {"concept",    "type",  "status",
                                       "confidence", "count", "source"};
    glossa_error_init(&err);
    if (!g)
        return cli_report(NULL, "out of memory");
    for (size_t i = 0; i < ndocs && rc == EXIT_OK; i++)
        if (glossa_glossary_add_column(g, docs[i].lang, &err) < 0)
            rc = cli_report(&err, "cannot build the glossary");
    for (size_t i = 0; i < 6 && rc == EXIT_OK; i++)
        if (glossa_glossary_add_column(g, meta[i], &err) < 0)
            rc = cli_report(&err, "cannot build the glossary");
    rows = glossa_aligner_rows(al, &nrows);
    for (size_t r = 0; r < nrows && rc == EXIT_OK; r++) {
        const char *cells[MAX_CELLS];
        char conf[16], count[24];
        snprintf(conf, sizeof conf, "%.2f", rows[r].confidence);
        snprintf(count, sizeof count, "%zu", rows[r].count);
        for (size_t i = 0; i < ndocs; i++)
            cells[i] = rows[r].terms[i];
        cells[ndocs] = rows[r].concept;
        cells[ndocs + 1] = glossa_align_row_type_name(rows[r].type);
        cells[ndocs + 2] = "candidate";
        cells[ndocs + 3] = conf;
        cells[ndocs + 4] = count;
        cells[ndocs + 5] = docs[0].path;
        if (glossa_glossary_add_row(g, cells, ndocs + 6, &err) < 0)
            rc = cli_report(&err, "cannot build the glossary");
    }
    if (rc == EXIT_OK && glossa_glossary_write(g, f, 0, &err))
        rc = cli_report(&err, "cannot write the glossary");
    glossa_error_release(&err);
    glossa_glossary_free(g);
    return rc;
}

static int run(int argc, char **argv)
{
    struct document_options dopts;
    struct glossa_align_options aopts = {0.3, 0};
    const char *output = NULL;
    const char *seeds[64];
    size_t nseeds = 0, ndocs = 0;
    int default_seed = 1, c, rc = EXIT_OK;
    struct document docs[MAX_DOCS];
    struct glossa_aligner *al = NULL;
    struct glossa_error err;
    struct cli_output out;

    memset(&dopts, 0, sizeof dopts);
    glossa_error_init(&err);
    optind = 1;
    while ((c = cli_getopt(&cmd_align, argc, argv)) != -1) {
        switch (c) {
        case 'h':
            return EXIT_OK;
        case 'o':
            output = optarg;
            break;
        case OPT_SEED:
            if (nseeds == sizeof seeds / sizeof seeds[0])
                return cli_usage_error(&cmd_align, "too many --seed options");
            seeds[nseeds++] = optarg;
            break;
        case OPT_NO_DEFAULT_SEED:
            default_seed = 0;
            break;
        case OPT_MIN_CONFIDENCE: {
            char *end;
            double x = strtod(optarg, &end);
            if (end == optarg || *end || x < 0 || x > 1)
                return cli_usage_error(&cmd_align,
                                       "--min-confidence takes a number in 0..1, not '%s'", optarg);
            aopts.min_confidence = x;
            break;
        }
        case OPT_FORCE:
            aopts.force = 1;
            break;
        case CLI_OPT_INPUT_FORMAT:
            if (cli_input_format_arg(&cmd_align, optarg, &dopts.input.format))
                return EXIT_TROUBLE;
            break;
        default:
            return EXIT_TROUBLE;
        }
    }
    if (argc - optind < 2)
        return cli_usage_error(&cmd_align,
                               "align needs at least two versions (LANG:FILE LANG:FILE)");
    if (argc - optind > MAX_DOCS)
        return cli_usage_error(&cmd_align, "at most %d versions", MAX_DOCS);

    al = glossa_aligner_new(&aopts, &err);
    if (!al) {
        rc = cli_report(&err, "cannot start the aligner");
        glossa_error_release(&err);
        return rc;
    }
    if (default_seed)
        rc = load_default_seed(al);
    for (size_t i = 0; i < nseeds && rc == EXIT_OK; i++)
        rc = load_seed(al, seeds[i]);
    for (int i = optind; i < argc && rc == EXIT_OK; i++) {
        struct document *d = &docs[ndocs];
        const char *body;
        size_t len;
        struct sink sink;
        int v;
        if ((rc = document_open(d, argv[i], &dopts)))
            break;
        ndocs++;
        body = glossa_text_body(d->text, &len);
        v = glossa_aligner_add_version(al, d->lang, d->path, body, len, d->segments, &err);
        if (v < 0) {
            rc = cli_report(&err, "cannot align '%s'", d->path);
            break;
        }
        sink.al = al;
        sink.v = (size_t)v;
        rc = document_extract(d, add_occurrence, &sink);
    }
    if (rc == EXIT_OK && glossa_aligner_run(al, &err)) {
        if (err.code == GLOSSA_EMISMATCH)
            rc = cli_report(NULL, "'%s' %s (--force aligns anyway)", err.path ? err.path : "?",
                            err.message ? err.message : "is not a version of the same document");
        else
            rc = cli_report(&err, "cannot align");
    }
    if (rc == EXIT_OK && (rc = cli_output_open(&out, output)) == EXIT_OK) {
        rc = write_glossary(al, docs, ndocs, out.f);
        if (rc == EXIT_OK)
            rc = cli_output_commit(&out);
        else
            cli_output_abort(&out);
    }
    glossa_aligner_free(al);
    for (size_t i = 0; i < ndocs; i++)
        document_close(&docs[i]);
    glossa_error_release(&err);
    return rc;
}

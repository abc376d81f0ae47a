/* glossa align: the language versions of one document in, one multilingual
 * glossary out.
 *
 * The first LANG:FILE is the pivot; every other version is aligned to it.
 * Seeds: the shipped lexicon (glossaries/seed-*.csv, found in
 * $GLOSSA_SEED_DIR, the installed data folder, or the source tree) unless
 * --no-default-seed, plus every --seed glossary; a seed with rows it cannot
 * take is an error, as in every glossa command. The glossary is written once
 * everything succeeded (atomically with -o).
 *
 * Arguments that are all LANG:FILE are the versions of one document, in the
 * order given. Otherwise (folders with -r, --files-from, NAME.LANG.EXT file
 * names) the corpus module groups them into document sets; each set is
 * aligned in a worker thread (its own aligner and extractors: neither is
 * shared), English as the pivot when the set has it, into a glossary in
 * canonical order whose source is the set's name; the main thread merges
 * them in input order, so the output is the same for any -j and equals glossa
 * merge over the per-document glossaries. A set with one version is skipped
 * with a warning; a set that is not one document stops the run (exit 2)
 * unless --force. */
#include "config.h"

#include <dirent.h>
#include <getopt.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "corpus.h"
#include "document-tm.h"
#include "document.h"
#include "glossa/align.h"
#include "glossa/glossary.h"
#include "glossa/lang.h"
#include "glossa/merge.h"
#include "strbuf.h"

#define MAX_DOCS 16
#define MAX_CELLS (MAX_DOCS + 6)

#ifndef GLOSSA_SRCDIR
#define GLOSSA_SRCDIR "."
#endif

enum {
    OPT_SEED = 256,
    OPT_NO_DEFAULT_SEED,
    OPT_MIN_CONFIDENCE,
    OPT_FORCE,
    OPT_FILES_FROM,
    OPT_QUIET,
    OPT_PIVOT
};

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
    {"recursive", 'r', no_argument, NULL, "read the files under folders (sorted by name)"},
    {"files-from", OPT_FILES_FROM, required_argument, "FILE",
     "read the document sets from FILE, one per line ('LANG:PATH LANG:PATH' makes one set)"},
    {"jobs", 'j', required_argument, "N", "align N documents at a time (default: the cores)"},
    {"quiet", OPT_QUIET, no_argument, NULL, "no progress line on a terminal"},
    CLI_OPTION_INPUT_FORMAT,
    {"pivot", OPT_PIVOT, required_argument, "LANG",
     "with a TMX or XLIFF file: the language the others are aligned to (default: the first)"},
    {NULL, 0, 0, NULL, NULL},
};

static int run(int argc, char **argv);

const struct cli_command cmd_align = {
    "align",
    "pair the terms of a document's language versions into one glossary",
    "[-o FILE] [--seed GLOSSARY]... [--min-confidence X] [--force] LANG:FILE LANG:FILE...\n"
    "       glossa align [OPTION]... [-r] [--files-from=FILE] [-j N] FILE|FOLDER...",
    "Reads the language versions of one document (the first is the pivot), aligns their\n"
    "segments, and pairs their acronyms, long forms and named entities: CSTO = OTSC =\n"
    "ОДКБ. Writes one glossary in glossa's CSV format, a column per language, every row\n"
    "a candidate with its confidence. Exit status 2 when the files do not look like\n"
    "versions of one document (--force aligns them anyway).\n"
    "Many documents: folders (-r), lists (--files-from) and file names group into\n"
    "document sets (NAME.en.txt + NAME.fr.txt, or NAME/en.txt + NAME/fr.txt); each set\n"
    "is aligned (English as the pivot) and the glossaries are merged, the same for any -j.\n"
    "Alone, a TMX or XLIFF file (glossa align [--pivot LANG] FILE.tmx) gives its\n"
    "languages' versions with their segments already aligned by unit.",
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
            return GLOSSA_ENOMEM;
    }
    return 0;
}

/* The seed glossaries, read once; every aligner (one per worker) takes their rows. */
struct seeds {
    struct glossa_glossary **g;
    size_t n;
};

static void seeds_release(struct seeds *s)
{
    for (size_t i = 0; i < s->n; i++)
        glossa_glossary_free(s->g[i]);
    free(s->g);
    s->g = NULL;
    s->n = 0;
}

static int load_seed(struct seeds *s, const char *path)
{
    struct glossa_glossary *g = NULL, **grown;
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
    if (!(grown = realloc(s->g, (s->n + 1) * sizeof *grown))) {
        glossa_glossary_free(g);
        return cli_report(NULL, "out of memory");
    }
    s->g = grown;
    s->g[s->n++] = g;
    return EXIT_OK;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shipped seed lexicon: every seed-*.csv of the first folder that exists. */
static int load_default_seed(struct seeds *s)
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
                rc = load_seed(s, path.buf);
            }
            strbuf_release(&path);
            free(names[k]);
        }
        return rc;
    }
    return EXIT_OK;
}

/* A new aligner holding every seed. Returns owned, or NULL after reporting to diag. */
static struct glossa_aligner *aligner_new(const struct glossa_align_options *opts,
                                          const struct seeds *s, FILE *diag)
{
    struct glossa_error err;
    struct glossa_aligner *al;
    glossa_error_init(&err);
    al = glossa_aligner_new(opts, &err);
    if (!al) {
        cli_report_to(diag, &err, "cannot start the aligner");
        glossa_error_release(&err);
        return NULL;
    }
    for (size_t i = 0; i < s->n; i++)
        if (add_seed_glossary(al, s->g[i])) {
            cli_report_to(diag, NULL, "out of memory");
            glossa_aligner_free(al);
            return NULL;
        }
    return al;
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

static const char *const meta_columns[] = {"concept",    "type",  "status",
                                           "confidence", "count", "source"};

/* The aligner's rows as a glossary: a column per language (langs, in version
 * order), then the metadata columns, source naming the document. Returns
 * owned, or NULL after reporting to diag. */
static struct glossa_glossary *rows_glossary(struct glossa_aligner *al, const char *const *langs,
                                             size_t nlangs, const char *source, FILE *diag)
{
    struct glossa_glossary *g = glossa_glossary_new(NULL);
    struct glossa_error err;
    const struct glossa_align_row *rows;
    size_t nrows;
    int rc = EXIT_OK;
    glossa_error_init(&err);
    if (!g) {
        cli_report_to(diag, NULL, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < nlangs && rc == EXIT_OK; i++)
        if (glossa_glossary_add_column(g, langs[i], &err) < 0)
            rc = cli_report_to(diag, &err, "cannot build the glossary");
    for (size_t i = 0; i < 6 && rc == EXIT_OK; i++)
        if (glossa_glossary_add_column(g, meta_columns[i], &err) < 0)
            rc = cli_report_to(diag, &err, "cannot build the glossary");
    rows = glossa_aligner_rows(al, &nrows);
    for (size_t r = 0; r < nrows && rc == EXIT_OK; r++) {
        const char *cells[MAX_CELLS];
        char conf[16], count[24];
        snprintf(conf, sizeof conf, "%.2f", rows[r].confidence);
        snprintf(count, sizeof count, "%zu", rows[r].count);
        for (size_t i = 0; i < nlangs; i++)
            cells[i] = rows[r].terms[i];
        cells[nlangs] = rows[r].concept;
        cells[nlangs + 1] = glossa_align_row_type_name(rows[r].type);
        cells[nlangs + 2] = "candidate";
        cells[nlangs + 3] = conf;
        cells[nlangs + 4] = count;
        cells[nlangs + 5] = source;
        if (glossa_glossary_add_row(g, cells, nlangs + 6, &err) < 0)
            rc = cli_report_to(diag, &err, "cannot build the glossary");
    }
    glossa_error_release(&err);
    if (rc != EXIT_OK) {
        glossa_glossary_free(g);
        return NULL;
    }
    return g;
}

/* Runs the aligner over the versions added; a mismatch is reported in the
 * house form. Returns EXIT_OK or EXIT_TROUBLE after reporting to diag. */
static int align_versions(struct glossa_aligner *al, FILE *diag)
{
    struct glossa_error err;
    int rc = EXIT_OK;
    glossa_error_init(&err);
    if (glossa_aligner_run(al, &err)) {
        if (err.code == GLOSSA_EMISMATCH)
            rc = cli_report_to(diag, NULL, "'%s' %s (--force aligns anyway)",
                               err.path ? err.path : "?",
                               err.message ? err.message : "is not a version of the same document");
        else
            rc = cli_report_to(diag, &err, "cannot align");
    }
    glossa_error_release(&err);
    return rc;
}

/* ---- many documents ------------------------------------------------------- */

/* One worker: its aligner (seeds loaded once) and an extractor per language. */
struct align_state {
    struct glossa_aligner *al;
    struct {
        char lang[3];
        struct glossa_extractor *ex;
    } ex[MAX_DOCS];
    size_t nex;
};

static void free_state(void *p)
{
    struct align_state *st = p;
    if (!st)
        return;
    glossa_aligner_free(st->al);
    for (size_t i = 0; i < st->nex; i++)
        glossa_extractor_free(st->ex[i].ex);
    free(st);
}

static struct glossa_extractor **extractor_slot(struct align_state *st, const char *lang)
{
    for (size_t i = 0; i < st->nex; i++)
        if (!strcmp(st->ex[i].lang, lang))
            return &st->ex[i].ex;
    if (st->nex == MAX_DOCS)
        return NULL;
    memcpy(st->ex[st->nex].lang, lang, 3);
    st->ex[st->nex].ex = NULL;
    return &st->ex[st->nex++].ex;
}

struct align_run {
    const struct document_options *dopts;
    const struct glossa_align_options *aopts;
    const struct seeds *seeds;
    struct glossa_glossary *merged; /* made at the first glossary (see corpus_glossary) */
    char langs[MAX_DOCS][3];        /* the languages of the documents emitted so far */
    size_t nlangs;
};

struct align_result {
    struct glossa_glossary *g; /* the document's glossary, canonical order; NULL: none */
};

static void release_result(void *p)
{
    struct align_result *r = p;
    glossa_glossary_free(r->g);
    r->g = NULL;
}

/* Aligns one document set: English is the pivot when the set has it, else its
 * first version. */
static int work(void *ctx, void **state, const struct corpus_document *d, void *result, FILE *diag)
{
    const struct align_run *run = ctx;
    struct document_options dopts = *run->dopts;
    struct align_state *st = *state;
    struct align_result *res = result;
    struct document docs[MAX_DOCS];
    const char *langs[MAX_DOCS];
    size_t order[MAX_DOCS], n = 0, opened = 0, pivot = 0;
    struct glossa_error err;
    int rc = EXIT_OK;

    if (!st) {
        if (!(st = *state = calloc(1, sizeof *st)))
            return cli_report_to(diag, NULL, "out of memory");
        if (!(st->al = aligner_new(run->aopts, run->seeds, diag)))
            return EXIT_TROUBLE;
    }
    if (d->nversions < 2) {
        fprintf(diag ? diag : stderr,
                "glossa: warning: '%s' has one language version: nothing to align\n", d->name);
        return EXIT_OK;
    }
    if (d->nversions > MAX_DOCS)
        return cli_report_to(diag, NULL, "'%s': at most %d versions", d->name, MAX_DOCS);
    dopts.diag = diag;
    glossa_error_init(&err);
    glossa_aligner_reset(st->al);
    for (size_t i = 0; i < d->nversions && rc == EXIT_OK; i++) {
        const struct corpus_version *v = &d->versions[i];
        if ((rc = document_open_path(&docs[opened], v->lang, v->path, &dopts)))
            break;
        opened++;
    }
    for (size_t i = 0; i < opened; i++)
        if (!strcmp(docs[i].lang, "en")) {
            pivot = i;
            break;
        }
    if (rc == EXIT_OK) {
        order[n++] = pivot;
        for (size_t i = 0; i < opened; i++)
            if (i != pivot)
                order[n++] = i;
    }
    for (size_t k = 0; k < n && rc == EXIT_OK; k++) {
        struct document *dm = &docs[order[k]];
        struct glossa_extractor *own = NULL, **ex;
        const char *body;
        size_t len;
        struct sink sink;
        int v;
        body = glossa_text_body(dm->text, &len);
        v = glossa_aligner_add_version(st->al, dm->lang, dm->path, body, len, dm->segments, &err);
        if (v < 0) {
            rc = cli_report_to(diag, &err, "cannot align '%s'", dm->path);
            break;
        }
        langs[k] = dm->lang;
        sink.al = st->al;
        sink.v = (size_t)v;
        ex = extractor_slot(st, dm->lang);
        rc = document_extract_with(dm, ex ? ex : &own, add_occurrence, &sink);
        glossa_extractor_free(own);
    }
    if (rc == EXIT_OK)
        rc = align_versions(st->al, diag);
    if (rc == EXIT_OK && !(res->g = rows_glossary(st->al, langs, n, d->name, diag)))
        rc = EXIT_TROUBLE;
    if (rc == EXIT_OK && glossa_merge_sort(res->g, &err))
        rc = cli_report_to(diag, &err, "cannot sort the glossary of '%s'", d->name);
    glossa_aligner_reset(st->al);
    for (size_t i = 0; i < opened; i++)
        document_close(&docs[i]);
    glossa_error_release(&err);
    return rc;
}

/* An empty glossary with a column per language met so far (English first,
 * then in input order) and the metadata columns; languages met later are
 * appended by merge, as glossa merge over the documents' glossaries does. */
static struct glossa_glossary *corpus_glossary(const struct align_run *run)
{
    struct glossa_glossary *g = glossa_glossary_new(NULL);
    for (size_t i = 0; g && i < run->nlangs; i++)
        if (!strcmp(run->langs[i], "en") && glossa_glossary_add_column(g, "en", NULL) < 0) {
            glossa_glossary_free(g);
            g = NULL;
        }
    for (size_t i = 0; g && i < run->nlangs; i++)
        if (strcmp(run->langs[i], "en") && glossa_glossary_add_column(g, run->langs[i], NULL) < 0) {
            glossa_glossary_free(g);
            g = NULL;
        }
    for (size_t i = 0; g && i < 6; i++)
        if (glossa_glossary_add_column(g, meta_columns[i], NULL) < 0) {
            glossa_glossary_free(g);
            g = NULL;
        }
    return g;
}

/* The documents' glossaries join the result in input order, through merge:
 * the same glossary as glossa merge over the per-document ones gives. */
static int emit(void *ctx, const struct corpus_document *doc, void *result)
{
    struct align_run *run = ctx;
    struct align_result *res = result;
    struct glossa_error err;
    int rc;
    for (size_t i = 0; i < doc->nversions; i++) {
        const char *l = doc->versions[i].lang;
        int seen = !*l;
        for (size_t k = 0; k < run->nlangs && !seen; k++)
            seen = !strcmp(run->langs[k], l);
        if (!seen && run->nlangs < MAX_DOCS)
            memcpy(run->langs[run->nlangs++], l, 3);
    }
    if (!res->g)
        return EXIT_OK;
    if (!run->merged && !(run->merged = corpus_glossary(run)))
        return cli_report(NULL, "out of memory");
    glossa_error_init(&err);
    rc = glossa_merge(run->merged, res->g, GLOSSA_MERGE_KEEP, NULL, &err);
    res->g = NULL; /* taken by glossa_merge */
    if (rc) {
        if (!err.code)
            err.code = rc;
        cli_report(&err, "cannot merge the glossary of '%s'", doc->name);
    }
    glossa_error_release(&err);
    return rc ? EXIT_TROUBLE : EXIT_OK;
}

static int align_corpus(struct corpus *c, const struct document_options *dopts,
                        const struct glossa_align_options *aopts, const struct seeds *seeds,
                        unsigned jobs, int quiet, const char *output)
{
    struct align_run ar = {dopts, aopts, seeds, NULL, {{0}}, 0};
    struct corpus_job job = {
        &ar, sizeof(struct align_result), work, emit, release_result, free_state, "align",
    };
    struct cli_output out;
    struct glossa_error err;
    int rc;
    rc = corpus_run(c, &job, jobs, !quiet && isatty(STDERR_FILENO));
    if (rc == EXIT_OK && !ar.merged && !(ar.merged = corpus_glossary(&ar)))
        rc = cli_report(NULL, "out of memory");
    glossa_error_init(&err);
    if (rc == EXIT_OK && (rc = cli_output_open(&out, output)) == EXIT_OK) {
        if (glossa_glossary_write(ar.merged, out.f, 0, &err)) {
            rc = cli_report(&err, "cannot write the glossary");
            cli_output_abort(&out);
        } else {
            rc = cli_output_commit(&out);
        }
    }
    glossa_error_release(&err);
    glossa_glossary_free(ar.merged);
    return rc;
}

/* Writes g to output (atomically). Returns EXIT_OK or EXIT_TROUBLE after
 * reporting. */
static int write_glossary(const struct glossa_glossary *g, const char *output)
{
    struct glossa_error err;
    struct cli_output out;
    int rc = cli_output_open(&out, output);
    glossa_error_init(&err);
    if (rc == EXIT_OK) {
        if (glossa_glossary_write(g, out.f, 0, &err)) {
            rc = cli_report(&err, "cannot write the glossary");
            cli_output_abort(&out);
        } else {
            rc = cli_output_commit(&out);
        }
    }
    glossa_error_release(&err);
    return rc;
}

/* Aligns the versions added to al and writes their glossary (source names the
 * document) to output, atomically. Returns EXIT_OK or EXIT_TROUBLE after
 * reporting. */
static int write_aligned(struct glossa_aligner *al, const char *const *langs, size_t n,
                         const char *source, const char *output)
{
    struct glossa_glossary *g = NULL;
    int rc = align_versions(al, NULL);
    if (rc == EXIT_OK && !(g = rows_glossary(al, langs, n, source, NULL)))
        rc = EXIT_TROUBLE;
    if (rc == EXIT_OK)
        rc = write_glossary(g, output);
    glossa_glossary_free(g);
    return rc;
}

/* ---- one document --------------------------------------------------------- */

static int align_one(int argc, char **argv, const struct document_options *dopts,
                     const struct glossa_align_options *aopts, const struct seeds *seeds,
                     const char *output)
{
    struct document docs[MAX_DOCS];
    const char *langs[MAX_DOCS];
    size_t ndocs = 0;
    struct glossa_aligner *al = aligner_new(aopts, seeds, NULL);
    struct glossa_error err;
    int rc = al ? EXIT_OK : EXIT_TROUBLE;

    glossa_error_init(&err);
    for (int i = 0; i < argc && rc == EXIT_OK; i++) {
        struct document *d = &docs[ndocs];
        const char *body;
        size_t len;
        struct sink sink;
        int v;
        if ((rc = document_open(d, argv[i], dopts)))
            break;
        ndocs++;
        body = glossa_text_body(d->text, &len);
        v = glossa_aligner_add_version(al, d->lang, d->path, body, len, d->segments, &err);
        if (v < 0) {
            rc = cli_report(&err, "cannot align '%s'", d->path);
            break;
        }
        langs[ndocs - 1] = d->lang;
        sink.al = al;
        sink.v = (size_t)v;
        rc = document_extract(d, add_occurrence, &sink);
    }
    if (rc == EXIT_OK)
        rc = write_aligned(al, langs, ndocs, docs[0].path, output);
    glossa_aligner_free(al);
    for (size_t i = 0; i < ndocs; i++)
        document_close(&docs[i]);
    glossa_error_release(&err);
    return rc;
}

/* ---- a TMX or XLIFF file ------------------------------------------------- */

/* The file is aligned in chunks of units (document-tm.h: about 2 MiB of text,
 * so that memory does not grow with the file); each chunk is aligned like one
 * document whose segments are paired by unit. One chunk (the usual project
 * file) gives the glossary as it comes from the aligner; several chunks are
 * merged as the documents of a corpus are: rows in canonical order, counts
 * summed, the highest confidence kept. */
struct tm_align {
    const char *path;
    const struct glossa_align_options *aopts;
    const struct seeds *seeds;
    struct glossa_aligner *al;
    struct glossa_glossary *first;  /* the first chunk's glossary */
    struct glossa_glossary *merged; /* from the second chunk on, all chunks' */
    char lang[3];                   /* a language met, for the message */
};

/* Every row's source names the file: a chunk's rows come with "FILE#N" so
 * that merge adds their counts to those of the other chunks. */
static int source_is_file(struct glossa_glossary *g, const char *path)
{
    int col = glossa_glossary_meta_column(g, GLOSSA_META_SOURCE);
    for (size_t r = 0; col >= 0 && r < glossa_glossary_row_count(g); r++)
        if (strcmp(glossa_glossary_cell(g, r, (size_t)col), path) &&
            glossa_glossary_set_cell(g, r, (size_t)col, path, strlen(path)))
            return GLOSSA_ENOMEM;
    return 0;
}

static int align_chunk(const struct tm_chunk *chunk, void *ctx)
{
    struct tm_align *ta = ctx;
    struct tm_documents *td = chunk->td;
    const char *langs[TM_MAX_VERSIONS];
    struct glossa_glossary *g;
    struct glossa_error err;
    struct strbuf source = STRBUF_INIT;
    int rc = EXIT_OK;

    if (td->n && !ta->lang[0])
        memcpy(ta->lang, td->docs[0].lang, 3);
    if (td->n < 2)
        return EXIT_OK;
    /* a new aligner per chunk: one that is reset keeps every word it met */
    glossa_aligner_free(ta->al);
    if (!(ta->al = aligner_new(ta->aopts, ta->seeds, NULL)))
        return EXIT_TROUBLE;
    glossa_error_init(&err);
    for (size_t i = 0; i < td->n && rc == EXIT_OK; i++) {
        struct document *d = &td->docs[i];
        size_t len;
        const char *body = glossa_text_body(d->text, &len);
        struct sink sink;
        int v = glossa_aligner_add_version(ta->al, d->lang, d->path, body, len, d->segments, &err);
        if (v < 0 || glossa_aligner_set_units(ta->al, (size_t)v, td->units[i], d->segments->n)) {
            rc = cli_report(&err, "cannot align '%s'", d->path);
            break;
        }
        langs[i] = d->lang;
        sink.al = ta->al;
        sink.v = (size_t)v;
        rc = document_extract(d, add_occurrence, &sink);
    }
    if (rc == EXIT_OK)
        rc = align_versions(ta->al, NULL);
    if (rc == EXIT_OK && chunk->number && strbuf_addf(&source, "%s#%zu", ta->path, chunk->number))
        rc = cli_report(NULL, "out of memory");
    if (rc == EXIT_OK &&
        !(g = rows_glossary(ta->al, langs, td->n, source.len ? source.buf : ta->path, NULL)))
        rc = EXIT_TROUBLE;
    strbuf_release(&source);
    if (rc != EXIT_OK) {
        glossa_error_release(&err);
        return rc;
    }
    if (!ta->first && !ta->merged) {
        ta->first = g;
        return EXIT_OK;
    }
    if (!ta->merged) {
        ta->merged = ta->first;
        ta->first = NULL;
        if (glossa_merge_sort(ta->merged, &err))
            rc = cli_report(&err, "cannot sort the glossary");
    }
    if (rc == EXIT_OK && glossa_merge_sort(g, &err))
        rc = cli_report(&err, "cannot sort the glossary");
    if (rc == EXIT_OK) {
        rc = glossa_merge(ta->merged, g, GLOSSA_MERGE_KEEP, NULL, &err);
        g = NULL; /* taken */
        if (rc || source_is_file(ta->merged, ta->path)) {
            if (!err.code)
                err.code = rc ? rc : GLOSSA_ENOMEM;
            rc = cli_report(&err, "cannot merge the glossary of '%s'", ta->path);
        }
    }
    glossa_glossary_free(g);
    glossa_error_release(&err);
    return rc;
}

static int align_tm(const char *path, enum tm_kind kind, const char *pivot,
                    const struct document_options *dopts, const struct glossa_align_options *aopts,
                    const struct seeds *seeds, const char *output)
{
    struct tm_align ta = {path, aopts, seeds, NULL, NULL, NULL, ""};
    int rc = tm_documents_stream(path, kind, pivot, dopts, 0, 0, align_chunk, &ta);
    if (rc == EXIT_OK && !ta.first && !ta.merged)
        rc = cli_report(NULL, "'%s' holds only one language (%s): nothing to align", path,
                        ta.lang[0] ? ta.lang : "none");
    if (rc == EXIT_OK)
        rc = write_glossary(ta.merged ? ta.merged : ta.first, output);
    glossa_aligner_free(ta.al);
    glossa_glossary_free(ta.first);
    glossa_glossary_free(ta.merged);
    return rc;
}

/* Are the arguments the versions of one document (each LANG:FILE)? A folder
 * among them is then an error of that document, as without -r in extract. */
static int one_document(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        char lang[3];
        const char *path;
        if (cli_split_lang_arg(argv[i], lang, &path) || !lang[0])
            return 0;
    }
    return 1;
}

static int run(int argc, char **argv)
{
    struct document_options dopts;
    struct glossa_align_options aopts = {0.3, 0};
    const char *output = NULL;
    const char *seed_paths[64];
    const char **lists = NULL;
    size_t nseeds = 0, nlists = 0;
    int default_seed = 1, quiet = 0, recursive = 0, c, rc = EXIT_OK;
    unsigned jobs = 0;
    struct seeds seeds = {NULL, 0};
    const char *pivot = NULL;
    enum tm_kind tm_kind = TM_KIND_NONE;

    memset(&dopts, 0, sizeof dopts);
    optind = 1;
    while (rc == EXIT_OK && (c = cli_getopt(&cmd_align, argc, argv)) != -1) {
        switch (c) {
        case 'h':
            free(lists);
            return EXIT_OK;
        case 'o':
            output = optarg;
            break;
        case OPT_SEED:
            if (nseeds == sizeof seed_paths / sizeof seed_paths[0])
                rc = cli_usage_error(&cmd_align, "too many --seed options");
            else
                seed_paths[nseeds++] = optarg;
            break;
        case OPT_NO_DEFAULT_SEED:
            default_seed = 0;
            break;
        case OPT_MIN_CONFIDENCE: {
            char *end;
            double x = strtod(optarg, &end);
            if (end == optarg || *end || x < 0 || x > 1)
                rc = cli_usage_error(&cmd_align,
                                     "--min-confidence takes a number in 0..1, not '%s'", optarg);
            aopts.min_confidence = x;
            break;
        }
        case OPT_FORCE:
            aopts.force = 1;
            break;
        case 'r':
            recursive = 1;
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
                rc = cli_usage_error(&cmd_align, "-j wants a number from 1 to 1024, not '%s'",
                                     optarg);
            break;
        case OPT_QUIET:
            quiet = 1;
            break;
        case CLI_OPT_INPUT_FORMAT:
            if (cli_input_format_arg(&cmd_align, optarg, &dopts.input.format))
                rc = EXIT_TROUBLE;
            break;
        case OPT_PIVOT:
            pivot = optarg;
            break;
        default:
            rc = EXIT_TROUBLE;
        }
    }
    if (rc == EXIT_OK && !recursive && !nlists && argc - optind == 1)
        tm_kind = tm_documents_kind(argv[optind], dopts.input.format);
    if (rc == EXIT_OK && pivot && tm_kind == TM_KIND_NONE)
        rc = cli_usage_error(&cmd_align, "--pivot goes with a TMX or XLIFF file");
    if (rc == EXIT_OK && tm_kind != TM_KIND_NONE) {
        if (default_seed)
            rc = load_default_seed(&seeds);
        for (size_t i = 0; i < nseeds && rc == EXIT_OK; i++)
            rc = load_seed(&seeds, seed_paths[i]);
        if (rc == EXIT_OK)
            rc = align_tm(argv[optind], tm_kind, pivot, &dopts, &aopts, &seeds, output);
    } else if (rc == EXIT_OK && !recursive && !nlists &&
               one_document(argc - optind, argv + optind)) {
        if (argc - optind < 2)
            rc = cli_usage_error(&cmd_align,
                                 "align needs at least two versions (LANG:FILE LANG:FILE)");
        else if (argc - optind > MAX_DOCS)
            rc = cli_usage_error(&cmd_align, "at most %d versions", MAX_DOCS);
        if (rc == EXIT_OK && default_seed)
            rc = load_default_seed(&seeds);
        for (size_t i = 0; i < nseeds && rc == EXIT_OK; i++)
            rc = load_seed(&seeds, seed_paths[i]);
        if (rc == EXIT_OK)
            rc = align_one(argc - optind, argv + optind, &dopts, &aopts, &seeds, output);
    } else if (rc == EXIT_OK) {
        struct corpus corpus;
        corpus_init(&corpus);
        corpus.recursive = recursive;
        for (int i = optind; i < argc && rc == EXIT_OK; i++)
            rc = corpus_add(&corpus, argv[i]);
        for (size_t i = 0; i < nlists && rc == EXIT_OK; i++)
            rc = corpus_add_list(&corpus, lists[i]);
        if (rc == EXIT_OK && default_seed)
            rc = load_default_seed(&seeds);
        for (size_t i = 0; i < nseeds && rc == EXIT_OK; i++)
            rc = load_seed(&seeds, seed_paths[i]);
        if (rc == EXIT_OK)
            rc = align_corpus(&corpus, &dopts, &aopts, &seeds, jobs, quiet, output);
        corpus_release(&corpus);
    }
    free(lists);
    seeds_release(&seeds);
    return rc;
}

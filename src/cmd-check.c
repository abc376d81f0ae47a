/* glossa check: term consistency of one or two versions of a document against
 * glossaries, for CI.
 *
 * With two versions (source first), the bilingual checks run on aligned
 * segments and the monolingual checks on each version; with one, the
 * monolingual checks. Findings go to stdout in the chosen format; exit 0 when
 * nothing is at or above the fail level (after the baseline), 1 otherwise
 * (unless --no-fail), 2 on usage, I/O or input errors.
 *
 * A TMX or XLIFF file is checked chunk by chunk (document-tm.h), two units of
 * context either side, each finding kept by the chunk that owns its unit:
 * memory depends on the chunk and the findings, not on the file. Every
 * language is checked against the pivot, its findings numbered version 1. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "cli.h"
#include "document-tm.h"
#include "document.h"
#include "glossa/check.h"
#include "glossa/glossary.h"
#include "glossa/lang.h"
#include "report.h"
#include "strbuf.h"

enum {
    OPT_FAIL_LEVEL = 256,
    OPT_MIN_LEVEL,
    OPT_NO_FAIL,
    OPT_DISABLE,
    OPT_BASELINE,
    OPT_WRITE_BASELINE,
    OPT_PIVOT,
    OPT_TARGET,
};

static const struct cli_option check_options[] = {
    {"glossary", 'g', required_argument, "FILE", "glossary CSV to check against (repeatable)"},
    {"format", 'f', required_argument, "FORMAT",
     "output: text (default, file:line:col: severity: check: message), json, github, sarif"},
    {"fail-level", OPT_FAIL_LEVEL, required_argument, "LEVEL",
     "exit 1 when a finding is at or above LEVEL: error (default), warning, info"},
    {"min-level", OPT_MIN_LEVEL, required_argument, "LEVEL",
     "show findings at or above LEVEL only (default info)"},
    {"no-fail", OPT_NO_FAIL, no_argument, NULL, "exit 0 even when there are findings"},
    {"disable", OPT_DISABLE, required_argument, "ID,...",
     "turn checks off: term-mismatch, term-forbidden, term-count, acronym-undefined, "
     "acronym-before-definition, acronym-multi-expansion, acronym-redefined, term-inconsistent"},
    {"baseline", OPT_BASELINE, required_argument, "FILE",
     "do not report the accepted findings listed in FILE"},
    {"write-baseline", OPT_WRITE_BASELINE, required_argument, "FILE",
     "write every current finding to FILE as accepted, and exit 0"},
    CLI_OPTION_INPUT_FORMAT,
    {"pivot", OPT_PIVOT, required_argument, "LANG",
     "with a TMX or XLIFF file: the source language (default: the file's first)"},
    {"target", OPT_TARGET, required_argument, "LANG,...",
     "with a TMX or XLIFF file: check these languages only (default: all but the source)"},
    {NULL, 0, 0, NULL, NULL},
};

static int run_check(int argc, char **argv);

const struct cli_command cmd_check = {
    "check",
    "check documents against glossaries (term consistency in CI)",
    "--glossary=FILE [--glossary=FILE]... [--format=text|json|github|sarif]\n"
    "       [--fail-level=error|warning|info] [--min-level=LEVEL] [--no-fail] [--disable=ID,...]\n"
    "       [--baseline=FILE] [--write-baseline=FILE] [LANG:]FILE [[LANG:]FILE]",
    "Checks one version of a document (monolingual checks: term-forbidden,\n"
    "term-inconsistent, acronym-undefined, acronym-before-definition,\n"
    "acronym-multi-expansion, acronym-redefined) or a source and its translation\n"
    "(also term-mismatch and term-count on aligned segments) against the approved,\n"
    "deprecated and forbidden terms of the glossaries. Candidate rows are ignored.\n"
    "Every finding names the file, line and column, the check and the expected term.\n"
    "A TMX or XLIFF file is read unit by unit: every language is checked against the\n"
    "source (--pivot), findings name the unit (and the language when there are more\n"
    "than two).\n"
    "Exit status: 0 nothing at or above the fail level, 1 findings, 2 usage, I/O or\n"
    "input error.",
    check_options,
    run_check,
};

static int parse_disable(struct glossa_checker *ck, const char *list)
{
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        enum glossa_check_id id;
        if (n && glossa_check_parse(p, n, &id))
            return cli_usage_error(&cmd_check, "unknown check '%.*s'", (int)n, p);
        if (n)
            glossa_checker_enable(ck, id, 0);
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

/* ---- a TMX or XLIFF file ------------------------------------------------- */

struct tm_check {
    struct glossa_checker *ck;
    const char (*targets)[3]; /* languages to check besides the pivot; none: all */
    size_t ntargets;
    struct glossa_findings *findings; /* where the kept findings go */
    struct glossa_findings chunk;     /* the current chunk's, before the filter */
    struct glossa_error *err;
};

static int wanted(const struct tm_check *tc, const char *lang)
{
    for (size_t i = 0; i < tc->ntargets; i++)
        if (!strcmp(tc->targets[i], lang))
            return 1;
    return !tc->ntargets;
}

/* Moves the chunk's findings in docs[d] that lie in the chunk's own units to
 * the result, naming their unit ("[unit u12] ..." or, when the file has more
 * than two languages, "[unit u12, fr] ..."); the others belong to a
 * neighbouring chunk. Returns 0 or GLOSSA_ENOMEM. */
static int keep_findings(struct tm_check *tc, const struct tm_chunk *chunk, size_t d)
{
    const struct tm_documents *td = chunk->td;
    struct glossa_findings *out = tc->findings;
    int rc = 0;
    for (size_t i = 0; i < tc->chunk.n; i++) {
        struct glossa_finding *f = &tc->chunk.items[i];
        size_t k = tm_documents_unit_index(td, d, f->offset);
        const char *id = tm_documents_unit_id(td, d, f->offset);
        struct strbuf m = STRBUF_INIT;
        if (rc || k < chunk->core_first || k >= chunk->core_end) {
            free(f->term);
            free(f->message);
            free(f->context);
            continue;
        }
        if (*id && chunk->nlangs > 2)
            rc = strbuf_addf(&m, "[unit %s, %s] %s", id, td->docs[d].lang,
                             f->message ? f->message : "");
        else if (*id)
            rc = strbuf_addf(&m, "[unit %s] %s", id, f->message ? f->message : "");
        else if (chunk->nlangs > 2)
            rc = strbuf_addf(&m, "[%s] %s", td->docs[d].lang, f->message ? f->message : "");
        if (m.len) {
            free(f->message);
            f->message = strbuf_detach(&m, NULL);
        }
        strbuf_release(&m);
        if (!rc && out->n == out->alloc) {
            size_t na = out->alloc ? out->alloc * 2 : 16;
            struct glossa_finding *grown = realloc(out->items, na * sizeof *grown);
            if (grown) {
                out->items = grown;
                out->alloc = na;
            } else {
                rc = GLOSSA_ENOMEM;
            }
        }
        if (rc) {
            free(f->term);
            free(f->message);
            free(f->context);
            continue;
        }
        out->items[out->n++] = *f;
    }
    tc->chunk.n = 0;
    return rc;
}

/* A chunk of units: the monolingual checks on each language, the bilingual
 * ones of each language against the pivot, segments paired by unit. */
static int check_chunk(const struct tm_chunk *chunk, void *ctx)
{
    struct tm_check *tc = ctx;
    const struct tm_documents *td = chunk->td;
    const struct document *src = td->n ? &td->docs[0] : NULL;
    int has_pivot = src && !strcmp(src->lang, chunk->pivot);
    for (size_t d = 0; d < td->n; d++) {
        const struct document *v = &td->docs[d];
        int is_pivot = d == 0 && has_pivot;
        if (!is_pivot && !wanted(tc, v->lang))
            continue;
        if (glossa_check_document(tc->ck, v->text, v->segments, v->lang, is_pivot ? 0 : 1,
                                  &tc->chunk, tc->err) < 0)
            return cli_report(tc->err, "cannot check '%s' (%s)", td->path, v->lang);
        if (keep_findings(tc, chunk, d))
            return cli_report(NULL, "out of memory");
        if (is_pivot)
            continue;
        if (has_pivot && glossa_check_bilingual_units(tc->ck, src->text, src->segments, src->lang,
                                                      td->units[0], v->text, v->segments, v->lang,
                                                      td->units[d], &tc->chunk, tc->err) < 0)
            return cli_report(tc->err, "cannot check '%s' (%s against %s)", td->path, v->lang,
                              src->lang);
        if (keep_findings(tc, chunk, d))
            return cli_report(NULL, "out of memory");
    }
    return EXIT_OK;
}

/* Checks a TMX or XLIFF file chunk by chunk (memory does not grow with the
 * file, only with the findings). Returns EXIT_OK or EXIT_TROUBLE after
 * reporting. */
static int check_tm(struct glossa_checker *ck, const char *path, enum tm_kind kind,
                    const char *pivot, const char (*targets)[3], size_t ntargets,
                    const struct document_options *dopts, struct glossa_findings *findings,
                    struct glossa_error *err)
{
    struct tm_check tc = {ck, targets, ntargets, findings, {NULL, 0, 0}, err};
    /* two units either side: the bilingual checks look at the neighbours of a unit */
    int rc = tm_documents_stream(path, kind, pivot, dopts, 0, 2, check_chunk, &tc);
    free(tc.chunk.items);
    return rc;
}

static int run_check(int argc, char **argv)
{
    struct glossa_error err;
    struct glossa_checker *ck = NULL;
    struct glossa_glossary **glossaries = NULL;
    size_t nglossaries = 0;
    const char **glossary_paths = NULL, *baseline_path = NULL, *write_baseline_path = NULL;
    const char **disable = NULL;
    size_t ndisable = 0;
    enum report_format format = REPORT_TEXT;
    enum glossa_severity fail_level = GLOSSA_SEVERITY_ERROR, min_level = GLOSSA_SEVERITY_INFO;
    struct document versions[2];
    enum tm_kind tm_kind = TM_KIND_NONE;
    const char *pivot = NULL;
    char targets[TM_MAX_VERSIONS][3];
    size_t ntargets = 0;
    struct document_options dopts;
    size_t nversions = 0;
    struct glossa_findings findings = {NULL, 0, 0}, shown = {NULL, 0, 0};
    char **fps = NULL, **shown_fps = NULL;
    struct baseline *baseline = NULL;
    const char *paths[2] = {NULL, NULL};
    struct cli_output out = {NULL, NULL, NULL};
    int c, rc = EXIT_OK, no_fail = 0, failing = 0;

    memset(versions, 0, sizeof(versions));
    memset(&dopts, 0, sizeof(dopts));
    glossa_error_init(&err);
    glossary_paths = calloc((size_t)argc + 1, sizeof(*glossary_paths));
    disable = calloc((size_t)argc + 1, sizeof(*disable));
    if (!glossary_paths || !disable) {
        rc = cli_report(NULL, "out of memory");
        goto done;
    }
    while ((c = cli_getopt(&cmd_check, argc, argv)) != -1) {
        switch (c) {
        case 'g':
            glossary_paths[nglossaries++] = optarg;
            break;
        case 'f':
            if (report_format_parse(optarg, &format)) {
                rc = cli_usage_error(&cmd_check,
                                     "unknown format '%s' (text, json, github or sarif)", optarg);
                goto done;
            }
            break;
        case OPT_FAIL_LEVEL:
        case OPT_MIN_LEVEL:
            if (glossa_severity_parse(optarg, c == OPT_FAIL_LEVEL ? &fail_level : &min_level)) {
                rc = cli_usage_error(&cmd_check, "unknown level '%s' (error, warning or info)",
                                     optarg);
                goto done;
            }
            break;
        case OPT_NO_FAIL:
            no_fail = 1;
            break;
        case OPT_DISABLE:
            disable[ndisable++] = optarg;
            break;
        case OPT_BASELINE:
            baseline_path = optarg;
            break;
        case OPT_WRITE_BASELINE:
            write_baseline_path = optarg;
            break;
        case CLI_OPT_INPUT_FORMAT:
            if ((rc = cli_input_format_arg(&cmd_check, optarg, &dopts.input.format)))
                goto done;
            break;
        case OPT_PIVOT:
            pivot = optarg;
            break;
        case OPT_TARGET:
            for (const char *p = optarg; *p;) {
                size_t n = strcspn(p, ",");
                char code[16];
                snprintf(code, sizeof code, "%.*s", (int)(n < 15 ? n : 15), p);
                if (n && (ntargets == TM_MAX_VERSIONS ||
                          !glossa_lang_canonical(code, targets[ntargets]))) {
                    rc = cli_usage_error(&cmd_check, "--target: unknown language '%s'", code);
                    goto done;
                }
                ntargets += n > 0;
                p += n + (p[n] == ',');
            }
            break;
        case 'h':
            goto done;
        default:
            rc = EXIT_TROUBLE;
            goto done;
        }
    }
    if (!nglossaries) {
        rc = cli_usage_error(&cmd_check, "which glossary? (--glossary=FILE)");
        goto done;
    }
    if (argc - optind < 1 || argc - optind > 2) {
        rc = cli_usage_error(&cmd_check, argc - optind ? "one or two versions of a document"
                                                       : "which document?");
        goto done;
    }
    if (!(ck = glossa_checker_new()) || !(glossaries = calloc(nglossaries, sizeof(*glossaries)))) {
        rc = cli_report(NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < ndisable; i++)
        if ((rc = parse_disable(ck, disable[i])))
            goto done;
    for (size_t i = 0; i < nglossaries; i++) {
        struct glossa_glossary *g;
        if (glossa_glossary_read_file(glossary_paths[i], NULL, &glossaries[i], &err) < 0) {
            rc = cli_report(&err, "cannot read glossary '%s'", glossary_paths[i]);
            goto done;
        }
        g = glossaries[i];
        if (glossa_glossary_problem_count(g)) {
            for (size_t k = 0; k < glossa_glossary_problem_count(g); k++) {
                struct glossa_glossary_problem p = glossa_glossary_problem(g, k);
                fprintf(stderr, "%s: error: glossary '%s', line %zu: %s\n", cli_program,
                        glossary_paths[i], p.line, p.message);
            }
            rc = EXIT_TROUBLE;
            goto done;
        }
        if (glossa_checker_add_glossary(ck, g, &err) < 0) {
            rc = cli_report(&err, "cannot use glossary '%s'", glossary_paths[i]);
            goto done;
        }
    }
    if (argc - optind == 1)
        tm_kind = tm_documents_kind(argv[optind], dopts.input.format);
    if ((pivot || ntargets) && tm_kind == TM_KIND_NONE) {
        rc = cli_usage_error(&cmd_check, "--pivot and --target go with a TMX or XLIFF file");
        goto done;
    }
    if (tm_kind != TM_KIND_NONE) {
        paths[0] = paths[1] = argv[optind];
        if ((rc = check_tm(ck, argv[optind], tm_kind, pivot, (const char(*)[3])targets, ntargets,
                           &dopts, &findings, &err)))
            goto done;
    }
    for (int i = optind; i < argc && tm_kind == TM_KIND_NONE; i++) {
        if ((rc = document_open(&versions[nversions], argv[i], &dopts)))
            goto done;
        paths[nversions] = versions[nversions].path;
        nversions++;
    }
    for (size_t v = 0; v < nversions; v++)
        if (glossa_check_document(ck, versions[v].text, versions[v].segments, versions[v].lang,
                                  (int)v, &findings, &err) < 0) {
            rc = cli_report(&err, "cannot check '%s'", versions[v].path);
            goto done;
        }
    if (nversions == 2 &&
        glossa_check_bilingual(ck, versions[0].text, versions[0].segments, versions[0].lang,
                               versions[1].text, versions[1].segments, versions[1].lang, &findings,
                               &err) < 0) {
        rc = cli_report(&err, "cannot check '%s' against '%s'", versions[1].path, versions[0].path);
        goto done;
    }
    glossa_findings_sort(&findings);
    fps = calloc(findings.n + 1, sizeof(*fps));
    shown_fps = calloc(findings.n + 1, sizeof(*shown_fps));
    shown.items = calloc(findings.n + 1, sizeof(*shown.items));
    if (!fps || !shown_fps || !shown.items) {
        rc = cli_report(NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < findings.n; i++) {
        if (!(fps[i] = malloc(BASELINE_FINGERPRINT_LEN + 1))) {
            rc = cli_report(NULL, "out of memory");
            goto done;
        }
        baseline_fingerprint(&findings.items[i], fps[i]);
    }
    if (write_baseline_path) {
        if ((rc = cli_output_open(&out, write_baseline_path)))
            goto done;
        baseline_write(out.f, &findings, paths, fps);
        if ((rc = cli_output_commit(&out)))
            goto done;
        fprintf(stderr, "%s: %zu finding%s written to '%s' as accepted\n", cli_program, findings.n,
                findings.n == 1 ? "" : "s", write_baseline_path);
        goto done;
    }
    if (baseline_path && baseline_read(baseline_path, &baseline, &err) < 0) {
        rc = cli_report(&err, "cannot read baseline '%s'", baseline_path);
        goto done;
    }
    /* shown borrows the findings' strings: it is never released, only freed */
    for (size_t i = 0; i < findings.n; i++) {
        const struct glossa_finding *x = &findings.items[i];
        if (baseline && baseline_take(baseline, fps[i]))
            continue;
        if (x->severity < min_level)
            continue;
        if (x->severity >= fail_level)
            failing = 1;
        shown_fps[shown.n] = fps[i];
        shown.items[shown.n++] = *x;
    }
    if ((rc = cli_output_open(&out, NULL)))
        goto done;
    report_write(out.f, format, &shown, paths, shown_fps);
    if ((rc = cli_output_commit(&out)))
        goto done;
    rc = failing && !no_fail ? EXIT_FINDINGS : EXIT_OK;
done:
    for (size_t v = 0; v < nversions; v++)
        document_close(&versions[v]);
    if (fps)
        for (size_t i = 0; i < findings.n; i++)
            free(fps[i]);
    free(fps);
    free(shown_fps);
    free(shown.items);
    glossa_findings_release(&findings);
    glossa_checker_free(ck);
    for (size_t i = 0; glossaries && i < nglossaries; i++)
        glossa_glossary_free(glossaries[i]);
    free(glossaries);
    free(glossary_paths);
    free(disable);
    baseline_free(baseline);
    glossa_error_release(&err);
    return rc;
}

/* glossa check: term consistency of one or two versions of a document against
 * glossaries, for CI.
 *
 * With two versions (source first), the bilingual checks run on aligned
 * segments and the monolingual checks on each version; with one, the
 * monolingual checks. Findings go to stdout in the chosen format; exit 0 when
 * nothing is at or above the fail level (after the baseline), 1 otherwise
 * (unless --no-fail), 2 on usage, I/O or input errors. */
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
#include "report.h"
#include "strbuf.h"

enum {
    OPT_FAIL_LEVEL = 256,
    OPT_MIN_LEVEL,
    OPT_NO_FAIL,
    OPT_DISABLE,
    OPT_BASELINE,
    OPT_WRITE_BASELINE,
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
    struct document versions[2], *vers = versions;
    struct tm_documents td;
    enum tm_kind tm_kind = TM_KIND_NONE;
    struct document_options dopts;
    size_t nversions = 0;
    struct glossa_findings findings = {NULL, 0, 0}, shown = {NULL, 0, 0};
    char **fps = NULL, **shown_fps = NULL;
    struct baseline *baseline = NULL;
    const char *paths[2] = {NULL, NULL};
    struct cli_output out = {NULL, NULL, NULL};
    int c, rc = EXIT_OK, no_fail = 0, failing = 0;

    memset(versions, 0, sizeof(versions));
    memset(&td, 0, sizeof(td));
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
    if (tm_kind != TM_KIND_NONE) {
        /* a TMX or XLIFF file: its first two languages, segments paired by unit */
        if ((rc = tm_documents_open(&td, argv[optind], tm_kind, NULL, &dopts)))
            goto done;
        vers = td.docs;
        nversions = td.n < 2 ? td.n : 2;
        paths[0] = paths[1] = td.path;
    }
    for (int i = optind; i < argc && tm_kind == TM_KIND_NONE; i++) {
        if ((rc = document_open(&versions[nversions], argv[i], &dopts)))
            goto done;
        paths[nversions] = versions[nversions].path;
        nversions++;
    }
    for (size_t v = 0; v < nversions; v++)
        if (glossa_check_document(ck, vers[v].text, vers[v].segments, vers[v].lang, (int)v,
                                  &findings, &err) < 0) {
            rc = cli_report(&err, "cannot check '%s'", vers[v].path);
            goto done;
        }
    if (nversions == 2 && glossa_check_bilingual_units(
                              ck, vers[0].text, vers[0].segments, vers[0].lang,
                              tm_kind ? td.units[0] : NULL, vers[1].text, vers[1].segments,
                              vers[1].lang, tm_kind ? td.units[1] : NULL, &findings, &err) < 0) {
        rc = cli_report(&err, "cannot check '%s' against '%s'", vers[1].path, vers[0].path);
        goto done;
    }
    /* in a translation memory, a finding names its unit: "[unit u12] ..." */
    for (size_t i = 0; tm_kind && i < findings.n; i++) {
        struct glossa_finding *f = &findings.items[i];
        const char *id = tm_documents_unit_id(&td, (size_t)f->version, f->offset);
        struct strbuf m = STRBUF_INIT;
        if (!*id)
            continue;
        if (strbuf_addf(&m, "[unit %s] %s", id, f->message ? f->message : "")) {
            strbuf_release(&m);
            rc = cli_report(NULL, "out of memory");
            goto done;
        }
        free(f->message);
        f->message = strbuf_detach(&m, NULL);
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
    if (tm_kind)
        tm_documents_close(&td);
    else
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

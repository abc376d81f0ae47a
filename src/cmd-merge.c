/* glossa merge: new rows join a glossary (rules in include/glossa/merge.h).
 *
 * Everything is read and merged in memory before a byte is written, and the
 * output goes through cli_output (temporary file, fsync, rename), so a bad
 * input, a conflict under --policy=fail, a full disk or a crash never leaves a
 * half-written or lost glossary. Exit 0: merged; 1: merged with conflicts
 * listed (nothing written with --policy=fail); 2: trouble, nothing written. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "glossa/glossary.h"
#include "glossa/merge.h"
#include "strbuf.h"

enum { OPT_IN_PLACE = 256, OPT_POLICY, OPT_REPORT };

static const struct cli_option merge_options[] = {
    {"output", 'o', required_argument, "FILE",
     "write the merged glossary to FILE (default: stdout)"},
    {"in-place", OPT_IN_PLACE, no_argument, NULL, "rewrite BASE (atomically)"},
    {"policy", OPT_POLICY, required_argument, "POLICY",
     "two approved targets: keep (the base's, default), theirs, or fail (write nothing)"},
    {"report", OPT_REPORT, required_argument, "FILE", "write the conflicts and counts to FILE"},
    CLI_OPTION_LANGS("languages of the columns of files without a header (en,fr)"),
    CLI_OPTION_BOM,
    {NULL, 0, 0, NULL, NULL},
};

static int run_merge(int argc, char **argv);

const struct cli_command cmd_merge = {
    "merge",
    "merge new glossary rows into a glossary without losing a human decision",
    "[-o OUT | --in-place] [--policy=keep|theirs|fail] [--report FILE] BASE NEW...",
    "Adds the rows of each NEW glossary to BASE: rows with the same term merge (counts add\n"
    "per source, sources unite, the highest confidence stays, concept ids stay), other rows\n"
    "are added. Approved, deprecated and forbidden rows are never overwritten by candidates;\n"
    "a candidate that contradicts an approved row, and two different approved targets for\n"
    "one term, are conflicts, listed with file:line of both rows.",
    merge_options,
    run_merge,
};

static void describe_conflict(struct strbuf *sb, const struct glossa_merge_conflict *c)
{
    switch (c->kind) {
    case GLOSSA_CONFLICT_TARGET:
        strbuf_addf(sb,
                    "two approved targets for %s '%s': %s (%s:%zu) and %s (%s:%zu); kept %s:%zu",
                    c->lang, c->term, c->base_value, c->base_file, c->base_line, c->new_value,
                    c->new_file, c->new_line, c->took_new ? c->new_file : c->base_file,
                    c->took_new ? c->new_line : c->base_line);
        break;
    case GLOSSA_CONFLICT_CANDIDATE:
        strbuf_addf(sb,
                    "candidate %s (%s:%zu) contradicts approved %s (%s:%zu) for %s '%s'; kept "
                    "the approved row",
                    c->new_value, c->new_file, c->new_line, c->base_value, c->base_file,
                    c->base_line, c->lang, c->term);
        break;
    case GLOSSA_CONFLICT_STATUS:
        strbuf_addf(sb, "%s '%s' is %s in %s:%zu and %s in %s:%zu; kept %s", c->lang, c->term,
                    c->base_value, c->base_file, c->base_line, c->new_value, c->new_file,
                    c->new_line, c->took_new ? c->new_value : c->base_value);
        break;
    }
}

static int write_report(const char *path, const struct glossa_merge_report *r, size_t rows)
{
    struct cli_output out;
    struct strbuf sb = STRBUF_INIT;
    if (cli_output_open(&out, path))
        return EXIT_TROUBLE;
    strbuf_addf(&sb, "rows: %zu\nmerged: %zu\nadded: %zu\nleft out: %zu\nconflicts: %zu\n", rows,
                r->merged, r->added, r->left_out, r->nconflicts);
    for (size_t i = 0; i < r->nconflicts; i++) {
        strbuf_addstr(&sb, "conflict: ");
        describe_conflict(&sb, &r->conflicts[i]);
        strbuf_addch(&sb, '\n');
    }
    fwrite(sb.buf, 1, sb.len, out.f);
    strbuf_release(&sb);
    return cli_output_commit(&out);
}

static int run_merge(int argc, char **argv)
{
    const char *output = NULL, *report_path = NULL;
    int in_place = 0, c, rc = EXIT_OK;
    enum glossa_merge_policy policy = GLOSSA_MERGE_KEEP;
    struct cli_glossary_args a = {NULL, 0, 0};
    struct glossa_glossary_options opts = {NULL, 0, 0, 0};
    struct glossa_glossary *base = NULL;
    struct glossa_merge_report report;
    struct glossa_error err;

    glossa_merge_report_init(&report);
    glossa_error_init(&err);
    optind = 1;
    while (!rc && (c = cli_getopt(&cmd_merge, argc, argv)) != -1) {
        if ((rc = cli_glossary_option(&cmd_merge, c, optarg, &a)) >= 0)
            continue;
        rc = 0;
        switch (c) {
        case 'h':
            cli_glossary_args_release(&a);
            return EXIT_OK;
        case 'o':
            output = optarg;
            break;
        case OPT_IN_PLACE:
            in_place = 1;
            break;
        case OPT_REPORT:
            report_path = optarg;
            break;
        case OPT_POLICY:
            if (!strcmp(optarg, "keep"))
                policy = GLOSSA_MERGE_KEEP;
            else if (!strcmp(optarg, "theirs"))
                policy = GLOSSA_MERGE_THEIRS;
            else if (!strcmp(optarg, "fail"))
                policy = GLOSSA_MERGE_FAIL;
            else
                rc = cli_usage_error(&cmd_merge,
                                     "unknown policy '%s' (expected keep, theirs or fail)", optarg);
            break;
        default:
            rc = EXIT_TROUBLE;
        }
    }
    opts.langs = (const char *const *)a.langs;
    opts.nlangs = a.nlangs;
    if (!rc && argc - optind < 2)
        rc = cli_usage_error(&cmd_merge, "merge needs BASE and at least one NEW glossary");
    if (!rc && in_place && output)
        rc = cli_usage_error(&cmd_merge, "--in-place and -o exclude each other");
    if (!rc && in_place && !strcmp(argv[optind], "-"))
        rc = cli_usage_error(&cmd_merge, "--in-place needs BASE to be a file");
    if (!rc)
        rc = cli_read_glossary(argv[optind], &opts, &base);
    for (int i = optind + 1; i < argc && !rc; i++) {
        struct glossa_glossary *incoming = NULL;
        rc = cli_read_glossary(argv[i], &opts, &incoming);
        if (!rc && glossa_merge(base, incoming, policy, &report, &err)) /* takes incoming */
            rc = cli_report(&err, "cannot merge '%s' into '%s'", argv[i], argv[optind]);
    }
    if (!rc) {
        struct strbuf sb = STRBUF_INIT;
        for (size_t i = 0; i < report.nconflicts && !report_path; i++) {
            strbuf_reset(&sb);
            describe_conflict(&sb, &report.conflicts[i]);
            fprintf(stderr, "%s: conflict: %s\n", cli_program, sb.buf);
        }
        strbuf_release(&sb);
        if (report_path)
            rc = write_report(report_path, &report, glossa_glossary_row_count(base));
        if (report.nconflicts && report_path)
            fprintf(stderr, "%s: %zu conflict%s listed in '%s'\n", cli_program, report.nconflicts,
                    report.nconflicts == 1 ? "" : "s", report_path);
    }
    if (!rc && report.nconflicts && policy == GLOSSA_MERGE_FAIL) {
        fprintf(stderr, "%s: nothing written (--policy=fail)\n", cli_program);
        rc = EXIT_FINDINGS;
    } else if (!rc) {
        struct cli_output out;
        const char *dest = in_place ? argv[optind] : output;
        if (cli_output_open(&out, dest))
            rc = EXIT_TROUBLE;
        else if (glossa_glossary_write(base, out.f, a.bom, &err)) {
            cli_output_abort(&out);
            rc = cli_report(&err, "cannot write '%s'", dest ? dest : "standard output");
        } else
            rc = cli_output_commit(&out);
        if (!rc && report.nconflicts)
            rc = EXIT_FINDINGS;
    }
    glossa_glossary_free(base);
    glossa_merge_report_release(&report);
    glossa_error_release(&err);
    cli_glossary_args_release(&a);
    return rc;
}

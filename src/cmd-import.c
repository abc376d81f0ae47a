/* glossa import: another tool's glossary into the project's CSV.
 *
 * Reading reports every row it cannot take (and then writes nothing), like
 * every command that loads a glossary; the output goes through cli_output. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "glossa/exchange.h"
#include "glossa/glossary.h"

enum { OPT_FROM = 256 };

static const struct cli_option import_options[] = {
    {"from", OPT_FROM, required_argument, "FORMAT",
     "tbx, csv, tsv, google, google-pair, deepl, amazon or omegat"},
    CLI_OPTION_LANGS("languages of the columns of files without a header (en,fr)"),
    {"output", 'o', required_argument, "FILE", "write to FILE (default: stdout)"},
    CLI_OPTION_BOM,
    {NULL, 0, 0, NULL, NULL},
};

static int run_import(int argc, char **argv);

const struct cli_command cmd_import = {
    "import",
    "read a translation tool's glossary into glossa's CSV",
    "--from=FORMAT [--langs=en,fr] [-o FILE] FILE",
    "Reads TBX, CSV or TSV (a header of languages, or two columns named by --langs),\n"
    "Google, Amazon, DeepL and OmegaT glossaries. Rows get a concept id, a type and a\n"
    "status (approved, unless the file says otherwise).",
    import_options,
    run_import,
};

static int run_import(int argc, char **argv)
{
    const char *from = NULL, *output = NULL;
    struct cli_glossary_args a = {NULL, 0, 0};
    enum glossa_format fmt = GLOSSA_FORMAT_CSV;
    struct glossa_glossary *g = NULL;
    struct glossa_error err;
    struct cli_output out;
    int rc;
    glossa_error_init(&err);
    rc = cli_exchange_options(&cmd_import, argc, argv, OPT_FROM, &from, &output, &a);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    rc = cli_exchange_format(&cmd_import, "from", from, 1,
                             "tbx, csv, tsv, google, google-pair, deepl, amazon, omegat", "FILE",
                             argc - optind, &fmt);
    if (!rc) {
        struct glossa_exchange_options o = {(const char *const *)a.langs, a.nlangs};
        if (glossa_import(argv[optind], fmt, &o, &g, &err))
            rc = cli_report(&err, "cannot import '%s'", argv[optind]);
    }
    if (!rc && glossa_glossary_problem_count(g)) {
        size_t n = glossa_glossary_problem_count(g);
        for (size_t i = 0; i < n; i++) {
            struct glossa_glossary_problem p = glossa_glossary_problem(g, i);
            fprintf(stderr, "%s: error: cannot import '%s': %s at line %zu\n", cli_program,
                    argv[optind], p.message, p.line);
        }
        fprintf(stderr, "%s: error: '%s': %zu row%s cannot be taken; nothing written\n",
                cli_program, argv[optind], n, n == 1 ? "" : "s");
        rc = EXIT_TROUBLE;
    }
    if (!rc && !(rc = cli_output_open(&out, output))) {
        if (glossa_glossary_write(g, out.f, a.bom, &err)) {
            cli_output_abort(&out);
            rc = cli_report(&err, "cannot write '%s'", output ? output : "standard output");
        } else
            rc = cli_output_commit(&out);
    }
    glossa_glossary_free(g);
    glossa_error_release(&err);
    cli_glossary_args_release(&a);
    return rc;
}

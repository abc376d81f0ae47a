/* glossa export: a glossary in the layout another tool imports.
 *
 * The library builds the whole output and refuses what the target cannot
 * hold before a byte is written; the output goes through cli_output, so a
 * refused export leaves no file behind. Rows a format leaves out are counted
 * on stderr, never dropped silently. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "glossa/exchange.h"
#include "glossa/glossary.h"

enum { OPT_TO = 256 };

static const struct cli_option export_options[] = {
    {"to", OPT_TO, required_argument, "FORMAT",
     "google, google-pair, deepl, amazon, omegat or tbx"},
    CLI_OPTION_LANGS("languages to export, in order (source first for the pair formats)"),
    {"output", 'o', required_argument, "FILE", "write to FILE (default: stdout)"},
    {NULL, 0, 0, NULL, NULL},
};

static int run_export(int argc, char **argv);

const struct cli_command cmd_export = {
    "export",
    "write a glossary in the format of a translation tool",
    "--to=FORMAT [--langs=en,fr] [-o FILE] GLOSSARY",
    "Formats: google (multilingual CSV), google-pair (two columns), deepl (source,target;\n"
    "one target per source term, 1024 bytes per term), amazon (Amazon Translate custom\n"
    "terminology CSV), omegat (TSV: source, target, comment) and tbx (TBX-Basic).\n"
    "Deprecated and forbidden rows are left out of all but TBX.",
    export_options,
    run_export,
};

static int run_export(int argc, char **argv)
{
    const char *to = NULL, *output = NULL;
    struct cli_glossary_args a = {NULL, 0, 0};
    size_t left_out = 0;
    enum glossa_format fmt = GLOSSA_FORMAT_TBX;
    struct glossa_glossary *g = NULL;
    struct glossa_error err;
    struct cli_output out;
    int rc;
    glossa_error_init(&err);
    rc = cli_exchange_options(&cmd_export, argc, argv, OPT_TO, &to, &output, &a);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    rc = cli_exchange_format(&cmd_export, "to", to, 0,
                             "google, google-pair, deepl, amazon, omegat, tbx", "GLOSSARY",
                             argc - optind, &fmt);
    if (!rc)
        rc = cli_read_glossary(argv[optind], NULL, &g);
    if (!rc && !(rc = cli_output_open(&out, output))) {
        struct glossa_exchange_options o = {(const char *const *)a.langs, a.nlangs};
        if (glossa_export(g, fmt, &o, out.f, &left_out, &err)) {
            cli_output_abort(&out);
            rc = cli_report(&err, "cannot export '%s' to %s", argv[optind], to);
        } else
            rc = cli_output_commit(&out);
        if (!rc && left_out)
            fprintf(stderr,
                    "%s: %zu row%s left out (deprecated or forbidden, a duplicate, or no term in "
                    "an exported language)\n",
                    cli_program, left_out, left_out == 1 ? "" : "s");
    }
    glossa_glossary_free(g);
    glossa_error_release(&err);
    cli_glossary_args_release(&a);
    return rc;
}

/* glossa: the program. Dispatches to one src/cmd-<name>.c per subcommand
 * through the command table below; everything else lives in libglossa. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "glossa/lang.h"

/* One line per command, in alphabetical order. */
extern const struct cli_command cmd_align;
extern const struct cli_command cmd_check;
extern const struct cli_command cmd_export;
extern const struct cli_command cmd_extract;
extern const struct cli_command cmd_import;
extern const struct cli_command cmd_merge;
extern const struct cli_command cmd_segment;

/* One command per line keeps merges of this table clean. */
/* clang-format off */
const struct cli_command *const cli_commands[] = {
    &cmd_align,
    &cmd_check,
    &cmd_export,
    &cmd_extract,
    &cmd_import,
    &cmd_merge,
    &cmd_segment,
    NULL,
};
/* clang-format on */

static void print_main_help(FILE *f)
{
    fprintf(f, "Usage: %s <command> [options] [arguments]\n\n", cli_program);
    fprintf(f, "glossa finds the acronyms with their long forms and the named entities in each\n"
               "language version of a document, aligns them across the versions, and writes,\n"
               "merges and checks multilingual CSV glossaries.\n\n");
    fprintf(f, "Commands:\n");
    for (size_t i = 0; cli_commands[i]; i++)
        fprintf(f, "  %-10s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
    fprintf(f, "  %-10s %s\n", "help", "show the help of a command");
    fprintf(f, "\nOptions:\n  -h, --help     show this help and exit\n"
               "  -V, --version  show the version and exit\n");
    fprintf(f, "\nFiles are given as LANG:FILE (en:letter.txt) or FILE (language detected);\n"
               "'-' reads standard input. Exit status: 0 success, 1 findings or conflicts,\n"
               "2 usage, I/O or input error.\n");
}

static const struct cli_command *find_command(const char *name)
{
    for (size_t i = 0; cli_commands[i]; i++)
        if (!strcmp(cli_commands[i]->name, name))
            return cli_commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    const struct cli_command *cmd;
    int rc;
    if (argc < 2) {
        print_main_help(stderr);
        return EXIT_TROUBLE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        print_main_help(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "help")) {
        if (argc < 3) {
            print_main_help(stdout);
            return EXIT_OK;
        }
        cmd = find_command(argv[2]);
        if (!cmd) {
            fprintf(stderr, "%s: '%s' is not a glossa command. See '%s --help'.\n", cli_program,
                    argv[2], cli_program);
            return EXIT_TROUBLE;
        }
        cli_print_help(cmd, stdout);
        return EXIT_OK;
    }
    cmd = find_command(argv[1]);
    if (!cmd) {
        fprintf(stderr, "%s: '%s' is not a glossa command. See '%s --help'.\n", cli_program,
                argv[1], cli_program);
        return EXIT_TROUBLE;
    }
    rc = cmd->run(argc - 1, argv + 1);
    glossa_lang_cleanup();
    return rc;
}

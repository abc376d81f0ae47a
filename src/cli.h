/* cli: what every glossa subcommand shares — the command table, option tables
 * that drive both getopt_long and --help, error messages, LANG:FILE arguments
 * and output files.
 *
 * This is part of the program, not of libglossa: the library never prints. */
#ifndef GLOSSA_CLI_H
#define GLOSSA_CLI_H

#include <stdio.h>

#include "glossa/error.h"
#include "glossa/exchange.h"
#include "glossa/input-format.h"

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

/* One option of a command: drives getopt_long and the --help text. */
struct cli_option {
    const char *long_name;
    int short_name;       /* 0 for none; also the value getopt returns (or a unique code >= 256) */
    int has_arg;          /* no_argument / required_argument */
    const char *arg_name; /* "FILE" etc., shown in help; NULL when no argument */
    const char *help;
};

struct cli_command {
    const char *name;
    const char *summary;               /* one line, for `glossa --help` */
    const char *usage;                 /* arguments after the command name */
    const char *description;           /* a paragraph for `glossa help <command>` */
    const struct cli_option *options;  /* terminated by {NULL} */
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
};

extern const char *cli_program;

/* --input-format, one entry shared by the option tables of the commands that
 * read documents (extract, segment, align, check): put CLI_OPTION_INPUT_FORMAT
 * in the table and handle CLI_OPT_INPUT_FORMAT with cli_input_format_arg. */
#define CLI_OPT_INPUT_FORMAT 0x1000
#define CLI_OPTION_INPUT_FORMAT                                                                    \
    {                                                                                              \
        "input-format", CLI_OPT_INPUT_FORMAT, required_argument, "NAME",                           \
            "read FILEs as text, docx, pdf, tmx or xliff (default: by content, then name)"         \
    }

/* --langs and --bom, shared by the commands that read and write glossaries
 * (merge, import, export): put CLI_OPTION_LANGS(help) / CLI_OPTION_BOM in the
 * table and give every option code to cli_glossary_option first. */
#define CLI_OPT_LANGS 0x1001
#define CLI_OPT_BOM 0x1002
#define CLI_OPTION_LANGS(help)                                                                     \
    {                                                                                              \
        "langs", CLI_OPT_LANGS, required_argument, "LIST", help                                    \
    }
#define CLI_OPTION_BOM                                                                             \
    {                                                                                              \
        "bom", CLI_OPT_BOM, no_argument, NULL,                                                     \
            "start the output with a byte-order mark (for Excel)"                                  \
    }

struct cli_glossary_args {
    char **langs; /* --langs split at commas (owned), NULL when not given */
    size_t nlangs;
    int bom;
};

/* Takes option c (with its argument arg) of cmd into a when it is --langs or
 * --bom. Returns 0 when taken, -1 when c is another option, or EXIT_TROUBLE
 * after a usage error (--langs given twice) or running out of memory. */
int cli_glossary_option(const struct cli_command *cmd, int c, const char *arg,
                        struct cli_glossary_args *a);
/* Frees what a holds (borrowed; a is left empty). */
void cli_glossary_args_release(struct cli_glossary_args *a);

/* The FORMAT of export's --to / import's --from (name, NULL when the option is
 * missing) and their one operand (named operand in the message; operands is
 * how many were given). csv_ok: csv and tsv are formats of the command; known
 * lists the formats for the message. Returns 0 with *fmt set, or EXIT_TROUBLE
 * after a usage error. */
int cli_exchange_format(const struct cli_command *cmd, const char *option, const char *name,
                        int csv_ok, const char *known, const char *operand, int operands,
                        enum glossa_format *fmt);

/* -j N of extract and align: 1 to 1024. Returns 0 with *jobs set, or -1. */
int cli_parse_jobs(const char *arg, unsigned *jobs);

/* The option loop of export and import: --langs/--bom into a, format_code's
 * argument (--to / --from) into *format, -o into *output (both borrowed from
 * argv). Returns 0, -1 after --help (exit 0), or EXIT_TROUBLE after a usage
 * error; a is released unless 0 is returned. */
int cli_exchange_options(const struct cli_command *cmd, int argc, char **argv, int format_code,
                         const char **format, const char **output, struct cli_glossary_args *a);

/* Parses the next option as getopt_long does, from cmd's table; returns the option
 * code, -1 at the end, '?' on a bad option (after printing usage), 'h' for --help
 * (every command has it, after printing the help to stdout). */
int cli_getopt(const struct cli_command *cmd, int argc, char **argv);

/* Prints `glossa help <command>` text to f. */
void cli_print_help(const struct cli_command *cmd, FILE *f);

/* Prints the short usage to stderr and returns EXIT_TROUBLE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints "glossa: error: <what>: <err message> at line L, column C" to stderr.
 * what is printf-style; err may be NULL. Returns EXIT_TROUBLE. */
int cli_report(const struct glossa_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same, to f (NULL: stderr): a worker thread's messages, kept for their turn. */
int cli_report_to(FILE *f, const struct glossa_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Splits a "LANG:FILE" argument. If arg starts with a supported language code
 * followed by ':', *lang receives the canonical code (static storage of the
 * caller's 3-byte buffer) and *path the rest; otherwise *lang is "" and *path
 * is arg. Returns 0, or EXIT_TROUBLE after reporting an unknown language code
 * written as "xx:FILE" when no file of that name exists. */
int cli_split_lang_arg(const char *arg, char lang[3], const char **path);
/* The same, reporting to f (NULL: stderr). */
int cli_split_lang_arg_to(FILE *f, const char *arg, char lang[3], const char **path);

/* An output destination: stdout, or a file written to a temporary name in the
 * same folder and renamed into place by cli_output_commit (fsync first), so a
 * failed run never leaves a half-written file and never touches an existing
 * file it did not finish. */
struct cli_output {
    FILE *f;
    char *path;     /* final name, NULL for stdout */
    char *tmp_path; /* temporary name, NULL for stdout */
};

/* path NULL or "-" means stdout. Returns 0 or EXIT_TROUBLE (after reporting). */
int cli_output_open(struct cli_output *out, const char *path);
/* Flushes, fsyncs and renames into place. Returns 0 or EXIT_TROUBLE (after reporting;
 * the temporary file is removed and the destination left as it was). */
int cli_output_commit(struct cli_output *out);
/* Abandons the output: removes the temporary file. Safe after commit. */
void cli_output_abort(struct cli_output *out);

struct glossa_glossary;
struct glossa_glossary_options;

/* Reads a glossary for a command (path "-" is stdin). On failure, or when some
 * rows cannot be taken, reports every one of them ("cannot read 'g.csv': unknown
 * status 'aproved' ... at line 7") and returns EXIT_TROUBLE; otherwise returns 0
 * with *out owned by the caller. options may be NULL. */
int cli_read_glossary(const char *path, const struct glossa_glossary_options *options,
                      struct glossa_glossary **out);

/* Splits a comma-separated list ("en,fr") into *out: an owned array of owned
 * strings, *n items. Returns 0 or -1 when out of memory. */
int cli_split_list(const char *list, char ***out, size_t *n);

/* Parses the value of --input-format into *out. Returns 0, or EXIT_TROUBLE after
 * printing cmd's usage for an unknown name. */
int cli_input_format_arg(const struct cli_command *cmd, const char *name,
                         enum glossa_input_format *out);

/* Fills what io leaves unset from the environment: the pdftotext program
 * ($GLOSSA_PDFTOTEXT) and its time limit in seconds ($GLOSSA_PDF_TIMEOUT).
 * Returns 0, or EXIT_TROUBLE after reporting a bad value to diag (NULL: stderr). */
int cli_input_environment(struct glossa_input_options *io, FILE *diag);

/* The command table (main.c). */
extern const struct cli_command *const cli_commands[];

#endif

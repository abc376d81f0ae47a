/* cli: option tables, help, messages and output files shared by the commands.
 *
 * Option tables are the single source of both getopt_long's array and the
 * --help text, so the two cannot drift apart. Messages follow one form:
 * "glossa: error: <what failed>: <why> at line L, column C". */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "glossa/glossary.h"
#include "glossa/lang.h"
#include "strbuf.h"

const char *cli_program = "glossa";

#define MAX_OPTIONS 64

static void build_getopt(const struct cli_command *cmd, struct option *longs, struct strbuf *shorts)
{
    size_t n = 0;
    /* No '+': options may follow the operands (glossa align en:a fr:b -o out.csv), as
     * in GNU tools; '--' ends the options for a file whose name starts with '-'. */
    strbuf_addch(shorts, ':');
    for (const struct cli_option *o = cmd->options; o && o->long_name && n < MAX_OPTIONS - 2;
         o++, n++) {
        longs[n].name = o->long_name;
        longs[n].has_arg = o->has_arg;
        longs[n].flag = NULL;
        longs[n].val = o->short_name;
        if (o->short_name > 0 && o->short_name < 128) {
            strbuf_addch(shorts, o->short_name);
            if (o->has_arg == required_argument)
                strbuf_addch(shorts, ':');
        }
    }
    longs[n].name = "help";
    longs[n].has_arg = no_argument;
    longs[n].flag = NULL;
    longs[n].val = 'h';
    n++;
    memset(&longs[n], 0, sizeof(longs[n]));
    strbuf_addch(shorts, 'h');
}

int cli_getopt(const struct cli_command *cmd, int argc, char **argv)
{
    struct option longs[MAX_OPTIONS];
    struct strbuf shorts = STRBUF_INIT;
    int c;
    build_getopt(cmd, longs, &shorts);
    opterr = 0;
    c = getopt_long(argc, argv, shorts.buf, longs, NULL);
    strbuf_release(&shorts);
    if (c == 'h') {
        cli_print_help(cmd, stdout);
        return 'h';
    }
    if (c == '?' || c == ':') {
        const char *bad = argv[optind - 1];
        if (c == ':')
            cli_usage_error(cmd, "option '%s' needs an argument", bad);
        else if (optopt && optopt < 128)
            cli_usage_error(cmd, "unknown option '-%c'", optopt);
        else
            cli_usage_error(cmd, "unknown option '%s'", bad);
        return '?';
    }
    return c;
}

void cli_print_help(const struct cli_command *cmd, FILE *f)
{
    fprintf(f, "Usage: %s %s %s\n\n", cli_program, cmd->name, cmd->usage);
    if (cmd->description)
        fprintf(f, "%s\n\n", cmd->description);
    fprintf(f, "Options:\n");
    for (const struct cli_option *o = cmd->options; o && o->long_name; o++) {
        struct strbuf left = STRBUF_INIT;
        if (o->short_name > 0 && o->short_name < 128)
            strbuf_addf(&left, "-%c, ", o->short_name);
        else
            strbuf_addstr(&left, "    ");
        strbuf_addf(&left, "--%s", o->long_name);
        if (o->arg_name)
            strbuf_addf(&left, "=%s", o->arg_name);
        fprintf(f, "  %-28s %s\n", left.buf, o->help);
        strbuf_release(&left);
    }
    fprintf(f, "  %-28s %s\n", "-h, --help", "show this help and exit");
    fprintf(f, "\nExit status: 0 success, 1 findings or conflicts, 2 usage, I/O or input error.\n");
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", cli_program);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: %s %s %s\n", cli_program, cmd->name, cmd->usage);
    fprintf(stderr, "Try '%s help %s' for more information.\n", cli_program, cmd->name);
    return EXIT_TROUBLE;
}

static int vreport(FILE *f, const struct glossa_error *err, const char *fmt, va_list ap)
{
    fprintf(f, "%s: error: ", cli_program);
    vfprintf(f, fmt, ap);
    if (err) {
        const char *why = err->message ? err->message : glossa_strerror(err->code);
        fprintf(f, ": %s", why);
        if (err->code == GLOSSA_EIO && err->sys_errno && !err->message)
            fprintf(f, ": %s", strerror(err->sys_errno));
        if (err->line && err->column)
            fprintf(f, " at line %zu, column %zu", err->line, err->column);
        else if (err->line && err->byte)
            fprintf(f, " at line %zu, byte %zu", err->line, err->byte);
        else if (err->line)
            fprintf(f, " at line %zu", err->line);
    }
    fputc('\n', f);
    return EXIT_TROUBLE;
}

int cli_report(const struct glossa_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(stderr, err, fmt, ap);
    va_end(ap);
    return EXIT_TROUBLE;
}

int cli_report_to(FILE *f, const struct glossa_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(f ? f : stderr, err, fmt, ap);
    va_end(ap);
    return EXIT_TROUBLE;
}

int cli_input_format_arg(const struct cli_command *cmd, const char *name,
                         enum glossa_input_format *out)
{
    if (glossa_input_format_parse(name, out))
        return cli_usage_error(cmd, "unknown input format '%s' (text, docx, pdf, tmx or xliff)",
                               name);
    return 0;
}

int cli_input_environment(struct glossa_input_options *io, FILE *diag)
{
    const char *t = getenv("GLOSSA_PDF_TIMEOUT");
    if (!io->pdftotext)
        io->pdftotext = getenv("GLOSSA_PDFTOTEXT");
    if (!io->pdf_timeout && t && *t) {
        char *end;
        unsigned long v;
        errno = 0;
        v = strtoul(t, &end, 10);
        if (*end || errno || v == 0 || v > 86400 || *t == '-')
            return cli_report_to(diag, NULL,
                                 "GLOSSA_PDF_TIMEOUT wants a number of seconds from 1 to 86400, "
                                 "not '%s'",
                                 t);
        io->pdf_timeout = (unsigned)v;
    }
    return 0;
}

int cli_split_lang_arg(const char *arg, char lang[3], const char **path)
{
    return cli_split_lang_arg_to(stderr, arg, lang, path);
}

int cli_split_lang_arg_to(FILE *f, const char *arg, char lang[3], const char **path)
{
    const char *colon = strchr(arg, ':');
    lang[0] = '\0';
    *path = arg;
    if (!colon || colon == arg || colon - arg > 8)
        return 0;
    for (const char *p = arg; p < colon; p++)
        if (!(p[0] >= 'a' && p[0] <= 'z') && !(p[0] >= 'A' && p[0] <= 'Z') && *p != '-' &&
            *p != '_')
            return 0;
    {
        char code[9];
        struct stat st;
        memcpy(code, arg, (size_t)(colon - arg));
        code[colon - arg] = '\0';
        if (glossa_lang_canonical(code, lang)) {
            *path = colon + 1;
            return 0;
        }
        if (stat(arg, &st) == 0)
            return 0; /* a file really named "xx:..." */
        lang[0] = '\0';
        fprintf(f ? f : stderr,
                "%s: error: unknown language '%s' in '%s' (supported: en, fr, es, ru, ar, zh)\n",
                cli_program, code, arg);
        return EXIT_TROUBLE;
    }
}

int cli_output_open(struct cli_output *out, const char *path)
{
    memset(out, 0, sizeof(*out));
    if (!path || !strcmp(path, "-")) {
        out->f = stdout;
        return 0;
    }
    {
        struct strbuf tmp = STRBUF_INIT;
        int fd;
        strbuf_addf(&tmp, "%s.tmp-XXXXXX", path);
        fd = mkstemp(tmp.buf);
        if (fd < 0) {
            fprintf(stderr, "%s: error: cannot write '%s': %s\n", cli_program, path,
                    strerror(errno));
            strbuf_release(&tmp);
            return EXIT_TROUBLE;
        }
        {
            /* mkstemp creates 0600; give the file the mode a plain open would, or keep the
             * mode of the file it replaces. */
            struct stat st;
            mode_t um = umask(0);
            umask(um);
            if (stat(path, &st) == 0)
                fchmod(fd, st.st_mode & 07777);
            else
                fchmod(fd, 0666 & ~um);
        }
        out->f = fdopen(fd, "w");
        out->path = strdup(path);
        out->tmp_path = strbuf_detach(&tmp, NULL);
        if (!out->f || !out->path || !out->tmp_path) {
            if (!out->f)
                close(fd);
            cli_output_abort(out);
            fprintf(stderr, "%s: error: cannot write '%s': out of memory\n", cli_program, path);
            return EXIT_TROUBLE;
        }
    }
    return 0;
}

int cli_output_commit(struct cli_output *out)
{
    int failed = 0, saved = 0;
    if (!out->f)
        return 0;
    if (fflush(out->f) != 0 || ferror(out->f)) {
        failed = 1;
        saved = errno;
    }
    if (!out->path) {
        out->f = NULL;
        if (failed) {
            fprintf(stderr, "%s: error: cannot write to standard output: %s\n", cli_program,
                    strerror(saved));
            return EXIT_TROUBLE;
        }
        return 0;
    }
    if (!failed && fsync(fileno(out->f)) != 0) {
        failed = 1;
        saved = errno;
    }
    if (fclose(out->f) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    out->f = NULL;
    if (!failed && rename(out->tmp_path, out->path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        fprintf(stderr, "%s: error: cannot write '%s': %s\n", cli_program, out->path,
                strerror(saved));
        cli_output_abort(out);
        return EXIT_TROUBLE;
    }
    free(out->path);
    free(out->tmp_path);
    out->path = out->tmp_path = NULL;
    return 0;
}

void cli_output_abort(struct cli_output *out)
{
    if (out->f && out->f != stdout)
        fclose(out->f);
    out->f = NULL;
    if (out->tmp_path)
        unlink(out->tmp_path);
    free(out->path);
    free(out->tmp_path);
    out->path = out->tmp_path = NULL;
}

int cli_read_glossary(const char *path, const struct glossa_glossary_options *options,
                      struct glossa_glossary **out)
{
    struct glossa_error err;
    size_t n;
    glossa_error_init(&err);
    if (glossa_glossary_read_file(path, options, out, &err)) {
        cli_report(&err, "cannot read '%s'", path);
        glossa_error_release(&err);
        return EXIT_TROUBLE;
    }
    n = glossa_glossary_problem_count(*out);
    for (size_t i = 0; i < n; i++) {
        struct glossa_glossary_problem p = glossa_glossary_problem(*out, i);
        fprintf(stderr, "%s: error: cannot read '%s': %s at line %zu\n", cli_program, path,
                p.message, p.line);
    }
    if (n) {
        fprintf(stderr, "%s: error: '%s': %zu row%s cannot be taken; nothing written\n",
                cli_program, path, n, n == 1 ? "" : "s");
        glossa_glossary_free(*out);
        *out = NULL;
        return EXIT_TROUBLE;
    }
    return 0;
}

int cli_split_list(const char *list, char ***out, size_t *n)
{
    char *copy = strdup(list), *save = NULL, **items = NULL;
    size_t count = 0;
    if (!copy)
        return -1;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char **grown = realloc(items, (count + 1) * sizeof(*items));
        if (!grown || !(grown[count] = strdup(tok))) {
            free(grown ? grown : items);
            free(copy);
            return -1;
        }
        items = grown;
        count++;
    }
    free(copy);
    *out = items;
    *n = count;
    return 0;
}

int cli_glossary_option(const struct cli_command *cmd, int c, const char *arg,
                        struct cli_glossary_args *a)
{
    if (c == CLI_OPT_BOM) {
        a->bom = 1;
        return 0;
    }
    if (c != CLI_OPT_LANGS)
        return -1;
    if (a->langs)
        return cli_usage_error(cmd, "--langs given twice");
    if (cli_split_list(arg, &a->langs, &a->nlangs))
        return cli_report(NULL, "out of memory");
    return 0;
}

void cli_glossary_args_release(struct cli_glossary_args *a)
{
    for (size_t i = 0; i < a->nlangs; i++)
        free(a->langs[i]);
    free(a->langs);
    memset(a, 0, sizeof(*a));
}

int cli_parse_jobs(const char *arg, unsigned *jobs)
{
    char *end;
    unsigned long n;
    errno = 0;
    n = strtoul(arg, &end, 10);
    if (errno || end == arg || *end || n < 1 || n > 1024)
        return -1;
    *jobs = (unsigned)n;
    return 0;
}

int cli_exchange_options(const struct cli_command *cmd, int argc, char **argv, int format_code,
                         const char **format, const char **output, struct cli_glossary_args *a)
{
    int c, rc;
    optind = 1;
    while ((c = cli_getopt(cmd, argc, argv)) != -1) {
        if ((rc = cli_glossary_option(cmd, c, optarg, a)) > 0)
            break;
        if (rc == 0)
            continue;
        if (c == format_code)
            *format = optarg;
        else if (c == 'o')
            *output = optarg;
        else {
            rc = c == 'h' ? -1 : EXIT_TROUBLE;
            break;
        }
    }
    if (c == -1)
        return 0;
    cli_glossary_args_release(a);
    return rc;
}

int cli_exchange_format(const struct cli_command *cmd, const char *option, const char *name,
                        int csv_ok, const char *known, const char *operand, int operands,
                        enum glossa_format *fmt)
{
    if (!name)
        return cli_usage_error(cmd, "%s needs --%s=FORMAT", cmd->name, option);
    if (glossa_format_parse(name, fmt) ||
        (!csv_ok && (*fmt == GLOSSA_FORMAT_CSV || *fmt == GLOSSA_FORMAT_TSV)))
        return cli_usage_error(cmd, "unknown format '%s' (%s)", name, known);
    if (operands != 1)
        return cli_usage_error(cmd, "%s takes one %s", cmd->name, operand);
    return 0;
}

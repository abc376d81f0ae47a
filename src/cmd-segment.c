/* glossa segment: show how glossa reads a document — its paragraphs and
 * sentences, each with the place of its first character in the original file.
 *
 * Output goes to stdout as TSV (header row; tab, newline, carriage return and
 * backslash in the text escaped as \t \n \r \\) or as a JSON array of objects.
 * The language comes from LANG:FILE or --lang, otherwise it is detected and
 * reported on stderr. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "glossa/lang.h"
#include "glossa/segment.h"
#include "glossa/text.h"
#include "jsonout.h"
#include "strbuf.h"

enum { OPT_KEEP_LAYOUT = 256 };

static const struct cli_option segment_options[] = {
    {"format", 'f', required_argument, "FORMAT", "output format: tsv (default) or json"},
    {"lang", 'l', required_argument, "LANG", "language of the document (en, fr, es, ru, ar, zh)"},
    {"encoding", 'e', required_argument, "NAME",
     "encoding of the file when it has no BOM (default UTF-8; e.g. windows-1252)"},
    {"keep-layout", OPT_KEEP_LAYOUT, no_argument, NULL,
     "take lines as they are: no PDF repair, nothing dropped"},
    CLI_OPTION_INPUT_FORMAT,
    {NULL, 0, 0, NULL, NULL},
};

static int run_segment(int argc, char **argv);

const struct cli_command cmd_segment = {
    "segment",
    "show the paragraphs and sentences of a document",
    "[--format=tsv|json] [--lang=LANG] [--encoding=NAME] [--keep-layout] [LANG:]FILE",
    "Reads FILE ('-' for standard input) as glossa reads every document: decoded (BOM,\n"
    "UTF-8 or --encoding), normalised to NFC, text extracted from PDF repaired (lines\n"
    "joined, hyphenation undone, page furniture dropped), and split into paragraphs and\n"
    "sentences. Prints one row per sentence: the paragraph's index and number (\"4\",\n"
    "\"(a)\"), the sentence's index in it, the line and column of its first character in\n"
    "the original file, and its text.",
    segment_options,
    run_segment,
};

static void add_tsv_field(struct strbuf *sb, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *esc;
        switch (s[i]) {
        case '\t':
            esc = "\\t";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\\':
            esc = "\\\\";
            break;
        default:
            continue;
        }
        strbuf_add(sb, s + run, i - run);
        strbuf_addstr(sb, esc);
        run = i + 1;
    }
    strbuf_add(sb, s + run, n - run);
}

static int print_segments(const struct glossa_text *text, const struct glossa_segments *sg,
                          int json)
{
    struct strbuf row = STRBUF_INIT;
    const char *body = glossa_text_body(text, NULL);
    if (json)
        fputs("[", stdout);
    else
        fputs("paragraph\tnumber\tsentence\tline\tcolumn\ttext\n", stdout);
    for (size_t i = 0; i < sg->n; i++) {
        const struct glossa_segment *s = &sg->items[i];
        const struct glossa_paragraph *p = &sg->paragraphs[s->paragraph];
        size_t line, column, sentence = i - p->first_segment + 1;
        glossa_text_position(text, s->start, &line, &column);
        strbuf_reset(&row);
        if (json) {
            strbuf_addf(&row, "%s\n  {\"paragraph\": %zu, \"number\": ", i ? "," : "",
                        s->paragraph + 1);
            jsonout_cstring(&row, p->number);
            strbuf_addf(&row,
                        ", \"sentence\": %zu, \"line\": %zu, \"column\": %zu, \"text\": ", sentence,
                        line, column);
            jsonout_string(&row, body + s->start, s->end - s->start);
            strbuf_addch(&row, '}');
        } else {
            strbuf_addf(&row, "%zu\t", s->paragraph + 1);
            if (p->number)
                add_tsv_field(&row, p->number, strlen(p->number));
            strbuf_addf(&row, "\t%zu\t%zu\t%zu\t", sentence, line, column);
            add_tsv_field(&row, body + s->start, s->end - s->start);
            strbuf_addch(&row, '\n');
        }
        fwrite(row.buf, 1, row.len, stdout);
    }
    if (json)
        fputs(sg->n ? "\n]\n" : "]\n", stdout);
    strbuf_release(&row);
    return 0;
}

static int run_segment(int argc, char **argv)
{
    struct glossa_text_options opts = {NULL, 0, NULL};
    struct glossa_input_options input = {GLOSSA_INPUT_AUTO, NULL, 0, 0};
    struct glossa_error err;
    struct glossa_text *text = NULL;
    struct glossa_segments *sg = NULL;
    struct cli_output out;
    const char *format = "tsv", *lang_opt = NULL, *path, *shown;
    char lang[3], given[3];
    int c, rc = EXIT_OK, json;
    size_t len;

    while ((c = cli_getopt(&cmd_segment, argc, argv)) != -1) {
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'l':
            lang_opt = optarg;
            break;
        case 'e':
            opts.encoding = optarg;
            break;
        case OPT_KEEP_LAYOUT:
            opts.keep_layout = 1;
            break;
        case CLI_OPT_INPUT_FORMAT:
            if (cli_input_format_arg(&cmd_segment, optarg, &input.format))
                return EXIT_TROUBLE;
            break;
        case 'h':
            return EXIT_OK;
        default:
            return EXIT_TROUBLE;
        }
    }
    if (strcmp(format, "tsv") && strcmp(format, "json"))
        return cli_usage_error(&cmd_segment, "unknown format '%s' (tsv or json)", format);
    json = !strcmp(format, "json");
    if (argc - optind != 1)
        return cli_usage_error(&cmd_segment, argc - optind ? "one file at a time"
                                                           : "which file? ('-' is standard input)");
    if (cli_split_lang_arg(argv[optind], given, &path))
        return EXIT_TROUBLE;
    if (lang_opt && !glossa_lang_canonical(lang_opt, lang))
        return cli_usage_error(
            &cmd_segment, "unknown language '%s' (supported: en, fr, es, ru, ar, zh)", lang_opt);
    if (!lang_opt)
        memcpy(lang, given, 3);
    if (lang[0])
        opts.lang = lang;
    shown = strcmp(path, "-") ? path : "standard input";

    glossa_error_init(&err);
    if ((rc = cli_input_environment(&input, NULL)))
        goto done;
    if (glossa_input_read_text(path, &input, &opts, &text, &err) < 0) {
        rc = cli_report(&err, "cannot read '%s'", shown);
        goto done;
    }
    glossa_text_body(text, &len);
    if (!lang[0]) {
        const char *body = glossa_text_body(text, NULL);
        const char *code = len ? glossa_lang_detect(body, len, NULL) : "en";
        if (!code) {
            fprintf(stderr,
                    "%s: error: cannot tell the language of '%s'; give it as LANG:FILE or "
                    "--lang\n",
                    cli_program, shown);
            rc = EXIT_TROUBLE;
            goto done;
        }
        memcpy(lang, code, 3);
        if (len)
            fprintf(stderr, "%s: %s: language detected: %s\n", cli_program, shown, lang);
    }
    if (glossa_segment_text(text, lang, &sg, &err) < 0) {
        rc = cli_report(&err, "cannot segment '%s'", shown);
        goto done;
    }
    if ((rc = cli_output_open(&out, NULL)))
        goto done;
    print_segments(text, sg, json);
    rc = cli_output_commit(&out);
done:
    glossa_segments_free(sg);
    glossa_text_free(text);
    glossa_error_release(&err);
    return rc;
}

/* document: the command-line view of one language version.
 *
 * Settles the language in this order: LANG: prefix, --lang, detection on the
 * body (reported on stderr, because a wrong guess changes every result).
 * Reads text, DOCX and PDF through glossa_input_read_text (format given with
 * --input-format or detected); TMX and XLIFF go to document_open_exchange.
 * $GLOSSA_PDFTOTEXT names the pdftotext program and $GLOSSA_PDF_TIMEOUT its
 * time limit when the options do not. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "document.h"
#include "glossa/lang.h"

int document_open(struct document *doc, const char *arg, const struct document_options *opts)
{
    char lang[3];
    const char *path;
    if (cli_split_lang_arg(arg, lang, &path)) {
        memset(doc, 0, sizeof(*doc));
        return EXIT_TROUBLE;
    }
    return document_open_path(doc, lang, path, opts);
}

int document_open_path(struct document *doc, const char *lang, const char *path,
                       const struct document_options *opts)
{
    struct glossa_error err;
    struct glossa_input_options input;
    const char *body;
    size_t len;
    int rc;

    memset(doc, 0, sizeof(*doc));
    memcpy(doc->lang, lang, sizeof(doc->lang));
    doc->path = path;
    doc->diag = opts->diag ? opts->diag : stderr;
    if (!doc->lang[0] && opts->lang[0])
        memcpy(doc->lang, opts->lang, sizeof(doc->lang));
    glossa_error_init(&err);
    input = opts->input;
    if (cli_input_environment(&input, doc->diag))
        return EXIT_TROUBLE;
    /* one open to detect and read a text; TMX and XLIFF are read their own way */
    rc = glossa_input_read_text_format(doc->path, &input, &opts->text, &doc->format, &doc->text,
                                       &err);
    if (rc == GLOSSA_EFORMAT &&
        (doc->format == GLOSSA_INPUT_TMX || doc->format == GLOSSA_INPUT_XLIFF)) {
        glossa_error_release(&err);
        return document_open_exchange(doc, doc->format, opts);
    }
    if (rc) {
        cli_report_to(doc->diag, &err, "cannot read '%s'", doc->path);
        glossa_error_release(&err);
        return EXIT_TROUBLE;
    }
    body = glossa_text_body(doc->text, &len);
    if (!doc->lang[0]) {
        double confidence = 0;
        const char *code = glossa_lang_detect(body, len, &confidence);
        if (!code && len > 0) {
            fprintf(doc->diag,
                    "%s: error: cannot tell the language of '%s'; name it as LANG:%s "
                    "(supported: en, fr, es, ru, ar, zh)\n",
                    cli_program, doc->path, doc->path);
            document_close(doc);
            return EXIT_TROUBLE;
        }
        memcpy(doc->lang, code ? code : "en", 3);
        doc->detected = 1;
        if (code)
            fprintf(doc->diag, "%s: %s: language detected: %s (confidence %.2f)\n", cli_program,
                    glossa_text_name(doc->text), code, confidence);
    }
    rc = glossa_segment_text(doc->text, doc->lang, &doc->segments, &err);
    if (rc) {
        cli_report_to(doc->diag, &err, "cannot segment '%s'", doc->path);
        glossa_error_release(&err);
        document_close(doc);
        return EXIT_TROUBLE;
    }
    return EXIT_OK;
}

int document_extract(struct document *doc, glossa_occurrence_fn fn, void *ctx)
{
    struct glossa_extractor *ex = NULL;
    int rc = document_extract_with(doc, &ex, fn, ctx);
    glossa_extractor_free(ex);
    return rc;
}

int document_extract_with(struct document *doc, struct glossa_extractor **ex,
                          glossa_occurrence_fn fn, void *ctx)
{
    struct glossa_error err;
    const struct glossa_lang *lang;
    int rc;

    glossa_error_init(&err);
    if (!*ex &&
        (glossa_lang_get(doc->lang, &lang, &err) || !(*ex = glossa_extractor_new(lang, &err)))) {
        cli_report_to(doc->diag, &err, "cannot extract from '%s'", doc->path);
        glossa_error_release(&err);
        return EXIT_TROUBLE;
    }
    rc = glossa_extract_text(*ex, doc->text, doc->segments, fn, ctx, &err);
    if (rc) {
        if (!err.code)
            err.code = rc;
        cli_report_to(doc->diag, &err, "cannot extract from '%s'", doc->path);
        glossa_error_release(&err);
        return EXIT_TROUBLE;
    }
    return EXIT_OK;
}

void document_close(struct document *doc)
{
    glossa_segments_free(doc->segments);
    glossa_text_free(doc->text);
    doc->segments = NULL;
    doc->text = NULL;
}

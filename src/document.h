/* document: one language version named on the command line ([LANG:]FILE),
 * read, its language settled (given, or detected and reported) and segmented.
 * Program side: errors are reported on stderr here, in the house form. */
#ifndef GLOSSA_DOCUMENT_H
#define GLOSSA_DOCUMENT_H

#include <stdio.h>

#include "glossa/extract.h"
#include "glossa/input-format.h"
#include "glossa/segment.h"
#include "glossa/text.h"

struct document_options {
    char lang[3]; /* --lang for arguments without LANG:; "" to detect */
    struct glossa_text_options text;
    FILE *diag; /* where messages go; NULL: stderr (worker threads keep theirs for later) */
    struct glossa_input_options input; /* --input-format (AUTO: detect); pdftotext and
                                          part limit (NULL/0: $GLOSSA_PDFTOTEXT or defaults) */
};

struct document {
    const char *path;                /* borrowed from argv (or the corpus) */
    enum glossa_input_format format; /* what the file was read as */
    FILE *diag;                      /* borrowed from the options */
    char lang[3];
    int detected; /* 1 when the language was detected, not given */
    struct glossa_text *text;
    struct glossa_segments *segments;
};

/* Opens arg ("fr:lettre.txt", "lettre.txt", "-"), of the format given in
 * opts->input or detected (text, DOCX, PDF; TMX and XLIFF through
 * document_open_exchange). Returns EXIT_OK, or
 * EXIT_TROUBLE after reporting (unknown language, unreadable or bad input,
 * language not detectable). */
int document_open(struct document *doc, const char *arg, const struct document_options *opts);

/* The same with the language ("" for --lang or detection) and path (borrowed)
 * given apart, as a corpus lists them. */
int document_open_path(struct document *doc, const char *lang, const char *path,
                       const struct document_options *opts);

/* Runs the extractor of the document's language; fn receives every occurrence.
 * Returns EXIT_OK or EXIT_TROUBLE after reporting. */
int document_extract(struct document *doc, glossa_occurrence_fn fn, void *ctx);

/* The same with a reusable extractor: *ex (owned by the caller, NULL at first)
 * is made for the document's language when NULL; reuse it only for documents
 * of that language, in one thread. */
int document_extract_with(struct document *doc, struct glossa_extractor **ex,
                          glossa_occurrence_fn fn, void *ctx);

/* The hook for TMX and XLIFF inputs (format is GLOSSA_INPUT_TMX or
 * GLOSSA_INPUT_XLIFF), called by document_open_path with doc's path, diag and
 * lang set; fills doc as document_open_path does with the one version LANG
 * names (src/document-tm.c). A file holding several languages and no LANG is
 * refused with EXIT_TROUBLE, naming the languages it holds. */
int document_open_exchange(struct document *doc, enum glossa_input_format format,
                           const struct document_options *opts);

void document_close(struct document *doc);

#endif

/* document: one language version named on the command line ([LANG:]FILE),
 * read, its language settled (given, or detected and reported) and segmented.
 * Program side: errors are reported on stderr here, in the house form. */
#ifndef GLOSSA_DOCUMENT_H
#define GLOSSA_DOCUMENT_H

#include "glossa/extract.h"
#include "glossa/segment.h"
#include "glossa/text.h"

struct document_options {
    char lang[3]; /* --lang for arguments without LANG:; "" to detect */
    struct glossa_text_options text;
};

struct document {
    const char *path; /* borrowed from argv */
    char lang[3];
    int detected; /* 1 when the language was detected, not given */
    struct glossa_text *text;
    struct glossa_segments *segments;
};

/* Opens arg ("fr:lettre.txt", "lettre.txt", "-"). Returns EXIT_OK, or
 * EXIT_TROUBLE after reporting (unknown language, unreadable or bad input,
 * language not detectable). */
int document_open(struct document *doc, const char *arg, const struct document_options *opts);

/* Runs the extractor of the document's language; fn receives every occurrence.
 * Returns EXIT_OK or EXIT_TROUBLE after reporting. */
int document_extract(struct document *doc, glossa_occurrence_fn fn, void *ctx);

void document_close(struct document *doc);

#endif

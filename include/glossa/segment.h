/* segment: paragraphs and sentences of a document's body.
 *
 * Paragraphs are the lines of the body (see text.h). A paragraph that opens with
 * a number ("1.", "12.", "(a)", "(iv)") records it: UN documents number their
 * paragraphs identically in every language version, which alignment uses as
 * anchors. Sentences follow ICU's sentence break rules for the language, with
 * the abbreviation exceptions of data/lang/<code>/abbreviations.txt and no
 * break inside document symbols (S/2019/742). */
#ifndef GLOSSA_SEGMENT_H
#define GLOSSA_SEGMENT_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/text.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glossa_paragraph {
    size_t start, end;  /* byte offsets into the body, end exclusive, number included */
    size_t text_start;  /* where the text starts after the paragraph number, if any */
    const char *number; /* "4", "(a)"; NULL when unnumbered (owned by the list) */
    size_t first_segment, nsegments; /* its sentences in glossa_segments.items */
};

struct glossa_segment {
    size_t start, end; /* byte offsets into the body, end exclusive, spaces trimmed */
    size_t paragraph;  /* index into glossa_segments.paragraphs */
};

struct glossa_segments {
    char lang[3]; /* the language used for the sentence rules */
    struct glossa_paragraph *paragraphs;
    size_t nparagraphs;
    struct glossa_segment *items;
    size_t n;
};

/* Splits text's body. lang is a supported code (see lang.h). *out returned owned.
 * Errors: GLOSSA_ELANG, GLOSSA_EUNICODE, GLOSSA_ENOMEM. */
int glossa_segment_text(const struct glossa_text *text, const char *lang,
                        struct glossa_segments **out, struct glossa_error *err);

void glossa_segments_free(struct glossa_segments *segments);

#ifdef __cplusplus
}
#endif
#endif

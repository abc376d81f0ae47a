/* layout: from the lines of a file to the paragraphs of its body.
 *
 * Recognises page furniture (masthead, job numbers, bar codes, page numbers,
 * running headers, footnote marks) and, in text extracted from PDF, joins
 * hard-wrapped lines into paragraphs, undoes line-end hyphenation where it is
 * a break and removes the stray space before an apostrophe. Private to
 * libglossa: text.c calls it, segment.c shares its paragraph-number reader. */
#ifndef GLOSSA_LAYOUT_H
#define GLOSSA_LAYOUT_H

#include <stddef.h>

#include "offset-map.h"
#include "strbuf.h"

struct layout_options {
    int keep_layout;  /* 1: every non-blank line is a paragraph, nothing dropped or repaired */
    const char *lang; /* the document's language when known, else NULL (guessed if needed) */
};

/* Appends the body built from s (n bytes of NFC UTF-8) to body and records in
 * map where each body byte came from in s. Returns 0 or GLOSSA_ENOMEM. */
int layout_build(const char *s, size_t n, const struct layout_options *opts, struct strbuf *body,
                 struct offset_map *map);

/* If s (n bytes) opens with a paragraph number ("1.", "12.", "1.2", "(a)",
 * "(iv)", "a)", "IV.", "A."), returns the length of the marker including the
 * white space after it, and stores in *number_len the length of the number as
 * it should be reported ("1" for "1.", "(a)" for "(a)"). Returns 0 otherwise. */
size_t layout_number_length(const char *s, size_t n, size_t *number_len);

#endif

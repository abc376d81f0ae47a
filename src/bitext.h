/* bitext: alignment of the segments of two versions of one document.
 *
 * Each side is a sequence of units (sentences, or paragraphs) in text order.
 * The result is a monotone sequence of beads, each pairing a run of units of
 * side a with a run of units of side b (either run may be empty: page
 * furniture, a sentence one translation leaves out). Anchors — paragraph
 * numbers, numbers, document symbols, identical Latin acronyms and names —
 * pull the path; between them a length-based cost (Gale and Church) decides.
 * Time and memory are linear in the number of units: the dynamic programme
 * runs in a band around a guide path through the anchors that occur once on
 * each side. */
#ifndef GLOSSA_BITEXT_H
#define GLOSSA_BITEXT_H

#include <stddef.h>

#include "glossa/error.h"

struct glossa_bitext_unit {
    const char *text;   /* borrowed UTF-8 */
    size_t len;         /* bytes */
    const char *number; /* borrowed: the paragraph number when the unit opens a numbered
                           paragraph ("12", "(a)"), else NULL */
};

struct glossa_bead {
    size_t a_start, a_end; /* units of side a, end exclusive */
    size_t b_start, b_end; /* units of side b, end exclusive */
};

struct glossa_bitext {
    struct glossa_bead *beads; /* owned, in text order */
    size_t nbeads;
    size_t *a_bead, *b_bead; /* owned: the bead of each unit of a and of b */
    size_t na, nb;
    /* How well the versions agree: numbers of side a that also occur in side b
     * (anchors), and of those the ones found in the aligned bead or a
     * neighbour (agreed); tokens counts the distinct numbers of side a. */
    size_t tokens, anchors, agreed;
    double length_ratio; /* characters of b / characters of a */
};

/* Aligns a[0..na) with b[0..nb) (both borrowed). out is filled (release it
 * with glossa_bitext_release). Returns 0 or GLOSSA_ENOMEM. */
int glossa_bitext_align(const struct glossa_bitext_unit *a, size_t na,
                        const struct glossa_bitext_unit *b, size_t nb, struct glossa_bitext *out,
                        struct glossa_error *err);

/* The alignment of two versions whose units are already paired (a translation
 * memory): ua[i] and ub[j] (borrowed, each non-decreasing) name the
 * translation unit each unit belongs to; the units of one translation unit
 * make one bead, and a translation unit present on one side only a bead with
 * an empty run on the other. Counts every bead as an agreed anchor. Returns 0,
 * GLOSSA_EINVAL (decreasing units) or GLOSSA_ENOMEM. */
int glossa_bitext_from_units(const size_t *ua, size_t na, const size_t *ub, size_t nb,
                             struct glossa_bitext *out, struct glossa_error *err);

void glossa_bitext_release(struct glossa_bitext *bt);

/* Returns 1 when the alignment looks like two versions of one document, 0 when
 * too few anchors agree (or the lengths are far apart); *why (may be NULL)
 * receives a static explanation when 0. */
int glossa_bitext_consistent(const struct glossa_bitext *bt, const char **why);

#endif

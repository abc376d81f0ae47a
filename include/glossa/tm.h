/* tm: translation units read from the files CAT tools exchange (TMX, XLIFF),
 * and the language versions they make.
 *
 * A unit holds the variants of one segment in several languages: they are
 * aligned by construction, so no segment alignment is needed. A variant's text
 * is NFC UTF-8 with the inline codes removed (TMX <bpt> <ept> <ph> <it> <ut>,
 * XLIFF <bpt> <ept> <ph> <it> <x/> <bx/> <ex/> <cp/> <sc/> <ec/>...; the text
 * inside <hi>, <g>, <mrk>, <pc> is kept) and line breaks and tabs turned into
 * spaces; its origins say where each stretch of it stands in the original
 * file, so positions are those of the file, not of the stripped text.
 *
 * Readers (tmx.h, xliff.h) stream: units are handed to a callback one at a
 * time and forgotten, so memory does not grow with the file. A collector
 * (glossa_tm_versions) gathers the units into one body per language, each
 * unit variant a paragraph, to be segmented, extracted, aligned and checked
 * like a plain-text version. */
#ifndef GLOSSA_TM_H
#define GLOSSA_TM_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/segment.h"
#include "glossa/text.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glossa_tm_variant {
    char lang[3];     /* glossa's code of the language ("fr" for fr-CA), "" when unknown */
    const char *tag;  /* the language tag as written (xml:lang, lang, srcLang...) */
    const char *text; /* NFC UTF-8, inline codes removed, no '\n' */
    size_t len;       /* bytes */
    const struct glossa_text_origin *origins; /* offsets into text; at least one */
    size_t norigins;
};

struct glossa_tm_unit {
    const char *id; /* tuid (TMX), id of the unit (XLIFF); "" when none */
    size_t index;   /* 0-based, in file order */
    size_t line;    /* line of the unit's element in the file */
    const struct glossa_tm_variant *variants;
    size_t n;
};

/* Called for each unit; everything is borrowed for the call only. A non-zero
 * return stops reading and is returned by the reader. */
typedef int (*glossa_tm_unit_fn)(const struct glossa_tm_unit *unit, void *ctx);

/* Where a reader's bytes come from: fills buf with at most len bytes and
 * returns how many (0 at the end), or -1 on a read error. */
typedef long (*glossa_tm_read_fn)(void *ctx, char *buf, size_t len);

/* ------------------------------------------------------------ versions */

struct glossa_tm_versions;

/* Returns owned (NULL when out of memory). name (borrowed, copied) is the
 * file's name, used for the texts. */
struct glossa_tm_versions *glossa_tm_versions_new(const char *name);
void glossa_tm_versions_free(struct glossa_tm_versions *tv);

/* A glossa_tm_unit_fn (ctx: the collector): appends each variant with a known
 * language to that language's body. Returns 0 or GLOSSA_ENOMEM. */
int glossa_tm_versions_add(const struct glossa_tm_unit *unit, void *ctx);

/* The languages met, in order of first appearance; borrowed. */
size_t glossa_tm_versions_count(const struct glossa_tm_versions *tv);
const char *glossa_tm_versions_lang(const struct glossa_tm_versions *tv, size_t i);
/* The index of language code lang, or -1. */
long glossa_tm_versions_find(const struct glossa_tm_versions *tv, const char *lang);

/* The text of version i: *out returned owned (positions are those of the
 * file). Errors as glossa_text_from_body. */
int glossa_tm_versions_text(const struct glossa_tm_versions *tv, size_t i, struct glossa_text **out,
                            struct glossa_error *err);

/* The unit of each segment of version i's text as segmented into seg
 * (borrowed): *units (returned owned, seg->n entries, non-decreasing) holds
 * unit indexes shared by all versions of the file. Returns 0 or GLOSSA_ENOMEM. */
int glossa_tm_versions_units(const struct glossa_tm_versions *tv, size_t i,
                             const struct glossa_segments *seg, size_t **units);

/* The id of unit k ("" when it had none, NULL when k is unknown); borrowed. */
const char *glossa_tm_versions_unit_id(const struct glossa_tm_versions *tv, size_t k);

/* The unit holding body offset off of version i, or (size_t)-1. */
size_t glossa_tm_versions_unit_at(const struct glossa_tm_versions *tv, size_t i, size_t off);

#ifdef __cplusplus
}
#endif
#endif

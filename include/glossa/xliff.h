/* xliff: reading XLIFF 1.2 and 2.x bilingual files, one unit at a time.
 *
 * XLIFF 1.2: each <trans-unit> (in <file>, possibly in <group>s) gives a
 * glossa_tm_unit (see tm.h) with its id and two variants, <source> in the
 * file's source-language and <target> in its target-language (or the
 * element's own xml:lang); <alt-trans> proposals and <seg-source> are left
 * out. XLIFF 2.x: each <segment> of a <unit> gives a unit with the unit's id,
 * <source> in srcLang and <target> in trgLang; <ignorable> is left out. A
 * missing or empty target gives no target variant. Inline codes whose content
 * is native code (<bpt> <ept> <ph> <it>) are left out of the text; the text
 * of <g>, <mrk>, <pc> is kept. */
#ifndef GLOSSA_XLIFF_H
#define GLOSSA_XLIFF_H

#include "glossa/tm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads an XLIFF from read/rctx (borrowed), calling fn for each unit. Returns
 * 0, the first non-zero return of fn, or a negative code with err filled:
 * GLOSSA_EFORMAT (not well-formed, not XLIFF, an entity reference),
 * GLOSSA_EIO, GLOSSA_ENOMEM. */
int glossa_xliff_read(const char *name, glossa_tm_read_fn read, void *rctx, glossa_tm_unit_fn fn,
                      void *ctx, struct glossa_error *err);

/* The same from a file ("-": standard input). */
int glossa_xliff_read_file(const char *path, glossa_tm_unit_fn fn, void *ctx,
                           struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

/* tmx: reading TMX 1.4 translation memories (and the `lang` attribute of
 * TMX 1.1), one <tu> at a time.
 *
 * Each <tu> gives a glossa_tm_unit (see tm.h): its tuid, and one variant per
 * <tuv> that has a <seg>, in any number of languages; the language is the
 * tuv's xml:lang (or lang), else the header's srclang for a tuv without one.
 * Inline codes (<bpt> <ept> <ph> <it> <ut>) are left out of the text; <hi>
 * keeps its text. */
#ifndef GLOSSA_TMX_H
#define GLOSSA_TMX_H

#include "glossa/tm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads a TMX from read/rctx (borrowed), calling fn for each unit. name
 * (borrowed) goes in errors. Returns 0, the first non-zero return of fn, or a
 * negative code with err filled: GLOSSA_EFORMAT (not well-formed, not TMX, an
 * entity reference: err has the line), GLOSSA_EIO, GLOSSA_ENOMEM. */
int glossa_tmx_read(const char *name, glossa_tm_read_fn read, void *rctx, glossa_tm_unit_fn fn,
                    void *ctx, struct glossa_error *err);

/* The same from a file ("-": standard input). */
int glossa_tmx_read_file(const char *path, glossa_tm_unit_fn fn, void *ctx,
                         struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

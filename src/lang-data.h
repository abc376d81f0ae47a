/* The language lists compiled into the library (generated from data/lang/ by
 * src/embed-data.awk into lang-data.c). */
#ifndef GLOSSA_LANG_DATA_H
#define GLOSSA_LANG_DATA_H

#include <stddef.h>

struct glossa_lang_blob {
    const char *lang; /* "fr" */
    const char *list; /* "function-words" */
    const char *text; /* the file's content */
};

extern const struct glossa_lang_blob glossa_lang_blobs[];
extern const size_t glossa_lang_nblobs;

#endif

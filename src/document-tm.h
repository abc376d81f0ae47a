/* document-tm: the language versions of one TMX or XLIFF file as documents
 * (see document.h), each segment knowing its translation unit. Program side:
 * errors are reported on stderr here, in the house form. */
#ifndef GLOSSA_DOCUMENT_TM_H
#define GLOSSA_DOCUMENT_TM_H

#include "document.h"
#include "glossa/tm.h"

#define TM_MAX_VERSIONS 16

enum tm_kind { TM_KIND_NONE, TM_KIND_TMX, TM_KIND_XLIFF };

struct tm_documents {
    const char *path; /* borrowed */
    struct glossa_tm_versions *tv;
    struct document docs[TM_MAX_VERSIONS]; /* the pivot first */
    size_t *units[TM_MAX_VERSIONS];        /* owned: the unit of each segment of docs[i] */
    size_t index[TM_MAX_VERSIONS];         /* docs[i] is version index[i] of tv */
    size_t n;
};

/* What path holds: given (--input-format), or detected from its first bytes
 * and name (input-format.h). */
enum tm_kind tm_documents_kind(const char *path, enum glossa_input_format given);

/* Reads path (a TMX or XLIFF file) into one document per language; pivot
 * (NULL or "": the file's first language) is put first. Returns EXIT_OK, or
 * EXIT_TROUBLE after reporting. */
int tm_documents_open(struct tm_documents *td, const char *path, enum tm_kind kind,
                      const char *pivot, const struct document_options *opts);

/* The id of the translation unit holding offset off of docs[i] ("" when none). */
const char *tm_documents_unit_id(const struct tm_documents *td, size_t i, size_t off);

void tm_documents_close(struct tm_documents *td);

#endif

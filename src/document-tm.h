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

/* The index (within td) of the translation unit holding offset off of
 * docs[i], or (size_t)-1. */
size_t tm_documents_unit_index(const struct tm_documents *td, size_t i, size_t off);

/* Streaming: a large file is read in chunks of units, each chunk made into
 * documents as tm_documents_open does, so that memory depends on the chunk,
 * not on the file. A chunk holds about TM_CHUNK_BYTES of segment text (all
 * languages together: the bundled sample, 34 kB, is one chunk) plus `context`
 * units on either side: units [core_first, core_end) of td are the chunk's
 * own, the others are its neighbours, seen by the chunk before or after too
 * (a checker uses them to look around a unit; it reports only on its own). */
#define TM_CHUNK_BYTES ((size_t)2 << 20)

struct tm_chunk {
    struct tm_documents *td;     /* the chunk's versions: the pivot first, then the file's order */
    size_t core_first, core_end; /* unit indexes of td */
    size_t number;               /* 0, 1, ... */
    const char *pivot;           /* the pivot's code; docs[0] is it when td has it */
    size_t nlangs;               /* languages met in the file so far */
};

/* Called for each chunk, td borrowed for the call; returns EXIT_OK to go on,
 * anything else stops reading and is returned. */
typedef int (*tm_chunk_fn)(const struct tm_chunk *chunk, void *ctx);

/* Reads path chunk by chunk (chunk_bytes 0: $GLOSSA_TM_CHUNK_BYTES when set,
 * for tests and tuning, else TM_CHUNK_BYTES), calling fn once
 * per chunk, at least once when the file holds a supported language. pivot as
 * in tm_documents_open. Returns EXIT_OK, fn's first other return, or
 * EXIT_TROUBLE after reporting. */
int tm_documents_stream(const char *path, enum tm_kind kind, const char *pivot,
                        const struct document_options *opts, size_t chunk_bytes, size_t context,
                        tm_chunk_fn fn, void *ctx);

void tm_documents_close(struct tm_documents *td);

#endif

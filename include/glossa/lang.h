/* Language knowledge: the word lists a linguist edits, and language detection.
 *
 * Each supported language has a folder data/lang/<code>/ of plain-text lists
 * (one entry per line, '#' starts a comment): function-words.txt, elisions.txt,
 * abbreviations.txt, not-acronyms.txt, connectors.txt, ... The lists are
 * compiled into the library; setting GLOSSA_DATA_DIR to a folder with the same
 * layout makes glossa read them from there instead, so a linguist can try an
 * edit without rebuilding. Entries are compared case-folded and NFC. */
#ifndef GLOSSA_LANG_H
#define GLOSSA_LANG_H

#include <stddef.h>

#include "glossa/error.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glossa_lang;

/* The supported language codes, NULL-terminated: en fr es ru ar zh. */
const char *const *glossa_lang_supported(void);

/* Returns 1 if code (e.g. "fr", "FR", "fr-FR", "fr_FR") names a supported language,
 * writing its canonical two-letter code to canon (3 bytes) when canon is not NULL. */
int glossa_lang_canonical(const char *code, char canon[3]);

/* Looks up (and on first use loads) the knowledge of language code.
 * *out borrows an object that lives until glossa_lang_cleanup(); thread-safe.
 * Errors: GLOSSA_ELANG (unknown code; message lists the supported ones),
 * GLOSSA_EIO / GLOSSA_EFORMAT (GLOSSA_DATA_DIR set and a list unreadable). */
int glossa_lang_get(const char *code, const struct glossa_lang **out, struct glossa_error *err);

/* The canonical code of a language object. */
const char *glossa_lang_code(const struct glossa_lang *lang);

/* Returns 1 if word (UTF-8, len bytes) is an entry of list `list` (e.g.
 * "function-words"), compared case-folded; 0 otherwise, also when the language
 * has no such list. */
int glossa_lang_has(const struct glossa_lang *lang, const char *list, const char *word, size_t len);

/* The entries of a list in file order, as written (borrowed); *n receives the
 * count. Returns NULL with *n = 0 when the language has no such list. */
const char *const *glossa_lang_list(const struct glossa_lang *lang, const char *list, size_t *n);

/* Guesses the language of a UTF-8 text among the supported ones from its
 * script and function-word frequencies. Returns the code (static string) or
 * NULL when the text has too few letters to tell; *confidence (may be NULL)
 * receives a score in 0..1. */
const char *glossa_lang_detect(const char *text, size_t len, double *confidence);

/* Frees every loaded language (tests and leak checkers call it at exit). */
void glossa_lang_cleanup(void);

#ifdef __cplusplus
}
#endif
#endif

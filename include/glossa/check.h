/* check: term consistency of documents against glossaries — what a CI job
 * runs on a translation (see ../shared/docs/checks.md).
 *
 * A checker holds the forms of one or more glossaries and, per language, one
 * matcher built from them. Monolingual checks look at one version of a
 * document; bilingual checks look at two versions whose segments are aligned
 * (glossa_bitext). Findings carry byte offsets into the body of the version
 * they concern and its line and column in the original file.
 *
 * Which rows count: approved rows and rows without status (a person's entry)
 * are the approved terms; deprecated and forbidden rows are forms to flag;
 * candidate rows (machine proposals) are ignored. Rows of one concept
 * (same `concept` cell; a row without one is its own concept) are
 * interchangeable for term-mismatch and term-count: any approved form of the
 * concept in the target satisfies a source term, the acronym and its full form
 * included. Inflected forms (fr, es, ru, en: Snowball stems) may clear a
 * term-mismatch or a term-count difference, never raise one. */
#ifndef GLOSSA_CHECK_H
#define GLOSSA_CHECK_H

#include <stddef.h>

#include "glossa/error.h"
#include "glossa/glossary.h"
#include "glossa/segment.h"
#include "glossa/text.h"

#ifdef __cplusplus
extern "C" {
#endif

enum glossa_check_id {
    GLOSSA_CHECK_TERM_MISMATCH,
    GLOSSA_CHECK_TERM_FORBIDDEN,
    GLOSSA_CHECK_TERM_COUNT,
    GLOSSA_CHECK_ACRONYM_UNDEFINED,
    GLOSSA_CHECK_ACRONYM_BEFORE_DEFINITION,
    GLOSSA_CHECK_ACRONYM_MULTI_EXPANSION,
    GLOSSA_CHECK_ACRONYM_REDEFINED,
    GLOSSA_CHECK_TERM_INCONSISTENT,
    GLOSSA_CHECK_N
};

enum glossa_severity {
    GLOSSA_SEVERITY_INFO = 0,
    GLOSSA_SEVERITY_WARNING = 1,
    GLOSSA_SEVERITY_ERROR = 2,
};

/* "term-mismatch", ...; static. */
const char *glossa_check_name(enum glossa_check_id id);
/* One sentence saying what the check flags; static. */
const char *glossa_check_description(enum glossa_check_id id);
/* Returns 0 and sets *id for a check name, -1 for an unknown name. */
int glossa_check_parse(const char *name, size_t len, enum glossa_check_id *id);
enum glossa_severity glossa_check_default_severity(enum glossa_check_id id);
/* "info", "warning", "error"; static. */
const char *glossa_severity_name(enum glossa_severity s);
/* Returns 0 and sets *s, or -1. */
int glossa_severity_parse(const char *name, enum glossa_severity *s);

struct glossa_finding {
    enum glossa_check_id check;
    enum glossa_severity severity;
    int version;         /* which version (0 or 1, as passed) the finding is in */
    size_t offset;       /* byte offset in that version's body */
    size_t line, column; /* in the original file: 1-based, columns in characters */
    char *term;          /* owned: the term concerned, as written in the glossary or text */
    char *message;       /* owned: names the expected term (and the replacement) */
    char *context;       /* owned: the match key of the segment around the finding */
};

struct glossa_findings {
    struct glossa_finding *items;
    size_t n, alloc;
};

/* Frees the contents of a list (NULL accepted); the list is left empty. */
void glossa_findings_release(struct glossa_findings *list);

/* Sorts by version, line, column, check. */
void glossa_findings_sort(struct glossa_findings *list);

struct glossa_checker;

/* Returns owned: a checker without glossary, every check enabled. NULL when
 * out of memory. */
struct glossa_checker *glossa_checker_new(void);
void glossa_checker_free(struct glossa_checker *ck);

/* Takes the rows of g (borrowed: it must outlive the checker). Several
 * glossaries may be added; concepts of different glossaries never mix.
 * Errors: GLOSSA_EINVAL (a term that cannot be matched: err names the glossary
 * file and line), GLOSSA_ENOMEM. */
int glossa_checker_add_glossary(struct glossa_checker *ck, const struct glossa_glossary *g,
                                struct glossa_error *err);

/* Turns a check on or off. */
void glossa_checker_enable(struct glossa_checker *ck, enum glossa_check_id id, int on);

/* Builds the matcher of language lang now (otherwise it is built on first use);
 * lets a caller time loading apart from checking. */
int glossa_checker_prepare(struct glossa_checker *ck, const char *lang, struct glossa_error *err);

/* Monolingual checks (term-forbidden, term-inconsistent and the acronym
 * checks) on one version in language lang (a supported code). Findings are
 * appended to out with the given version number. */
int glossa_check_document(struct glossa_checker *ck, const struct glossa_text *text,
                          const struct glossa_segments *segments, const char *lang, int version,
                          struct glossa_findings *out, struct glossa_error *err);

/* Bilingual checks (term-mismatch, term-count) on two versions: version 0
 * (source) and version 1 (target); segments are aligned here. Findings are
 * reported in the target. */
int glossa_check_bilingual(struct glossa_checker *ck, const struct glossa_text *src,
                           const struct glossa_segments *src_segments, const char *src_lang,
                           const struct glossa_text *tgt,
                           const struct glossa_segments *tgt_segments, const char *tgt_lang,
                           struct glossa_findings *out, struct glossa_error *err);

/* The same for versions whose segments are already paired (a translation
 * memory): src_units / tgt_units (borrowed, one per segment, non-decreasing)
 * name the translation unit of each segment, and segments of one unit are
 * compared. NULL units: the segments are aligned as glossa_check_bilingual does. */
int glossa_check_bilingual_units(struct glossa_checker *ck, const struct glossa_text *src,
                                 const struct glossa_segments *src_segments, const char *src_lang,
                                 const size_t *src_units, const struct glossa_text *tgt,
                                 const struct glossa_segments *tgt_segments, const char *tgt_lang,
                                 const size_t *tgt_units, struct glossa_findings *out,
                                 struct glossa_error *err);

#ifdef __cplusplus
}
#endif
#endif

/* glossa error codes and the error record filled for the caller.
 *
 * Library functions return 0 on success or a negative GLOSSA_E* code. Where the
 * user needs context (which file, which line and column), the caller passes a
 * struct glossa_error that the library fills; the library itself never prints
 * and never exits. */
#ifndef GLOSSA_ERROR_H
#define GLOSSA_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum glossa_errcode {
    GLOSSA_OK = 0,
    GLOSSA_ENOMEM = -1,     /* out of memory */
    GLOSSA_EIO = -2,        /* reading or writing a file failed (errno in sys_errno) */
    GLOSSA_EENCODING = -3,  /* bytes are not valid in the document's encoding */
    GLOSSA_EBINARY = -4,    /* the input is a binary file (NUL bytes) */
    GLOSSA_EINVAL = -5,     /* bad argument or option value */
    GLOSSA_ECSV = -6,       /* malformed CSV */
    GLOSSA_ELANG = -7,      /* unknown or unsupported language */
    GLOSSA_EUNICODE = -8,   /* an ICU service failed */
    GLOSSA_EPATTERN = -9,   /* a PCRE2 pattern failed to compile or match */
    GLOSSA_ETOOBIG = -10,   /* input exceeds a limit */
    GLOSSA_EFORMAT = -11,   /* input is not in the expected format */
    GLOSSA_ECONFLICT = -12, /* conflicting human decisions */
    GLOSSA_EMISMATCH = -13, /* files are not versions of one document */
};

/* Where and why something failed. All fields are optional except code.
 * line/column are 1-based (columns count Unicode characters); 0 means unknown.
 * byte is a 1-based byte offset within the line where that is what the user needs
 * (invalid UTF-8 in a CSV), 0 when unused. */
struct glossa_error {
    int code;
    int sys_errno;
    char *path; /* owned */
    size_t line;
    size_t column;
    size_t byte;
    char *message; /* owned: the "why", without the location */
};

/* Static English text for a code; never NULL. */
const char *glossa_strerror(int code);

/* Initialise an error record to "no error". */
void glossa_error_init(struct glossa_error *err);

/* Free the contents of an error record (NULL is accepted) and re-initialise it. */
void glossa_error_release(struct glossa_error *err);

/* Fill err (which may be NULL) with code, location and a printf-style message;
 * returns code so callers can write `return glossa_error_set(err, ...)`.
 * path is borrowed (copied). */
int glossa_error_set(struct glossa_error *err, int code, const char *path, size_t line,
                     size_t column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Set only the path of an already filled record (borrowed, copied), keeping the rest. */
void glossa_error_set_path(struct glossa_error *err, const char *path);

#ifdef __cplusplus
}
#endif
#endif

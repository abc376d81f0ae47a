/* Error codes and the error record.
 *
 * The record owns its path and message strings; glossa_error_set replaces any
 * earlier content, so a caller may reuse one record across calls. Allocation
 * failures while filling a record degrade to a record without message, never
 * to a crash: the code alone still tells what went wrong. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossa/error.h"

const char *glossa_strerror(int code)
{
    switch (code) {
    case GLOSSA_OK:
        return "success";
    case GLOSSA_ENOMEM:
        return "out of memory";
    case GLOSSA_EIO:
        return "input/output error";
    case GLOSSA_EENCODING:
        return "invalid encoding";
    case GLOSSA_EBINARY:
        return "binary file";
    case GLOSSA_EINVAL:
        return "invalid argument";
    case GLOSSA_ECSV:
        return "malformed CSV";
    case GLOSSA_ELANG:
        return "unsupported language";
    case GLOSSA_EUNICODE:
        return "Unicode service failed";
    case GLOSSA_EPATTERN:
        return "pattern error";
    case GLOSSA_ETOOBIG:
        return "input too large";
    case GLOSSA_EFORMAT:
        return "unexpected input format";
    case GLOSSA_ECONFLICT:
        return "conflict";
    case GLOSSA_EMISMATCH:
        return "not versions of the same document";
    }
    return "unknown error";
}

void glossa_error_init(struct glossa_error *err)
{
    if (err)
        memset(err, 0, sizeof(*err));
}

void glossa_error_release(struct glossa_error *err)
{
    if (!err)
        return;
    free(err->path);
    free(err->message);
    glossa_error_init(err);
}

void glossa_error_set_path(struct glossa_error *err, const char *path)
{
    if (!err)
        return;
    free(err->path);
    err->path = path ? strdup(path) : NULL;
}

int glossa_error_set(struct glossa_error *err, int code, const char *path, size_t line,
                     size_t column, const char *fmt, ...)
{
    if (!err)
        return code;
    glossa_error_release(err);
    err->code = code;
    err->line = line;
    err->column = column;
    if (path)
        err->path = strdup(path);
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        if (vasprintf(&err->message, fmt, ap) < 0)
            err->message = NULL;
        va_end(ap);
    }
    return code;
}

/* membuf.h: test input held in memory, for unit tests and fuzz targets.
 *
 * A membuf hands its bytes out in pieces of at most `chunk` bytes, so that a
 * streaming reader (TMX, XLIFF, a DOCX part) can be fed the same input in
 * every chunk size and must give the same result. membuf_read has the shape
 * of glossa_tm_read_fn; readers whose callback also takes an error wrap it.
 * membuf_slurp reads a whole file (NUL-terminated, length through *len). */
#ifndef GLOSSA_TESTS_MEMBUF_H
#define GLOSSA_TESTS_MEMBUF_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct membuf {
    const char *data; /* borrows */
    size_t len, pos, chunk;
};

static inline long membuf_read(void *ctx, char *buf, size_t len)
{
    struct membuf *m = ctx;
    size_t n = m->len - m->pos;
    if (n > m->chunk)
        n = m->chunk;
    if (n > len)
        n = len;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (long)n;
}

/* Returns owned (free), or NULL when the file cannot be read. */
static inline char *membuf_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!f)
        return NULL;
    do {
        if (cap - n < 65536) {
            char *bigger = realloc(buf, cap * 2 + 65536 + 1);
            if (!bigger) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = bigger;
            cap = cap * 2 + 65536;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    if (ferror(f)) {
        free(buf);
        buf = NULL;
    } else {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    fclose(f);
    return buf;
}

#endif

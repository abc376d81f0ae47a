/* strbuf: the one growable byte string of glossa (git's strbuf is the model).
 *
 * buf is always NUL-terminated and never NULL once initialised (it points at a
 * shared empty string until the first growth), so it can be passed to C string
 * functions at any time. len excludes the terminator. Functions that can fail
 * return 0 or GLOSSA_ENOMEM. */
#ifndef GLOSSA_STRBUF_H
#define GLOSSA_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    char *buf;
    size_t len;
    size_t alloc;
};

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        strbuf_empty, 0, 0                                                                         \
    }
extern char strbuf_empty[];

void strbuf_init(struct strbuf *sb);
/* Frees the contents; sb is left initialised and empty. */
void strbuf_release(struct strbuf *sb);
/* Returns owned: the buffer (caller frees); sb is left empty. Never NULL unless out of memory. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Make room for at least extra more bytes (plus terminator). */
int strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_setlen(struct strbuf *sb, size_t len);
int strbuf_add(struct strbuf *sb, const void *data, size_t n);
int strbuf_addstr(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, int c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Append one Unicode code point as UTF-8. */
int strbuf_add_utf8(struct strbuf *sb, unsigned int cp);

#endif

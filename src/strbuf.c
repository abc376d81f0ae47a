/* strbuf: growable NUL-terminated byte strings.
 *
 * Invariant: buf[len] == '\0' and buf is never NULL. While alloc == 0, buf
 * points at strbuf_empty, which must never be written to. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossa/error.h"
#include "strbuf.h"

char strbuf_empty[1];

void strbuf_init(struct strbuf *sb)
{
    sb->buf = strbuf_empty;
    sb->len = 0;
    sb->alloc = 0;
}

void strbuf_release(struct strbuf *sb)
{
    if (!sb)
        return;
    if (sb->alloc)
        free(sb->buf);
    strbuf_init(sb);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
    char *res;
    if (len)
        *len = sb->len;
    if (sb->alloc)
        res = sb->buf;
    else
        res = calloc(1, 1);
    strbuf_init(sb);
    return res;
}

int strbuf_grow(struct strbuf *sb, size_t extra)
{
    size_t need, nalloc;
    char *nbuf;
    if (extra > (size_t)-1 - sb->len - 1)
        return GLOSSA_ENOMEM;
    need = sb->len + extra + 1;
    if (need <= sb->alloc)
        return 0;
    nalloc = sb->alloc ? sb->alloc : 64;
    while (nalloc < need)
        nalloc = nalloc < (size_t)-1 / 2 ? nalloc * 2 : need;
    nbuf = realloc(sb->alloc ? sb->buf : NULL, nalloc);
    if (!nbuf)
        return GLOSSA_ENOMEM;
    if (!sb->alloc)
        nbuf[0] = '\0';
    sb->buf = nbuf;
    sb->alloc = nalloc;
    return 0;
}

void strbuf_reset(struct strbuf *sb)
{
    strbuf_setlen(sb, 0);
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
    if (!sb->alloc)
        return;
    sb->len = len < sb->len ? len : sb->len;
    sb->buf[sb->len] = '\0';
}

int strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
    if (n == 0)
        return 0;
    if (strbuf_grow(sb, n))
        return GLOSSA_ENOMEM;
    memcpy(sb->buf + sb->len, data, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
    return 0;
}

int strbuf_addstr(struct strbuf *sb, const char *s)
{
    return strbuf_add(sb, s, strlen(s));
}

int strbuf_addch(struct strbuf *sb, int c)
{
    char ch = (char)c;
    return strbuf_add(sb, &ch, 1);
}

int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    int n;
    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return GLOSSA_EINVAL;
    if (strbuf_grow(sb, (size_t)n))
        return GLOSSA_ENOMEM;
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
    return 0;
}

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
    return rc;
}

int strbuf_add_utf8(struct strbuf *sb, unsigned int cp)
{
    unsigned char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return strbuf_add(sb, b, n);
}

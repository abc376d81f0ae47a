/* tm: the streaming XML reading shared by the TMX and XLIFF readers, and the
 * collector that turns translation units into language versions.
 *
 * Reading is safe on hostile files: libxml2's xmlTextReader (one node at a
 * time, never the whole tree) with XML_PARSE_NONET, no DTD loading and no
 * entity substitution (XML_PARSE_NOENT is never set); an entity reference
 * other than the five predefined ones and character references is refused,
 * so a billion-laughs file stops at its first reference with a clear error.
 *
 * Positions. libxml2 tells the line of an element but not the column of a
 * character in a text node, and its text has entities decoded, CRLF turned
 * into LF and inline tags between pieces. So the raw bytes libxml2 reads are
 * also kept in a window (`raw`) that a tiny scanner walks in step with the
 * reader: it counts start tags to find the element the reader is on, then
 * walks each text node character by character against the decoded value
 * (an entity is one character; CRLF is one). Every character of a variant's
 * text thus gets the line and column of the file; a stretch of characters
 * that follow each other in the file is one origin. The window is trimmed as
 * the scanner moves on, so memory stays bounded. Traps: the scanner only
 * follows UTF-8 input; for other encodings, or when the scanner and libxml2
 * ever disagree, tracking stops and variants get the line of their element,
 * column 1. A variant that is not NFC is normalised and keeps only its first
 * origin.
 *
 * Versions: each language's body is its variants in unit order, one per line;
 * a unit's offset per language is kept so that segments map back to units. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "fold.h"
#include "glossa/lang.h"
#include "strbuf.h"
#include "tm-private.h"

#define RAW_KEEP (1u << 16) /* trim the window when the scanner is this far in */

struct raw {
    char *buf;
    size_t len, cap;
    size_t pos;       /* scanner position in buf */
    size_t line, col; /* of pos */
    size_t elements;  /* start tags the scanner has passed */
    int ok;           /* 0: tracking stopped */
    int cdata;        /* the scanner is inside a CDATA section */
    int sniffed;      /* the encoding was looked at */
};

struct tm_xml {
    xmlTextReaderPtr reader;
    char *name;
    glossa_tm_read_fn read;
    void *rctx;
    int read_failed;
    struct raw raw;
    size_t elements; /* element nodes the reader has given */
    char *error;     /* the first libxml2 error */
    int refused;     /* it is an entity expansion glossa refuses */
    size_t error_line, error_column;
};

/* ------------------------------------------------------------ raw window */

static void raw_stop(struct raw *r)
{
    r->ok = 0;
    free(r->buf);
    r->buf = NULL;
    r->len = r->cap = r->pos = 0;
}

static void raw_append(struct raw *r, const char *p, size_t n)
{
    if (!r->ok || !n)
        return;
    if (!r->sniffed) {
        const unsigned char *u = (const unsigned char *)p;
        r->sniffed = 1;
        /* UTF-16 or UTF-32: the scanner reads bytes as UTF-8, so it stops. */
        if ((u[0] == 0xFE || u[0] == 0xFF || u[0] == 0) || (n > 1 && u[1] == 0)) {
            raw_stop(r);
            return;
        }
    }
    if (r->pos >= RAW_KEEP) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        char *b;
        while (cap < r->len + n)
            cap *= 2;
        if (!(b = realloc(r->buf, cap))) {
            raw_stop(r);
            return;
        }
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, p, n);
    r->len += n;
}

static int raw_at(const struct raw *r, const char *s)
{
    size_t n = strlen(s);
    return r->len - r->pos >= n && !memcmp(r->buf + r->pos, s, n);
}

/* Moves past one character, keeping line and column. */
static void raw_char(struct raw *r)
{
    unsigned char c = (unsigned char)r->buf[r->pos];
    if (c == '\r') {
        r->pos++;
        if (r->pos < r->len && r->buf[r->pos] == '\n')
            r->pos++;
        r->line++;
        r->col = 1;
        return;
    }
    r->pos++;
    if (c == '\n') {
        r->line++;
        r->col = 1;
        return;
    }
    while (r->pos < r->len && ((unsigned char)r->buf[r->pos] & 0xC0) == 0x80)
        r->pos++;
    r->col++;
}

/* Moves past everything up to and including end; 0, or -1 when it is not in
 * the window. */
static int raw_skip_past(struct raw *r, const char *end)
{
    while (r->pos < r->len) {
        if (raw_at(r, end)) {
            for (size_t k = strlen(end); k > 0; k--)
                raw_char(r);
            return 0;
        }
        raw_char(r);
    }
    return -1;
}

/* Moves past the tag or declaration at '<' (quotes and brackets respected);
 * counts start tags. 0 or -1. */
static int raw_skip_markup(struct raw *r)
{
    int start_tag, depth = 0;
    char quote = 0;
    if (raw_at(r, "<!--"))
        return raw_skip_past(r, "-->");
    if (raw_at(r, "<![CDATA["))
        return raw_skip_past(r, "]]>");
    if (raw_at(r, "<?"))
        return raw_skip_past(r, "?>");
    start_tag = r->pos + 1 < r->len && r->buf[r->pos + 1] != '/' && r->buf[r->pos + 1] != '!';
    raw_char(r);
    while (r->pos < r->len) {
        char c = r->buf[r->pos];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            depth++;
        } else if (c == ']') {
            depth--;
        } else if (c == '>' && depth <= 0) {
            raw_char(r);
            r->elements += start_tag;
            return 0;
        }
        raw_char(r);
    }
    return -1;
}

/* Moves the scanner just past the n-th start tag. */
static void raw_sync(struct raw *r, size_t n)
{
    while (r->ok && r->elements < n) {
        if (r->pos >= r->len) {
            raw_stop(r);
            return;
        }
        if (r->buf[r->pos] == '<') {
            if (raw_skip_markup(r))
                raw_stop(r);
        } else {
            raw_char(r);
        }
    }
}

/* ------------------------------------------------------------ reader */

static int io_read(void *ctx, char *buf, int len)
{
    struct tm_xml *x = ctx;
    long n = x->read(x->rctx, buf, (size_t)len);
    if (n < 0) {
        x->read_failed = 1;
        return -1;
    }
    raw_append(&x->raw, buf, (size_t)n);
    return (int)n;
}

static int io_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static void on_error(void *arg, xmlErrorPtr e)
{
    struct tm_xml *x = arg;
    size_t n;
    if (x->error || !e || e->level < XML_ERR_ERROR)
        return;
    x->error = strdup(e->message ? e->message : "not well-formed");
    if (!x->error)
        return;
    n = strlen(x->error);
    while (n && (x->error[n - 1] == '\n' || x->error[n - 1] == ' '))
        x->error[--n] = '\0';
    x->error_line = e->line > 0 ? (size_t)e->line : 0;
    x->error_column = e->int2 > 0 ? (size_t)e->int2 : 0;
    if (e->code == XML_ERR_ENTITY_LOOP || e->code == XML_ERR_ENTITY_BOUNDARY) {
        /* libxml2 places it inside the entity's text: say where the reference is */
        int line = xmlTextReaderGetParserLineNumber(x->reader);
        free(x->error);
        x->error = strdup("entity expansion refused (entities that expand to entities, as in a "
                          "billion-laughs file)");
        x->error_line = line > 0 ? (size_t)line : 0;
        x->error_column = 0;
        x->refused = 1;
    }
}

struct tm_xml *tm_xml_open(const char *name, glossa_tm_read_fn read, void *rctx,
                           struct glossa_error *err)
{
    struct tm_xml *x = calloc(1, sizeof *x);
    if (!x || !(x->name = strdup(name ? name : ""))) {
        free(x);
        glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
        return NULL;
    }
    x->read = read;
    x->rctx = rctx;
    x->raw.ok = 1;
    x->raw.line = x->raw.col = 1;
    x->reader = xmlReaderForIO(io_read, io_close, x, NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
                                   XML_PARSE_NOWARNING);
    if (!x->reader) {
        tm_xml_free(x);
        glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
        return NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(x->reader, on_error, x);
    return x;
}

void tm_xml_free(struct tm_xml *x)
{
    if (!x)
        return;
    if (x->reader)
        xmlFreeTextReader(x->reader);
    free(x->raw.buf);
    free(x->error);
    free(x->name);
    free(x);
}

int tm_xml_fail(const struct tm_xml *x, struct glossa_error *err, const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list ap;
    int rc;
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    rc = glossa_error_set(err, GLOSSA_EFORMAT, x->name, tm_xml_line(x), 0, "%s",
                          sb.buf ? sb.buf : "bad input");
    strbuf_release(&sb);
    return rc;
}

int tm_xml_next(struct tm_xml *x, struct glossa_error *err)
{
    int rc = xmlTextReaderRead(x->reader);
    if (rc == 1) {
        int t = xmlTextReaderNodeType(x->reader);
        if (t == XML_READER_TYPE_ELEMENT) {
            x->elements++;
            /* keep the scanner close behind so that the window stays small */
            raw_sync(&x->raw, x->elements);
        }
        if (t == XML_READER_TYPE_ENTITY_REFERENCE) {
            const xmlChar *n = xmlTextReaderConstName(x->reader);
            return tm_xml_fail(x, err,
                               "entity reference '&%s;' refused (glossa does not expand "
                               "entities)",
                               n ? (const char *)n : "");
        }
        return 1;
    }
    if (x->read_failed)
        return glossa_error_set(err, GLOSSA_EIO, x->name, 0, 0, "read error");
    if (rc < 0 || x->error)
        return glossa_error_set(err, GLOSSA_EFORMAT, x->name, x->error_line, x->error_column,
                                x->refused ? "%s" : "not well-formed XML: %s",
                                x->error ? x->error : "parse error");
    return 0;
}

enum tm_node tm_xml_type(const struct tm_xml *x)
{
    switch (xmlTextReaderNodeType(x->reader)) {
    case XML_READER_TYPE_ELEMENT:
        return TM_ELEMENT;
    case XML_READER_TYPE_END_ELEMENT:
        return TM_END_ELEMENT;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        return TM_TEXT;
    default:
        return TM_OTHER;
    }
}

const char *tm_xml_name(const struct tm_xml *x)
{
    const xmlChar *n;
    int t = xmlTextReaderNodeType(x->reader);
    if (t != XML_READER_TYPE_ELEMENT && t != XML_READER_TYPE_END_ELEMENT)
        return "";
    n = xmlTextReaderConstLocalName(x->reader);
    return n ? (const char *)n : "";
}

int tm_xml_is_empty(const struct tm_xml *x)
{
    return xmlTextReaderIsEmptyElement(x->reader) == 1;
}

int tm_xml_depth(const struct tm_xml *x)
{
    return xmlTextReaderDepth(x->reader);
}

size_t tm_xml_line(const struct tm_xml *x)
{
    xmlNodePtr node = xmlTextReaderCurrentNode(x->reader);
    long line = node ? xmlGetLineNo(node) : -1;
    if (line <= 0)
        line = xmlTextReaderGetParserLineNumber(x->reader);
    return line > 0 ? (size_t)line : 0;
}

char *tm_xml_attr(const struct tm_xml *x, const char *qname)
{
    xmlChar *v = xmlTextReaderGetAttribute(x->reader, (const xmlChar *)qname);
    char *s;
    if (!v)
        return NULL;
    s = strdup((const char *)v);
    xmlFree(v);
    return s;
}

int tm_inline_code(const char *name)
{
    static const char *const codes[] = {"bpt", "ept", "ph", "it", "ut", NULL};
    for (size_t i = 0; codes[i]; i++)
        if (!strcmp(codes[i], name))
            return 1;
    return 0;
}

void tm_lang_code(const char *tag, char lang[3])
{
    lang[0] = '\0';
    if (tag)
        glossa_lang_canonical(tag, lang);
}

static long file_read(void *ctx, char *buf, size_t len)
{
    FILE *f = ctx;
    size_t n = fread(buf, 1, len, f);
    return n == 0 && ferror(f) ? -1 : (long)n;
}

int tm_read_path(const char *path, tm_format_reader rd, glossa_tm_unit_fn fn, void *ctx,
                 struct glossa_error *err)
{
    int is_stdin = !strcmp(path, "-");
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    int rc;
    if (!f) {
        int e = errno;
        rc = glossa_error_set(err, GLOSSA_EIO, path, 0, 0, "%s", strerror(e));
        if (err)
            err->sys_errno = e;
        return rc;
    }
    rc = rd(is_stdin ? "<stdin>" : path, file_read, f, fn, ctx, err);
    if (!is_stdin)
        fclose(f);
    return rc;
}

/* ------------------------------------------------------------ variants */

static int variant_reserve(struct tm_variant_buf *vb, size_t extra)
{
    if (vb->len + extra + 1 > vb->cap) {
        size_t cap = vb->cap ? vb->cap : 256;
        char *t;
        while (cap < vb->len + extra + 1)
            cap *= 2;
        if (!(t = realloc(vb->text, cap)))
            return GLOSSA_ENOMEM;
        vb->text = t;
        vb->cap = cap;
    }
    return 0;
}

static int add_origin(struct tm_variant_buf *vb, size_t line, size_t column)
{
    if (vb->norigins == vb->ocap) {
        size_t cap = vb->ocap ? vb->ocap * 2 : 8;
        struct glossa_text_origin *o = realloc(vb->origins, cap * sizeof *o);
        if (!o)
            return GLOSSA_ENOMEM;
        vb->origins = o;
        vb->ocap = cap;
    }
    vb->origins[vb->norigins++] = (struct glossa_text_origin){vb->len, line, column};
    return 0;
}

int tm_xml_variant_begin(struct tm_xml *x, struct tm_variant_buf *vb, const char *tag)
{
    free(vb->tag);
    vb->tag = strdup(tag ? tag : "");
    vb->len = 0;
    vb->norigins = 0;
    if (!vb->tag)
        return GLOSSA_ENOMEM;
    raw_sync(&x->raw, x->elements);
    if (x->raw.ok) {
        vb->next_line = x->raw.line;
        vb->next_column = x->raw.col;
    } else {
        vb->next_line = tm_xml_line(x);
        vb->next_column = 1;
    }
    return add_origin(vb, vb->next_line, vb->next_column);
}

/* Appends the character c[0..n) found at line/column. */
static int variant_char(struct tm_variant_buf *vb, const char *c, size_t n, size_t line,
                        size_t column, int tracked)
{
    int rc;
    if (tracked && (line != vb->next_line || column != vb->next_column) &&
        (rc = add_origin(vb, line, column)))
        return rc;
    if ((rc = variant_reserve(vb, n)))
        return rc;
    if (n == 1 && (*c == '\n' || *c == '\r' || *c == '\t'))
        vb->text[vb->len++] = ' ';
    else {
        memcpy(vb->text + vb->len, c, n);
        vb->len += n;
    }
    vb->next_line = line;
    vb->next_column = column + 1;
    return 0;
}

static size_t utf8_len(unsigned char c)
{
    return c < 0x80             ? 1
           : (c & 0xE0) == 0xC0 ? 2
           : (c & 0xF0) == 0xE0 ? 3
           : (c & 0xF8) == 0xF0 ? 4
                                : 1;
}

int tm_xml_variant_text(struct tm_xml *x, struct tm_variant_buf *vb, int keep)
{
    const xmlChar *value = xmlTextReaderConstValue(x->reader);
    const char *s = value ? (const char *)value : "";
    size_t n = strlen(s), i = 0;
    struct raw *r = &x->raw;
    int rc;

    raw_sync(r, x->elements);
    /* end tags, comments and processing instructions before the text */
    while (r->ok && !r->cdata && r->pos < r->len && r->buf[r->pos] == '<' &&
           !raw_at(r, "<![CDATA[")) {
        if ((r->pos + 1 < r->len && r->buf[r->pos + 1] != '/' && r->buf[r->pos + 1] != '!' &&
             r->buf[r->pos + 1] != '?') ||
            raw_skip_markup(r))
            raw_stop(r);
    }
    while (i < n) {
        size_t cl = utf8_len((unsigned char)s[i]), line = 0, col = 0;
        if (cl > n - i)
            cl = n - i;
        if (r->ok) {
            if (!r->cdata && raw_at(r, "<![CDATA[")) {
                r->pos += 9;
                r->col += 9;
                r->cdata = 1;
            }
            line = r->line;
            col = r->col;
            if (r->pos >= r->len) {
                raw_stop(r);
            } else if (!r->cdata && r->buf[r->pos] == '&') {
                if (raw_skip_past(r, ";"))
                    raw_stop(r);
            } else if (r->buf[r->pos] == '\r' && s[i] == '\n') {
                raw_char(r);
            } else if (r->len - r->pos >= cl && !memcmp(r->buf + r->pos, s + i, cl)) {
                raw_char(r);
            } else {
                raw_stop(r);
            }
        }
        if (keep && (rc = variant_char(vb, s + i, cl, line, col, r->ok)))
            return rc;
        i += cl;
    }
    if (r->ok && r->cdata && raw_at(r, "]]>")) {
        r->pos += 3;
        r->col += 3;
        r->cdata = 0;
    }
    return 0;
}

int tm_xml_variant_end(struct tm_xml *x, struct tm_variant_buf *vb)
{
    int ascii = 1;
    int rc;
    (void)x;
    if ((rc = variant_reserve(vb, 0)))
        return rc;
    vb->text[vb->len] = '\0';
    for (size_t i = 0; i < vb->len && ascii; i++)
        ascii = (unsigned char)vb->text[i] < 0x80;
    if (!ascii) {
        struct strbuf nfc = STRBUF_INIT;
        if (glossa_fold_append(&nfc, vb->text, vb->len, 0)) {
            strbuf_release(&nfc);
            return GLOSSA_ENOMEM;
        }
        if (nfc.len != vb->len || memcmp(nfc.buf, vb->text, vb->len)) {
            if ((rc = variant_reserve(vb, nfc.len > vb->len ? nfc.len - vb->len : 0))) {
                strbuf_release(&nfc);
                return rc;
            }
            memcpy(vb->text, nfc.buf, nfc.len);
            vb->len = nfc.len;
            vb->text[vb->len] = '\0';
            vb->norigins = 1;
        }
        strbuf_release(&nfc);
    }
    vb->v.tag = vb->tag;
    tm_lang_code(vb->tag, vb->v.lang);
    vb->v.text = vb->text;
    vb->v.len = vb->len;
    vb->v.origins = vb->origins;
    vb->v.norigins = vb->norigins;
    return 0;
}

void tm_variant_buf_release(struct tm_variant_buf *vb)
{
    if (!vb)
        return;
    free(vb->tag);
    free(vb->text);
    free(vb->origins);
    memset(vb, 0, sizeof *vb);
}

/* ------------------------------------------------------------ versions */

struct tm_lang_version {
    char lang[3];
    struct strbuf body;
    struct glossa_text_origin *origins;
    size_t norigins, ocap;
    size_t *unit_start; /* body offset of each of its variants */
    size_t *unit;       /* the unit of each variant */
    size_t nunits, ucap;
};

struct glossa_tm_versions {
    char *name;
    struct tm_lang_version *v;
    size_t n;
    char **ids; /* per unit */
    size_t nids, idcap;
};

struct glossa_tm_versions *glossa_tm_versions_new(const char *name)
{
    struct glossa_tm_versions *tv = calloc(1, sizeof *tv);
    if (tv && !(tv->name = strdup(name ? name : ""))) {
        free(tv);
        tv = NULL;
    }
    return tv;
}

void glossa_tm_versions_free(struct glossa_tm_versions *tv)
{
    if (!tv)
        return;
    for (size_t i = 0; i < tv->n; i++) {
        strbuf_release(&tv->v[i].body);
        free(tv->v[i].origins);
        free(tv->v[i].unit_start);
        free(tv->v[i].unit);
    }
    free(tv->v);
    for (size_t i = 0; i < tv->nids; i++)
        free(tv->ids[i]);
    free(tv->ids);
    free(tv->name);
    free(tv);
}

static struct tm_lang_version *version_for(struct glossa_tm_versions *tv, const char *lang)
{
    struct tm_lang_version *v;
    long i = glossa_tm_versions_find(tv, lang);
    if (i >= 0)
        return &tv->v[i];
    v = realloc(tv->v, (tv->n + 1) * sizeof *v);
    if (!v)
        return NULL;
    tv->v = v;
    v = &tv->v[tv->n++];
    memset(v, 0, sizeof *v);
    memcpy(v->lang, lang, 3);
    strbuf_init(&v->body);
    return v;
}

static int add_variant(struct tm_lang_version *v, const struct glossa_tm_variant *var, size_t unit)
{
    size_t start;
    if (v->nunits == v->ucap) {
        size_t cap = v->ucap ? v->ucap * 2 : 64;
        size_t *a = realloc(v->unit_start, cap * sizeof *a), *b;
        if (!a)
            return GLOSSA_ENOMEM;
        v->unit_start = a;
        if (!(b = realloc(v->unit, cap * sizeof *b)))
            return GLOSSA_ENOMEM;
        v->unit = b;
        v->ucap = cap;
    }
    if (v->nunits && strbuf_addch(&v->body, '\n'))
        return GLOSSA_ENOMEM;
    start = v->body.len;
    if (v->norigins + var->norigins > v->ocap) {
        size_t cap = v->ocap ? v->ocap : 64;
        struct glossa_text_origin *o;
        while (cap < v->norigins + var->norigins)
            cap *= 2;
        if (!(o = realloc(v->origins, cap * sizeof *o)))
            return GLOSSA_ENOMEM;
        v->origins = o;
        v->ocap = cap;
    }
    for (size_t k = 0; k < var->norigins; k++) {
        v->origins[v->norigins] = var->origins[k];
        v->origins[v->norigins++].offset += start;
    }
    if (strbuf_add(&v->body, var->text, var->len))
        return GLOSSA_ENOMEM;
    v->unit_start[v->nunits] = start;
    v->unit[v->nunits++] = unit;
    return 0;
}

int glossa_tm_versions_add(const struct glossa_tm_unit *unit, void *ctx)
{
    struct glossa_tm_versions *tv = ctx;
    int rc;
    if (tv->nids == tv->idcap) {
        size_t cap = tv->idcap ? tv->idcap * 2 : 64;
        char **p = realloc(tv->ids, cap * sizeof *p);
        if (!p)
            return GLOSSA_ENOMEM;
        tv->ids = p;
        tv->idcap = cap;
    }
    if (!(tv->ids[tv->nids] = strdup(unit->id ? unit->id : "")))
        return GLOSSA_ENOMEM;
    tv->nids++;
    for (size_t i = 0; i < unit->n; i++) {
        const struct glossa_tm_variant *var = &unit->variants[i];
        struct tm_lang_version *v;
        if (!var->lang[0] || !var->len)
            continue;
        if (!(v = version_for(tv, var->lang)))
            return GLOSSA_ENOMEM;
        /* one variant per language and unit: a second one is left out */
        if (v->nunits && v->unit[v->nunits - 1] == tv->nids - 1)
            continue;
        if ((rc = add_variant(v, var, tv->nids - 1)))
            return rc;
    }
    return 0;
}

size_t glossa_tm_versions_count(const struct glossa_tm_versions *tv)
{
    return tv->n;
}

const char *glossa_tm_versions_lang(const struct glossa_tm_versions *tv, size_t i)
{
    return i < tv->n ? tv->v[i].lang : NULL;
}

long glossa_tm_versions_find(const struct glossa_tm_versions *tv, const char *lang)
{
    for (size_t i = 0; i < tv->n; i++)
        if (!strcmp(tv->v[i].lang, lang))
            return (long)i;
    return -1;
}

int glossa_tm_versions_text(const struct glossa_tm_versions *tv, size_t i, struct glossa_text **out,
                            struct glossa_error *err)
{
    const struct tm_lang_version *v = &tv->v[i];
    return glossa_text_from_body(tv->name, v->body.buf ? v->body.buf : "", v->body.len, v->origins,
                                 v->norigins, out, err);
}

size_t glossa_tm_versions_unit_at(const struct glossa_tm_versions *tv, size_t i, size_t off)
{
    const struct tm_lang_version *v;
    size_t lo = 0, hi;
    if (i >= tv->n || !tv->v[i].nunits)
        return (size_t)-1;
    v = &tv->v[i];
    hi = v->nunits;
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (v->unit_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return v->unit[lo];
}

int glossa_tm_versions_units(const struct glossa_tm_versions *tv, size_t i,
                             const struct glossa_segments *seg, size_t **units)
{
    *units = malloc((seg->n ? seg->n : 1) * sizeof **units);
    if (!*units)
        return GLOSSA_ENOMEM;
    for (size_t k = 0; k < seg->n; k++)
        (*units)[k] = glossa_tm_versions_unit_at(tv, i, seg->items[k].start);
    return 0;
}

const char *glossa_tm_versions_unit_id(const struct glossa_tm_versions *tv, size_t k)
{
    return k < tv->nids ? tv->ids[k] : NULL;
}

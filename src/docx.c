/* docx: the running text of a Word document, from its zip archive (libzip)
 * and its XML parts (libxml2's streaming reader), never holding a whole part
 * in memory.
 *
 * Output invariants: one line per w:p, in the order body, footnotes, endnotes;
 * every paragraph, even an empty one, is a line, so line N is the Nth
 * paragraph and error positions and term positions can be read as "paragraph
 * N, character C". Inside a paragraph only text a reader sees is kept: w:t in
 * runs, w:tab as '\t', w:br/w:cr as ' ', w:noBreakHyphen as '-'; a field's
 * instruction (between its 'begin' and 'separate' w:fldChar) is left out and
 * its result kept; w:del, w:moveFrom, the separator notes and the mc:Fallback
 * copy of alternate content are skipped whole.
 *
 * Hostile input: a DOCTYPE is refused (no DOCX has one; that also rules out
 * entity expansion bombs), nothing is loaded from the network, and each part
 * is read through a counter that stops at max_part uncompressed bytes whatever
 * size the archive declares (zip bombs).
 *
 * Traps: w:tab also appears in paragraph properties (tab stops) and must only
 * count inside a run; a paragraph may nest in a text box inside another
 * paragraph, which ends the outer line early; libxml2 would print errors on
 * stderr unless the reader has its own handler. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "docx-private.h"
#include "glossa/docx.h"
#include "glossa/input-format.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define MAX_FIELD_DEPTH 64

struct xml_source {
    docx_read_fn read;
    void *ctx;
    struct glossa_error *err;
    int failed; /* the read function failed with this GLOSSA_E* code, err filled */
};

struct parse_error {
    char *message;
    size_t line, column;
};

static int xml_read(void *context, char *buffer, int len)
{
    struct xml_source *src = context;
    long n;
    if (src->failed)
        return -1;
    n = src->read(src->ctx, buffer, (size_t)len, src->err);
    if (n < 0) {
        src->failed = (int)n;
        return -1;
    }
    return (int)n;
}

static int xml_close(void *context)
{
    return 0;
}

static void xml_error(void *user, xmlErrorPtr e)
{
    struct parse_error *pe = user;
    size_t n;
    if (pe->message || !e || e->level < XML_ERR_ERROR)
        return;
    pe->message = strdup(e->message ? e->message : "malformed XML");
    if (!pe->message)
        return;
    n = strlen(pe->message);
    while (n && (pe->message[n - 1] == '\n' || pe->message[n - 1] == ' '))
        pe->message[--n] = '\0';
    pe->line = e->line > 0 ? (size_t)e->line : 0;
    pe->column = e->int2 > 0 ? (size_t)e->int2 : 0;
}

static int is_w(const xmlChar *ns)
{
    return ns && (!strcmp((const char *)ns, NS_W) || !strcmp((const char *)ns, NS_W_STRICT));
}

static int is_name(const xmlChar *name, const char *want)
{
    return name && !strcmp((const char *)name, want);
}

/* The value of w:<attr> (either namespace), owned, or NULL. */
static xmlChar *w_attribute(xmlTextReaderPtr r, const char *attr)
{
    xmlChar *v = xmlTextReaderGetAttributeNs(r, BAD_CAST attr, BAD_CAST NS_W);
    if (!v)
        v = xmlTextReaderGetAttributeNs(r, BAD_CAST attr, BAD_CAST NS_W_STRICT);
    return v;
}

struct walk {
    int in_run, in_text;
    int field_depth;
    unsigned char instruction[MAX_FIELD_DEPTH]; /* per open field: 1 before 'separate' */
};

static int in_instruction(const struct walk *w)
{
    for (int i = 0; i < w->field_depth && i < MAX_FIELD_DEPTH; i++)
        if (w->instruction[i])
            return 1;
    return 0;
}

static void field_char(struct walk *w, xmlTextReaderPtr r)
{
    xmlChar *type = w_attribute(r, "fldCharType");
    if (is_name(type, "begin")) {
        if (w->field_depth < MAX_FIELD_DEPTH)
            w->instruction[w->field_depth] = 1;
        w->field_depth++;
    } else if (is_name(type, "separate")) {
        if (w->field_depth > 0 && w->field_depth <= MAX_FIELD_DEPTH)
            w->instruction[w->field_depth - 1] = 0;
    } else if (is_name(type, "end")) {
        if (w->field_depth > 0)
            w->field_depth--;
    }
    xmlFree(type);
}

/* 1 when the element the reader is on is skipped with its content. */
static int skipped(xmlTextReaderPtr r, const xmlChar *ns, const xmlChar *name)
{
    if (is_w(ns)) {
        if (is_name(name, "del") || is_name(name, "moveFrom") || is_name(name, "instrText") ||
            is_name(name, "delText"))
            return 1;
        if (is_name(name, "footnote") || is_name(name, "endnote")) {
            xmlChar *type = w_attribute(r, "type");
            int skip = type && !is_name(type, "normal");
            xmlFree(type);
            return skip;
        }
        return 0;
    }
    return ns && !strcmp((const char *)ns, NS_MC) && is_name(name, "Fallback");
}

/* Handles the start of an element; returns 0 or -1 when out of memory. */
static int start_element(struct walk *w, xmlTextReaderPtr r, const xmlChar *ns, const xmlChar *name,
                         struct strbuf *out)
{
    int empty = xmlTextReaderIsEmptyElement(r) == 1;
    if (!is_w(ns))
        return 0;
    if (is_name(name, "p")) {
        if (empty)
            return strbuf_addch(out, '\n');
    } else if (is_name(name, "r")) {
        if (!empty)
            w->in_run++;
    } else if (is_name(name, "t")) {
        if (!empty && w->in_run)
            w->in_text = 1;
    } else if (is_name(name, "fldChar")) {
        field_char(w, r);
    } else if (w->in_run && !in_instruction(w)) {
        if (is_name(name, "tab"))
            return strbuf_addch(out, '\t');
        if (is_name(name, "br") || is_name(name, "cr"))
            return strbuf_addch(out, ' ');
        if (is_name(name, "noBreakHyphen"))
            return strbuf_addch(out, '-');
    }
    return 0;
}

static int end_element(struct walk *w, const xmlChar *ns, const xmlChar *name, struct strbuf *out)
{
    if (!is_w(ns))
        return 0;
    if (is_name(name, "p"))
        return strbuf_addch(out, '\n');
    if (is_name(name, "r") && w->in_run > 0)
        w->in_run--;
    else if (is_name(name, "t"))
        w->in_text = 0;
    return 0;
}

static void init_xml(void)
{
    xmlInitParser();
}

int docx_part_text(const char *name, const char *part, docx_read_fn read, void *ctx,
                   struct strbuf *out, struct glossa_error *err)
{
    static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
    struct xml_source src = {read, ctx, err, 0};
    struct parse_error pe = {NULL, 0, 0};
    struct walk w;
    xmlTextReaderPtr r;
    int ret, rc = 0;

    /* the corpus runner reads documents in threads: libxml2 must be set up once first */
    pthread_once(&xml_once, init_xml);
    memset(&w, 0, sizeof w);
    r = xmlReaderForIO(xml_read, xml_close, &src, part, NULL, XML_PARSE_NONET);
    if (!r)
        return src.failed ? src.failed
                          : glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
    xmlTextReaderSetStructuredErrorHandler(r, xml_error, &pe);
    ret = xmlTextReaderRead(r);
    while (ret == 1 && rc == 0) {
        int type = xmlTextReaderNodeType(r);
        const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
        const xmlChar *local = xmlTextReaderConstLocalName(r);
        switch (type) {
        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY_REFERENCE:
            rc = glossa_error_set(err, GLOSSA_EFORMAT, name,
                                  (size_t)xmlTextReaderGetParserLineNumber(r),
                                  (size_t)xmlTextReaderGetParserColumnNumber(r),
                                  "%s: a DOCTYPE or entity reference, which no DOCX part has; "
                                  "refusing the file",
                                  part);
            continue;
        case XML_READER_TYPE_ELEMENT:
            if (skipped(r, ns, local)) {
                ret = xmlTextReaderNext(r);
                continue;
            }
            if (start_element(&w, r, ns, local, out) < 0)
                rc = GLOSSA_ENOMEM;
            break;
        case XML_READER_TYPE_END_ELEMENT:
            if (end_element(&w, ns, local, out) < 0)
                rc = GLOSSA_ENOMEM;
            break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            if (w.in_text && !in_instruction(&w)) {
                const char *s = (const char *)xmlTextReaderConstValue(r);
                if (s && strbuf_addstr(out, s) < 0)
                    rc = GLOSSA_ENOMEM;
            }
            break;
        default:
            break;
        }
        if (rc == 0)
            ret = xmlTextReaderRead(r);
    }
    if (rc == GLOSSA_ENOMEM)
        rc = glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
    else if (rc == 0 && ret < 0) {
        if (src.failed)
            rc = src.failed;
        else
            rc = glossa_error_set(err, GLOSSA_EFORMAT, name, pe.line, pe.column, "%s: %s", part,
                                  pe.message ? pe.message : "malformed XML");
    }
    free(pe.message);
    xmlFreeTextReader(r);
    return rc;
}

/* ------------------------------------------------------------ the zip layer */

struct zip_part {
    zip_file_t *file;
    const char *name, *part;
    size_t max, total;
};

static long zip_part_read(void *ctx, char *buf, size_t n, struct glossa_error *err)
{
    struct zip_part *zp = ctx;
    zip_int64_t got;
    if (zp->total > zp->max) /* read one byte past the limit to see it exceeded */
        n = 0;
    got = zip_fread(zp->file, buf, n);
    if (got < 0)
        return glossa_error_set(err, GLOSSA_EFORMAT, zp->name, 0, 0, "%s: %s", zp->part,
                                zip_file_strerror(zp->file));
    zp->total += (size_t)got;
    if (zp->total > zp->max)
        return glossa_error_set(err, GLOSSA_ETOOBIG, zp->name, 0, 0,
                                "%s is larger than %zu bytes uncompressed; refusing it", zp->part,
                                zp->max);
    return (long)got;
}

/* Appends the text of one part; a missing part is an error only when required. */
static int read_part(zip_t *za, const char *name, const char *part, int required, size_t max,
                     struct strbuf *out, struct glossa_error *err)
{
    struct zip_part zp = {NULL, name, part, max, 0};
    zip_stat_t st;
    zip_int64_t index = zip_name_locate(za, part, 0);
    int rc;
    if (index < 0)
        return required ? glossa_error_set(err, GLOSSA_EFORMAT, name, 0, 0,
                                           "not a DOCX document: no %s in the archive", part)
                        : 0;
    zip_stat_init(&st);
    if (zip_stat_index(za, (zip_uint64_t)index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > max)
        return glossa_error_set(err, GLOSSA_ETOOBIG, name, 0, 0,
                                "%s is larger than %zu bytes uncompressed; refusing it", part, max);
    zp.file = zip_fopen_index(za, (zip_uint64_t)index, 0);
    if (!zp.file)
        return glossa_error_set(err, GLOSSA_EFORMAT, name, 0, 0, "%s: %s", part, zip_strerror(za));
    rc = docx_part_text(name, part, zip_part_read, &zp, out, err);
    zip_fclose(zp.file);
    return rc;
}

static int read_archive(zip_t *za, const char *name, size_t max_part,
                        const struct glossa_text_options *opts, struct glossa_text **out,
                        struct glossa_error *err)
{
    struct strbuf text = STRBUF_INIT;
    struct glossa_text_options topts = {NULL, 0, NULL};
    int rc;
    if (!max_part)
        max_part = GLOSSA_DOCX_MAX_PART;
    rc = read_part(za, name, "word/document.xml", 1, max_part, &text, err);
    if (!rc)
        rc = read_part(za, name, "word/footnotes.xml", 0, max_part, &text, err);
    if (!rc)
        rc = read_part(za, name, "word/endnotes.xml", 0, max_part, &text, err);
    if (!rc) {
        if (opts)
            topts = *opts;
        topts.encoding = NULL;
        topts.keep_layout = 1;
        rc = glossa_text_from_bytes(name, text.buf ? text.buf : "", text.len, &topts, out, err);
    }
    strbuf_release(&text);
    return rc;
}

static int open_error(struct glossa_error *err, const char *name, zip_error_t *ze)
{
    int code = zip_error_code_zip(ze);
    int rc;
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ) {
        int e = zip_error_code_system(ze);
        rc = glossa_error_set(err, GLOSSA_EIO, name, 0, 0, "%s", strerror(e ? e : EIO));
        if (err)
            err->sys_errno = e;
        return rc;
    }
    if (code == ZIP_ER_MEMORY)
        return glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
    return glossa_error_set(err, GLOSSA_EFORMAT, name, 0, 0, "not a DOCX document: %s",
                            code == ZIP_ER_NOZIP ? "not a zip archive" : zip_error_strerror(ze));
}

int glossa_docx_read_file(const char *path, size_t max_part, const struct glossa_text_options *opts,
                          struct glossa_text **out, struct glossa_error *err)
{
    zip_error_t ze;
    int zerr = 0, rc;
    zip_t *za;
    *out = NULL;
    za = zip_open(path, ZIP_RDONLY, &zerr);
    if (!za) {
        zip_error_init_with_code(&ze, zerr);
        if (zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ || zerr == ZIP_ER_NOENT) {
            /* zip_open does not keep errno for us: ask the file system */
            FILE *f = fopen(path, "rb");
            int e = f ? EIO : errno;
            if (f)
                fclose(f);
            zip_error_fini(&ze);
            rc = glossa_error_set(err, GLOSSA_EIO, path, 0, 0, "%s", strerror(e));
            if (err)
                err->sys_errno = e;
            return rc;
        }
        rc = open_error(err, path, &ze);
        zip_error_fini(&ze);
        return rc;
    }
    rc = read_archive(za, path, max_part, opts, out, err);
    zip_discard(za);
    return rc;
}

int glossa_docx_from_bytes(const char *name, const char *data, size_t len, size_t max_part,
                           const struct glossa_text_options *opts, struct glossa_text **out,
                           struct glossa_error *err)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    int rc;
    *out = NULL;
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
    }
    za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!za) {
        zip_source_free(src);
        rc = open_error(err, name, &ze);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    rc = read_archive(za, name, max_part, opts, out, err);
    zip_discard(za);
    return rc;
}

/* tbx: TBX written with libxml2's xmlTextWriter and read with its streaming
 * xmlTextReader (mapping in tbx.h).
 *
 * Reading is safe on hostile files: no network (XML_PARSE_NONET), no DTD
 * loading, no entity substitution (XML_PARSE_NOENT is never set) and an entity
 * reference in the text is refused rather than expanded. Terms are collected
 * per concept, then turned into rows: a concept's terms of one type and
 * status in different languages share a row (the acronym row, the full-form
 * row), a second term of the same type in one language (a synonym) starts
 * another row of the concept.
 *
 * The file is read whole by us (so a read error is the system's message, not
 * libxml2's) and parsed from memory; libxml2's own messages are caught by a
 * structured error handler and the first one ends up in the glossa_error,
 * never on stderr.
 *
 * Traps: xml:lang is in the XML namespace, asked for by its qualified name;
 * TBX ids must be XML names, so concept ids that are not get a "c-" prefix
 * and other characters replaced. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "glossary-private.h"
#include "strbuf.h"
#include "tbx.h"

/* ------------------------------------------------------------ writing */

static const char *admin_status(enum glossa_status st)
{
    switch (st) {
    case GLOSSA_STATUS_DEPRECATED:
        return "deprecatedTerm-admn-sts";
    case GLOSSA_STATUS_FORBIDDEN:
        return "supersededTerm-admn-sts";
    case GLOSSA_STATUS_CANDIDATE:
        return NULL;
    default:
        return "preferredTerm-admn-sts";
    }
}

static void xml_id(struct strbuf *sb, const char *concept, size_t row)
{
    strbuf_reset(sb);
    if (!*concept) {
        strbuf_addf(sb, "row-%zu", row + 1);
        return;
    }
    if (!((*concept >= 'a' && *concept <= 'z') || (*concept >= 'A' && *concept <= 'Z') ||
          *concept == '_' || (unsigned char)*concept >= 0x80))
        strbuf_addstr(sb, "c-");
    for (const char *p = concept; *p; p++) {
        unsigned char c = (unsigned char)*p;
        int ok = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        strbuf_addch(sb, ok ? (char)c : '-');
    }
}

#define X(call)                                                                                    \
    do {                                                                                           \
        if ((call) < 0)                                                                            \
            goto fail;                                                                             \
    } while (0)
#define BAD_CAST_S(s) ((const xmlChar *)(s))

static int write_term(xmlTextWriterPtr w, const struct glossa_glossary *g, size_t r, size_t col,
                      int with_note)
{
    const char *type = glossa_glossary_meta(g, r, GLOSSA_META_TYPE);
    const char *note = with_note ? glossa_glossary_meta(g, r, GLOSSA_META_NOTE) : "";
    enum glossa_status st = glossa_glossary_row_status(g, r);
    const char *admin = admin_status(st);
    X(xmlTextWriterStartElement(w, BAD_CAST_S("termSec")));
    X(xmlTextWriterWriteElement(w, BAD_CAST_S("term"),
                                BAD_CAST_S(glossa_glossary_cell(g, r, col))));
    if (!strcmp(type, "acronym") || !strcmp(type, "full-form")) {
        X(xmlTextWriterStartElement(w, BAD_CAST_S("termNote")));
        X(xmlTextWriterWriteAttribute(w, BAD_CAST_S("type"), BAD_CAST_S("termType")));
        X(xmlTextWriterWriteString(w, BAD_CAST_S(*type == 'a' ? "acronym" : "fullForm")));
        X(xmlTextWriterEndElement(w));
    } else if (!strcmp(type, "entity")) {
        X(xmlTextWriterStartElement(w, BAD_CAST_S("termNote")));
        X(xmlTextWriterWriteAttribute(w, BAD_CAST_S("type"), BAD_CAST_S("partOfSpeech")));
        X(xmlTextWriterWriteString(w, BAD_CAST_S("properNoun")));
        X(xmlTextWriterEndElement(w));
    }
    if (admin) {
        X(xmlTextWriterStartElement(w, BAD_CAST_S("termNote")));
        X(xmlTextWriterWriteAttribute(w, BAD_CAST_S("type"), BAD_CAST_S("administrativeStatus")));
        X(xmlTextWriterWriteString(w, BAD_CAST_S(admin)));
        X(xmlTextWriterEndElement(w));
    } else {
        X(xmlTextWriterStartElement(w, BAD_CAST_S("termNote")));
        X(xmlTextWriterWriteAttribute(w, BAD_CAST_S("type"), BAD_CAST_S("processStatus")));
        X(xmlTextWriterWriteString(w, BAD_CAST_S("unprocessed")));
        X(xmlTextWriterEndElement(w));
    }
    if (*note)
        X(xmlTextWriterWriteElement(w, BAD_CAST_S("note"), BAD_CAST_S(note)));
    X(xmlTextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

int glossa_tbx_write(const struct glossa_glossary *g, const size_t *cols, size_t n,
                     struct strbuf *out, struct glossa_error *err)
{
    size_t nrows = glossa_glossary_row_count(g);
    int ccol = glossa_glossary_meta_column(g, GLOSSA_META_CONCEPT);
    char *done = calloc(nrows + 1, 1), *noted = calloc(nrows + 1, 1);
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    struct strbuf id = STRBUF_INIT;
    int rc = 0;
    if (!done || !noted || !w) {
        rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        goto out;
    }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST_S("  "));
    X(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
    X(xmlTextWriterStartElement(w, BAD_CAST_S("tbx")));
    X(xmlTextWriterWriteAttribute(w, BAD_CAST_S("type"), BAD_CAST_S("TBX-Basic")));
    X(xmlTextWriterWriteAttribute(w, BAD_CAST_S("style"), BAD_CAST_S("dca")));
    X(xmlTextWriterWriteAttribute(w, BAD_CAST_S("xml:lang"),
                                  BAD_CAST_S(glossa_glossary_column_name(g, cols[0]))));
    X(xmlTextWriterWriteAttribute(w, BAD_CAST_S("xmlns"),
                                  BAD_CAST_S("urn:iso:std:iso:30042:ed-2")));
    X(xmlTextWriterStartElement(w, BAD_CAST_S("tbxHeader")));
    X(xmlTextWriterStartElement(w, BAD_CAST_S("fileDesc")));
    X(xmlTextWriterStartElement(w, BAD_CAST_S("sourceDesc")));
    X(xmlTextWriterWriteElement(w, BAD_CAST_S("p"), BAD_CAST_S(glossa_glossary_name(g))));
    X(xmlTextWriterEndElement(w));
    X(xmlTextWriterEndElement(w));
    X(xmlTextWriterEndElement(w));
    X(xmlTextWriterStartElement(w, BAD_CAST_S("text")));
    X(xmlTextWriterStartElement(w, BAD_CAST_S("body")));
    for (size_t r = 0; r < nrows; r++) {
        const char *concept = ccol >= 0 ? glossa_glossary_cell(g, r, (size_t)ccol) : "";
        if (done[r])
            continue;
        xml_id(&id, concept, r);
        X(xmlTextWriterStartElement(w, BAD_CAST_S("conceptEntry")));
        X(xmlTextWriterWriteAttribute(w, BAD_CAST_S("id"), BAD_CAST_S(id.buf)));
        /* the rows of this concept: r and, when it has an id, the later rows sharing it */
        for (size_t i = 0; i < n; i++) {
            int open = 0;
            for (size_t s = r; s < nrows; s++) {
                if (s != r && (!*concept || done[s] ||
                               strcmp(glossa_glossary_cell(g, s, (size_t)ccol), concept)))
                    continue;
                if (!glossa_glossary_cell(g, s, cols[i])[0])
                    continue;
                if (!open) {
                    X(xmlTextWriterStartElement(w, BAD_CAST_S("langSec")));
                    X(xmlTextWriterWriteAttribute(
                        w, BAD_CAST_S("xml:lang"),
                        BAD_CAST_S(glossa_glossary_column_name(g, cols[i]))));
                    open = 1;
                }
                /* a row's note goes with its first term only */
                if (write_term(w, g, s, cols[i], !noted[s]))
                    goto fail;
                noted[s] = 1;
            }
            if (open)
                X(xmlTextWriterEndElement(w));
        }
        for (size_t s = r; s < nrows; s++)
            if (s == r || (*concept && !strcmp(glossa_glossary_cell(g, s, (size_t)ccol), concept)))
                done[s] = 1;
        X(xmlTextWriterEndElement(w));
    }
    X(xmlTextWriterEndDocument(w));
    xmlFreeTextWriter(w);
    w = NULL;
    if (strbuf_add(out, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf)))
        rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    goto out;
fail:
    rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "cannot write TBX");
out:
    if (w)
        xmlFreeTextWriter(w);
    if (buf)
        xmlBufferFree(buf);
    strbuf_release(&id);
    free(done);
    free(noted);
    return rc;
}

/* ------------------------------------------------------------ reading */

struct tterm {
    size_t concept; /* index into ids */
    char *lang, *term, *type, *status, *note;
};

struct tbx_reading {
    struct tterm *terms;
    size_t nterms, cap;
    char **ids;
    size_t nids;
    char **langs;
    size_t nlangs;
    /* the termSec being read */
    struct tterm cur;
    char *cur_lang;
    int in_concept;
};

static char *text_of(xmlTextReaderPtr r)
{
    xmlChar *s = xmlTextReaderReadString(r);
    char *copy;
    if (!s)
        return strdup("");
    copy = strdup((const char *)s);
    xmlFree(s);
    return copy;
}

static int set_str(char **dst, char *value)
{
    free(*dst);
    *dst = value;
    return value ? 0 : GLOSSA_ENOMEM;
}

static int push_term(struct tbx_reading *t)
{
    struct tterm *c = &t->cur;
    if (!c->term || !*c->term || !t->cur_lang) {
        free(c->term);
        free(c->type);
        free(c->status);
        free(c->note);
        memset(c, 0, sizeof(*c));
        return 0;
    }
    if (t->nterms == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        struct tterm *grown = realloc(t->terms, cap * sizeof(*grown));
        if (!grown)
            return GLOSSA_ENOMEM;
        t->terms = grown;
        t->cap = cap;
    }
    c->concept = t->nids - 1;
    c->lang = strdup(t->cur_lang);
    if (!c->lang)
        return GLOSSA_ENOMEM;
    {
        size_t i;
        for (i = 0; i < t->nlangs && strcmp(t->langs[i], c->lang); i++)
            ;
        if (i == t->nlangs) {
            char **grown = realloc(t->langs, (t->nlangs + 1) * sizeof(*grown));
            if (!grown)
                return GLOSSA_ENOMEM;
            t->langs = grown;
            if (!(t->langs[t->nlangs++] = strdup(c->lang)))
                return GLOSSA_ENOMEM;
        }
    }
    t->terms[t->nterms++] = *c;
    memset(c, 0, sizeof(*c));
    return 0;
}

static int is(const xmlChar *name, const char *want)
{
    return name && !strcmp((const char *)name, want);
}

static const char *row_type(const struct tterm *t)
{
    if (t->type && !strcmp(t->type, "acronym"))
        return "acronym";
    if (t->type && !strcmp(t->type, "fullForm"))
        return "full-form";
    if (t->type && !strcmp(t->type, "properNoun"))
        return "entity";
    return "term";
}

static const char *row_status(const struct tterm *t)
{
    if (!t->status)
        return "approved";
    if (strstr(t->status, "deprecated"))
        return "deprecated";
    if (strstr(t->status, "superseded"))
        return "forbidden";
    if (!strcmp(t->status, "unprocessed") || !strcmp(t->status, "provisionallyProcessed"))
        return "candidate";
    return "approved";
}

/* Turns the collected terms into rows of g. */
static int build(struct tbx_reading *t, struct glossa_glossary *g, struct glossa_error *err)
{
    size_t ncols, base;
    const char **cells;
    char *placed;
    int rc = 0;
    for (size_t i = 0; i < t->nlangs; i++)
        if ((rc = glossa_glossary_add_column(g, t->langs[i], err)) < 0)
            return rc;
    rc = 0;
    base = glossa_glossary_column_count(g);
    if (glossa_glossary_add_column(g, "concept", err) < 0 ||
        glossa_glossary_add_column(g, "type", err) < 0 ||
        glossa_glossary_add_column(g, "status", err) < 0 ||
        glossa_glossary_add_column(g, "note", err) < 0)
        return GLOSSA_ENOMEM;
    ncols = glossa_glossary_column_count(g);
    cells = calloc(ncols, sizeof(*cells));
    placed = calloc(t->nterms + 1, 1);
    if (!cells || !placed) {
        free(cells);
        free(placed);
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    }
    for (size_t k = 0; k < t->nterms && !rc; k++) {
        const struct tterm *a = &t->terms[k];
        long row;
        if (placed[k])
            continue;
        memset(cells, 0, ncols * sizeof(*cells));
        /* this concept's terms of the same type and status share the row, one per language */
        for (size_t j = k; j < t->nterms; j++) {
            const struct tterm *b = &t->terms[j];
            int col;
            if (placed[j] || b->concept != a->concept || strcmp(row_type(a), row_type(b)) ||
                strcmp(row_status(a), row_status(b)))
                continue;
            col = glossa_glossary_lang_column(g, b->lang);
            if (col < 0 || cells[col])
                continue;
            cells[col] = b->term;
            placed[j] = 1;
            if (b->note && *b->note && !cells[base + 3])
                cells[base + 3] = b->note;
        }
        cells[base] = t->ids[a->concept];
        cells[base + 1] = row_type(a);
        cells[base + 2] = row_status(a);
        row = glossa_glossary_add_row(g, cells, ncols, err);
        if (row < 0)
            rc = (int)row;
    }
    free(cells);
    free(placed);
    return rc;
}

static void reading_release(struct tbx_reading *t)
{
    for (size_t i = 0; i < t->nterms; i++) {
        free(t->terms[i].lang);
        free(t->terms[i].term);
        free(t->terms[i].type);
        free(t->terms[i].status);
        free(t->terms[i].note);
    }
    free(t->terms);
    for (size_t i = 0; i < t->nids; i++)
        free(t->ids[i]);
    free(t->ids);
    for (size_t i = 0; i < t->nlangs; i++)
        free(t->langs[i]);
    free(t->langs);
    free(t->cur.term);
    free(t->cur.type);
    free(t->cur.status);
    free(t->cur.note);
    free(t->cur_lang);
}

static int new_concept(struct tbx_reading *t, xmlTextReaderPtr r)
{
    xmlChar *id = xmlTextReaderGetAttribute(r, BAD_CAST_S("id"));
    char **grown = realloc(t->ids, (t->nids + 1) * sizeof(*grown));
    if (!grown) {
        xmlFree(id);
        return GLOSSA_ENOMEM;
    }
    t->ids = grown;
    if (id)
        t->ids[t->nids] = strdup((const char *)id);
    else {
        t->ids[t->nids] = malloc(32);
        if (t->ids[t->nids])
            snprintf(t->ids[t->nids], 32, "c-%zu", t->nids + 1);
    }
    xmlFree(id);
    if (!t->ids[t->nids])
        return GLOSSA_ENOMEM;
    t->nids++;
    return 0;
}

/* The first message libxml2 gives about the file, without its newline. */
struct xml_problem {
    char message[256];
    size_t line;
};

static void keep_first_problem(void *arg, xmlErrorPtr e)
{
    struct xml_problem *p = arg;
    size_t n;
    if (p->message[0] || !e || e->level < XML_ERR_ERROR || !e->message)
        return;
    snprintf(p->message, sizeof(p->message), "%s", e->message);
    n = strlen(p->message);
    while (n > 0 && (p->message[n - 1] == '\n' || p->message[n - 1] == ' '))
        p->message[--n] = '\0';
    p->line = e->line > 0 ? (size_t)e->line : 0;
}

/* Reads the whole of path ("-": stdin) into sb. */
static int slurp(const char *path, struct strbuf *sb, struct glossa_error *err)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    char buf[65536];
    size_t n;
    int rc = 0;
    if (!f)
        return glossa_error_set(err, GLOSSA_EIO, path, 0, 0, "%s", strerror(errno));
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        if (strbuf_add(sb, buf, n) < 0) {
            rc = glossa_error_set(err, GLOSSA_ENOMEM, path, 0, 0, NULL);
            break;
        }
    if (!rc && ferror(f))
        rc = glossa_error_set(err, GLOSSA_EIO, path, 0, 0, "%s", strerror(errno));
    if (f != stdin)
        fclose(f);
    return rc;
}

int glossa_tbx_read(const char *path, struct glossa_glossary **out, struct glossa_error *err)
{
    struct tbx_reading t;
    struct strbuf data = STRBUF_INIT;
    struct xml_problem problem = {"", 0};
    xmlTextReaderPtr r;
    int ret, rc = 0, saw_body = 0;
    memset(&t, 0, sizeof(t));
    *out = NULL;
    if ((rc = slurp(path, &data, err))) {
        strbuf_release(&data);
        return rc;
    }
    if (data.len > (size_t)INT_MAX) {
        strbuf_release(&data);
        return glossa_error_set(err, GLOSSA_ETOOBIG, path, 0, 0, "file larger than 2 GB");
    }
    {
        size_t i = 0;
        while (i < data.len && strchr(" \t\r\n", data.buf[i]))
            i++;
        if (i == data.len) {
            strbuf_release(&data);
            return glossa_error_set(err, GLOSSA_EFORMAT, path, 0, 0, "the file is empty (no XML)");
        }
    }
    r = xmlReaderForMemory(data.buf ? data.buf : "", (int)data.len, path, NULL, XML_PARSE_NONET);
    if (!r) {
        strbuf_release(&data);
        return glossa_error_set(err, GLOSSA_ENOMEM, path, 0, 0, NULL);
    }
    xmlTextReaderSetStructuredErrorHandler(r, keep_first_problem, &problem);
    while (!rc && (ret = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        const xmlChar *name = xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
            rc = glossa_error_set(err, GLOSSA_EFORMAT, path,
                                  (size_t)xmlTextReaderGetParserLineNumber(r), 0,
                                  "entity references are not expanded; refusing the file");
            break;
        }
        if (type == XML_READER_TYPE_ELEMENT) {
            if (is(name, "body"))
                saw_body = 1;
            if (is(name, "conceptEntry") || is(name, "termEntry")) {
                rc = new_concept(&t, r);
                t.in_concept = 1;
            } else if ((is(name, "langSec") || is(name, "langSet")) && t.in_concept) {
                xmlChar *lang = xmlTextReaderGetAttribute(r, BAD_CAST_S("xml:lang"));
                char canon[32];
                free(t.cur_lang);
                t.cur_lang = NULL;
                if (lang && glossa_lang_tag_normalize((const char *)lang, canon))
                    t.cur_lang = strdup(canon);
                else
                    rc = glossa_error_set(err, GLOSSA_EFORMAT, path,
                                          (size_t)xmlTextReaderGetParserLineNumber(r), 0,
                                          "language section without a language tag (xml:lang='%s')",
                                          lang ? (const char *)lang : "");
                xmlFree(lang);
            } else if (is(name, "term") && t.cur_lang) {
                rc = set_str(&t.cur.term, text_of(r));
            } else if (is(name, "termNote") || is(name, "descrip")) {
                xmlChar *kind = xmlTextReaderGetAttribute(r, BAD_CAST_S("type"));
                if (is(kind, "termType") || (is(kind, "partOfSpeech") && !t.cur.type))
                    rc = set_str(&t.cur.type, text_of(r));
                else if (is(kind, "administrativeStatus") || is(kind, "processStatus"))
                    rc = set_str(&t.cur.status, text_of(r));
                xmlFree(kind);
            } else if (is(name, "note") && t.cur_lang) {
                rc = set_str(&t.cur.note, text_of(r));
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is(name, "termSec") || is(name, "tig") || is(name, "ntig"))
                rc = push_term(&t);
            else if (is(name, "langSec") || is(name, "langSet")) {
                if (t.cur.term)
                    rc = push_term(&t); /* TBX 2008 allows a term right in langSet */
                free(t.cur_lang);
                t.cur_lang = NULL;
            } else if (is(name, "conceptEntry") || is(name, "termEntry"))
                t.in_concept = 0;
        }
        if (rc == GLOSSA_ENOMEM)
            rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
    }
    if (!rc && ret < 0)
        rc = glossa_error_set(err, GLOSSA_EFORMAT, path,
                              problem.line ? problem.line
                                           : (size_t)xmlTextReaderGetParserLineNumber(r),
                              0, "not well-formed XML%s%s%s", problem.message[0] ? " (" : "",
                              problem.message, problem.message[0] ? ")" : "");
    xmlFreeTextReader(r);
    strbuf_release(&data);
    if (!rc && (!saw_body || t.nlangs == 0))
        rc = glossa_error_set(err, GLOSSA_EFORMAT, path, 0, 0,
                              "no TBX terms (expected conceptEntry/langSec/termSec/term)");
    if (!rc) {
        *out = glossa_glossary_new(path);
        if (!*out)
            rc = glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, NULL);
        else if ((rc = build(&t, *out, err)) != 0) {
            glossa_glossary_free(*out);
            *out = NULL;
        }
    }
    reading_release(&t);
    return rc;
}

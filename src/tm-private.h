/* tm-private: the streaming XML reading that the TMX and XLIFF readers share
 * (src/tm.c). Not part of the public API. */
#ifndef GLOSSA_TM_PRIVATE_H
#define GLOSSA_TM_PRIVATE_H

#include <stddef.h>

#include "glossa/tm.h"

struct tm_xml;

enum tm_node {
    TM_ELEMENT,
    TM_END_ELEMENT,
    TM_TEXT, /* text, CDATA, white space */
    TM_OTHER,
};

/* Returns owned: a reader over read/rctx (borrowed) that refuses network
 * access, DTD loading and entity references. name (borrowed, copied) goes in
 * errors. NULL with err filled when out of memory. */
struct tm_xml *tm_xml_open(const char *name, glossa_tm_read_fn read, void *rctx,
                           struct glossa_error *err);
void tm_xml_free(struct tm_xml *x);

/* Moves to the next node: 1, 0 at the end of the document, or a negative code
 * with err filled (GLOSSA_EFORMAT: not well-formed, an entity reference;
 * GLOSSA_EIO: the source failed). */
int tm_xml_next(struct tm_xml *x, struct glossa_error *err);

enum tm_node tm_xml_type(const struct tm_xml *x);
/* The local name of the current element (borrowed), "" for other nodes. */
const char *tm_xml_name(const struct tm_xml *x);
int tm_xml_is_empty(const struct tm_xml *x);
/* The depth of the current node (the root element is 0). */
int tm_xml_depth(const struct tm_xml *x);
/* Line of the current node in the file. */
size_t tm_xml_line(const struct tm_xml *x);
/* Attribute of the current element by qualified name ("xml:lang"): returns
 * owned, NULL when absent. */
char *tm_xml_attr(const struct tm_xml *x, const char *qname);
/* Fills err with a format error at the current node; returns GLOSSA_EFORMAT. */
int tm_xml_fail(const struct tm_xml *x, struct glossa_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* One variant being read (an element whose text is a segment). */
struct tm_variant_buf {
    struct glossa_tm_variant v; /* points into the members below */
    char *tag;
    char *text;
    size_t len, cap;
    struct glossa_text_origin *origins;
    size_t norigins, ocap;
    size_t next_line, next_column; /* where a continuing character would be */
};

/* The current element (TM_ELEMENT) opens a segment's text in language tag
 * (borrowed, copied; NULL or "" when unknown): vb is reset and its first
 * origin set. Returns 0 or GLOSSA_ENOMEM. */
int tm_xml_variant_begin(struct tm_xml *x, struct tm_variant_buf *vb, const char *tag);
/* The current node is text inside the segment: keep = 1 appends it, 0 only
 * walks past it (inline codes). Returns 0 or GLOSSA_ENOMEM. */
int tm_xml_variant_text(struct tm_xml *x, struct tm_variant_buf *vb, int keep);
/* The segment is over: NFC, white space, vb->v filled. Returns 0 or GLOSSA_ENOMEM. */
int tm_xml_variant_end(struct tm_xml *x, struct tm_variant_buf *vb);
void tm_variant_buf_release(struct tm_variant_buf *vb);

/* Is name an inline code whose content is native code, not text
 * (bpt, ept, ph, it, ut)? */
int tm_inline_code(const char *name);

/* glossa's code of a language tag into lang (3 bytes; "" when not supported). */
void tm_lang_code(const char *tag, char lang[3]);

/* A format reader (glossa_tmx_read, glossa_xliff_read). */
typedef int (*tm_format_reader)(const char *name, glossa_tm_read_fn read, void *rctx,
                                glossa_tm_unit_fn fn, void *ctx, struct glossa_error *err);

/* Runs rd over the file at path ("-": standard input); errors name the path. */
int tm_read_path(const char *path, tm_format_reader rd, glossa_tm_unit_fn fn, void *ctx,
                 struct glossa_error *err);

#endif

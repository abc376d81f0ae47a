/* xliff: XLIFF 1.2 and 2.x read with the streaming reader of tm.c.
 *
 * Owns the XLIFF structure only. A "unit" here is what pairs one source with
 * its target: the <trans-unit> of 1.2, the <segment> of 2.x (which takes the
 * id of its <unit>, the id a translator sees). Languages: 1.2 puts them on
 * each <file> (source-language, target-language), 2.x on the root (srcLang,
 * trgLang); an xml:lang on <source> or <target> wins. Proposals and
 * non-translatable parts (<alt-trans>, <ignorable>) are skipped whole,
 * <seg-source> is not a <source>. Traps: the version is not needed to read a
 * file — the element names tell 1.2 from 2.x — so a file without a version
 * attribute is still read; a <target> may be missing (no target variant). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/xliff.h"
#include "tm-private.h"

struct xliff_state {
    char *src_lang, *trg_lang; /* of the current <file> (1.2) or the root (2.x) */
    char *unit_id;
    size_t unit_line;
    int unit_depth;   /* depth of the element that makes a unit (trans-unit, segment), or -1 */
    int ignore_depth; /* inside <alt-trans> or <ignorable>, or -1 */
    int text_depth;   /* inside <source>/<target>, or -1 */
    int skip_depth;   /* inside an inline code, or -1 */
    struct tm_variant_buf vb[2];
    int have[2]; /* 0 source, 1 target */
    int current; /* which vb the text goes to */
    size_t units;
};

static void replace(char **slot, char *value)
{
    if (value) {
        free(*slot);
        *slot = value;
    }
}

static int emit(struct xliff_state *st, glossa_tm_unit_fn fn, void *ctx)
{
    struct glossa_tm_variant vars[2];
    struct glossa_tm_unit u;
    size_t n = 0;
    for (int i = 0; i < 2; i++)
        if (st->have[i] && (i == 0 || st->vb[i].v.len))
            vars[n++] = st->vb[i].v;
    u.id = st->unit_id ? st->unit_id : "";
    u.index = st->units++;
    u.line = st->unit_line;
    u.variants = vars;
    u.n = n;
    st->have[0] = st->have[1] = 0;
    return fn(&u, ctx);
}

static int text_node(struct tm_xml *x, struct xliff_state *st)
{
    int depth = tm_xml_depth(x);
    struct tm_variant_buf *vb = &st->vb[st->current];
    switch (tm_xml_type(x)) {
    case TM_ELEMENT:
        if (st->skip_depth < 0 && tm_inline_code(tm_xml_name(x)) && !tm_xml_is_empty(x))
            st->skip_depth = depth;
        return 0;
    case TM_END_ELEMENT:
        if (depth == st->skip_depth) {
            st->skip_depth = -1;
        } else if (depth == st->text_depth) {
            st->text_depth = -1;
            if (tm_xml_variant_end(x, vb))
                return GLOSSA_ENOMEM;
            st->have[st->current] = 1;
        }
        return 0;
    case TM_TEXT:
        return tm_xml_variant_text(x, vb, st->skip_depth < 0);
    default:
        return 0;
    }
}

/* <source> or <target> opens: side 0 or 1. */
static int open_text(struct tm_xml *x, struct xliff_state *st, int side)
{
    char *own = tm_xml_attr(x, "xml:lang");
    struct tm_variant_buf *vb = &st->vb[side];
    int rc = tm_xml_variant_begin(x, vb, own ? own : side ? st->trg_lang : st->src_lang);
    free(own);
    if (rc)
        return rc;
    st->current = side;
    if (tm_xml_is_empty(x)) {
        if (tm_xml_variant_end(x, vb))
            return GLOSSA_ENOMEM;
        st->have[side] = 1;
    } else {
        st->text_depth = tm_xml_depth(x);
    }
    return 0;
}

int glossa_xliff_read(const char *name, glossa_tm_read_fn read, void *rctx, glossa_tm_unit_fn fn,
                      void *ctx, struct glossa_error *err)
{
    struct tm_xml *x = tm_xml_open(name, read, rctx, err);
    struct xliff_state st;
    int rc, root = 0;
    if (!x)
        return GLOSSA_ENOMEM;
    memset(&st, 0, sizeof st);
    st.unit_depth = st.ignore_depth = st.text_depth = st.skip_depth = -1;
    while ((rc = tm_xml_next(x, err)) == 1) {
        enum tm_node type = tm_xml_type(x);
        const char *el = tm_xml_name(x);
        int depth = tm_xml_depth(x);
        if (st.text_depth >= 0) {
            if ((rc = text_node(x, &st))) {
                rc = glossa_error_set(err, rc, name, 0, 0, "out of memory");
                break;
            }
            continue;
        }
        if (st.ignore_depth >= 0) {
            if (type == TM_END_ELEMENT && depth == st.ignore_depth)
                st.ignore_depth = -1;
            continue;
        }
        if (type == TM_ELEMENT && !root) {
            if (strcmp(el, "xliff")) {
                rc = tm_xml_fail(x, err, "not an XLIFF file: the root element is <%s>, not <xliff>",
                                 el);
                break;
            }
            root = 1;
            replace(&st.src_lang, tm_xml_attr(x, "srcLang"));
            replace(&st.trg_lang, tm_xml_attr(x, "trgLang"));
        } else if (type == TM_ELEMENT && !strcmp(el, "file")) {
            replace(&st.src_lang, tm_xml_attr(x, "source-language"));
            replace(&st.trg_lang, tm_xml_attr(x, "target-language"));
        } else if (type == TM_ELEMENT && (!strcmp(el, "alt-trans") || !strcmp(el, "ignorable") ||
                                          !strcmp(el, "notes") || !strcmp(el, "originalData"))) {
            if (!tm_xml_is_empty(x))
                st.ignore_depth = depth;
        } else if (type == TM_ELEMENT && !strcmp(el, "unit")) {
            free(st.unit_id);
            st.unit_id = tm_xml_attr(x, "id");
        } else if (type == TM_ELEMENT && (!strcmp(el, "trans-unit") || !strcmp(el, "segment")) &&
                   !tm_xml_is_empty(x)) {
            if (*el == 't') {
                free(st.unit_id);
                st.unit_id = tm_xml_attr(x, "id");
            }
            st.unit_depth = depth;
            st.unit_line = tm_xml_line(x);
            st.have[0] = st.have[1] = 0;
        } else if (type == TM_ELEMENT && st.unit_depth >= 0 &&
                   (!strcmp(el, "source") || !strcmp(el, "target"))) {
            if ((rc = open_text(x, &st, *el == 't'))) {
                rc = glossa_error_set(err, rc, name, 0, 0, "out of memory");
                break;
            }
        } else if (type == TM_END_ELEMENT && depth == st.unit_depth) {
            st.unit_depth = -1;
            if ((rc = emit(&st, fn, ctx)))
                break;
        }
    }
    if (rc == 0 && !root)
        rc = glossa_error_set(err, GLOSSA_EFORMAT, name, 0, 0,
                              "not an XLIFF file: no <xliff> element");
    free(st.src_lang);
    free(st.trg_lang);
    free(st.unit_id);
    tm_variant_buf_release(&st.vb[0]);
    tm_variant_buf_release(&st.vb[1]);
    tm_xml_free(x);
    return rc;
}

int glossa_xliff_read_file(const char *path, glossa_tm_unit_fn fn, void *ctx,
                           struct glossa_error *err)
{
    return tm_read_path(path, glossa_xliff_read, fn, ctx, err);
}

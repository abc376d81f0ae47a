/* tmx: TMX 1.4 (and 1.1) read with the streaming reader of tm.c, one <tu> at
 * a time.
 *
 * Owns the TMX structure only: <header srclang>, <tu tuid>, <tuv xml:lang>
 * (or `lang`, TMX 1.1), <seg>. Everything inside a <seg> is text except the
 * inline codes (tm_inline_code), whose content is native markup; <hi> and
 * <sub> outside a code keep their text. <prop> and <note> are not text of the
 * segment. The variants of a unit are reused from one unit to the next, so
 * memory depends on the largest unit, not on the file. Traps: a <tuv> may
 * lack a language (the header's srclang is then used, unless it is "*all*");
 * a <tu> may hold several <tuv> of one language (the collector keeps the
 * first). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/tmx.h"
#include "tm-private.h"

struct tmx_state {
    char *srclang;
    char *tuid;
    char *lang;
    size_t tu_line;
    int in_tu, in_tuv;
    int seg_depth, skip_depth;
    struct tm_variant_buf *vb;
    size_t nvar, cap;
    struct glossa_tm_variant *vars;
    size_t units;
};

static void state_release(struct tmx_state *st)
{
    free(st->srclang);
    free(st->tuid);
    free(st->lang);
    for (size_t i = 0; i < st->cap; i++)
        tm_variant_buf_release(&st->vb[i]);
    free(st->vb);
    free(st->vars);
}

static int next_variant(struct tmx_state *st)
{
    if (st->nvar == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 4;
        struct tm_variant_buf *vb = realloc(st->vb, cap * sizeof *vb);
        struct glossa_tm_variant *vars;
        if (!vb)
            return GLOSSA_ENOMEM;
        st->vb = vb;
        memset(vb + st->cap, 0, (cap - st->cap) * sizeof *vb);
        st->cap = cap;
        if (!(vars = realloc(st->vars, cap * sizeof *vars)))
            return GLOSSA_ENOMEM;
        st->vars = vars;
    }
    return 0;
}

static int emit_unit(struct tmx_state *st, glossa_tm_unit_fn fn, void *ctx)
{
    struct glossa_tm_unit u;
    for (size_t i = 0; i < st->nvar; i++)
        st->vars[i] = st->vb[i].v;
    u.id = st->tuid ? st->tuid : "";
    u.index = st->units++;
    u.line = st->tu_line;
    u.variants = st->vars;
    u.n = st->nvar;
    return fn(&u, ctx);
}

/* A node inside a <seg>. */
static int seg_node(struct tm_xml *x, struct tmx_state *st, struct glossa_error *err)
{
    int depth = tm_xml_depth(x), rc = 0;
    switch (tm_xml_type(x)) {
    case TM_ELEMENT:
        if (st->skip_depth < 0 && tm_inline_code(tm_xml_name(x)) && !tm_xml_is_empty(x))
            st->skip_depth = depth;
        break;
    case TM_END_ELEMENT:
        if (depth == st->skip_depth) {
            st->skip_depth = -1;
        } else if (depth == st->seg_depth) {
            st->seg_depth = -1;
            if ((rc = tm_xml_variant_end(x, &st->vb[st->nvar])) == 0)
                st->nvar++;
        }
        break;
    case TM_TEXT:
        rc = tm_xml_variant_text(x, &st->vb[st->nvar], st->skip_depth < 0);
        break;
    default:
        break;
    }
    if (rc)
        return glossa_error_set(err, rc, NULL, 0, 0, "out of memory");
    return 0;
}

int glossa_tmx_read(const char *name, glossa_tm_read_fn read, void *rctx, glossa_tm_unit_fn fn,
                    void *ctx, struct glossa_error *err)
{
    struct tm_xml *x = tm_xml_open(name, read, rctx, err);
    struct tmx_state st;
    int rc, root = 0;
    if (!x)
        return GLOSSA_ENOMEM;
    memset(&st, 0, sizeof st);
    st.seg_depth = st.skip_depth = -1;
    while ((rc = tm_xml_next(x, err)) == 1) {
        enum tm_node type = tm_xml_type(x);
        const char *el = tm_xml_name(x);
        if (st.seg_depth >= 0) {
            if ((rc = seg_node(x, &st, err)))
                break;
            continue;
        }
        if (type == TM_ELEMENT && !root) {
            if (strcmp(el, "tmx")) {
                rc = tm_xml_fail(x, err, "not a TMX file: the root element is <%s>, not <tmx>", el);
                break;
            }
            root = 1;
        } else if (type == TM_ELEMENT && !strcmp(el, "header")) {
            free(st.srclang);
            st.srclang = tm_xml_attr(x, "srclang");
            if (st.srclang && !strcmp(st.srclang, "*all*")) {
                free(st.srclang);
                st.srclang = NULL;
            }
        } else if (type == TM_ELEMENT && !strcmp(el, "tu") && !tm_xml_is_empty(x)) {
            st.in_tu = 1;
            st.nvar = 0;
            st.tu_line = tm_xml_line(x);
            free(st.tuid);
            st.tuid = tm_xml_attr(x, "tuid");
        } else if (type == TM_ELEMENT && !strcmp(el, "tuv") && st.in_tu) {
            free(st.lang);
            st.lang = tm_xml_attr(x, "xml:lang");
            if (!st.lang)
                st.lang = tm_xml_attr(x, "lang");
            if (!st.lang && st.srclang)
                st.lang = strdup(st.srclang);
            st.in_tuv = !tm_xml_is_empty(x);
        } else if (type == TM_ELEMENT && !strcmp(el, "seg") && st.in_tuv) {
            if ((rc = next_variant(&st)) ||
                (rc = tm_xml_variant_begin(x, &st.vb[st.nvar], st.lang))) {
                rc = glossa_error_set(err, rc, name, 0, 0, "out of memory");
                break;
            }
            if (!tm_xml_is_empty(x))
                st.seg_depth = tm_xml_depth(x);
            else if ((rc = tm_xml_variant_end(x, &st.vb[st.nvar])) == 0)
                st.nvar++;
            else {
                rc = glossa_error_set(err, rc, name, 0, 0, "out of memory");
                break;
            }
        } else if (type == TM_END_ELEMENT && !strcmp(el, "tuv")) {
            st.in_tuv = 0;
        } else if (type == TM_END_ELEMENT && !strcmp(el, "tu") && st.in_tu) {
            st.in_tu = 0;
            if ((rc = emit_unit(&st, fn, ctx)))
                break;
        }
    }
    if (rc == 0 && !root)
        rc = glossa_error_set(err, GLOSSA_EFORMAT, name, 0, 0, "not a TMX file: no <tmx> element");
    state_release(&st);
    tm_xml_free(x);
    return rc;
}

int glossa_tmx_read_file(const char *path, glossa_tm_unit_fn fn, void *ctx,
                         struct glossa_error *err)
{
    return tm_read_path(path, glossa_tmx_read, fn, ctx, err);
}

/* tmx-test: the TMX reader — units, languages, inline codes, positions in the
 * file, chunked input of every size, and hostile files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glossa/tmx.h"
#include "strbuf.h"
#include "membuf.h"
#include "tap.h"

/* Dumps every unit: "id|lang=text@line:col ..." with the position of each
 * variant's first character and of the first character of `mark`. */
struct dump {
    struct strbuf sb;
    const char *mark;
};

static void position(const struct glossa_tm_variant *v, size_t off, size_t *line, size_t *col)
{
    struct glossa_text *t = NULL;
    *line = *col = 0;
    if (glossa_text_from_body("t", v->text, v->len, v->origins, v->norigins, &t, NULL) == 0)
        glossa_text_position(t, off, line, col);
    glossa_text_free(t);
}

static int dump_unit(const struct glossa_tm_unit *u, void *ctx)
{
    struct dump *d = ctx;
    strbuf_addf(&d->sb, "%zu:%s@%zu", u->index, u->id, u->line);
    for (size_t i = 0; i < u->n; i++) {
        const struct glossa_tm_variant *v = &u->variants[i];
        size_t line, col;
        position(v, 0, &line, &col);
        strbuf_addf(&d->sb, " %s(%s)=[%.*s]@%zu:%zu", v->lang, v->tag, (int)v->len, v->text, line,
                    col);
        if (d->mark) {
            const char *m = strstr(v->text, d->mark);
            if (m) {
                position(v, (size_t)(m - v->text), &line, &col);
                strbuf_addf(&d->sb, "{%s@%zu:%zu}", d->mark, line, col);
            }
        }
    }
    strbuf_addch(&d->sb, '\n');
    return 0;
}

static int read_tmx(const char *data, size_t chunk, const char *mark, struct strbuf *out,
                    struct glossa_error *err)
{
    struct membuf s = {data, strlen(data), 0, chunk};
    struct dump d = {STRBUF_INIT, mark};
    int rc = glossa_tmx_read("t.tmx", membuf_read, &s, dump_unit, &d, err);
    strbuf_reset(out);
    strbuf_add(out, d.sb.buf ? d.sb.buf : "", d.sb.len);
    strbuf_release(&d.sb);
    return rc;
}

static const char sample[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
    "<tmx version=\"1.4\">\n"
    "  <header srclang=\"en-US\" datatype=\"plaintext\" segtype=\"paragraph\"/>\n"
    "  <body>\n"
    "    <tu tuid=\"p1\">\n"
    "      <prop type=\"x-note\">not text</prop>\n"
    "      <tuv xml:lang=\"EN-US\"><seg>The <bpt i=\"1\">&lt;b&gt;</bpt>CSTO<ept "
    "i=\"1\">&lt;/b&gt;</ept> &amp; ISIL<ph x=\"2\"/>.</seg></tuv>\n"
    "      <tuv xml:lang=\"fr-FR\"><seg>L’<hi type=\"b\">OTSC</hi> et l’EIIL.</seg></tuv>\n"
    "      <tuv lang=\"ru\"><seg>ОДКБ\r\n  и ИГИЛ <!-- c --><![CDATA[<x>]]> конец</seg></tuv>\n"
    "    </tu>\n"
    "    <tu>\n"
    "      <tuv><seg>No language given</seg></tuv>\n"
    "      <tuv xml:lang=\"de\"><seg>Deutsch</seg></tuv>\n"
    "      <tuv xml:lang=\"es\"><seg/></tuv>\n"
    "    </tu>\n"
    "  </body>\n"
    "</tmx>\n";

static void test_sample(void)
{
    struct strbuf got = STRBUF_INIT, first = STRBUF_INIT;
    struct glossa_error err;
    size_t len = strlen(sample);
    int all_same = 1, rc;
    glossa_error_init(&err);
    rc = read_tmx(sample, 1 << 20, "ISIL", &got, &err);
    is_int(rc, 0, "sample: read");
    is_str(got.buf,
           "0:p1@6 en(EN-US)=[The CSTO & ISIL.]@8:34{ISIL@8:102} fr(fr-FR)=[L’OTSC et "
           "l’EIIL.]@9:34 ru(ru)=[ОДКБ   и ИГИЛ <x> конец]@10:27\n"
           "1:@13 en(en-US)=[No language given]@14:17 (de)=[Deutsch]@15:31 es(es)=[]@16:32\n",
           "sample: units, languages, inline codes left out, positions of the file");
    read_tmx(sample, 1 << 20, "OTSC", &got, &err);
    ok(strstr(got.buf, "{OTSC@9:49}") != NULL, "sample: text inside <hi> at its column");
    read_tmx(sample, 1 << 20, "ИГИЛ", &got, &err);
    ok(strstr(got.buf, "{ИГИЛ@11:5}") != NULL, "sample: after CRLF the next line, column 5");
    read_tmx(sample, 1 << 20, "конец", &got, &err);
    ok(strstr(got.buf, "{конец@11:36}") != NULL, "sample: after a comment and CDATA");
    read_tmx(sample, 1 << 20, NULL, &first, &err);
    for (size_t chunk = 1; chunk <= len; chunk++) {
        if (read_tmx(sample, chunk, NULL, &got, &err) || strcmp(got.buf, first.buf)) {
            all_same = 0;
            printf("# chunk %zu differs:\n# %s\n", chunk, got.buf ? got.buf : "");
            break;
        }
    }
    ok(all_same, "sample: the same units and positions in chunks of every size");
    strbuf_release(&got);
    strbuf_release(&first);
    glossa_error_release(&err);
}

static void test_errors(void)
{
    struct strbuf got = STRBUF_INIT;
    struct glossa_error err;
    int rc;
    clock_t t0;
    const char *laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
        "]>\n<tmx><body><tu><tuv xml:lang=\"en\"><seg>&lol9;</seg></tuv></tu></body></tmx>\n";
    const char *external = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n"
                           " <!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
                           "<tmx><body><tu><tuv xml:lang=\"en\"><seg>&x;</seg></tuv></tu>"
                           "</body></tmx>\n";
    glossa_error_init(&err);
    t0 = clock();
    rc = read_tmx(laughs, 1 << 20, NULL, &got, &err);
    is_int(rc, GLOSSA_EFORMAT, "billion laughs: refused");
    ok((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0, "billion laughs: fails fast");
    ok(err.message && strstr(err.message, "entit"), "billion laughs: the message says entity");
    is_int(got.len, 0, "billion laughs: no unit given");
    printf("# %s:%zu: %s\n", err.path ? err.path : "", err.line, err.message ? err.message : "");
    glossa_error_release(&err);
    glossa_error_init(&err);
    rc = read_tmx(external, 1 << 20, NULL, &got, &err);
    is_int(rc, GLOSSA_EFORMAT, "external entity: refused");
    ok(!strstr(got.buf ? got.buf : "", "root:"), "external entity: not read");
    glossa_error_release(&err);
    glossa_error_init(&err);
    rc = read_tmx("<tmx>\n<body>\n<tu><tuv xml:lang=\"en\"><seg>a</tuv></tu></body></tmx>", 1 << 20,
                  NULL, &got, &err);
    is_int(rc, GLOSSA_EFORMAT, "not well-formed: refused");
    is_int(err.line, 3, "not well-formed: the line");
    ok(err.message && strstr(err.message, "not well-formed"), "not well-formed: said");
    glossa_error_release(&err);
    glossa_error_init(&err);
    rc = read_tmx("<xliff/>", 1 << 20, NULL, &got, &err);
    is_int(rc, GLOSSA_EFORMAT, "another XML: refused");
    ok(err.message && strstr(err.message, "not a TMX file"), "another XML: said");
    glossa_error_release(&err);
    glossa_error_init(&err);
    rc = read_tmx("", 1 << 20, NULL, &got, &err);
    is_int(rc, GLOSSA_EFORMAT, "empty input: refused");
    glossa_error_release(&err);
    strbuf_release(&got);
}

static int stop_at_second(const struct glossa_tm_unit *u, void *ctx)
{
    (void)ctx;
    return u->index == 1 ? 42 : 0;
}

static void test_callback_stop(void)
{
    struct membuf s = {sample, strlen(sample), 0, 1 << 20};
    is_int(glossa_tmx_read("t.tmx", membuf_read, &s, stop_at_second, NULL, NULL), 42,
           "a callback's non-zero return stops reading and is returned");
}

static void test_versions(void)
{
    struct glossa_tm_versions *tv = glossa_tm_versions_new("t.tmx");
    struct membuf s = {sample, strlen(sample), 0, 7};
    struct glossa_text *t = NULL;
    const char *body;
    size_t len, line, col;
    is_int(glossa_tmx_read("t.tmx", membuf_read, &s, glossa_tm_versions_add, tv, NULL), 0,
           "versions: collected");
    is_int(glossa_tm_versions_count(tv), 3, "versions: en, fr, ru (de and the empty es out)");
    is_str(glossa_tm_versions_lang(tv, 0), "en", "versions: en first");
    is_int(glossa_tm_versions_find(tv, "ru"), 2, "versions: ru found");
    is_int(glossa_tm_versions_text(tv, 0, &t, NULL), 0, "versions: en text");
    body = glossa_text_body(t, &len);
    is_str(body, "The CSTO & ISIL.\nNo language given", "versions: one variant per line");
    glossa_text_position(t, (size_t)(strstr(body, "No") - body), &line, &col);
    ok(line == 14 && col == 17, "versions: positions of the file in the body");
    is_int(glossa_tm_versions_unit_at(tv, 0, len - 1), 1, "versions: unit of an offset");
    is_str(glossa_tm_versions_unit_id(tv, 0), "p1", "versions: unit id");
    glossa_text_free(t);
    glossa_tm_versions_free(tv);
}

int main(void)
{
    test_sample();
    test_errors();
    test_callback_stop();
    test_versions();
    return done_testing();
}

/* xliff-test: the XLIFF reader — 1.2 and 2.x units, languages, inline codes,
 * positions in the file, chunked input of every size, hostile files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossa/xliff.h"
#include "strbuf.h"
#include "membuf.h"
#include "tap.h"

static int dump_unit(const struct glossa_tm_unit *u, void *ctx)
{
    struct strbuf *sb = ctx;
    strbuf_addf(sb, "%zu:%s@%zu", u->index, u->id, u->line);
    for (size_t i = 0; i < u->n; i++) {
        const struct glossa_tm_variant *v = &u->variants[i];
        strbuf_addf(sb, " %s=[%.*s]@%zu:%zu", v->lang, (int)v->len, v->text, v->origins[0].line,
                    v->origins[0].column);
    }
    strbuf_addch(sb, '\n');
    return 0;
}

static int read_xliff(const char *data, size_t chunk, struct strbuf *out, struct glossa_error *err)
{
    struct membuf s = {data, strlen(data), 0, chunk};
    strbuf_reset(out);
    return glossa_xliff_read("t.xlf", membuf_read, &s, dump_unit, out, err);
}

static const char v12[] =
    "<?xml version=\"1.0\"?>\n"
    "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
    " <file source-language=\"en\" target-language=\"fr-FR\" datatype=\"plaintext\" "
    "original=\"a.txt\">\n"
    "  <body>\n"
    "   <group id=\"g\">\n"
    "    <trans-unit id=\"t1\">\n"
    "     <source>The <g id=\"1\">CSTO</g><x id=\"2\"/> met.</source>\n"
    "     <seg-source><mrk mtype=\"seg\" mid=\"1\">ignored</mrk></seg-source>\n"
    "     <target>L’<g id=\"1\">OTSC</g><ph id=\"3\">{0}</ph> s’est réunie.</target>\n"
    "     <alt-trans><source>old</source><target>vieux</target></alt-trans>\n"
    "    </trans-unit>\n"
    "   </group>\n"
    "   <trans-unit id=\"t2\"><source>Untranslated</source></trans-unit>\n"
    "  </body>\n"
    " </file>\n"
    "</xliff>\n";

static const char v20[] =
    "<?xml version=\"1.0\"?>\n"
    "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en-US\" "
    "trgLang=\"ru\">\n"
    " <file id=\"f1\">\n"
    "  <unit id=\"u1\">\n"
    "   <originalData><data id=\"d1\">&lt;b&gt;</data></originalData>\n"
    "   <segment id=\"s1\"><source>The <pc id=\"1\">CSTO</pc>.</source>"
    "<target>ОДКБ<ph id=\"2\" dataRef=\"d1\"/>.</target></segment>\n"
    "   <ignorable><source> </source></ignorable>\n"
    "   <segment id=\"s2\"><source>ISIL &amp; co</source><target>ИГИЛ &amp; Ко</target>"
    "</segment>\n"
    "  </unit>\n"
    " </file>\n"
    "</xliff>\n";

static void same_in_chunks(const char *doc, const char *name)
{
    struct strbuf first = STRBUF_INIT, got = STRBUF_INIT;
    int same = 1;
    read_xliff(doc, 1 << 20, &first, NULL);
    for (size_t chunk = 1; chunk <= strlen(doc) && same; chunk++)
        if (read_xliff(doc, chunk, &got, NULL) || strcmp(got.buf, first.buf))
            same = 0;
    ok(same, name);
    strbuf_release(&first);
    strbuf_release(&got);
}

int main(void)
{
    struct strbuf got = STRBUF_INIT;
    struct glossa_error err;
    glossa_error_init(&err);
    is_int(read_xliff(v12, 1 << 20, &got, &err), 0, "1.2: read");
    is_str(got.buf,
           "0:t1@6 en=[The CSTO met.]@7:14 fr=[L’OTSC s’est réunie.]@9:14\n"
           "1:t2@13 en=[Untranslated]@13:32\n",
           "1.2: trans-units with languages of <file>, inline codes out, alt-trans ignored");
    same_in_chunks(v12, "1.2: the same in chunks of every size");
    is_int(read_xliff(v20, 1 << 20, &got, &err), 0, "2.0: read");
    is_str(got.buf,
           "0:u1@6 en=[The CSTO.]@6:29 ru=[ОДКБ.]@6:71\n"
           "1:u1@8 en=[ISIL & co]@8:29 ru=[ИГИЛ & Ко]@8:59\n",
           "2.0: one unit per segment with the unit's id, ignorable left out");
    same_in_chunks(v20, "2.0: the same in chunks of every size");
    is_int(read_xliff("<tmx/>", 1 << 20, &got, &err), GLOSSA_EFORMAT, "not XLIFF: refused");
    glossa_error_release(&err);
    glossa_error_init(&err);
    is_int(read_xliff("<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"aaaa\">\n"
                      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n<xliff><file><body><trans-unit "
                      "id=\"1\"><source>&b;</source></trans-unit></body></file></xliff>",
                      1 << 20, &got, &err),
           GLOSSA_EFORMAT, "entity reference: refused");
    ok(err.message && strstr(err.message, "&b;"), "entity reference: named");
    glossa_error_release(&err);
    strbuf_release(&got);
    return done_testing();
}

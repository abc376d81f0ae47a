/* input-format-test: telling text, DOCX, PDF, TMX and XLIFF apart by content
 * and by name, and the --input-format names. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossa/input-format.h"
#include "tap.h"

static enum glossa_input_format content(const char *s)
{
    return glossa_input_format_by_content(s, strlen(s));
}

/* s as UTF-16 (LE or BE) with a BOM, into buf; returns the length. */
static size_t utf16(const char *s, int be, char *buf)
{
    size_t n = 0;
    buf[n++] = (char)(be ? 0xFE : 0xFF);
    buf[n++] = (char)(be ? 0xFF : 0xFE);
    for (; *s; s++) {
        buf[n++] = be ? 0 : *s;
        buf[n++] = be ? *s : 0;
    }
    return n;
}

int main(void)
{
    enum glossa_input_format f;
    char buf[512];
    size_t n;

    is_int(content("PK\003\004rest"), GLOSSA_INPUT_DOCX, "zip magic is DOCX");
    is_int(content("PK and more text"), GLOSSA_INPUT_AUTO, "PK alone is not a zip");
    is_int(content("%PDF-1.7\n"), GLOSSA_INPUT_PDF, "PDF magic");
    is_int(content("junk before\n%PDF-1.4\n"), GLOSSA_INPUT_PDF, "PDF magic after junk");
    is_int(content("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/>"), GLOSSA_INPUT_TMX,
           "TMX root");
    is_int(content("\xEF\xBB\xBF<!-- exported > by a tool -->\n<!DOCTYPE tmx SYSTEM "
                   "\"tmx14.dtd\">\n<tmx version=\"1.4\">"),
           GLOSSA_INPUT_TMX, "TMX after BOM, comment with '>' and DOCTYPE");
    is_int(content("<!DOCTYPE tmx [ <!ENTITY a \"b\"> ]><tmx>"), GLOSSA_INPUT_TMX,
           "TMX after an internal subset");
    is_int(content("<?xml version=\"1.0\"?><xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "
                   "version=\"2.0\">"),
           GLOSSA_INPUT_XLIFF, "XLIFF 2 root");
    is_int(content("<x:xliff xmlns:x=\"urn:oasis:names:tc:xliff:document:1.2\">"),
           GLOSSA_INPUT_XLIFF, "prefixed XLIFF root");
    is_int(content("<html><body>tmx</body></html>"), GLOSSA_INPUT_AUTO, "other XML says nothing");
    is_int(content("<tmxx>"), GLOSSA_INPUT_AUTO, "a longer name is not tmx");
    is_int(content("Letter dated 13 September 2019"), GLOSSA_INPUT_AUTO, "text says nothing");
    is_int(content(""), GLOSSA_INPUT_AUTO, "empty says nothing");
    n = utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<tmx version=\"1.4\">", 0, buf);
    is_int(glossa_input_format_by_content(buf, n), GLOSSA_INPUT_TMX, "UTF-16LE TMX");
    n = utf16("<xliff version=\"1.2\">", 1, buf);
    is_int(glossa_input_format_by_content(buf, n), GLOSSA_INPUT_XLIFF, "UTF-16BE XLIFF");
    for (size_t k = 0; k < 24; k++)
        if (glossa_input_format_by_content("<?xml version=\"1.0\"?><tmx", k) != GLOSSA_INPUT_AUTO)
            break;
        else if (k == 23)
            ok(1, "a cut-off XML head says nothing");

    is_int(glossa_input_format_by_extension("a/b.DOCX"), GLOSSA_INPUT_DOCX, ".DOCX");
    is_int(glossa_input_format_by_extension("x.pdf"), GLOSSA_INPUT_PDF, ".pdf");
    is_int(glossa_input_format_by_extension("x.tmx"), GLOSSA_INPUT_TMX, ".tmx");
    is_int(glossa_input_format_by_extension("x.xlf"), GLOSSA_INPUT_XLIFF, ".xlf");
    is_int(glossa_input_format_by_extension("x.xliff"), GLOSSA_INPUT_XLIFF, ".xliff");
    is_int(glossa_input_format_by_extension("x.txt"), GLOSSA_INPUT_TEXT, ".txt");
    is_int(glossa_input_format_by_extension("dir.pdf/x"), GLOSSA_INPUT_AUTO,
           "a folder's extension does not count");
    is_int(glossa_input_format_by_extension(NULL), GLOSSA_INPUT_AUTO, "no name");

    is_int(glossa_input_format_detect("a.txt", "%PDF-1.4", 8), GLOSSA_INPUT_PDF,
           "content wins over the name");
    is_int(glossa_input_format_detect("a.docx", "hello", 5), GLOSSA_INPUT_DOCX,
           "the name decides when content says nothing");
    is_int(glossa_input_format_detect("a.md", "hello", 5), GLOSSA_INPUT_TEXT, "text otherwise");

    ok(glossa_input_format_parse("PDF", &f) == 0 && f == GLOSSA_INPUT_PDF, "parse PDF");
    ok(glossa_input_format_parse("xlf", &f) == 0 && f == GLOSSA_INPUT_XLIFF, "parse xlf");
    ok(glossa_input_format_parse("auto", &f) == 0 && f == GLOSSA_INPUT_AUTO, "parse auto");
    is_int(glossa_input_format_parse("odt", &f), GLOSSA_EINVAL, "odt is unknown");
    is_str(glossa_input_format_name(GLOSSA_INPUT_XLIFF), "xliff", "name of xliff");

    {
        struct glossa_error err;
        glossa_error_init(&err);
        is_int(glossa_input_format_of_file("/no/such/file.pdf", &f, &err), GLOSSA_EIO,
               "a missing file is an I/O error");
        glossa_error_release(&err);
        ok(glossa_input_format_of_file("-", &f, NULL) == 0 && f == GLOSSA_INPUT_AUTO,
           "standard input is not peeked at");
    }
    return done_testing();
}

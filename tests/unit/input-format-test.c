/* input-format-test: telling text, DOCX, PDF, TMX and XLIFF apart by content
 * and by name, and the --input-format names. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Writes data to a new temporary file named like suffix; returns its path (owned). */
static char *temp_file(const char *suffix, const char *data, size_t len)
{
    char *path = malloc(64);
    int fd;
    snprintf(path, 64, "/tmp/glossa-input-XXXXXX%s", suffix);
    fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
        if (fd >= 0)
            close(fd);
        free(path);
        return NULL;
    }
    close(fd);
    return path;
}

/* glossa_input_read_text_format on a file of len bytes gives the body of
 * glossa_text_from_bytes, and says it read text: the head read for detection
 * and the rest of the file join at every place the sizes put them. */
static void check_read(const char *what, const char *data, size_t len)
{
    struct glossa_error err;
    struct glossa_text *t = NULL, *ref = NULL;
    enum glossa_input_format f = GLOSSA_INPUT_DOCX;
    char *path = temp_file(".txt", data, len);
    int rc;
    glossa_error_init(&err);
    rc = path ? glossa_input_read_text_format(path, NULL, NULL, &f, &t, &err) : -1;
    if (rc == 0 && glossa_text_from_bytes(path, data, len, NULL, &ref, &err) == 0) {
        size_t n1, n2;
        const char *b1 = glossa_text_body(t, &n1), *b2 = glossa_text_body(ref, &n2);
        ok(f == GLOSSA_INPUT_TEXT && n1 == n2 && !memcmp(b1, b2, n1), what);
    } else {
        ok(0, what);
    }
    glossa_text_free(t);
    glossa_text_free(ref);
    glossa_error_release(&err);
    if (path)
        unlink(path);
    free(path);
}

static void test_read(void)
{
    size_t sizes[] = {0,
                      1,
                      100,
                      GLOSSA_INPUT_HEAD_SIZE - 1,
                      GLOSSA_INPUT_HEAD_SIZE,
                      GLOSSA_INPUT_HEAD_SIZE + 1,
                      65536,
                      65536 + GLOSSA_INPUT_HEAD_SIZE + 3,
                      200000};
    static const char tmx[] = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><body/></tmx>\n";
    struct glossa_error err;
    struct glossa_text *t = NULL;
    enum glossa_input_format f = GLOSSA_INPUT_AUTO;
    char *path;
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        size_t n = sizes[k];
        char *data = malloc(n + 1), what[80];
        /* lines of text with two-byte letters that the chunk edges may split */
        static const char line[] = "Le Conseil de s\xc3\xa9"
                                   "curit\xc3\xa9 (CS) a adopt\xc3\xa9.\n";
        for (size_t i = 0; i < n; i++)
            data[i] = line[i % (sizeof(line) - 1)];
        if (n && ((unsigned char)data[n - 1] & 0xC0) == 0xC0)
            data[n - 1] = 'x';
        snprintf(what, sizeof(what), "a text file of %zu bytes is read as text, whole", n);
        check_read(what, data, n);
        free(data);
    }
    glossa_error_init(&err);
    path = temp_file(".txt", tmx, sizeof(tmx) - 1);
    ok(path && glossa_input_read_text_format(path, NULL, NULL, &f, &t, &err) == GLOSSA_EFORMAT &&
           f == GLOSSA_INPUT_TMX && !t,
       "a TMX file is not read as text, and the caller is told it is TMX");
    if (path)
        unlink(path);
    free(path);
    f = GLOSSA_INPUT_AUTO;
    is_int(glossa_input_read_text_format("/no/such/file.txt", NULL, NULL, &f, &t, &err), GLOSSA_EIO,
           "a missing file is an I/O error");
    is_int(glossa_input_read_text_format("/tmp", NULL, NULL, &f, &t, &err), GLOSSA_EIO,
           "a folder is an I/O error");
    glossa_error_release(&err);
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
    test_read();
    return done_testing();
}

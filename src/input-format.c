/* input-format: telling what an input file is, and reading the ones that are a
 * running text (plain text, DOCX, PDF).
 *
 * Detection looks at content before the name, because a name is easily wrong
 * (a PDF saved as .txt) while magic bytes are not: "PK\3\4" (any zip archive
 * is taken for DOCX, and the DOCX reader says so when word/document.xml is
 * missing), "%PDF-" anywhere in the first 1024 bytes (the PDF specification
 * allows junk before it), or an XML document whose root element is <tmx> or
 * <xliff> (with or without a prefix). XML may be UTF-16 with a BOM, as TMX
 * exports often are: the head is narrowed to its ASCII bytes first. Only
 * GLOSSA_INPUT_HEAD_SIZE bytes are looked at; a root element after a longer
 * prolog is not seen, and the extension decides.
 *
 * Standard input cannot be peeked at and put back, so glossa_input_read_text
 * reads it whole and detects on the bytes in memory. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "glossa/docx.h"
#include "glossa/input-format.h"
#include "glossa/pdf.h"
#include "strbuf.h"

static const struct {
    const char *name;
    enum glossa_input_format format;
} format_names[] = {
    {"auto", GLOSSA_INPUT_AUTO},   {"text", GLOSSA_INPUT_TEXT}, {"txt", GLOSSA_INPUT_TEXT},
    {"docx", GLOSSA_INPUT_DOCX},   {"pdf", GLOSSA_INPUT_PDF},   {"tmx", GLOSSA_INPUT_TMX},
    {"xliff", GLOSSA_INPUT_XLIFF}, {"xlf", GLOSSA_INPUT_XLIFF},
};

int glossa_input_format_parse(const char *name, enum glossa_input_format *out)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (!strcasecmp(name, format_names[i].name)) {
            *out = format_names[i].format;
            return 0;
        }
    return GLOSSA_EINVAL;
}

const char *glossa_input_format_name(enum glossa_input_format format)
{
    switch (format) {
    case GLOSSA_INPUT_TEXT:
        return "text";
    case GLOSSA_INPUT_DOCX:
        return "docx";
    case GLOSSA_INPUT_PDF:
        return "pdf";
    case GLOSSA_INPUT_TMX:
        return "tmx";
    case GLOSSA_INPUT_XLIFF:
        return "xliff";
    case GLOSSA_INPUT_AUTO:
        break;
    }
    return "auto";
}

enum glossa_input_format glossa_input_format_by_extension(const char *path)
{
    static const struct {
        const char *ext;
        enum glossa_input_format format;
    } exts[] = {
        {".txt", GLOSSA_INPUT_TEXT}, {".docx", GLOSSA_INPUT_DOCX}, {".pdf", GLOSSA_INPUT_PDF},
        {".tmx", GLOSSA_INPUT_TMX},  {".xlf", GLOSSA_INPUT_XLIFF}, {".xliff", GLOSSA_INPUT_XLIFF},
    };
    const char *slash, *dot;
    if (!path)
        return GLOSSA_INPUT_AUTO;
    slash = strrchr(path, '/');
    dot = strrchr(slash ? slash : path, '.');
    if (!dot)
        return GLOSSA_INPUT_AUTO;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (!strcasecmp(dot, exts[i].ext))
            return exts[i].format;
    return GLOSSA_INPUT_AUTO;
}

/* The ASCII bytes of an XML head: UTF-16 code units below 0x80 become bytes,
 * others become '?'. Returns the narrowed length. */
static size_t narrow_head(const unsigned char *p, size_t n, char *out)
{
    size_t k = 0;
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        int be = p[0] == 0xFE;
        for (size_t i = 2; i + 1 < n; i += 2) {
            unsigned hi = be ? p[i] : p[i + 1], lo = be ? p[i + 1] : p[i];
            out[k++] = (char)(hi == 0 && lo < 0x80 ? lo : '?');
        }
        return k;
    }
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        p += 3;
        n -= 3;
    }
    memcpy(out, p, n);
    return n;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The local name of the root element of the XML in s (prolog, comments,
 * processing instructions and a DOCTYPE skipped), or NULL when s does not start
 * like XML or the root is not within it. *name_len receives its length. */
static const char *xml_root(const char *s, size_t n, size_t *name_len)
{
    size_t i = 0;
    for (;;) {
        while (i < n && is_space(s[i]))
            i++;
        if (i + 1 >= n || s[i] != '<')
            return NULL;
        if (s[i + 1] == '?' || s[i + 1] == '!') {
            const char *end;
            const char *close = s[i + 1] == '?' ? "?>" : ">";
            if (i + 3 < n && !memcmp(s + i, "<!--", 4))
                close = "-->";
            end = memmem(s + i + 2, n - i - 2, close, strlen(close));
            if (!end)
                return NULL;
            if (s[i + 1] == '!' && close[0] == '>') {
                /* a DOCTYPE may hold an internal subset in brackets */
                const char *bracket = memchr(s + i, '[', (size_t)(end - (s + i)));
                if (bracket) {
                    end = memmem(bracket, n - (size_t)(bracket - s), "]>", 2);
                    if (!end)
                        return NULL;
                    end++;
                }
            }
            i = (size_t)(end - s) + strlen(close);
            continue;
        }
        {
            size_t start = i + 1, j = start, colon = 0;
            while (j < n && !is_space(s[j]) && s[j] != '>' && s[j] != '/') {
                if (s[j] == ':')
                    colon = j + 1;
                j++;
            }
            if (j == n)
                return NULL;
            if (colon)
                start = colon;
            *name_len = j - start;
            return s + start;
        }
    }
}

enum glossa_input_format glossa_input_format_by_content(const char *head, size_t len)
{
    const unsigned char *p = (const unsigned char *)head;
    char narrowed[GLOSSA_INPUT_HEAD_SIZE];
    const char *root;
    size_t n, root_len;
    if (len > GLOSSA_INPUT_HEAD_SIZE)
        len = GLOSSA_INPUT_HEAD_SIZE;
    if (len >= 4 && p[0] == 'P' && p[1] == 'K' && p[2] == 3 && p[3] == 4)
        return GLOSSA_INPUT_DOCX;
    if (memmem(head, len < 1024 ? len : 1024, "%PDF-", 5))
        return GLOSSA_INPUT_PDF;
    n = narrow_head(p, len, narrowed);
    root = xml_root(narrowed, n, &root_len);
    if (root && root_len == 3 && !memcmp(root, "tmx", 3))
        return GLOSSA_INPUT_TMX;
    if (root && root_len == 5 && !memcmp(root, "xliff", 5))
        return GLOSSA_INPUT_XLIFF;
    return GLOSSA_INPUT_AUTO;
}

enum glossa_input_format glossa_input_format_detect(const char *path, const char *head, size_t len)
{
    enum glossa_input_format f = glossa_input_format_by_content(head, len);
    if (f == GLOSSA_INPUT_AUTO)
        f = glossa_input_format_by_extension(path);
    return f == GLOSSA_INPUT_AUTO ? GLOSSA_INPUT_TEXT : f;
}

static int io_error(struct glossa_error *err, const char *path, int e)
{
    int rc = glossa_error_set(err, GLOSSA_EIO, path, 0, 0, "%s", strerror(e));
    if (err)
        err->sys_errno = e;
    return rc;
}

/* Opens path and reads its first GLOSSA_INPUT_HEAD_SIZE bytes (fewer at the
 * end of the file) into head; returns the descriptor, or -1 with err filled.
 * *eof (may be NULL) says whether the end of the file was met. */
static int open_head(const char *path, char *head, size_t *n, int *eof, struct glossa_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    *n = 0;
    if (eof)
        *eof = 0;
    if (fd < 0) {
        io_error(err, path, errno);
        return -1;
    }
    while (*n < GLOSSA_INPUT_HEAD_SIZE) {
        ssize_t k = read(fd, head + *n, GLOSSA_INPUT_HEAD_SIZE - *n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int e = errno;
            close(fd);
            io_error(err, path, e);
            return -1;
        }
        if (k == 0) {
            if (eof)
                *eof = 1;
            break;
        }
        *n += (size_t)k;
    }
    return fd;
}

int glossa_input_format_of_file(const char *path, enum glossa_input_format *out,
                                struct glossa_error *err)
{
    char head[GLOSSA_INPUT_HEAD_SIZE];
    size_t n;
    int fd;
    *out = GLOSSA_INPUT_AUTO;
    if (!strcmp(path, "-"))
        return 0;
    if ((fd = open_head(path, head, &n, NULL, err)) < 0)
        return GLOSSA_EIO;
    close(fd);
    *out = glossa_input_format_detect(path, head, n);
    return 0;
}

static int not_running_text(struct glossa_error *err, const char *path,
                            enum glossa_input_format format)
{
    return glossa_error_set(err, GLOSSA_EFORMAT, path, 0, 0,
                            "a %s file is not read by this command (text, docx and pdf are)",
                            format == GLOSSA_INPUT_TMX ? "TMX" : "XLIFF");
}

static int read_stdin(struct glossa_input_options io, const struct glossa_text_options *opts,
                      struct glossa_text **out, struct glossa_error *err)
{
    const char *name = "<stdin>";
    struct strbuf sb = STRBUF_INIT;
    char buf[1 << 16];
    size_t n;
    int rc;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        if (strbuf_add(&sb, buf, n) < 0) {
            strbuf_release(&sb);
            return glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
        }
    if (ferror(stdin)) {
        strbuf_release(&sb);
        return io_error(err, name, errno);
    }
    if (io.format == GLOSSA_INPUT_AUTO)
        io.format = glossa_input_format_detect(NULL, sb.buf ? sb.buf : "", sb.len);
    switch (io.format) {
    case GLOSSA_INPUT_DOCX:
        rc = glossa_docx_from_bytes(name, sb.buf ? sb.buf : "", sb.len, io.max_part_size, opts, out,
                                    err);
        break;
    case GLOSSA_INPUT_PDF:
        rc = glossa_pdf_from_bytes(name, sb.buf ? sb.buf : "", sb.len, io.pdftotext, io.pdf_timeout,
                                   opts, out, err);
        break;
    case GLOSSA_INPUT_TMX:
    case GLOSSA_INPUT_XLIFF:
        rc = not_running_text(err, name, io.format);
        break;
    default:
        rc = glossa_text_from_bytes(name, sb.buf ? sb.buf : "", sb.len, opts, out, err);
        break;
    }
    strbuf_release(&sb);
    return rc;
}

int glossa_input_read_text_format(const char *path, const struct glossa_input_options *io,
                                  const struct glossa_text_options *opts,
                                  enum glossa_input_format *format, struct glossa_text **out,
                                  struct glossa_error *err)
{
    struct glossa_input_options o = {GLOSSA_INPUT_AUTO, NULL, 0, 0};
    enum glossa_input_format ignored;
    *out = NULL;
    if (!format)
        format = &ignored;
    if (io)
        o = *io;
    *format = o.format;
    if (!strcmp(path, "-"))
        return read_stdin(o, opts, out, err);
    if (o.format == GLOSSA_INPUT_AUTO || o.format == GLOSSA_INPUT_TEXT) {
        /* one open for detection and reading: the head is fed to the text reader */
        char head[GLOSSA_INPUT_HEAD_SIZE];
        size_t n;
        int rc, eof, fd = open_head(path, head, &n, &eof, err);
        if (fd < 0)
            return GLOSSA_EIO;
        if (o.format == GLOSSA_INPUT_AUTO)
            o.format = *format = glossa_input_format_detect(path, head, n);
        if (o.format == GLOSSA_INPUT_TEXT) {
            rc = glossa_text_read_fd(eof ? -1 : fd, path, head, n, opts, out, err);
            close(fd);
            return rc;
        }
        close(fd);
    }
    switch (o.format) {
    case GLOSSA_INPUT_DOCX:
        return glossa_docx_read_file(path, o.max_part_size, opts, out, err);
    case GLOSSA_INPUT_PDF:
        return glossa_pdf_read_file(path, o.pdftotext, o.pdf_timeout, opts, out, err);
    case GLOSSA_INPUT_TMX:
    case GLOSSA_INPUT_XLIFF:
        return not_running_text(err, path, o.format);
    default:
        return glossa_text_read_file(path, opts, out, err);
    }
}

int glossa_input_read_text(const char *path, const struct glossa_input_options *io,
                           const struct glossa_text_options *opts, struct glossa_text **out,
                           struct glossa_error *err)
{
    return glossa_input_read_text_format(path, io, opts, NULL, out, err);
}

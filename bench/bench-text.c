/* bench-text: how fast documents are read (text) and split (segment).
 *
 * Builds documents of about 16 MB (`-m N` for N MB) by repeating real text:
 * the unpc-dev en, fr, ru, ar and zh files from ../shared/corpus (or
 * $SHARED_CORPUS), one sentence per line (word-processor layout), and the
 * bundled French sample fr.txt (PDF layout: every line wrapped, furniture to
 * drop). Reads each with glossa_text_from_bytes, then segments it, and prints
 * MB/s of input for both, in CPU time (the figure does not depend on what
 * else the machine is doing). Skips the corpus files with a message when the
 * corpus is absent. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glossa/lang.h"
#include "glossa/segment.h"
#include "glossa/text.h"
#include "strbuf.h"

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int read_file(const char *path, struct strbuf *sb)
{
    FILE *fp = fopen(path, "rb");
    char chunk[65536];
    size_t n;
    if (!fp)
        return -1;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        strbuf_add(sb, chunk, n);
    fclose(fp);
    return 0;
}

static void run(const char *label, const char *path, const char *lang, double mb)
{
    struct strbuf one = STRBUF_INIT, doc = STRBUF_INIT;
    struct glossa_text *text = NULL;
    struct glossa_segments *sg = NULL;
    struct glossa_error err;
    double t0, t_read, t_seg;
    if (read_file(path, &one) < 0 || one.len == 0) {
        printf("%-24s skipped: cannot read %s\n", label, path);
        strbuf_release(&one);
        return;
    }
    while ((double)doc.len < mb * 1e6)
        strbuf_add(&doc, one.buf, one.len);
    glossa_error_init(&err);
    t0 = cpu_now();
    if (glossa_text_from_bytes(label, doc.buf, doc.len, NULL, &text, &err) < 0) {
        printf("%-24s error: %s\n", label, err.message ? err.message : "?");
        goto done;
    }
    t_read = cpu_now() - t0;
    t0 = cpu_now();
    if (glossa_segment_text(text, lang, &sg, &err) < 0) {
        printf("%-24s error: %s\n", label, err.message ? err.message : "?");
        goto done;
    }
    t_seg = cpu_now() - t0;
    printf("%-24s %6.1f MB  read %7.1f MB/s  segment %7.1f MB/s  (%zu paragraphs, %zu "
           "sentences)\n",
           label, (double)doc.len / 1e6, (double)doc.len / 1e6 / t_read,
           (double)doc.len / 1e6 / t_seg, sg->nparagraphs, sg->n);
done:
    glossa_segments_free(sg);
    glossa_text_free(text);
    glossa_error_release(&err);
    strbuf_release(&one);
    strbuf_release(&doc);
}

int main(int argc, char **argv)
{
    static const char *const langs[] = {"en", "fr", "ru", "ar", "zh"};
    const char *env = getenv("SHARED_CORPUS");
    const char *dir = env && *env ? env : GLOSSA_SRCDIR "/../shared/corpus";
    char path[4096], label[64];
    double mb = 16;
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "-m"))
            mb = atof(argv[++i]);
    printf("text and segment speed, CPU time, one thread\n");
    snprintf(path, sizeof(path), "%s/tests/data/S-2019-742/fr.txt", GLOSSA_SRCDIR);
    run("sample fr.txt (PDF)", path, "fr", mb);
    for (size_t k = 0; k < sizeof(langs) / sizeof(langs[0]); k++) {
        snprintf(path, sizeof(path), "%s/unpc-dev/%s.txt", dir, langs[k]);
        snprintf(label, sizeof(label), "unpc-dev %s.txt", langs[k]);
        run(label, path, langs[k], mb);
    }
    glossa_lang_cleanup();
    return 0;
}

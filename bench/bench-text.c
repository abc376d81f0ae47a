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
#include "benchlib.h"
#include "glossa/lang.h"
#include "glossa/segment.h"
#include "glossa/text.h"
#include "strbuf.h"

static void run(const char *label, const char *path, const char *lang, double mb)
{
    struct strbuf doc = STRBUF_INIT;
    size_t len = 0;
    char *one = bench_read_file(path, &len);
    struct glossa_text *text = NULL;
    struct glossa_segments *sg = NULL;
    struct glossa_error err;
    double t0, t_read, t_seg;
    if (!one || len == 0) {
        printf("%-24s skipped: cannot read %s\n", label, path);
        free(one);
        return;
    }
    while ((double)doc.len < mb * 1e6)
        strbuf_add(&doc, one, len);
    glossa_error_init(&err);
    t0 = bench_cpu_seconds();
    if (glossa_text_from_bytes(label, doc.buf, doc.len, NULL, &text, &err) < 0) {
        printf("%-24s error: %s\n", label, err.message ? err.message : "?");
        goto done;
    }
    t_read = bench_cpu_seconds() - t0;
    t0 = bench_cpu_seconds();
    if (glossa_segment_text(text, lang, &sg, &err) < 0) {
        printf("%-24s error: %s\n", label, err.message ? err.message : "?");
        goto done;
    }
    t_seg = bench_cpu_seconds() - t0;
    printf("%-24s %6.1f MB  read %7.1f MB/s  segment %7.1f MB/s  (%zu paragraphs, %zu "
           "sentences)\n",
           label, (double)doc.len / 1e6, (double)doc.len / 1e6 / t_read,
           (double)doc.len / 1e6 / t_seg, sg->nparagraphs, sg->n);
done:
    glossa_segments_free(sg);
    glossa_text_free(text);
    glossa_error_release(&err);
    free(one);
    strbuf_release(&doc);
}

int main(int argc, char **argv)
{
    static const char *const langs[] = {"en", "fr", "ru", "ar", "zh"};
    const char *dir = bench_corpus_dir();
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

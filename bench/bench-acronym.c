/* bench-acronym: the acronym finder's speed on one thread.
 *
 * Assembles at least 50 MB (default; `-m N` for N MB) by repeating the
 * unpc-dev en, fr, es and ru files from ../shared/corpus (or
 * $SHARED_CORPUS), feeds it to one finder per language paragraph by
 * paragraph (each line is a paragraph), and prints MB/s and the peak
 * resident memory. The input is not held in memory: each language file is
 * read once and replayed, so the peak must not grow with the size asked for.
 * Skips with a message (exit 0) when the corpus is absent. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "benchlib.h"
#include "glossa/acronym.h"
#include "glossa/lang.h"

int main(int argc, char **argv)
{
    static const char *const langs[] = {"en", "fr", "es", "ru"};
    const char *dir = bench_corpus_dir();
    double target_mb = 50, t0, elapsed = 0;
    size_t total = 0, found = 0, defs = 0;
    char *text[4];
    size_t len[4];
    struct glossa_acronym_finder *finder[4];
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "-m"))
            target_mb = atof(argv[++i]);
    for (int k = 0; k < 4; k++) {
        char path[4096];
        const struct glossa_lang *lg;
        snprintf(path, sizeof(path), "%s/unpc-dev/%s.txt", dir, langs[k]);
        text[k] = bench_read_file(path, &len[k]);
        if (!text[k]) {
            printf("bench-acronym: skipped (%s not found)\n", path);
            return 0;
        }
        if (glossa_lang_get(langs[k], &lg, NULL) ||
            !(finder[k] = glossa_acronym_finder_new(lg, NULL)))
            return 2;
    }
    while ((double)total < target_mb * 1e6) {
        for (int k = 0; k < 4; k++) {
            const char *p = text[k], *end = text[k] + len[k];
            t0 = bench_wall_seconds();
            while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), count;
                struct glossa_acronym *a;
                if (glossa_acronym_find(finder[k], p, n, &a, &count, NULL) == 0) {
                    found += count;
                    for (size_t i = 0; i < count; i++)
                        defs += a[i].lf_start != a[i].lf_end;
                    free(a);
                }
                p += n + 1;
            }
            elapsed += bench_wall_seconds() - t0;
            total += len[k];
        }
    }
    printf("bench-acronym: %.1f MB in %.2f s on one thread: %.1f MB/s; %zu short forms "
           "(%zu definitions); peak RSS %.1f MB\n",
           (double)total / 1e6, elapsed, (double)total / 1e6 / elapsed, found, defs,
           bench_peak_rss_mib());
    for (int k = 0; k < 4; k++) {
        glossa_acronym_finder_free(finder[k]);
        free(text[k]);
    }
    glossa_lang_cleanup();
    return 0;
}

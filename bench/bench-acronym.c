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
#include <sys/resource.h>
#include <time.h>

#include "glossa/acronym.h"
#include "glossa/lang.h"
#include "strbuf.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    struct strbuf sb = STRBUF_INIT;
    char chunk[65536];
    size_t n;
    if (!fp)
        return NULL;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        strbuf_add(&sb, chunk, n);
    fclose(fp);
    *len = sb.len;
    return strbuf_detach(&sb, NULL);
}

int main(int argc, char **argv)
{
    static const char *const langs[] = {"en", "fr", "es", "ru"};
    const char *env = getenv("SHARED_CORPUS");
    const char *dir = env && *env ? env : GLOSSA_SRCDIR "/../shared/corpus";
    double target_mb = 50, t0, elapsed = 0;
    size_t total = 0, found = 0, defs = 0;
    char *text[4];
    size_t len[4];
    struct glossa_acronym_finder *finder[4];
    struct rusage ru;
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "-m"))
            target_mb = atof(argv[++i]);
    for (int k = 0; k < 4; k++) {
        char path[4096];
        const struct glossa_lang *lg;
        snprintf(path, sizeof(path), "%s/unpc-dev/%s.txt", dir, langs[k]);
        text[k] = read_file(path, &len[k]);
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
            t0 = now();
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
            elapsed += now() - t0;
            total += len[k];
        }
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("bench-acronym: %.1f MB in %.2f s on one thread: %.1f MB/s; %zu short forms "
           "(%zu definitions); peak RSS %.1f MB\n",
           (double)total / 1e6, elapsed, (double)total / 1e6 / elapsed, found, defs,
           (double)ru.ru_maxrss / 1024.0);
    for (int k = 0; k < 4; k++) {
        glossa_acronym_finder_free(finder[k]);
        free(text[k]);
    }
    glossa_lang_cleanup();
    return 0;
}

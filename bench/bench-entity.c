/* bench-entity: speed of the entity finder alone, one thread.
 *
 * Reads the unpc-dev sentences of en, fr, es and ru (or the files given as
 * LANG:FILE), and runs the finder over them line by line, again and again,
 * until at least 50 MB have gone through per language; prints MB/s per
 * language and the peak resident memory, which must not grow with the input.
 *
 *   bench-entity [--mb N] [LANG:FILE...]
 * Without files, $SHARED_CORPUS/unpc-dev (or ../shared/corpus/unpc-dev) is
 * used; when it is absent the benchmark is skipped (exit 77). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "benchlib.h"
#include "glossa/entity.h"
#include "glossa/lang.h"

static int run(const char *lang, const char *path, double mb)
{
    const struct glossa_lang *l;
    struct glossa_entity_finder *f;
    struct glossa_error err = {0};
    size_t len, done = 0, found = 0;
    char *text = bench_read_file(path, &len);
    double t0, t1;
    if (!text) {
        fprintf(stderr, "bench-entity: cannot read '%s'\n", path);
        return 2;
    }
    if (glossa_lang_get(lang, &l, &err) || !(f = glossa_entity_finder_new(l, &err))) {
        fprintf(stderr, "bench-entity: %s\n", err.message);
        free(text);
        return 2;
    }
    t0 = bench_cpu_seconds(); /* wall time depends on the neighbours */
    while (len && (double)done < mb * 1e6) {
        for (size_t i = 0; i < len;) {
            size_t e = i, n = 0;
            struct glossa_entity *ents = NULL;
            while (e < len && text[e] != '\n')
                e++;
            if (glossa_entity_find(f, text + i, e - i, NULL, 0, &ents, &n, &err)) {
                fprintf(stderr, "bench-entity: %s: %s\n", path, err.message);
                free(text);
                glossa_entity_finder_free(f);
                return 2;
            }
            found += n;
            free(ents);
            i = e + 1;
        }
        done += len;
    }
    t1 = bench_cpu_seconds();
    printf("%s: %.1f MB in %.2f s of CPU = %.1f MB/s, %zu entities\n", lang, (double)done / 1e6,
           t1 - t0, (double)done / 1e6 / (t1 - t0), found);
    glossa_entity_finder_free(f);
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    static const char *const langs[] = {"en", "fr", "es", "ru"};
    double mb = 50;
    int nfiles = 0, status = 0;
    char path[4096];

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--mb") && i + 1 < argc) {
            mb = atof(argv[++i]);
        } else if (strchr(argv[i], ':')) {
            char lang[3] = {0};
            memcpy(lang, argv[i], strchr(argv[i], ':') - argv[i] < 3 ? 2 : 0);
            nfiles++;
            status |= run(lang, strchr(argv[i], ':') + 1, mb);
        }
    }
    if (!nfiles) {
        for (int k = 0; k < 4; k++) {
            FILE *probe;
            snprintf(path, sizeof(path), "%s/unpc-dev/%s.txt", bench_corpus_dir(), langs[k]);
            if (!(probe = fopen(path, "rb"))) {
                printf("bench-entity: %s not found, skipped\n", path);
                return 77;
            }
            fclose(probe);
            status |= run(langs[k], path, mb);
        }
    }
    printf("peak resident memory: %.1f MB\n", bench_peak_rss_mib());
    glossa_lang_cleanup();
    return status;
}

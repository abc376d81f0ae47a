/* benchlib: corpus location, whole-file reading, clocks and peak memory for
 * the programs of bench/ (see benchlib.h).
 *
 * Traps: ru_maxrss is in KiB on Linux; GLOSSA_SRCDIR is the absolute source
 * folder, given by Makefile.am, so the programs run from any folder. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "benchlib.h"
#include "strbuf.h"

const char *bench_corpus_dir(void)
{
    const char *env = getenv("SHARED_CORPUS");
    return env && *env ? env : GLOSSA_SRCDIR "/../shared/corpus";
}

char *bench_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    struct strbuf sb = STRBUF_INIT;
    char chunk[65536];
    size_t n;
    int bad = 0;
    if (!fp)
        return NULL;
    while (!bad && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        bad = strbuf_add(&sb, chunk, n) != 0;
    bad |= ferror(fp) != 0;
    fclose(fp);
    if (bad) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb, len);
}

static double clock_seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double bench_wall_seconds(void)
{
    return clock_seconds(CLOCK_MONOTONIC);
}

double bench_cpu_seconds(void)
{
    return clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
}

double bench_children_cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

double bench_peak_rss_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

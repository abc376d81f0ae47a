/* benchlib: the pieces every benchmark and evaluation program needs — where
 * the shared corpus is, reading a whole file, clocks, peak memory — so that
 * each program holds only what it measures. Not part of libglossa. */
#ifndef GLOSSA_BENCHLIB_H
#define GLOSSA_BENCHLIB_H

#include <stddef.h>

/* The corpus folder (borrowed): $SHARED_CORPUS when set and not empty, else
 * ../shared/corpus beside the source tree. */
const char *bench_corpus_dir(void);

/* Returns owned: the whole file, NUL-terminated (*len, when len is not NULL,
 * receives its length without the NUL), or NULL when it cannot be read. */
char *bench_read_file(const char *path, size_t *len);

/* Seconds on a monotonic clock (wall time). */
double bench_wall_seconds(void);

/* CPU seconds of this process: on a shared machine they say more about the
 * program than wall time, which depends on the neighbours. */
double bench_cpu_seconds(void);

/* CPU seconds (user + system) of the waited-for children of this process. */
double bench_children_cpu_seconds(void);

/* Peak resident memory of this process so far, in MiB. */
double bench_peak_rss_mib(void);

#endif

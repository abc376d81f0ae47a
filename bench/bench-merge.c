/* bench-merge: times `glossa merge` on two generated glossaries of N rows each
 * (default 1,000,000) and prints wall time, CPU time and peak memory against
 * the input size. Targets (issue 5): under 5 s, peak RSS under 4x the input.
 *
 * The glossaries look like align's output in four languages: one acronym row
 * and one full-form row per concept, in canonical order; the second file
 * shares half of its concepts with the first (those rows merge: counts add
 * per source) and brings as many new ones (those rows are inserted). The
 * program runs glossa as a child and reads its rusage, so the figures are
 * those of the real command, start-up and I/O included.
 *
 * Usage: bench-merge GLOSSA [ROWS] [--check] [--keep] — with --check, exit 1
 * when a target is missed; with --keep, the generated files stay (for profiling). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchlib.h"

static long write_glossary(const char *path, long first, long concepts, const char *source,
                           double conf_shift)
{
    FILE *f = fopen(path, "w");
    long size;
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs("en,fr,es,ru,concept,type,status,confidence,count,source\n", f);
    for (long k = first; k < first + concepts; k++) {
        double conf = 0.45 + (double)((k * 7919) % 500) / 1000.0 + conf_shift;
        fprintf(f, "UNX%ld,ONUX%ld,ONUX%ld,ООНХ%ld,k%08ld,acronym,candidate,%.2f,%ld,%s\n", k, k, k,
                k, k, conf, 1 + k % 7, source);
        fprintf(f,
                "United Nations Office %ld for Testing,Bureau des Nations Unies n\xC2\xB0%ld "
                "pour les essais,Oficina %ld de las Naciones Unidas para Pruebas,Бюро %ld "
                "Организации Объединенных Наций по испытаниям,k%08ld,full-form,candidate,%.2f,"
                "%ld,%s\n",
                k, k, k, k, k, conf - 0.1, 1 + k % 3, source);
    }
    size = ftell(f);
    if (fclose(f) != 0) {
        perror(path);
        exit(2);
    }
    return size;
}

int main(int argc, char **argv)
{
    const char *glossa;
    long rows = 1000000, concepts, size_a, size_b, out_size;
    int check = 0, keep = 0, status;
    char dir[] = "/tmp/glossa-bench-merge.XXXXXX";
    char a[256], b[256], out[256];
    struct rusage ru;
    struct stat st;
    double t0, wall, cpu, peak_mb, input_mb;
    pid_t pid;

    if (argc < 2) {
        fprintf(stderr, "usage: bench-merge GLOSSA [ROWS] [--check]\n");
        return 2;
    }
    glossa = argv[1];
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--check"))
            check = 1;
        else if (!strcmp(argv[i], "--keep"))
            keep = 1;
        else
            rows = atol(argv[i]);
    }
    concepts = rows / 2;
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    snprintf(a, sizeof(a), "%s/a.csv", dir);
    snprintf(b, sizeof(b), "%s/b.csv", dir);
    snprintf(out, sizeof(out), "%s/out.csv", dir);
    size_a = write_glossary(a, 0, concepts, "2015/s/2015/146", 0);
    size_b = write_glossary(b, concepts / 2, concepts, "2015/e/cn_15/2015/10", 0.05);

    t0 = bench_wall_seconds();
    pid = fork();
    if (pid == 0) {
        execl(glossa, glossa, "merge", "-o", out, a, b, (char *)NULL);
        perror(glossa);
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 2;
    }
    wall = bench_wall_seconds() - t0;
    cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
          (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    peak_mb = (double)ru.ru_maxrss / 1024.0; /* ru_maxrss is in KiB on Linux */
    input_mb = (double)(size_a + size_b) / (1024.0 * 1024.0);
    out_size = stat(out, &st) == 0 ? (long)st.st_size : -1;
    if (keep)
        printf("bench-merge: inputs kept in %s\n", dir);
    else {
        unlink(a);
        unlink(b);
        unlink(out);
        rmdir(dir);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench-merge: glossa merge failed (status %d)\n", status);
        return 2;
    }
    printf("bench-merge: %ld + %ld rows, input %.1f MiB, output %.1f MiB\n", rows, rows, input_mb,
           (double)out_size / (1024.0 * 1024.0));
    printf("bench-merge: wall %.2f s, cpu %.2f s (target < 5 s)\n", wall, cpu);
    printf("bench-merge: peak RSS %.1f MiB = %.2f x input (target < 4 x)\n", peak_mb,
           peak_mb / input_mb);
    if (check && (cpu >= 5.0 || peak_mb >= 4 * input_mb)) {
        printf("bench-merge: target missed\n");
        return 1;
    }
    return 0;
}

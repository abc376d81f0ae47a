/* bench-check: speed of glossa check against grep -F -w -f on the same words.
 *
 * Generates, in a scratch folder, a glossary of 100,000 terms (one to four
 * pseudo-words each) and about 100 MB of text in which glossary words and
 * terms occur, then runs, one after the other in this run:
 *   grep -F -w -f words.txt text.txt            (lines with a term)
 *   glossa check --glossary=glossary.csv en:text.txt
 * and prints the wall-clock and CPU times of both and their ratio; CPU time is
 * the fairer figure on a shared machine. In-process, it also times loading the
 * glossary and building the automaton.
 *
 *   bench-check [MEGABYTES [TERMS]]       defaults: 100 and 100000 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchlib.h"
#include "glossa/check.h"
#include "glossa/glossary.h"
#include "glossa/lang.h"

static uint64_t rng = 88172645463325252ULL;

static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void timed(const char *cmd, double *wall, double *cpu)
{
    double w0 = bench_wall_seconds(), c0 = bench_children_cpu_seconds();
    int rc = system(cmd);
    *wall = bench_wall_seconds() - w0;
    *cpu = bench_children_cpu_seconds() - c0;
    if (rc == -1 || WEXITSTATUS(rc) > 1)
        fprintf(stderr, "bench-check: '%s' failed (%d)\n", cmd, rc);
}

int main(int argc, char **argv)
{
    static const char *const syllables[] = {"ka",  "lo",  "mi",  "ner", "tos", "ban", "il",
                                            "ru",  "sen", "dor", "pa",  "vik", "tel", "mon",
                                            "gra", "shu", "ent", "or",  "al",  "ces"};
    static const char *const filler[] = {"the", "of",   "and",  "to",   "in",   "a",
                                         "is",  "that", "for",  "on",   "with", "as",
                                         "by",  "at",   "from", "this", "be",   "which"};
    size_t megabytes = argc > 1 ? (size_t)atol(argv[1]) : 100;
    size_t nterms = argc > 2 ? (size_t)atol(argv[2]) : 100000, nvocab = nterms * 6 / 10;
    char dir[] = "/tmp/glossa-bench-check-XXXXXX", path[4200], cmd[9000];
    char **vocab = malloc(nvocab * sizeof(*vocab)), **terms = malloc(nterms * sizeof(*terms));
    FILE *g, *w, *t;
    size_t written = 0;
    double grep_wall, grep_cpu, check_wall, check_cpu, load, load_cpu, phase_cpu[3];

    if (!mkdtemp(dir)) {
        perror("bench-check: mkdtemp");
        return 2;
    }
    for (size_t i = 0; i < nvocab; i++) {
        char b[64] = "";
        int n = 2 + (int)(next_random() % 3);
        for (int k = 0; k < n; k++)
            strcat(b, syllables[next_random() % 20]);
        vocab[i] = strdup(b);
    }
    snprintf(path, sizeof(path), "%s/glossary.csv", dir);
    g = fopen(path, "w");
    snprintf(path, sizeof(path), "%s/words.txt", dir);
    w = fopen(path, "w");
    fputs("type,status,en\n", g);
    for (size_t i = 0; i < nterms; i++) {
        char b[256];
        int n = 1 + (int)(next_random() % 4);
        snprintf(b, sizeof(b), "%s %zu", vocab[next_random() % nvocab], i);
        /* the number makes every term distinct; it is a word of the term */
        for (int k = 1; k < n; k++) {
            strcat(b, " ");
            strcat(b, vocab[next_random() % nvocab]);
        }
        terms[i] = strdup(b);
        fprintf(g, "term,approved,%s\n", b);
        fprintf(w, "%s\n", b);
    }
    fclose(g);
    fclose(w);
    snprintf(path, sizeof(path), "%s/text.txt", dir);
    t = fopen(path, "w");
    while (written < megabytes * 1000000) {
        char line[8192];
        size_t l = 0;
        for (int k = 0; k < 80; k++) {
            uint32_t r = next_random() % 100;
            const char *word = r < 5    ? terms[next_random() % nterms]
                               : r < 50 ? vocab[next_random() % nvocab]
                                        : filler[next_random() % 18];
            l += (size_t)snprintf(line + l, sizeof(line) - l, "%s%s", k ? " " : "", word);
        }
        l += (size_t)snprintf(line + l, sizeof(line) - l, ".\n");
        fwrite(line, 1, l, t);
        written += l;
    }
    fclose(t);

    /* loading the glossary and building the automaton, in process */
    {
        struct glossa_glossary *gl = NULL;
        struct glossa_checker *ck = glossa_checker_new();
        double t0 = bench_wall_seconds(), c0 = bench_cpu_seconds();
        snprintf(path, sizeof(path), "%s/glossary.csv", dir);
        if (glossa_glossary_read_file(path, NULL, &gl, NULL))
            fprintf(stderr, "bench-check: cannot read the glossary\n");
        phase_cpu[0] = bench_cpu_seconds() - c0;
        if (glossa_checker_add_glossary(ck, gl, NULL))
            fprintf(stderr, "bench-check: cannot take the glossary\n");
        phase_cpu[1] = bench_cpu_seconds() - c0 - phase_cpu[0];
        if (glossa_checker_prepare(ck, "en", NULL))
            fprintf(stderr, "bench-check: cannot build the automaton\n");
        load = bench_wall_seconds() - t0;
        load_cpu = bench_cpu_seconds() - c0;
        phase_cpu[2] = load_cpu - phase_cpu[0] - phase_cpu[1];
        glossa_checker_free(ck);
        glossa_glossary_free(gl);
    }
    snprintf(cmd, sizeof(cmd), "grep -F -w -f %s/words.txt %s/text.txt > %s/grep.out", dir, dir,
             dir);
    timed(cmd, &grep_wall, &grep_cpu);
    snprintf(cmd, sizeof(cmd),
             "%s/glossa check --glossary=%s/glossary.csv --format=json en:%s/text.txt > "
             "%s/check.out",
             GLOSSA_BUILDDIR, dir, dir, dir);
    timed(cmd, &check_wall, &check_cpu);

    printf("glossa check speed: %zu-term glossary, %.1f MB of text\n", nterms,
           (double)written / 1e6);
    printf("  load glossary + build automaton: %.3f s wall, %.3f s CPU (target < 1 s)\n", load,
           load_cpu);
    printf("    CPU: read %.3f s, take the rows %.3f s, automaton %.3f s\n", phase_cpu[0],
           phase_cpu[1], phase_cpu[2]);
    printf("  grep -F -w -f : %7.2f s wall, %7.2f s CPU\n", grep_wall, grep_cpu);
    printf("  glossa check  : %7.2f s wall, %7.2f s CPU\n", check_wall, check_cpu);
    printf("  ratio check/grep: %.2f wall, %.2f CPU (target <= 3)\n", check_wall / grep_wall,
           check_cpu / grep_cpu);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench-check: could not remove %s\n", dir);
    for (size_t i = 0; i < nvocab; i++)
        free(vocab[i]);
    for (size_t i = 0; i < nterms; i++)
        free(terms[i]);
    free(vocab);
    free(terms);
    glossa_lang_cleanup();
    return 0;
}

/* bench-tmx: memory and speed of the streaming TMX reader, and of glossa
 * align and glossa check, on a large TMX.
 *
 * Usage: bench-tmx [MB [GLOSSA|-]] (default 500; "-" writes the TMX to
 * standard output, to look at). The TMX is generated at run
 * time, unit by unit, so no file of that size is ever written: first it is
 * handed to glossa_tmx_read through its read callback (the reader's own
 * memory); then, when GLOSSA names the program, it is piped into
 * `glossa align --input-format=tmx -` and `glossa check --input-format=tmx
 * --glossary=G -` (G: the CSTO and SCO rows in four languages, written to a
 * temporary file), whose peak RSS and CPU time come from wait4. Each unit has
 * four languages, inline codes and entities; one unit in 1000 defines the
 * acronyms, another one misspells the French one (a finding for check). Prints units, bytes, times
 * (CPU: user + system) and peak resident set sizes; exits 1 when a peak is
 * 100 MiB or more. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/benchlib.h"
#include "glossa/tmx.h"

struct generator {
    size_t target, produced, unit;
    char pending[4096];
    size_t plen, ppos;
    int state; /* 0 header, 1 units, 2 footer, 3 done */
};

static void refill(struct generator *g)
{
    g->ppos = 0;
    if (g->state == 0) {
        g->plen =
            (size_t)snprintf(g->pending, sizeof g->pending,
                             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx "
                             "version=\"1.4\">\n<header srclang=\"en\" datatype=\"plaintext\" "
                             "segtype=\"sentence\" o-tmf=\"bench\" adminlang=\"en\" "
                             "creationtool=\"bench-tmx\" creationtoolversion=\"1\"/>\n<body>\n");
        g->state = 1;
    } else if (g->state == 1 && g->produced < g->target) {
        size_t u = g->unit++;
        int define = u % 1000 == 0, wrong = u % 1000 == 7;
        g->plen = (size_t)snprintf(
            g->pending, sizeof g->pending,
            "<tu tuid=\"u%zu\">\n"
            "<tuv xml:lang=\"en-US\"><seg>%zu. The <bpt i=\"1\">&lt;b&gt;</bpt>%s<ept "
            "i=\"1\">&lt;/b&gt;</ept> &amp; the Shanghai Cooperation Organization met on %zu "
            "May.</seg></tuv>\n"
            "<tuv xml:lang=\"fr-FR\"><seg>%zu. L’<hi>%s</hi> et l’Organisation de Shanghai pour "
            "la coopération se sont réunies le %zu mai.</seg></tuv>\n"
            "<tuv xml:lang=\"es-ES\"><seg>%zu. La %s y la Organización de Cooperación de "
            "Shanghái se reunieron el %zu de mayo.<ph x=\"1\"/></seg></tuv>\n"
            "<tuv xml:lang=\"ru-RU\"><seg>%zu. %s и Шанхайская организация сотрудничества "
            "встретились %zu мая.</seg></tuv>\n"
            "</tu>\n",
            u, u, define ? "Collective Security Treaty Organization (CSTO)" : "CSTO", u % 31 + 1, u,
            define  ? "Organisation du Traité de sécurité collective (OTSC)"
            : wrong ? "TSC"
                    : "OTSC",
            u % 31 + 1, u,
            define ? "Organización del Tratado de Seguridad Colectiva (OTSC)" : "OTSC", u % 31 + 1,
            u, define ? "Организация Договора о коллективной безопасности (ОДКБ)" : "ОДКБ",
            u % 31 + 1);
    } else if (g->state == 1) {
        g->plen = (size_t)snprintf(g->pending, sizeof g->pending, "</body>\n</tmx>\n");
        g->state = 2;
    } else {
        g->plen = 0;
        g->state = 3;
    }
}

static long generate(void *ctx, char *buf, size_t len)
{
    struct generator *g = ctx;
    size_t n = 0;
    while (n < len) {
        size_t k;
        if (g->ppos == g->plen) {
            refill(g);
            if (!g->plen)
                break;
        }
        k = g->plen - g->ppos;
        if (k > len - n)
            k = len - n;
        memcpy(buf + n, g->pending + g->ppos, k);
        g->ppos += k;
        n += k;
        g->produced += k;
    }
    return (long)n;
}

struct tally {
    size_t units, variants, text_bytes;
};

static int count(const struct glossa_tm_unit *u, void *ctx)
{
    struct tally *t = ctx;
    t->units++;
    t->variants += u->n;
    for (size_t i = 0; i < u->n; i++)
        t->text_bytes += u->variants[i].len;
    return 0;
}

static const char glossary[] =
    "en,fr,es,ru,concept,type,status\n"
    "CSTO,OTSC,OTSC,ОДКБ,csto,acronym,approved\n"
    "Collective Security Treaty Organization,Organisation du Traité de sécurité collective,"
    "Organización del Tratado de Seguridad Colectiva,Организация Договора о коллективной "
    "безопасности,csto,full-form,approved\n"
    "Shanghai Cooperation Organization,Organisation de Shanghai pour la coopération,"
    "Organización de Cooperación de Shanghái,Шанхайская организация сотрудничества,sco,term,"
    "approved\n";

/* Runs argv with the generated TMX (mb MiB) on its standard input, counting
 * the lines of its standard output; prints CPU time and peak RSS. Returns the
 * peak in MiB, or -1 when the program could not run or failed (exit 2). */
static double run_glossa(char *const argv[], size_t mb, const char *what)
{
    struct generator g;
    int in[2], out[2], in_open = 1, out_open = 1, status;
    pid_t pid;
    char buf[65536], drain[65536];
    size_t lines = 0, blen = 0, bpos = 0;
    struct rusage ru;
    double cpu, t0 = bench_wall_seconds();
    memset(&g, 0, sizeof g);
    g.target = mb << 20;
    if (pipe(in) || pipe(out) || (pid = fork()) < 0)
        return -1;
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    /* feed the input and drain the output together, so neither pipe blocks */
    while (in_open || out_open) {
        fd_set rd, wr;
        int maxfd = -1;
        FD_ZERO(&rd);
        FD_ZERO(&wr);
        if (out_open) {
            FD_SET(out[0], &rd);
            maxfd = out[0];
        }
        if (in_open) {
            FD_SET(in[1], &wr);
            if (in[1] > maxfd)
                maxfd = in[1];
        }
        if (select(maxfd + 1, &rd, &wr, NULL, NULL) < 0)
            break;
        if (out_open && FD_ISSET(out[0], &rd)) {
            ssize_t n = read(out[0], drain, sizeof drain);
            if (n <= 0)
                out_open = 0;
            for (ssize_t i = 0; i < n; i++)
                lines += drain[i] == '\n';
        }
        if (in_open && FD_ISSET(in[1], &wr)) {
            ssize_t n;
            if (bpos == blen) {
                blen = (size_t)generate(&g, buf, sizeof buf);
                bpos = 0;
            }
            n = blen ? write(in[1], buf + bpos, blen - bpos) : -1;
            if (n < 0) {
                close(in[1]);
                in_open = 0;
                continue;
            }
            bpos += (size_t)n;
        }
    }
    close(out[0]);
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
          (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    printf("bench-tmx: glossa %s: %.0f MB of TMX in %.1f s CPU (%.1f MB/s; %.1f s wall), peak RSS "
           "%.1f MiB (limit 100), %zu output lines, exit %d\n",
           what, (double)g.produced / (1 << 20), cpu,
           (double)g.produced / (1 << 20) / (cpu > 0 ? cpu : 1), bench_wall_seconds() - t0,
           (double)ru.ru_maxrss / 1024.0, lines, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    fflush(stdout);
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
        return -1;
    return (double)ru.ru_maxrss / 1024.0;
}

int main(int argc, char **argv)
{
    size_t mb = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 500;
    struct generator g;
    struct tally t = {0, 0, 0};
    struct glossa_error err;
    double t0, secs, rss;
    int rc;
    memset(&g, 0, sizeof g);
    g.target = mb << 20;
    if (argc > 2 && !strcmp(argv[2], "-")) { /* the TMX itself, to look at */
        char buf[65536];
        long n;
        while ((n = generate(&g, buf, sizeof buf)) > 0)
            if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
                return 2;
        return 0;
    }
    glossa_error_init(&err);
    t0 = bench_wall_seconds();
    rc = glossa_tmx_read("generated.tmx", generate, &g, count, &t, &err);
    secs = bench_wall_seconds() - t0;
    rss = bench_peak_rss_mib();
    if (rc) {
        fprintf(stderr, "bench-tmx: %s\n", err.message ? err.message : "read failed");
        glossa_error_release(&err);
        return 2;
    }
    printf("bench-tmx: %.0f MB of TMX read: %zu units, %zu variants, %.0f MB of segment text\n",
           (double)g.produced / (1 << 20), t.units, t.variants, (double)t.text_bytes / (1 << 20));
    printf("bench-tmx: %.1f s (%.1f MB/s), peak RSS %.1f MiB (limit 100)\n", secs,
           (double)g.produced / (1 << 20) / (secs > 0 ? secs : 1), rss);
    glossa_error_release(&err);
    fflush(stdout);
    if (argc > 2) {
        char gpath[] = "/tmp/bench-tmx-XXXXXX";
        char garg[64];
        int fd = mkstemp(gpath);
        double a, c;
        if (fd < 0 || write(fd, glossary, sizeof glossary - 1) != (ssize_t)(sizeof glossary - 1)) {
            fprintf(stderr, "bench-tmx: cannot write a glossary in /tmp\n");
            return 2;
        }
        close(fd);
        snprintf(garg, sizeof garg, "--glossary=%s", gpath);
        signal(SIGPIPE, SIG_IGN);
        {
            char *align_argv[] = {argv[2], "align", "--input-format=tmx", "-", NULL};
            char *check_argv[] = {argv[2], "check", "--input-format=tmx", garg, "-", NULL};
            a = run_glossa(align_argv, mb, "align");
            c = run_glossa(check_argv, mb, "check");
        }
        unlink(gpath);
        if (a < 0 || c < 0)
            return 2;
        if (a >= 100 || c >= 100)
            return 1;
    }
    return rss < 100 ? 0 : 1;
}

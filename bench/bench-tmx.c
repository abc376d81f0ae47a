/* bench-tmx: memory and speed of the streaming TMX reader on a large file.
 *
 * Usage: bench-tmx [MB] (default 500). The TMX is generated at run time, unit
 * by unit, and handed to glossa_tmx_read through its read callback, so no
 * file of that size is ever written: what is measured is the reader's own
 * memory. Each unit has four languages, inline codes and entities. Prints the
 * units and bytes read, the time, and the peak resident set size; exits 1 when
 * the peak is 100 MiB or more. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        g->plen = (size_t)snprintf(
            g->pending, sizeof g->pending,
            "<tu tuid=\"u%zu\">\n"
            "<tuv xml:lang=\"en-US\"><seg>%zu. The <bpt i=\"1\">&lt;b&gt;</bpt>Collective Security "
            "Treaty Organization<ept i=\"1\">&lt;/b&gt;</ept> (CSTO) &amp; the Shanghai "
            "Cooperation Organization met on %zu May.</seg></tuv>\n"
            "<tuv xml:lang=\"fr-FR\"><seg>%zu. L’<hi>Organisation du Traité de sécurité "
            "collective</hi> (OTSC) et l’Organisation de Shanghai pour la coopération se sont "
            "réunies le %zu mai.</seg></tuv>\n"
            "<tuv xml:lang=\"es-ES\"><seg>%zu. La Organización del Tratado de Seguridad "
            "Colectiva (OTSC) y la Organización de Cooperación de Shanghái se reunieron el %zu de "
            "mayo.<ph x=\"1\"/></seg></tuv>\n"
            "<tuv xml:lang=\"ru-RU\"><seg>%zu. Организация Договора о коллективной безопасности "
            "(ОДКБ) и Шанхайская организация сотрудничества встретились %zu мая.</seg></tuv>\n"
            "</tu>\n",
            u, u, u % 31 + 1, u, u % 31 + 1, u, u % 31 + 1, u, u % 31 + 1);
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
    return rss < 100 ? 0 : 1;
}

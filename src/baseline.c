/* baseline: fingerprints of accepted findings.
 *
 * The fingerprint is FNV-1a (64 bits) over the check name, the term and the
 * segment's match key, each followed by a NUL, so that no two fields run
 * together. The file is read whole; fingerprints are kept sorted with a use
 * count so that a fingerprint listed twice suppresses two findings. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "strbuf.h"

struct entry {
    char fp[BASELINE_FINGERPRINT_LEN + 1];
    size_t left;
};

struct baseline {
    struct entry *items;
    size_t n;
};

static uint64_t fnv(uint64_t h, const char *s)
{
    do {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    } while (*s++);
    return h;
}

void baseline_fingerprint(const struct glossa_finding *f, char out[BASELINE_FINGERPRINT_LEN + 1])
{
    uint64_t h = 1469598103934665603ULL;
    h = fnv(h, glossa_check_name(f->check));
    h = fnv(h, f->term ? f->term : "");
    h = fnv(h, f->context ? f->context : "");
    snprintf(out, BASELINE_FINGERPRINT_LEN + 1, "%016llx", (unsigned long long)h);
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->fp, ((const struct entry *)b)->fp);
}

int baseline_read(const char *path, struct baseline **out, struct glossa_error *err)
{
    FILE *f = fopen(path, "r");
    struct baseline *b;
    struct strbuf line = STRBUF_INIT;
    size_t alloc = 0, lineno = 0;
    int c, rc = 0;
    *out = NULL;
    if (!f) {
        rc = glossa_error_set(err, GLOSSA_EIO, path, 0, 0, "%s", strerror(errno));
        if (err)
            err->sys_errno = errno;
        return rc;
    }
    b = calloc(1, sizeof(*b));
    if (!b) {
        fclose(f);
        return glossa_error_set(err, GLOSSA_ENOMEM, path, 0, 0, "out of memory");
    }
    do {
        c = getc(f);
        if (c != '\n' && c != EOF) {
            strbuf_addch(&line, c);
            continue;
        }
        if (c == EOF && !line.len)
            break;
        lineno++;
        if (line.len && line.buf[line.len - 1] == '\r')
            strbuf_setlen(&line, line.len - 1);
        if (line.len && line.buf[0] != '#') {
            size_t k = 0;
            while (k < line.len && strchr("0123456789abcdef", line.buf[k]) && line.buf[k])
                k++;
            if (k != BASELINE_FINGERPRINT_LEN || (k < line.len && line.buf[k] != '\t')) {
                rc = glossa_error_set(err, GLOSSA_EFORMAT, path, lineno, 1,
                                      "not a baseline line (16 hex digits, then a tab)");
                break;
            }
            if (b->n == alloc) {
                size_t na = alloc ? alloc * 2 : 64;
                struct entry *ni = realloc(b->items, na * sizeof(*ni));
                if (!ni) {
                    rc = glossa_error_set(err, GLOSSA_ENOMEM, path, 0, 0, "out of memory");
                    break;
                }
                b->items = ni;
                alloc = na;
            }
            memcpy(b->items[b->n].fp, line.buf, BASELINE_FINGERPRINT_LEN);
            b->items[b->n].fp[BASELINE_FINGERPRINT_LEN] = 0;
            b->items[b->n].left = 1;
            b->n++;
        }
        strbuf_reset(&line);
    } while (c != EOF);
    if (!rc && ferror(f))
        rc = glossa_error_set(err, GLOSSA_EIO, path, 0, 0, "read error");
    fclose(f);
    strbuf_release(&line);
    if (rc) {
        baseline_free(b);
        return rc;
    }
    if (b->n > 1)
        qsort(b->items, b->n, sizeof(*b->items), cmp_entry);
    *out = b;
    return 0;
}

void baseline_free(struct baseline *b)
{
    if (!b)
        return;
    free(b->items);
    free(b);
}

int baseline_take(struct baseline *b, const char *fp)
{
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(b->items[mid].fp, fp) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < b->n && !strcmp(b->items[lo].fp, fp); lo++)
        if (b->items[lo].left) {
            b->items[lo].left--;
            return 1;
        }
    return 0;
}

static void field(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

void baseline_write(FILE *f, const struct glossa_findings *list, const char *const *paths,
                    char *const *fingerprints)
{
    fputs("# glossa check baseline: accepted findings, one per line\n"
          "# fingerprint<TAB>check<TAB>file<TAB>message; only the fingerprint is read\n",
          f);
    for (size_t i = 0; i < list->n; i++) {
        const struct glossa_finding *x = &list->items[i];
        fprintf(f, "%s\t%s\t", fingerprints[i], glossa_check_name(x->check));
        field(f, paths[x->version] ? paths[x->version] : "-");
        fputc('\t', f);
        field(f, x->message);
        fputc('\n', f);
    }
}

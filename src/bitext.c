/* bitext: segment alignment between two versions of a document.
 *
 * Owns the anchor tokens of each unit, the guide path and the banded dynamic
 * programme. Invariants: beads are monotone and cover every unit of both sides
 * exactly once; a_bead/b_bead agree with beads.
 *
 * Anchor tokens are digit runs (numbers, dates, symbols such as S/2019/742 give
 * 2019 and 742) and Latin words of two capitals or more (UNISFA, OSCE). They
 * are hashed (64-bit FNV-1a, kind in the seed) and kept per unit as a sorted
 * set. Digits are expected on both sides of a bead — a number on one side only
 * costs; acronyms differ between languages (CSTO/OTSC), so only shared ones
 * count. Traps: the French sample is PDF-extracted, with page headers and job
 * numbers ("19-15765* (F)") that have no counterpart — 1-0 beads absorb them;
 * a document concatenated with itself has no unique anchors, so the band
 * falls back to the diagonal and must still be wide enough for the
 * furniture. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bitext.h"

#define MAX_SPAN_TOKENS 96
#define DIGIT_BIT ((uint64_t)1 << 63)

struct unit_info {
    uint64_t *tokens; /* sorted, distinct; digit tokens have DIGIT_BIT set */
    size_t ntokens;
    double chars;
};

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_alpha(char c)
{
    return is_upper(c) || (c >= 'a' && c <= 'z');
}

static size_t digit_run(const char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && s[j] >= '0' && s[j] <= '9')
        j++;
    return j - i;
}

/* The length of a thousands separator at s[i] (space, no-break space, narrow
 * or thin space, comma, full stop), or 0. */
static size_t group_separator(const char *s, size_t len, size_t i)
{
    if (i < len && (s[i] == ' ' || s[i] == ',' || s[i] == '.'))
        return 1;
    if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0x89))
        return 3;
    return 0;
}

/* The key of the number starting at s[i], written the same whatever the
 * language's separators: "8 223", "8,223" and "8223" give "8223"; "91.37"
 * and "91,37" give "91.37"; "10.00" gives "10". Sets *end past the number; returns the key's
 * length (at most 63 bytes in key). */
static size_t number_key(const char *s, size_t len, size_t i, size_t *end, char key[64])
{
    size_t n = 0, run = digit_run(s, len, i), j;
    int decimal = 0;
    for (size_t k = 0; k < run && n < 63; k++)
        key[n++] = s[i + k];
    j = i + run;
    for (;;) {
        size_t sep = group_separator(s, len, j), next = sep ? digit_run(s, len, j + sep) : 0;
        if (!sep || !next)
            break;
        if (!decimal && run <= 3 && next == 3 && (s[j] != '.' || n + next <= 6)) {
            /* a thousands group */
        } else if (!decimal && sep == 1 && (s[j] == '.' || s[j] == ',')) {
            decimal = 1;
            if (n < 63)
                key[n++] = '.';
        } else {
            break;
        }
        for (size_t k = 0; k < next && n < 63; k++)
            key[n++] = s[j + sep + k];
        j += sep + next;
        run = next;
        if (decimal)
            break;
    }
    if (decimal) { /* "10.00" (a time, an amount) is "10" */
        size_t dot = n;
        while (dot > 0 && key[dot - 1] != '.')
            dot--;
        size_t k = dot;
        while (k < n && key[k] == '0')
            k++;
        if (dot > 0 && k == n)
            n = dot - 1;
    }
    *end = j;
    return n;
}

static int tokenize(const struct glossa_bitext_unit *u, struct unit_info *info)
{
    size_t cap = 0, n = 0, i = 0;
    uint64_t *t = NULL;
    info->chars = 0;
    for (size_t k = 0; k < u->len; k++)
        if (((unsigned char)u->text[k] & 0xC0) != 0x80)
            info->chars += 1;
    while (i < u->len) {
        char c = u->text[i];
        size_t j = i;
        uint64_t h = 0;
        if (c >= '0' && c <= '9') {
            char num[64];
            size_t nn = number_key(u->text, u->len, i, &j, num);
            h = fnv(1469598103934665603ull, num, nn) | DIGIT_BIT;
        } else if (is_alpha(c) && (i == 0 || !is_alpha(u->text[i - 1]))) {
            size_t caps = 0;
            while (j < u->len && is_alpha(u->text[j]))
                caps += is_upper(u->text[j++]);
            if (caps >= 2 && (j >= u->len || (unsigned char)u->text[j] < 0x80))
                h = fnv(7809847782465536322ull, u->text + i, j - i) & ~DIGIT_BIT;
        } else {
            j = i + 1;
        }
        if (h) {
            if (n == cap) {
                size_t ncap = cap ? cap * 2 : 8;
                uint64_t *p = realloc(t, ncap * sizeof *p);
                if (!p) {
                    free(t);
                    return GLOSSA_ENOMEM;
                }
                t = p;
                cap = ncap;
            }
            t[n++] = h;
        }
        i = j > i ? j : i + 1;
    }
    if (n > 1) {
        size_t w = 1;
        qsort(t, n, sizeof *t, cmp_u64);
        for (size_t k = 1; k < n; k++)
            if (t[k] != t[w - 1])
                t[w++] = t[k];
        n = w;
    }
    info->tokens = t;
    info->ntokens = n;
    return 0;
}

/* The sorted distinct union of the tokens of units [start, end), into buf. */
static size_t span_tokens(const struct unit_info *u, size_t start, size_t end, uint64_t *buf)
{
    size_t n = 0;
    for (size_t i = start; i < end; i++)
        for (size_t k = 0; k < u[i].ntokens && n < MAX_SPAN_TOKENS; k++)
            buf[n++] = u[i].tokens[k];
    if (end - start > 1 && n > 1) {
        size_t w = 1;
        qsort(buf, n, sizeof *buf, cmp_u64);
        for (size_t k = 1; k < n; k++)
            if (buf[k] != buf[w - 1])
                buf[w++] = buf[k];
        n = w;
    }
    return n;
}

struct side {
    const struct glossa_bitext_unit *units;
    struct unit_info *info;
    size_t n;
};

struct dp {
    struct side a, b;
    double ratio; /* chars of b per char of a */
    size_t *lo, *hi, *off;
    double *cost;
    unsigned char *move;
};

static const struct {
    unsigned char da, db;
    double prior;
} moves[] = {
    {1, 1, 0.0}, {1, 0, 4.6}, {0, 1, 4.6}, {2, 1, 2.3},
    {1, 2, 2.3}, {2, 2, 4.6}, {3, 1, 5.5}, {1, 3, 5.5},
};
#define NMOVES (sizeof moves / sizeof moves[0])

static int same_number(const char *x, const char *y)
{
    return x && y && !strcmp(x, y);
}

static double bead_cost(const struct dp *d, size_t i, size_t da, size_t j, size_t db, double prior)
{
    uint64_t ta[MAX_SPAN_TOKENS], tb[MAX_SPAN_TOKENS];
    size_t na, nb, x = 0, y = 0, shared = 0, lonely = 0;
    double la = 0, lb = 0, cost = prior, diff, delta2, mean;
    if (da == 0 || db == 0) {
        const struct side *s = da ? &d->a : &d->b;
        size_t k = da ? i - 1 : j - 1;
        if (s->info[k].chars < 3)
            cost -= 4.0; /* an empty line costs nothing to leave out */
        return cost;
    }
    for (size_t k = i - da; k < i; k++)
        la += d->a.info[k].chars;
    for (size_t k = j - db; k < j; k++)
        lb += d->b.info[k].chars;
    mean = (la + lb / d->ratio) / 2;
    diff = lb / d->ratio - la;
    delta2 = diff * diff / ((mean < 1 ? 1 : mean) * 6.8);
    cost += delta2 / 2 > 30 ? 30 : delta2 / 2;
    na = span_tokens(d->a.info, i - da, i, ta);
    nb = span_tokens(d->b.info, j - db, j, tb);
    while (x < na && y < nb) {
        if (ta[x] == tb[y]) {
            shared++;
            x++, y++;
        } else if (ta[x] < tb[y]) {
            lonely += (ta[x++] & DIGIT_BIT) != 0;
        } else {
            lonely += (tb[y++] & DIGIT_BIT) != 0;
        }
    }
    for (; x < na; x++)
        lonely += (ta[x] & DIGIT_BIT) != 0;
    for (; y < nb; y++)
        lonely += (tb[y] & DIGIT_BIT) != 0;
    cost += 1.0 * (double)lonely - 1.5 * (double)shared;
    {
        const char *pa = d->a.units[i - da].number, *pb = d->b.units[j - db].number;
        if (pa && pb)
            cost += same_number(pa, pb) ? -5.0 : 5.0;
        /* a numbered paragraph starts inside the bead: merging across it is unlikely */
        for (size_t k = i - da + 1; k < i; k++)
            cost += d->a.units[k].number ? 8.0 : 0.0;
        for (size_t k = j - db + 1; k < j; k++)
            cost += d->b.units[k].number ? 8.0 : 0.0;
    }
    return cost;
}

/* ---- the guide path: anchors that occur once on each side --------------- */

struct occ {
    uint64_t token;
    size_t unit;
};

static int cmp_occ(const void *x, const void *y)
{
    const struct occ *a = x, *b = y;
    if (a->token != b->token)
        return a->token < b->token ? -1 : 1;
    return a->unit < b->unit ? -1 : a->unit > b->unit;
}

struct point {
    size_t i, j;
};

static int cmp_point(const void *x, const void *y)
{
    const struct point *a = x, *b = y;
    if (a->i != b->i)
        return a->i < b->i ? -1 : 1;
    return a->j < b->j ? -1 : a->j > b->j;
}

static int collect_occ(const struct side *s, struct occ **out, size_t *n)
{
    size_t total = 0, k = 0;
    for (size_t i = 0; i < s->n; i++)
        total += s->info[i].ntokens + (s->units[i].number ? 1 : 0);
    *out = malloc((total ? total : 1) * sizeof **out);
    if (!*out)
        return GLOSSA_ENOMEM;
    for (size_t i = 0; i < s->n; i++) {
        for (size_t t = 0; t < s->info[i].ntokens; t++)
            (*out)[k++] = (struct occ){s->info[i].tokens[t], i};
        if (s->units[i].number)
            (*out)[k++] = (struct occ){
                fnv(3141592653589793ull, s->units[i].number, strlen(s->units[i].number)), i};
    }
    qsort(*out, k, sizeof **out, cmp_occ);
    *n = k;
    return 0;
}

/* Anchor points (i, j): tokens found exactly once on each side, reduced to the
 * longest chain increasing in both i and j. */
static int guide_points(const struct side *a, const struct side *b, struct point **out, size_t *n)
{
    struct occ *oa = NULL, *ob = NULL;
    size_t noa, nob, x = 0, y = 0, np = 0, len = 0;
    struct point *p = NULL;
    size_t *tail = NULL, *prev = NULL;
    int rc = collect_occ(a, &oa, &noa);
    if (!rc)
        rc = collect_occ(b, &ob, &nob);
    if (rc)
        goto done;
    p = malloc((noa < nob ? noa + 1 : nob + 1) * sizeof *p);
    if (!p) {
        rc = GLOSSA_ENOMEM;
        goto done;
    }
    while (x < noa && y < nob) {
        uint64_t t = oa[x].token;
        size_t xe = x, ye = y;
        if (t < ob[y].token) {
            x++;
            continue;
        }
        if (t > ob[y].token) {
            y++;
            continue;
        }
        while (xe < noa && oa[xe].token == t)
            xe++;
        while (ye < nob && ob[ye].token == t)
            ye++;
        if (xe - x == 1 && ye - y == 1)
            p[np++] = (struct point){oa[x].unit, ob[y].unit};
        x = xe;
        y = ye;
    }
    qsort(p, np, sizeof *p, cmp_point);
    /* longest chain strictly increasing in i and j (patience sorting) */
    tail = malloc((np + 1) * sizeof *tail);
    prev = malloc((np + 1) * sizeof *prev);
    if (!tail || !prev) {
        rc = GLOSSA_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < np; k++) {
        size_t lo = 0, hi = len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            const struct point *m = &p[tail[mid]];
            if (m->j < p[k].j && m->i < p[k].i)
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[k] = lo ? tail[lo - 1] : (size_t)-1;
        tail[lo] = k;
        if (lo == len)
            len++;
    }
    {
        struct point *chain = malloc((len + 1) * sizeof *chain);
        size_t k = len ? tail[len - 1] : (size_t)-1;
        if (!chain) {
            rc = GLOSSA_ENOMEM;
            goto done;
        }
        for (size_t m = len; m > 0; m--) {
            chain[m - 1] = p[k];
            k = prev[k];
        }
        *out = chain;
        *n = len;
    }
done:
    free(oa);
    free(ob);
    free(p);
    free(tail);
    free(prev);
    return rc;
}

/* The band of rows j allowed for each i: around the guide, widened by how far
 * the guide segment departs from one-to-one. */
static int make_band(struct dp *d, const struct point *pts, size_t npts)
{
    size_t na = d->a.n, nb = d->b.n, seg = 0, total = 0;
    d->lo = malloc((na + 1) * sizeof *d->lo);
    d->hi = malloc((na + 1) * sizeof *d->hi);
    d->off = malloc((na + 2) * sizeof *d->off);
    if (!d->lo || !d->hi || !d->off)
        return GLOSSA_ENOMEM;
    for (size_t i = 0; i <= na; i++) {
        struct point s = {0, 0}, e = {na, nb};
        double center, width;
        while (seg < npts && pts[seg].i < i)
            seg++;
        if (seg > 0)
            s = pts[seg - 1];
        if (seg < npts)
            e = pts[seg];
        if (e.i == s.i)
            center = (double)e.j;
        else
            center = (double)s.j + (double)(e.j - s.j) * (double)(i - s.i) / (double)(e.i - s.i);
        width = (double)(e.j - s.j) - (double)(e.i - s.i);
        width = 8 + (width < 0 ? -width : width);
        if (width > 250)
            width = 250;
        d->lo[i] = center - width < 0 ? 0 : (size_t)(center - width);
        d->hi[i] = center + width > (double)nb ? nb : (size_t)(center + width + 0.999);
        if (i > 0 && d->lo[i] < d->lo[i - 1])
            d->lo[i] = d->lo[i - 1];
    }
    for (size_t i = na; i-- > 0;)
        if (d->hi[i] > d->hi[i + 1])
            d->hi[i] = d->hi[i + 1];
    d->lo[0] = 0;
    d->hi[na] = nb;
    for (size_t i = 0; i <= na; i++) {
        if (d->hi[i] < d->lo[i])
            d->hi[i] = d->lo[i];
        d->off[i] = total;
        total += d->hi[i] - d->lo[i] + 1;
    }
    d->off[na + 1] = total;
    d->cost = malloc(total * sizeof *d->cost);
    d->move = malloc(total);
    return d->cost && d->move ? 0 : GLOSSA_ENOMEM;
}

static double *cell(const struct dp *d, size_t i, size_t j)
{
    if (j < d->lo[i] || j > d->hi[i])
        return NULL;
    return &d->cost[d->off[i] + j - d->lo[i]];
}

static void run_dp(struct dp *d)
{
    for (size_t i = 0; i <= d->a.n; i++) {
        for (size_t j = d->lo[i]; j <= d->hi[i]; j++) {
            double best = i == 0 && j == 0 ? 0 : HUGE_VAL;
            unsigned char bm = 0xFF;
            for (size_t m = 0; m < NMOVES && (i || j); m++) {
                size_t da = moves[m].da, db = moves[m].db;
                double *p, c;
                if (da > i || db > j)
                    continue;
                p = cell(d, i - da, j - db);
                if (!p || *p == HUGE_VAL)
                    continue;
                c = *p + bead_cost(d, i, da, j, db, moves[m].prior);
                if (c < best) {
                    best = c;
                    bm = (unsigned char)m;
                }
            }
            *cell(d, i, j) = best;
            d->move[d->off[i] + j - d->lo[i]] = bm;
        }
    }
}

static int backtrack(struct dp *d, struct glossa_bitext *out)
{
    size_t i = d->a.n, j = d->b.n, n = 0, cap = 16;
    struct glossa_bead *beads = malloc(cap * sizeof *beads);
    if (!beads)
        return GLOSSA_ENOMEM;
    while (i || j) {
        unsigned char m = d->move[d->off[i] + j - d->lo[i]];
        size_t da, db;
        if (m == 0xFF) { /* unreachable cell: cannot happen with the band's end points */
            da = i ? 1 : 0;
            db = j ? 1 : 0;
        } else {
            da = moves[m].da;
            db = moves[m].db;
        }
        if (n == cap) {
            struct glossa_bead *p = realloc(beads, 2 * cap * sizeof *p);
            if (!p) {
                free(beads);
                return GLOSSA_ENOMEM;
            }
            beads = p;
            cap *= 2;
        }
        beads[n++] = (struct glossa_bead){i - da, i, j - db, j};
        i -= da;
        j -= db;
    }
    for (size_t k = 0; k < n / 2; k++) {
        struct glossa_bead t = beads[k];
        beads[k] = beads[n - 1 - k];
        beads[n - 1 - k] = t;
    }
    out->beads = beads;
    out->nbeads = n;
    return 0;
}

static int has_token(const struct unit_info *u, uint64_t t)
{
    size_t lo = 0, hi = u->ntokens;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (u->tokens[mid] == t)
            return 1;
        if (u->tokens[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Counts the numbers of side a found in side b, and in the aligned beads. */
static int measure_agreement(const struct dp *d, struct glossa_bitext *out)
{
    struct occ *ob = NULL;
    size_t nob;
    int rc = collect_occ(&d->b, &ob, &nob);
    if (rc)
        return rc;
    for (size_t i = 0; i < d->a.n; i++) {
        for (size_t t = 0; t < d->a.info[i].ntokens; t++) {
            uint64_t tok = d->a.info[i].tokens[t];
            struct occ key = {tok, 0};
            size_t lo = 0, hi = nob, bead = out->a_bead[i], first, last;
            int near = 0;
            if (!(tok & DIGIT_BIT))
                continue;
            out->tokens++;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (cmp_occ(&ob[mid], &key) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo >= nob || ob[lo].token != tok)
                continue;
            out->anchors++;
            first = bead > 0 ? bead - 1 : 0;
            last = bead + 1 < out->nbeads ? bead + 1 : bead;
            for (size_t bb = first; bb <= last && !near; bb++)
                for (size_t u = out->beads[bb].b_start; u < out->beads[bb].b_end && !near; u++)
                    near = has_token(&d->b.info[u], tok);
            out->agreed += near;
        }
    }
    free(ob);
    return 0;
}

int glossa_bitext_align(const struct glossa_bitext_unit *a, size_t na,
                        const struct glossa_bitext_unit *b, size_t nb, struct glossa_bitext *out,
                        struct glossa_error *err)
{
    struct dp d;
    struct point *pts = NULL;
    size_t npts = 0;
    double ca = 0, cb = 0;
    int rc = GLOSSA_ENOMEM;
    memset(out, 0, sizeof *out);
    memset(&d, 0, sizeof d);
    d.a = (struct side){a, calloc(na + 1, sizeof(struct unit_info)), na};
    d.b = (struct side){b, calloc(nb + 1, sizeof(struct unit_info)), nb};
    out->na = na;
    out->nb = nb;
    out->a_bead = malloc((na + 1) * sizeof *out->a_bead);
    out->b_bead = malloc((nb + 1) * sizeof *out->b_bead);
    if (!d.a.info || !d.b.info || !out->a_bead || !out->b_bead)
        goto done;
    for (size_t i = 0; i < na; i++) {
        if ((rc = tokenize(&a[i], &d.a.info[i])))
            goto done;
        ca += d.a.info[i].chars;
    }
    for (size_t j = 0; j < nb; j++) {
        if ((rc = tokenize(&b[j], &d.b.info[j])))
            goto done;
        cb += d.b.info[j].chars;
    }
    d.ratio = ca > 0 && cb > 0 ? cb / ca : 1.0;
    out->length_ratio = d.ratio;
    if ((rc = guide_points(&d.a, &d.b, &pts, &npts)))
        goto done;
    if ((rc = make_band(&d, pts, npts)))
        goto done;
    run_dp(&d);
    if ((rc = backtrack(&d, out)))
        goto done;
    for (size_t k = 0; k < out->nbeads; k++) {
        for (size_t i = out->beads[k].a_start; i < out->beads[k].a_end; i++)
            out->a_bead[i] = k;
        for (size_t j = out->beads[k].b_start; j < out->beads[k].b_end; j++)
            out->b_bead[j] = k;
    }
    rc = measure_agreement(&d, out);
done:
    if (rc) {
        glossa_bitext_release(out);
        glossa_error_set(err, rc, NULL, 0, 0, "%s", glossa_strerror(rc));
    }
    for (size_t i = 0; d.a.info && i < na; i++)
        free(d.a.info[i].tokens);
    for (size_t j = 0; d.b.info && j < nb; j++)
        free(d.b.info[j].tokens);
    free(d.a.info);
    free(d.b.info);
    free(d.lo);
    free(d.hi);
    free(d.off);
    free(d.cost);
    free(d.move);
    free(pts);
    return rc;
}

int glossa_bitext_from_units(const size_t *ua, size_t na, const size_t *ub, size_t nb,
                             struct glossa_bitext *out, struct glossa_error *err)
{
    size_t i = 0, j = 0;
    memset(out, 0, sizeof *out);
    for (size_t k = 1; k < na; k++)
        if (ua[k] < ua[k - 1])
            return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0, "units out of order");
    for (size_t k = 1; k < nb; k++)
        if (ub[k] < ub[k - 1])
            return glossa_error_set(err, GLOSSA_EINVAL, NULL, 0, 0, "units out of order");
    out->beads = malloc((na + nb + 1) * sizeof *out->beads);
    out->a_bead = malloc((na + 1) * sizeof *out->a_bead);
    out->b_bead = malloc((nb + 1) * sizeof *out->b_bead);
    if (!out->beads || !out->a_bead || !out->b_bead) {
        glossa_bitext_release(out);
        return glossa_error_set(err, GLOSSA_ENOMEM, NULL, 0, 0, "out of memory");
    }
    out->na = na;
    out->nb = nb;
    while (i < na || j < nb) {
        size_t u = i < na && (j >= nb || ua[i] <= ub[j]) ? ua[i] : ub[j];
        struct glossa_bead *b = &out->beads[out->nbeads];
        b->a_start = i;
        while (i < na && ua[i] == u)
            out->a_bead[i++] = out->nbeads;
        b->a_end = i;
        b->b_start = j;
        while (j < nb && ub[j] == u)
            out->b_bead[j++] = out->nbeads;
        b->b_end = j;
        out->nbeads++;
    }
    out->tokens = out->anchors = out->agreed = out->nbeads;
    out->length_ratio = 1;
    return 0;
}

void glossa_bitext_release(struct glossa_bitext *bt)
{
    if (!bt)
        return;
    free(bt->beads);
    free(bt->a_bead);
    free(bt->b_bead);
    memset(bt, 0, sizeof *bt);
}

int glossa_bitext_consistent(const struct glossa_bitext *bt, const char **why)
{
    const char *reason = NULL;
    /* Numbers missing: from four numbers, fewer than a quarter shared; from
     * eight, fewer than 40 % (a short translation may write "last year" for
     * "2014", "2.400 millones" for "2.4 billion"). Numbers out of place only
     * from eight shared ones (in a short text a sentence split differently
     * moves them by more than one bead). */
    if (bt->tokens >= 4 &&
        (bt->anchors * 4 < bt->tokens || (bt->tokens >= 8 && bt->anchors * 10 < bt->tokens * 4)))
        reason = "most numbers of one version are missing from the other";
    else if (bt->anchors >= 8 && bt->agreed * 2 < bt->anchors)
        reason = "the numbers the versions share are not in corresponding places";
    else if (bt->na + bt->nb > 0 && (bt->length_ratio > 2.5 || bt->length_ratio < 0.4))
        reason = "their lengths are too different";
    if (why)
        *why = reason;
    return reason == NULL;
}

/* offset-map: piecewise mapping of byte offsets from a rewritten string back to
 * its source (see offset-map.h).
 *
 * Invariant: runs are sorted by out, strictly increasing; a later run with the
 * same out replaces the earlier one (an empty run is meaningless). Lookups are
 * a binary search, so a map costs O(log runs) per query and one run per copied
 * stretch in memory. */
#include "config.h"

#include <stdlib.h>

#include "glossa/error.h"
#include "offset-map.h"

void offset_map_init(struct offset_map *map)
{
    map->runs = NULL;
    map->n = map->alloc = 0;
}

void offset_map_release(struct offset_map *map)
{
    if (!map)
        return;
    free(map->runs);
    offset_map_init(map);
}

int offset_map_add(struct offset_map *map, size_t out, size_t in, int exact)
{
    if (map->n) {
        struct offset_run *last = &map->runs[map->n - 1];
        if (last->out == out) {
            last->in = in;
            last->exact = exact;
            if (map->n > 1) {
                struct offset_run *prev = last - 1;
                if (prev->exact && exact && in - prev->in == out - prev->out && in >= prev->in)
                    map->n--;
            }
            return 0;
        }
        if (last->exact && exact && in >= last->in && in - last->in == out - last->out)
            return 0;
    }
    if (map->n == map->alloc) {
        size_t nalloc = map->alloc ? map->alloc * 2 : 16;
        struct offset_run *nr = realloc(map->runs, nalloc * sizeof(*nr));
        if (!nr)
            return GLOSSA_ENOMEM;
        map->runs = nr;
        map->alloc = nalloc;
    }
    map->runs[map->n].out = out;
    map->runs[map->n].in = in;
    map->runs[map->n].exact = exact;
    map->n++;
    return 0;
}

size_t offset_map_lookup(const struct offset_map *map, size_t out)
{
    size_t lo = 0, hi = map->n;
    const struct offset_run *r;
    if (!map->n)
        return out;
    /* the last run whose out <= offset */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (map->runs[mid].out <= out)
            lo = mid;
        else
            hi = mid;
    }
    r = &map->runs[lo];
    if (out < r->out)
        return r->in;
    return r->exact ? r->in + (out - r->out) : r->in;
}

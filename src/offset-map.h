/* offset-map: where the bytes of a rewritten string came from.
 *
 * A map is a sorted list of runs. A run starts at byte `out` of the new string
 * and covers it up to the next run; an exact run maps out + k to in + k (the
 * bytes were copied), an inexact one maps every byte to `in` (inserted or
 * rewritten bytes: a joining space, a normalised character). One run per copied
 * stretch, not one per byte: a document copied whole is one run. */
#ifndef GLOSSA_OFFSET_MAP_H
#define GLOSSA_OFFSET_MAP_H

#include <stddef.h>

struct offset_run {
    size_t out, in;
    int exact;
};

struct offset_map {
    struct offset_run *runs;
    size_t n, alloc;
};

void offset_map_init(struct offset_map *map);
void offset_map_release(struct offset_map *map);

/* Starts a run at new-string offset out (>= the last run's). Runs that continue
 * an exact run are merged into it. Returns 0 or GLOSSA_ENOMEM. */
int offset_map_add(struct offset_map *map, size_t out, size_t in, int exact);

/* The source offset of new-string offset out; identity when the map is empty. */
size_t offset_map_lookup(const struct offset_map *map, size_t out);

#endif

/* hash: the one string hash of glossa (64-bit FNV-1a), for the hash tables of
 * the modules. Not for security: inputs are documents and glossaries, and the
 * tables probe linearly, so a hostile input can only make lookups slower. */
#ifndef GLOSSA_HASH_H
#define GLOSSA_HASH_H

#include <stddef.h>
#include <stdint.h>

#define GLOSSA_HASH_SEED 1469598103934665603ULL

/* Continues hash h over n bytes of s (start with GLOSSA_HASH_SEED). */
static inline uint64_t glossa_hash_more(uint64_t h, const void *s, size_t n)
{
    const unsigned char *p = s;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static inline uint64_t glossa_hash_bytes(const void *s, size_t n)
{
    return glossa_hash_more(GLOSSA_HASH_SEED, s, n);
}

#endif

/* baseline: findings a team has accepted, so that CI fails only on new ones.
 *
 * A finding's fingerprint hashes its check, its term and the match key of the
 * segment it is in — not its line — so moving a paragraph, or editing
 * elsewhere, does not revive it. A baseline file lists one accepted finding
 * per line: fingerprint, tab, check, tab, file, tab, message ('#' lines are
 * comments); only the fingerprint is read back. A fingerprint listed n times
 * suppresses n findings. */
#ifndef GLOSSA_BASELINE_H
#define GLOSSA_BASELINE_H

#include <stdio.h>

#include "glossa/check.h"
#include "glossa/error.h"

#define BASELINE_FINGERPRINT_LEN 16

/* Writes the 16 hex digits (and a NUL) of f's fingerprint to out. */
void baseline_fingerprint(const struct glossa_finding *f, char out[BASELINE_FINGERPRINT_LEN + 1]);

struct baseline;

/* Reads a baseline file. *out returned owned. Errors: GLOSSA_EIO,
 * GLOSSA_EFORMAT (a line without a fingerprint: err has its line). */
int baseline_read(const char *path, struct baseline **out, struct glossa_error *err);
void baseline_free(struct baseline *b);

/* Returns 1 (and uses up one entry) when fingerprint fp is in the baseline. */
int baseline_take(struct baseline *b, const char *fp);

/* Writes a baseline of list (borrowed) to f; paths[v] names version v. */
void baseline_write(FILE *f, const struct glossa_findings *list, const char *const *paths,
                    char *const *fingerprints);

#endif

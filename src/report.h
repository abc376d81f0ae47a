/* report: findings of glossa check written for people, editors and CI — text
 * (file:line:col: severity: check-id: message), json, GitHub workflow
 * annotations and SARIF 2.1.0. Columns count Unicode characters and start
 * at 1 in every format. */
#ifndef GLOSSA_REPORT_H
#define GLOSSA_REPORT_H

#include <stdio.h>

#include "glossa/check.h"

enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_GITHUB, REPORT_SARIF };

/* Parses "text", "json", "github", "sarif"; returns 0 or -1. */
int report_format_parse(const char *name, enum report_format *format);

/* Writes list (borrowed) to f. paths[v] names the file of version v;
 * fingerprints[i] (borrowed, may be NULL) is the fingerprint of finding i. */
void report_write(FILE *f, enum report_format format, const struct glossa_findings *list,
                  const char *const *paths, char *const *fingerprints);

#endif

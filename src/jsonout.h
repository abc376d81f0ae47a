/* jsonout: writing JSON text — the escaping every command that prints JSON
 * shares, so that no command gets it subtly wrong on its own. */
#ifndef GLOSSA_JSONOUT_H
#define GLOSSA_JSONOUT_H

#include <stddef.h>

#include "strbuf.h"

/* Appends s (n bytes, UTF-8) to sb as a JSON string literal, quotes included:
 * '"' and '\' escaped, control characters as \n, \t... or \u00XX, U+2028 and
 * U+2029 as \u2028 and \u2029 (they end lines in JavaScript), and each
 * ill-formed UTF-8 sequence as \ufffd. Returns 0 or GLOSSA_ENOMEM. */
int jsonout_string(struct strbuf *sb, const char *s, size_t n);

/* The same for a NUL-terminated string; NULL is written as null. */
int jsonout_cstring(struct strbuf *sb, const char *s);

#endif

/* jsonout: JSON string escaping (see jsonout.h).
 *
 * Output is always valid JSON in UTF-8 whatever the input bytes: characters
 * are copied as they are except those JSON or JavaScript cannot hold raw.
 * Runs of plain characters are copied in one call, not byte by byte. */
#include "config.h"

#include <string.h>

#include <unicode/utf8.h>

#include "glossa/error.h"
#include "jsonout.h"

int jsonout_string(struct strbuf *sb, const char *s, size_t n)
{
    size_t i = 0, run = 0;
    int rc = strbuf_addch(sb, '"');
    while (i < n && rc == 0) {
        unsigned char b = (unsigned char)s[i];
        const char *esc = NULL;
        char ubuf[8];
        size_t start = i;
        if (b >= 0x20 && b < 0x80 && b != '"' && b != '\\') {
            i++;
            continue;
        }
        if (b >= 0x80) {
            UChar32 c;
            U8_NEXT(s, i, n, c);
            if (c >= 0 && c != 0x2028 && c != 0x2029)
                continue;
            esc = c < 0 ? "\\ufffd" : c == 0x2028 ? "\\u2028" : "\\u2029";
        } else {
            i++;
            switch (b) {
            case '"':
                esc = "\\\"";
                break;
            case '\\':
                esc = "\\\\";
                break;
            case '\n':
                esc = "\\n";
                break;
            case '\t':
                esc = "\\t";
                break;
            case '\r':
                esc = "\\r";
                break;
            case '\b':
                esc = "\\b";
                break;
            case '\f':
                esc = "\\f";
                break;
            default:
                ubuf[0] = '\\';
                ubuf[1] = 'u';
                ubuf[2] = '0';
                ubuf[3] = '0';
                ubuf[4] = "0123456789abcdef"[b >> 4];
                ubuf[5] = "0123456789abcdef"[b & 15];
                ubuf[6] = '\0';
                esc = ubuf;
            }
        }
        rc = strbuf_add(sb, s + run, start - run);
        if (rc == 0)
            rc = strbuf_addstr(sb, esc);
        run = i;
    }
    if (rc == 0)
        rc = strbuf_add(sb, s + run, n - run);
    if (rc == 0)
        rc = strbuf_addch(sb, '"');
    return rc;
}

int jsonout_cstring(struct strbuf *sb, const char *s)
{
    if (!s)
        return strbuf_addstr(sb, "null");
    return jsonout_string(sb, s, strlen(s));
}

/* Unit tests for strbuf. */
#include "config.h"

#include <stdlib.h>

#include "strbuf.h"
#include "tap.h"

int main(void)
{
    struct strbuf sb = STRBUF_INIT;
    char *s;
    size_t n;

    is_str(sb.buf, "", "a new strbuf reads as the empty string");
    strbuf_setlen(&sb, 0);
    ok(sb.len == 0 && sb.buf[0] == '\0', "setlen on an unallocated strbuf is harmless");
    strbuf_addstr(&sb, "abc");
    strbuf_addch(&sb, 'd');
    strbuf_addf(&sb, "%d-%s", 42, "x");
    is_str(sb.buf, "abcd42-x", "add, addch and addf append");
    is_int(sb.len, 8, "len follows the content");
    for (int i = 0; i < 10000; i++)
        strbuf_addch(&sb, 'y');
    is_int(sb.len, 10008, "grows past many reallocations");
    ok(sb.buf[sb.len] == '\0', "stays NUL-terminated");
    strbuf_setlen(&sb, 2);
    is_str(sb.buf, "ab", "setlen truncates");
    strbuf_reset(&sb);
    strbuf_add_utf8(&sb, 0x41);
    strbuf_add_utf8(&sb, 0xE9);
    strbuf_add_utf8(&sb, 0x2019);
    strbuf_add_utf8(&sb, 0x1F600);
    is_str(sb.buf, "A\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80", "add_utf8 encodes 1 to 4 bytes");
    s = strbuf_detach(&sb, &n);
    is_int(n, 10, "detach reports the length");
    is_str(sb.buf, "", "detach leaves the strbuf empty");
    free(s);
    s = strbuf_detach(&sb, &n);
    ok(s && s[0] == '\0' && n == 0, "detach of an empty strbuf gives an owned empty string");
    free(s);
    strbuf_release(&sb);
    strbuf_release(&sb);
    ok(1, "release twice is safe");
    return done_testing();
}

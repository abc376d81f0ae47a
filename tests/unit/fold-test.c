/* Unit tests for fold: match keys. */
#include "config.h"

#include "fold.h"
#include "glossa/error.h"
#include "tap.h"

static const char *key(struct strbuf *sb, const char *s, unsigned flags)
{
    strbuf_reset(sb);
    if (glossa_fold_append(sb, s, strlen(s), flags))
        return NULL;
    return sb->buf;
}

int main(void)
{
    struct strbuf sb = STRBUF_INIT;
    is_str(key(&sb, "CSTO", GLOSSA_FOLD_CASE), "csto", "ASCII case folding");
    is_str(key(&sb, "ÉTAT Islamique", GLOSSA_FOLD_CASE), "état islamique",
           "non-ASCII case folding keeps accents");
    is_str(key(&sb, "ОДКБ", GLOSSA_FOLD_CASE), "одкб", "Cyrillic case folding");
    is_str(key(&sb, "E\xCC\x81tat", 0), "\xC3\x89tat", "decomposed input is composed to NFC");
    is_str(key(&sb, "l\xE2\x80\x99\xC3\x89tat", GLOSSA_FOLD_MATCH), "l'état",
           "curly apostrophe unified with the straight one");
    is_str(key(&sb, "\xC2\xAB Coop\xC3\xA9ration \xC2\xBB", GLOSSA_FOLD_TYPO),
           "\xC2\xAB Coop\xC3\xA9ration \xC2\xBB", "guillemets are kept");
    is_str(key(&sb, "<< Coop\xC3\xA9ration >>", GLOSSA_FOLD_TYPO),
           "\xC2\xAB Coop\xC3\xA9ration \xC2\xBB", "<< and >> become guillemets");
    is_str(key(&sb, "Nations\xC2\xA0Unies", GLOSSA_FOLD_TYPO), "Nations Unies",
           "no-break space unified with space");
    is_str(key(&sb, "  Nations \t\xE2\x80\xAF Unies ", GLOSSA_FOLD_TYPO), "Nations Unies",
           "white space runs collapse and trim");
    is_str(key(&sb, "Al\xE2\x80\x91Qaida", GLOSSA_FOLD_TYPO), "Al-Qaida",
           "non-breaking hyphen unified with hyphen");
    is_str(key(&sb,
               "s\xC3\xA9"
               "curit\xC3\xA9",
               GLOSSA_FOLD_ACCENTS | GLOSSA_FOLD_CASE),
           "securite", "accents removed for cognates");
    ok(key(&sb, "\xC3\x28", 0) == NULL, "invalid UTF-8 is refused");
    strbuf_release(&sb);
    return done_testing();
}

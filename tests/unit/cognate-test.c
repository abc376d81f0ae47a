/* Unit tests for cognate: Latin skeletons and similarity across scripts. */
#include "config.h"

#include <stdlib.h>

#include "cognate.h"
#include "tap.h"

static struct glossa_cognate *cog;

static const char *key(struct strbuf *sb, const char *w)
{
    strbuf_reset(sb);
    if (glossa_cognate_key(cog, w, strlen(w), sb))
        return NULL;
    return sb->buf;
}

static double sim(const char *a, const char *b)
{
    return glossa_cognate_compare(cog, a, strlen(a), b, strlen(b));
}

int main(void)
{
    struct strbuf sb = STRBUF_INIT;
    struct glossa_error err;
    glossa_error_init(&err);
    cog = glossa_cognate_new(&err);
    if (!ok(cog != NULL, "transliterator opens")) {
        printf("# %s\n", err.message ? err.message : "?");
        return done_testing();
    }
    is_str(key(&sb, "Organization"), "organisasion", "English key");
    is_str(key(&sb, "organisation"), "organisasion", "British and French spelling meet");
    is_str(key(&sb, "организация"), "organisasia", "Cyrillic is transliterated");
    is_str(key(&sb, "Sécurité"), "sekurite", "accents and case folded");
    is_str(key(&sb, "коллективной"), "kolektivnoi", "double letters single, й as i");
    is_str(key(&sb, "Al-Qaida"), "alkaida", "hyphen dropped, q as k");
    is_str(key(&sb, "2019"), "2019", "digits kept");
    is_str(key(&sb, "--"), "", "no letters, empty key");

    ok(sim("organisation", "organization") == 1.0, "organisation = organization");
    ok(sim("organization", "организация") >= 0.8, "organization ~ организация");
    ok(sim("Organización", "Organisation") >= 0.8, "Organización ~ Organisation");
    ok(sim("sécurité", "security") >= 0.7, "sécurité ~ security");
    ok(sim("collective", "коллективной") >= 0.7, "collective ~ коллективной (inflected)");
    ok(sim("terrorism", "терроризма") >= 0.8, "terrorism ~ терроризма");
    ok(sim("Nebenzia", "Небензя") >= 0.7, "a name across scripts");
    ok(sim("Shanghai", "Шанхайской") >= 0.7, "Shanghai ~ Шанхайской");
    ok(sim("Islamic", "islamique") >= 0.7, "Islamic ~ islamique");
    ok(sim("treaty", "Договора") < 0.5, "treaty is not Договора");
    ok(sim("council", "security") < 0.5, "council is not security");
    ok(sim("office", "bureau") < 0.5, "office is not bureau");
    ok(sim("UN", "UNO") == 0.0, "short keys only match when equal");
    ok(glossa_cognate_similarity("abc", "abc") == 1.0, "equal keys");
    ok(glossa_cognate_similarity("", "") == 0.0, "empty keys do not match");
    ok(sim("\xC3\x28", "a") < 0, "invalid UTF-8 is an error");

    glossa_cognate_free(cog);
    glossa_cognate_free(NULL);
    strbuf_release(&sb);
    glossa_error_release(&err);
    return done_testing();
}

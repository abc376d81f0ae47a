/* Unit tests for the term list. */
#include "config.h"

#include <string.h>

#include "glossa/extract.h"
#include "tap.h"

static void add(struct glossa_termlist *l, const char *file, const char *lang,
                enum glossa_term_type type, const char *term, const char *exp, size_t line,
                double conf)
{
    struct glossa_occurrence occ;
    memset(&occ, 0, sizeof(occ));
    occ.file = file;
    memcpy(occ.lang, lang, 3);
    occ.type = type;
    occ.term = term;
    occ.term_len = strlen(term);
    occ.expansion = exp;
    occ.expansion_len = strlen(exp);
    occ.line = line;
    occ.column = 1;
    occ.confidence = conf;
    is_int(glossa_termlist_add(l, &occ), 0, "add succeeds");
}

int main(void)
{
    struct glossa_termlist *l = glossa_termlist_new();
    const struct glossa_term *t;
    size_t n;

    add(l, "a.txt", "fr", GLOSSA_TERM_ACRONYM, "OTSC", "", 3, 0.5);
    add(l, "a.txt", "fr", GLOSSA_TERM_ACRONYM, "OTSC",
        "Organisation du Trait\xC3\xA9 de s\xC3\xA9"
        "curit\xC3\xA9 collective",
        5, 0.9);
    add(l, "a.txt", "fr", GLOSSA_TERM_ENTITY,
        "Conseil de s\xC3\xA9"
        "curit\xC3\xA9",
        "", 1, 0.8);
    add(l, "b.txt", "fr", GLOSSA_TERM_ENTITY,
        "conseil de s\xC3\xA9"
        "curit\xC3\xA9",
        "", 9, 0.7);
    add(l, "b.txt", "fr", GLOSSA_TERM_ACRONYM, "Otsc", "", 2, 0.5);
    add(l, "b.txt", "fr", GLOSSA_TERM_ENTITY,
        "l\xE2\x80\x99"
        "Eurasie",
        "", 4, 0.6);
    add(l, "b.txt", "fr", GLOSSA_TERM_ENTITY, "l'Eurasie", "", 6, 0.6);
    add(l, "b.txt", "en", GLOSSA_TERM_ACRONYM, "OTSC", "", 1, 0.5);
    add(l, "b.txt", "fr", GLOSSA_TERM_ACRONYM, "OTSC", "Organisation du traite", 8, 0.4);

    t = glossa_termlist_items(l, &n);
    is_int(n, 5, "five distinct terms");
    is_str(t[0].term, "OTSC", "first term is the first seen");
    is_int(t[0].count, 3, "definitions and uses count together");
    is_str(t[0].expansion,
           "Organisation du Trait\xC3\xA9 de s\xC3\xA9"
           "curit\xC3\xA9 collective",
           "expansion is the first definition's long form");
    is_int(t[0].nexpansions, 2, "a second, different long form is counted");
    ok(t[0].confidence > 0.89, "confidence is the highest seen");
    is_int(t[0].first_line, 3, "first position is kept");
    is_str(t[1].term,
           "Conseil de s\xC3\xA9"
           "curit\xC3\xA9",
           "entities fold case");
    is_int(t[1].count, 2, "entity counted across files");
    is_str(t[1].first_file, "a.txt", "first file is kept");
    is_str(t[2].term, "Otsc", "acronyms keep case: Otsc is another term");
    is_int(t[3].count, 2, "curly and straight apostrophes are one term");
    is_str(t[4].lang, "en", "languages are kept apart");
    glossa_termlist_free(l);
    glossa_termlist_free(NULL);
    return done_testing();
}

/* Unit tests for segment: paragraph numbers, sentences, abbreviations, symbols. */
#include "config.h"

#include <stdlib.h>

#include "glossa/lang.h"
#include "glossa/segment.h"
#include "tap.h"

static struct glossa_text *text_of(const char *s)
{
    struct glossa_text *t = NULL;
    glossa_text_from_bytes("t.txt", s, strlen(s), NULL, &t, NULL);
    return t;
}

/* The segments of s joined with " | ", paragraphs with " || ". */
static char *segments_of(const char *s, const char *lang)
{
    struct glossa_text *t = text_of(s);
    struct glossa_segments *sg = NULL;
    struct strbuf_like {
        char *buf;
        size_t len;
    } out = {calloc(1, 1), 0};
    const char *body;
    if (!t || glossa_segment_text(t, lang, &sg, NULL) < 0) {
        glossa_text_free(t);
        free(out.buf);
        return NULL;
    }
    body = glossa_text_body(t, NULL);
    for (size_t i = 0; i < sg->n; i++) {
        const char *sep = i == 0                                                 ? ""
                          : sg->items[i].paragraph != sg->items[i - 1].paragraph ? " || "
                                                                                 : " | ";
        size_t n = sg->items[i].end - sg->items[i].start;
        out.buf = realloc(out.buf, out.len + strlen(sep) + n + 1);
        memcpy(out.buf + out.len, sep, strlen(sep));
        out.len += strlen(sep);
        memcpy(out.buf + out.len, body + sg->items[i].start, n);
        out.len += n;
        out.buf[out.len] = '\0';
    }
    glossa_segments_free(sg);
    glossa_text_free(t);
    return out.buf;
}

static void check(const char *s, const char *lang, const char *want, const char *name)
{
    char *got = segments_of(s, lang);
    is_str(got, want, name);
    free(got);
}

int main(void)
{
    struct glossa_text *t;
    struct glossa_segments *sg = NULL;
    struct glossa_error err;

    check("One sentence. Another one! A third?\n", "en", "One sentence. | Another one! | A third?",
          "ICU sentence breaks");
    check("See document No. 5 of the list. Then stop.\n", "en",
          "See document No. 5 of the list. | Then stop.", "No. is an abbreviation");
    check("M. Nebenzia a pris la parole. Il a dit.\n", "fr",
          "M. Nebenzia a pris la parole. | Il a dit.", "M. is an abbreviation in French");
    check("Voir le document (cf. S/2019/742). Il est court.\n", "fr",
          "Voir le document (cf. S/2019/742). | Il est court.", "cf. inside brackets");
    check("Distr. General and more. Next.\n", "en", "Distr. General and more. | Next.",
          "Distr. does not end a sentence");
    check("Letter from J. Smith to all. Next.\n", "en", "Letter from J. Smith to all. | Next.",
          "a capital initial does not end a sentence");
    check("See A/HRC/40/L.1 and S/2019/742. Next one.\n", "en",
          "See A/HRC/40/L.1 and S/2019/742. | Next one.", "symbols stay whole");
    check("First.\nSecond paragraph.\n", "en", "First. || Second paragraph.",
          "paragraphs are lines");
    check("\xD0\xA1\xD0\xBC. \xD0\xBF. 5 \xD0\xB4\xD0\xBE\xD0\xBA\xD1\x83\xD0\xBC\xD0\xB5\xD0\xBD"
          "\xD1\x82\xD0\xB0. \xD0\x94\xD0\xB0\xD0\xBB\xD0\xB5\xD0\xB5.\n",
          "ru",
          "\xD0\xA1\xD0\xBC. \xD0\xBF. 5 \xD0\xB4\xD0\xBE\xD0\xBA\xD1\x83\xD0\xBC\xD0\xB5\xD0\xBD"
          "\xD1\x82\xD0\xB0. | \xD0\x94\xD0\xB0\xD0\xBB\xD0\xB5\xD0\xB5.",
          "Russian abbreviations (см. п.)");

    t = text_of("1. Given the facts. More.\n12. Twelve.\n(a) Item a;\n(iv) Item four;\n"
                "b) Item b.\nIV. Heading\n1.2 Sub-heading\n2019. Not a number.\nPlain text.\n");
    glossa_error_init(&err);
    is_int(glossa_segment_text(t, "en", &sg, &err), 0, "segments");
    if (sg) {
        static const char *const want[] = {"1", "12", "(a)", "(iv)", "b)", "IV", "1.2", NULL, NULL};
        is_int(sg->nparagraphs, 9, "nine paragraphs");
        for (size_t i = 0; i < 9 && i < sg->nparagraphs; i++) {
            char name[64];
            snprintf(name, sizeof(name), "paragraph %zu number", i + 1);
            is_str(sg->paragraphs[i].number, want[i], name);
        }
        is_int(sg->paragraphs[0].nsegments, 2, "paragraph 1 has two sentences");
        is_int(sg->items[0].start, 3, "the first sentence starts after the number");
        is_int(sg->paragraphs[0].text_start, 3, "text_start after the number");
        is_str(sg->lang, "en", "language recorded");
    }
    glossa_segments_free(sg);
    sg = NULL;
    is_int(glossa_segment_text(t, "xx", &sg, &err), GLOSSA_ELANG, "unknown language refused");
    ok(sg == NULL, "nothing returned on error");
    glossa_error_release(&err);
    glossa_text_free(t);

    t = text_of("");
    is_int(glossa_segment_text(t, "fr", &sg, NULL), 0, "empty text segments");
    ok(sg && sg->n == 0 && sg->nparagraphs == 0, "empty text: no segments");
    glossa_segments_free(sg);
    glossa_text_free(t);

    glossa_lang_cleanup();
    return done_testing();
}

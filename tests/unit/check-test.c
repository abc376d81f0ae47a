/* Unit tests of the checks: each check raised by a small document and kept
 * quiet by its clean twin; positions, messages, inflection and disabling. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/check.h"
#include "glossa/glossary.h"
#include "glossa/lang.h"
#include "glossa/segment.h"
#include "glossa/text.h"
#include "tap.h"

static const char glossary_csv[] =
    "concept,type,status,en,fr,ru\n"
    "csto,acronym,approved,CSTO,OTSC,ОДКБ\n"
    "csto,full-form,approved,Collective Security Treaty Organization,Organisation du Traité de "
    "sécurité collective,Организация Договора о коллективной безопасности\n"
    "isil,acronym,approved,ISIL,EIIL,ИГИЛ\n"
    "isil,acronym,forbidden,ISIS,,\n"
    "sc,entity,approved,Security Council,Conseil de sécurité,Совет Безопасности\n"
    "sg,entity,approved,Secretary-General,Secrétaire général,Генеральный секретарь\n"
    "sg,entity,approved,Secretary General,,\n"
    "old,term,deprecated,Daesh,Daech,\n";

struct doc {
    struct glossa_text *text;
    struct glossa_segments *segments;
};

static struct doc open_doc(const char *lang, const char *s)
{
    struct doc d = {NULL, NULL};
    struct glossa_text_options o = {NULL, 1, lang};
    if (glossa_text_from_bytes(lang, s, strlen(s), &o, &d.text, NULL) ||
        glossa_segment_text(d.text, lang, &d.segments, NULL))
        printf("# cannot open the %s document\n", lang);
    return d;
}

static void close_doc(struct doc *d)
{
    glossa_segments_free(d->segments);
    glossa_text_free(d->text);
}

static struct glossa_glossary *glossary;

/* Runs the checks and returns "check@line:col" joined by spaces; the messages
 * of the findings go to *messages (static). */
static const char *run(const char *lang, const char *text, const char *tlang, const char *ttext,
                       int disabled, const char **messages)
{
    static char buf[4096], msgs[8192];
    struct glossa_checker *ck = glossa_checker_new();
    struct glossa_findings out = {NULL, 0, 0};
    struct doc a = open_doc(lang, text), b = {NULL, NULL};
    buf[0] = msgs[0] = 0;
    if (glossa_checker_add_glossary(ck, glossary, NULL))
        strcat(buf, "add-failed ");
    if (disabled >= 0)
        glossa_checker_enable(ck, (enum glossa_check_id)disabled, 0);
    if (glossa_check_document(ck, a.text, a.segments, lang, 0, &out, NULL))
        strcat(buf, "failed ");
    if (tlang) {
        b = open_doc(tlang, ttext);
        if (glossa_check_document(ck, b.text, b.segments, tlang, 1, &out, NULL) ||
            glossa_check_bilingual(ck, a.text, a.segments, lang, b.text, b.segments, tlang, &out,
                                   NULL))
            strcat(buf, "failed ");
    }
    glossa_findings_sort(&out);
    for (size_t i = 0; i < out.n; i++) {
        sprintf(buf + strlen(buf), "%s%s%s@%zu:%zu", i ? " " : "", out.items[i].version ? "T:" : "",
                glossa_check_name(out.items[i].check), out.items[i].line, out.items[i].column);
        snprintf(msgs + strlen(msgs), sizeof(msgs) - strlen(msgs), "%s\n", out.items[i].message);
    }
    if (messages)
        *messages = msgs;
    glossa_findings_release(&out);
    close_doc(&a);
    close_doc(&b);
    glossa_checker_free(ck);
    return buf;
}

#define MONO(text) run("en", text, NULL, NULL, -1, NULL)

static void test_monolingual(void)
{
    const char *msg;
    is_str(MONO("The Collective Security Treaty Organization (CSTO) met. The CSTO agreed."), "",
           "a defined acronym raises nothing");
    is_str(run("en", "Fighters of ISIS.", NULL, NULL, -1, &msg), "term-forbidden@1:13",
           "forbidden form");
    ok(strstr(msg, "'ISIS' is forbidden; use 'ISIL'") != NULL, "the message names the replacement");
    is_str(run("en", "Daesh", NULL, NULL, -1, &msg), "term-forbidden@1:1", "deprecated form");
    ok(strstr(msg, "no approved replacement") != NULL, "no replacement in the glossary");
    is_str(run("en", "The CSTO met.\nThe Security Council too.", NULL, NULL, -1, &msg),
           "acronym-undefined@1:5", "undefined acronym");
    ok(strstr(msg, "'Collective Security Treaty Organization (CSTO)'") != NULL,
       "the message gives the definition to use");
    is_str(MONO("The CSTO met.\nThe Collective Security Treaty Organization (CSTO) agreed."),
           "acronym-before-definition@1:5", "use before the definition");
    is_str(MONO("The Collective Security Treaty Organization (CSTO) met.\nThe Collective "
                "Security Treaty Organization (CSTO) agreed."),
           "acronym-redefined@2:5", "the same definition twice");
    is_str(MONO("The Collective Security Treaty Organization (CSTO) met.\nThe Central Security "
                "Training Office (CSTO) agreed."),
           "acronym-multi-expansion@2:5", "two expansions of one acronym");
    is_str(run("en", "The Secretary-General and the Secretary General.", NULL, NULL, -1, &msg),
           "term-inconsistent@1:31", "two approved variants");
    ok(strstr(msg, "use 'Secretary-General' throughout") != NULL, "the first variant is expected");
    is_str(MONO("The Secretary-General and the Secretary-General."), "",
           "one variant twice is consistent");
    is_str(run("en", "Fighters of ISIS.", NULL, NULL, GLOSSA_CHECK_TERM_FORBIDDEN, NULL), "",
           "a disabled check says nothing");
    is_str(MONO("See https://www.csto.int/ISIS/ and isis@un.org."), "",
           "nothing inside URLs and e-mail addresses");
    is_str(MONO("Line one.\n\nThe ISIS."), "term-forbidden@3:5", "line and column");
}

static void test_bilingual(void)
{
    const char *msg;
    is_str(
        run("en", "The Security Council met.", "fr", "Le Conseil de sécurité a siégé.", -1, NULL),
        "", "the approved target term");
    is_str(run("en", "The Security Council met.", "fr", "Le Conseil a siégé.", -1, &msg),
           "T:term-mismatch@1:1", "a missing target term");
    ok(strstr(msg, "expected 'Conseil de sécurité'") != NULL, "the message names the term");
    is_str(run("en", "The Security Council met.", "fr", "Le Conseil a siégé.", -1, NULL),
           "T:term-mismatch@1:1", "reported in the target");
    is_str(run("en", "Cooperation with the Collective Security Treaty Organization.", "ru",
               "Сотрудничество с Организацией Договора о коллективной безопасности.", -1, NULL),
           "", "ru: an inflected form clears the mismatch");
    is_str(run("en", "Cooperation with the CSTO.", "fr",
               "Coopération avec l'Organisation du Traité de sécurité collective.", -1, NULL),
           "acronym-undefined@1:22", "the full form satisfies the acronym's concept");
    is_str(run("en", "The Security Council and the Security Council.", "fr",
               "Le Conseil de sécurité.", -1, NULL),
           "T:term-count@1:4", "a term twice in the source, once in the target");
    is_str(run("en", "Security Council.\nOther text here.", "fr",
               "Conseil de sécurité.\nAutre texte ici.", GLOSSA_CHECK_TERM_MISMATCH, NULL),
           "", "aligned paragraphs");
    is_str(run("en", "The Security Council met.\nThe Secretary-General spoke.", "fr",
               "Le Conseil de sécurité a siégé.\nLe Secrétaire a parlé.", -1, NULL),
           "T:term-mismatch@2:1", "the second segment lacks its term");
}

static void test_names(void)
{
    enum glossa_check_id id;
    enum glossa_severity s;
    ok(!glossa_check_parse("term-count", 10, &id) && id == GLOSSA_CHECK_TERM_COUNT, "parse");
    ok(glossa_check_parse("term-counts", 11, &id) == -1, "unknown check");
    is_int(glossa_check_default_severity(GLOSSA_CHECK_TERM_MISMATCH), GLOSSA_SEVERITY_ERROR,
           "term-mismatch is an error");
    is_int(glossa_check_default_severity(GLOSSA_CHECK_ACRONYM_REDEFINED), GLOSSA_SEVERITY_INFO,
           "acronym-redefined is info");
    is_int(glossa_check_default_severity(GLOSSA_CHECK_TERM_INCONSISTENT), GLOSSA_SEVERITY_WARNING,
           "term-inconsistent is a warning");
    ok(!glossa_severity_parse("warning", &s) && s == GLOSSA_SEVERITY_WARNING, "severity parse");
    ok(glossa_severity_parse("fatal", &s) == -1, "unknown severity");
}

int main(void)
{
    if (glossa_glossary_read_buffer(glossary_csv, strlen(glossary_csv), "test.csv", NULL, &glossary,
                                    NULL)) {
        printf("Bail out! cannot read the test glossary\n");
        return 1;
    }
    test_names();
    test_monolingual();
    test_bilingual();
    glossa_glossary_free(glossary);
    glossa_lang_cleanup();
    return done_testing();
}

/* entity-test: the entity finder on short sentences of each language.
 *
 * Each case gives a text and the entities expected, joined by " | " in text
 * order; the whole list must match, so an extra entity fails as surely as a
 * missing one. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/entity.h"
#include "glossa/lang.h"
#include "strbuf.h"
#include "tap.h"

static struct glossa_entity_finder *finder_for(const char *code)
{
    const struct glossa_lang *lang;
    struct glossa_error err = {0};
    if (glossa_lang_get(code, &lang, &err))
        return NULL;
    return glossa_entity_finder_new(lang, &err);
}

/* The entities of text as "a | b | c". */
static char *entities(const char *code, const char *text, struct glossa_entity **keep,
                      size_t *nkeep)
{
    struct glossa_entity_finder *f = finder_for(code);
    struct glossa_error err = {0};
    struct glossa_entity *ents = NULL;
    struct strbuf sb = STRBUF_INIT;
    size_t n = 0;
    if (!f)
        return strdup("(no finder)");
    if (glossa_entity_find(f, text, strlen(text), NULL, 0, &ents, &n, &err)) {
        glossa_entity_finder_free(f);
        return strdup("(error)");
    }
    for (size_t i = 0; i < n; i++)
        strbuf_addf(&sb, "%s%.*s", i ? " | " : "", (int)(ents[i].end - ents[i].start),
                    text + ents[i].start);
    if (keep) {
        *keep = ents;
        *nkeep = n;
    } else {
        free(ents);
    }
    glossa_entity_finder_free(f);
    return strbuf_detach(&sb, NULL);
}

static void check(const char *code, const char *text, const char *want, const char *name)
{
    char *got = entities(code, text, NULL, NULL);
    is_str(got, want, name);
    free(got);
}

static void test_english(void)
{
    check("en",
          "The Russian Federation intends to hold a debate with the United Nations Office on "
          "Drugs and Crime and the Office of Counter-Terrorism.",
          "Russian Federation | United Nations Office on Drugs and Crime | Office of "
          "Counter-Terrorism",
          "en: connectors inside names, 'and the' before a headed name splits");
    check("en",
          "the Commonwealth of Independent States and the Shanghai Cooperation Organization met.",
          "Commonwealth of Independent States | Shanghai Cooperation Organization",
          "en: two headed names around 'and the' are two names");
    check("en", "the Islamic State in Iraq and the Levant (ISIL), Al-Qaida and their affiliates",
          "Islamic State in Iraq and the Levant | Al-Qaida",
          "en: 'and the' + one word inside a complement; hyphenated name; acronym left out");
    check("en",
          "from the Permanent Representative of the Russian Federation to the United Nations "
          "addressed to the Secretary-General",
          "Permanent Representative | Russian Federation | United Nations | Secretary-General",
          "en: titles end names on both sides");
    check("en", "Introduction\nAnnex to the letter dated 13 September 2019\nGiven the situation",
          "", "en: headings, months and sentence-initial words are not names");
    check("en", "I have the honour. Afghanistan is close. The borders of Afghanistan's neighbours",
          "Afghanistan", "en: a sentence-initial capital alone is no evidence; possessive cut");
    check("en",
          "the Counter-Terrorism Committee Executive Directorate and the Economic and Social "
          "Council",
          "Counter-Terrorism Committee Executive Directorate | Economic and Social Council",
          "en: 'and' before a head keeps one name");
    check("en", "Member States of the United Nations Global Counter-Terrorism Strategy",
          "Member States | United Nations Global Counter-Terrorism Strategy",
          "en: a known term, then 'of' before a headed name it does not own");
    check("en", "in the Central Asian region and Afghan territory", "",
          "en: demonyms are not names");
    check("en", "Original: English and Russian", "", "en: after a colon, languages");
}

static void test_french(void)
{
    struct glossa_entity *ents = NULL;
    size_t n = 0;
    const char *text = "avec le Bureau de lutte contre le terrorisme, l’Office des Nations Unies "
                       "contre la drogue et le crime, la Direction exécutive du Comité contre "
                       "le terrorisme et le Centre régional des Nations Unies pour la diplomatie "
                       "préventive en Asie centrale.";
    char *got = entities("fr", text, &ents, &n);
    is_str(got,
           "Bureau de lutte contre le terrorisme | Office des Nations Unies contre la drogue et le "
           "crime | Direction exécutive du Comité contre le terrorisme | Centre régional des "
           "Nations Unies pour la diplomatie préventive en Asie centrale",
           "fr: heads license lower-case continuations up to punctuation or the next name");
    if (ok(n == 4, "fr: four names")) {
        ok(ents[0].flags & GLOSSA_ENTITY_EDGE_UNCERTAIN, "fr: the right edge is marked uncertain");
        is_int(ents[0].nedges, 3, "fr: Bureau | Bureau de lutte | ... contre le terrorisme");
        is_int(ents[0].edges[0] - ents[0].start, strlen("Bureau"), "fr: first edge after the head");
        is_int(ents[0].edges[ents[0].nedges - 1], ents[0].end, "fr: the last edge is the end");
    }
    free(ents);
    free(got);
    check("fr",
          "contribution de l ’Organisation du Traité de sécurité collective, de la Communauté "
          "d’États indépendants et de l’Organisation de Shanghai pour la coopération à la lutte",
          "Organisation du Traité de sécurité collective | Communauté d’États indépendants | "
          "Organisation de Shanghai pour la coopération",
          "fr: elisions (also with a stray space), adjectives, 'à' ends a continuation");
    check("fr", "l ’État islamique d’Iraq et du Levant (EIIL), Al-Qaida et les mouvements",
          "État islamique d’Iraq et du Levant | Al-Qaida", "fr: 'et du' + one capital");
    check("fr",
          "adressée au Secrétaire général par le Représentant permanent de la Fédération de Russie "
          "auprès de l’Organisation des Nations Unies",
          "Secrétaire général | Représentant permanent | Fédération de Russie | Organisation des "
          "Nations Unies",
          "fr: titles, then 'auprès de' is no connector");
    check("fr",
          "par les États Membres de la Stratégie antiterroriste mondiale des Nations Unies et "
          "des résolutions",
          "États Membres | Stratégie antiterroriste mondiale des Nations Unies",
          "fr: a known term; 'et des' + lower case after a capital ends the name");
    check("fr", "les États membres de l’OSC et l’Organisation et ses partenaires", "",
          "fr: 'États membres' in lower case is no name; a head alone is none");
}

static void test_spanish(void)
{
    check("es",
          "con la Oficina de Lucha contra el Terrorismo, la Oficina de las Naciones Unidas contra "
          "la Droga y el Delito, la Dirección Ejecutiva del Comité contra el Terrorismo y el "
          "Centro Regional de las Naciones Unidas para la Diplomacia Preventiva en Asia Central.",
          "Oficina de Lucha contra el Terrorismo | Oficina de las Naciones Unidas contra la Droga "
          "y el Delito | Dirección Ejecutiva del Comité contra el Terrorismo | Centro Regional de "
          "las Naciones Unidas para la Diplomacia Preventiva en Asia Central",
          "es: capitalised names with connectors");
    check("es", "en el marco de su Presidencia del Consejo de Seguridad, la Federación de Rusia",
          "Consejo de Seguridad | Federación de Rusia",
          "es: a stop word before a connector is cut");
    check("es", "con Dinamarca (2017), Estados Unidos de América* (2015)",
          "Dinamarca | Estados Unidos de América", "es: a closed bracket ends its sentence start");
}

static void test_russian(void)
{
    check("ru",
          "в рамках своего председательства в Совете Безопасности Российская Федерация планирует",
          "Совете Безопасности | Российская Федерация",
          "ru: a nominative adjective after a noun opens a new name");
    check("ru",
          "с Контртеррористическим управлением, Управлением Организации Объединенных Наций по "
          "наркотикам и преступности, Исполнительным директоратом Контртеррористического комитета "
          "и Региональным центром Организации Объединенных Наций по превентивной дипломатии для "
          "Центральной Азии.",
          "Контртеррористическим управлением | Управлением Организации Объединенных Наций по "
          "наркотикам и преступности | Исполнительным директоратом Контртеррористического комитета "
          "| Региональным центром Организации Объединенных Наций по превентивной дипломатии для "
          "Центральной Азии",
          "ru: heads in any case, lower-case words of known patterns");
    check("ru",
          "Письмо Постоянного представителя Российской Федерации при Организации Объединенных "
          "Наций на имя Генерального секретаря",
          "Постоянного представителя | Российской Федерации | Организации Объединенных Наций | "
          "Генерального секретаря",
          "ru: titles matched by stem");
    check("ru", "группировки, а именно «Исламское государство Ирака и Леванта» (ИГИЛ), «Аль-Каида»",
          "Исламское государство Ирака и Леванта | Аль-Каида",
          "ru: a short quotation holds a name");
    check("ru", "в осуществлении государствами-членами Глобальной контртеррористической стратегии",
          "государствами-членами | Глобальной контртеррористической стратегии",
          "ru: a known lower-case term, then a name");
    check("ru", "Буду признателен Вам за распространение", "", "ru: polite pronouns");
}

static void test_edges_of_input(void)
{
    struct glossa_entity_finder *f = finder_for("en");
    struct glossa_error err = {0};
    struct glossa_entity *ents = (struct glossa_entity *)1;
    size_t n = 7;
    const char bad[] = "the United \xff Nations";
    ok(f != NULL, "en finder");
    if (f) {
        is_int(glossa_entity_find(f, bad, sizeof(bad) - 1, NULL, 0, &ents, &n, &err),
               GLOSSA_EENCODING, "invalid UTF-8 is an error");
        ok(ents == NULL && n == 0, "nothing returned on error");
        glossa_error_release(&err);
        is_int(glossa_entity_find(f, "", 0, NULL, 0, &ents, &n, &err), 0, "empty text");
        ok(ents == NULL && n == 0, "no entities in empty text");
    }
    glossa_entity_finder_free(f);
    glossa_entity_finder_free(NULL);
    check("ar", "أعربت الأمم المتحدة عن قلقها United Nations", "", "ar gives nothing");
    check("zh", "联合国安全理事会 Security Council", "", "zh gives nothing");
    {
        /* sentence starts given by the caller */
        const char *text = "Fine words. Afghanistan borders Iran.";
        size_t starts[] = {0, 12};
        f = finder_for("en");
        if (f && !glossa_entity_find(f, text, strlen(text), starts, 2, &ents, &n, &err)) {
            is_int(n, 1, "caller's sentence starts: only Iran");
            if (n == 1)
                is_int(ents[0].start, strlen("Fine words. Afghanistan borders "), "Iran's offset");
            free(ents);
        }
        glossa_entity_finder_free(f);
    }
}

int main(void)
{
    test_english();
    test_french();
    test_spanish();
    test_russian();
    test_edges_of_input();
    glossa_lang_cleanup();
    return done_testing();
}

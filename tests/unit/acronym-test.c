/* acronym-test: the acronym finder on the layouts and traps of doc/extraction. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/acronym.h"
#include "glossa/lang.h"
#include "tap.h"

static struct glossa_acronym_finder *finders[8];
static const char *codes[] = {"en", "fr", "es", "ru", "ar", "zh"};

static struct glossa_acronym_finder *finder(const char *lang)
{
    for (int i = 0; i < 6; i++)
        if (!strcmp(codes[i], lang)) {
            if (!finders[i]) {
                const struct glossa_lang *lg;
                if (glossa_lang_get(lang, &lg, NULL))
                    return NULL;
                finders[i] = glossa_acronym_finder_new(lg, NULL);
            }
            return finders[i];
        }
    return NULL;
}

/* The long form the finder gives for short form sf in text ("" when it finds
 * the short form only as a use, "(none)" when not at all). */
static const char *long_form(const char *lang, const char *text, const char *sf)
{
    static char buf[1024];
    struct glossa_acronym *a;
    size_t n;
    strcpy(buf, "(none)");
    if (glossa_acronym_find(finder(lang), text, strlen(text), &a, &n, NULL))
        return "(error)";
    for (size_t i = 0; i < n; i++)
        if (a[i].sf_end - a[i].sf_start == strlen(sf) &&
            !memcmp(text + a[i].sf_start, sf, strlen(sf))) {
            size_t l = a[i].lf_end - a[i].lf_start;
            memcpy(buf, text + a[i].lf_start, l);
            buf[l] = '\0';
            if (l)
                break;
        }
    free(a);
    return buf;
}

static size_t count_defs(const char *lang, const char *text)
{
    struct glossa_acronym *a;
    size_t n, d = 0;
    if (glossa_acronym_find(finder(lang), text, strlen(text), &a, &n, NULL))
        return 999;
    for (size_t i = 0; i < n; i++)
        d += a[i].lf_start != a[i].lf_end;
    free(a);
    return d;
}

int main(void)
{
    ok(finder("en") && finder("fr") && finder("es") && finder("ru"), "finders for en fr es ru");

    /* Layouts */
    is_str(long_form("en", "the United Nations Office on Drugs and Crime (UNODC) joined", "UNODC"),
           "United Nations Office on Drugs and Crime", "long form (SF)");
    is_str(long_form("fr", "de l'Organisation du Traité de sécurité collective (OTSC)", "OTSC"),
           "Organisation du Traité de sécurité collective", "elided article left out");
    is_str(long_form("fr",
                     "de l’Organisation du Traité de sécurité collective (OTSC, créée en 2002)",
                     "OTSC"),
           "Organisation du Traité de sécurité collective", "short form inside a longer bracket");
    is_str(long_form("fr", "la Communauté d’États indépendants (CEI) et", "CEI"),
           "Communauté d’États indépendants", "elision inside the long form");
    is_str(long_form("fr", "l’État islamique d’Iraq et du Levant [EIIL]", "EIIL"),
           "État islamique d’Iraq et du Levant", "square brackets, accented initial");
    is_str(long_form("ru", "Международного агентства по атомной энергии (МАГАТЭ)", "МАГАТЭ"),
           "Международного агентства по атомной энергии", "letters from inside words (Cyrillic)");
    is_str(long_form("ru", "Организации Договора о коллективной безопасности (далее ОДКБ)", "ОДКБ"),
           "Организации Договора о коллективной безопасности", "Russian (далее SF)");
    is_str(
        long_form("en", "the Agreement on Government Procurement (hereinafter \"AGP\") and", "AGP"),
        "Agreement on Government Procurement", "hereinafter \"SF\"");
    is_str(long_form("en", "ECOWAS (Economic Community of West African States) said", "ECOWAS"),
           "Economic Community of West African States", "SF (long form)");
    is_str(long_form("en",
                     "GEF = Global Environment Facility; UNDP = United Nations Development "
                     "Programme.",
                     "UNDP"),
           "United Nations Development Programme", "SF = long form list");
    is_str(
        long_form("en", "Abbreviations: AOS = administrative and operational services; GEF", "AOS"),
        "administrative and operational services", "list after Abbreviations:");
    is_str(long_form("fr",
                     "l'Organisation des Nations Unies pour le développement industriel "
                     "(ONUDI), le Programme des Nations Unies pour le développement (PNUD, "
                     "2015) et",
                     "PNUD"),
           "Programme des Nations Unies pour le développement", "chain of definitions");
    is_str(long_form("fr",
                     "l'Organisation des Nations Unies pour le développement industriel "
                     "(ONUDI), le Programme",
                     "ONUDI"),
           "Organisation des Nations Unies pour le développement industriel", "first of a chain");
    is_str(long_form("en", "the Lord’s Resistance Army (LRA ", "LRA"), "",
           "unbalanced bracket: no definition, no crash");
    is_str(long_form("en", "Group of Five （G5） met", "G5"), "Group of Five",
           "full-width bracket, digits: G5 found");
    is_str(long_form("en", "the Revitalization of Nuclear Applications Laboratories (ReNuAL)",
                     "ReNuAL"),
           "Revitalization of Nuclear Applications Laboratories", "internal lower case");
    is_str(long_form("en", "the European Police Office (Europol) and", "Europol"),
           "European Police Office", "syllable acronym");
    is_str(long_form("fr", "« Forces démocratiques de libération du Rwanda » (FDLR)", "FDLR"),
           "Forces démocratiques de libération du Rwanda", "guillemets left out");
    is_str(long_form("fr", "<< Forces démocratiques de libération du Rwanda >> (FDLR)", "FDLR"),
           "Forces démocratiques de libération du Rwanda", "<< >> left out");
    is_str(long_form("en", "non-governmental organizations (NGOs) should", "NGOs"),
           "non-governmental organizations", "plural s, hyphenated compound");

    /* Not short forms */
    is_int(count_defs("en", "resolution 683 (XXXV) and 1894 (LVII)"), 0, "Roman numerals");
    is_str(long_form("en", "resolution 683 (XXXV)", "XXXV"), "(none)", "Roman numeral not a use");
    is_str(long_form("en", "see S/2019/742 and A/RES/70/1.", "RES"), "(none)", "document symbols");
    is_str(long_form("en", "an Economic Affairs Officer (P-3) and", "P-3"), "(none)", "grade code");
    is_str(long_form("en", "the capacity of 40 MW (installed)", "MW"), "(none)", "unit");
    is_int(count_defs("fr", "Kanyabayonga (Nord-Kivu) et Walungu (Sud-Kivu)"), 0, "place names");
    is_str(long_form("en", "UNITED NATIONS GENERAL ASSEMBLY", "NATIONS"), "(none)", "heading");

    /* Uses */
    is_str(long_form("en", "The UNDP and the M.P.D. and P5+1 talks", "UNDP"), "", "a use");
    is_str(long_form("en", "The UNDP and the M.P.D. and P5+1 talks", "M.P.D."), "", "dotted use");
    is_str(long_form("en", "The UNDP and the M.P.D. and P5+1 talks", "P5+1"), "", "P5+1 use");

    /* Other scripts */
    is_int(count_defs("ar", "برنامج الأمم المتحدة الإنمائي (UNDP) و"), 0, "Arabic: no garbage");
    is_str(long_form("ar", "برنامج الأمم المتحدة الإنمائي (UNDP) و", "UNDP"), "",
           "Arabic: Latin acronym found as a use");
    is_int(count_defs("zh", "联合国开发计划署（UNDP）和"), 0, "Chinese: no garbage");

    /* Bad input */
    {
        struct glossa_acronym *a;
        size_t n;
        struct glossa_error err;
        glossa_error_init(&err);
        is_int(glossa_acronym_find(finder("en"), "ab\xff (CD)", 8, &a, &n, &err), GLOSSA_EENCODING,
               "invalid UTF-8 is an error");
        glossa_error_release(&err);
        is_int(glossa_acronym_find(finder("en"), "", 0, &a, &n, NULL), 0, "empty span");
        is_int(n, 0, "empty span: nothing");
        free(a);
    }
    /* Every prefix of a text: no crash, no read past the end (ASan). */
    {
        const char *t =
            "de l’Organisation du Traité (OTSC, créée) « EIIL » [A/RES/70/1] (далее ОДКБ)";
        int fine = 1;
        for (size_t k = 0; k <= strlen(t); k++) {
            struct glossa_acronym *a;
            size_t n;
            char *copy = malloc(k + 1);
            memcpy(copy, t, k);
            int rc = glossa_acronym_find(finder("fr"), copy, k, &a, &n, NULL);
            if (rc && rc != GLOSSA_EENCODING)
                fine = 0;
            if (!rc)
                free(a);
            free(copy);
        }
        ok(fine, "every prefix of a text");
    }
    /* A comma and an article start a new item of a list: the letters do not
     * reach back into the item before. */
    is_str(long_form("fr",
                     "le Bureau des affaires spatiales du Secrétariat, l'Association des nations "
                     "de l'Asie du Sud-Est (ASEAN), l'Institut",
                     "ASEAN"),
           "Association des nations de l'Asie du Sud-Est", "a new list item after a comma");
    /* A capitalised head noun just before the letters starts the name (Russian by stems). */
    is_str(long_form("ru",
                     "организовано Структурой Организации Объединенных Наций по делам детей "
                     "(ООН-Дети) и",
                     "ООН-Дети"),
           "Структурой Организации Объединенных Наций по делам детей", "head before the name");
    /* Russian names: after a verb, not across a comma, nor across и + capital. */
    is_str(long_form("ru",
                     "Комитет рекомендовал Региональному отделению Организации Объединенных "
                     "Наций для Западной Азии (ЮНОЗА) оказать",
                     "ЮНОЗА"),
           "Региональному отделению Организации Объединенных Наций для Западной Азии",
           "Russian name after a verb");
    is_str(long_form("ru",
                     "помощь Судану и Временные силы Организации Объединенных Наций в Абьее "
                     "(ЮНИСФА),",
                     "ЮНИСФА"),
           "Временные силы Организации Объединенных Наций в Абьее",
           "Russian name: not across и + capital");
    is_str(long_form("ru",
                     "жителей Гао против решения о заключении между Многопрофильной комплексной "
                     "миссией Организации Объединенных Наций по стабилизации в Мали (МИНУСМА) и",
                     "МИНУСМА"),
           "Многопрофильной комплексной миссией Организации Объединенных Наций по стабилизации в "
           "Мали",
           "capitals rule: not across a clause");
    /* The name rule prefers a name that starts with the short form's first letter. */
    is_str(long_form("ru",
                     "на совещании Совета для государств - членов Ассоциации государств "
                     "Юго-Восточной Азии (АСЕАН) в Маниле",
                     "АСЕАН"),
           "Ассоциации государств Юго-Восточной Азии", "name rule: the first letter starts it");
    /* Short forms with a number; glossary entries without commas between them. */
    is_str(long_form("en", "12. Joint Submission 4 (JS 4) stated that", "JS 4"),
           "Joint Submission 4", "short form with a number");
    is_str(
        long_form("en", "CBA = Core Budget Account VCA = Voluntary Contributions Account", "CBA"),
        "Core Budget Account", "glossary entries without a comma");
    /* A line holding only a name and its short form is a list entry. */
    is_str(long_form("en", "Empresa Nacional de Telecomunicaciones S.A. (ENTEL)\nNext", "ENTEL"),
           "Empresa Nacional de Telecomunicaciones S.A.", "list entry line");
    is_str(long_form("fr", "Total (I-III)\n", "I-III"), "",
           "a Roman numeral range is no list entry");

    /* A country's official name in brackets belongs to the long form before it. */
    is_str(long_form("es",
                     "y el Centro Regional del Convenio de Basilea para la capacitación, "
                     "Venezuela (República Bolivariana de) (CRCB Venezuela) y",
                     "CRCB Venezuela"),
           "Centro Regional del Convenio de Basilea para la capacitación, Venezuela (República "
           "Bolivariana de)",
           "country name aside inside the long form");
    is_str(long_form("en", "by the Training Awards Programme (a Canadian scheme) (TAP).", "TAP"),
           "", "any other bracket before the short form ends the long form");

    /* A short form from another language: the name starts at its head, also a
     * head with a capitalised adjective. */
    is_str(long_form("es",
                     "con el apoyo del Fondo Fiduciario de las Naciones Unidas para la Seguridad "
                     "Humana (UNTFHS) y",
                     "UNTFHS"),
           "Fondo Fiduciario de las Naciones Unidas para la Seguridad Humana",
           "head and adjective before the name");

    /* Two short forms joined by a hyphen, the second one named in the first's name. */
    is_str(long_form("en",
                     "with the Union of Defence Lawyers Appearing before the Tribunal for "
                     "Sierra Leone (UDL-SCSL).",
                     "UDL-SCSL"),
           "Union of Defence Lawyers Appearing before the Tribunal for Sierra Leone",
           "two-part short form");

    /* Another version of the same sentence defines a short form the letters
     * cannot explain here: as many content words as its long form. */
    {
        static const struct glossa_acronym_hint lra = {"LRA", "Lord's Resistance Army", 3, 22, 0.9};
        static const struct glossa_acronym_hint lsd = {"LSD", "lysergic acid diethylamide", 3, 26,
                                                       0.9};
        const char *es = "el Ejército de Resistencia del Señor (LRA) sigue activo";
        const char *ru = "аналогичны кокаину и диэтиламиду лизергиновой кислоты (ЛСД) и";
        is_str(long_form("es", es, "LRA"), "", "no version: a use");
        is_int(glossa_acronym_finder_set_hints(finder("es"), &lra, 1, NULL), 0, "hints set");
        is_str(long_form("es", es, "LRA"), "Ejército de Resistencia del Señor",
               "long form from another version");
        glossa_acronym_finder_set_hints(finder("es"), NULL, 0, NULL);
        is_str(long_form("es", es, "LRA"), "", "hints cleared");
        glossa_acronym_finder_set_hints(finder("ru"), &lsd, 1, NULL);
        is_str(long_form("ru", ru, "ЛСД"), "диэтиламиду лизергиновой кислоты",
               "another version in another script");
        glossa_acronym_finder_set_hints(finder("ru"), NULL, 0, NULL);
    }

    for (int i = 0; i < 6; i++)
        glossa_acronym_finder_free(finders[i]);
    glossa_lang_cleanup();
    return done_testing();
}

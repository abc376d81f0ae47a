/* Unit tests for lang: lists and detection. */
#include "config.h"

#include <stdlib.h>

#include "glossa/lang.h"
#include "tap.h"

int main(void)
{
    const struct glossa_lang *fr = NULL, *en = NULL;
    struct glossa_error err;
    char canon[3];
    size_t n;
    double conf;

    glossa_error_init(&err);
    ok(glossa_lang_canonical("FR", canon) && !strcmp(canon, "fr"), "FR is fr");
    ok(glossa_lang_canonical("fr_FR", canon) && !strcmp(canon, "fr"), "fr_FR is fr");
    ok(glossa_lang_canonical("es-419", canon) && !strcmp(canon, "es"), "es-419 is es");
    ok(!glossa_lang_canonical("xx", canon), "xx is not supported");
    ok(!glossa_lang_canonical("french", canon), "a name is not a code");

    is_int(glossa_lang_get("fr", &fr, &err), 0, "French loads");
    is_str(glossa_lang_code(fr), "fr", "code of the loaded language");
    ok(glossa_lang_has(fr, "function-words", "du", 2), "du is a French function word");
    ok(glossa_lang_has(fr, "function-words", "Du", 2), "lookups ignore case");
    ok(glossa_lang_has(fr, "elisions", "l\xE2\x80\x99", 4), "curly l' matches the list's l'");
    ok(!glossa_lang_has(fr, "function-words", "Organisation", 12), "a noun is not");
    ok(!glossa_lang_has(fr, "no-such-list", "du", 2), "a missing list has nothing");
    ok(glossa_lang_list(fr, "elisions", &n) != NULL && n >= 3, "lists iterate");

    is_int(glossa_lang_get("xx", &en, &err), GLOSSA_ELANG, "unknown language refused");
    ok(err.message && strstr(err.message, "en, fr, es, ru"), "message lists supported languages");
    glossa_error_release(&err);

    {
        static const char en_text[] =
            "Given the global nature of current challenges and threats, the United Nations "
            "and regional organizations must adopt a collective approach in order to improve "
            "the coordination of their activities.";
        static const char fr_text[] =
            "Étant donné la nature mondiale des problèmes et des menaces actuels, "
            "l’Organisation des Nations Unies et les organisations régionales doivent adopter "
            "une démarche collective afin d’améliorer la coordination de leurs activités.";
        static const char es_text[] =
            "Dada la naturaleza mundial de los problemas y las amenazas actuales, las Naciones "
            "Unidas y las organizaciones regionales deben adoptar un enfoque colectivo para "
            "mejorar la coordinación de sus actividades.";
        static const char ru_text[] = "Учитывая глобальный характер нынешних проблем и угроз, "
                                      "Организация Объединенных Наций должна";
        is_str(glossa_lang_detect(en_text, strlen(en_text), &conf), "en", "detects English");
        is_str(glossa_lang_detect(fr_text, strlen(fr_text), &conf), "fr", "detects French");
        is_str(glossa_lang_detect(es_text, strlen(es_text), &conf), "es", "detects Spanish");
        is_str(glossa_lang_detect(ru_text, strlen(ru_text), &conf), "ru", "detects Russian");
        ok(glossa_lang_detect("ok", 2, &conf) == NULL, "too short to tell");
    }
    glossa_lang_cleanup();
    return done_testing();
}

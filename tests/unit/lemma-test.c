/* Unit tests for lemma: Russian names put in the nominative. */
#include "config.h"

#include "lemma.h"
#include "tap.h"

static const char *nom(struct glossa_lemma *l, struct strbuf *sb, const char *term)
{
    strbuf_reset(sb);
    if (glossa_lemma_term(l, term, strlen(term), sb))
        return NULL;
    return sb->buf;
}

int main(void)
{
    struct strbuf sb = STRBUF_INIT;
    struct glossa_lemma *l = glossa_lemma_new("ru");
    ok(glossa_lemma_new("fr") == NULL, "no lemmatiser for French");
    is_str(nom(NULL, &sb, "Организации"), "Организации", "without a lemmatiser the form is kept");
    if (!l) {
        printf("# skip: the Russian Hunspell dictionary (hunspell-ru) is not installed\n");
        return done_testing();
    }
    is_str(nom(l, &sb, "Организации Договора о коллективной безопасности"),
           "Организация Договора о коллективной безопасности", "head noun only");
    is_str(nom(l, &sb, "Шанхайской организации сотрудничества"),
           "Шанхайская организация сотрудничества", "adjective agrees (feminine)");
    is_str(nom(l, &sb, "Исламского государства Ирака и Леванта"),
           "Исламское государство Ирака и Леванта", "adjective agrees (neuter)");
    is_str(nom(l, &sb, "Совета Безопасности"), "Совет Безопасности", "masculine head");
    is_str(nom(l, &sb, "Российской Федерации"), "Российская Федерация", "capitals kept");
    is_str(nom(l, &sb, "Генерального секретаря"), "Генеральный секретарь",
           "masculine adjective, lower-case noun");
    is_str(nom(l, &sb, "Объединенных Наций"), "Объединенных Наций", "plural kept as found");
    is_str(nom(l, &sb, "Небензя"), "Небензя", "unknown word kept");
    is_str(nom(l, &sb, "Глобальной контртеррористической стратегии"),
           "Глобальная контртеррористическая стратегия",
           "a compound the dictionary lacks is read through its tail");
    is_str(nom(l, &sb, "Контртеррористическим управлением"), "Контртеррористическое управление",
           "compound adjective agrees with a neuter head");
    is_str(nom(l, &sb, "Аль-Каиды"), "Аль-Каиды", "hyphenated unknown word kept");
    is_str(nom(l, &sb, ""), "", "empty term");
    glossa_lemma_free(l);
    glossa_lemma_free(NULL);
    strbuf_release(&sb);
    return done_testing();
}

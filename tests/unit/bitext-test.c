/* Unit tests for bitext: segment alignment between two versions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bitext.h"
#include "tap.h"

static struct glossa_bitext_unit *units(const char *const *texts, size_t n)
{
    struct glossa_bitext_unit *u = calloc(n + 1, sizeof *u);
    for (size_t i = 0; i < n; i++) {
        const char *t = texts[i];
        u[i].number = NULL;
        if (t[0] == '#') { /* "#12|text": a numbered paragraph */
            const char *bar = strchr(t, '|');
            static char numbers[64][8];
            size_t k = i % 64;
            memcpy(numbers[k], t + 1, (size_t)(bar - t - 1));
            numbers[k][bar - t - 1] = 0;
            u[i].number = numbers[k];
            t = bar + 1;
        }
        u[i].text = t;
        u[i].len = strlen(t);
    }
    return u;
}

/* "0-0 1-1 2-2": the bead of each unit of a, written as a-unit-b-bead-start. */
static int pairs_to(const struct glossa_bitext *bt, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t k = 0; k < bt->nbeads; k++) {
        const struct glossa_bead *b = &bt->beads[k];
        int w = snprintf(buf + used, size - used, "%s%zu:%zu/%zu:%zu", k ? " " : "", b->a_start,
                         b->a_end, b->b_start, b->b_end);
        if (w < 0 || (size_t)w >= size - used)
            return -1;
        used += (size_t)w;
    }
    return 0;
}

static const char *align(const char *const *a, size_t na, const char *const *b, size_t nb,
                         struct glossa_bitext *bt)
{
    static char buf[4096];
    struct glossa_bitext_unit *ua = units(a, na), *ub = units(b, nb);
    struct glossa_error err;
    glossa_error_init(&err);
    if (glossa_bitext_align(ua, na, ub, nb, bt, &err)) {
        free(ua);
        free(ub);
        return "error";
    }
    pairs_to(bt, buf, sizeof buf);
    free(ua);
    free(ub);
    return buf;
}

static const char *en[] = {
    "I have the honour to inform you that on 25 September 2019 the Council will hold a debate.",
    "To guide the discussion, our delegation has prepared the attached concept note.",
    "The Collective Security Treaty Organization (CSTO) was established in 2002.",
    "Its members adopted resolution 2178 (2014) and resolution 2396 (2017).",
    "The meeting will be chaired by the Minister for Foreign Affairs.",
};
static const char *fr[] = {
    "J'ai l'honneur de vous informer que le 25 septembre 2019 le Conseil tiendra un débat.",
    "Dans cette perspective, notre délégation a établi la note de cadrage ci-jointe.",
    "L'Organisation du Traité de sécurité collective (OTSC) a été créée en 2002.",
    "Ses membres ont adopté la résolution 2178 (2014) et la résolution 2396 (2017).",
    "La séance sera présidée par le Ministre des affaires étrangères.",
};
static const char *fr_furniture[] = {
    "J'ai l'honneur de vous informer que le 25 septembre 2019 le Conseil tiendra un débat.",
    "Dans cette perspective, notre délégation a établi la note de cadrage ci-jointe.",
    "19-15765* (F) 200919 200919",
    "L'Organisation du Traité de sécurité collective (OTSC) a été créée en 2002.",
    "Ses membres ont adopté la résolution 2178 (2014) et la résolution 2396 (2017).",
    "La séance sera présidée par le Ministre des affaires étrangères.",
};
static const char *fr_split[] = {
    "J'ai l'honneur de vous informer que le 25 septembre 2019 le Conseil tiendra un débat.",
    "Dans cette perspective, notre délégation a établi la note de cadrage ci-jointe.",
    "L'Organisation du Traité de sécurité collective (OTSC) a été créée en 2002.",
    "Ses membres ont adopté la résolution 2178 (2014).",
    "Ils ont aussi adopté la résolution 2396 (2017).",
    "La séance sera présidée par le Ministre des affaires étrangères.",
};
static const char *other[] = {
    "Le rapport porte sur les activités menées du 1er janvier au 31 mars 2015.",
    "Le budget approuvé s'élève à 45 600 000 dollars pour 2016.",
    "Le Comité a tenu 12 séances et examiné 87 communications.",
    "Il recommande une réduction de 3,5 % des dépenses de personnel au titre de 2017.",
    "La prochaine session se tiendra à Genève du 4 au 15 mai 2018.",
};

int main(void)
{
    struct glossa_bitext bt;
    const char *why = NULL;

    is_str(align(en, 5, fr, 5, &bt), "0:1/0:1 1:2/1:2 2:3/2:3 3:4/3:4 4:5/4:5",
           "parallel sentences align one to one");
    ok(glossa_bitext_consistent(&bt, &why), "a translation is consistent");
    ok(bt.anchors >= 6 && bt.agreed == bt.anchors, "every shared number agrees");
    is_int(bt.a_bead[3], 3, "unit to bead map");
    glossa_bitext_release(&bt);

    is_str(align(en, 5, fr_furniture, 6, &bt), "0:1/0:1 1:2/1:2 2:2/2:3 2:3/3:4 3:4/4:5 4:5/5:6",
           "page furniture is left out (0-1 bead)");
    glossa_bitext_release(&bt);

    is_str(align(en, 5, fr_split, 6, &bt), "0:1/0:1 1:2/1:2 2:3/2:3 3:4/3:5 4:5/5:6",
           "a sentence split in two (1-2 bead)");
    glossa_bitext_release(&bt);

    align(en, 5, other, 5, &bt);
    ok(!glossa_bitext_consistent(&bt, &why) && why, "unrelated documents are told apart");
    glossa_bitext_release(&bt);

    {
        const char *a[] = {"#1|First paragraph about budgets.",
                           "#2|Second one, quite long "
                           "indeed, with many words in it.",
                           "#3|Third."};
        const char *b[] = {"#1|Premier paragraphe sur les budgets.", "#2|Deuxième.",
                           "#3|Troisième paragraphe, assez long, avec beaucoup de mots dedans."};
        is_str(align(a, 3, b, 3, &bt), "0:1/0:1 1:2/1:2 2:3/2:3",
               "paragraph numbers outweigh lengths");
        glossa_bitext_release(&bt);
    }

    {
        /* Numbers written with each language's separators are one anchor. */
        const char *a[] = {"In 2014, 8 223 women and 7,513 men (91.37 per cent) came at 10 a.m."};
        const char *b[] = {
            "В 2014 году в 10.00 пришли 8223 женщины и 7 513 мужчин (91,37 процента)."};
        const char *c[] = {"In 2014 2016 there were 12 3 cases."};
        const char *d[] = {"En 2014 2016 il y a eu 123 cas."};
        align(a, 1, b, 1, &bt);
        is_int((long)bt.tokens, 5, "8 223, 7,513 and 91.37 are one number each");
        is_int((long)bt.anchors, 5,
               "thousands and decimal separators, zero decimals do not matter");
        glossa_bitext_release(&bt);
        align(c, 1, d, 1, &bt);
        is_int((long)bt.anchors, 2, "years apart and groups that are not thousands stay apart");
        glossa_bitext_release(&bt);
    }

    is_str(align(en, 5, fr, 0, &bt), "0:1/0:0 1:2/0:0 2:3/0:0 3:4/0:0 4:5/0:0",
           "an empty side gives 1-0 beads");
    glossa_bitext_release(&bt);
    is_str(align(en, 0, fr, 0, &bt), "", "two empty sides give no bead");
    glossa_bitext_release(&bt);

    {
        /* A document repeated 40 times: no anchor is unique; the band must still
         * follow the diagonal, through the furniture. */
        enum { REP = 40 };
        const char *a[REP * 5], *b[REP * 6];
        size_t ok_units = 0;
        for (size_t r = 0; r < REP; r++) {
            memcpy(a + r * 5, en, 5 * sizeof *a);
            memcpy(b + r * 6, fr_furniture, 6 * sizeof *b);
        }
        align(a, REP * 5, b, REP * 6, &bt);
        for (size_t i = 0; i < REP * 5; i++) {
            const struct glossa_bead *bd = &bt.beads[bt.a_bead[i]];
            size_t r = i / 5, k = i % 5, want = r * 6 + k + (k >= 2);
            ok_units += bd->b_start == want && bd->b_end == want + 1;
        }
        is_int(ok_units, REP * 5, "a long repeated document aligns unit by unit");
        ok(glossa_bitext_consistent(&bt, NULL), "and is consistent");
        glossa_bitext_release(&bt);
    }
    glossa_bitext_release(NULL);
    return done_testing();
}

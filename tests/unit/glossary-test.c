/* Unit tests for the glossary model: reading real files, writing, the API
 * other modules use, keys and concept ids. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossa/glossary.h"
#include "glossary-private.h"
#include "strbuf.h"
#include "tap.h"

static struct glossa_glossary *read_str(const char *s, const struct glossa_glossary_options *o,
                                        struct glossa_error *err)
{
    struct glossa_glossary *g = NULL;
    glossa_error_init(err);
    glossa_glossary_read_buffer(s, strlen(s), "t.csv", o, &g, err);
    return g;
}

static char *write_str(const struct glossa_glossary *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    glossa_glossary_write(g, f, 0, NULL);
    fclose(f);
    return buf;
}

static void round_trip(void)
{
    const char *in =
        "en,fr,concept,type,status,confidence,count,source,case,note\n"
        "CSTO,OTSC,csto,acronym,candidate,0.93,3,S/2019/742,,\n"
        "Collective Security Treaty Organization,Organisation du Trait\xC3\xA9 de "
        "s\xC3\xA9"
        "curit\xC3\xA9 collective,csto,full-form,approved,,,,,\"a note, with \"\"quotes\"\"\n"
        "on two lines\"\n"
        " spaced ,x,,,,,,,,\n";
    struct glossa_error err;
    struct glossa_glossary *g = read_str(in, NULL, &err);
    char *out;
    ok(g != NULL, "glossa's own format reads");
    if (!g)
        return;
    out = write_str(g);
    is_str(out, in, "round trip is byte for byte");
    is_int(glossa_glossary_row_count(g), 3, "three rows");
    is_int(glossa_glossary_row_line(g, 2), 5, "row after a two-line note is on line 5");
    is_str(glossa_glossary_term(g, 0, "FR"), "OTSC", "term by language, tag normalised");
    is_str(glossa_glossary_meta(g, 0, GLOSSA_META_SOURCE), "S/2019/742", "metadata cell");
    is_int(glossa_glossary_row_status(g, 1), GLOSSA_STATUS_APPROVED, "status parsed");
    ok(glossa_glossary_row_confidence(g, 0) > 0.92 && glossa_glossary_row_confidence(g, 0) < 0.94,
       "confidence parsed");
    is_int(glossa_glossary_row_count_value(g, 0), 3, "count parsed");
    ok(glossa_glossary_row_confidence(g, 1) < 0, "empty confidence is -1");
    is_str(glossa_glossary_row_file(g, 0), "t.csv", "row file");
    free(out);
    glossa_glossary_free(g);
}

static void excel_file(void)
{
    const char *in = "\xEF\xBB\xBF"
                     "EN;fr_FR;Domain;note;;\r\n"
                     "UN;ONU;politics;\"first\r\nsecond\";;\r\n"
                     ";;;;;\r\n"
                     "\r\n"
                     "Security Council;Conseil de s\xC3\xA9"
                     "curit\xC3\xA9;;;;\r\n";
    struct glossa_error err;
    struct glossa_glossary *g = read_str(in, NULL, &err);
    char *out;
    ok(g != NULL, "Excel file with BOM, semicolons and CRLF reads");
    if (!g)
        return;
    is_int(glossa_glossary_column_count(g), 4, "trailing empty columns dropped");
    is_str(glossa_glossary_column_name(g, 0), "en", "EN normalised to en");
    is_str(glossa_glossary_column_name(g, 1), "fr-FR", "fr_FR normalised to fr-FR");
    is_int(glossa_glossary_column_kind(g, 2), GLOSSA_COLUMN_OTHER, "unknown column kept");
    is_int(glossa_glossary_column_kind(g, 3), GLOSSA_COLUMN_META, "note is metadata");
    is_int(glossa_glossary_row_count(g), 2, "blank rows skipped");
    is_str(glossa_glossary_cell(g, 0, 3), "first\nsecond", "CRLF in a quoted note becomes LF");
    is_int(glossa_glossary_row_line(g, 1), 6, "line numbers count CRLF and the quoted newline");
    is_int(glossa_glossary_lang_column(g, "fr-fr"), 1, "lookup by any spelling of the tag");
    is_int(glossa_glossary_lang_column(g, "fr"), 1, "fr finds the only French column, fr-FR");
    is_int(glossa_glossary_lang_column(g, "fr-CA"), -1, "fr-CA is not fr-FR");
    out = write_str(g);
    is_str(out,
           "en,fr-FR,Domain,note\nUN,ONU,politics,\"first\nsecond\"\nSecurity Council,Conseil de "
           "s\xC3\xA9"
           "curit\xC3\xA9,,\n",
           "written in glossa's format, unknown column in place");
    free(out);
    glossa_glossary_free(g);
}

static void headerless(void)
{
    const char *in = "CSTO,OTSC\nCIS,CEI\n";
    const char *langs[] = {"en", "fr"};
    struct glossa_glossary_options o = {langs, 2, 0, 0};
    struct glossa_error err;
    struct glossa_glossary *g = read_str(in, NULL, &err);
    ok(g == NULL && err.code == GLOSSA_EFORMAT && err.line == 1,
       "no header and no langs: a format error at line 1");
    ok(err.message && strstr(err.message, "--langs"), "the message says what to do");
    is_str(err.path, "t.csv", "the error names the file");
    glossa_error_release(&err);
    g = read_str(in, &o, &err);
    ok(g != NULL, "no header with langs reads");
    if (!g)
        return;
    is_int(glossa_glossary_row_count(g), 2, "first row is data");
    is_str(glossa_glossary_term(g, 0, "en"), "CSTO", "first column is en");
    is_str(glossa_glossary_term(g, 1, "fr"), "CEI", "second column is fr");
    glossa_glossary_free(g);
}

static void problems(void)
{
    const char *in = "en,fr,status,confidence,count,case\n"
                     "a,b,aproved,,,\n"
                     "c,d,candidate,1.5,,\n"
                     "e,f,,,many,\n"
                     "g,h,,,,sometimes\n"
                     "i,j,,,,,extra\n"
                     "m,n,Approved,\"0,85\",12,exact\n";
    struct glossa_error err;
    struct glossa_glossary *g = read_str(in, NULL, &err);
    ok(g != NULL, "a file with bad rows still reads");
    if (!g)
        return;
    is_int(glossa_glossary_problem_count(g), 5, "five rows cannot be taken");
    is_int(glossa_glossary_row_count(g), 1, "one row is taken");
    is_int(glossa_glossary_problem(g, 0).line, 2, "first problem line");
    ok(strstr(glossa_glossary_problem(g, 0).message, "aproved") != NULL, "names the bad status");
    is_int(glossa_glossary_problem(g, 4).line, 6, "extra cell problem line");
    ok(strstr(glossa_glossary_problem(g, 4).message, "7 cells") != NULL, "counts the cells");
    is_int(glossa_glossary_row_status(g, 0), GLOSSA_STATUS_APPROVED, "status is case-insensitive");
    ok(glossa_glossary_row_confidence(g, 0) > 0.84, "decimal comma accepted");
    is_int(glossa_glossary_row_case(g, 0), GLOSSA_CASE_EXACT, "case parsed");
    glossa_glossary_free(g);
}

static void errors(void)
{
    struct glossa_error err;
    struct glossa_glossary *g = read_str("en,fr,EN\n", NULL, &err);
    ok(g == NULL && err.code == GLOSSA_EFORMAT, "a language twice is an error");
    glossa_error_release(&err);
    g = read_str("en,fr\nx,\xC3(\n", NULL, &err);
    ok(g == NULL && err.code == GLOSSA_EENCODING && err.line == 2 && err.byte == 3,
       "invalid UTF-8 names line 2, byte 3");
    glossa_error_release(&err);
    g = read_str("", NULL, &err);
    ok(g == NULL && err.code == GLOSSA_EFORMAT, "an empty file has no header");
    glossa_error_release(&err);
    g = read_str("concept,note\n", NULL, &err);
    ok(g == NULL && err.code == GLOSSA_EFORMAT, "a header without a language is an error");
    glossa_error_release(&err);
    ok(glossa_glossary_read_file("/nonexistent/x.csv", NULL, &g, &err) == GLOSSA_EIO,
       "a missing file is an I/O error");
    glossa_error_release(&err);
    {
        /* 16,384 columns (a spreadsheet's) are read; one more is refused. */
        struct strbuf wide = STRBUF_INIT;
        strbuf_addstr(&wide, "en,fr");
        for (int i = 2; i < 16384; i++)
            strbuf_addf(&wide, ",c%d", i);
        strbuf_addstr(&wide, "\nUN,ONU\n");
        g = read_str(wide.buf, NULL, &err);
        ok(g != NULL && glossa_glossary_row_count(g) == 1, "16384 columns are read");
        glossa_glossary_free(g);
        glossa_error_release(&err);
        strbuf_setlen(&wide, wide.len - 8);
        strbuf_addstr(&wide, ",last\nUN,ONU\n");
        g = read_str(wide.buf, NULL, &err);
        ok(g == NULL && err.code == GLOSSA_ETOOBIG && err.line == 1, "16385 columns are refused");
        glossa_error_release(&err);
        strbuf_release(&wide);
    }
}

static void api(void)
{
    struct glossa_glossary *g = glossa_glossary_new("built");
    const char *cells[] = {"CSTO", "OTSC", "candidate"};
    char *out;
    long r;
    ok(glossa_glossary_add_column(g, "en", NULL) == 0, "add en");
    ok(glossa_glossary_add_column(g, "fr_FR", NULL) == 1, "add fr_FR");
    ok(glossa_glossary_add_column(g, "status", NULL) == 2, "add status");
    ok(glossa_glossary_add_column(g, "EN", NULL) == 0, "adding en again returns it");
    r = glossa_glossary_add_row(g, cells, 3, NULL);
    is_int(r, 0, "row added");
    ok(glossa_glossary_set_cell(g, 0, 1, "OTSC, OSCT", 10) == 0, "cell replaced");
    is_int(glossa_glossary_add_column(g, "note", NULL), 3, "column added after rows");
    is_str(glossa_glossary_meta(g, 0, GLOSSA_META_NOTE), "", "new column is empty");
    out = write_str(g);
    is_str(out, "en,fr-FR,status,note\nCSTO,\"OTSC, OSCT\",candidate,\n", "written");
    free(out);
    glossa_glossary_free(g);
}

static void tags_and_ids(void)
{
    char canon[32];
    char *id;
    ok(glossa_lang_tag_normalize("fr_FR", canon) && !strcmp(canon, "fr-FR"), "fr_FR");
    ok(glossa_lang_tag_normalize("FR", canon) && !strcmp(canon, "fr"), "FR");
    ok(glossa_lang_tag_normalize("fr-fr", canon) && !strcmp(canon, "fr-FR"), "fr-fr");
    ok(glossa_lang_tag_normalize("zh-hans", canon) && !strcmp(canon, "zh-Hans"), "zh-hans");
    ok(!glossa_lang_tag_normalize("id", canon), "id is not a language column");
    ok(!glossa_lang_tag_normalize("pos", canon), "pos is not a language column");
    ok(!glossa_lang_tag_normalize("note", canon), "note is not a language");
    ok(!glossa_lang_tag_normalize("", canon), "empty is not a language");
    id = glossa_concept_id("CSTO", 4);
    is_str(id, "csto", "concept id of an acronym");
    free(id);
    id = glossa_concept_id("Conseil de s\xC3\xA9"
                           "curit\xC3\xA9",
                           21);
    is_str(id,
           "conseil-de-s\xC3\xA9"
           "curit\xC3\xA9",
           "concept id keeps letters, dashes the rest");
    free(id);
    id = glossa_concept_id("\xD0\x9E\xD0\x94\xD0\x9A\xD0\x91", 8);
    is_str(id, "\xD0\xBE\xD0\xB4\xD0\xBA\xD0\xB1", "Cyrillic concept id");
    free(id);
    {
        const char *a = "United Nations Regional Centre for Preventive Diplomacy for Central Asia";
        const char *b = "United Nations Regional Centre for Preventive Diplomacy in Asia";
        char *ib = glossa_concept_id(b, strlen(b));
        id = glossa_concept_id(a, strlen(a));
        ok(id && strlen(id) <= 48, "a long concept id is at most 48 bytes");
        ok(id && !strncmp(id, "united-nations-regional-centre-for-", 35) && strlen(id) == 35 + 6 &&
               strspn(id + 35, "0123456789abcdef") == 6,
           "a long concept id ends at a word, then a hash");
        ok(id && ib && strcmp(id, ib), "long names that begin alike get different ids");
        free(ib);
        free(id);
        id = glossa_concept_id(a, strlen(a));
        ib = glossa_concept_id(a, strlen(a));
        ok(id && ib && !strcmp(id, ib), "a long concept id is stable");
        free(ib);
        free(id);
        id = glossa_concept_id("Counter-Terrorism Committee Executive Directors", 47);
        is_str(id, "counter-terrorism-committee-executive-directors",
               "an id of up to 48 bytes is whole");
        free(id);
    }
    id = glossa_concept_id("\xE2\x80\x94", 3);
    ok(id && !strncmp(id, "c-", 2) && strlen(id) == 18, "a term without letters gets a hash");
    free(id);
    id = glossa_term_key("L\xE2\x80\x99\xC3\x89tat", 9, 0, NULL);
    is_str(id, "l'\xC3\xA9tat", "term key folds case and apostrophes");
    free(id);
    id = glossa_term_key("US", 2, 1, NULL);
    is_str(id, "US", "exact key keeps case");
    free(id);
}

/* The confidence parser's own digit path must give strtod's double, bit for
 * bit, and accept and refuse the same texts. */
static void confidence_matches_strtod(void)
{
    static const char *const texts[] = {
        "0.85",
        "0,85",
        "1",
        "1.",
        ".5",
        "0",
        "00.50",
        "0.1",
        "0.3",
        "0.7",
        "0.123456789012345",
        "0.999999999999999",
        "1.00000000000000",
        "0.1234567890123456",
        "1.0000000000001",
        "2",
        ".",
        "0.5.1",
        "0,5,",
        "1e-3",
        "-0.5",
        "0.5x",
        "",
    };
    int good = 1;
    char text[32];
    for (int i = 0; i <= 1000 + (int)(sizeof(texts) / sizeof(texts[0])); i++) {
        double got = -2, want = -2;
        char *end;
        int rc;
        if (i <= 1000)
            snprintf(text, sizeof(text), "%d.%03d", i / 1000, i % 1000);
        else
            snprintf(text, sizeof(text), "%s", texts[i - 1001]);
        rc = glossa_confidence_parse(text, strlen(text), &got);
        for (char *p = text; *p; p++)
            if (*p == ',')
                *p = '.';
        want = strtod(text, &end);
        if (!*text)
            want = -1; /* an empty cell is "no confidence" */
        else if (*end || end == text || want < 0 || want > 1 || strchr(text, 'e') ||
                 strchr(text, '-'))
            want = -2; /* refused */
        if ((want == -2) != (rc != 0) || (!rc && got != want)) {
            printf("# '%s': rc %d got %.17g want %.17g\n", text, rc, got, want);
            good = 0;
        }
    }
    ok(good, "confidence parses as strtod does, bit for bit, and refuses what it refuses");
}

int main(void)
{
    round_trip();
    confidence_matches_strtod();
    excel_file();
    headerless();
    problems();
    errors();
    api();
    tags_and_ids();
    return done_testing();
}

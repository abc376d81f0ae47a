/* Unit tests of the output formats and the baseline: text lines have
 * file:line:col:, JSON parses, SARIF has the 2.1.0 structure with columns >= 1,
 * GitHub lines have the annotation syntax and a summary; fingerprints survive
 * a line move and a baseline suppresses what it lists. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <regex.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_JANSSON_TEST
#include <jansson.h>
#endif

#include "baseline.h"
#include "report.h"
#include "tap.h"

static struct glossa_finding make(enum glossa_check_id id, enum glossa_severity s, int version,
                                  size_t line, size_t col, const char *term, const char *message,
                                  const char *context)
{
    struct glossa_finding f;
    memset(&f, 0, sizeof(f));
    f.check = id;
    f.severity = s;
    f.version = version;
    f.line = line;
    f.column = col;
    f.term = strdup(term);
    f.message = strdup(message);
    f.context = strdup(context);
    return f;
}

static struct glossa_findings list;
static char *fps[3];
static const char *paths[2] = {"en.txt", "dir,with:odd/fr.txt"};

static char *render(enum report_format format)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    report_write(f, format, &list, paths, fps);
    fclose(f);
    return buf;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_text(void)
{
    char *out = render(REPORT_TEXT);
    regex_t re;
    int good = 1, n = 0;
    regcomp(&re, "^.+:[0-9]+:[0-9]+: (error|warning|info): [a-z-]+: [^\n]+$",
            REG_EXTENDED | REG_NEWLINE | REG_NOSUB);
    for (const char *line = out; *line; line = strchr(line, '\n') + 1) {
        char one[512];
        size_t l = (size_t)(strchr(line, '\n') - line);
        snprintf(one, sizeof(one), "%.*s", (int)l, line);
        if (regexec(&re, one, 0, NULL, 0))
            good = 0;
        n++;
    }
    regfree(&re);
    ok(good, "text: every line is file:line:col: severity: check: message");
    is_int(n, 3, "text: one line per finding");
    ok(strstr(out, "en.txt:3:7: error: term-forbidden: 'ISIS' is forbidden; use 'ISIL'\n") != NULL,
       "text: the compiler-style line");
    ok(strstr(out, "100% sure next") != NULL, "text: a line break in a message becomes a space");
    free(out);
}

static void test_github(void)
{
    char *out = render(REPORT_GITHUB);
    ok(!strncmp(out, "::error file=en.txt,line=3,col=7,title=term-forbidden::'ISIS'", 59),
       "github: the error annotation");
    ok(strstr(out, "::warning file=dir%2Cwith%3Aodd/fr.txt,line=12,col=1,title=term-count::") !=
           NULL,
       "github: a warning, properties escaped");
    ok(strstr(out, "::notice file=") != NULL, "github: info is a notice");
    ok(strstr(out, "100%25 sure%0Anext") != NULL, "github: % and newlines escaped in messages");
    ok(strstr(out, "glossa check: 1 error, 1 warning, 1 info") != NULL, "github: summary line");
    is_int(count_lines(out), 4, "github: three annotations and a summary");
    free(out);
}

static void test_json(void)
{
    char *out = render(REPORT_JSON);
#ifdef HAVE_JANSSON_TEST
    json_error_t e;
    json_t *root = json_loads(out, 0, &e);
    ok(root && json_is_array(root) && json_array_size(root) == 3, "json: parses, three objects");
    if (root) {
        json_t *o = json_array_get(root, 1);
        is_int(json_integer_value(json_object_get(o, "line")), 12, "json: line is a number");
        is_str(json_string_value(json_object_get(o, "check")), "term-count", "json: check");
        is_str(json_string_value(json_object_get(o, "message")),
               "said \"twice\"\tand 100% sure\nnext", "json: message escaped and read back");
        is_str(json_string_value(json_object_get(o, "fingerprint")), fps[1], "json: fingerprint");
    }
    json_decref(root);
#else
    ok(out[0] == '[', "json: an array (jansson absent: structure not parsed)");
#endif
    free(out);
}

static void test_sarif(void)
{
    char *out = render(REPORT_SARIF);
#ifdef HAVE_JANSSON_TEST
    json_error_t e;
    json_t *root = json_loads(out, 0, &e), *run, *results, *rules;
    int good = 1;
    ok(root != NULL, "sarif: parses");
    is_str(json_string_value(json_object_get(root, "version")), "2.1.0", "sarif: version 2.1.0");
    ok(json_is_string(json_object_get(root, "$schema")), "sarif: $schema");
    run = json_array_get(json_object_get(root, "runs"), 0);
    ok(run != NULL, "sarif: one run");
    is_str(json_string_value(
               json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "name")),
           "glossa", "sarif: tool.driver.name");
    rules = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
    is_int(json_array_size(rules), GLOSSA_CHECK_N, "sarif: one rule per check");
    results = json_object_get(run, "results");
    is_int(json_array_size(results), 3, "sarif: three results");
    for (size_t i = 0; i < json_array_size(results); i++) {
        json_t *r = json_array_get(results, i);
        json_t *loc =
            json_object_get(json_array_get(json_object_get(r, "locations"), 0), "physicalLocation");
        json_t *region = json_object_get(loc, "region");
        const char *level = json_string_value(json_object_get(r, "level"));
        json_int_t idx = json_integer_value(json_object_get(r, "ruleIndex"));
        if (json_integer_value(json_object_get(region, "startColumn")) < 1 ||
            json_integer_value(json_object_get(region, "startLine")) < 1)
            good = 0;
        if (!json_string_value(json_object_get(json_object_get(r, "message"), "text")))
            good = 0;
        if (!json_string_value(json_object_get(json_object_get(loc, "artifactLocation"), "uri")))
            good = 0;
        if (!level || (strcmp(level, "error") && strcmp(level, "warning") && strcmp(level, "note")))
            good = 0;
        if (strcmp(json_string_value(json_object_get(json_array_get(rules, (size_t)idx), "id")),
                   json_string_value(json_object_get(r, "ruleId"))))
            good = 0;
    }
    ok(good, "sarif: every result has a level, message, uri, ruleIndex and columns >= 1");
    json_decref(root);
#else
    ok(strstr(out, "\"version\": \"2.1.0\"") != NULL, "sarif: version (jansson absent)");
#endif
    free(out);
}

static void test_baseline(void)
{
    struct glossa_finding moved =
        make(GLOSSA_CHECK_TERM_FORBIDDEN, GLOSSA_SEVERITY_ERROR, 0, 40, 2, "ISIS",
             "'ISIS' is forbidden; use 'ISIL'", "fighters of isis");
    struct glossa_finding other =
        make(GLOSSA_CHECK_TERM_FORBIDDEN, GLOSSA_SEVERITY_ERROR, 0, 3, 7, "ISIS",
             "'ISIS' is forbidden; use 'ISIL'", "other fighters of isis");
    char fp[17], fp2[17], path[] = "/tmp/glossa-baseline-XXXXXX";
    struct baseline *b = NULL;
    struct glossa_error err;
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    baseline_fingerprint(&moved, fp);
    baseline_fingerprint(&other, fp2);
    is_str(fp, fps[0], "a finding moved to another line keeps its fingerprint");
    ok(strcmp(fp2, fps[0]) != 0, "another segment, another fingerprint");
    baseline_write(f, &list, paths, fps);
    fclose(f);
    glossa_error_init(&err);
    ok(!baseline_read(path, &b, &err), "the baseline reads back");
    ok(b && baseline_take(b, fp), "the moved finding is accepted");
    ok(b && !baseline_take(b, fp), "once per listed finding");
    ok(b && !baseline_take(b, fp2), "a new finding is not");
    baseline_free(b);
    f = fopen(path, "w");
    fputs("# comment\nnot-a-fingerprint\n", f);
    fclose(f);
    ok(baseline_read(path, &b, &err) == GLOSSA_EFORMAT && err.line == 2,
       "a bad line is an error with its line");
    glossa_error_release(&err);
    unlink(path);
    free(moved.term);
    free(moved.message);
    free(moved.context);
    free(other.term);
    free(other.message);
    free(other.context);
}

int main(void)
{
    list.items = calloc(3, sizeof(*list.items));
    list.items[0] = make(GLOSSA_CHECK_TERM_FORBIDDEN, GLOSSA_SEVERITY_ERROR, 0, 3, 7, "ISIS",
                         "'ISIS' is forbidden; use 'ISIL'", "fighters of isis");
    list.items[1] = make(GLOSSA_CHECK_TERM_COUNT, GLOSSA_SEVERITY_WARNING, 1, 12, 1, "OTSC",
                         "said \"twice\"\tand 100% sure\nnext", "l'otsc");
    list.items[2] = make(GLOSSA_CHECK_ACRONYM_REDEFINED, GLOSSA_SEVERITY_INFO, 1, 20, 5, "OTSC",
                         "defined again", "l'otsc (otsc)");
    list.n = list.alloc = 3;
    for (int i = 0; i < 3; i++) {
        fps[i] = malloc(17);
        baseline_fingerprint(&list.items[i], fps[i]);
    }
    test_text();
    test_github();
    test_json();
    test_sarif();
    test_baseline();
    glossa_findings_release(&list);
    for (int i = 0; i < 3; i++)
        free(fps[i]);
    return done_testing();
}

/* report: the output formats of glossa check.
 *
 * JSON strings go through table_json_string (the one JSON escaper). GitHub
 * annotations escape '%', CR and LF in messages, and also ':' and ',' in
 * properties; GitHub shows at most 10 annotations of a level per step, so a
 * summary line with the counts follows them. SARIF levels are error, warning
 * and note (for info); every result has a region with startColumn >= 1 and
 * columnKind says columns are Unicode code points. */
#include "config.h"

#include <string.h>

#include "report.h"
#include "table.h"

int report_format_parse(const char *name, enum report_format *format)
{
    static const char *const names[] = {"text", "json", "github", "sarif"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(name, names[i])) {
            *format = (enum report_format)i;
            return 0;
        }
    return -1;
}

static const char *path_of(const char *const *paths, const struct glossa_finding *f)
{
    return paths[f->version] ? paths[f->version] : "-";
}

static void github_escape(FILE *f, const char *s, int property)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", f);
        else if (*s == '\r')
            fputs("%0D", f);
        else if (*s == '\n')
            fputs("%0A", f);
        else if (property && *s == ':')
            fputs("%3A", f);
        else if (property && *s == ',')
            fputs("%2C", f);
        else
            fputc(*s, f);
    }
}

/* One line per finding: line breaks and tabs inside a message become spaces. */
static void write_text(FILE *f, const struct glossa_findings *list, const char *const *paths)
{
    for (size_t i = 0; i < list->n; i++) {
        const struct glossa_finding *x = &list->items[i];
        fprintf(f, "%s:%zu:%zu: %s: %s: ", path_of(paths, x), x->line, x->column,
                glossa_severity_name(x->severity), glossa_check_name(x->check));
        for (const char *s = x->message; *s; s++)
            fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, f);
        fputc('\n', f);
    }
}

static void write_json(FILE *f, const struct glossa_findings *list, const char *const *paths,
                       char *const *fingerprints)
{
    static const struct table_column columns[] = {
        {"file", 0},  {"line", 1},    {"column", 1}, {"severity", 0},
        {"check", 0}, {"message", 0}, {"term", 0},   {"fingerprint", 0},
    };
    struct table t;
    table_begin(&t, f, TABLE_JSON, columns, sizeof(columns) / sizeof(columns[0]));
    for (size_t i = 0; i < list->n; i++) {
        const struct glossa_finding *x = &list->items[i];
        char line[32], column[32];
        const char *values[8];
        snprintf(line, sizeof(line), "%zu", x->line);
        snprintf(column, sizeof(column), "%zu", x->column);
        values[0] = path_of(paths, x);
        values[1] = line;
        values[2] = column;
        values[3] = glossa_severity_name(x->severity);
        values[4] = glossa_check_name(x->check);
        values[5] = x->message;
        values[6] = x->term;
        values[7] = fingerprints && fingerprints[i] ? fingerprints[i] : "";
        table_row(&t, values);
    }
    table_end(&t);
}

static void write_github(FILE *f, const struct glossa_findings *list, const char *const *paths)
{
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < list->n; i++) {
        const struct glossa_finding *x = &list->items[i];
        counts[x->severity]++;
        fprintf(f, "::%s file=",
                x->severity == GLOSSA_SEVERITY_ERROR     ? "error"
                : x->severity == GLOSSA_SEVERITY_WARNING ? "warning"
                                                         : "notice");
        github_escape(f, path_of(paths, x), 1);
        fprintf(f, ",line=%zu,col=%zu,title=", x->line, x->column);
        github_escape(f, glossa_check_name(x->check), 1);
        fputs("::", f);
        github_escape(f, x->message, 0);
        fputc('\n', f);
    }
    fprintf(f,
            "glossa check: %zu error%s, %zu warning%s, %zu info (GitHub shows at most 10 "
            "annotations of each level per step)\n",
            counts[2], counts[2] == 1 ? "" : "s", counts[1], counts[1] == 1 ? "" : "s", counts[0]);
}

static const char *sarif_level(enum glossa_severity s)
{
    return s == GLOSSA_SEVERITY_ERROR ? "error" : s == GLOSSA_SEVERITY_WARNING ? "warning" : "note";
}

static void write_sarif(FILE *f, const struct glossa_findings *list, const char *const *paths,
                        char *const *fingerprints)
{
    fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
          "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n"
          "        \"driver\": {\n          \"name\": \"glossa\",\n",
          f);
    fprintf(f, "          \"version\": \"%s\",\n", PACKAGE_VERSION);
    fputs("          \"rules\": [", f);
    for (int i = 0; i < GLOSSA_CHECK_N; i++) {
        fprintf(f, "%s\n            {\"id\": ", i ? "," : "");
        table_json_string(f, glossa_check_name((enum glossa_check_id)i));
        fputs(", \"shortDescription\": {\"text\": ", f);
        table_json_string(f, glossa_check_description((enum glossa_check_id)i));
        fprintf(f, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
                sarif_level(glossa_check_default_severity((enum glossa_check_id)i)));
    }
    fputs("\n          ]\n        }\n      },\n"
          "      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
          f);
    for (size_t i = 0; i < list->n; i++) {
        const struct glossa_finding *x = &list->items[i];
        fprintf(f, "%s\n        {\"ruleId\": ", i ? "," : "");
        table_json_string(f, glossa_check_name(x->check));
        fprintf(f,
                ", \"ruleIndex\": %d, \"level\": \"%s\", \"message\": {\"text\": ", (int)x->check,
                sarif_level(x->severity));
        table_json_string(f, x->message);
        fputs("},\n         \"locations\": [{\"physicalLocation\": {\"artifactLocation\": "
              "{\"uri\": ",
              f);
        table_json_string(f, path_of(paths, x));
        fprintf(f, "}, \"region\": {\"startLine\": %zu, \"startColumn\": %zu}}}]",
                x->line ? x->line : 1, x->column ? x->column : 1);
        if (fingerprints && fingerprints[i]) {
            fputs(",\n         \"partialFingerprints\": {\"glossaFinding/v1\": ", f);
            table_json_string(f, fingerprints[i]);
            fputc('}', f);
        }
        fputc('}', f);
    }
    fputs(list->n ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n", f);
}

void report_write(FILE *f, enum report_format format, const struct glossa_findings *list,
                  const char *const *paths, char *const *fingerprints)
{
    switch (format) {
    case REPORT_TEXT:
        write_text(f, list, paths);
        break;
    case REPORT_JSON:
        write_json(f, list, paths, fingerprints);
        break;
    case REPORT_GITHUB:
        write_github(f, list, paths);
        break;
    case REPORT_SARIF:
        write_sarif(f, list, paths, fingerprints);
        break;
    }
}

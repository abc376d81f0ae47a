/* lang: the per-language word lists and language detection.
 *
 * A language is loaded on first use, from the lists compiled into the library
 * or, when GLOSSA_DATA_DIR is set, from <dir>/<code>/<list>.txt. Each list is
 * kept twice: the entries as written (in file order, for callers that iterate)
 * and a hash set of their fold keys (case folded, typographic variants
 * unified) for membership tests. Loaded languages live until
 * glossa_lang_cleanup(); loading is serialised by one mutex, lookups are
 * lock-free afterwards because a loaded language is never modified. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "hash.h"
#include "glossa/lang.h"
#include "lang-data.h"
#include "strbuf.h"
#include "utf8.h"

static const char *const supported[] = {"en", "fr", "es", "ru", "ar", "zh", NULL};

/* Names of the lists a language folder may hold; GLOSSA_DATA_DIR is scanned for these. */
static const char *const known_lists[] = {"function-words",
                                          "elisions",
                                          "abbreviations",
                                          "not-acronyms",
                                          "connectors",
                                          "entity-heads",
                                          "entity-stop",
                                          "acronym-intro",
                                          "units",
                                          "titles",
                                          "entity-words",
                                          "months",
                                          "coordinators",
                                          "genitive-connectors",
                                          "articles",
                                          "entity-links",
                                          "adjective-endings",
                                          "nominative-endings",
                                          "genitive-endings",
                                          "verb-endings",
                                          "hyphen-prefixes",
                                          "locative-endings",
                                          NULL};

struct word_list {
    char *name;
    char **entries; /* as written, NULL-terminated */
    size_t n;
    char **keys; /* hash table of fold keys (open addressing), size cap */
    size_t cap;
};

struct glossa_lang {
    char code[3];
    struct word_list *lists;
    size_t nlists;
};

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static struct glossa_lang *loaded[sizeof(supported) / sizeof(supported[0])];

const char *const *glossa_lang_supported(void)
{
    return supported;
}

int glossa_lang_canonical(const char *code, char canon[3])
{
    char c[3];
    if (!code || !isalpha((unsigned char)code[0]) || !isalpha((unsigned char)code[1]))
        return 0;
    if (code[2] && code[2] != '-' && code[2] != '_')
        return 0;
    c[0] = (char)tolower((unsigned char)code[0]);
    c[1] = (char)tolower((unsigned char)code[1]);
    c[2] = '\0';
    for (size_t i = 0; supported[i]; i++)
        if (!strcmp(supported[i], c)) {
            if (canon)
                memcpy(canon, c, 3);
            return 1;
        }
    return 0;
}

static void list_release(struct word_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->entries[i]);
    free(l->entries);
    for (size_t i = 0; i < l->cap; i++)
        free(l->keys[i]);
    free(l->keys);
    free(l->name);
}

static int list_insert_key(struct word_list *l, char *key, size_t n)
{
    size_t i = (size_t)(glossa_hash_bytes(key, n) & (l->cap - 1));
    while (l->keys[i]) {
        if (!strcmp(l->keys[i], key)) {
            free(key);
            return 0;
        }
        i = (i + 1) & (l->cap - 1);
    }
    l->keys[i] = key;
    return 0;
}

/* Parses a list file's text: one entry per line, '#' comments, blanks trimmed. */
static int list_parse(struct word_list *l, const char *text)
{
    size_t nlines = 1;
    for (const char *p = text; *p; p++)
        nlines += *p == '\n';
    l->entries = calloc(nlines + 1, sizeof(char *));
    for (l->cap = 16; l->cap < nlines * 2; l->cap *= 2)
        ;
    l->keys = calloc(l->cap, sizeof(char *));
    if (!l->entries || !l->keys)
        return GLOSSA_ENOMEM;
    for (const char *p = text; *p;) {
        const char *eol = strchr(p, '\n');
        const char *end = eol ? eol : p + strlen(p);
        const char *hash = memchr(p, '#', (size_t)(end - p));
        const char *b = p, *e = hash ? hash : end;
        struct strbuf key = STRBUF_INIT;
        while (b < e && isspace((unsigned char)*b))
            b++;
        while (e > b && isspace((unsigned char)e[-1]))
            e--;
        p = eol ? eol + 1 : end;
        if (b == e)
            continue;
        l->entries[l->n] = strndup(b, (size_t)(e - b));
        if (!l->entries[l->n])
            return GLOSSA_ENOMEM;
        l->n++;
        if (glossa_fold_append(&key, b, (size_t)(e - b), GLOSSA_FOLD_MATCH)) {
            strbuf_release(&key);
            return GLOSSA_EENCODING;
        }
        {
            size_t klen = key.len;
            char *k = strbuf_detach(&key, NULL);
            if (!k)
                return GLOSSA_ENOMEM;
            list_insert_key(l, k, klen);
        }
    }
    return 0;
}

static void lang_free(struct glossa_lang *lang)
{
    if (!lang)
        return;
    for (size_t i = 0; i < lang->nlists; i++)
        list_release(&lang->lists[i]);
    free(lang->lists);
    free(lang);
}

static int read_whole_file(const char *path, char **out)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb = STRBUF_INIT;
    char chunk[8192];
    size_t n;
    if (!f)
        return errno == ENOENT ? 1 : GLOSSA_EIO;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (strbuf_add(&sb, chunk, n)) {
            fclose(f);
            strbuf_release(&sb);
            return GLOSSA_ENOMEM;
        }
    if (ferror(f)) {
        fclose(f);
        strbuf_release(&sb);
        return GLOSSA_EIO;
    }
    fclose(f);
    *out = strbuf_detach(&sb, NULL);
    return *out ? 0 : GLOSSA_ENOMEM;
}

static int lang_add_list(struct glossa_lang *lang, const char *name, const char *text)
{
    struct word_list *grown = realloc(lang->lists, sizeof(*grown) * (lang->nlists + 1));
    struct word_list *l;
    if (!grown)
        return GLOSSA_ENOMEM;
    lang->lists = grown;
    l = &lang->lists[lang->nlists++];
    memset(l, 0, sizeof(*l));
    l->name = strdup(name);
    if (!l->name)
        return GLOSSA_ENOMEM;
    return list_parse(l, text);
}

static int lang_load(const char *code, struct glossa_lang **out, struct glossa_error *err)
{
    struct glossa_lang *lang = calloc(1, sizeof(*lang));
    const char *dir = getenv("GLOSSA_DATA_DIR");
    int rc = 0;
    if (!lang)
        return GLOSSA_ENOMEM;
    memcpy(lang->code, code, 3);
    if (dir && *dir) {
        for (size_t i = 0; known_lists[i] && !rc; i++) {
            struct strbuf path = STRBUF_INIT;
            char *text = NULL;
            strbuf_addf(&path, "%s/%s/%s.txt", dir, code, known_lists[i]);
            rc = read_whole_file(path.buf, &text);
            if (rc == 1)
                rc = 0; /* a language need not have every list */
            else if (rc == 0)
                rc = lang_add_list(lang, known_lists[i], text);
            if (rc)
                glossa_error_set(err, rc, path.buf, 0, 0, "cannot load language list");
            free(text);
            strbuf_release(&path);
        }
    } else {
        for (size_t i = 0; i < glossa_lang_nblobs && !rc; i++)
            if (!strcmp(glossa_lang_blobs[i].lang, code))
                rc = lang_add_list(lang, glossa_lang_blobs[i].list, glossa_lang_blobs[i].text);
    }
    if (rc) {
        lang_free(lang);
        return rc;
    }
    *out = lang;
    return 0;
}

int glossa_lang_get(const char *code, const struct glossa_lang **out, struct glossa_error *err)
{
    char canon[3];
    size_t idx;
    int rc = 0;
    if (!glossa_lang_canonical(code, canon))
        return glossa_error_set(err, GLOSSA_ELANG, NULL, 0, 0,
                                "unknown language '%s' (supported: en, fr, es, ru, ar, zh)",
                                code ? code : "");
    for (idx = 0; strcmp(supported[idx], canon); idx++)
        ;
    pthread_mutex_lock(&load_lock);
    if (!loaded[idx])
        rc = lang_load(canon, &loaded[idx], err);
    pthread_mutex_unlock(&load_lock);
    if (rc)
        return rc;
    *out = loaded[idx];
    return 0;
}

const char *glossa_lang_code(const struct glossa_lang *lang)
{
    return lang->code;
}

static const struct word_list *find_list(const struct glossa_lang *lang, const char *name)
{
    for (size_t i = 0; i < lang->nlists; i++)
        if (!strcmp(lang->lists[i].name, name))
            return &lang->lists[i];
    return NULL;
}

int glossa_lang_has(const struct glossa_lang *lang, const char *list, const char *word, size_t len)
{
    const struct word_list *l = find_list(lang, list);
    struct strbuf key = STRBUF_INIT;
    int found = 0;
    size_t i;
    if (!l || !l->n)
        return 0;
    if (glossa_fold_append(&key, word, len, GLOSSA_FOLD_MATCH)) {
        strbuf_release(&key);
        return 0;
    }
    i = (size_t)(glossa_hash_bytes(key.buf, key.len) & (l->cap - 1));
    while (l->keys[i]) {
        if (!strcmp(l->keys[i], key.buf)) {
            found = 1;
            break;
        }
        i = (i + 1) & (l->cap - 1);
    }
    strbuf_release(&key);
    return found;
}

const char *const *glossa_lang_list(const struct glossa_lang *lang, const char *list, size_t *n)
{
    const struct word_list *l = find_list(lang, list);
    *n = l ? l->n : 0;
    return l ? (const char *const *)l->entries : NULL;
}

void glossa_lang_cleanup(void)
{
    pthread_mutex_lock(&load_lock);
    for (size_t i = 0; supported[i]; i++) {
        lang_free(loaded[i]);
        loaded[i] = NULL;
    }
    pthread_mutex_unlock(&load_lock);
}

/* ---- detection ---------------------------------------------------------- */

/* Function-word hits of each Latin-script language over the words of text. */
static void count_function_words(const char *text, size_t len, const char *const *codes,
                                 size_t *hits, size_t ncodes)
{
    const struct glossa_lang *langs[8];
    size_t nwords = 0;
    for (size_t k = 0; k < ncodes; k++)
        if (glossa_lang_get(codes[k], &langs[k], NULL))
            langs[k] = NULL;
    for (size_t i = 0; i < len && nwords < 2000;) {
        size_t b = i;
        uint32_t cp;
        while (i < len) {
            size_t step = glossa_utf8_decode((const unsigned char *)text + i, len - i, &cp);
            int letter = cp >= 0x80 || isalpha((int)cp) || cp == '\'';
            if (!letter)
                break;
            i += step;
        }
        if (i > b) {
            nwords++;
            for (size_t k = 0; k < ncodes; k++)
                if (langs[k] && glossa_lang_has(langs[k], "function-words", text + b, i - b))
                    hits[k]++;
        } else {
            i += glossa_utf8_decode((const unsigned char *)text + i, len - i, &cp);
        }
    }
}

const char *glossa_lang_detect(const char *text, size_t len, double *confidence)
{
    size_t latin = 0, cyrillic = 0, arabic = 0, han = 0, total;
    static const char *const latin_codes[] = {"en", "fr", "es"};
    size_t hits[3] = {0, 0, 0}, best = 0, second = 0, sum;
    const char *code = NULL;
    double conf = 0;

    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += glossa_utf8_decode((const unsigned char *)text + i, len - i, &cp);
        if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp < 0x250))
            latin++;
        else if (cp >= 0x400 && cp < 0x530)
            cyrillic++;
        else if ((cp >= 0x600 && cp < 0x700) || (cp >= 0xFB50 && cp < 0xFE00))
            arabic++;
        else if ((cp >= 0x4E00 && cp < 0xA000) || (cp >= 0x3400 && cp < 0x4DC0))
            han++;
    }
    total = latin + cyrillic + arabic + han;
    if (total < 20) {
        if (confidence)
            *confidence = 0;
        return NULL;
    }
    if (cyrillic * 2 > total) {
        code = "ru";
        conf = (double)cyrillic / (double)total;
    } else if (arabic * 2 > total) {
        code = "ar";
        conf = (double)arabic / (double)total;
    } else if (han * 3 > total) {
        code = "zh";
        conf = (double)han / (double)total;
    } else {
        count_function_words(text, len, latin_codes, hits, 3);
        for (size_t k = 1; k < 3; k++)
            if (hits[k] > hits[best])
                best = k;
        for (size_t k = 0; k < 3; k++)
            if (k != best && hits[k] > second)
                second = hits[k];
        sum = hits[0] + hits[1] + hits[2];
        if (hits[best] == 0) {
            code = NULL;
        } else {
            code = latin_codes[best];
            conf = (double)(hits[best] - second) / (double)sum;
        }
    }
    if (confidence)
        *confidence = conf;
    return code;
}

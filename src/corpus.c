/* corpus: many documents for one command.
 *
 * Owns the expansion of the inputs into document sets, one at a time: a
 * stack of frames — the arguments, a folder's sorted listing, a list file
 * read line by line — so memory holds one folder listing per level and the
 * documents in hand, never the whole corpus. Order is the input order,
 * folders walked in byte order of the names, so a run is deterministic
 * wherever it runs. Grouping by name: NAME.LANG.EXT and NAME/LANG.EXT are the
 * LANG version of document NAME. Within a listing (the arguments, a folder)
 * the entries of one key are chained, and a document takes the following
 * entries of its key until one repeats a language it has (that one starts the
 * next document of the name); in a list only adjacent lines group, so a list
 * is never held whole. Traps: a folder reached again through a link is an
 * error, not an endless walk; a missing file given by name is reported when it
 * is opened, in its turn.
 *
 * The runner: worker threads take documents in order straight from the
 * expansion (under the runner's lock) and work on them into a window of
 * 2 x jobs result slots; the calling thread emits the slots in input order,
 * so output never depends on the number of threads, and memory is the
 * window's, not the corpus's. A worker's messages go to a memory stream of its
 * slot and reach stderr in input order too; so do the expansion's own errors,
 * which take the slot of the document that could not be formed. Traps: a
 * worker waits while its document is a full window ahead of the emitter; on
 * failure the emitter sets stop and the workers finish the document in hand
 * and leave. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "corpus.h"
#include "glossa/lang.h"
#include "strbuf.h"

enum { NO_ENTRY = (size_t)-1 };

/* One name of a listing: an argument, or a file or folder inside a folder. */
struct entry {
    char *path;                /* owned */
    char given[3];             /* the LANG: of the argument (or of the folder walked) */
    char lang[3];              /* grouped: the language its name gives */
    int grouped;               /* NAME.LANG.EXT or NAME/LANG.EXT */
    int used;                  /* taken into a document */
    size_t key_len;            /* grouped: the key is path[0, key_len) */
    size_t name_off, name_len; /* the document name inside path */
    size_t next;               /* the next entry of the same key, or NO_ENTRY */
};

struct corpus_frame {
    enum { FRAME_LISTING, FRAME_LIST } kind;
    /* a listing: the arguments (folder = 0) or a folder's names */
    int folder;
    dev_t dev;
    ino_t ino;
    struct entry *entries;
    size_t n, at;
    /* a list, read a line at a time */
    const char *list;
    FILE *f;
    char *line;
    size_t line_alloc, lineno;
    struct corpus_document pending; /* the document of the last grouped lines */
    size_t pending_key_len;
    char *pending_path;           /* the path of its first version (its key) */
    struct corpus_document ready; /* a document to give after pending */
    char *deferred;               /* a line to expand after pending */
};

void corpus_init(struct corpus *c)
{
    memset(c, 0, sizeof(*c));
}

void corpus_document_release(struct corpus_document *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->nversions; i++)
        free(doc->versions[i].path);
    free(doc->versions);
    free(doc->name);
    memset(doc, 0, sizeof(*doc));
}

static void frame_release(struct corpus_frame *fr)
{
    for (size_t i = 0; i < fr->n; i++)
        free(fr->entries[i].path);
    free(fr->entries);
    if (fr->f && fr->f != stdin)
        fclose(fr->f);
    free(fr->line);
    corpus_document_release(&fr->pending);
    corpus_document_release(&fr->ready);
    free(fr->pending_path);
    free(fr->deferred);
    memset(fr, 0, sizeof(*fr));
}

void corpus_release(struct corpus *c)
{
    for (size_t i = 0; i < c->nframes; i++)
        frame_release(&c->frames[i]);
    free(c->frames);
    free(c->args);
    free(c->lists);
    memset(c, 0, sizeof(*c));
}

static int out_of_memory(FILE *diag)
{
    return cli_report_to(diag, NULL, "out of memory");
}

static int push_string(const char ***v, size_t *n, const char *s)
{
    const char **grown = realloc(*v, sizeof(*grown) * (*n + 1));
    if (!grown)
        return -1;
    grown[(*n)++] = s;
    *v = grown;
    return 0;
}

int corpus_add(struct corpus *c, const char *arg)
{
    char lang[3];
    const char *path;
    struct stat st;
    if (cli_split_lang_arg(arg, lang, &path))
        return EXIT_TROUBLE;
    if (!c->recursive && strcmp(path, "-") && !stat(path, &st) && S_ISDIR(st.st_mode))
        return cli_report(NULL, "'%s' is a folder (give -r to read the files under it)", path);
    if (push_string(&c->args, &c->nargs, arg))
        return out_of_memory(NULL);
    return 0;
}

int corpus_add_list(struct corpus *c, const char *list)
{
    if (push_string(&c->lists, &c->nlists, list))
        return out_of_memory(NULL);
    return 0;
}

int corpus_copy_inputs(struct corpus *c, const struct corpus *from)
{
    corpus_init(c);
    c->recursive = from->recursive;
    for (size_t i = 0; i < from->nlists; i++)
        if (!strcmp(from->lists[i], "-"))
            return -1;
    for (size_t i = 0; i < from->nargs; i++)
        if (push_string(&c->args, &c->nargs, from->args[i]))
            return -1;
    for (size_t i = 0; i < from->nlists; i++)
        if (push_string(&c->lists, &c->nlists, from->lists[i]))
            return -1;
    return 0;
}

/* ---- names ----------------------------------------------------------------- */

/* Says whether the file name of path gives a document and a language:
 * NAME.LANG.EXT or NAME/LANG.EXT. Fills *key_len (the path up to NAME and its
 * tag), *name_off and *name_len (NAME inside path) and lang. */
static int group_of(const char *path, size_t *key_len, size_t *name_off, size_t *name_len,
                    char lang[3])
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    char tag[6] = {0};
    const char *start;
    if (!dot || dot == base)
        return 0;
    for (start = dot - 1; start > base && *start != '.'; start--)
        ;
    if (*start == '.' && dot - start - 1 >= 2 && dot - start - 1 <= 5) {
        memcpy(tag, start + 1, (size_t)(dot - start - 1));
        if (glossa_lang_canonical(tag, lang)) {
            *key_len = (size_t)(start - path);
            *name_off = (size_t)(base - path);
            *name_len = (size_t)(start - base);
            return 1;
        }
    }
    if (slash && slash > path && dot - base >= 2 && dot - base <= 5) {
        const char *parent = slash;
        memset(tag, 0, sizeof(tag));
        memcpy(tag, base, (size_t)(dot - base));
        if (!glossa_lang_canonical(tag, lang))
            return 0;
        while (parent > path && parent[-1] != '/')
            parent--;
        *key_len = (size_t)(slash - path);
        *name_off = (size_t)(parent - path);
        *name_len = (size_t)(slash - parent);
        return 1;
    }
    return 0;
}

/* Fills e for path (taken) with the language given: its group when its name
 * gives one that agrees with given, else the name of a document of its own. */
static void entry_set(struct entry *e, char *path, const char *given)
{
    memset(e, 0, sizeof(*e));
    e->path = path;
    e->next = NO_ENTRY;
    memcpy(e->given, given, 3);
    if (strcmp(path, "-") && group_of(path, &e->key_len, &e->name_off, &e->name_len, e->lang) &&
        (!given[0] || !strcmp(given, e->lang))) {
        e->grouped = 1;
    } else {
        const char *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        const char *dot = strrchr(base, '.');
        e->name_off = (size_t)(base - path);
        e->name_len = dot && dot > base ? (size_t)(dot - base) : strlen(base);
        memcpy(e->lang, given, 3);
    }
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* Chains the grouped entries of a listing by key, in order. */
static int chain_entries(struct entry *e, size_t n)
{
    size_t cap = 16, *last;
    while (cap < n * 2)
        cap *= 2;
    if (!(last = malloc(sizeof(*last) * cap)))
        return -1;
    for (size_t i = 0; i < cap; i++)
        last[i] = NO_ENTRY;
    for (size_t i = 0; i < n; i++) {
        size_t j;
        if (!e[i].grouped)
            continue;
        for (j = hash_bytes(e[i].path, e[i].key_len) & (cap - 1); last[j] != NO_ENTRY;
             j = (j + 1) & (cap - 1)) {
            const struct entry *o = &e[last[j]];
            if (o->key_len == e[i].key_len && !memcmp(o->path, e[i].path, o->key_len))
                break;
        }
        if (last[j] != NO_ENTRY)
            e[last[j]].next = i;
        last[j] = i;
    }
    free(last);
    return 0;
}

/* ---- documents --------------------------------------------------------------- */

static int document_start(struct corpus_document *d, const char *name, size_t name_len)
{
    memset(d, 0, sizeof(*d));
    return (d->name = strndup(name, name_len)) ? 0 : -1;
}

/* Adds the version lang:path (copied) of size bytes. */
static int document_add(struct corpus_document *d, const char *lang, const char *path,
                        uint64_t bytes)
{
    struct corpus_version *grown = realloc(d->versions, sizeof(*grown) * (d->nversions + 1));
    struct corpus_version *v;
    if (!grown)
        return -1;
    d->versions = grown;
    v = &d->versions[d->nversions];
    memset(v, 0, sizeof(*v));
    memcpy(v->lang, lang, 3);
    if (!(v->path = strdup(path)))
        return -1;
    v->bytes = bytes;
    d->bytes += bytes;
    d->nversions++;
    return 0;
}

static int document_has_lang(const struct corpus_document *d, const char *lang)
{
    for (size_t i = 0; i < d->nversions; i++)
        if (!strcmp(d->versions[i].lang, lang))
            return 1;
    return 0;
}

/* The size of a file named by the user; 0 when it cannot be seen (opening it
 * says why, in its turn). */
static uint64_t file_bytes(const char *path)
{
    struct stat st;
    return strcmp(path, "-") && !stat(path, &st) ? (uint64_t)st.st_size : 0;
}

/* ---- frames ------------------------------------------------------------------ */

static struct corpus_frame *push_frame(struct corpus *c)
{
    struct corpus_frame *fr;
    if (c->nframes == c->frames_alloc) {
        size_t n = c->frames_alloc ? c->frames_alloc * 2 : 8;
        struct corpus_frame *grown = realloc(c->frames, sizeof(*grown) * n);
        if (!grown)
            return NULL;
        c->frames = grown;
        c->frames_alloc = n;
    }
    fr = &c->frames[c->nframes++];
    memset(fr, 0, sizeof(*fr));
    return fr;
}

static void pop_frame(struct corpus *c)
{
    frame_release(&c->frames[--c->nframes]);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Pushes the sorted listing of folder dir, its files given the language lang. */
static int push_folder(struct corpus *c, const char *lang, const char *dir, const struct stat *st,
                       FILE *diag)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, alloc = 0;
    struct corpus_frame *fr;
    int rc = 0;

    for (size_t i = 0; i < c->nframes; i++)
        if (c->frames[i].folder && c->frames[i].dev == st->st_dev && c->frames[i].ino == st->st_ino)
            return cli_report_to(diag, NULL, "cannot read folder '%s': a link leads back into it",
                                 dir);
    if (!(d = opendir(dir)))
        return cli_report_to(diag, NULL, "cannot read folder '%s': %s", dir, strerror(errno));
    errno = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == alloc) {
            size_t na = alloc ? alloc * 2 : 32;
            char **g = realloc(names, sizeof(*g) * na);
            if (!g) {
                rc = out_of_memory(diag);
                goto out;
            }
            names = g;
            alloc = na;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = out_of_memory(diag);
            goto out;
        }
        n++;
    }
    if (errno) {
        rc = cli_report_to(diag, NULL, "cannot read folder '%s': %s", dir, strerror(errno));
        goto out;
    }
    qsort(names, n, sizeof(*names), by_name);
    if (!(fr = push_frame(c))) {
        rc = out_of_memory(diag);
        goto out;
    }
    fr->kind = FRAME_LISTING;
    fr->folder = 1;
    fr->dev = st->st_dev;
    fr->ino = st->st_ino;
    if (n && !(fr->entries = calloc(n, sizeof(*fr->entries)))) {
        rc = out_of_memory(diag);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        struct strbuf path = STRBUF_INIT;
        strbuf_addstr(&path, dir);
        if (path.len && path.buf[path.len - 1] != '/')
            strbuf_addch(&path, '/');
        if (strbuf_addstr(&path, names[i])) {
            strbuf_release(&path);
            rc = out_of_memory(diag);
            goto out;
        }
        entry_set(&fr->entries[fr->n++], strbuf_detach(&path, NULL), lang);
    }
    if (chain_entries(fr->entries, fr->n))
        rc = out_of_memory(diag);
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

/* Pushes a listing of the arguments args[0, n): "[LANG:]PATH" each. */
static int push_arguments(struct corpus *c, const char *const *args, size_t n, FILE *diag)
{
    struct corpus_frame *fr = push_frame(c);
    if (!fr)
        return out_of_memory(diag);
    fr->kind = FRAME_LISTING;
    if (n && !(fr->entries = calloc(n, sizeof(*fr->entries))))
        return out_of_memory(diag);
    for (size_t i = 0; i < n; i++) {
        char lang[3];
        const char *path;
        char *copy;
        if (cli_split_lang_arg_to(diag, args[i], lang, &path))
            return EXIT_TROUBLE;
        if (!(copy = strdup(path)))
            return out_of_memory(diag);
        entry_set(&fr->entries[fr->n++], copy, lang);
    }
    if (chain_entries(fr->entries, fr->n))
        return out_of_memory(diag);
    return 0;
}

/* Takes entry i of the listing on top: fills doc and returns 1, returns 0
 * when it made no document (a folder pushed, a special file skipped), or
 * EXIT_TROUBLE. */
static int take_entry(struct corpus *c, size_t i, struct corpus_document *doc, FILE *diag)
{
    struct corpus_frame *fr = &c->frames[c->nframes - 1];
    struct entry *e = &fr->entries[i];
    struct stat st;
    uint64_t bytes = 0;

    e->used = 1;
    if (strcmp(e->path, "-")) {
        if (stat(e->path, &st)) {
            if (fr->folder)
                return cli_report_to(diag, NULL, "cannot read '%s': %s", e->path, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            char lang[3];
            char *dir = e->path;
            int rc;
            if (!c->recursive)
                return cli_report_to(
                    diag, NULL, "'%s' is a folder (give -r to read the files under it)", e->path);
            memcpy(lang, e->given, 3);
            e->path = NULL; /* the frame array may move */
            rc = push_folder(c, lang, dir, &st, diag);
            free(dir);
            return rc;
        } else if (fr->folder && !S_ISREG(st.st_mode)) {
            return 0;
        } else {
            bytes = (uint64_t)st.st_size;
        }
    }
    if (document_start(doc, e->path + e->name_off, e->name_len) ||
        document_add(doc, e->lang, e->path, bytes))
        return out_of_memory(diag);
    for (size_t j = e->next; e->grouped && j != NO_ENTRY; j = fr->entries[j].next) {
        struct entry *o = &fr->entries[j];
        if (o->used)
            continue;
        bytes = 0;
        if (!stat(o->path, &st)) {
            if (S_ISDIR(st.st_mode) || (fr->folder && !S_ISREG(st.st_mode)))
                continue; /* walked, or skipped, in its turn */
            bytes = (uint64_t)st.st_size;
        } else if (fr->folder) {
            continue; /* reported in its turn */
        }
        if (document_has_lang(doc, o->lang))
            break; /* it starts the next document of this name */
        if (document_add(doc, o->lang, o->path, bytes))
            return out_of_memory(diag);
        o->used = 1;
    }
    return 1;
}

/* Splits a list line into words (in place); returns how many, or -1 past max. */
static int split_words(char *line, char **words, int max)
{
    int n = 0;
    for (char *p = line; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (n == max)
            return -1;
        words[n++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        if (*p)
            *p++ = '\0';
    }
    return n;
}

enum { MAX_LINE_VERSIONS = 64 };

/* Gives the next document of the list on top: returns 1 with doc, 0 when
 * the list is done or pushed a frame (look again), or EXIT_TROUBLE. */
static int next_from_list(struct corpus *c, struct corpus_document *doc, FILE *diag)
{
    struct corpus_frame *fr = &c->frames[c->nframes - 1];
    for (;;) {
        char *words[MAX_LINE_VERSIONS];
        struct entry e;
        char lang[3], *copy;
        const char *path;
        int n, all_lang = 1;
        ssize_t len;
        struct stat st;

        if (fr->ready.nversions) {
            *doc = fr->ready;
            memset(&fr->ready, 0, sizeof(fr->ready));
            return 1;
        }
        if (fr->deferred) {
            const char *arg = fr->deferred;
            int rc;
            fr->deferred = NULL; /* the frame array may move */
            rc = push_arguments(c, &arg, 1, diag);
            free((char *)arg);
            return rc;
        }
        errno = 0;
        if ((len = getline(&fr->line, &fr->line_alloc, fr->f)) < 0) {
            if (ferror(fr->f))
                return cli_report_to(diag, NULL, "cannot read '%s': %s", fr->list,
                                     strerror(errno ? errno : EIO));
            if (fr->pending.nversions) {
                *doc = fr->pending;
                memset(&fr->pending, 0, sizeof(fr->pending));
                return 1;
            }
            pop_frame(c);
            return 0;
        }
        fr->lineno++;
        if ((size_t)len != strlen(fr->line))
            return cli_report_to(diag, NULL, "cannot read '%s': a NUL byte at line %zu", fr->list,
                                 fr->lineno);
        while (len > 0 && (fr->line[len - 1] == '\n' || fr->line[len - 1] == '\r'))
            fr->line[--len] = '\0';
        if (len == 0 || fr->line[0] == '#')
            continue;
        if ((n = split_words(fr->line, words, MAX_LINE_VERSIONS)) < 0)
            return cli_report_to(diag, NULL, "cannot read '%s': more than %d versions at line %zu",
                                 fr->list, MAX_LINE_VERSIONS, fr->lineno);
        if (n == 0)
            continue;
        for (int i = 0; i < n && all_lang; i++)
            if (!strchr(words[i], ':') || cli_split_lang_arg_to(diag, words[i], lang, &path) ||
                !lang[0])
                all_lang = 0;
        if (n > 1 && all_lang) {
            /* LANG:PATH LANG:PATH: one document, named after its first file */
            struct corpus_document *d = fr->pending.nversions ? &fr->ready : doc;
            const char *slash, *dot;
            cli_split_lang_arg_to(diag, words[0], lang, &path);
            slash = strrchr(path, '/');
            slash = slash ? slash + 1 : path;
            dot = strchr(slash, '.');
            if (document_start(d, slash,
                               dot && dot > slash ? (size_t)(dot - slash) : strlen(slash)))
                return out_of_memory(diag);
            for (int i = 0; i < n; i++) {
                cli_split_lang_arg_to(diag, words[i], lang, &path);
                if (document_add(d, lang, path, file_bytes(path)))
                    return out_of_memory(diag);
            }
            if (d == doc)
                return 1;
            *doc = fr->pending;
            memset(&fr->pending, 0, sizeof(fr->pending));
            return 1;
        }
        /* one argument (a path with spaces in it: put the words back together) */
        for (int i = 1; i < n; i++)
            words[i][-1] = ' ';
        if (cli_split_lang_arg_to(diag, words[0], lang, &path))
            return EXIT_TROUBLE;
        if (!(copy = strdup(path)))
            return out_of_memory(diag);
        entry_set(&e, copy, lang);
        if (!e.grouped || stat(copy, &st) || !S_ISREG(st.st_mode)) {
            /* its own listing, after the document in hand */
            free(copy);
            if (!(copy = strdup(words[0])))
                return out_of_memory(diag);
            if (!fr->pending.nversions) {
                int rc = push_arguments(c, (const char *const *)&copy, 1, diag);
                free(copy);
                return rc;
            }
            fr->deferred = copy;
            *doc = fr->pending;
            memset(&fr->pending, 0, sizeof(fr->pending));
            return 1;
        }
        if (fr->pending.nversions && fr->pending_key_len == e.key_len &&
            !memcmp(fr->pending_path, copy, e.key_len) &&
            !document_has_lang(&fr->pending, e.lang)) {
            int rc = document_add(&fr->pending, e.lang, copy, (uint64_t)st.st_size);
            free(copy);
            if (rc)
                return out_of_memory(diag);
            continue;
        }
        {
            struct corpus_document next;
            int rc = document_start(&next, copy + e.name_off, e.name_len) ||
                     document_add(&next, e.lang, copy, (uint64_t)st.st_size);
            if (rc) {
                free(copy);
                corpus_document_release(&next);
                return out_of_memory(diag);
            }
            if (fr->pending.nversions) {
                *doc = fr->pending;
                rc = 1;
            }
            fr->pending = next;
            free(fr->pending_path);
            fr->pending_path = copy;
            fr->pending_key_len = e.key_len;
            if (rc)
                return 1;
        }
    }
}

int corpus_next(struct corpus *c, struct corpus_document *doc, FILE *diag)
{
    memset(doc, 0, sizeof(*doc));
    for (;;) {
        struct corpus_frame *fr;
        int rc;
        if (!c->nframes) {
            if (!c->args_done) {
                c->args_done = 1;
                if ((rc = push_arguments(c, c->args, c->nargs, diag)))
                    return rc;
            } else if (c->next_list < c->nlists) {
                const char *list = c->lists[c->next_list++];
                FILE *f = strcmp(list, "-") ? fopen(list, "r") : stdin;
                if (!f)
                    return cli_report_to(diag, NULL, "cannot read '%s': %s", list, strerror(errno));
                if (!(fr = push_frame(c))) {
                    if (f != stdin)
                        fclose(f);
                    return out_of_memory(diag);
                }
                fr->kind = FRAME_LIST;
                fr->list = list;
                fr->f = f;
            } else {
                return 0;
            }
            continue;
        }
        fr = &c->frames[c->nframes - 1];
        if (fr->kind == FRAME_LIST) {
            rc = next_from_list(c, doc, diag);
        } else {
            while (fr->at < fr->n && fr->entries[fr->at].used)
                fr->at++;
            if (fr->at == fr->n) {
                pop_frame(c);
                continue;
            }
            rc = take_entry(c, fr->at, doc, diag);
        }
        if (rc == 1)
            return 1;
        if (rc) {
            corpus_document_release(doc);
            return rc;
        }
    }
}

/* ---- the runner ---------------------------------------------------------- */

unsigned corpus_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

struct slot {
    int done;
    int rc;
    FILE *diag_f; /* from take to the end of work */
    char *diag;
    size_t diag_len;
    struct corpus_document doc;
    void *result;
};

struct runner {
    struct corpus *c;
    const struct corpus_job *job;
    pthread_mutex_t lock;
    pthread_cond_t work_done, room;
    struct slot *slots;
    size_t window;
    size_t next;    /* next document to take */
    size_t emitted; /* documents emitted */
    size_t total;   /* with end: the number of documents */
    int end;        /* the inputs are exhausted (or failed) */
    int stop;
    /* the counting pass, for the progress line */
    size_t counted;
    uint64_t counted_bytes;
    int count_done;
};

/* Takes the next document into its slot, lock held. Returns 1 when there is
 * work to do on it, 0 when there is none (the inputs ended, or failed: the
 * slot then holds the failure). */
static int take(struct runner *r, size_t i)
{
    struct slot *s = &r->slots[i % r->window];
    int rc = EXIT_TROUBLE;
    r->next++;
    if ((s->diag_f = open_memstream(&s->diag, &s->diag_len))) {
        if ((rc = corpus_next(r->c, &s->doc, s->diag_f)) == 1)
            return 1;
        fclose(s->diag_f);
        s->diag_f = NULL;
    }
    r->end = 1;
    r->total = rc ? i + 1 : i;
    if (rc) {
        s->rc = rc;
        s->done = 1;
    }
    pthread_cond_broadcast(&r->work_done);
    pthread_cond_broadcast(&r->room);
    return 0;
}

/* Works on the document of slot i (no lock held); its messages follow the
 * expansion's in the slot's stream. */
static void work_on(struct runner *r, void **state, size_t i)
{
    struct slot *s = &r->slots[i % r->window];
    memset(s->result, 0, r->job->result_size);
    s->rc = r->job->work(r->job->ctx, state, &s->doc, s->result, s->diag_f);
    fclose(s->diag_f);
    s->diag_f = NULL;
}

static void *worker(void *arg)
{
    struct runner *r = arg;
    void *state = NULL;
    pthread_mutex_lock(&r->lock);
    while (!r->stop && !r->end) {
        size_t i = r->next;
        if (i >= r->emitted + r->window) {
            pthread_cond_wait(&r->room, &r->lock);
            continue;
        }
        if (!take(r, i))
            break;
        pthread_mutex_unlock(&r->lock);
        work_on(r, &state, i);
        pthread_mutex_lock(&r->lock);
        r->slots[i % r->window].done = 1;
        pthread_cond_broadcast(&r->work_done);
    }
    pthread_mutex_unlock(&r->lock);
    if (state && r->job->free_state)
        r->job->free_state(state);
    return NULL;
}

/* The counting pass: the same inputs expanded again, only to know how many
 * documents and bytes there are. Its errors are the run's to report. */
static void *counter(void *arg)
{
    struct runner *r = arg;
    struct corpus c;
    struct corpus_document doc;
    FILE *null = fopen("/dev/null", "w");
    int rc = -1;
    corpus_init(&c);
    if (null && !corpus_copy_inputs(&c, r->c)) {
        while ((rc = corpus_next(&c, &doc, null)) == 1) {
            pthread_mutex_lock(&r->lock);
            r->counted++;
            r->counted_bytes += doc.bytes;
            rc = r->stop || r->end;
            pthread_mutex_unlock(&r->lock);
            corpus_document_release(&doc);
            if (rc) {
                rc = -1;
                break;
            }
        }
    }
    corpus_release(&c);
    if (null)
        fclose(null);
    pthread_mutex_lock(&r->lock);
    r->count_done = rc == 0;
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct progress {
    int on;
    double start, last;
    uint64_t bytes;
};

/* Shows the progress line after done documents; last: the run is over. */
static void progress_show(struct progress *p, struct runner *r, size_t done, int last)
{
    double t = now(), elapsed = t - p->start, rate;
    size_t total;
    uint64_t total_bytes;
    int known, counted;
    if (!p->on || (t - p->last < 0.2 && !last))
        return;
    p->last = t;
    pthread_mutex_lock(&r->lock);
    counted = r->count_done;
    known = r->end || counted || last;
    total = last ? done : r->end ? r->total : r->counted;
    total_bytes = r->counted_bytes;
    pthread_mutex_unlock(&r->lock);
    rate = elapsed > 0 ? (double)p->bytes / elapsed : 0;
    if (known)
        fprintf(stderr, "\r%s %s: %zu/%zu documents, %.1f MB/s", cli_program, r->job->what, done,
                total, rate / 1e6);
    else
        fprintf(stderr, "\r%s %s: %zu documents, %.1f MB/s", cli_program, r->job->what, done,
                rate / 1e6);
    if (counted && rate > 0 && done < total && total_bytes > p->bytes) {
        double left = (double)(total_bytes - p->bytes) / rate;
        fprintf(stderr, ", %d:%02d left", (int)(left / 60), (int)left % 60);
    }
    fputs("\033[K", stderr);
    fflush(stderr);
}

int corpus_run(struct corpus *c, const struct corpus_job *job, unsigned jobs, int progress)
{
    struct runner r = {0};
    struct progress p = {progress, now(), 0, 0};
    pthread_t *threads = NULL, count_thread;
    size_t nthreads = 0, i;
    int rc = EXIT_OK, counting = 0;
    void *state = NULL; /* the calling thread's, when it works itself */

    if (!jobs)
        jobs = corpus_default_jobs();
    r.c = c;
    r.job = job;
    r.window = (size_t)jobs * 2;
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.work_done, NULL);
    pthread_cond_init(&r.room, NULL);
    if (!(r.slots = calloc(r.window, sizeof(*r.slots))) ||
        !(threads = calloc(jobs, sizeof(*threads)))) {
        rc = out_of_memory(NULL);
        goto out;
    }
    for (i = 0; i < r.window; i++)
        if (!(r.slots[i].result = calloc(1, job->result_size ? job->result_size : 1))) {
            rc = out_of_memory(NULL);
            goto out;
        }
    if (progress)
        counting = !pthread_create(&count_thread, NULL, counter, &r);
    if (jobs > 1)
        for (; nthreads < jobs; nthreads++)
            if (pthread_create(&threads[nthreads], NULL, worker, &r)) {
                if (!nthreads) {
                    rc = cli_report(NULL, "cannot start a worker thread");
                    goto out;
                }
                break;
            }
    for (i = 0; rc == EXIT_OK; i++) {
        struct slot *s = &r.slots[i % r.window];
        pthread_mutex_lock(&r.lock);
        if (!nthreads && !r.end && take(&r, i)) {
            pthread_mutex_unlock(&r.lock);
            work_on(&r, &state, i);
            pthread_mutex_lock(&r.lock);
            s->done = 1;
        }
        while (!s->done && !(r.end && i >= r.total))
            pthread_cond_wait(&r.work_done, &r.lock);
        pthread_mutex_unlock(&r.lock);
        if (!s->done)
            break; /* the end of the inputs */
        if (s->diag_len)
            fwrite(s->diag, 1, s->diag_len, stderr);
        rc = s->rc;
        if (rc == EXIT_OK)
            rc = job->emit(job->ctx, &s->doc, s->result);
        if (job->release && s->doc.nversions)
            job->release(s->result);
        free(s->diag);
        s->diag = NULL;
        s->diag_len = 0;
        p.bytes += s->doc.bytes;
        corpus_document_release(&s->doc);
        pthread_mutex_lock(&r.lock);
        s->done = 0;
        r.emitted = i + 1;
        if (rc != EXIT_OK)
            r.stop = 1;
        pthread_cond_broadcast(&r.room);
        pthread_mutex_unlock(&r.lock);
        progress_show(&p, &r, i + 1, 0);
    }
    if (rc == EXIT_OK)
        progress_show(&p, &r, i, 1);
out:
    pthread_mutex_lock(&r.lock);
    r.stop = 1;
    pthread_cond_broadcast(&r.room);
    pthread_mutex_unlock(&r.lock);
    for (i = 0; i < nthreads; i++)
        pthread_join(threads[i], NULL);
    if (counting)
        pthread_join(count_thread, NULL);
    if (state && job->free_state)
        job->free_state(state);
    if (p.on)
        fputs("\r\033[K", stderr);
    if (r.slots)
        for (i = 0; i < r.window; i++) {
            if (r.slots[i].done && r.slots[i].doc.nversions && job->release)
                job->release(r.slots[i].result);
            corpus_document_release(&r.slots[i].doc);
            if (r.slots[i].diag_f)
                fclose(r.slots[i].diag_f);
            free(r.slots[i].diag);
            free(r.slots[i].result);
        }
    free(r.slots);
    free(threads);
    pthread_cond_destroy(&r.room);
    pthread_cond_destroy(&r.work_done);
    pthread_mutex_destroy(&r.lock);
    return rc;
}

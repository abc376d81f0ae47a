/* corpus: many documents for one command.
 *
 * Owns the expanded input: every version (a file, with its language when the
 * argument or the file name gives it) and the document sets they form. Order
 * is the input order, folders walked in byte order of the names, so a run is
 * deterministic wherever it runs. Grouping by name: NAME.LANG.EXT and
 * NAME/LANG.EXT are the LANG version of document NAME; a version joins the
 * latest document of that name that lacks its language, so a list that names
 * the same files twice makes two documents, not one with two English texts.
 *
 * The runner: worker threads take documents in order and work on them into a
 * window of 2 x jobs result slots; the calling thread emits the slots in input
 * order, so output never depends on the number of threads, and memory is the
 * window's, not the corpus's. A worker's messages go to a memory stream of its
 * slot and reach stderr in input order too. Traps: a worker waits while its
 * document is a full window ahead of the emitter; on failure the emitter sets
 * stop and the workers finish the document in hand and leave. */
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

void corpus_init(struct corpus *c)
{
    memset(c, 0, sizeof(*c));
}

void corpus_release(struct corpus *c)
{
    for (size_t i = 0; i < c->nversions; i++)
        free(c->versions[i].path);
    for (size_t i = 0; i < c->ndocs; i++) {
        free(c->docs[i].name);
        free(c->docs[i].versions);
    }
    free(c->versions);
    free(c->docs);
    free(c->table);
    memset(c, 0, sizeof(*c));
}

static uint64_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static int out_of_memory(void)
{
    return cli_report(NULL, "out of memory");
}

/* Appends a new document named name (copied); returns its index or -1. */
static long new_document(struct corpus *c, const char *name, size_t name_len)
{
    struct corpus_document *d;
    if (c->ndocs == c->docs_alloc) {
        size_t n = c->docs_alloc ? c->docs_alloc * 2 : 64;
        struct corpus_document *grown = realloc(c->docs, sizeof(*grown) * n);
        if (!grown)
            return -1;
        c->docs = grown;
        c->docs_alloc = n;
    }
    d = &c->docs[c->ndocs];
    memset(d, 0, sizeof(*d));
    if (!(d->name = strndup(name, name_len)))
        return -1;
    return (long)c->ndocs++;
}

static int add_version_to(struct corpus *c, size_t doc, const char *lang, const char *path)
{
    struct corpus_document *d = &c->docs[doc];
    struct corpus_version *v;
    struct stat st;
    size_t *grown;
    if (c->nversions == c->versions_alloc) {
        size_t n = c->versions_alloc ? c->versions_alloc * 2 : 64;
        struct corpus_version *g = realloc(c->versions, sizeof(*g) * n);
        if (!g)
            return -1;
        c->versions = g;
        c->versions_alloc = n;
    }
    if (!(grown = realloc(d->versions, sizeof(*grown) * (d->nversions + 1))))
        return -1;
    d->versions = grown;
    v = &c->versions[c->nversions];
    memset(v, 0, sizeof(*v));
    memcpy(v->lang, lang, 3);
    if (!(v->path = strdup(path)))
        return -1;
    /* A missing file is reported when it is opened, in its turn. */
    if (strcmp(path, "-") && !stat(path, &st))
        v->bytes = (uint64_t)st.st_size;
    d->bytes += v->bytes;
    c->bytes += v->bytes;
    d->versions[d->nversions++] = c->nversions++;
    return 0;
}

static int has_lang(const struct corpus *c, const struct corpus_document *d, const char *lang)
{
    for (size_t i = 0; i < d->nversions; i++)
        if (!strcmp(c->versions[d->versions[i]].lang, lang))
            return 1;
    return 0;
}

/* The document of key (grouping) that v should join, or a new one. */
static long grouped_document(struct corpus *c, const char *key, const char *name, size_t name_len,
                             const char *lang)
{
    uint64_t h = hash_name(key);
    size_t j;
    long doc;
    if (c->ndocs * 2 >= c->table_cap) {
        size_t cap = c->table_cap ? c->table_cap * 2 : 256;
        size_t *t = calloc(cap, sizeof(*t));
        if (!t)
            return -1;
        for (size_t i = 0; i < c->table_cap; i++) {
            size_t d = c->table[i];
            uint64_t dh;
            if (!d)
                continue;
            /* The key of a grouped document is kept after its name's NUL. */
            dh = hash_name(c->docs[d - 1].name + strlen(c->docs[d - 1].name) + 1);
            for (j = dh & (cap - 1); t[j]; j = (j + 1) & (cap - 1))
                ;
            t[j] = d;
        }
        free(c->table);
        c->table = t;
        c->table_cap = cap;
    }
    for (j = h & (c->table_cap - 1); c->table[j]; j = (j + 1) & (c->table_cap - 1)) {
        struct corpus_document *d = &c->docs[c->table[j] - 1];
        if (!strcmp(d->name + strlen(d->name) + 1, key)) {
            if (!has_lang(c, d, lang))
                return (long)(c->table[j] - 1);
            break; /* the newer document of that name takes the slot */
        }
    }
    if ((doc = new_document(c, name, name_len)) < 0)
        return -1;
    {
        /* The key is kept after the name's NUL. */
        size_t key_len = strlen(key);
        char *both = realloc(c->docs[doc].name, name_len + 1 + key_len + 1);
        if (!both)
            return -1;
        memcpy(both + name_len + 1, key, key_len + 1);
        c->docs[doc].name = both;
    }
    c->table[j] = (size_t)doc + 1; /* an empty slot, or the older document of that key */
    return doc;
}

/* Says whether the file name of path gives a document and a language:
 * NAME.LANG.EXT or NAME/LANG.EXT. Fills key (the path up to NAME), *name and
 * *name_len (NAME inside path) and lang. */
static int group_of(const char *path, struct strbuf *key, const char **name, size_t *name_len,
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
            strbuf_add(key, path, (size_t)(start - path));
            *name = base;
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
        strbuf_add(key, path, (size_t)(slash - path));
        *name = parent;
        *name_len = (size_t)(slash - parent);
        return 1;
    }
    return 0;
}

/* Adds the file path (lang given or "") and groups it by name. */
static int add_file(struct corpus *c, const char *lang_given, const char *path)
{
    struct strbuf key = STRBUF_INIT;
    const char *name;
    size_t name_len;
    char lang[3] = "";
    long doc;

    if (group_of(path, &key, &name, &name_len, lang) &&
        (!lang_given[0] || !strcmp(lang_given, lang))) {
        doc = grouped_document(c, key.buf, name, name_len, lang);
    } else {
        const char *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        const char *dot = strrchr(base, '.');
        memcpy(lang, lang_given, 3);
        doc = new_document(c, base, dot && dot > base ? (size_t)(dot - base) : strlen(base));
    }
    strbuf_release(&key);
    if (doc < 0 || add_version_to(c, (size_t)doc, lang, path))
        return out_of_memory();
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_folder(struct corpus *c, const char *lang, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, alloc = 0;
    int rc = 0;

    if (!d)
        return cli_report(NULL, "cannot read folder '%s': %s", dir, strerror(errno));
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == alloc) {
            size_t na = alloc ? alloc * 2 : 32;
            char **g = realloc(names, sizeof(*g) * na);
            if (!g) {
                rc = out_of_memory();
                goto out;
            }
            names = g;
            alloc = na;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = out_of_memory();
            goto out;
        }
        n++;
    }
    qsort(names, n, sizeof(*names), by_name);
    for (size_t i = 0; i < n && !rc; i++) {
        struct strbuf path = STRBUF_INIT;
        struct stat st;
        strbuf_addstr(&path, dir);
        if (path.len && path.buf[path.len - 1] != '/')
            strbuf_addch(&path, '/');
        strbuf_addstr(&path, names[i]);
        if (stat(path.buf, &st))
            rc = cli_report(NULL, "cannot read '%s': %s", path.buf, strerror(errno));
        else if (S_ISDIR(st.st_mode))
            rc = add_folder(c, lang, path.buf);
        else if (S_ISREG(st.st_mode))
            rc = add_file(c, lang, path.buf);
        strbuf_release(&path);
    }
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

int corpus_add(struct corpus *c, const char *arg)
{
    char lang[3];
    const char *path;
    struct stat st;
    if (cli_split_lang_arg(arg, lang, &path))
        return EXIT_TROUBLE;
    if (strcmp(path, "-") && !stat(path, &st) && S_ISDIR(st.st_mode)) {
        if (!c->recursive)
            return cli_report(NULL, "'%s' is a folder (give -r to read the files under it)", path);
        return add_folder(c, lang, path);
    }
    if (!strcmp(path, "-")) {
        long doc = new_document(c, "-", 1);
        if (doc < 0 || add_version_to(c, (size_t)doc, lang, path))
            return out_of_memory();
        return 0;
    }
    return add_file(c, lang, path);
}

/* One line of a list: several "LANG:PATH" words make one document. */
static int add_list_line(struct corpus *c, char *line, const char *list, size_t lineno)
{
    char *words[64];
    size_t n = 0;
    int all_lang = 1;
    long doc;
    for (char *p = line; *p && n < 64;) {
        char lang[3];
        const char *path;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        words[n++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        if (*p)
            *p++ = '\0';
        if (!strchr(words[n - 1], ':') || cli_split_lang_arg(words[n - 1], lang, &path) || !lang[0])
            all_lang = 0;
    }
    if (n == 0)
        return 0;
    if (n == 1 || !all_lang) {
        /* A path with spaces in it: put the words back together. */
        for (size_t i = 1; i < n; i++)
            words[i][-1] = ' ';
        return corpus_add(c, words[0]);
    }
    (void)list;
    (void)lineno;
    {
        char lang[3];
        const char *path, *slash, *dot;
        cli_split_lang_arg(words[0], lang, &path);
        slash = strrchr(path, '/');
        slash = slash ? slash + 1 : path;
        dot = strchr(slash, '.');
        doc = new_document(c, slash, dot && dot > slash ? (size_t)(dot - slash) : strlen(slash));
        if (doc < 0)
            return out_of_memory();
    }
    for (size_t i = 0; i < n; i++) {
        char lang[3];
        const char *path;
        cli_split_lang_arg(words[i], lang, &path);
        if (add_version_to(c, (size_t)doc, lang, path))
            return out_of_memory();
    }
    return 0;
}

int corpus_add_list(struct corpus *c, const char *list)
{
    FILE *f = strcmp(list, "-") ? fopen(list, "r") : stdin;
    char *line = NULL;
    size_t alloc = 0, lineno = 0;
    ssize_t len;
    int rc = 0;
    if (!f)
        return cli_report(NULL, "cannot read '%s': %s", list, strerror(errno));
    while (!rc && (len = getline(&line, &alloc, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        rc = add_list_line(c, line, list, lineno);
    }
    if (!rc && ferror(f))
        rc = cli_report(NULL, "cannot read '%s': %s", list, strerror(errno));
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
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
    char *diag;
    size_t diag_len;
    void *result;
};

struct runner {
    const struct corpus *c;
    const struct corpus_job *job;
    pthread_mutex_t lock;
    pthread_cond_t work_done, room;
    struct slot *slots;
    size_t window;
    size_t next;    /* next document to take */
    size_t emitted; /* documents emitted */
    int stop;
};

/* Works on document i into its slot (no lock held). */
static void work_on(struct runner *r, void **state, size_t i)
{
    struct slot *s = &r->slots[i % r->window];
    FILE *diag = open_memstream(&s->diag, &s->diag_len);
    memset(s->result, 0, r->job->result_size);
    if (!diag) {
        s->rc = EXIT_TROUBLE;
        return;
    }
    s->rc = r->job->work(r->job->ctx, state, r->c, i, s->result, diag);
    fclose(diag);
}

static void *worker(void *arg)
{
    struct runner *r = arg;
    void *state = NULL;
    pthread_mutex_lock(&r->lock);
    while (!r->stop && r->next < r->c->ndocs) {
        size_t i = r->next;
        if (i >= r->emitted + r->window) {
            pthread_cond_wait(&r->room, &r->lock);
            continue;
        }
        r->next++;
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

static void progress_show(struct progress *p, const struct corpus *c, const char *what, size_t done)
{
    double t = now(), elapsed = t - p->start, rate;
    if (!p->on || (t - p->last < 0.2 && done < c->ndocs))
        return;
    p->last = t;
    rate = elapsed > 0 ? (double)p->bytes / elapsed : 0;
    fprintf(stderr, "\r%s %s: %zu/%zu documents, %.1f MB/s", cli_program, what, done, c->ndocs,
            rate / 1e6);
    if (rate > 0 && done < c->ndocs) {
        double left = (double)(c->bytes - p->bytes) / rate;
        fprintf(stderr, ", %d:%02d left", (int)(left / 60), (int)left % 60);
    }
    fputs("\033[K", stderr);
    fflush(stderr);
}

int corpus_run(const struct corpus *c, const struct corpus_job *job, unsigned jobs, int progress)
{
    struct runner r = {0};
    struct progress p = {progress, now(), 0, 0};
    pthread_t *threads = NULL;
    size_t nthreads = 0;
    int rc = EXIT_OK;

    if (!jobs)
        jobs = corpus_default_jobs();
    if (jobs > c->ndocs)
        jobs = c->ndocs ? (unsigned)c->ndocs : 1;
    r.c = c;
    r.job = job;
    r.window = (size_t)jobs * 2;
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.work_done, NULL);
    pthread_cond_init(&r.room, NULL);
    if (!(r.slots = calloc(r.window, sizeof(*r.slots))) ||
        !(threads = calloc(jobs, sizeof(*threads)))) {
        rc = out_of_memory();
        goto out;
    }
    for (size_t i = 0; i < r.window; i++)
        if (!(r.slots[i].result = calloc(1, job->result_size ? job->result_size : 1))) {
            rc = out_of_memory();
            goto out;
        }
    if (jobs > 1)
        for (; nthreads < jobs; nthreads++)
            if (pthread_create(&threads[nthreads], NULL, worker, &r)) {
                if (!nthreads) {
                    rc = cli_report(NULL, "cannot start a worker thread");
                    goto out;
                }
                break;
            }
    {
        void *state = NULL; /* the calling thread's, when it works itself */
        for (size_t i = 0; i < c->ndocs && rc == EXIT_OK; i++) {
            struct slot *s = &r.slots[i % r.window];
            if (!nthreads) {
                work_on(&r, &state, i);
                s->done = 1;
            }
            pthread_mutex_lock(&r.lock);
            while (!s->done)
                pthread_cond_wait(&r.work_done, &r.lock);
            pthread_mutex_unlock(&r.lock);
            if (s->diag_len)
                fwrite(s->diag, 1, s->diag_len, stderr);
            rc = s->rc;
            if (rc == EXIT_OK)
                rc = job->emit(job->ctx, c, i, s->result);
            if (job->release)
                job->release(s->result);
            free(s->diag);
            s->diag = NULL;
            s->diag_len = 0;
            p.bytes += c->docs[i].bytes;
            pthread_mutex_lock(&r.lock);
            s->done = 0;
            r.emitted = i + 1;
            if (rc != EXIT_OK)
                r.stop = 1;
            pthread_cond_broadcast(&r.room);
            pthread_mutex_unlock(&r.lock);
            progress_show(&p, c, job->what, i + 1);
        }
        if (state && job->free_state)
            job->free_state(state);
    }
out:
    pthread_mutex_lock(&r.lock);
    r.stop = 1;
    pthread_cond_broadcast(&r.room);
    pthread_mutex_unlock(&r.lock);
    for (size_t i = 0; i < nthreads; i++)
        pthread_join(threads[i], NULL);
    if (p.on && c->ndocs)
        fputs("\r\033[K", stderr);
    if (r.slots)
        for (size_t i = 0; i < r.window; i++) {
            if (r.slots[i].done && job->release)
                job->release(r.slots[i].result);
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

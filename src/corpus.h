/* corpus: the inputs of a command over many documents — files, folders (-r),
 * lists (--files-from) — expanded into document sets, and the runner that
 * works on the sets in parallel and hands the results back in input order.
 * Program side: errors are reported on stderr in the house form. */
#ifndef GLOSSA_CORPUS_H
#define GLOSSA_CORPUS_H

#include <stdint.h>
#include <stdio.h>

/* One language version of a document: a file. */
struct corpus_version {
    char lang[3]; /* given (LANG:, or the file name says it); "" to settle later */
    char *path;   /* owned */
    uint64_t bytes;
};

/* A document set: the versions of one document, in input order. */
struct corpus_document {
    char *name;       /* owned: "S-2019-742" for S-2019-742.en.txt, the folder for docs/X/en.txt */
    size_t *versions; /* owned: indices into corpus.versions */
    size_t nversions;
    uint64_t bytes;
};

struct corpus {
    struct corpus_version *versions;
    size_t nversions, versions_alloc;
    struct corpus_document *docs;
    size_t ndocs, docs_alloc;
    uint64_t bytes;
    int recursive; /* folders are walked (sorted by name) */
    size_t *table; /* doc name hash -> doc index + 1 */
    size_t table_cap;
};

void corpus_init(struct corpus *c);
void corpus_release(struct corpus *c);

/* Adds one argument (borrowed): "[LANG:]FILE", "-", or a folder (with
 * c->recursive). A file named NAME.LANG.EXT, or LANG.EXT inside a folder NAME,
 * joins the document NAME as its LANG version; any other file is a document of
 * its own. Returns 0 or EXIT_TROUBLE after reporting. */
int corpus_add(struct corpus *c, const char *arg);

/* Adds the lines of list (borrowed path, "-" for stdin): one argument per line,
 * or several "LANG:PATH" separated by spaces making one document. Blank lines
 * and lines starting with '#' are skipped. Returns 0 or EXIT_TROUBLE. */
int corpus_add_list(struct corpus *c, const char *list);

/* ---- the runner ---------------------------------------------------------- */

/* What a command does with each document. work runs in a worker thread (one
 * state per thread, made on first use and freed with free_state); it fills
 * result (result_size bytes, zeroed before) and writes its messages to diag,
 * never to stderr. emit runs in the calling thread, in input order, after the
 * document's messages have been copied to stderr; release then frees what work
 * put in result. work and emit return EXIT_OK or EXIT_TROUBLE; the first
 * failure, in input order, stops the run. */
struct corpus_job {
    void *ctx;
    size_t result_size;
    int (*work)(void *ctx, void **state, const struct corpus *c, size_t doc, void *result,
                FILE *diag);
    int (*emit)(void *ctx, const struct corpus *c, size_t doc, void *result);
    void (*release)(void *result);
    void (*free_state)(void *state);
    const char *what; /* the command name, for the progress line */
};

/* Returns the number of online processors (at least 1). */
unsigned corpus_default_jobs(void);

/* Runs job over every document of c with jobs threads (0: corpus_default_jobs).
 * With progress, a line on stderr says documents done, MB/s and time left.
 * Returns EXIT_OK or the first failure. */
int corpus_run(const struct corpus *c, const struct corpus_job *job, unsigned jobs, int progress);

#endif

/* corpus: the inputs of a command over many documents — files, folders (-r),
 * lists (--files-from) — read as the run goes into document sets, and the
 * runner that works on the sets in parallel and hands the results back in
 * input order. Memory follows the documents in hand, not the corpus.
 * Program side: errors are reported in the house form. */
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
    char *name; /* owned: "S-2019-742" for S-2019-742.en.txt, the folder for docs/X/en.txt */
    struct corpus_version *versions; /* owned */
    size_t nversions;
    uint64_t bytes;
};

struct corpus_frame;

/* The inputs: arguments and lists are kept as given (borrowed) and expanded
 * one document at a time by corpus_next. */
struct corpus {
    int recursive; /* folders are walked (sorted by name) */
    const char **args, **lists;
    size_t nargs, nlists;
    /* the expansion in progress */
    struct corpus_frame *frames;
    size_t nframes, frames_alloc;
    size_t next_list;
    int args_done;
};

void corpus_init(struct corpus *c);
void corpus_release(struct corpus *c);

/* Adds one argument (borrowed; it must outlive c): "[LANG:]FILE", "-", or a
 * folder (with c->recursive). Checks what it can at once (the language code,
 * a folder without -r); the rest is reported in its turn. Returns 0 or
 * EXIT_TROUBLE after reporting. */
int corpus_add(struct corpus *c, const char *arg);

/* Adds the list (borrowed path, "-" for stdin), read in its turn after the
 * arguments: one argument per line, or several "LANG:PATH" separated by spaces
 * making one document. Blank lines and lines starting with '#' are skipped.
 * Returns 0 or EXIT_TROUBLE. */
int corpus_add_list(struct corpus *c, const char *list);

/* Fills doc (returns owned contents: corpus_document_release) with the next
 * document set, in input order. A file named NAME.LANG.EXT, or LANG.EXT inside
 * a folder NAME, joins the document NAME as its LANG version; any other file
 * is a document of its own. Grouping looks where the names are at hand: among
 * the arguments, among the files of one folder, and between adjacent lines of
 * a list; a version joins the first open document of its name that lacks its
 * language. Returns 1 with a document, 0 at the end, or EXIT_TROUBLE after
 * reporting on diag (stderr when NULL). */
int corpus_next(struct corpus *c, struct corpus_document *doc, FILE *diag);

/* Copies the inputs of from (not its progress) into c, for a second pass:
 * returns 0, or -1 when a list is standard input and cannot be read twice. */
int corpus_copy_inputs(struct corpus *c, const struct corpus *from);

void corpus_document_release(struct corpus_document *doc);

/* ---- the runner ---------------------------------------------------------- */

/* What a command does with each document. work runs in a worker thread (one
 * state per thread, made on first use and freed with free_state); it fills
 * result (result_size bytes, zeroed before) and writes its messages to diag,
 * never to stderr. emit runs in the calling thread, in input order, after the
 * document's messages have been copied to stderr; release then frees what work
 * put in result. work and emit return EXIT_OK or EXIT_TROUBLE; the first
 * failure, in input order, stops the run. doc is borrowed by both. */
struct corpus_job {
    void *ctx;
    size_t result_size;
    int (*work)(void *ctx, void **state, const struct corpus_document *doc, void *result,
                FILE *diag);
    int (*emit)(void *ctx, const struct corpus_document *doc, void *result);
    void (*release)(void *result);
    void (*free_state)(void *state);
    const char *what; /* the command name, for the progress line */
};

/* Returns the number of online processors (at least 1). */
unsigned corpus_default_jobs(void);

/* Runs job over every document of c with jobs threads (0: corpus_default_jobs),
 * reading c as it goes: at most 2 x jobs documents are in hand at a time.
 * With progress, a line on stderr says documents done, MB/s and time left (a
 * second pass over the inputs counts them meanwhile). Returns EXIT_OK or the
 * first failure. */
int corpus_run(struct corpus *c, const struct corpus_job *job, unsigned jobs, int progress);

#endif

/* longform: finding the long form of a short form among the words next to it.
 *
 * Private to the acronym finder. The words of a window of text (the words
 * before a bracket, or the content of a bracket) are split once into
 * struct lf_word records in caller-owned scratch memory, then the short
 * form's letters are aligned with them. Offsets are bytes into the text. */
#ifndef GLOSSA_LONGFORM_H
#define GLOSSA_LONGFORM_H

#include <stddef.h>
#include <stdint.h>

/* A set of words compared case-insensitively (function words, elisions, ...).
 * Entries longer than LF_SET_MAX_WORD bytes are ignored. */
#define LF_SET_MAX_WORD 64
struct lf_set {
    char **keys; /* open addressing, cap a power of two */
    size_t cap, n;
};
int lf_set_add(struct lf_set *set, const char *word, size_t len);
int lf_set_has(const struct lf_set *set, const char *word, size_t len);
/* Folds a word for the sets (lower case, apostrophes unified) into buf
 * (LF_SET_MAX_WORD bytes); returns its length, or -1 when too long. */
int lf_fold_word(const char *w, size_t n, char *buf);
void lf_set_release(struct lf_set *set);

enum lf_word_flags {
    LF_FUNCTION = 1u << 0, /* a function word the short form may skip */
    LF_ELISION = 1u << 1,  /* an elided article or preposition (l', d') */
    LF_CAPITAL = 1u << 2,  /* starts with a capital */
    LF_HYPHEN = 1u << 3,   /* joined to the word before by a hyphen */
    LF_COMMA = 1u << 4,    /* a comma (or other soft break) before it */
    LF_DIGITS = 1u << 5,   /* digits only */
    LF_QUOTE = 1u << 6,    /* a quotation mark before it */
    LF_ALLCAPS = 1u << 7,  /* two or more letters, all capitals */
    LF_ITEM = 1u << 8,     /* an article after a comma: a new item of a list starts */
};

struct lf_word {
    size_t start, end; /* bytes */
    unsigned cp, ncp;  /* its letter bases in lf_window.cps[cp .. cp + ncp) */
    unsigned flags;
};

/* The language knowledge the matcher reads (borrowed). */
struct lf_lexicon {
    const struct lf_set *function_words;
    const struct lf_set *elisions;     /* written without the apostrophe: l, d, qu */
    const struct lf_set *coordinators; /* and, et, y, и: a name list is broken there */
    const struct lf_set *articles;     /* le, la, the: after a comma, a new list item */
    const struct lf_set *heads;        /* nouns that head names (Oficina, Programme);
                                        * stems when stem is set */
    /* Russian: the stem of a lower-cased word into buf (at most LF_SET_MAX_WORD
     * bytes); returns its length, or 0 when there is none. NULL elsewhere. */
    size_t (*stem)(void *ctx, const char *word, size_t len, char *buf);
    void *stem_ctx;
    int title_case;  /* names capitalise every content word (English) */
    int capital_run; /* last resort: the capitalised phrase before the
                      * bracket (Russian transliterations: ЮНИСЕФ) */
};

/* Scratch memory reused from one window to the next (no allocation per word). */
struct lf_window {
    struct lf_word *words;
    size_t nwords, words_cap;
    int32_t *cps;
    unsigned *cp_word;
    size_t cp_word_cap;
    size_t ncps, cps_cap;
    double *cost;
    size_t cost_cap;
    int *next;
    size_t next_cap;
    unsigned *positions;
    size_t positions_cap;
    size_t to; /* end of the text split last: nothing at or past it may be read */
};
void lf_window_release(struct lf_window *w);

/* Splits text[from..to) into words. keep_last > 0 keeps only the last
 * keep_last words (the ones nearest a bracket that follows). */
int lf_window_split(struct lf_window *w, const char *text, size_t from, size_t to,
                    const struct lf_lexicon *lex, size_t keep_last);

struct lf_result {
    size_t start, end;
    double confidence;
    const char *rule;
};

enum lf_mode {
    LF_BEFORE, /* long form (SF): the long form ends at the window's end */
    LF_AFTER,  /* SF (long form), SF = long form: it starts at the window's first word */
};

/* Aligns the short form's letters (bases; upper[i] when written as a
 * capital) with the window's words. syllables: the short form is a word
 * with one capital (Europol), matched as prefixes of words. sentence_start:
 * the window starts a sentence (its first capital is weak evidence). Returns 1 and
 * fills *res when a long form is found, 0 otherwise; -1 when out of memory. */
int lf_match(struct lf_window *w, const char *text, const int32_t *letters,
             const unsigned char *upper, size_t m, int syllables, enum lf_mode mode,
             int sentence_start, const struct lf_lexicon *lex, struct lf_result *res);

#endif

/* regress: replays files through a fuzz target's LLVMFuzzerTestOneInput
 * without libFuzzer, so that kept crashing inputs and the seed corpus run in
 * every build (`make check`, ASan, valgrind).
 *
 * Arguments are files or folders (every regular file inside, in name order,
 * not recursive). Each input is copied into a buffer of exactly its size, so
 * that a read past its end is caught by ASan or valgrind. Output is TAP: one
 * line per input, after a comment naming it, so that when a crash kills the
 * driver the last comment names the input that did it. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int count;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, n;
    uint8_t chunk[65536];

    if (!f) {
        printf("not ok %d - %s: %s\n", ++count, path, strerror(errno));
        return 1;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (len + n > cap) {
            cap = (len + n) * 2;
            buf = realloc(buf, cap);
            if (!buf)
                abort();
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    /* Exactly len bytes, as libFuzzer gives them. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact)
        abort();
    if (len)
        memcpy(exact, buf, len);
    free(buf);
    printf("# replaying %s\n", path);
    fflush(stdout);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    printf("ok %d - %s\n", ++count, path);
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int run_dir(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name), fails = 0;
    if (n < 0) {
        printf("not ok %d - %s: %s\n", ++count, dir, strerror(errno));
        return 1;
    }
    for (int i = 0; i < n; i++) {
        struct stat st;
        size_t plen = strlen(dir) + strlen(names[i]->d_name) + 2;
        char *path = malloc(plen);
        if (!path)
            abort();
        snprintf(path, plen, "%s/%s", dir, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode))
            fails += run_file(path);
        free(path);
        free(names[i]);
    }
    free(names);
    return fails;
}

int main(int argc, char **argv)
{
    int fails = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            fails += run_dir(argv[i]);
        else
            fails += run_file(argv[i]);
    }
    printf("1..%d\n", count);
    return fails ? 1 : 0;
}

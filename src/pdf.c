/* pdf: PDF to running text through pdftotext -layout (poppler-utils).
 *
 * The program is started with posix_spawnp (no shell, so no quoting of file
 * names; a name starting with '-' is passed as "./-name" so that pdftotext
 * does not take it for an option), its standard input from /dev/null, its
 * standard output and standard error read through two pipes with poll() so
 * that neither can fill up and block it. Pipes are close-on-exec, so the
 * children of other threads do not inherit them. The output then goes to
 * glossa_text_from_bytes with the caller's options: the PDF repair of plain
 * text applies unless keep_layout is set. A PDF in memory (standard input) is
 * first written to a temporary file, because pdftotext needs to seek.
 *
 * The library never prints: pdftotext's own messages are kept and become the
 * error message when it fails, and are dropped when it succeeds.
 *
 * Time limit: pdftotext runs in a process group of its own; when it has not
 * closed its output by the deadline (poll's timeout, on the monotonic clock)
 * the whole group is killed, so a wrapper script and its children go too, and
 * the read fails with GLOSSA_ETOOBIG. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "glossa/pdf.h"
#include "strbuf.h"

#define MAX_MESSAGE 400

extern char **environ;

static int set_io_error(struct glossa_error *err, const char *name, int e)
{
    int rc = glossa_error_set(err, GLOSSA_EIO, name, 0, 0, "%s", strerror(e));
    if (err)
        err->sys_errno = e;
    return rc;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads both pipes to their end or until the deadline (monotonic seconds).
 * Returns 0, ETIMEDOUT, or another errno value. */
static int drain(int out_fd, int err_fd, double deadline, struct strbuf *out, struct strbuf *msg)
{
    struct pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    char buf[1 << 16];
    int open_fds = 2, rc = 0;
    while (open_fds) {
        double left = deadline - now_seconds();
        int ready;
        if (left <= 0)
            return ETIMEDOUT;
        ready = poll(fds, 2, left > 3600 ? 3600000 : (int)(left * 1000) + 1);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (ready == 0)
            continue;
        for (int i = 0; i < 2; i++) {
            ssize_t n;
            if (fds[i].fd < 0 || !fds[i].revents)
                continue;
            n = read(fds[i].fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                if (n < 0)
                    rc = errno;
                fds[i].fd = -1;
                open_fds--;
                continue;
            }
            if (i == 0) {
                if (strbuf_add(out, buf, (size_t)n) < 0 && !rc)
                    rc = ENOMEM;
            } else if (msg->len < MAX_MESSAGE) {
                strbuf_add(msg, buf, (size_t)n);
            }
        }
    }
    return rc;
}

/* pdftotext's messages on one line, a line said again (poppler repeats some)
 * kept once, without trailing blanks. */
static void tidy_message(struct strbuf *msg)
{
    size_t k = 0, prev = 0, prev_len = 0;
    char *s = msg->buf;
    if (!s)
        return;
    for (size_t i = 0; i < msg->len;) {
        size_t end = i, start;
        while (end < msg->len && s[end] != '\n' && s[end] != '\r')
            end++;
        while (i < end && s[i] == ' ')
            i++;
        if (end > i && !(end - i == prev_len && !memcmp(s + prev, s + i, prev_len))) {
            if (k)
                s[k++] = ' ';
            start = k;
            memmove(s + k, s + i, end - i);
            k += end - i;
            prev = start;
            prev_len = end - i;
        }
        i = end + 1;
    }
    while (k && s[k - 1] == ' ')
        k--;
    s[k] = '\0';
    msg->len = k;
}

/* Runs pdftotext on file, its output appended to out. name is used in errors. */
static int not_installed(struct glossa_error *err, const char *name, const char *program)
{
    if (!strcmp(program, "pdftotext"))
        return glossa_error_set(err, GLOSSA_EFORMAT, name, 0, 0,
                                "pdftotext is not installed (Debian: apt-get install "
                                "poppler-utils); it is needed to read PDF files");
    return glossa_error_set(err, GLOSSA_EFORMAT, name, 0, 0,
                            "'%s' is not installed; pdftotext (Debian: poppler-utils) is "
                            "needed to read PDF files",
                            program);
}

static int run_pdftotext(const char *name, const char *file, const char *program, unsigned timeout,
                         struct strbuf *out, struct glossa_error *err)
{
    struct strbuf arg = STRBUF_INIT, msg = STRBUF_INIT;
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
    int rc = 0, e, status = 0;
    size_t out_before = out->len;
    pid_t pid;
    char *argv[7];

    if (!program)
        program = "pdftotext";
    if (!timeout)
        timeout = GLOSSA_PDF_TIMEOUT;
    if (file[0] == '-' && strbuf_addstr(&arg, "./") < 0)
        return glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
    if (strbuf_addstr(&arg, file) < 0)
        return glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
    argv[0] = (char *)program;
    argv[1] = (char *)"-layout";
    argv[2] = (char *)"-enc";
    argv[3] = (char *)"UTF-8";
    argv[4] = arg.buf;
    argv[5] = (char *)"-";
    argv[6] = NULL;
    if (pipe2(out_pipe, O_CLOEXEC) < 0 || pipe2(err_pipe, O_CLOEXEC) < 0) {
        rc = set_io_error(err, name, errno);
        goto done;
    }
    if ((e = posix_spawn_file_actions_init(&actions))) {
        rc = set_io_error(err, name, e);
        goto done;
    }
    if ((e = posix_spawnattr_init(&attr))) {
        posix_spawn_file_actions_destroy(&actions);
        rc = set_io_error(err, name, e);
        goto done;
    }
    /* a group of its own, so that the time limit stops what it started too */
    e = posix_spawnattr_setpgroup(&attr, 0);
    if (!e)
        e = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    if (!e)
        e = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (!e)
        e = posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    if (!e)
        e = posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    if (!e)
        e = posix_spawnp(&pid, program, &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (e) {
        if (e == ENOENT)
            rc = not_installed(err, name, program);
        else
            rc = glossa_error_set(err, GLOSSA_EIO, name, 0, 0, "cannot run %s: %s", program,
                                  strerror(e));
        goto done;
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    out_pipe[1] = err_pipe[1] = -1;
    e = drain(out_pipe[0], err_pipe[0], now_seconds() + timeout, out, &msg);
    if (e == ETIMEDOUT)
        kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    tidy_message(&msg);
    if (e == ETIMEDOUT)
        rc = glossa_error_set(
            err, GLOSSA_ETOOBIG, name, 0, 0,
            "%s did not finish in %u s and was stopped (GLOSSA_PDF_TIMEOUT=SECONDS "
            "allows more)",
            program, timeout);
    else if (e == ENOMEM)
        rc = glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
    else if (e)
        rc = set_io_error(err, name, e);
    else if (WIFSIGNALED(status))
        rc = glossa_error_set(err, GLOSSA_EFORMAT, name, 0, 0, "%s was killed by signal %d%s%s",
                              program, WTERMSIG(status), msg.len ? ": " : "",
                              msg.len ? msg.buf : "");
    else if (WEXITSTATUS(status) == 127 && !msg.len && out_before == out->len)
        /* The child could not exec the program and posix_spawn could not say
         * so (it runs as a plain fork under valgrind, for one). */
        rc = not_installed(err, name, program);
    else if (WEXITSTATUS(status) != 0)
        rc = glossa_error_set(err, GLOSSA_EFORMAT, name, 0, 0,
                              "%s cannot read it (exit status %d)%s%s", program,
                              WEXITSTATUS(status), msg.len ? ": " : "", msg.len ? msg.buf : "");
done:
    for (int i = 0; i < 2; i++) {
        if (out_pipe[i] >= 0)
            close(out_pipe[i]);
        if (err_pipe[i] >= 0)
            close(err_pipe[i]);
    }
    strbuf_release(&arg);
    strbuf_release(&msg);
    return rc;
}

static int text_of(const char *name, const char *file, const char *program, unsigned timeout,
                   const struct glossa_text_options *opts, struct glossa_text **out,
                   struct glossa_error *err)
{
    struct glossa_text_options topts = {NULL, 0, NULL};
    struct strbuf text = STRBUF_INIT;
    int rc = run_pdftotext(name, file, program, timeout, &text, err);
    if (!rc) {
        if (opts)
            topts = *opts;
        topts.encoding = NULL; /* pdftotext was told to write UTF-8 */
        rc = glossa_text_from_bytes(name, text.buf ? text.buf : "", text.len, &topts, out, err);
    }
    strbuf_release(&text);
    return rc;
}

int glossa_pdf_read_file(const char *path, const char *pdftotext, unsigned timeout,
                         const struct glossa_text_options *opts, struct glossa_text **out,
                         struct glossa_error *err)
{
    *out = NULL;
    /* pdftotext's own message for a missing file is vaguer than ours */
    if (access(path, R_OK) < 0)
        return set_io_error(err, path, errno);
    return text_of(path, path, pdftotext, timeout, opts, out, err);
}

int glossa_pdf_from_bytes(const char *name, const char *data, size_t len, const char *pdftotext,
                          unsigned timeout, const struct glossa_text_options *opts,
                          struct glossa_text **out, struct glossa_error *err)
{
    struct strbuf tmp = STRBUF_INIT;
    const char *dir = getenv("TMPDIR");
    int fd, rc = 0;
    *out = NULL;
    if (strbuf_addf(&tmp, "%s/glossa-pdf-XXXXXX", dir && *dir ? dir : "/tmp") < 0)
        return glossa_error_set(err, GLOSSA_ENOMEM, name, 0, 0, "out of memory");
    fd = mkstemp(tmp.buf);
    if (fd < 0) {
        rc = set_io_error(err, name, errno);
        strbuf_release(&tmp);
        return rc;
    }
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = set_io_error(err, name, errno);
            break;
        }
        done += (size_t)n;
    }
    if (close(fd) < 0 && !rc)
        rc = set_io_error(err, name, errno);
    if (!rc)
        rc = text_of(name, tmp.buf, pdftotext, timeout, opts, out, err);
    unlink(tmp.buf);
    strbuf_release(&tmp);
    return rc;
}

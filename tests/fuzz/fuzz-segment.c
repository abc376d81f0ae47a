/* fuzz-segment: the segmenter, on whatever the decoder accepts.
 *
 * The first byte chooses the language and whether layout repair runs; the rest
 * is the file. Paragraphs must tile the body line by line, in order; sentences
 * must lie inside their paragraph, in order, not overlapping, on character
 * boundaries, and be listed under the paragraph they belong to. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "glossa/segment.h"
#include "glossa/text.h"

static const char *const langs[] = {"en", "fr", "es", "ru", "ar", "zh", "en", "fr"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct glossa_text_options opts = {NULL, 0, NULL};
    struct glossa_text *text = NULL;
    struct glossa_segments *segs = NULL;
    struct glossa_error err;
    const char *lang, *body;
    size_t len, seg = 0;
    int rc;

    if (size < 1)
        return 0;
    lang = langs[data[0] & 7];
    opts.keep_layout = (data[0] >> 3) & 1;
    opts.lang = (data[0] >> 4) & 1 ? lang : NULL;
    data++, size--;

    glossa_error_init(&err);
    if (glossa_text_from_bytes("fuzz.txt", (const char *)data, size, &opts, &text, &err)) {
        glossa_error_release(&err);
        return 0;
    }
    body = glossa_text_body(text, &len);
    rc = glossa_segment_text(text, lang, &segs, &err);
    FUZZ_CHECK(rc <= 0);
    if (rc == 0) {
        FUZZ_CHECK(segs != NULL);
        FUZZ_CHECK(strcmp(segs->lang, lang) == 0);
        for (size_t p = 0; p < segs->nparagraphs; p++) {
            const struct glossa_paragraph *par = &segs->paragraphs[p];
            FUZZ_CHECK(par->start <= par->text_start && par->text_start <= par->end);
            FUZZ_CHECK(par->end <= len);
            FUZZ_CHECK(memchr(body + par->start, '\n', par->end - par->start) == NULL);
            FUZZ_CHECK(par->end == len || body[par->end] == '\n');
            FUZZ_CHECK(p == 0 || segs->paragraphs[p - 1].end < par->start);
            FUZZ_CHECK(fuzz_utf8_boundary(body, len, par->text_start));
            if (par->number)
                FUZZ_CHECK(fuzz_utf8_valid(par->number, strlen(par->number)));
            FUZZ_CHECK(par->first_segment == seg || par->nsegments == 0);
            for (size_t s = par->first_segment; s < par->first_segment + par->nsegments; s++) {
                const struct glossa_segment *sg;
                FUZZ_CHECK(s < segs->n);
                sg = &segs->items[s];
                FUZZ_CHECK(sg->paragraph == p);
                FUZZ_CHECK(par->start <= sg->start && sg->start <= sg->end && sg->end <= par->end);
                FUZZ_CHECK(s == 0 || segs->items[s - 1].end <= sg->start);
                FUZZ_CHECK(fuzz_utf8_boundary(body, len, sg->start));
                FUZZ_CHECK(fuzz_utf8_boundary(body, len, sg->end));
            }
            seg += par->nsegments;
        }
        FUZZ_CHECK(seg == segs->n);
    } else {
        FUZZ_CHECK(segs == NULL && err.code == rc);
    }
    glossa_segments_free(segs);
    glossa_text_free(text);
    glossa_error_release(&err);
    return 0;
}

# make-pdf.awk: writes a plain ASCII text as a PDF, the way a word processor
# would print it: paragraphs (lines of the input) wrapped at WIDTH characters
# on spaces, set in Courier 10 pt, LINES lines a page, a paragraph running on
# to the next page when the page is full. Standard PDF 1.4 with a correct
# cross-reference table, written by hand (no converter needed), so tests can
# make a PDF from the bundled sample and read it back with pdftotext.
#
#   LC_ALL=C awk -f make-pdf.awk [-v WIDTH=80] [-v LINES=60] text.txt > text.pdf
#
# Only ASCII is written: other bytes become '?' (the English sample is ASCII).
BEGIN {
    if (!WIDTH) WIDTH = 80
    if (!LINES) LINES = 60
    nlines = 0
}

function emit(s) { lines[++nlines] = s }

{
    gsub(/\r$/, "")
    gsub(/[^\t -~]/, "?")
    gsub(/\t/, "    ")
    s = $0
    if (length(s) <= WIDTH) { emit(s); next }
    # wrap on spaces; a word longer than WIDTH gets a line of its own
    while (length(s) > WIDTH) {
        cut = 0
        for (i = WIDTH + 1; i > 1; i--)
            if (substr(s, i, 1) == " ") { cut = i; break }
        if (!cut) {
            cut = index(s, " ")
            if (!cut) break
        }
        emit(substr(s, 1, cut - 1))
        s = substr(s, cut + 1)
        sub(/^ +/, "", s)
    }
    if (s != "") emit(s)
}

function out(s) { printf "%s", s; offset += length(s) }
function obj(n, body) { xref[n] = offset; out(n " 0 obj\n" body "\nendobj\n") }
function escape(s) {
    gsub(/\\/, "\\\\", s)
    gsub(/\(/, "\\(", s)
    gsub(/\)/, "\\)", s)
    return s
}

END {
    npages = int((nlines + LINES - 1) / LINES)
    if (npages < 1) npages = 1
    pagew = 72 * 2 + WIDTH * 6
    pageh = 72 * 2 + LINES * 12
    offset = 0
    out("%PDF-1.4\n")
    obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
    kids = ""
    for (p = 0; p < npages; p++)
        kids = kids (4 + 2 * p) " 0 R "
    obj(2, "<< /Type /Pages /Kids [ " kids "] /Count " npages " >>")
    obj(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    for (p = 0; p < npages; p++) {
        content = ""
        for (k = 1; k <= LINES; k++) {
            i = p * LINES + k
            if (i > nlines) break
            if (lines[i] == "") continue
            y = pageh - 72 - k * 12
            content = content "BT /F1 10 Tf 72 " y " Td (" escape(lines[i]) ") Tj ET\n"
        }
        obj(4 + 2 * p, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " pagew " " pageh "]" \
            " /Resources << /Font << /F1 3 0 R >> >> /Contents " (5 + 2 * p) " 0 R >>")
        obj(5 + 2 * p, "<< /Length " length(content) " >>\nstream\n" content "endstream")
    }
    nobj = 4 + 2 * npages
    xref_at = offset
    out("xref\n0 " nobj "\n0000000000 65535 f \n")
    for (n = 1; n < nobj; n++)
        out(sprintf("%010d 00000 n \n", xref[n]))
    out("trailer\n<< /Size " nobj " /Root 1 0 R >>\nstartxref\n" xref_at "\n%%EOF\n")
}

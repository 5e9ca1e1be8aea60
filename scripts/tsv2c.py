#!/usr/bin/env python3
"""Compiles a data table (TSV) into C at build time.

    tsv2c.py TABLE.tsv OUT.c SYMBOL

TABLE.tsv: UTF-8; lines starting with '#' are comments (say where the
data comes from there); the first other line names the columns; every
further non-empty line is a row with exactly as many tab-separated cells.
A cell may use \\t, \\n and \\\\ escapes; an empty cell is "".

OUT.c defines
    const char *const SYMBOL[][NCOLS];   every row, in file order
    const size_t SYMBOL_rows;            how many
    const size_t SYMBOL_cols;            NCOLS
so the owner declares them in its header and reads the cells as strings
(converting numbers once, where it loads the table). A malformed table
fails the build with the file and line.
"""
import sys


def c_string(cell):
    out = []
    for ch in cell.encode("utf-8"):
        if ch in (0x22, 0x5C):
            out.append("\\" + chr(ch))
        elif 0x20 <= ch < 0x7F and ch != 0x3F:  # '?' escaped: no trigraphs
            out.append(chr(ch))
        else:
            out.append("\\%03o" % ch)
    return '"' + "".join(out) + '"'


def unescape(cell):
    return cell.replace("\\\\", "\x00").replace("\\t", "\t").replace("\\n", "\n").replace("\x00", "\\")


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: tsv2c.py TABLE.tsv OUT.c SYMBOL")
    src, dst, sym = sys.argv[1:]
    header, rows = None, []
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) != len(header):
                sys.exit("%s:%d: %d cells, the header has %d" % (src, n, len(cells), len(header)))
            rows.append([unescape(c) for c in cells])
    if header is None:
        sys.exit("%s: no header line" % src)
    cols = len(header)
    with open(dst, "w", encoding="ascii") as o:
        o.write("/* Generated from %s by scripts/tsv2c.py; do not edit. */\n" % src.split("/")[-1])
        o.write("#include <stddef.h>\n")
        o.write("extern const char *const %s[][%d];\n" % (sym, cols))
        o.write("extern const size_t %s_rows, %s_cols;\n" % (sym, sym))
        o.write("/* columns: %s */\n" % " | ".join(header).replace("*/", "* /"))
        o.write("const char *const %s[][%d] = {\n" % (sym, cols))
        for r in rows:
            o.write("    {" + ", ".join(c_string(c) for c in r) + "},\n")
        if not rows:
            o.write("    {" + ", ".join('""' for _ in header) + "},\n")
        o.write("};\n")
        o.write("const size_t %s_rows = %d;\n" % (sym, len(rows)))
        o.write("const size_t %s_cols = %d;\n" % (sym, cols))


if __name__ == "__main__":
    main()

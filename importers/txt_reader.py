"""Plain text and markdown (.txt, .md): text extracted from PDF or Word.

Tab-separated lines (or markdown ``| a | b |`` rows) are table rows; a run of
them, with blank lines and short stray lines (a leader's name broken over two
lines) in between, is one table.  Everything else becomes paragraphs, with
lines broken by page width joined again.
"""
from __future__ import annotations

from pathlib import Path

from importers.document import SourceDoc, Table
from importers.guard import check_file
from importers.headings import parse_label
from importers.markers import legend_entry
from importers.text_source import clean_lines, decode, join_broken, normalise_controls

_STRAY = 8  # lines this short inside a table are fragments of a cell, not text


def starts_item(line: str) -> bool:
    return parse_label(line) is not None or line.startswith("附件")


def blocks_from_lines(lines: list[str]) -> list[str | Table]:
    blocks: list[str | Table] = []
    text: list[str] = []
    table: Table | None = None
    for line in lines:
        if "\t" in line:
            if table is None:
                blocks.extend(join_broken(text, starts_item))
                text = []
                table = Table([])
                blocks.append(table)
            table.rows.append(line.split("\t"))
            continue
        if table is not None and (not line.strip() or (len(line.strip()) <= _STRAY and not legend_entry(line))):
            continue
        table = None
        text.append(line)
    blocks.extend(join_broken(text, starts_item))
    return [b for b in blocks if not isinstance(b, Table) or len(b.rows) > 1]


def read_txt(path: str | Path, max_rows: int | None = None) -> SourceDoc:
    path = check_file(path)
    text, controls = normalise_controls(decode(path.read_bytes(), path))
    doc = SourceDoc(path, blocks_from_lines(clean_lines(text)))
    if controls:
        doc.notes.append(("control-chars", f"文件中有 {controls} 处控制字符（换页符、垂直制表符、终端颜色代码等），"
                                           "已清除：行首行尾的按换行处理，行内的按空格处理"))
    return doc

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
from importers.headings import is_part_heading, parse_label
from importers.markers import legend_entry
from importers.reflow import is_field_line, reflow
from importers.script import simplified_text
from importers.text_source import clean_lines, decode, join_broken, normalise_controls

_STRAY = 8  # lines this short inside a table are fragments of a cell, not text


def starts_item(line: str) -> bool:
    return parse_label(line) is not None or line.startswith("附件") or is_field_line(line) or is_part_heading(line)


def _group_heading(line: str) -> bool:
    """``一、扩大有效投资`` printed between the rows of a table (a group of the rows below it)."""
    label = parse_label(line)
    text = line.strip()
    return label is not None and label.level <= 2 and len(text) <= 60 and not text.endswith(("。", "；", "："))


def blocks_from_lines(lines: list[str]) -> list[str | Table]:
    blocks: list[str | Table] = []
    text: list[str] = []
    table: Table | None = None
    for line in lines:
        if "\t" in line:
            if table is None:
                group = text.pop() if text and _group_heading(text[-1]) else None  # the heading over the first rows
                blocks.extend(join_broken(text, starts_item))
                text = []
                table = Table([])
                blocks.append(table)
                if group is not None:
                    table.rows.append([group])
            table.rows.append(line.split("\t"))
            if len(table.rows) == 2 and len(table.rows[0]) == 1:
                table.rows.reverse()  # the header first, the group under it
            continue
        if table is not None and _group_heading(line):
            table.rows.append([line.strip()])
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
    text, back = simplified_text(text)
    doc = SourceDoc(path, blocks_from_lines(reflow(clean_lines(text))), back=back)
    if controls:
        doc.notes.append(("control-chars", f"文件中有 {controls} 处控制字符（换页符、垂直制表符、终端颜色代码等），"
                                           "已清除：行首行尾的按换行处理，行内的按空格处理"))
    return doc

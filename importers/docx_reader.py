"""Word documents (.docx): paragraphs and tables in document order.

Tables are read from the XML directly (python-docx rebuilds the whole cell
grid for every row, which is slow on long tables): a cell spanning columns
(``gridSpan``) fills its first column, a cell merged down (``vMerge``) repeats
the text of the cell above, so the table parser sees every row complete.
Numbers Word prints itself (automatic list numbering) are put before their
paragraph's text (:mod:`importers.docx_numbering`).
"""
from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

from importers.annotations import unbracket_keys
from importers.docx_numbering import ListNumbers
from importers.document import SourceDoc, Table
from importers.guard import check_office_zip
from importers.text_source import clean_lines, clean_typed, join_broken
from importers.txt_reader import starts_item

_P, _TBL, _SDT, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR = qn("w:t"), qn("w:tab"), qn("w:br")


def _text(p, numbers: ListNumbers) -> str:
    """A paragraph's text: its list number, runs, tabs and line breaks (also inside hyperlinks and fields)."""
    out = [numbers.label(p)]
    for el in p.iter(_T, _TAB, _BR):
        out.append(el.text or "" if el.tag == _T else "\t" if el.tag == _TAB else "\n")
    return "".join(out)


def _cell_text(tc, numbers: ListNumbers) -> str:
    return "\n".join(clean_typed(_text(p, numbers)) for p in tc.iter(_P))


def _table(tbl, numbers: ListNumbers) -> Table:
    rows: list[list[str]] = []
    above: dict[int, str] = {}  # grid column -> text of the cell that a vMerge continues
    for tr in tbl.iterchildren(_TR):
        row: list[str] = []
        col = 0
        for tc in tr.iterchildren(_TC):
            span = tc.grid_span
            text = above.get(col, "") if tc.vMerge == "continue" else _cell_text(tc, numbers)
            above[col] = text
            row.extend([text] + [""] * (span - 1))
            col += span
        rows.append(row)
    return Table(rows, merged=True)


def _blocks(container, out: list, numbers: ListNumbers) -> None:
    for child in container.iterchildren():
        if child.tag == _P:
            out.append(_text(child, numbers))
        elif child.tag == _TBL:
            out.append(_table(child, numbers))
        elif child.tag == _SDT:  # content controls hold paragraphs and tables too
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _blocks(content, out, numbers)


def read_docx(path: str | Path, max_rows: int | None = None) -> SourceDoc:
    path = check_office_zip(path, max_rows)
    document = docx.Document(str(path))
    raw: list = []
    _blocks(document.element.body, raw, ListNumbers(document))
    blocks: list[str | Table] = []
    lines: list[str] = []
    for item in raw:
        if isinstance(item, Table):
            blocks.extend(join_broken(lines, starts_item))
            lines = []
            blocks.append(item)
        else:
            lines.extend(l for l in clean_lines(unbracket_keys(item.replace("\t", " "))))
    blocks.extend(join_broken(lines, starts_item))
    return SourceDoc(path, blocks)

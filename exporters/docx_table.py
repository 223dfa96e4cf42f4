"""The appendix (附件) of a notice in Word: label, title, the list table and its legend.

Renders :class:`exporters.appendix_layout.AppendixTable` — it never re-derives
columns, rows or merges.  The table is written at XML level from per-column
cell templates and parsed once: python-docx's ``Table.cell()`` rebuilds the
grid on every call, which makes cell-by-cell filling quadratic (spec §2.1.6).

Layout (spec §1.7): header row repeated on each page (``w:tblHeader``), rows
kept whole (``w:cantSplit``), parent indicators merged vertically
(``w:vMerge``), fixed layout with a width on every cell and grid column,
0.5 pt borders, cells vertically centred.
"""
from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.oxml import parse_xml

from exporters.appendix_layout import AppendixTable
from exporters.column_widths import MM_PER_PT, estimated_lines
from exporters.docx_style import (
    LANDSCAPE_TEXT_WIDTH, LINE_PITCH, NSDECL, SIZE_3, TABLE_CENTER, TABLE_HEADER, TABLE_NOTE,
    TABLE_TEXT, Para, append_xml, clean, mm, needs_hint, paragraph_xml, run_xml, text_width,
)
from exporters.title_lines import split_title
from models.errors import Cancelled

Progress = Callable[[int, int], "bool | None"]  # progress(rows done, rows) → False to cancel

CELL_MARGIN = mm(1.5)
PAGE_HEIGHT_MM = 156.0 - 15.0  # the landscape text block less a header row
LINE_EMS = 1.3  # a single-spaced line of 仿宋, in ems
BORDER_EIGHTHS = 4  # 0.5 pt


def column_twips(table: AppendixTable, total: int = LANDSCAPE_TEXT_WIDTH) -> list[int]:
    """Column widths in twips, in the layout's proportions, summing exactly to ``total``."""
    mm_sum = sum(c.width_mm for c in table.columns)
    widths = [round(c.width_mm / mm_sum * total) for c in table.columns]
    widths[-1] += total - sum(widths)
    return widths


def _runs(text: str) -> str:
    """Runs of a cell; the paragraph style carries the font."""
    text = clean(text)
    if not text:
        return ""
    rpr = '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>' if needs_hint(text) else ""
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n"))
    return f"<w:r>{rpr}{body}</w:r>"


def table_xml(table: AppendixTable, progress: Progress | None = None, width: int = LANDSCAPE_TEXT_WIDTH) -> str:
    """The ``w:tbl`` of the appendix as one XML string, ``width`` twips wide."""
    widths = column_twips(table, width)
    total = sum(widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="{BORDER_EIGHTHS}" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        f"<w:tbl {NSDECL}><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>",
        f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>",
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]

    def cell_open(width: int, merge: str, style: str) -> str:
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}<w:vAlign w:val="center"/>'
                f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>')

    # Header row: repeated on every page, never split.
    parts.append('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>')
    for width, column in zip(widths, table.columns):
        parts.append(cell_open(width, "", TABLE_HEADER) + _runs(column.header) + "</w:p></w:tc>")
    parts.append("</w:tr>")

    # Templates per column and merge state: "" (none), restart, continue.
    states = {"": "", "r": '<w:vMerge w:val="restart"/>', "c": "<w:vMerge/>"}
    templates = [
        {key: cell_open(width, xml, TABLE_CENTER if column.centered else TABLE_TEXT)
         for key, xml in states.items()}
        for width, column in zip(widths, table.columns)
    ]
    merge_state: dict[tuple[int, int], str] = {}
    for m in table.merges:
        merge_state[(m.first, m.column)] = "r"
        for r in range(m.first + 1, m.last + 1):
            merge_state[(r, m.column)] = "c"
    row_open = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    # A row taller than a page may break (between lines): kept whole it would be cut off.
    page_lines = PAGE_HEIGHT_MM / (table.body_pt * LINE_EMS * MM_PER_PT)
    mm_widths = [c.width_mm for c in table.columns]
    count = len(table.rows)
    for r, row in enumerate(table.rows):
        tall = any(len(text) > page_lines and estimated_lines(text, mm_widths[c], table.body_pt) > page_lines
                   for c, text in enumerate(row) if merge_state.get((r, c)) is None)
        parts.append("<w:tr>" if tall else row_open)
        for c, text in enumerate(row):
            state = merge_state.get((r, c), "")
            # A continued merge cell holds only an empty paragraph.
            parts.append(templates[c][state] + ("" if state == "c" else _runs(text)) + "</w:p></w:tc>")
        parts.append("</w:tr>")
        if progress is not None and (r % 500 == 499 or r == count - 1):
            if progress(r + 1, count) is False:
                raise Cancelled()
    parts.append("</w:tbl>")
    return "".join(parts)


def add_appendix(doc: DocumentObject, table: AppendixTable, progress: Progress | None = None) -> None:
    """Label, title, table and legend, appended to the current (landscape) section."""
    fonts = table.fonts
    # 附件 label: line 1, flush left, 三号黑体.
    append_xml(doc, paragraph_xml(Para(first_line=0, align="left"),
                                  run_xml(table.label, fonts.heiti, SIZE_3)))
    append_xml(doc, paragraph_xml(Para(first_line=0)))
    # Title: line 3, centred, 小标宋; long titles in balanced lines.
    max_units = (LANDSCAPE_TEXT_WIDTH / 20) / table.title_pt
    lines = split_title(table.title, max_units)
    line_height = max(LINE_PITCH, round(table.title_pt * 1.25 * 20))
    append_xml(doc, paragraph_xml(Para(first_line=0, align="center", line=line_height, keep_next=True,
                                       snap=False),
                                  run_xml("\n".join(lines), fonts.title, table.title_pt)))
    append_xml(doc, paragraph_xml(Para(first_line=0, keep_next=True, line=LINE_PITCH // 2, snap=False)))
    doc.element.body.sectPr.addprevious(parse_xml(table_xml(table, progress)))
    if table.legend:
        append_xml(doc, paragraph_xml(Para(style=TABLE_NOTE)))  # a thin gap
        # 注：1.… with the following items aligned under "1."
        first, *rest = table.legend
        hang = round(text_width("注：") * table.body_pt * 20) if first.startswith("注：") else 0
        append_xml(doc, paragraph_xml(Para(style=TABLE_NOTE, left=hang, first_line=-hang), _runs(first)))
        for line in rest:
            append_xml(doc, paragraph_xml(Para(style=TABLE_NOTE, left=hang, first_line=0), _runs(line)))


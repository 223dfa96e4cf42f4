"""The appendix body as Excel rows and printed pages: nothing cut, merges closed at each page foot.

Excel caps a row at 409 pt and a cell at 32,767 characters, and neither Excel
nor LibreOffice grows generated rows, so a long task would print cut off.
Here:

- a task too long for one row continues on further rows, its text split at
  sentence ends where possible, the row's other cells merged over them;
- the page breaks are computed from the row heights (which are set, so the
  printout follows them) and written as manual breaks;
- a merged cell crossing a break is split there: the part on the next page
  repeats its text and every part has its bottom border (but for a break
  inside a continued task, whose cells stay merged: that is how a returned
  copy's rows are joined again, :mod:`importers.returned_sheets`);
- the legend never stands alone under the header row: the last task goes
  over with it.

Pure Python over texts, widths and heights (:mod:`exporters.xlsx_style`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from exporters.xlsx_style import (
    EXCEL_MAX_TEXT, LINE_EMS, MAX_ROW_HEIGHT, Span, body_row_heights, cell_height, wrapped_lines,
)

# A4 landscape (210 mm high) less the margins of xlsx_style.MARGINS (1.10 + 1.02 in), and a little
# room for renderers that scale the sheet a hair differently.
PRINT_HEIGHT_PT = (210 / 25.4 - 1.10 - 1.02) * 72 * 0.995
_SENTENCE_END = "。；！？;!?"
_CLAUSE_END = "，、,"
MAX_PASSES = 4


@dataclass
class SheetBody:
    rows: list[list[str]]  # texts per Excel body row; "" where a merge covers a cell
    origin: list[int]  # the table row each Excel row shows
    spans: list[Span]  # vertical merges in Excel body rows (parts closed at page breaks)
    heights: list[float]
    breaks: list[int] = field(default_factory=list)  # Excel body rows that start a new page
    first_of: dict[int, int] = field(default_factory=dict)  # table row → its first Excel body row
    row_count: dict[int, int] = field(default_factory=dict)  # table row → the Excel rows it takes


def split_text(text: str, width: float, size: float) -> list[str]:
    """``text`` in pieces each fitting one Excel row (≤ 409 pt, ≤ 32,767 characters), cut after a
    sentence (or a clause) where one ends near the cut."""
    if len(text) <= EXCEL_MAX_TEXT and cell_height(text, width, size) < MAX_ROW_HEIGHT:
        return [text]
    # characters a full row holds, estimated from one probe, then checked piece by piece
    probe = text[:4000]
    lines = max(1, int((MAX_ROW_HEIGHT - 4) / (size * LINE_EMS)))
    per_line = max(1, len(probe) / max(1, wrapped_lines(probe, width, size)))
    budget = min(EXCEL_MAX_TEXT, max(1, int(lines * per_line * 0.9)))
    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + budget)
        if end < len(text):
            window = text[start + budget * 2 // 3:end]
            for marks in (_SENTENCE_END, _CLAUSE_END):
                cut = max(window.rfind(m) for m in marks)
                if cut >= 0:
                    end = start + budget * 2 // 3 + cut + 1
                    break
        piece = text[start:end]
        while len(piece) > 1 and cell_height(piece, width, size) >= MAX_ROW_HEIGHT:
            piece = piece[:len(piece) * 9 // 10]
        pieces.append(piece)
        start += len(piece)
    return pieces


def sheet_body(rows: Sequence[Sequence[str]], widths: Sequence[float], size: float, spans: Sequence[Span],
               first_page_pt: float, page_pt: float, legend_pt: float) -> SheetBody:
    """Excel rows, merges, heights and page breaks for the table ``rows`` (spans in table rows).
    ``first_page_pt``/``page_pt``: room for body rows on page 1 and on the others (the header row
    already taken off); ``legend_pt``: height of the legend under the table."""
    covered = {(r, s.column) for s in spans for r in range(s.first, s.last + 1)}
    out_rows: list[list[str]] = []
    origin: list[int] = []
    first_of: dict[int, int] = {}
    start = []
    side: list[Span] = []
    for r, row in enumerate(rows):
        pieces = [split_text(text, widths[c], size) if text and (r, c) not in covered else [text]
                  for c, text in enumerate(row)]
        count = max(len(p) for p in pieces)
        first = len(out_rows)
        start.append(first)
        first_of[r] = first
        for k in range(count):  # a cell that is not continued keeps its text on every row (one prints)
            out_rows.append([(p[k] if k < len(p) else "") if len(p) > 1 else p[0] for p in pieces])
            origin.append(r)
        if count > 1:  # the continued task's other cells merged over its rows
            side += [Span(c, first, first + count - 1) for c, p in enumerate(pieces)
                     if len(p) == 1 and (r, c) not in covered]
    end = [s - 1 for s in start[1:]] + [len(out_rows) - 1]
    merged = [Span(s.column, start[s.first], end[s.last]) for s in spans if s.last > s.first] + side

    breaks: list[int] = []
    parts = merged
    heights = body_row_heights(out_rows, widths, size, parts)
    for _ in range(MAX_PASSES):
        new_breaks = _page_breaks(heights, first_page_pt, page_pt, legend_pt)
        if new_breaks == breaks:
            break
        breaks = new_breaks
        # A part on a later page repeats the text (every row holds it); not inside a continued
        # task, whose rows a reader joins again by their merged cells.
        parts = _split(merged, [b for b in breaks if origin[b] != origin[b - 1]])
        heights = body_row_heights(out_rows, widths, size, parts)
    row_count = {r: count for r, count in enumerate(
        [b - a for a, b in zip(start, start[1:] + [len(out_rows)])])}
    return SheetBody(out_rows, origin, parts, heights, breaks, first_of, row_count)


def _page_breaks(heights: Sequence[float], first_page_pt: float, page_pt: float, legend_pt: float) -> list[int]:
    """Rows starting a new page: each page filled; the last row goes over with the legend rather
    than the legend standing alone under the header row."""
    breaks: list[int] = []
    room, used = first_page_pt, 0.0
    for i, h in enumerate(heights):
        if used and used + h > room:
            breaks.append(i)
            room, used = page_pt, 0.0
        used += h
    if legend_pt and used + legend_pt > room and heights:
        last_start = breaks[-1] if breaks else 0
        if len(heights) - 1 > last_start and heights[-1] + legend_pt <= page_pt:
            breaks.append(len(heights) - 1)
    return breaks


def _split(spans: Sequence[Span], breaks: Sequence[int]) -> list[Span]:
    parts = []
    for s in spans:
        first = s.first
        for b in breaks:
            if first < b <= s.last:
                parts.append(Span(s.column, first, b - 1))
                first = b
        parts.append(Span(s.column, first, s.last))
    return parts

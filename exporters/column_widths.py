"""Column widths of the appendix table from the text each column holds.

The spec's widths (§1.7) suit an average list; a list whose 责任单位 name
fifteen units, or whose 备注 stay empty, wastes paper with them.  Here each
column starts at the width its header words and its unbreakable entries
need (``完成时限`` and ``2022年9月`` on one line, a leader's name whole), the
rest of the table width goes to the column with most text, and characters then
move between columns while that prints fewer lines — estimated from the text's
width in ems, the same estimate for the .docx, the .xlsx and the PDF, which
therefore share the widths.

Pure Python, linear in the text: a cell is reduced to the widths of its
paragraphs once, so a 1 MB task costs no more per step than a short one.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from exporters.cjk_text import is_wide

MM_PER_PT = 25.4 / 72
CELL_PAD_MM = 1.5  # left and right, as the renderers pad cells
SLACK_MM = 1.2  # fonts differ a little between Word, LibreOffice and Qt
LATIN_EM = 0.64  # a digit or letter, in ems: where a CJK font lacks them, DejaVu Sans draws them

# Entries that must not break inside: a date (2022年9月, 2022年12月31日, 9月底前) …
_DATE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月(?:\d{1,2}日)?(?:底|前|底前)?")
# … a name in a list of names (王某、李某; 王某 李某) …
_NAMES = re.compile(r"[、，,；;\s]+")
# … and a header word: headers break only at a bracket (一级指标 / （牵头领导）).
_HEADER_WORDS = re.compile(r"[（(][^）)]*[）)]?|[^（(]+")


def em_width(text: str) -> float:
    """Printed width of ``text`` in ems of its font: CJK and full-width forms 1, others ``LATIN_EM``."""
    wide = sum(map(is_wide, text))
    return wide + (len(text) - wide) * LATIN_EM


def _paragraph_widths(text: str) -> tuple[float, ...]:
    return tuple(em_width(p) for p in text.split("\n")) if text else ()


def unbreakable(key: str, text: str) -> float:
    """The widest part of a cell's text that must stay on one line, in ems."""
    if not text:
        return 0.0
    if key == "leader":
        parts = _NAMES.split(text)
    elif key == "deadline":
        parts = _DATE.findall(text)
    elif key == "serial":
        parts = [text]
    else:
        return 0.0
    return max((em_width(p) for p in parts), default=0.0)


def header_words(header: str) -> list[str]:
    return [w for w in _HEADER_WORDS.findall(header) if w.strip()]


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    header: str
    base_mm: float  # the spec's width, used when the table holds no text at all


def _mm(chars: float, pt: float) -> float:
    """Width in mm of a column holding ``chars`` ems of ``pt``-point text a line."""
    return chars * pt * MM_PER_PT + 2 * CELL_PAD_MM + SLACK_MM


TIE = 0.01  # weight of the fractional line count, which breaks ties between widths printing as many lines
MOVES = (1, 2, 3, 4, 6, 8)  # characters moved from one column to another in one step
MAX_STEPS = 300


def _lines(paragraphs: tuple[float, ...], chars: float) -> float:
    """Lines a cell takes ``chars`` ems a line (whole lines a paragraph), plus a small fractional part."""
    if not paragraphs:
        return 1.0
    return sum(max(1, math.ceil(w / chars - 1e-9)) + TIE * w / chars for w in paragraphs)


def estimated_lines(text: str, width_mm: float, pt: float) -> int:
    """Lines ``text`` takes in a cell ``width_mm`` wide at ``pt`` points (the estimate widths use)."""
    chars = max((width_mm - 2 * CELL_PAD_MM - SLACK_MM) / (pt * MM_PER_PT), 1.0)
    return int(_lines(_paragraph_widths(text), chars))


def fit_widths(columns: Sequence[ColumnSpec], rows: Sequence[Sequence[str]],
               spans: Sequence[tuple[int, int, int]], body_pt: float, header_pt: float,
               total_mm: float) -> tuple[list[float], float]:
    """Widths in mm summing to ``total_mm``, and the body lines the table then prints (estimated).
    ``spans``: (column, first row, last row) of merged cells,
    whose text counts once, against the rows it spans.

    Each column starts at its minimum; the rest goes to the column with most
    text; then characters move from one column to another while that prints
    fewer lines in all (a row is as tall as its tallest cell, so two columns
    often have to grow together: 责任单位 and 牵头单位 beside a short task)."""
    ncols = len(columns)
    minimum = []
    for c, column in enumerate(columns):
        words = max((em_width(w) for w in header_words(column.header)), default=1.0)
        entry = max((unbreakable(column.key, row[c]) for row in rows), default=0.0)
        minimum.append(max(words * header_pt / body_pt, entry, 1.0))
    one_char = body_pt * MM_PER_PT
    if not rows or sum(_mm(n, body_pt) for n in minimum) >= total_mm:
        widths = [_mm(n, body_pt) for n in minimum] if rows else [c.base_mm for c in columns]
        scale = total_mm / sum(widths)
        return [w * scale for w in widths], float(len(rows))

    nrows = len(rows)
    covered: list[set[int]] = [set() for _ in range(nrows)]
    span_list = [(c, f, l) for c, f, l in spans if l > f]
    for c, first, last in span_list:
        for r in range(first, last + 1):
            covered[r].add(c)
    # cells[c]: (row, paragraph widths) of the cells counted row by row
    cells = [[(r, _paragraph_widths(row[c])) for r, row in enumerate(rows) if c not in covered[r] and row[c]]
             for c in range(ncols)]
    span_text = [(c, first, last, _paragraph_widths(rows[first][c])) for c, first, last in span_list]
    cache: dict[tuple[int, float], list[float]] = {}

    def column_lines(c: int, n: float) -> list[float]:
        lines = cache.get((c, n))
        if lines is None:
            lines = [0.0] * nrows
            for r, paragraphs in cells[c]:
                lines[r] = _lines(paragraphs, n)
            cache[(c, n)] = lines
        return lines

    def score(ns: list[float]) -> float:
        per = [column_lines(c, ns[c]) for c in range(ncols)]
        prefix = [0.0]
        for r in range(nrows):
            prefix.append(prefix[-1] + max(1.0, *(p[r] for p in per)))
        short = 0.0
        for c, first, last, paragraphs in span_text:
            short += max(0.0, _lines(paragraphs, ns[c]) - (prefix[last + 1] - prefix[first]))
        return prefix[-1] + short

    text = [sum(sum(p) for _, p in cells[c]) + sum(sum(p) for s, _, _, p in span_text if s == c)
            for c in range(ncols)]
    widest = max(range(ncols), key=text.__getitem__)
    chars = list(minimum)
    chars[widest] += int((total_mm - sum(_mm(n, body_pt) for n in chars)) // one_char)
    best = score(chars)
    for _ in range(MAX_STEPS):
        move = None
        for a in range(ncols):  # from a to b
            for b in range(ncols):
                if a == b:
                    continue
                for k in MOVES:
                    if chars[a] - k < minimum[a] - 1e-9:
                        break
                    trial = list(chars)
                    trial[a] -= k
                    trial[b] += k
                    value = score(trial)
                    if value < best - 1e-9:
                        best, move = value, trial
        if move is None:
            break
        chars = move
    widths = [_mm(n, body_pt) for n in chars]
    widths[widest] += total_mm - sum(widths)  # what is left of a character
    return widths, best

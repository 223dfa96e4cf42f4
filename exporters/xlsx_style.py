"""What every .xlsx sheet we write shares: cell styles, text cells, row
heights computed from wrapped text, and the print setup of
shared/spec/official-layout.md §1.7 and §2.2.

- Styles are defined once per workbook by name and copied onto cells as
  openpyxl's compact style array, so 5,000 rows do not create 35,000 style
  objects (:class:`CellStyles`).
- Every text goes through :func:`put_text`: a string starting with ``=`` is
  kept as text (openpyxl would write it as a formula), control characters
  that XML cannot hold are dropped.
- openpyxl computes no row heights, and neither LibreOffice nor Excel grows
  rows of generated or merged cells: :func:`wrapped_lines` and
  :func:`body_row_heights` estimate them from the text, so nothing printed is
  cut off.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass

from exporters.cjk_text import break_units, is_wide
from exporters.safe_save import write_zipped
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from models.errors import UserError

EXCEL_MAX_TEXT = 32_767  # characters in one cell
MAX_ROW_HEIGHT = 409.0  # points, Excel's limit
# GB-derived landscape margins in inches: top 28, bottom 26, left 35, right 37 mm (spec §1.7).
MARGINS = PageMargins(left=1.38, right=1.46, top=1.10, bottom=1.02, header=0.5, footer=0.45)
PAGE_NUMBER = "— &P —"
THIN = Side(style="thin", color="000000")
ALL_THIN = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# A cell's text does not reach its edges: keep this much (character units) free.
CELL_PADDING = 0.8


class ExportError(UserError):
    """A plan that cannot be written as asked; the message is for the user."""


# -- text ---------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Text an .xlsx cell can hold: no XML-illegal control characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def put_text(cell, text: str) -> None:
    """Write ``text`` as a string cell, never as a formula."""
    text = clean_text(text)
    if len(text) > EXCEL_MAX_TEXT:
        raise ExportError(
            f"单元格 {cell.coordinate} 的文字有 {len(text)} 字，超过 Excel 单元格上限 {EXCEL_MAX_TEXT} 字，请拆分该项。"
        )
    cell.value = text
    cell.data_type = "s"  # openpyxl turns every "=…" string into a formula


# -- widths and heights -------------------------------------------------------


LATIN_UNITS = 1.2  # digits and letters of CJK fonts' fallbacks run wider than Calibri's "0"


def char_units(ch: str) -> float:
    """Display width of one character in 11 pt character units: CJK 2, Latin about 1."""
    return 2.0 if is_wide(ch) else LATIN_UNITS


def text_units(text: str, size: float = 11.0) -> float:
    """Width of the longest line of ``text`` in Excel character units at ``size`` pt."""
    return max((sum(map(char_units, line)) for line in text.split("\n")), default=0) * size / 11


def wrapped_lines(text: str, width: float, size: float = 11.0) -> int:
    """Lines ``text`` takes when wrapped in a column ``width`` Excel units wide at ``size`` pt."""
    if not text:
        return 1
    room = max((width - CELL_PADDING) * 11 / size, 2.0)  # in 11 pt units
    total = 0
    for para in text.split("\n"):
        if 2 * len(para) <= room:  # fits even if every character is wide
            total += 1
            continue
        lines, used = 1, 0.0
        for piece in break_units(para):  # a closing mark travels with the character before it
            w = sum(map(char_units, piece))
            if used + w <= room:
                used += w
            elif w > room:  # a Latin word longer than the column is broken
                lines += int((used + w) // room)
                used = (used + w) % room
            else:
                lines, used = lines + 1, (0.0 if piece == " " else w)
        total += lines
    return total


# Line height of wrapped text in a cell, in ems: Excel's own rows are 1.19 (仿宋 12 pt: 14.25 pt) to
# 1.23 (宋体 11 pt: 13.5 pt); LibreOffice with WenQuanYi Micro Hei 1.2.  The spec's 1.3 left every
# tall row a fifth empty, which cost seed 003 seven pages in 81.
LINE_EMS = 1.22


def height_for(lines: int, size: float) -> float:
    """Row height in points for ``lines`` lines at ``size`` pt: lines × size × 1.22 + 4."""
    return min(float(math.ceil(lines * size * LINE_EMS + 4)), MAX_ROW_HEIGHT)


def cell_height(text: str, width: float, size: float) -> float:
    return height_for(wrapped_lines(text, width, size), size)


@dataclass(frozen=True)
class Span:
    """A cell of ``column`` covering body rows ``first``..``last`` (0-based, inclusive)."""

    column: int
    first: int
    last: int


def body_row_heights(rows: Sequence[Sequence[str]], widths: Sequence[float], size: float,
                     spans: Sequence[Span] = ()) -> list[float]:
    """Heights of body rows so that every cell's text is fully visible.

    A cell covered by a vertical span counts only through its span: when the
    span's text needs more than its rows' heights together, the shortfall is
    spread evenly over those rows.
    """
    covered: dict[int, set[int]] = {}
    for span in spans:
        if span.last > span.first:
            for r in range(span.first, span.last + 1):
                covered.setdefault(r, set()).add(span.column)
    heights = []
    minimum = height_for(1, size)
    for r, row in enumerate(rows):
        skip = covered.get(r, ())
        heights.append(max(
            (cell_height(text, widths[c], size) for c, text in enumerate(row) if text and c not in skip),
            default=minimum,
        ))
    for span in spans:
        if span.last <= span.first:
            continue
        need = cell_height(rows[span.first][span.column], widths[span.column], size)
        have = sum(heights[span.first:span.last + 1])
        if need > have:
            extra = math.ceil((need - have) / (span.last - span.first + 1))
            for r in range(span.first, span.last + 1):
                heights[r] = min(heights[r] + extra, MAX_ROW_HEIGHT)
    return heights


# -- styles -------------------------------------------------------------------


@dataclass(frozen=True)
class StyleSpec:
    font: Font
    alignment: Alignment
    border: Border | None = None
    locked: bool = True
    fill: PatternFill | None = None


class CellStyles:
    """Named cell styles for one workbook, applied by copying a style array.

    openpyxl keeps one small array of style indexes per cell; assigning
    ``cell.font = Font(…)`` for every cell hashes a new object each time.
    Here each named style is resolved once and then copied.
    """

    def __init__(self, specs: dict[str, StyleSpec]):
        self.specs = specs
        self._arrays: dict[str, object] = {}

    def apply(self, cell, name: str) -> None:
        array = self._arrays.get(name)
        if array is not None:
            cell._style = copy(array)
            return
        spec = self.specs[name]
        cell.font = spec.font
        cell.alignment = spec.alignment
        if spec.border is not None:
            cell.border = spec.border
        if spec.fill is not None:
            cell.fill = spec.fill
        cell.protection = Protection(locked=spec.locked)
        cell.number_format = "@"  # text: what a department types stays as typed
        self._arrays[name] = copy(cell._style)


def alignment(horizontal: str = "left", vertical: str = "center", wrap: bool = True) -> Alignment:
    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap)


# -- sheet setup --------------------------------------------------------------


def print_setup(ws: Worksheet, *, title_rows: str, print_area: str, freeze: str,
                footer_font: str = "宋体") -> None:
    """A4 landscape, one page wide, header rows on every page, centred, `— N —` footers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    # Without this flag Excel and LibreOffice ignore fitToWidth (spec §2.2).
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = title_rows
    ws.print_area = print_area
    ws.print_options.horizontalCentered = True
    ws.page_margins = copy(MARGINS)
    ws.HeaderFooter.differentOddEven = True
    for part in (ws.oddFooter.right, ws.evenFooter.left):  # odd pages right, even pages left
        part.text = PAGE_NUMBER
        part.font = footer_font
        part.size = 14
    ws.freeze_panes = freeze


def merge_styled(ws: Worksheet, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
    """Merge a range whose cells were all styled first (borders on every cell, spec §2.2).

    openpyxl's ``merge_cells`` re-adds the first cell's borders to each edge
    cell, hashing new style objects cell by cell (seconds for 5,000 rows); the
    covered cells here keep the style they already have.
    """
    ref = f"{get_column_letter(first_column)}{first_row}:{get_column_letter(last_column)}{last_row}"
    ws.merged_cells.add(MergedCellRange(ws, ref))
    for row in range(first_row, last_row + 1):
        for column in range(first_column, last_column + 1):
            if row == first_row and column == first_column:
                continue
            old = ws._cells.get((row, column))  # openpyxl's own merge replaces cells the same way
            cell = MergedCell(ws, row, column)
            if old is not None:
                cell._style = copy(old._style)
            ws._cells[(row, column)] = cell


def set_widths(ws: Worksheet, widths: Sequence[float], first_column: int = 1) -> None:
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(first_column + i)].width = round(width, 2)


_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str] | None = None) -> str:
    """A legal sheet title (≤ 31 characters, none of []:*?/\\), unique among ``taken`` (updated)."""
    taken = set() if taken is None else taken
    base = _SHEET_UNSAFE.sub("_", name).strip("'") or "Sheet"
    title, n = base[:31], 2
    while title.lower() in taken:
        suffix = f"~{n}"
        title, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def save_workbook(wb, path) -> None:
    """Save beside the target and move into place, so a failed save never truncates the old file."""
    write_zipped(wb.save, path)

"""The appendix table (附件) painted page by page on a printer or PDF writer.

Renders the one shared layout, :func:`exporters.appendix_layout.build_appendix`
— its columns and widths, row texts, merges, legend and font sizes — so the
printed page agrees with the .docx and the .xlsx:

- page 1 carries the label (``附件``, 黑体 3号, line 1) and the title
  (小标宋, centred from line 3, lines balanced);
- the header row is repeated at the top of every page;
- a parent's cell spans the rows of its children; when the span continues
  on the next page its text is repeated at the top of the continuation
  (shortened with … if the remaining rows are too low for it);
- a row is never cut across pages when it fits on one, and a parent's cell
  starts on a page only when its text fits there with its first rows; a row
  taller than a page continues line by line (never a line sliced) with its
  short cells repeated on each page;
- wrapped text is measured with QFontMetricsF (:mod:`exporters.text_wrap`);
- ``— N —`` page numbers, odd pages right and even pages left (§1.6);
- fonts from the profile, with a Chinese stand-in when one is missing
  (:mod:`exporters.paint_fonts`).

Laying out is separate from painting, so a preview knows the page count
first; both report progress and can be cancelled (:mod:`exporters.paged_paint`).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from exporters.appendix_layout import AppendixTable
from exporters.paged_paint import LINE_PITCH_PT, PageFrame, PageNumbers, Progress, check
from exporters.paint_fonts import ResolvedFonts, resolve_fonts
from exporters.text_wrap import TextMeasure

LABEL_PT = 16.0  # 附件: 黑体 3号
CELL_PAD_X_MM = 1.5
CELL_PAD_Y_MM = 0.6
BORDER_PT = 0.5
LAYOUT_STEP = 250  # rows between progress reports while laying out
MIN_PART_LINES = 3  # a row taller than a page starts on the current one when this many lines fit


@dataclass(frozen=True)
class Placed:
    """The part of a body row on one page: all of it, unless the row is taller than a page; then
    its long cells continue line by line over the pages and its short cells are repeated."""

    row: int
    y: float  # top of the part on the page
    height: float  # its height
    first_line: int = 0  # a part of a tall row: the lines of its long cells shown here
    lines: int | None = None  # None: the whole row


@dataclass
class AppendixPage:
    number: int  # the printed page number
    first: bool  # carries the label and the title
    table_top: float | None  # the header row's top; None on a page with only the legend
    rows: list[Placed] = field(default_factory=list)
    legend: list[tuple[str, float, float]] = field(default_factory=list)  # (line, x, top)


class AppendixPainter:
    """Lays out and paints one appendix table on a QPdfWriter or QPrinter.

    The device's current page layout (paper, orientation, margins) decides the
    text block; columns keep the layout's proportions across its width.

    ``rotated``: the device holds portrait pages and the table is turned a
    quarter to the left on them, its top towards the sheet's left (binding)
    edge, as a printer prints a landscape page; the page number stays where the
    portrait pages have it (spec §1.6).  Printers cannot switch orientation in
    the middle of a job, so a notice with its appendix is printed this way.
    """

    def __init__(self, table: AppendixTable, device, first_page_number: int = 1,
                 fonts: ResolvedFonts | None = None, page_numbers: bool = True, rotated: bool = False):
        self.table = table
        self.device = device
        self.first_page_number = first_page_number
        self.page_numbers = page_numbers
        self.rotated = rotated
        self.fonts = fonts or resolve_fonts(table.fonts)
        self.sheet = PageFrame.of_paged(device)  # the page as the device has it: page numbers go here
        if rotated:
            self.frame = frame = PageFrame(self.sheet.dpi, float(device.height()), float(device.width()), 0.0)
        else:
            self.frame = frame = self.sheet
        self.label = TextMeasure(self.fonts.font("heiti", LABEL_PT), device)
        self.title = TextMeasure(self.fonts.font("title", table.title_pt), device)
        self.head = TextMeasure(self.fonts.font("heiti", table.header_pt), device)
        self.body = TextMeasure(self.fonts.font("fangsong", table.body_pt), device)
        self.numbers = PageNumbers(self.fonts, device)
        self.pitch = frame.pt(LINE_PITCH_PT)
        self.pad_x, self.pad_y = frame.mm(CELL_PAD_X_MM), frame.mm(CELL_PAD_Y_MM)
        total_mm = sum(c.width_mm for c in table.columns) or 1.0
        self.widths = [c.width_mm / total_mm * frame.width for c in table.columns]
        self.xs = [0.0, *accumulate(self.widths)]
        self.text_widths = [max(w - 2 * self.pad_x, 1.0) for w in self.widths]
        self.centered = [c.centered for c in table.columns]
        # merge_of[c][r]: index into table.merges of the merge covering cell (r, c), or -1
        n = len(table.rows)
        self.merge_of = [[-1] * n for _ in table.columns]
        for i, m in enumerate(table.merges):
            column = self.merge_of[m.column]
            for r in range(m.first, m.last + 1):
                column[r] = i
        self.heights: list[float] = []
        self.header_height = 0.0
        self.title_lines: list[str] = []
        self.pages: list[AppendixPage] = []

    # -- measuring ----------------------------------------------------------

    def _cell_height(self, measure: TextMeasure, text: str, column: int) -> float:
        lines = len(measure.wrap(text, self.text_widths[column])) if text else 1
        return lines * measure.line_height + 2 * self.pad_y

    def _title_block(self) -> float:
        """Height of the label and title above the table on page 1."""
        self.title_lines = self.title.balanced(self.table.title, self.frame.width) if self.table.title else []
        title_pitch = max(self.pitch, self.title.line_height * 1.15)
        self.title_pitch = title_pitch
        return 2 * self.pitch + len(self.title_lines) * title_pitch + self.pitch / 2

    def _row_heights(self, progress: Progress | None) -> list[float]:
        table, body = self.table, self.body
        rows = table.rows
        minimum = body.line_height + 2 * self.pad_y
        heights = []
        merge_of = self.merge_of
        columns = range(len(table.columns))
        for r, row in enumerate(rows):
            h = minimum
            for c in columns:
                text = row[c]
                if text and merge_of[c][r] < 0:
                    h = max(h, self._cell_height(body, text, c))
            heights.append(h)
            if r % LAYOUT_STEP == 0:
                check(progress, "layout", r, len(rows))
        # A parent's text must fit into the rows it spans: spread any shortfall,
        # inner (shorter) spans first so that outer ones see their final height.
        for m in sorted(table.merges, key=lambda m: m.last - m.first):
            need = self._cell_height(body, rows[m.first][m.column], m.column)
            have = sum(heights[m.first:m.last + 1])
            if have < need:
                extra = (need - have) / (m.last - m.first + 1)
                for r in range(m.first, m.last + 1):
                    heights[r] += extra
        return heights

    def _row_lines(self, r: int) -> int:
        """Lines of the longest unmerged cell of row ``r``."""
        row, merge_of = self.table.rows[r], self.merge_of
        return max((len(self.body.wrap(row[c], self.text_widths[c])) for c in range(len(row))
                    if row[c] and merge_of[c][r] < 0), default=1)

    def _repeated_height(self, r: int) -> float:
        """Height of the short cells of a tall row, which every part of it repeats."""
        row, merge_of, lh = self.table.rows[r], self.merge_of, self.body.line_height
        page_lines = int((self.frame.height - self.header_height - 2 * self.pad_y) // lh)
        counts = [len(self.body.wrap(row[c], self.text_widths[c])) for c in range(len(row))
                  if row[c] and merge_of[c][r] < 0]
        short = [n for n in counts if n <= page_lines // 2]
        return max(short, default=1) * lh + 2 * self.pad_y

    # -- pagination ---------------------------------------------------------

    def layout(self, progress: Progress | None = None) -> list[AppendixPage]:
        """Break the table into pages (also done by :meth:`paint` when needed)."""
        table, frame = self.table, self.frame
        self.header_height = max(
            [self._cell_height(self.head, c.header, i) for i, c in enumerate(table.columns)]
            or [self.head.line_height + 2 * self.pad_y])
        title_block = self._title_block()
        heights = self.heights = self._row_heights(progress)
        prefix = [0.0, *accumulate(heights)]
        # Parents' cells starting on each row: (text height, rows' total height, last row)
        starts: dict[int, list[tuple[float, float, int]]] = {}
        for m in table.merges:
            need = self._cell_height(self.body, table.rows[m.first][m.column], m.column)
            starts.setdefault(m.first, []).append((need, prefix[m.last + 1] - prefix[m.first], m.last))
        avail = frame.height
        pages: list[AppendixPage] = []
        lh = self.body.line_height

        def parents_fit(r: int, room: float) -> bool:
            """Whether every parent cell starting at row r gets room for its text on this page."""
            for need, total, last in starts.get(r, ()):
                j = min(bisect_right(prefix, prefix[r] + room + 1e-6) - 1, last + 1)
                if prefix[j] - prefix[r] < min(need, total) - 1e-6:
                    return False
            return True

        def new_page(first: bool = False) -> tuple[AppendixPage, float]:
            top = title_block if first else 0.0
            pages.append(AppendixPage(self.first_page_number + len(pages), first, top))
            return pages[-1], top + self.header_height

        # A page holds rows until it is full; a parent's cell breaks with them and is
        # repeated at the top of the next page, but starts only where its text fits.
        page, y = new_page(first=True)
        for r, h in enumerate(heights):
            tall = h > avail - self.header_height + 1e-6  # starts here if a few of its lines fit
            starts_here = tall and avail - y >= MIN_PART_LINES * lh + 2 * self.pad_y
            if page.rows and (y + h > avail + 1e-6 and not starts_here or not parents_fit(r, avail - y)):
                page, y = new_page()
            if y + h <= avail + 1e-6:
                page.rows.append(Placed(r, y, h))
                y += h
            else:  # taller than a whole page: its lines continue over several pages
                total = self._row_lines(r)
                first = 0
                while first < total:
                    fit = max(int((avail - y - 2 * self.pad_y + 1e-6) // lh), 1)
                    count = min(fit, total - first)
                    part = max(count * lh + 2 * self.pad_y, self._repeated_height(r))
                    page.rows.append(Placed(r, y, part, first, count))
                    y += part
                    first += count
                    if first < total:
                        page, y = new_page()
            if r % LAYOUT_STEP == 0:
                check(progress, "layout", r, len(heights))
        if table.legend:
            y += self.body.line_height / 2
            # 注：1.… with the wrapped lines and the items 2.… 3.… under the 1.
            indent = self.body.width("注：") if table.legend[0].startswith("注：") else 0.0
            lines = []
            for i, text in enumerate(table.legend):
                head = self.body.wrap(text, frame.width - (0.0 if i == 0 else indent))[0]
                lines.append((head, 0.0 if i == 0 else indent))
                rest = text[len(head):]
                if rest:
                    lines += [(line, indent) for line in self.body.wrap(rest, frame.width - indent)]
            for line, x in lines:
                if y + self.body.line_height > avail + 1e-6:
                    pages.append(AppendixPage(self.first_page_number + len(pages), False, None))
                    page, y = pages[-1], 0.0
                page.legend.append((line, x, y))
                y += self.body.line_height
        check(progress, "layout", len(heights), len(heights))
        self.pages = pages
        return pages

    @property
    def page_count(self) -> int:
        return len(self.pages or self.layout())

    # -- painting -----------------------------------------------------------

    def paint(self, painter: QPainter, progress: Progress | None = None, new_page_first: bool = False) -> int:
        """Paint every page; ``new_page_first`` when the device already holds pages.  Returns the page count."""
        if not self.pages:
            self.layout(progress)
        painter.save()
        try:
            for i, page in enumerate(self.pages):
                if i or new_page_first:
                    self.device.newPage()
                self.paint_page(painter, page)
                check(progress, "paint", i + 1, len(self.pages))
        finally:
            painter.restore()
        return len(self.pages)

    def paint_page(self, painter: QPainter, page: AppendixPage) -> None:
        painter.save()
        if self.rotated:  # (x, y) of the landscape text block → (y, H − x) on the portrait one
            painter.translate(0, self.frame.width)
            painter.rotate(-90)
        painter.setPen(QPen(QColor("black"), self.frame.pt(BORDER_PT)))
        if page.first:
            self._paint_title(painter)
        if page.table_top is not None:
            self._paint_table(painter, page)
        if page.legend:
            painter.setFont(self.body.font)
            for line, x, top in page.legend:
                self.body.draw(painter, QPointF(x, top + self.body.ascent), line)
        painter.restore()
        if self.page_numbers:
            self.numbers.draw(painter, self.sheet, page.number)

    def _paint_title(self, painter: QPainter) -> None:
        label = self.label
        painter.setFont(label.font)
        painter.drawText(QPointF(0, self._baseline(label, 0, self.pitch)), self.table.label)
        painter.setFont(self.title.font)
        top = 2 * self.pitch
        for line in self.title_lines:
            x = (self.frame.width - self.title.width(line)) / 2
            painter.drawText(QPointF(x, self._baseline(self.title, top, self.title_pitch)), line)
            top += self.title_pitch

    @staticmethod
    def _baseline(measure: TextMeasure, top: float, height: float) -> float:
        """Baseline of one line centred vertically in [top, top + height]."""
        return top + (height + measure.ascent - measure.descent) / 2

    def _lines(self, painter: QPainter, measure: TextMeasure, lines: list[str], column: int,
               top: float, height: float, centered: bool) -> None:
        """Lines of one cell, centred vertically; if they do not fit, the first ones and …"""
        lh = measure.line_height
        room = height - 2 * self.pad_y
        if len(lines) * lh > room + 1e-6:
            fit = max(int((room + 1e-6) // lh), 1)
            lines = lines[:fit]
            lines[-1] = measure.elide(lines[-1] + "…", self.text_widths[column])  # the text goes on
            first = top + self.pad_y
        else:
            first = top + (height - len(lines) * lh) / 2
        x0 = self.xs[column] + self.pad_x
        for i, line in enumerate(lines):
            x = x0 + (self.text_widths[column] - measure.width(line)) / 2 if centered else x0
            measure.draw(painter, QPointF(x, first + i * lh + (lh + measure.ascent - measure.descent) / 2), line)

    def _paint_table(self, painter: QPainter, page: AppendixPage) -> None:
        table = self.table
        top = page.table_top
        assert top is not None
        # header
        painter.setFont(self.head.font)
        for c, column in enumerate(table.columns):
            lines = self.head.wrap(column.header, self.text_widths[c])
            self._lines(painter, self.head, lines, c, top, self.header_height, True)
        bottom = top + self.header_height
        # body cells outside merges
        painter.setFont(self.body.font)
        merge_of = self.merge_of
        columns = range(len(table.columns))
        for p in page.rows:
            row = table.rows[p.row]
            for c in columns:
                if merge_of[c][p.row] < 0 and row[c]:
                    lines = self.body.wrap(row[c], self.text_widths[c])
                    if p.lines is None:
                        self._lines(painter, self.body, lines, c, p.y, self.heights[p.row], self.centered[c])
                    elif len(lines) * self.body.line_height <= p.height - 2 * self.pad_y + 1e-6:
                        self._lines(painter, self.body, lines, c, p.y, p.height, self.centered[c])  # repeated
                    else:  # the long cell: its lines of this part, from the top
                        part = lines[p.first_line:p.first_line + p.lines]
                        self._lines(painter, self.body, part, c, p.y, len(part) * self.body.line_height
                                    + 2 * self.pad_y, self.centered[c])
            bottom = p.y + p.height
        # merged cells: one segment per merge and page
        for c in columns:
            segment: list[Placed] = []
            for p in page.rows + [None]:  # type: ignore[list-item]
                index = merge_of[c][p.row] if p is not None else -1
                if segment and (p is None or index != merge_of[c][segment[0].row]):
                    self._paint_merge(painter, c, segment)
                    segment = []
                if index >= 0:
                    segment.append(p)
        self._paint_borders(painter, page, top, bottom)

    def _paint_merge(self, painter: QPainter, column: int, segment: list[Placed]) -> None:
        merge = self.table.merges[self.merge_of[column][segment[0].row]]
        text = self.table.rows[merge.first][column]
        if not text:
            return
        top = segment[0].y
        height = segment[-1].y + segment[-1].height - top
        painter.setClipRect(QRectF(self.xs[column], top, self.widths[column], height))
        lines = list(self.body.wrap(text, self.text_widths[column]))
        self._lines(painter, self.body, lines, column, top, height, self.centered[column])
        painter.setClipping(False)

    def _paint_borders(self, painter: QPainter, page: AppendixPage, top: float, bottom: float) -> None:
        xs, merge_of, merges = self.xs, self.merge_of, self.table.merges
        lines = [QLineF(0, top, xs[-1], top), QLineF(0, top + self.header_height, xs[-1], top + self.header_height)]
        lines += [QLineF(x, top, x, bottom) for x in xs]
        columns = range(len(xs) - 1)
        last = len(page.rows) - 1
        for i, p in enumerate(page.rows):
            y = p.y + p.height
            if i == last:
                lines.append(QLineF(0, y, xs[-1], y))
                continue
            start = None  # a run of columns that need the line under this row
            for c in columns:
                index = merge_of[c][p.row]
                inside = index >= 0 and p.row < merges[index].last or page.rows[i + 1].row == p.row
                if not inside and start is None:
                    start = c
                elif inside and start is not None:
                    lines.append(QLineF(xs[start], y, xs[c], y))
                    start = None
            if start is not None:
                lines.append(QLineF(xs[start], y, xs[-1], y))
        painter.drawLines(lines)


def paint_appendix(painter: QPainter, device, table: AppendixTable, first_page_number: int = 1,
                   progress: Progress | None = None, new_page_first: bool = False,
                   rotated: bool = False) -> AppendixPainter:
    """Lay out and paint ``table`` on ``device`` (its current page layout); returns the painter object."""
    appendix = AppendixPainter(table, device, first_page_number, rotated=rotated)
    appendix.layout(progress)
    appendix.paint(painter, progress, new_page_first)
    return appendix

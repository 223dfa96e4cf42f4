"""The progress report (进展报告) drawn with QPainter: figures, charts and the
table of overdue tasks, on a widget, an image or printed pages.

Charts are painted directly (no web engine, no chart library):

- key figures: tasks, done, overdue, due soon, without a date;
- a bar chart of tasks by status (未启动/推进中/已完成/滞后);
- a stacked bar of where tasks stand against their deadlines
  (:func:`models.tracking.classify` via :mod:`models.report_data`);
- stacked horizontal bars of tasks per unit, as lead and as responsible unit;
- a month timeline of deadline dates (done / overdue / open), with today marked;
- the overdue tasks, most overdue first.

The report is a list of blocks of known height; :meth:`ReportPainter.paint_canvas`
stacks them on one long canvas (screen, PNG), :meth:`ReportPainter.paint_pages`
flows them over pages, repeating the table header on each page.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from exporters.notice_text import format_day
from exporters.paged_paint import PageFrame, PageNumbers, Progress, check
from exporters.paint_fonts import ResolvedFonts, resolve_fonts
from exporters.safe_save import replacing
from exporters.title_lines import split_title
from exporters.text_wrap import TextMeasure
from models.domain import Status
from models.report_data import Report
from models.tracking import LIGHT_COLOURS, STATE_COLOURS, STATUS_COLOURS, TEXT_COLOURS, DeadlineState, Signal

STATUS_COLORS = {s: QColor(c) for s, c in STATUS_COLOURS.items()}  # the palette of models.tracking
STATE_COLORS = {s: QColor(c) for s, c in STATE_COLOURS.items()}
LEAD_COLOR, SHARED_COLOR = QColor("#1565c0"), QColor("#90caf9")
MONTH_COLORS = (("已完成", STATE_COLORS[DeadlineState.DONE]), ("逾期", STATE_COLORS[DeadlineState.OVERDUE]),
                ("未到期", STATE_COLORS[DeadlineState.ON_TRACK]))
INK, GREY, RULE = QColor("#212121"), QColor("#757575"), QColor("#e0e0e0")
MAX_UNITS = 20  # bars in the unit chart; the rest are summed up in a note
MAX_MONTHS = 36


def nice_step(top: float, ticks: int = 4) -> int:
    """A 1-2-5 step giving about ``ticks`` grid lines up to ``top``."""
    if top <= ticks:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


@dataclass
class Block:
    height: float
    paint: Callable[[QPainter, float], None]  # paint(painter, top)
    header: Block | None = None  # painted first when the block starts a new page (table header)
    spaced: bool = True  # followed by the gap between sections
    keep_next: bool = False  # never the last thing on a page (a table's title and header)


class ReportPainter:
    """Lays out one report for a width in device pixels at ``dpi``."""

    def __init__(self, report: Report, dpi: float, fonts: ResolvedFonts | None = None, device=None):
        self.report = report
        self.dpi = dpi
        self.k = dpi / 72.0  # pixels per point
        self.fonts = fonts or resolve_fonts()
        self.device = device

        def measure(role: str, pt: float, bold: bool = False) -> TextMeasure:
            font = self.fonts.font(role, pt)
            font.setBold(bold)
            return TextMeasure(font, device)

        self.h1 = measure("heiti", 16)
        self.h2 = measure("heiti", 11)
        self.text = measure("heiti", 9)
        self.small = measure("heiti", 8)
        self.figure = measure("heiti", 20)
        self.cell = measure("fangsong", 9.5)

    def pt(self, value: float) -> float:
        return value * self.k

    # -- drawing helpers -----------------------------------------------------------------

    def _text(self, painter: QPainter, m: TextMeasure, x: float, top: float, text: str,
              color: QColor = INK, align: str = "left", width: float = 0.0) -> None:
        painter.setFont(m.font)
        painter.setPen(color)
        if align == "center":
            x += (width - m.width(text)) / 2
        elif align == "right":
            x += width - m.width(text)
        painter.drawText(QPointF(x, top + m.ascent), text)

    def _legend(self, painter: QPainter, x: float, top: float, items: list[tuple[str, QColor]], width: float) -> float:
        """Colour keys in rows; returns the height used."""
        m, box = self.small, self.pt(7)
        cx, y = x, top
        for label, color in items:
            w = box + self.pt(3) + m.width(label) + self.pt(10)
            if cx > x and cx + w > x + width:
                cx, y = x, y + m.line_height + self.pt(2)
            painter.fillRect(QRectF(cx, y + (m.line_height - box) / 2, box, box), color)
            self._text(painter, m, cx + box + self.pt(3), y, label, INK)
            cx += w
        return y + m.line_height - top

    def _legend_height(self, items: list[tuple[str, QColor]], width: float) -> float:
        m, box = self.small, self.pt(7)
        rows, cx = 1, 0.0
        for label, _ in items:
            w = box + self.pt(3) + m.width(label) + self.pt(10)
            if cx > 0 and cx + w > width:
                rows, cx = rows + 1, 0.0
            cx += w
        return rows * m.line_height + (rows - 1) * self.pt(2)

    def _heading(self, painter: QPainter, x: float, top: float, text: str) -> float:
        self._text(painter, self.h2, x, top, text)
        return self.h2.line_height + self.pt(4)

    # -- blocks ---------------------------------------------------------------------------

    def blocks(self, width: float) -> list[Block]:
        gap = self.pt(14)
        out = [self._title_block(width), self._figures_block(width)]
        half = (width - gap) / 2
        if half >= self.pt(220):
            status, state = self._status_chart(half), self._state_chart(half)
            height = max(status.height, state.height)
            def paint_both(p: QPainter, top: float) -> None:
                status.paint(p, top)
                self._shifted(p, half + gap, state, top)
            out.append(Block(height, paint_both))
        else:
            out += [self._status_chart(width), self._state_chart(width)]
        out += [self._units_chart(width), self._months_chart(width)]
        out += self._overdue_table(width)
        out += self._flagged_table(width)
        return [Block(b.height + gap, b.paint) if b.spaced and b.header is None else b for b in out]

    @staticmethod
    def _shifted(painter: QPainter, dx: float, block: Block, top: float) -> None:
        painter.save()
        painter.translate(dx, 0)
        block.paint(painter, top)
        painter.restore()

    def _title_block(self, width: float) -> Block:
        r = self.report
        # balanced lines broken at phrase boundaries, as the notice title (never 优/化营商环境)
        lines = split_title(f"{r.title}进展报告", width / self.h1.width("中"))
        sub = (f"统计日期：{format_day(r.today)}　任务 {r.tasks} 项　"
               f"已完成 {r.done} 项（{r.completion:.0%}）　逾期 {r.overdue} 项　{r.warn_days}日内到期 {r.due_soon} 项")
        sub_lines = self.text.wrap(sub, width)
        height = len(lines) * self.h1.line_height + self.pt(4) + len(sub_lines) * self.text.line_height

        def paint(p: QPainter, top: float) -> None:
            y = top
            for line in lines:
                self._text(p, self.h1, 0, y, line)
                y += self.h1.line_height
            y += self.pt(4)
            for line in sub_lines:
                self._text(p, self.text, 0, y, line, GREY)
                y += self.text.line_height

        return Block(height, paint)

    def _figures_block(self, width: float) -> Block:
        r = self.report
        undated = r.by_state[DeadlineState.ONGOING] + r.by_state[DeadlineState.NO_DATE]
        figures = [("任务总数", r.tasks, INK), ("已完成", r.done, STATE_COLORS[DeadlineState.DONE]),
                   ("逾期", r.overdue, STATE_COLORS[DeadlineState.OVERDUE]),
                   (f"{r.warn_days}日内到期", r.due_soon, QColor(TEXT_COLOURS[Signal.YELLOW])),
                   ("长期或无时限", undated, STATE_COLORS[DeadlineState.ON_TRACK])]  # the light green is hard to read
        gap = self.pt(8)
        tile_w = (width - gap * (len(figures) - 1)) / len(figures)
        height = self.figure.line_height + self.small.line_height + self.pt(12)

        def paint(p: QPainter, top: float) -> None:
            for i, (label, value, color) in enumerate(figures):
                x = i * (tile_w + gap)
                p.fillRect(QRectF(x, top, tile_w, height), QColor("#f5f5f5"))
                self._text(p, self.figure, x, top + self.pt(4), str(value), color, "center", tile_w)
                self._text(p, self.small, x, top + self.pt(6) + self.figure.line_height, label, GREY, "center", tile_w)

        return Block(height, paint)

    def _axis(self, p: QPainter, plot: QRectF, top_value: int, step: int, horizontal: bool = False) -> None:
        """Grid lines and their values (vertical axis, or horizontal for bar rows)."""
        p.setPen(QPen(RULE, self.pt(0.5)))
        m = self.small
        for v in range(0, top_value + 1, step):
            if horizontal:
                x = plot.left() + plot.width() * v / top_value
                p.setPen(QPen(RULE, self.pt(0.5)))
                p.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
                self._text(p, m, x - self.pt(20), plot.bottom() + self.pt(2), str(v), GREY, "center", self.pt(40))
            else:
                y = plot.bottom() - plot.height() * v / top_value
                p.setPen(QPen(RULE, self.pt(0.5)))
                p.drawLine(QLineF(plot.left(), y, plot.right(), y))
                self._text(p, m, plot.left() - self.pt(24), y - m.line_height / 2, str(v), GREY, "right", self.pt(20))

    def _status_chart(self, width: float) -> Block:
        """Bars: tasks by status."""
        r = self.report
        items = [(s.value, r.by_status[s], STATUS_COLORS[s]) for s in Status]
        chart_h = self.pt(120)
        height = self.h2.line_height + self.pt(4) + chart_h + self.small.line_height + self.pt(4)

        def paint(p: QPainter, top: float) -> None:
            y = top + self._heading(p, 0, top, f"完成情况（按状态，共 {r.tasks} 项）")
            plot = QRectF(self.pt(28), y + self.small.line_height, width - self.pt(34), chart_h - self.small.line_height)
            step = nice_step(max(v for _, v, _ in items) or 1)
            top_value = max(step, math.ceil((max(v for _, v, _ in items) or 1) / step) * step)
            self._axis(p, plot, top_value, step)
            slot = plot.width() / len(items)
            bar_w = min(slot * 0.6, self.pt(40))
            for i, (label, value, color) in enumerate(items):
                x = plot.left() + slot * i + (slot - bar_w) / 2
                h = plot.height() * value / top_value
                p.fillRect(QRectF(x, plot.bottom() - h, bar_w, h), color)
                self._text(p, self.small, x - slot, plot.bottom() - h - self.small.line_height, str(value),
                           INK, "center", bar_w + 2 * slot)
                self._text(p, self.small, plot.left() + slot * i, plot.bottom() + self.pt(3), label,
                           INK, "center", slot)
            p.setPen(QPen(GREY, self.pt(0.75)))
            p.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))

        return Block(height, paint)

    def _state_chart(self, width: float) -> Block:
        """One stacked bar: where the tasks stand against their deadlines, with a legend."""
        r = self.report
        items = [(s, r.by_state[s]) for s in DeadlineState]
        legend = [(f"{s.value} {n}", STATE_COLORS[s]) for s, n in items]
        bar_h = self.pt(26)
        legend_h = self._legend_height(legend, width)
        height = self.h2.line_height + self.pt(4) + bar_h + self.pt(8) + legend_h

        def paint(p: QPainter, top: float) -> None:
            y = top + self._heading(p, 0, top, f"时限情况（逾期 {r.overdue}，{r.warn_days}日内到期 {r.due_soon}）")
            total = sum(n for _, n in items)
            x = 0.0
            if total:
                for state, n in items:
                    w = width * n / total
                    if w <= 0:
                        continue
                    p.fillRect(QRectF(x, y, w, bar_h), STATE_COLORS[state])
                    label = str(n)
                    if self.small.width(label) + self.pt(4) < w:
                        color = INK if STATE_COLOURS[state] in LIGHT_COLOURS else QColor("white")
                        self._text(p, self.small, x, y + (bar_h - self.small.line_height) / 2, label, color,
                                   "center", w)
                    x += w
            else:
                p.setPen(QPen(RULE, self.pt(0.75)))
                p.drawRect(QRectF(0, y, width, bar_h))
                self._text(p, self.small, 0, y + (bar_h - self.small.line_height) / 2, "没有任务", GREY, "center", width)
            self._legend(p, 0, y + bar_h + self.pt(8), legend, width)

        return Block(height, paint)

    def _units_chart(self, width: float) -> Block:
        """Stacked horizontal bars: each unit's tasks as lead and as responsible unit."""
        r = self.report
        units = r.units[:MAX_UNITS]
        rest = len(r.units) - len(units)
        row_h = self.pt(15)
        legend = [("牵头", LEAD_COLOR), ("责任（配合）", SHARED_COLOR)]
        note = f"另有 {rest} 个单位未列出" if rest > 0 else ""
        label_w = min(width * 0.34, max([self.small.width(u.unit) for u in units] or [0]) + self.pt(6))
        body_h = max(len(units), 1) * row_h
        height = (self.h2.line_height + self.pt(4) + self._legend_height(legend, width) + self.pt(6)
                  + body_h + self.small.line_height + self.pt(4) + (self.small.line_height if note else 0))

        def paint(p: QPainter, top: float) -> None:
            y = top + self._heading(p, 0, top, f"各单位任务数（牵头 / 责任，共 {len(r.units)} 个单位）")
            y += self._legend(p, 0, y, legend, width) + self.pt(6)
            count_w = self.pt(64)
            plot = QRectF(label_w, y, width - label_w - count_w, body_h)
            most = max([u.total for u in units] or [1])
            step = nice_step(most, 5)
            top_value = max(step, math.ceil(most / step) * step)
            self._axis(p, plot, top_value, step, horizontal=True)
            if not units:
                self._text(p, self.small, plot.left(), y, "没有单位", GREY)
            for i, u in enumerate(units):
                ry = y + i * row_h
                bar_y, bar_h = ry + row_h * 0.15, row_h * 0.7
                self._text(p, self.small, 0, ry + (row_h - self.small.line_height) / 2,
                           self.small.elide(u.unit, label_w - self.pt(6)), INK, "right", label_w - self.pt(6))
                lead_w = plot.width() * u.lead / top_value
                shared_w = plot.width() * u.responsible / top_value
                p.fillRect(QRectF(plot.left(), bar_y, lead_w, bar_h), LEAD_COLOR)
                p.fillRect(QRectF(plot.left() + lead_w, bar_y, shared_w, bar_h), SHARED_COLOR)
                tail = f"{u.lead}+{u.responsible}" + (f" 逾期{u.overdue}" if u.overdue else "")
                self._text(p, self.small, plot.left() + lead_w + shared_w + self.pt(3),
                           ry + (row_h - self.small.line_height) / 2, tail,
                           STATE_COLORS[DeadlineState.OVERDUE] if u.overdue else GREY)
            if note:
                self._text(p, self.small, 0, y + body_h + self.small.line_height + self.pt(4), note, GREY)

        return Block(height, paint)

    def _month_range(self) -> list[str]:
        months = [m.month for m in self.report.months]
        if not months:
            return []
        (y0, m0), (y1, m1) = (map(int, months[0].split("-")), map(int, months[-1].split("-")))
        out: list[str] = []
        y, m = y0, m0
        while (y, m) <= (y1, m1) and len(out) < MAX_MONTHS:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def _months_chart(self, width: float) -> Block:
        """A month timeline: deadline dates per month, stacked by done / overdue / open; today marked."""
        r = self.report
        months = self._month_range()
        by_month = {m.month: m for m in r.months}
        chart_h = self.pt(130)
        note = f"另有 {r.undated} 项没有具体日期（长期、周期或未填）" if r.undated else ""
        legend = list(MONTH_COLORS)
        height = (self.h2.line_height + self.pt(4) + self._legend_height(legend, width) + self.pt(6) + chart_h
                  + 2 * self.small.line_height + self.pt(6) + (self.small.line_height if note else 0))

        def paint(p: QPainter, top: float) -> None:
            y = top + self._heading(p, 0, top, "按月到期（完成时限中的日期）")
            y += self._legend(p, 0, y, legend, width) + self.pt(6)
            plot = QRectF(self.pt(28), y + self.small.line_height, width - self.pt(34), chart_h - self.small.line_height)
            if not months:
                self._text(p, self.small, plot.left(), plot.top(), "没有带日期的完成时限", GREY)
                return
            most = max(m.total for m in r.months)
            step = nice_step(most)
            top_value = max(step, math.ceil(most / step) * step)
            self._axis(p, plot, top_value, step)
            slot = plot.width() / len(months)
            bar_w = max(min(slot * 0.7, self.pt(30)), self.pt(1))
            every = max(1, math.ceil(self.small.width("2022-09") * 1.2 / slot))
            for i, month in enumerate(months):
                x = plot.left() + slot * i + (slot - bar_w) / 2
                load = by_month.get(month)
                base = plot.bottom()
                if load is not None:
                    for (_, color), n in zip(MONTH_COLORS, (load.done, load.overdue, load.open)):
                        h = plot.height() * n / top_value
                        p.fillRect(QRectF(x, base - h, bar_w, h), color)
                        base -= h
                    self._text(p, self.small, x - slot, base - self.small.line_height, str(load.total), INK,
                               "center", bar_w + 2 * slot)
                year, mon = month.split("-")
                if i % every == 0:
                    self._text(p, self.small, plot.left() + slot * i - slot, plot.bottom() + self.pt(3),
                               f"{int(mon)}月", INK, "center", 3 * slot)
                if i == 0 or mon == "01":
                    self._text(p, self.small, plot.left() + slot * i, plot.bottom() + self.pt(3) + self.small.line_height,
                               f"{year}年", GREY)
            p.setPen(QPen(GREY, self.pt(0.75)))
            p.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))
            # today: its place within its month
            t = r.today
            key = f"{t.year:04d}-{t.month:02d}"
            if months[0] <= key <= months[-1] and key in months:
                days = (date(t.year + t.month // 12, t.month % 12 + 1, 1) - date(t.year, t.month, 1)).days
                x = plot.left() + slot * (months.index(key) + (t.day - 0.5) / days)
                pen = QPen(STATE_COLORS[DeadlineState.OVERDUE], self.pt(1), Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.drawLine(QLineF(x, plot.top() - self.small.line_height, x, plot.bottom()))
                self._text(p, self.small, x + self.pt(2), plot.top() - self.small.line_height,
                           "今天", STATE_COLORS[DeadlineState.OVERDUE])
            if note:
                self._text(p, self.small, 0, plot.bottom() + self.pt(6) + 2 * self.small.line_height, note, GREY)

        return Block(height, paint)

    def _overdue_table(self, width: float) -> list[Block]:
        r = self.report
        rows = [[t.number.rstrip(".．、"), t.text, "、".join(t.lead) or "、".join(t.responsible[:1]), t.deadline,
                 f"{t.days} 天"] for t in r.overdue_tasks]
        return self._task_table(width, f"逾期任务（{len(rows)} 项，按逾期时间排列）", "逾期任务", "没有逾期任务。",
                                ["序号", "任务", "牵头单位", "完成时限", "逾期天数"], [0.07, 0.51, 0.2, 0.12, 0.1],
                                rows, STATE_COLORS[DeadlineState.OVERDUE])

    def _flagged_table(self, width: float) -> list[Block]:
        """滞后 and 停滞 (computed beside the status), each task with its reasons."""
        rows = [[t.number.rstrip(".．、"), t.text, "、".join(t.lead) or "、".join(t.responsible[:1]),
                 "、".join(f for f, _ in t.flags), "；".join(reason for _, reason in t.flags)]
                for t in self.report.flagged_tasks]
        return self._task_table(width, f"滞后、停滞任务（{len(rows)} 项）", "滞后、停滞任务", "没有滞后或停滞的任务。",
                                ["序号", "任务", "牵头单位", "标记", "原因"], [0.07, 0.35, 0.15, 0.12, 0.31],
                                rows, QColor(TEXT_COLOURS[Signal.YELLOW]), alert=3)

    def _task_table(self, width: float, title: str, heading: str, empty: str, heads: list[str],
                    fractions: list[float], rows: list[list[str]], alert_colour: QColor, alert: int = 4) -> list[Block]:
        """A table of tasks under a heading, its header repeated on each page; column ``alert`` in colour."""
        m = self.cell
        pad = self.pt(3)
        widths = [width * f for f in fractions]
        xs = [sum(widths[:i]) for i in range(len(widths) + 1)]
        title_h = self.h2.line_height + self.pt(4)
        if not rows:
            def paint_none(p: QPainter, top: float) -> None:
                self._heading(p, 0, top, heading)
                self._text(p, self.text, 0, top + title_h, empty, GREY)
            return [Block(title_h + self.text.line_height, paint_none)]

        head_h = self.text.line_height + 2 * pad

        def paint_head(p: QPainter, top: float) -> None:
            p.fillRect(QRectF(0, top, width, head_h), QColor("#eeeeee"))
            for i, text in enumerate(heads):
                self._text(p, self.text, xs[i] + pad, top + pad, text, INK, "center", widths[i] - 2 * pad)
            p.setPen(QPen(GREY, self.pt(0.5)))
            p.drawLine(QLineF(0, top + head_h, width, top + head_h))

        header = Block(head_h, paint_head)

        def paint_title(p: QPainter, top: float) -> None:
            self._heading(p, 0, top, title)
            paint_head(p, top + title_h)

        blocks = [Block(title_h + head_h, paint_title, spaced=False, keep_next=True)]
        for cells in rows:
            wrapped = [m.wrap(c, widths[i] - 2 * pad) for i, c in enumerate(cells)]
            row_h = max(len(w) for w in wrapped) * m.line_height + 2 * pad

            def paint_row(p: QPainter, top: float, wrapped=wrapped, row_h=row_h) -> None:
                for i, lines in enumerate(wrapped):
                    color = alert_colour if i == alert else INK
                    align = "left" if i in (1, 2) or (i == 4 and alert != 4) else "center"
                    for j, line in enumerate(lines):
                        self._text(p, m, xs[i] + pad, top + pad + j * m.line_height, line, color, align,
                                   widths[i] - 2 * pad)
                p.setPen(QPen(RULE, self.pt(0.5)))
                p.drawLine(QLineF(0, top + row_h, width, top + row_h))

            blocks.append(Block(row_h, paint_row, header))
        return blocks

    # -- output ---------------------------------------------------------------------------

    def canvas_height(self, width: float) -> float:
        return sum(b.height for b in self.blocks(width))

    def paint_canvas(self, painter: QPainter, width: float, blocks: list[Block] | None = None) -> float:
        """Every block stacked from y = 0; returns the height painted."""
        y = 0.0
        for block in blocks or self.blocks(width):
            block.paint(painter, y)
            y += block.height
        return y

    def paint_pages(self, painter: QPainter, device, progress: Progress | None = None,
                    page_numbers: bool = True) -> int:
        """Flow the blocks over the pages of a QPdfWriter or QPrinter; returns the page count."""
        frame = PageFrame.of_paged(device)
        blocks = self.blocks(frame.width)
        numbers = PageNumbers(self.fonts, device)
        page, y = 1, 0.0
        painter.save()
        try:
            for i, block in enumerate(blocks):
                needed = block.height
                if block.keep_next and i + 1 < len(blocks):
                    needed += blocks[i + 1].height
                if y > 0 and y + needed > frame.height:
                    if page_numbers:
                        numbers.draw(painter, frame, page)
                    check(progress, "paint", page, 0)
                    device.newPage()
                    page, y = page + 1, 0.0
                    if block.header is not None:
                        block.header.paint(painter, y)
                        y += block.header.height
                block.paint(painter, y)
                y += block.height
            if page_numbers:
                numbers.draw(painter, frame, page)
            check(progress, "paint", page, page)
        finally:
            painter.restore()
        return page


def report_page_layout() -> QPageLayout:
    """A4 portrait, 20 mm margins (a working paper, not an official document)."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(20, 18, 20, 22), QPageLayout.Unit.Millimeter)


def write_report_pdf(report: Report, path, progress: Progress | None = None) -> int:
    """The report as a PDF (A4 portrait); returns the page count."""
    path = Path(path)
    with replacing(path) as tmp:
        writer = QPdfWriter(tmp)
        writer.setResolution(1200)
        writer.setCreator("Duty Matrix 责任清单编辑器")
        writer.setTitle(f"{report.title} 进展报告")
        writer.setPageLayout(report_page_layout())
        painter = QPainter(writer)
        try:
            pages = ReportPainter(report, writer.logicalDpiY(), device=writer).paint_pages(painter, writer, progress)
        finally:
            painter.end()
        del writer
    return pages


def render_report_image(report: Report, width_pt: float = 560.0, dpi: float = 144.0) -> QImage:
    """The report on one long image (white background), ``width_pt`` wide plus margins."""
    k = dpi / 72.0
    margin = 18 * k
    probe = QImage(1, 1, QImage.Format.Format_ARGB32)
    _set_dpi(probe, dpi)
    painter_obj = ReportPainter(report, dpi, device=probe)
    width = width_pt * k
    blocks = painter_obj.blocks(width)
    height = sum(b.height for b in blocks)
    image = QImage(int(width + 2 * margin), int(height + 2 * margin), QImage.Format.Format_ARGB32)
    _set_dpi(image, dpi)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.translate(margin, margin)
    painter_obj.paint_canvas(painter, width, blocks)
    painter.end()
    return image


def write_report_png(report: Report, path, width_pt: float = 560.0, dpi: float = 144.0) -> None:
    image = render_report_image(report, width_pt, dpi)
    with replacing(path) as tmp:
        if not image.save(tmp, "PNG"):  # type: ignore[call-overload]  # the stub says bytes; it takes str
            raise OSError(f"{path}：无法写入 PNG 文件")


def _set_dpi(image: QImage, dpi: float) -> None:
    dots = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)


"""The notice (关于印发《…》的通知) painted on portrait pages, GB/T 9704 sizes.

A plain rendering of the elements of spec §1.2–1.3 on the 156×225 mm text
block, 22 lines of 28.95 pt, 28 characters of 3号 a line:

- 发文机关标志 (``XX文件``, red 小标宋, fitted to the line, at most 52 pt),
  its top edge 35 mm below the top of the text block;
- 发文字号 two lines below it, centred, and the red rule 4 mm under it;
- the title (小标宋 2号) two lines below the rule, centred, lines balanced,
  at most 20 characters a line;
- 主送机关 one line below, flush left, ending in ``：``;
- the body, 2-character first-line indent; headings ``一、`` in 黑体,
  ``（一）`` in 楷体, ``1.`` in bold 仿宋 (only the heading sentence);
- 附件说明 one line below the body, the title's wrapped lines aligned
  under its first character;
- the issuer's name centred over the date, the date 4 characters from the
  right, two lines left for the seal; the last body line stays with them,
  so no page holds only the signature (GB 7.3.5.5); if the block would
  still stand alone, the line spacing is tightened (to 82 % at most) so that it
  stays on the page of the body's last lines.

Texts are the ones the Word notice uses (issue 6: ``notice_title``,
``format_date``), so the PDF and the .docx read the same.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from exporters.appendix_layout import AppendixTable
from exporters.notice_text import (
    cc_text, default_body, format_date, notice_title, printed_by, split_heading, tightened_pitch,
)
from exporters.paged_paint import LINE_PITCH_PT, PageFrame, PageNumbers, Progress, check
from exporters.paint_fonts import ResolvedFonts
from exporters.text_wrap import TextMeasure
from models.domain import Plan

SIZE_2, SIZE_3 = 22.0, 16.0
CHARS_PER_LINE = 28
TITLE_CHARS = 20
ISSUER_TOP_MM = 35.0
RULE_GAP_MM = 4.0
RULE_MM = 0.5
RED = QColor(255, 0, 0)
GLYPH_TOP = 0.88  # a Chinese glyph's top above the baseline, in ems
GLYPH_BOTTOM = 0.12


def heading_split(text: str) -> tuple[int, str, bool]:
    """(length of the heading sentence, its font role, bold) for a body paragraph; length 0 if plain."""
    heading = split_heading(text)
    return (len(heading.text), heading.font, heading.bold) if heading else (0, "fangsong", False)


@dataclass
class Line:
    """One line on the grid: text drawn from ``x`` (or centred/right-aligned), or a blank line."""

    text: str = ""
    x: float = 0.0
    align: str = "left"  # left | center | right (right: ``x`` is the inset from the right edge)
    font: str = "body"  # body | title
    heading: tuple[int, str, bool] = (0, "fangsong", False)  # leading characters in a heading font
    keep_next: bool = False


@dataclass
class NoticePage:
    number: int
    lines: list[tuple[Line, float]] = field(default_factory=list)  # (line, top)
    header: bool = False  # page 1 with the issuer mark, 文号 and rule


class NoticePainter:
    def __init__(self, plan: Plan, table: AppendixTable | None, device, fonts: ResolvedFonts,
                 first_page_number: int = 1, attachment_note: bool = True, title: str = ""):
        self.plan, self.table, self.device, self.fonts = plan, table, device, fonts
        self.title_text = title or notice_title(plan)  # a notice of another kind (催办通知) has its own
        self.first_page_number = first_page_number
        self.attachment_note = attachment_note and table is not None
        self.frame = frame = PageFrame.of_paged(device)
        self.pitch = self.line_pitch = frame.pt(LINE_PITCH_PT)
        plain = fonts.font("fangsong", SIZE_3)
        advance = TextMeasure(plain, device).width("中")
        # 28 characters in 156 mm: condense each character slightly (spec §1.1).
        spacing = 100.0 * frame.width / CHARS_PER_LINE / advance
        self.measures: dict[str, TextMeasure] = {}
        for role in ("fangsong", "kaiti", "heiti"):
            for bold in (False, True):
                font = fonts.font(role, SIZE_3)
                font.setBold(bold and role == "fangsong")
                if spacing < 100:
                    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, spacing)
                self.measures[f"{role}{'-bold' if bold else ''}"] = TextMeasure(font, device)
        self.body = self.measures["fangsong"]
        self.char = self.body.width("中")
        self.title = TextMeasure(fonts.font("title", SIZE_2), device)
        self.numbers = PageNumbers(fonts, device)
        self.pages: list[NoticePage] = []
        self._header()

    # -- the header block on page 1 -------------------------------------------------

    def _header(self) -> None:
        plan, frame = self.plan, self.frame
        self.mark = f"{plan.issuer}文件" if plan.issuer else ""
        self.has_header = bool(self.mark or plan.doc_number)
        if not self.has_header:
            self.body_top = 0.0
            return
        probe = self.fonts.font("title", 100)
        width_at_100 = TextMeasure(probe, self.device).width(self.mark or "发文机关文件")
        size = max(20.0, min(52.0, int(frame.width / width_at_100 * 100 * 2) / 2))
        self.mark_measure = TextMeasure(self.fonts.font("title", size), self.device)
        size_px = frame.pt(size)
        self.mark_baseline = frame.mm(ISSUER_TOP_MM) + GLYPH_TOP * size_px
        mark_bottom = self.mark_baseline + GLYPH_BOTTOM * size_px
        number_top = mark_bottom + 2 * self.pitch
        self.number_baseline = self._baseline(self.body, number_top)
        self.rule_y = self.number_baseline + GLYPH_BOTTOM * frame.pt(SIZE_3) + frame.mm(RULE_GAP_MM)
        self.body_top = self.rule_y + 2 * self.pitch

    def _baseline(self, measure: TextMeasure, top: float, pitch: float | None = None) -> float:
        return top + ((pitch or self.pitch) + measure.ascent - measure.descent) / 2

    # -- lines --------------------------------------------------------------------------

    def _wrap(self, text: str, first_indent: float, indent: float, **line: object) -> list[Line]:
        """Text wrapped with a first-line indent and a hanging indent, as grid lines."""
        width = self.frame.width
        first = self.body.wrap(text, width - first_indent)[0]
        lines = [Line(first, first_indent, **line)]  # type: ignore[arg-type]
        rest = text[len(first):].lstrip(" ")
        if rest:
            lines += [Line(t, indent, **line) for t in self.body.wrap(rest, width - indent)]  # type: ignore[arg-type]
        return lines

    def _paragraph(self, text: str) -> list[Line]:
        length, role, bold = heading_split(text)
        lines = self._wrap(text, 2 * self.char, 0.0)
        done = 0
        for line in lines:  # how much of the heading falls on each line
            line.heading = (max(0, min(len(line.text), length - done)), role, bold)
            done += len(line.text)
        return lines

    def lines(self) -> list[Line]:
        plan, char = self.plan, self.char
        out: list[Line] = []
        title_width = min(self.frame.width, TITLE_CHARS * self.title.width("中"))
        for text in self.title.balanced(self.title_text, title_width):
            out.append(Line(text, align="center", font="title"))
        out.append(Line())
        if plan.recipients:
            out += self._wrap(plan.recipients.rstrip("：:") + "：", 0.0, 0.0)
        body = [p.strip() for p in (plan.body or default_body(plan)).splitlines() if p.strip()]
        for text in body:
            out += self._paragraph(text)
        out[-1].keep_next = True  # the last body line stays with the signature
        body_end = len(out)
        if self.attachment_note:
            out.append(Line(keep_next=True))
            label = "附件："
            out += self._wrap(label + self.table.title, 2 * char, 2 * char + self.body.width(label),
                              keep_next=True)
        # Signature with a seal (GB 7.3.5.1): date 4 characters from the right, the
        # name centred over it, two lines left for the seal.
        date = format_date(plan.date)
        date_w, name_w = self.body.width(date), self.body.width(plan.issuer)
        date_right = 4 * char
        name_right = date_right + (date_w - name_w) / 2
        if name_right < 0:
            date_right, name_right = (name_w - date_w) / 2, 0.0
        out += [Line(keep_next=True), Line(keep_next=True)]
        if plan.issuer:
            out.append(Line(plan.issuer, name_right, align="right", keep_next=True))
        out.append(Line(date, date_right, align="right"))
        self.closing = len(out) - body_end
        return out

    # -- pagination and painting --------------------------------------------------------------

    def layout(self) -> list[NoticePage]:
        lines = self.lines()
        height = self.frame.height
        # GB 7.3.5.5: spacing tightened rather than a page holding only the signature
        self.line_pitch = pitch = tightened_pitch(len(lines), self.closing, self.body_top, height, self.pitch)
        pages = [NoticePage(self.first_page_number, header=self.has_header)]
        y = self.body_top
        i = 0
        while i < len(lines):
            # a run of lines kept together: this one and those chained by keep_next
            j = i
            while j < len(lines) - 1 and lines[j].keep_next:
                j += 1
            run = j - i + 1
            if y + pitch > height + 1e-6 or (
                    y + run * pitch > height + 1e-6 and run * pitch <= height and pages[-1].lines):
                pages.append(NoticePage(self.first_page_number + len(pages)))
                y = 0.0
                if not lines[i].text:  # no blank line at the top of a page
                    i += 1
                    continue
            pages[-1].lines.append((lines[i], y))
            y += pitch
            i += 1
        self.pages = pages
        return pages

    @property
    def page_count(self) -> int:
        return len(self.pages or self.layout())

    def paint(self, painter: QPainter, progress: Progress | None = None, new_page_first: bool = False) -> int:
        if not self.pages:
            self.layout()
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

    def paint_page(self, painter: QPainter, page: NoticePage) -> None:
        frame = self.frame
        painter.setPen(QColor("black"))
        if page.header:
            if self.mark:
                painter.setPen(RED)
                painter.setFont(self.mark_measure.font)
                x = (frame.width - self.mark_measure.width(self.mark)) / 2
                painter.drawText(QPointF(x, self.mark_baseline), self.mark)
            painter.setPen(QPen(RED, frame.mm(RULE_MM)))
            painter.drawLine(QLineF(0, self.rule_y, frame.width, self.rule_y))
            painter.setPen(QColor("black"))
            if self.plan.doc_number:
                painter.setFont(self.body.font)
                x = (frame.width - self.body.width(self.plan.doc_number)) / 2
                painter.drawText(QPointF(x, self.number_baseline), self.plan.doc_number)
        for line, top in page.lines:
            if line.text:
                self._paint_line(painter, line, top)
        self.numbers.draw(painter, frame, page.number)

    def _paint_line(self, painter: QPainter, line: Line, top: float) -> None:
        measure = self.title if line.font == "title" else self.body
        width = measure.width(line.text)
        if line.align == "center":
            x = (self.frame.width - width) / 2
        elif line.align == "right":
            x = self.frame.width - line.x - width
        else:
            x = line.x
        baseline = self._baseline(measure, top, self.line_pitch)
        length, role, bold = line.heading
        parts = [(line.text, measure)]
        if length:
            heading = self.measures[f"{role}{'-bold' if bold else ''}"]
            parts = [(line.text[:length], heading), (line.text[length:], self.body)]
        for text, m in parts:
            if text:
                painter.setFont(m.font)
                m.draw(painter, QPointF(x, baseline), text)
                x += m.width(text)


IMPRINT_PT = 14.0  # 4号仿宋
THICK_RULE_MM, THIN_RULE_MM = 0.35, 0.25


class ImprintPainter:
    """The 版记 (GB 7.4) at the foot of the text block of a portrait page, without a page number:
    a thick rule, ``抄送：…。`` one character in on each side (wrapped lines after the colon), a thin
    rule, 印发机关 one character in from the left and ``…印发`` one in from the right, a thick rule
    on the bottom edge of the text block.  Texts as the Word notice's (:mod:`exporters.notice_text`)."""

    def __init__(self, plan: Plan, device, fonts: ResolvedFonts, printed_by_name: str = ""):
        self.plan, self.device = plan, device
        self.frame = frame = PageFrame.of_paged(device)
        self.measure = TextMeasure(fonts.font("fangsong", IMPRINT_PT), device)
        self.pitch = frame.pt(LINE_PITCH_PT)
        self.char = frame.pt(IMPRINT_PT)
        self.by = printed_by(plan, printed_by_name)
        self.issued = f"{format_date(plan.date)}印发"

    def rows(self) -> list[list[tuple[str, float, str]]]:
        """Rows between the rules, each a list of (text, inset, align) lines."""
        width, char, measure = self.frame.width, self.char, self.measure
        rows: list[list[tuple[str, float, str]]] = []
        cc = cc_text(self.plan)
        if cc:
            first = measure.wrap(cc, width - 2 * char)[0]
            indent = char + measure.width("抄送：")
            lines = [(first, char, "left")]
            rest = cc[len(first):]
            if rest:
                lines += [(t, indent, "left") for t in measure.wrap(rest, width - char - indent)]
            rows.append(lines)
        rows.append([(self.by, char, "left"), (self.issued, char, "right")])
        return rows

    def paint(self, painter: QPainter) -> None:
        frame, measure = self.frame, self.measure
        rows = self.rows()
        heights = [self.pitch * max(1, sum(1 for _, _, a in row if a == "left")) for row in rows]
        y = frame.height - sum(heights)
        painter.setFont(measure.font)
        rules = [(y, THICK_RULE_MM)]
        for row, height in zip(rows, heights):
            top, i = y, 0
            for text, inset, align in row:
                if align == "right":
                    x = frame.width - inset - measure.width(text)
                    line_top = top
                else:
                    x, line_top = inset, top + i * self.pitch
                    i += 1
                painter.setPen(QColor("black"))
                painter.drawText(QPointF(x, line_top + (self.pitch + measure.ascent - measure.descent) / 2), text)
            y += height
            rules.append((y, THIN_RULE_MM))
        rules[-1] = (y, THICK_RULE_MM)
        for rule_y, thickness in rules:
            painter.setPen(QPen(QColor("black"), frame.mm(thickness)))
            painter.drawLine(QLineF(0, rule_y, frame.width, rule_y))

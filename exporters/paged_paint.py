"""What every painted page shares: page layouts, the text-block frame,
page numbers, progress and cancelling.

Painting goes to any :class:`QPagedPaintDevice` — a :class:`QPdfWriter` for
PDF files, a :class:`QPrinter` for printing and the print preview.  The
painter's origin is the top-left corner of the text block (the page minus
its margins); sizes are converted from millimetres and points with the
device's resolution, so the same code draws at 1200 dpi into a PDF and at
screen resolution into the preview.

Page layouts follow shared/spec/official-layout.md: portrait A4 with the
GB/T 9704 margins (天头 37, 订口 28, 版心 156×225 mm) for the notice, and the
landscape A4 of §1.7 (top 28, bottom 26, left 35, right 37 mm) that keeps the
225×156 mm text block in the same place on the sheet for the appendix.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QPointF
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPaintDevice

from models.errors import Cancelled
from exporters.paint_fonts import ResolvedFonts
from exporters.text_wrap import TextMeasure

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
LINE_PITCH_PT = 28.95  # GB/T 9704: 22 lines in the 225 mm text block (spec §1.1)
PAGE_NUMBER_PT = 14.0  # 4号
PAGE_NUMBER_DROP_MM = 7.0  # the number's dash sits 7 mm below the text block (spec §1.6)
FOOTER_BAND_MM = 12.0  # reserved inside the text block when the bottom margin is too small for the number


# progress(stage, done, total) → False to cancel.  Stages: "layout" (rows), "paint" (pages).
Progress = Callable[[str, int, int], "bool | None"]


def check(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None and progress(stage, done, total) is False:
        raise Cancelled()


def notice_page_layout() -> QPageLayout:
    """A4 portrait with the GB/T 9704 margins (left, top, right, bottom in mm)."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(28, 37, 26, 35), QPageLayout.Unit.Millimeter)


def appendix_page_layout() -> QPageLayout:
    """A4 landscape keeping the 225×156 mm text block where the portrait pages have it (§1.7)."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                       QMarginsF(35, 28, 37, 26), QPageLayout.Unit.Millimeter)


@dataclass(frozen=True)
class PageFrame:
    """The text block of the device's current page, in device pixels."""

    dpi: float
    width: float
    height: float  # where content may go (the text block, less a footer band if needed)
    number_y: float  # vertical centre of the page number

    @classmethod
    def of(cls, device: QPaintDevice, bottom_margin_mm: float) -> PageFrame:
        dpi = float(device.logicalDpiY())
        width, height = float(device.width()), float(device.height())
        mm = dpi / MM_PER_INCH
        if bottom_margin_mm >= PAGE_NUMBER_DROP_MM + 5:
            return cls(dpi, width, height, height + PAGE_NUMBER_DROP_MM * mm)
        band = FOOTER_BAND_MM * mm
        return cls(dpi, width, height - band, height - band / 2)

    @classmethod
    def of_paged(cls, device) -> PageFrame:
        """For a QPdfWriter or QPrinter: the bottom margin comes from its page layout."""
        margins = device.pageLayout().margins(QPageLayout.Unit.Millimeter)
        return cls.of(device, margins.bottom())

    def mm(self, value: float) -> float:
        return value * self.dpi / MM_PER_INCH

    def pt(self, value: float) -> float:
        return value * self.dpi / PT_PER_INCH


class PageNumbers:
    """``— N —`` in 宋体 4号: odd pages right, even pages left, one character in (spec §1.6)."""

    def __init__(self, fonts: ResolvedFonts, device: QPaintDevice):
        self.font = fonts.font("page_number", PAGE_NUMBER_PT)
        self.measure = TextMeasure(self.font, device)

    def draw(self, painter: QPainter, frame: PageFrame, number: int) -> None:
        text = f"— {number} —"
        width = self.measure.width(text)
        inset = frame.pt(PAGE_NUMBER_PT)
        x = frame.width - inset - width if number % 2 else inset
        baseline = frame.number_y + (self.measure.ascent - self.measure.descent) / 2
        painter.setFont(self.font)
        painter.setPen(QColor("black"))
        painter.drawText(QPointF(x, baseline), text)

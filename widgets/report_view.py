"""The progress report (进展报告) on screen: choose the unit and the day, see the
charts and the overdue tasks, export to PDF or PNG, print.

The numbers come from :func:`models.report_data.build_report` on the plan as
stored, at the chosen day; the drawing is :class:`exporters.report_paint.ReportPainter`,
the same that writes the PDF and the PNG, so the screen and the files agree.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea,
    QVBoxLayout, QWidget,
)

from models.file_names import file_name
from exporters.report_paint import Block, ReportPainter, write_report_pdf, write_report_png
from models.report_data import Report, build_report, report_units
from models.round_store import RoundBook
from models.store import Store
from models.tracking import DEFAULT_WARN_DAYS, TrackingContext
from widgets.export_done import offer_open
from widgets.print_preview import PaintProgress, PrintPreview, preview_report
from widgets.file_dialogs import save_file

ALL_UNITS = "全部单位"
MARGIN = 16


class ReportCanvas(QWidget):
    """Paints one report at the widget's width; its height follows the content."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.report: Report | None = None
        self._blocks: list[Block] = []
        self._width = -1.0
        self.setAutoFillBackground(False)

    def set_report(self, report: Report) -> None:
        self.report = report
        self._width = -1.0
        self._relayout()
        self.update()

    def _relayout(self) -> None:
        if self.report is None:
            return
        width = float(max(self.width() - 2 * MARGIN, 300))
        if width == self._width:
            return
        self._width = width
        self._blocks = ReportPainter(self.report, self.logicalDpiY(), device=self).blocks(width)
        self.setMinimumHeight(int(sum(b.height for b in self._blocks) + 2 * MARGIN))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.report is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(MARGIN, MARGIN)
            y = 0.0
            for block in self._blocks:
                block.paint(painter, y)
                y += block.height
        painter.end()


class ReportView(QWidget):
    def __init__(self, store: Store, plan_id: str, today: Callable[[], date] = date.today,
                 warn_days: int = DEFAULT_WARN_DAYS, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.plan_id = store, plan_id
        self.warn_days = warn_days
        self.report: Report | None = None
        self.unit = QComboBox(self)
        self.unit.setMinimumContentsLength(16)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy年M月d日")
        d = today()
        self.day.setDate(QDate(d.year, d.month, d.day))
        self.pdf_button = QPushButton("导出 PDF…", self)
        self.png_button = QPushButton("导出 PNG…", self)
        self.print_button = QPushButton("打印预览…", self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("单位：", self))
        bar.addWidget(self.unit)
        bar.addSpacing(12)
        bar.addWidget(QLabel("统计日期：", self))
        bar.addWidget(self.day)
        bar.addStretch(1)
        for button in (self.pdf_button, self.png_button, self.print_button):
            bar.addWidget(button)
        self.canvas = ReportCanvas()
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.canvas)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)
        self._fill_units()
        self.unit.currentIndexChanged.connect(self.refresh)
        self.day.dateChanged.connect(self.refresh)
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.png_button.clicked.connect(lambda: self.export_png())
        self.print_button.clicked.connect(self.print_preview)
        self.refresh()

    def _fill_units(self) -> None:
        plan = self.store.load_plan(self.plan_id)
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(ALL_UNITS, None)
        for name in report_units(plan):
            self.unit.addItem(name, name)
        self.unit.blockSignals(False)

    @property
    def today(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def set_unit(self, unit: str | None) -> None:
        index = self.unit.findData(unit) if unit else 0
        if index >= 0:
            self.unit.setCurrentIndex(index)

    def refresh(self) -> None:
        """Build the report again from the store (after edits, or another unit or day)."""
        plan = self.store.load_plan(self.plan_id)
        day = self.today
        flags = RoundBook(self.store).task_flags(plan, TrackingContext(lambda: day, self.warn_days))  # at its date
        self.report = build_report(plan, day, self.unit.currentData(), self.warn_days, flags)
        self.canvas.set_report(self.report)

    # -- output ----------------------------------------------------------------------------------

    def _ask(self, suffix: str, kind: str) -> Path | None:
        name = f"{file_name(self.report.title)}-进展报告-{self.today.isoformat()}.{suffix}"
        path = save_file(self, "report", f"导出 {kind}", name, f"{kind} 文件 (*.{suffix})")
        if path is None:
            return None
        return path if path.suffix.lower() == f".{suffix}" else path.with_name(f"{path.name}.{suffix}")

    def export_pdf(self, path: Path | None = None, offer: bool = True) -> Path | None:
        path = path or self._ask("pdf", "PDF")
        if path is None:
            return None
        progress = PaintProgress(self, "导出 PDF")
        try:
            write_report_pdf(self.report, path, progress)
        except OSError as exc:
            QMessageBox.warning(self, "导出 PDF", f"{path}：无法写入（{exc.strerror or exc}）")
            return None
        finally:
            progress.close()
        if offer:
            offer_open(self, [path])
        return path

    def export_png(self, path: Path | None = None, offer: bool = True) -> Path | None:
        path = path or self._ask("png", "PNG")
        if path is None:
            return None
        try:
            write_report_png(self.report, path)
        except OSError as exc:
            QMessageBox.warning(self, "导出 PNG", str(exc))
            return None
        if offer:
            offer_open(self, [path])
        return path

    def print_preview(self) -> PrintPreview:
        return preview_report(self, self.report)


class ReportDialog(QDialog):
    def __init__(self, store: Store, plan_id: str, tracking: TrackingContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("进展报告")
        self.view = ReportView(store, plan_id, tracking.today, tracking.warn_days, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view)
        self.resize(980, 820)


def open_report(parent: QWidget | None, store: Store, plan_id: str,
                tracking: TrackingContext | None = None) -> ReportDialog:
    """Tools → 进展报告: the report window for a plan (not blocking)."""
    dialog = ReportDialog(store, plan_id, tracking or TrackingContext(), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

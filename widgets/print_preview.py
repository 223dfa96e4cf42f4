"""Print preview and printing for anything with a paint function (:class:`PaintJob`).

- :class:`PrintPreview` — Qt's preview dialog (zoom, page setup: paper,
  orientation, margins; print) over a job, with a line naming the fonts that
  stand in for missing official ones, and a progress dialog while a big list
  is laid out and painted (cancellable).
- :func:`preview` opens it; :func:`print_with_dialog` is File → Print
  (Ctrl+P); :func:`print_to` paints a job on a given printer.
- :func:`preview_appendix`, :func:`preview_notice`, :func:`preview_unit`,
  :func:`preview_report` for the menu; the matrix and the deadline board join
  by passing their own ``PaintJob(title, layout, paint)``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QLabel, QWidget

from exporters.appendix_layout import LayoutOptions
from exporters.paged_paint import Cancelled
from exporters.print_jobs import PaintJob, appendix_job, notice_job, report_job, unit_job
from models.domain import Plan
from models.report_data import Report
from widgets.background import ProgressDialog

PaintProgress = ProgressDialog  # painting stays in the GUI thread: the dialog handles events as it reports


def print_to(printer: QPrinter, job: PaintJob, parent: QWidget | None = None) -> int:
    """Paint ``job`` on ``printer``; returns the number of pages (0 when cancelled or impossible)."""
    if job.fixed_layout:
        printer.setPageLayout(job.page_layout)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    progress = PaintProgress(parent, job.title)
    try:
        return job.paint(painter, printer, progress)
    except Cancelled:
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            printer.abort()  # nothing goes to the printer
        return 0
    finally:
        painter.end()
        progress.close()


def new_printer(job: PaintJob) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(job.title)
    printer.setPageLayout(job.page_layout)
    return printer


class PrintPreview(QPrintPreviewDialog):
    """The preview of one job; :attr:`page_count` after each paint."""

    def __init__(self, job: PaintJob, parent: QWidget | None = None, printer: QPrinter | None = None):
        self._printer = printer or new_printer(job)
        if printer is not None:
            self._printer.setDocName(job.title)
            self._printer.setPageLayout(job.page_layout)
        super().__init__(self._printer, parent)
        self.job = job
        self.page_count = 0
        self.setWindowTitle(f"打印预览 — {job.title}")
        self.preview = self.findChild(QPrintPreviewWidget)
        self.note = QLabel(job.note, self)
        self.note.setObjectName("fontNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("QLabel#fontNote { background: #fff8e1; color: #6d4c00; padding: 4px 8px; }")
        self.note.setVisible(bool(job.note))
        if job.fixed_layout:
            self.note.setText("\n".join(filter(None, [job.note, "附件表格横排在纵向纸上（表头朝装订边）；页面设置不适用于本文档。"])))
            self.note.setVisible(True)
        self.layout().addWidget(self.note)
        self.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        # The preview drops its old pages while a new run paints; events handled for the
        # progress dialog must not repaint the view in between.
        self.preview.setUpdatesEnabled(False)
        try:
            self.page_count = print_to(printer, self.job, self)
        finally:
            self.preview.setUpdatesEnabled(True)


def preview(parent: QWidget | None, job: PaintJob) -> PrintPreview:
    """Open the preview window (not blocking) and return it."""
    dialog = PrintPreview(job, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.resize(1000, 760)
    dialog.open()
    return dialog


def print_with_dialog(parent: QWidget | None, job: PaintJob) -> int:
    """File → Print: the system print dialog, then the job on the chosen printer."""
    printer = new_printer(job)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印 — {job.title}")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    return print_to(printer, job, parent)


# -- the menu's entries -------------------------------------------------------------------------

def preview_appendix(parent: QWidget | None, plan: Plan, options: LayoutOptions = LayoutOptions()) -> PrintPreview:
    return preview(parent, appendix_job(plan, options))


def preview_notice(parent: QWidget | None, plan: Plan, options: LayoutOptions = LayoutOptions()) -> PrintPreview:
    return preview(parent, notice_job(plan, options))


def preview_unit(parent: QWidget | None, plan: Plan, unit: str,
                 options: LayoutOptions = LayoutOptions()) -> PrintPreview:
    return preview(parent, unit_job(plan, unit, options))


def preview_report(parent: QWidget | None, report: Report) -> PrintPreview:
    return preview(parent, report_job(report))

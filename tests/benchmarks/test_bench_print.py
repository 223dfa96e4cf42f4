"""Printing a 5,000-task appendix (target: laid out and painted in under 5 s, PDF or preview)."""
import pytest
from PySide6.QtGui import QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from exporters.appendix_layout import build_appendix
from exporters.appendix_paint import AppendixPainter
from exporters.paged_paint import appendix_page_layout
from exporters.pdf_document import write_pdf
from exporters.print_jobs import appendix_job
from helpers.factories import make_plan
from widgets.print_preview import PrintPreview

TASKS = 5000


@pytest.fixture(scope="module")
def big_plan():
    plan = make_plan(5550)  # 50 × (1 + 10 × (1 + 10)) nodes: 5,000 tasks
    assert sum(1 for n, _ in plan.walk() if not n.children) == TASKS
    return plan


def test_layout_5000_tasks(benchmark, qapp, tmp_path, big_plan):
    table = build_appendix(big_plan)
    writer = QPdfWriter(str(tmp_path / "layout.pdf"))
    writer.setPageLayout(appendix_page_layout())

    pages = benchmark.pedantic(lambda: AppendixPainter(table, writer).layout(), rounds=3, iterations=1)
    assert len(pages) > 300
    QPainter(writer).end()


def test_pdf_5000_tasks(benchmark, qapp, tmp_path, big_plan):
    result = benchmark.pedantic(lambda: write_pdf(big_plan, tmp_path / "big.pdf", appendix_only=True),
                                rounds=3, iterations=1)
    assert result.pages > 300


def test_preview_5000_tasks(benchmark, qtbot, tmp_path, big_plan):
    def open_preview():
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "preview.pdf"))
        dialog = PrintPreview(appendix_job(big_plan), printer=printer)
        dialog.show()  # lays out and paints every page into the preview
        count = dialog.preview.pageCount()
        dialog.close()
        dialog.deleteLater()
        return count

    assert benchmark.pedantic(open_preview, rounds=3, iterations=1) > 300

"""Print previews opened for real: page counts, and the header row on every printed page."""
from datetime import date

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter

from exporters.appendix_layout import build_appendix
from exporters.paged_paint import appendix_page_layout
from exporters.pdf_document import write_pdf
from exporters.print_jobs import PaintJob, appendix_job, notice_job, report_job, unit_job
from helpers.factories import make_plan
from models.demo import demo_plan
from models.report_data import build_report
from helpers.pdf_text import flat, needs_pdftotext, page_texts
from widgets.print_preview import PaintProgress, PrintPreview, print_to


def open_preview(qtbot, job, path):
    """The preview dialog on a printer whose output is a PDF file (what Print would write)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    dialog = PrintPreview(job, printer=printer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview.pageCount() > 0)
    return dialog


def print_preview(dialog, path):
    """Print from the preview (to its PDF printer) and read the pages back."""
    dialog.preview.print()
    return page_texts(path)


@needs_pdftotext
def test_appendix_preview_of_a_multi_page_list(qtbot, tmp_path):
    plan = make_plan(900)
    table = build_appendix(plan)
    dialog = open_preview(qtbot, appendix_job(plan), tmp_path / "p.pdf")
    assert dialog.preview.pageCount() == dialog.page_count > 20
    pages = print_preview(dialog, tmp_path / "p.pdf")
    assert len(pages) == dialog.page_count
    for number, text in enumerate(pages, 1):
        assert "".join(table.headers) in flat(text), f"page {number}"
        assert f"— {number} —" in text
    assert flat(pages[0]).startswith("附件" + flat(table.title))


@needs_pdftotext
def test_preview_says_which_font_stands_in(qtbot, tmp_path):
    job = appendix_job(demo_plan())
    dialog = open_preview(qtbot, job, tmp_path / "d.pdf")
    if job.fonts.stand_ins:
        assert dialog.note.isVisibleTo(dialog) and "代替" in dialog.note.text()
        assert job.fonts.stand_ins[0].used in dialog.note.text()
    else:
        assert not dialog.note.isVisibleTo(dialog)


@needs_pdftotext
def test_page_setup_portrait_relays_the_table(qtbot, tmp_path):
    plan = make_plan(60)  # short rows: fewer on a portrait page's narrower, taller text block
    dialog = open_preview(qtbot, appendix_job(plan), tmp_path / "land.pdf")
    landscape = dialog.page_count
    dialog.preview.setPortraitOrientation()  # what the toolbar's orientation button does
    qtbot.waitUntil(lambda: dialog.page_count != landscape)
    assert dialog.preview.pageCount() == dialog.page_count != landscape
    pages = print_preview(dialog, tmp_path / "land.pdf")
    assert all("".join(build_appendix(plan).headers) in flat(p) for p in pages)


@needs_pdftotext
def test_notice_preview_matches_the_pdf_export(qtbot, tmp_path):
    plan = demo_plan()
    exported = write_pdf(plan, tmp_path / "export.pdf")
    dialog = open_preview(qtbot, notice_job(plan), tmp_path / "n.pdf")
    assert dialog.preview.pageCount() == exported.pages
    pages = print_preview(dialog, tmp_path / "n.pdf")
    assert len(pages) == exported.pages
    header = "".join(build_appendix(plan).headers)
    assert header not in flat(pages[0]) and f"{plan.issuer}文件" in flat(pages[0])
    assert all(header in flat(p) for p in pages[exported.notice_pages:exported.pages - exported.imprint_pages])
    assert "印发" in flat(pages[-1])
    assert "页面设置不适用" in dialog.note.text()


@needs_pdftotext
def test_unit_sheet_keeps_the_list_numbers(qtbot, tmp_path):
    plan = demo_plan()
    dialog = open_preview(qtbot, unit_job(plan, "人事科"), tmp_path / "u.pdf")
    text = flat("".join(print_preview(dialog, tmp_path / "u.pdf")))
    assert "（人事科）" in text
    mine = [n for n, _ in plan.walk() if not n.children and "人事科" in n.lead + n.responsible]
    others = [n for n, _ in plan.walk() if not n.children and "人事科" not in n.lead + n.responsible]
    assert mine and all(flat(n.text) in text for n in mine)
    assert not any(flat(n.text) in text for n in others)


@needs_pdftotext
def test_report_preview(qtbot, tmp_path):
    report = build_report(demo_plan(), date(2022, 10, 15))
    dialog = open_preview(qtbot, report_job(report), tmp_path / "r.pdf")
    pages = print_preview(dialog, tmp_path / "r.pdf")
    assert len(pages) == dialog.page_count >= 2
    assert "逾期任务" in flat("".join(pages))


def test_any_paint_function_previews(qtbot, tmp_path):
    """How the matrix or the deadline board will join: a PaintJob with its own paint function."""
    def paint(painter: QPainter, device, progress=None) -> int:
        for page in range(3):
            if page:
                device.newPage()
            painter.drawText(QPointF(100, 100), f"矩阵 第{page + 1}页")
            if progress is not None:
                progress("paint", page + 1, 3)
        return 3

    dialog = open_preview(qtbot, PaintJob("矩阵", appendix_page_layout(), paint), tmp_path / "m.pdf")
    assert dialog.preview.pageCount() == 3 and not dialog.note.isVisibleTo(dialog)


def test_cancelling_stops_a_print(qtbot, tmp_path):
    progress = PaintProgress(None, "大清单")
    assert progress("layout", 1, 10) is True
    progress.dialog.cancel()
    assert progress("paint", 1, 10) is False
    progress.close()

    def paint(painter, device, progress=None) -> int:
        from exporters.paged_paint import check
        progress.dialog.cancel()
        check(progress, "paint", 1, 5)
        return 5

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancel.pdf"))
    assert print_to(printer, PaintJob("x", appendix_page_layout(), paint)) == 0

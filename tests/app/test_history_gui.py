"""History (留痕) in the window (issue 16): 姓名 and 科室 from the settings, a status set in the detail
panel listed newest first with them, undone exactly, and printed in the official table layout."""
from datetime import date

from PySide6.QtPrintSupport import QPrinter

from helpers.pdf_text import flat, needs_pdftotext, page_texts
from helpers.store_dump import whole_store
from widgets.print_preview import new_printer, print_to
from models.domain import Status
from models.history import Author, HistoryKind
from models.round_store import RoundBook
from widgets.history_list import COLUMNS


def leaf(window, n=0):
    return [x for x, _ in window.model.plan.walk() if not x.children][n]


def cells(window):
    table = window.detail.history.table
    return [[table.item(r, c).text() for c in range(len(COLUMNS))] for r in range(table.rowCount())]


@needs_pdftotext
def test_a_status_set_in_the_detail_panel_is_in_the_history_with_the_user_and_undoes_exactly(window, qtbot, tmp_path):
    dialog = window.ask_author()
    dialog.name.setText("王明")
    dialog.office.setText("督查科")
    dialog.accept()
    assert window.settings.author == Author("王明", "督查科") and window.store.author == Author("王明", "督查科")
    task = leaf(window)
    first = task.status.value
    RoundBook(window.store).open(window.editor.plan_id, "5月调度", date(2022, 5, 31), today=date(2022, 5, 1))
    window.editor.rounds_changed.emit()
    window.select_node(task.id)
    before = whole_store(window.store)
    panel = window.detail
    panel.status.setCurrentText(Status.IN_PROGRESS.value)
    panel.status.activated.emit(panel.status.currentIndex())
    panel.status.setCurrentText(Status.DONE.value)
    panel.status.activated.emit(panel.status.currentIndex())
    qtbot.waitUntil(lambda: window.detail.history.table.rowCount() == 3)
    newest, older, opened = cells(window)
    today = date.today().isoformat()
    assert newest == [today, "状态", f"状态：{Status.IN_PROGRESS.value} → 已完成", "5月调度", "", "王明（督查科）"]
    assert older[2] == f"状态：{first} → {Status.IN_PROGRESS.value}"
    assert opened[:2] == ["2022-05-01", "轮次"] and opened[3] == "5月调度"
    window.detail.history.grab().save(str(tmp_path / "history.png"))

    preview = window.preview_history(task.id)
    assert preview is not None and preview.job.title.endswith(f"{task.text}）")
    printer = new_printer(preview.job)  # printed to a PDF file, as 打印 would to paper
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "history.pdf"))
    assert print_to(printer, preview.job) == 1
    preview.close()
    text = flat(page_texts(tmp_path / "history.pdf")[0])
    assert "任务留痕" in text and f"状态：{first}→{Status.IN_PROGRESS.value}" in text and "王明（督查科）" in text

    window.editor.undo()
    window.editor.undo()
    assert whole_store(window.store) == before
    qtbot.waitUntil(lambda: window.detail.history.table.rowCount() == 1)
    assert [e.kind for e in window.detail.history.entries] == [HistoryKind.ROUND]


def test_the_plans_history_exports_to_excel_from_the_file_menu(window, tmp_path):
    from openpyxl import load_workbook

    from helpers.file_dialog import answer_file_dialog

    task = leaf(window)
    window.store.author = Author("李华", "综合科")
    window.editor.set_fields(task.id, status=Status.IN_PROGRESS)
    target = tmp_path / "留痕.xlsx"
    answer_file_dialog(target)
    window.actions_by_name["export_history"].trigger()
    rows = [[c.value for c in row] for row in load_workbook(target).active.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "日期")
    (entry,) = [r for r in rows[header + 1:] if r[1]]
    assert entry[1] == "状态" and task.text in entry[2] and entry[6] == "李华（综合科）"

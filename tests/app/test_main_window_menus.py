"""The File and Tools menus: import as an undoable command, previews, matrix export."""
import openpyxl
import pytest
from PySide6.QtWidgets import QWizard

from helpers.seedtext import seed_path


def test_import_from_the_menu_is_undoable(window, qtbot):
    store = window.store
    wizard = window.open_import()
    wizard.file_page.path.setText(str(seed_path("004")))
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.imported) as done:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    (plan_id,) = done.args[0]
    assert len(store.list_plans()) == 2 and window.editor.plan_id == plan_id
    assert window.library.list.count() == 2
    assert window.editor.directory_stack.undoText().startswith("导入")
    window.editor.undo()
    assert len(store.list_plans()) == 1 and window.editor.plan_id != plan_id
    window.editor.redo()
    assert [p.id for p in store.list_plans()][-1] == plan_id
    assert sum(1 for n, _ in store.load_plan(plan_id).walk() if not n.children) == 21  # the 21 tasks of seed 004


@pytest.mark.parametrize("action", ["preview_appendix", "preview_matrix", "preview_board", "preview_unit"])
def test_print_previews_open_with_pages(window, qtbot, action):
    window.show_view("units")
    window.actions_by_name[action].trigger()
    from widgets.print_preview import PrintPreview
    dialog = next(w for w in window.findChildren(PrintPreview))
    qtbot.waitUntil(lambda: dialog.page_count > 0, timeout=20_000)
    dialog.close()


def test_the_unit_preview_needs_no_visit_to_the_department_view(window, qtbot):
    assert not window.unit_view.isVisible()  # its units are read when shown or asked for
    window.actions_by_name["preview_unit"].trigger()
    from widgets.print_preview import PrintPreview
    dialog = next(w for w in window.findChildren(PrintPreview))
    qtbot.waitUntil(lambda: dialog.page_count > 0, timeout=20_000)
    dialog.close()
    units = [window.unit_view.unit.itemText(i) for i in range(window.unit_view.unit.count())]
    assert window.unit_view.unit.currentText() == units[0] and "人事科" in units


def test_matrix_export_to_excel(window, tmp_path, monkeypatch):
    from helpers.file_dialog import answer_file_dialog
    target = tmp_path / "矩阵.xlsx"
    answer_file_dialog(target)
    monkeypatch.setattr("app.main_window.offer_open", lambda *a, **k: None)
    window.export_matrix()
    sheet = openpyxl.load_workbook(target).active
    headers = [c.value for c in sheet[3]]
    assert headers[0] == "任务" and headers[-1] == "合计" and "人事科" in headers
    col = headers.index("人事科") + 1
    values = [sheet.cell(r, col).value for r in range(4, sheet.max_row + 1)]
    assert values.count("牵") == 3


def test_department_view_exports_its_sheet(window, tmp_path, monkeypatch):
    from helpers.file_dialog import answer_file_dialog
    answer_file_dialog(tmp_path)
    monkeypatch.setattr("app.main_window.offer_open", lambda *a, **k: None)
    window.show_view("units")
    window.unit_view.unit.setCurrentText("人事科")
    window.unit_view.export_requested.emit("人事科")
    (written,) = list(tmp_path.glob("*.xlsx"))
    assert written.name == "人事科.xlsx"
    book = openpyxl.load_workbook(written)
    assert any("建立公务员诚信档案" in str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row)


def test_qt_dialog_buttons_speak_chinese(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from app.gui import install_chinese_translation
    assert install_chinese_translation(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Yes)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_restore_a_backup_from_the_file_menu(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    store = window.store
    plan_id = window.editor.plan_id
    before = store.load_plan(plan_id).node_count()
    store.backup("import")
    window.editor.delete_nodes([window.model.plan.roots[0].id])
    assert store.load_plan(plan_id).node_count() < before
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = window.open_backups()
    assert "导入前" in dialog.list.item(0).text()
    dialog.restore.click()
    assert store.load_plan(plan_id).node_count() == before
    assert window.model.plan.node_count() == before and window.editor.stack.count() == 0
    assert any("before-restore" in p.name for p in store.list_backups())


def test_the_tools_menu_opens_the_scores_of_the_open_plan(window, qtbot):
    from widgets.score_dialog import ScoreDialog

    assert window.actions_by_name["scores"] in window.tools_menu.actions()
    window.actions_by_name["scores"].trigger()
    dialog = next(w for w in window.findChildren(ScoreDialog))
    qtbot.waitExposed(dialog)
    # the demo: no rules set, every unit with a task (umbrella names aside) gets a total
    assert dialog.summary.rowCount() == len(dialog.scores) > 10
    assert all(dialog.summary.item(r, 2).text().lstrip("-").isdigit() for r in range(dialog.summary.rowCount()))
    dialog.close()

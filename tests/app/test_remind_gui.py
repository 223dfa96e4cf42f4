"""文件 → 催办通知… in the main window: the 回收情况 tab's 催办…, 浏览… through the app's file dialog,
and 联系人/电话 kept in the settings for the next time."""
from datetime import date

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.settings import Settings
from models.round_store import RoundBook


def test_remind_from_the_menu_remembers_the_contact(window, qtbot, tmp_path, monkeypatch):
    from helpers.file_dialog import answer_file_dialog
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    monkeypatch.setattr("widgets.remind_dialog.offer_open", lambda *a, **k: None)
    remind = window.actions_by_name["remind"]
    assert remind in window.menuBar().actions()[0].menu().actions()  # 文件
    remind.trigger()
    assert told == ["这份清单还没有报送轮次。"] and window.round_view.remind_dialog is None
    assert window.editor.open_round("7月调度", date(2022, 7, 31), date(2022, 7, 1))

    dialog = window.remind()
    assert len(told) == 1
    assert window.views.currentWidget() is window.round_view and dialog.isVisible()
    assert (dialog.contact.text(), dialog.phone.text()) == ("", "")
    dialog.findChild(type(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)), "remindNone").click()
    item = next(dialog.units.item(i) for i in range(dialog.units.count())
                if dialog.units.item(i).text().startswith("人事科　"))
    item.setCheckState(Qt.CheckState.Checked)
    answer_file_dialog(tmp_path)
    dialog.findChild(type(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)), "remindBrowse").click()
    assert dialog.folder.text() == str(tmp_path)
    dialog.contact.setText("张华")
    dialog.phone.setText("0818-1112222")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    written = tmp_path / "人事科-7月调度催办通知.docx"
    qtbot.waitUntil(written.exists)
    assert "联系人：张华，电话：0818-1112222。" in "\n".join(p.text for p in Document(written).paragraphs)
    book = RoundBook(window.store)
    assert book.next_reminder(book.find(window.editor.plan_id, "7月调度"), "人事科") == 2
    assert Settings().reminder_contact == ("张华", "0818-1112222")  # read back from the settings file

    window.editor.undo()
    assert book.next_reminder(book.find(window.editor.plan_id, "7月调度"), "人事科") == 1
    again = window.remind()
    assert (again.contact.text(), again.phone.text()) == ("张华", "0818-1112222")
    again.reject()

"""回收情况 → 催办…: the dialog on the demo store, real .docx and PDF files read back, the reminders
recorded as one undoable command, a second reminder reading 第二次, and undo restoring the store."""
from datetime import date

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from editing.plan_editor import PlanEditor
from models.history import plan_history
from models.round_store import RoundBook
from models.store import ProgressEntry
from models.tracking import TrackingContext
from tests.helpers.pdf_text import flat, page_texts
from tests.helpers.store_dump import whole_store
from widgets.remind_dialog import SessionContact
from widgets.round_view import COLUMNS, RoundView

TODAY = date(2022, 7, 5)
ROUND = "6月调度"
A, B = "人事科", "执法监督科"


@pytest.fixture
def view(qtbot, demo_store, monkeypatch, tmp_path):
    monkeypatch.setattr("widgets.remind_dialog.offer_open", lambda parent, paths, note="": None)
    editor = PlanEditor(demo_store)
    editor.open_plan(demo_store.list_plans()[0].id)
    view = RoundView(editor, TrackingContext(lambda: TODAY), contacts=SessionContact(("王明", "0818-2345678")))
    qtbot.addWidget(view)
    view.resize(1100, 500)
    view.show()
    qtbot.waitExposed(view)
    assert not view.remind_button.isEnabled()  # no round yet
    assert editor.open_round(ROUND, date(2022, 6, 30), date(2022, 6, 1))
    qtbot.waitUntil(lambda: view.table.rowCount() > 0)
    return view


def tasks_of(plan, unit):
    return [n for n, _ in plan.walk() if unit in n.lead + n.responsible and not n.children]


def cell(view, unit, column):
    rows = [r for r in range(view.table.rowCount()) if view.table.item(r, 0).text() == unit]
    return view.table.item(rows[0], COLUMNS.index(column)).text()


def docx_text(path) -> str:
    doc = Document(path)
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows
                                                          for c in row.cells])


def ask(qtbot, view, units, **choices):
    """Click 催办…, keep only ``units`` checked, set the other fields, and accept."""
    view.remind_button.click()
    dialog = view.remind_dialog
    qtbot.waitUntil(dialog.isVisible)
    items = {dialog.units.item(i).data(Qt.ItemDataRole.UserRole).unit: dialog.units.item(i)
             for i in range(dialog.units.count())}
    lines = {unit: item.text() for unit, item in items.items()}
    dialog.findChild(QPushButton, "remindNone").click()
    assert not dialog.chosen() and not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    for unit in units:
        items[unit].setCheckState(Qt.CheckState.Checked)
    for name, value in choices.items():
        widget = getattr(dialog, name)
        widget.setChecked(value) if isinstance(value, bool) else widget.setText(value)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    ok.click()
    return dialog, lines


def test_remind_two_units_then_again_then_undo(qtbot, view, demo_store, tmp_path):
    editor, plan = view.editor, view.editor.model.plan
    book = RoundBook(demo_store)
    # 人事科 has reported one of its tasks: 部分报送, and that task is not in its letter.
    reported = tasks_of(plan, A)[0]
    demo_store.add_progress(ProgressEntry.new(reported.id, A, ROUND, "推进中", "已启动", "2022-07-01"))
    editor.set_fields(reported.id, progress="已启动")
    qtbot.waitUntil(lambda: cell(view, A, "状态") == "部分报送")
    assert view.remind_button.isEnabled()
    before = whole_store(demo_store)

    dialog, lines = ask(qtbot, view, {A, B}, pdf=True, folder=str(tmp_path), doc_number="城执督〔2022〕5号")
    assert lines[A].startswith(f"{A}　部分报送　{len(tasks_of(plan, A)) - 1} 项") and lines[A].endswith("第一次催办")
    assert f"{B}　逾期未报　{len(tasks_of(plan, B))} 项" in lines[B]
    assert (dialog.contact.text(), dialog.phone.text()) == ("王明", "0818-2345678")  # remembered
    qtbot.waitUntil(lambda: cell(view, A, "催办") == "1 次（2022-07-05）")
    assert cell(view, B, "催办") == "1 次（2022-07-05）" and cell(view, "市政管理科", "催办") == ""

    word = tmp_path / f"{A}-{ROUND}催办通知.docx"
    text = docx_text(word)
    assert f"{A}：" in text and ROUND in text and "2022年6月30日前" in text and "城执督〔2022〕5号" in text
    assert "联系人：王明，电话：0818-2345678。" in text
    for task in tasks_of(plan, A)[1:]:
        assert task.text[:20] in text
    assert reported.text[:20] not in text  # reported, not overdue: not outstanding
    assert B not in text  # each unit its own letter
    pdf = "".join(flat(p) for p in page_texts(tmp_path / f"{B}-{ROUND}催办通知.pdf"))
    assert f"{B}：" in pdf and ROUND in pdf and "2022年6月30日前" in pdf
    assert all(flat(t.text)[:15] in pdf for t in tasks_of(plan, B))

    # Recorded: in each listed task's history, with the file; the next one is the second.
    listed = tasks_of(plan, B)[0]
    assert [(r.unit, r.number, r.file) for r in book.task_reminders(listed.id)] == [
        (B, 1, f"{B}-{ROUND}催办通知.docx")]
    assert any(e.kind.value == "催办" and e.unit == A for e in plan_history(demo_store, plan.id))
    in_order = "、".join(u for u in book.asked(book.find(plan.id, ROUND)) if u in (A, B))  # the round's order
    assert editor.stack.undoText() == f"催办{in_order}（{ROUND}）"

    # A second reminder to 人事科 reads 第二次, as a Word letter of its own.
    dialog, lines = ask(qtbot, view, {A}, contact="李红")
    assert lines[A].endswith("第二次催办") and lines[B].endswith("第二次催办")
    second = tmp_path / f"{A}-{ROUND}第二次催办通知.docx"
    qtbot.waitUntil(lambda: cell(view, A, "催办") == "2 次（2022-07-05）")
    assert "第二次催办通知" in docx_text(second) and "联系人：李红，" in docx_text(second)
    assert view.contacts.reminder_contact == ("李红", "0818-2345678")
    assert book.next_reminder(book.find(plan.id, ROUND), A) == 3

    editor.stack.undo()
    editor.stack.undo()
    qtbot.waitUntil(lambda: cell(view, A, "催办") == "")
    assert whole_store(demo_store) == before
    assert book.next_reminder(book.find(plan.id, ROUND), A) == 1
    dialog = view.ask_remind()
    assert all(dialog.units.item(i).text().endswith(("第一次催办", "无需催办的任务"))
               for i in range(dialog.units.count()))
    dialog.reject()


def test_one_letter_to_both_with_their_tasks_attached(qtbot, view, demo_store, tmp_path):
    plan = view.editor.model.plan
    ask(qtbot, view, {A, B}, one_letter=True, folder=str(tmp_path))
    qtbot.waitUntil(lambda: cell(view, B, "催办") != "")
    text = docx_text(tmp_path / f"{ROUND}催办通知.docx")
    book = RoundBook(demo_store)
    both = "、".join(u for u in book.asked(book.find(plan.id, ROUND)) if u in (A, B))  # in the round's order
    assert f"{both}：" in text and f"{ROUND}未按要求报送的单位及任务" in text
    assert tasks_of(plan, A)[0].text[:20] in text and tasks_of(plan, B)[0].text[:20] in text
    reminders = book.task_reminders(tasks_of(plan, A)[0].id)
    assert [r.file for r in reminders] == [f"{ROUND}催办通知.docx"]


def test_a_file_that_cannot_be_written_is_named_and_nothing_is_recorded(qtbot, view, demo_store, tmp_path,
                                                                         monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    (tmp_path / f"{A}-{ROUND}催办通知.docx").mkdir()  # a folder where the file should go
    before = whole_store(demo_store)
    ask(qtbot, view, {A}, folder=str(tmp_path))
    qtbot.waitUntil(lambda: bool(shown))
    assert f"{A}-{ROUND}催办通知" in shown[0] and "无法写入" in shown[0]
    assert whole_store(demo_store) == before and cell(view, A, "催办") == ""


def test_a_missing_folder_is_said_and_the_dialog_stays(qtbot, view, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    dialog, _ = ask(qtbot, view, {A}, folder=str(tmp_path / "没有"))
    assert shown == [f"{tmp_path / '没有'}：文件夹不存在，请选择保存催办通知的文件夹。"] and dialog.isVisible()
    dialog.reject()


def test_render_the_dialog_and_the_tab(qtbot, view, tmp_path):
    ask(qtbot, view, {A, B}, folder=str(tmp_path))
    qtbot.waitUntil(lambda: cell(view, A, "催办") != "")
    view.grab().save(str(tmp_path / "round-view.png"))
    dialog = view.ask_remind()
    qtbot.waitUntil(dialog.isVisible)
    dialog.grab().save(str(tmp_path / "remind-dialog.png"))
    assert (tmp_path / "remind-dialog.png").stat().st_size > 0
    dialog.reject()

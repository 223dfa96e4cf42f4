"""The plan properties dialog, driven through its widgets: OK is one undo step, Cancel changes nothing."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from editing.plan_editor import PlanEditor
from models.demo import demo_plan
from models.domain import Column, Numbering
from models.store import Store
from helpers.qt_typing import press, type_text
from widgets.plan_properties import PlanPropertiesDialog, default_body, doc_number_hint, parse_level_names

FIELDS = Store.PLAN_FIELDS


@pytest.fixture
def editor(qapp, store):
    plan = demo_plan()
    plan.tag_legend = {"★": "省考核指标"}
    store.save_plan(plan)
    ed = PlanEditor(store)
    ed.open_plan(plan.id)
    return ed


@pytest.fixture
def dialog(qtbot, editor):
    dlg = PlanPropertiesDialog(editor, editor.plan_id)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def fields(editor):
    plan = editor.store.load_plan(editor.plan_id)
    return {k: getattr(plan, k) for k in FIELDS}


def retype(qtbot, widget: QLineEdit, text: str) -> None:
    """Select everything in a line edit and type over it, as a user would."""
    widget.setFocus()
    widget.selectAll()
    press(widget, Qt.Key.Key_Delete)
    type_text(widget, text)


def edit_legend_cell(qtbot, dlg, row, column, text):
    table = dlg.legend_table
    index = table.model().index(row, column)
    editor = table.indexWidget(index)
    if editor is None:
        table.setCurrentCell(row, column)
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, text)
    press(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_shows_the_plan(dialog, editor):
    plan = editor.store.load_plan(editor.plan_id)
    assert dialog.title_edit.text() == plan.title
    assert dialog.doc_number_edit.text() == "达市城管发〔2022〕135号"
    assert not dialog.doc_number_hint.isVisible() and not dialog.doc_number_fix.isVisible()
    assert dialog.no_date.isChecked() and not dialog.date_edit.isEnabled() and dialog.date_edit.text() == "未填"
    assert dialog.recipients_edit.text() == plan.recipients
    assert dialog.body_edit.toPlainText() == plan.body
    assert dialog.level_names_edit.text() == "一级指标 / 二级指标 / 三级指标"
    assert {c: b.isChecked() for c, b in dialog.column_boxes.items()} == {
        Column.LEAD: True, Column.RESPONSIBLE: True, Column.LEADER: False, Column.DEADLINE: True, Column.REMARKS: True}
    assert dialog.numbering_buttons[Numbering.CONTINUOUS].isChecked()
    assert (dialog.legend_table.item(0, 0).text(), dialog.legend_table.item(0, 1).text()) == ("★", "省考核指标")


def test_ok_applies_every_change_as_one_undo_step(qtbot, dialog, editor):
    before = fields(editor)
    retype(qtbot, dialog.title_edit, "2023年重点工作责任清单")
    assert dialog.body_edit.placeholderText() == "现将《2023年重点工作责任清单》印发给你们，请认真组织实施。"
    retype(qtbot, dialog.issuer_edit, "达州市城市管理行政执法局")
    retype(qtbot, dialog.doc_number_edit, "达市城管发[2023]7号")
    assert dialog.doc_number_fix.isVisible() and "〔〕" in dialog.doc_number_hint.text()
    click(qtbot, dialog.doc_number_fix)
    assert dialog.doc_number_edit.text() == "达市城管发〔2023〕7号" and not dialog.doc_number_fix.isVisible()
    click(qtbot, dialog.no_date)
    assert dialog.date_edit.isEnabled()
    dialog.date_edit.setDate(QDate(2023, 3, 15))
    retype(qtbot, dialog.recipients_edit, "各县（市、区）城管局")
    retype(qtbot, dialog.cc_edit, "市委办，市政府办")
    dialog.body_edit.setFocus()
    dialog.body_edit.selectAll()
    press(dialog.body_edit, Qt.Key.Key_Delete)
    type_text(dialog.body_edit, "第一段。\n第二段。")
    retype(qtbot, dialog.level_names_edit, "重点任务／具体措施 / ")
    click(qtbot, dialog.column_boxes[Column.LEADER])
    click(qtbot, dialog.column_boxes[Column.REMARKS])
    click(qtbot, dialog.numbering_buttons[Numbering.RESTART])
    click(qtbot, dialog.add_legend_button)  # opens the new row's marker for typing
    edit_legend_cell(qtbot, dialog, 1, 0, "▲")
    edit_legend_cell(qtbot, dialog, 1, 1, "市考核指标")
    assert dialog.isVisible() and editor.stack.count() == 0  # Enter in a cell or the body does not press OK
    click(qtbot, dialog.ok_button)

    assert dialog.result() == dialog.DialogCode.Accepted
    after = fields(editor)
    assert after == {
        "title": "2023年重点工作责任清单", "issuer": "达州市城市管理行政执法局", "doc_number": "达市城管发〔2023〕7号",
        "date": "2023-03-15", "recipients": "各县（市、区）城管局", "cc": "市委办，市政府办",
        "body": "第一段。\n第二段。",
        "level_names": ["重点任务", "具体措施"],
        "columns": [Column.LEAD, Column.RESPONSIBLE, Column.LEADER, Column.DEADLINE],
        "numbering": Numbering.RESTART, "tag_legend": {"★": "省考核指标", "▲": "市考核指标"},
        "scoring": {},  # the assessment rules are the score dialog's
        "number_scopes": {},  # how the imported numbers ran; kept for a return to 连续编号
    }
    assert set(dialog.applied) == set(FIELDS) - {"issuer", "scoring", "number_scopes"}  # unchanged fields are not written
    assert editor.stack.count() == 1 and editor.stack.undoText() == "修改清单属性"
    headers = [editor.model.headerData(c, Qt.Orientation.Horizontal) for c in range(editor.model.columnCount())]
    assert "责任领导" in headers and "备注" not in headers  # the open tree follows
    editor.undo()
    assert fields(editor) == before and editor.model.plan.numbering == Numbering.CONTINUOUS
    editor.redo()
    assert fields(editor) == after and editor.model.plan.numbering == Numbering.RESTART


def test_cancel_changes_nothing(qtbot, dialog, editor):
    before = fields(editor)
    retype(qtbot, dialog.title_edit, "别的标题")
    click(qtbot, dialog.column_boxes[Column.LEAD])
    click(qtbot, dialog.cancel_button)
    assert dialog.result() == dialog.DialogCode.Rejected and not dialog.isVisible()
    assert fields(editor) == before and editor.stack.count() == 0


def test_escape_cancels(qtbot, dialog, editor):
    before = fields(editor)
    retype(qtbot, dialog.cc_edit, "市委办")
    qtbot.keyClick(dialog.cc_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and fields(editor) == before and editor.stack.count() == 0


def test_ok_without_changes_pushes_nothing(qtbot, dialog, editor):
    click(qtbot, dialog.ok_button)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.applied == {} and editor.stack.count() == 0


def test_title_is_required(qtbot, dialog, editor):
    before = fields(editor)
    retype(qtbot, dialog.title_edit, "")
    assert dialog.body_edit.placeholderText() == default_body("")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # Enter presses OK
    assert dialog.isVisible() and dialog.error.isVisible() and "标题" in dialog.error.text()
    assert fields(editor) == before and editor.stack.count() == 0
    type_text(dialog.title_edit, "  新清单 ")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible() and not dialog.error.isVisible()
    assert fields(editor)["title"] == "新清单" and editor.stack.count() == 1


def test_level_names_and_legend_are_checked(qtbot, dialog, editor):
    retype(qtbot, dialog.level_names_edit, " / ")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "层级名称" in dialog.error.text()
    retype(qtbot, dialog.level_names_edit, "一级/二级")
    click(qtbot, dialog.add_legend_button)
    edit_legend_cell(qtbot, dialog, 1, 0, "★")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "★" in dialog.error.text() and editor.stack.count() == 0
    dialog.legend_table.selectRow(1)
    click(qtbot, dialog.remove_legend_button)
    dialog.legend_table.selectRow(0)
    click(qtbot, dialog.remove_legend_button)
    assert dialog.legend_table.rowCount() == 0 and not dialog.remove_legend_button.isEnabled()
    click(qtbot, dialog.add_legend_button)  # a blank row is ignored
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert fields(editor)["tag_legend"] == {} and fields(editor)["level_names"] == ["一级", "二级"]
    editor.undo()
    assert fields(editor)["tag_legend"] == {"★": "省考核指标"}


def test_clearing_a_date(qtbot, editor):
    editor.update_plan(editor.plan_id, date="2022-05-20")
    dialog = PlanPropertiesDialog(editor, editor.plan_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.no_date.isChecked() and dialog.date_edit.date() == QDate(2022, 5, 20)
    assert dialog.date_edit.text() == "2022年5月20日"
    click(qtbot, dialog.no_date)
    assert dialog.date_edit.text() == "未填"
    click(qtbot, dialog.no_date)  # back to the date it had
    assert dialog.date_edit.date() == QDate(2022, 5, 20)
    click(qtbot, dialog.no_date)
    click(qtbot, dialog.ok_button)
    assert fields(editor)["date"] is None and dialog.applied == {"date": None}
    editor.undo()
    assert fields(editor)["date"] == "2022-05-20"
    editor.redo()
    assert fields(editor)["date"] is None


@pytest.mark.parametrize("typed, fixed", [
    ("达市城管发[2022]135号", "达市城管发〔2022〕135号"),
    ("达市城管发(2022)135号", "达市城管发〔2022〕135号"),
    ("达市城管发（2022）135号", "达市城管发〔2022〕135号"),
    ("达市城管发【2022】135号", "达市城管发〔2022〕135号"),
    ("达市城管发 〔2022〕 135号", "达市城管发〔2022〕135号"),
    ("达市城管发〔２０２２〕135号", "达市城管发〔2022〕135号"),
    ("达市城管发〔2022〕135", "达市城管发〔2022〕135号"),
])
def test_doc_number_fixes(typed, fixed):
    message, suggestion = doc_number_hint(typed)
    assert message and suggestion == fixed
    assert doc_number_hint(fixed) == ("", None)


def test_doc_number_without_a_year_gets_a_hint_only():
    message, suggestion = doc_number_hint("达市城管函135号")
    assert "〔" in message and suggestion is None
    assert doc_number_hint("") == ("", None)


def test_parse_level_names():
    assert parse_level_names("一级指标 / 二级指标／三级指标/") == ["一级指标", "二级指标", "三级指标"]
    assert parse_level_names(" ") == []


def test_read_only_store_cannot_apply(qtbot, editor, store):
    with Store(store.path) as second:
        assert second.read_only
        dlg = PlanPropertiesDialog(PlanEditor(second), editor.plan_id)
        qtbot.addWidget(dlg)
        dlg.show()
        assert not dlg.ok_button.isEnabled() and "只读" in dlg.error.text()
        assert dlg.title_edit.text() == editor.store.load_plan(editor.plan_id).title

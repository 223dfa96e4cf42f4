"""文件 → 保存版本 and 版本对照 in the main window: saving is undoable, the comparison marks the
changed characters, filters by kind, jumps to the task, exports the 修订对照表 and restores a
version as a new plan (undoable)."""
import os

from docx import Document
from PySide6.QtCore import Qt

from models.plan_diff import Kind


def save_version(window, name):
    dialog = window.save_version()
    dialog.name.setCurrentText(name)
    dialog.accept()


def test_saving_a_version_is_undoable(window):
    plan_id = window.editor.plan_id
    save_version(window, "印发稿")
    versions = window.store.list_snapshots(plan_id)
    assert [(v.name, v.taken_on, v.node_count) for v in versions] == [("印发稿", window.today().isoformat(), 83)]
    window.editor.undo()
    assert window.store.list_snapshots(plan_id) == []
    window.editor.redo()
    assert [v.name for v in window.store.list_snapshots(plan_id)] == ["印发稿"]


def test_compare_a_version_with_the_edited_plan(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("widgets.export_done.open_file", lambda path: True)
    save_version(window, "印发稿")
    plan = window.model.plan
    task = plan.roots[1].children[0].children[0]  # 充分利用四川省工程建设项目审批管理系统…
    gone = plan.roots[6].children[1].children[0]  # 按照省上统一部署开展全市营商环境评价工作。
    window.editor.set_fields(task.id, text=task.text.replace("充分利用", "依托"), deadline="2022年12月")
    window.editor.delete_nodes([gone.id])

    dialog = window.open_compare()
    qtbot.addWidget(dialog)
    assert dialog.source.currentText() == f"版本：印发稿（{window.today().isoformat()}）"
    assert [r.change.kind for r in dialog.rows] == [Kind.CHANGED, Kind.REMOVED]
    assert dialog.summary.text() == "新增0项，删除1项，修改1项，调整位置0项"
    before_html = dialog.table.item(0, 1).data(Qt.ItemDataRole.UserRole + 1)
    after_html = dialog.table.item(0, 2).data(Qt.ItemDataRole.UserRole + 1)
    assert "line-through\">充分利用</span>" in before_html and "underline\">依托</span>" in after_html
    assert "line-through\">9</span>" in before_html and "underline\">12</span>" in after_html  # 2022年9月 → 12月
    assert dialog.table.item(0, 3).text() == "修改指标文本；完成时限由“2022年9月”改为“2022年12月”。"
    qtbot.waitUntil(lambda: dialog.table.rowHeight(0) < 150)  # rows fitted to the stretched columns
    dialog.grab().save(os.path.join(os.environ.get("DUTYMATRIX_SHOTS", tmp_path), "compare.png"))

    dialog.kind.setCurrentIndex(dialog.kind.findText("删除"))
    assert dialog.visible_kinds() == [Kind.REMOVED]
    dialog.kind.setCurrentIndex(0)
    assert dialog.visible_kinds() == [Kind.CHANGED, Kind.REMOVED]

    dialog.table.cellDoubleClicked.emit(0, 1)
    assert window.current_id() == task.id

    written = dialog.export("docx", str(tmp_path / "对照表.docx"))
    rows = Document(written).tables[0].rows
    assert [c.text for c in rows[0].cells] == ["序号", "原文", "修改后", "修改说明"]
    assert rows[2].cells[3].text == "删除。" and rows[2].cells[2].text == ""
    assert gone.text in rows[2].cells[1].text


def test_restore_a_version_as_a_new_plan_and_undo(window, qtbot):
    save_version(window, "印发稿")
    plan = window.model.plan
    window.editor.delete_nodes([plan.roots[0].id])
    dialog = window.open_compare()
    qtbot.addWidget(dialog)
    before = [p.id for p in window.store.list_plans()]
    dialog.restore_button.click()
    plans = window.store.list_plans()
    assert len(plans) == len(before) + 1
    restored = plans[-1]
    assert restored.title == f"{plan.title}（印发稿 {window.today().isoformat()}）" and restored.node_count == 83
    assert window.editor.plan_id == restored.id
    window.editor.undo()
    assert [p.id for p in window.store.list_plans()] == before


def test_nothing_to_compare_says_how_to_start(window, qtbot):
    dialog = window.open_compare()
    qtbot.addWidget(dialog)
    assert dialog.source.count() == 0 and not dialog.docx_button.isEnabled()
    assert "保存版本" in dialog.summary.text()

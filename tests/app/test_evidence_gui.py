"""Evidence of progress entries in the detail panel (dropped, added, shown with their entry and state),
and a department pack merged from the main window with its files linked."""
from __future__ import annotations

import zipfile

from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPointF, QUrl, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from exporters.unit_sheets import write_unit_packs
from helpers.exchange_helpers import body_rows
from helpers.packs import returned_pack
from models.store import ProgressEntry


def drop(target, widget_point, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(widget_point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(widget_point), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def written(path, data: bytes):
    path.write_bytes(data)
    return path


def test_files_go_to_a_progress_entry_or_the_task_and_show_where(window, qtbot, tmp_path):
    store = window.store
    task = next(n for n, _ in window.model.plan.walk() if not n.children and n.lead)
    unit = task.lead[0]
    old = ProgressEntry.new(task.id, unit, "2024年第一季度", "推进中", "已制定方案", "2024-04-02")
    new = ProgressEntry.new(task.id, unit, "2024年第二季度", "已完成", "全面完成并通过验收", "2024-07-01")
    store.add_progress(old)
    store.add_progress(new)
    window.select_node(task.id)
    panel = window.detail.evidence
    panel.refresh()
    assert [panel.target.itemText(i) for i in range(panel.target.count())] == [
        "本任务", f"2024年第二季度 · {unit}：全面完成并通过验收", f"2024年第一季度 · {unit}：已制定方案"]
    assert panel.target.currentIndex() == 1  # the latest report by default
    drop(panel, panel.rect().center(), [written(tmp_path / "验收报告.pdf", b"%PDF report")])
    panel.target.setCurrentIndex(0)
    panel.attach([written(tmp_path / "方案.docx", b"plan")])  # what 添加… does once a file is chosen
    assert panel.target.currentIndex() == 0  # the choice stays while the task stays
    first = panel.list.visualItemRect(panel.list.item(0)).center()
    drop(panel, panel.list.mapTo(panel, first), [written(tmp_path / "照片.jpg", b"photo")])  # onto the report's file
    by_name = {e.name: e.entry_id for e in store.evidence_for(task.id)}
    assert by_name == {"验收报告.pdf": new.id, "方案.docx": None, "照片.jpg": new.id}
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert texts == [f"验收报告.pdf（11 B）　［2024年第二季度 · {unit}］", "方案.docx（4 B）",
                     f"照片.jpg（5 B）　［2024年第二季度 · {unit}］"]
    (store.evidence_dir / store.evidence_for(task.id)[1].path).unlink()
    panel.refresh()
    assert panel.list.item(1).text() == "【文件缺失】方案.docx（4 B）"
    panel.grab().save(str(tmp_path / "evidence.png"))
    window.editor.stack.undo()
    assert [e.name for e in store.evidence_for(task.id)] == ["验收报告.pdf", "方案.docx"]


def test_a_pack_opened_in_the_window_merges_with_its_files(window, qtbot, tmp_path):
    plan = window.model.plan
    (pack,) = write_unit_packs(plan, tmp_path / "out", ["人事科"], round="2024年上半年")
    with zipfile.ZipFile(pack) as z:
        z.extract("人事科.xlsx", tmp_path)
    keys = {row: key for key, row in body_rows(load_workbook(tmp_path / "人事科.xlsx").active).items()}
    row = min(keys)
    back = returned_pack(pack, tmp_path, {keys[row]: ("已建立档案", "已完成", "")},
                         {f"佐证材料/{row}_任务/档案目录.pdf": b"%PDF index"})
    dialog = window.open_file(back)
    qtbot.addWidget(dialog)
    assert sorted(c.label for c in dialog.changes()) == ["佐证材料", "进展"]
    dialog.accept_all()
    (evidence,) = window.store.evidence_for(keys[row])
    (entry,) = window.store.progress_history(keys[row])
    assert (evidence.name, evidence.entry_id) == ("档案目录.pdf", entry.id)
    window.select_node(keys[row])
    window.detail.evidence.refresh()
    assert window.detail.evidence.list.item(0).text() == "档案目录.pdf（10 B）　［2024年上半年 · 人事科］"
    assert list((window.store.path.parent / "returned").rglob("*.zip"))  # the pack is kept
    window.editor.undo()
    assert window.store.evidence_for(keys[row]) == [] and window.store.progress_history(keys[row]) == []
    window.editor.redo()
    assert [e.path for e in window.store.evidence_for(keys[row])] == [evidence.path]


def test_a_hostile_pack_in_the_merge_dialog_is_named_and_changes_nothing(window, qtbot, tmp_path):
    from helpers.packs import hostile_pack, store_state

    (pack,) = write_unit_packs(window.model.plan, tmp_path / "out", ["人事科"])
    with zipfile.ZipFile(pack) as z:
        sheet = z.read("人事科.xlsx")
    bad = hostile_pack(tmp_path / "坏包.zip", sheet, [("佐证材料/../../evil.txt", b"x")])
    before = store_state(window.store.path)
    dialog = window.open_file(bad)
    qtbot.addWidget(dialog)
    assert dialog.error.isVisible() and "坏包.zip" in dialog.error.text() and "“..”" in dialog.error.text()
    assert dialog.changes() == [] and not dialog.accept_all_button.isEnabled()
    assert store_state(window.store.path) == before

"""The main window driven through its real widgets: keys, mouse, mime data; the store checked after."""
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QMessageBox

from app.main_window import MainWindow
from models.store import Store
from helpers.qt_typing import type_text


def all_indexes(model, parent=QModelIndex()):
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from all_indexes(model, index)


def stored_outline(store, plan_id):
    return [("  " * (d - 1)) + n.text for n, d in store.load_plan(plan_id).walk()]


@pytest.fixture
def window(qtbot, demo_store):
    w = MainWindow(demo_store, today=lambda: date(2022, 9, 1))
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    return w


def leaf_ids(window):
    return [n.id for n, _ in window.model.plan.walk() if not n.children]


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    window.tree.setFocus()
    qtbot.keyClick(window.tree, key, modifier)


def test_main_window_shows_every_row_of_the_demo(window, qtmodeltester):
    model = window.tree.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["序号", "指标（任务）", "牵头单位", "责任单位", "完成时限", "备注"]
    rows = list(all_indexes(model))
    assert len(rows) == 83
    numbers = [r.data() for r in rows]
    assert numbers[:3] == ["一、", "（一）", "1."] and numbers[-1] == "56."
    assert all(window.tree.isExpanded(i) for i in rows if model.rowCount(i))
    assert "三级指标 56" in window.counts.text()
    assert window.windowTitle().startswith("达州市城市管理行政执法局")
    assert window.library.list.count() == 1
    qtmodeltester.check(window.model)


def test_enter_adds_a_sibling_and_undo_removes_it(window, qtbot):
    store, plan_id = window.store, window.editor.plan_id
    first = leaf_ids(window)[0]
    window.select_node(first)
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.tree.state() == window.tree.State.EditingState  # the new row opens for typing
    editor = window.tree.findChild(QLineEdit)
    type_text(editor, "新增举措")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tree.state() != window.tree.State.EditingState)
    outline = stored_outline(store, plan_id)
    assert outline[2:4] == ["    探索推广“一口验收”。从受理申请、到发放许可文件，实行一个窗口受理、一次性告知申报材料和验收流程、一次性集中上门服务、一次性提出整改意见，变“多部门受理”为“一口受理”。", "    新增举措"]
    assert window.model.number_of(window.current_id()) == "2."
    window.editor.undo()  # the text
    window.editor.undo()  # the new node
    assert len(stored_outline(store, plan_id)) == 83


def test_tab_indents_and_shift_tab_outdents(window, qtbot):
    store, plan_id = window.store, window.editor.plan_id
    second = leaf_ids(window)[1]
    window.select_node(second)
    press(qtbot, window, Qt.Key.Key_Tab)
    node = store.load_plan(plan_id).find(second)
    assert window.model.parent_of(second).id == leaf_ids(window)[0] or window.model.parent_of(second).text.startswith("探索")
    assert window.model.number_of(second) == "（1）"
    press(qtbot, window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.model.number_of(second) == "2."
    assert stored_outline(store, plan_id)[3].startswith("    取消工程建设项目")
    assert node is not None


def test_ctrl_up_and_down_move(window, qtbot):
    store, plan_id = window.store, window.editor.plan_id
    first, second = leaf_ids(window)[:2]
    window.select_node(second)
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [c.id for c in store.load_plan(plan_id).roots[0].children[0].children][:2] == [second, first]
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [c.id for c in store.load_plan(plan_id).roots[0].children[0].children][:2] == [first, second]
    assert window.editor.stack.undoText() == "下移"


def test_delete_key_asks_for_a_subtree(window, qtbot, monkeypatch):
    store, plan_id = window.store, window.editor.plan_id
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    group = window.model.plan.roots[0].children[0].id  # （一） with six tasks
    window.select_node(group)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert asked and "共 7 项" in asked[0]
    assert store.load_plan(plan_id).node_count() == 83  # said no
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert store.load_plan(plan_id).node_count() == 76
    assert window.model.number_of(leaf_ids(window)[0]) == "1."
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.load_plan(plan_id).node_count() == 83
    press(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert store.load_plan(plan_id).node_count() == 76


def test_inline_edit_of_deadline(window, qtbot):
    store, plan_id = window.store, window.editor.plan_id
    first = leaf_ids(window)[0]
    column = window.model.column_of("deadline")
    index = window.view_index(first, column)
    window.tree.setCurrentIndex(index)
    window.tree.edit(index)
    editor = window.tree.findChild(QLineEdit)
    editor.selectAll()
    type_text(editor, "2022年12月底前")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tree.state() != window.tree.State.EditingState)
    assert store.load_plan(plan_id).find(first).deadline == "2022年12月底前"
    assert window.editor.stack.undoText() == "修改完成时限"


def test_drag_and_drop_through_mime_data(window, qtbot, qtmodeltester):
    store, plan_id = window.store, window.editor.plan_id
    leaves = leaf_ids(window)
    proxy = window.proxy
    dragged = [proxy.mapFromSource(window.model.index_of(i)) for i in leaves[:2]]
    mime = proxy.mimeData(dragged)
    target_group = window.model.plan.roots[1].children[0]  # （三）
    parent = proxy.mapFromSource(window.model.index_of(target_group.id))
    proxy.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, parent)
    stored = store.load_plan(plan_id).find(target_group.id)
    assert [c.id for c in stored.children] == [target_group.children[0].id, leaves[0], leaves[1]]
    qtmodeltester.check(window.model)
    window.editor.undo()
    assert [c.id for c in store.load_plan(plan_id).find(target_group.id).children] == [target_group.children[0].id]


def test_copy_and_paste_a_subtree(window, qtbot):
    store, plan_id = window.store, window.editor.plan_id
    group = window.model.plan.roots[0].children[1]  # （二） with three tasks
    window.select_node(group.id)
    press(qtbot, window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    plan = store.load_plan(plan_id)
    assert plan.node_count() == 87
    copy = plan.roots[0].children[2]
    assert copy.text == group.text and copy.id != group.id
    assert [c.text for c in copy.children] == [c.text for c in group.children]
    assert window.model.number_of(copy.id) == "（三）"


def test_paste_lines_from_word(window, qtbot):
    store, plan_id = window.store, window.editor.plan_id
    last_top = window.model.plan.roots[-1]
    window.select_node(last_top.id)
    QGuiApplication.clipboard().setText("八、新增指标\n（二十一）子指标\n1.具体任务一\n2.具体任务二")
    press(qtbot, window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    tail = stored_outline(store, plan_id)[-4:]
    assert tail == ["新增指标", "  子指标", "    具体任务一", "    具体任务二"]


def test_filter_shows_matches_with_ancestors_and_clearing_restores(window, qtbot):
    chosen = leaf_ids(window)[10]
    window.select_node(chosen)
    window.filter_bar.text.setText("12345")
    visible = list(all_indexes(window.proxy))
    texts = [window.model.node(window.proxy.mapToSource(i)).text for i in visible]
    assert len(visible) == 3 and texts[2].startswith("切实提升12345")  # 一级, 二级, the task
    assert window.filter_bar.count.text() == "匹配 1 / 83"
    window.filter_bar.clear()
    assert len(list(all_indexes(window.proxy))) == 83
    assert window.current_id() == chosen


def test_a_filter_keeps_column_widths_and_the_selected_match(window):
    lead = window.model.column_of("lead")
    window.tree.setColumnWidth(lead, 222)
    tasks = [n for n, _ in window.model.plan.walk() if not n.children]
    match = next(n.id for n in tasks if "人事科" in n.lead)
    other = next(n.id for n in tasks if "人事科" not in n.lead + n.responsible)
    window.select_node(match)
    window.filter_bar.unit.setCurrentText("人事科")
    assert window.selected_ids() == [match] and window.detail.node_id == match
    assert window.tree.columnWidth(lead) == 222
    window.filter_bar.clear()
    window.select_node(other)
    window.filter_bar.unit.setCurrentText("人事科")  # hides the current task: nothing is current
    assert window.current_id() is None and window.detail.node_id is None
    window.filter_bar.clear()
    assert window.current_id() == other and window.detail.node_id == other
    shown = window.tree.model()
    rows = list(all_indexes(shown))
    assert len(rows) == 83 and all(window.tree.isExpanded(i) for i in rows if shown.rowCount(i))
    assert window.tree.columnWidth(lead) == 222


def test_each_tab_shows_its_view_and_the_keys_switch_them(window, qtbot):
    views = window.views
    assert [views.tabText(i) for i in range(views.count())] == ["清单", "责任矩阵", "时限看板", "部门视图", "回收情况"]
    for key, shown in ((Qt.Key.Key_2, lambda: window.matrix), (Qt.Key.Key_3, lambda: window.board),
                       (Qt.Key.Key_4, lambda: window.unit_view), (Qt.Key.Key_5, lambda: window.round_view)):
        press(qtbot, window, key, Qt.KeyboardModifier.ControlModifier)
        assert views.currentWidget() is shown() and shown().isVisible()
    assert views.count() == 5 and window.matrix.table.model().rowCount() == 83  # a row per node, as the tree
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert views.currentIndex() == 0 and window.tree.isVisible()


def test_filter_by_unit_role_and_deadline(window):
    window.filter_bar.unit.setCurrentText("人事科")
    window.filter_bar.role.setCurrentIndex(1)  # 牵头
    assert window.filter_bar.count.text() == "匹配 3 / 83"
    window.filter_bar.clear()
    window.filter_bar.deadline.setCurrentIndex(window.filter_bar.deadline.findData("due_within"))
    window.filter_bar.days.setValue(30)  # today is 2022-09-01: the 2022年9月 tasks are due
    text = window.filter_bar.count.text()
    assert text.startswith("匹配 ") and int(text.split()[1]) > 20


def test_detail_panel_edits_go_to_the_store_and_undo(window, qtbot):
    store, plan_id = window.store, window.editor.plan_id
    first = leaf_ids(window)[0]
    window.select_node(first)
    panel = window.detail
    panel.text.setFocus()
    panel.text.selectAll()
    type_text(panel.text, "改写的任务")
    window.tree.setFocus()  # focus out commits
    assert store.load_plan(plan_id).find(first).text == "改写的任务"
    panel.deadline.write("2022年10月底前")
    assert store.load_plan(plan_id).find(first).deadline == "2022年10月底前"
    assert "2022-10-31" in panel.deadline.reading.text()
    panel.status.setCurrentIndex(2)
    panel.status.activated.emit(2)
    assert store.load_plan(plan_id).find(first).status.value == "已完成"
    window.editor.undo()
    window.editor.undo()
    window.editor.undo()
    assert store.load_plan(plan_id).find(first).text.startswith("探索推广")
    assert panel.text.toPlainText().startswith("探索推广")


def test_detail_panel_edits_the_assessment_fields(window, qtbot):
    store, plan_id = window.store, window.editor.plan_id
    first = leaf_ids(window)[0]
    window.select_node(first)
    panel = window.detail
    panel.points.setFocus()
    type_text(panel.points, "5分")
    panel.weight.setFocus()  # editing finished: committed
    type_text(panel.weight, "10%")
    panel.criteria.setFocus()
    type_text(panel.criteria, "按时完成得满分")
    window.tree.setFocus()
    task = store.load_plan(plan_id).find(first)
    assert (task.points, task.weight, task.criteria) == ("5分", "10%", "按时完成得满分")
    window.editor.stack.undo()
    assert store.load_plan(plan_id).find(first).criteria == "" and panel.criteria.toPlainText() == ""
    assert panel.points.text() == "5分"


def test_evidence_dropped_on_the_detail_panel_is_kept_beside_the_store(window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    store = window.store
    first = leaf_ids(window)[0]
    window.select_node(first)
    source = tmp_path / "验收报告.pdf"
    source.write_bytes(b"%PDF-1.4 report")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    target = window.detail.evidence
    enter = QDragEnterEvent(target.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(target.rect().center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    (evidence,) = store.evidence_for(first)
    assert evidence.name == "验收报告.pdf" and evidence.path.startswith("1_")  # task 1.
    assert (store.evidence_dir / evidence.path).read_bytes() == b"%PDF-1.4 report"
    assert target.list.count() == 1 and target.list.item(0).text() == "验收报告.pdf（15 B）"
    (store.evidence_dir / evidence.path).write_bytes(b"edited")
    target.refresh()
    assert target.list.item(0).text() == "【文件已改动】验收报告.pdf（15 B）"
    window.editor.stack.undo()
    assert store.evidence_for(first) == [] and target.list.count() == 0


def test_unit_picker_matches_initials_and_asks_before_adding(window, qtbot):
    store, plan_id = window.store, window.editor.plan_id
    first = leaf_ids(window)[0]
    window.select_node(first)
    picker = window.detail.lead
    picker.search.setFocus()
    type_text(picker.search, "zfjd")  # pinyin initials of 执法监督科 (zfjdk)
    picker.take_best_match()
    assert store.load_plan(plan_id).find(first).lead == ["政策法规科（行政审批科）", "执法监督科"]
    asked = []
    picker.confirm_new = lambda name: asked.append(name) or False
    picker.search.setText("全新单位")
    picker.take_best_match()
    assert asked == ["全新单位"]
    assert store.load_plan(plan_id).find(first).lead == ["政策法规科（行政审批科）", "执法监督科"]
    picker.confirm_new = lambda name: True
    assert picker.search.text() == "全新单位"  # refused: the text stays for another try
    picker.take_best_match()
    assert store.load_plan(plan_id).find(first).lead[-1] == "全新单位"
    picker.move_chip(2, -1)  # Alt+← on a chip
    assert store.load_plan(plan_id).find(first).lead == ["政策法规科（行政审批科）", "全新单位", "执法监督科"]
    picker.remove_at(0)
    assert store.load_plan(plan_id).find(first).lead == ["全新单位", "执法监督科"]
    window.editor.undo()
    assert store.load_plan(plan_id).find(first).lead[0] == "政策法规科（行政审批科）"


def test_library_new_rename_delete_with_undo(window, qtbot):
    store = window.store
    window.library.new_plan()
    editor = window.library.list.findChild(QLineEdit)
    assert editor is not None
    editor.setText("第二份清单")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.list_plans()[1].title == "第二份清单")
    assert window.editor.plan_id == store.list_plans()[1].id
    window.library.delete()
    assert len(store.list_plans()) == 1
    window.editor.undo()
    assert [p.title for p in store.list_plans()][1] == "第二份清单"


def test_settings_are_restored(qtbot, demo_store):
    first = MainWindow(demo_store)
    qtbot.addWidget(first)
    first.resize(1000, 555)
    first.show()
    first.splitter.setSizes([300, 700, 300])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(demo_store)
    qtbot.addWidget(second)
    second.show()
    assert second.size().height() == 555  # (the small offscreen screen clamps the width)
    assert second.splitter.sizes()[0] == sizes[0]
    assert second.editor.plan_id == first.editor.plan_id


def test_second_window_on_the_same_file_is_read_only(qtbot, window):
    with Store(window.store.path) as other:
        viewer = MainWindow(other)
        qtbot.addWidget(viewer)
        assert "只读" in viewer.windowTitle()
        assert not viewer.actions_by_name["add_sibling"].isEnabled()
        assert not viewer.model.flags(viewer.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
        viewer.close()


def test_status_bar_counts_overdue(window):
    assert "逾期 0" in window.counts.text() or "逾期" in window.counts.text()
    first = leaf_ids(window)[0]
    window.editor.set_fields(first, deadline="2022年8月底前")
    assert "逾期 1" in window.counts.text()
    column = window.model.column_of("deadline")
    assert window.model.index_of(first, column).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_the_detail_panel_fits_its_width(window):
    """Every field of the narrow detail panel (the evidence and history rows too) fits without a
    sideways scroll that would cut the task's text at the right edge."""
    assert window.detail.horizontalScrollBar().maximum() == 0
    assert window.detail.widget().minimumSizeHint().width() <= window.detail.viewport().width()

"""The editor as people use it every day (issue 14): each rough edge driven through the real widgets."""
from __future__ import annotations

import warnings
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from qt_typing import press, type_text


@pytest.fixture
def window(qtbot, demo_store):
    w = MainWindow(demo_store, today=lambda: date(2022, 9, 1), remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    return w


def leaf_ids(window):
    return [n.id for n, _ in window.model.plan.walk() if not n.children]


def activate(qtbot, widget) -> None:
    """Make the window active, so key presses go through Qt's shortcut map as on a desktop."""
    with warnings.catch_warnings():  # deprecated, but the offscreen platform activates no other way
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(widget.window())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())


def _key(sequence: QKeySequence) -> str:
    # Shift+Tab arrives as Backtab: both spellings name the one key a user presses
    return sequence.toString().replace("Backtab", "Tab").replace("Shift+Shift+", "Shift+")


def test_each_key_is_bound_once_and_shift_tab_outdents(window, qtbot):
    bound = [_key(s) for a in window.findChildren(type(window.actions_by_name["indent"])) for s in a.shortcuts()]
    assert sorted({k for k in bound if bound.count(k) > 1}) == []  # Qt calls a key bound twice ambiguous
    second = leaf_ids(window)[1]
    window.select_node(second)
    window.tree.setFocus()
    activate(qtbot, window.tree)
    qtbot.keyClick(window.tree, Qt.Key.Key_Tab)
    assert window.model.number_of(second) == "（1）"
    qtbot.keyClick(window.tree, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # what X11 sends
    assert window.model.number_of(second) == "2."
    assert window.editor.stack.undoText() == "升级（取消缩进）"


def test_unit_picker_empties_its_box_after_each_choice(window, qtbot):
    first = leaf_ids(window)[0]
    window.select_node(first)
    picker = window.detail.lead
    activate(qtbot, picker.search)
    picker.search.setFocus()
    type_text(picker.search, "市政管理")
    popup = picker.search.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    popup.setCurrentIndex(popup.model().index(0, 0))
    press(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.search.text() == "")
    assert window.store.load_plan(window.editor.plan_id).find(first).lead[-1] == "市政管理科"
    type_text(picker.search, "zfjd\n")  # the next name starts from an empty box
    assert picker.search.text() == ""
    assert window.store.load_plan(window.editor.plan_id).find(first).lead[-1] == "执法监督科"


def test_a_passed_date_followed_by_ongoing_words_is_overdue_everywhere(qtbot, demo_store, tmp_path):
    from models.report_data import build_report
    from models.tracking import DeadlineState

    window = MainWindow(demo_store, today=lambda: date(2022, 10, 15), remember=False)
    qtbot.addWidget(window)
    window.show()
    first, second, third = leaf_ids(window)[:3]
    window.editor.set_fields(first, deadline="2022年9月30日前并长期保持", status=window.model.node_by_id(first).status)
    window.editor.set_fields(second, deadline="2022年9月底前启动并持续推进")
    window.editor.set_fields(third, deadline="2022年12月底前完成试点，2023年6月底前全面推广")
    for node_id in (first, second):
        index = window.model.index_of(node_id, window.model.column_of("deadline"))
        assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"  # red in the tree
    third_index = window.model.index_of(third, window.model.column_of("deadline"))
    assert third_index.data(Qt.ItemDataRole.ForegroundRole) is None  # first stage still to come
    window.show_view("board")
    overdue_group = window.board.tree.topLevelItem(0)
    assert overdue_group.text(0).startswith("已逾期")
    in_group = {overdue_group.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(overdue_group.childCount())}
    assert {first, second} <= in_group and third not in in_group
    # every task of the demo but the ones kept as 长期保持 or with no date is now past its date
    demo_leaves = [n for n, _ in window.model.plan.walk() if not n.children]
    dated = [n for n in demo_leaves if n.deadline.startswith("2022") and n.id != third]
    assert f"逾期 {len(dated)}" in window.counts.text()
    assert overdue_group.childCount() == len(dated)
    report = build_report(window.model.plan, date(2022, 10, 15))
    assert report.by_state[DeadlineState.OVERDUE] == len(dated)
    lead = window.model.node_by_id(first).lead[0]
    column = window.matrix_model.column_of_unit(lead)
    late = sum(1 for n in dated if lead in n.lead + n.responsible)
    assert f"逾{late}" in window.matrix_model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.UserRole)


def test_show_json_gives_each_task_the_state_the_window_shows(tmp_path):
    import json
    import subprocess
    import sys

    from models.store import Store
    from models.demo import demo_plan

    db = tmp_path / "cli.sqlite"
    plan = demo_plan()
    tasks = [n for n, _ in plan.walk() if not n.children]
    tasks[0].deadline = "2022年9月30日前并长期保持"
    tasks[1].deadline = "长期保持"
    tasks[2].deadline = ""
    tasks[3].deadline = "2099年6月底前"
    soon = date.today() + timedelta(days=3)
    tasks[4].deadline = f"{soon.year}年{soon.month}月{soon.day}日前"
    tasks[5].status = type(tasks[5].status)("已完成")
    with Store(db) as store:
        store.save_plan(plan)
    out = subprocess.run([sys.executable, "-m", "app", "--db", str(db), "show", "1", "--json"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    nodes = {n["id"]: n for n in json.loads(out.stdout)["plans"][0]["nodes"]}
    assert [nodes[t.id]["state"] for t in tasks[:6]] == ["overdue", "ongoing", "no-date", "on-track",
                                                         "due-soon", "done"]
    assert nodes[plan.roots[0].id]["state"] is None  # an indicator above tasks has no state of its own


def test_the_window_comes_back_as_it_was_left(qtbot, demo_store, data_home):
    from app import gui

    first = gui.main_window(demo_store, None)
    qtbot.addWidget(first)
    first.resize(1100, 720)
    first.splitter.setSizes([420, 480, 200])
    group = first.model.plan.roots[1].id  # 二、 collapsed
    first.tree.collapse(first.proxy.mapFromSource(first.model.index_of(group)))
    task = leaf_ids(first)[5]
    first.select_node(task)
    first.tree.setColumnWidth(first.model.column_of("lead"), 222)
    first.show_view("matrix")
    sizes = first.splitter.sizes()
    first.close()
    assert (data_home / "settings.ini").is_file()  # beside the store when DUTYMATRIX_HOME is set

    second = gui.main_window(demo_store, None)
    qtbot.addWidget(second)
    # the offscreen screen is 800 px wide, so Qt narrows a restored window to fit it; the height is exact
    assert second.height() == 720 and second.width() < 1100
    assert second.views.currentWidget() is second.matrix
    assert second.tree.columnWidth(second.model.column_of("lead")) == 222
    assert not second.tree.isExpanded(second.proxy.mapFromSource(second.model.index_of(group)))
    assert second.tree.isExpanded(second.proxy.mapFromSource(second.model.index_of(second.model.plan.roots[0].id)))
    assert second.selected_ids() == [task] and second.detail.node_id == task

    third = MainWindow(demo_store)  # as wide as the first (the offscreen screen would not hold it)
    qtbot.addWidget(third)
    third.resize(1100, 720)
    third.show()
    assert third.splitter.sizes() == sizes and sizes[0] > 300  # the panels as they were left



def test_a_merge_keeps_the_tree_open_and_the_selection(window, qtbot, tmp_path):
    from exchange_helpers import fill_unit_sheet
    from exporters.unit_sheets import write_unit_files

    plan = window.model.plan
    group = plan.roots[2].id
    window.tree.collapse(window.proxy.mapFromSource(window.model.index_of(group)))
    tasks = leaf_ids(window)
    window.select_node(tasks[3])
    task = next(n for n, _ in plan.walk() if not n.children and "人事科" in n.lead)
    files = write_unit_files(plan, tmp_path, ["人事科"])
    fill_unit_sheet(files[0], {task.id: ("已建立诚信档案", "推进中", "")})
    dialog = window.open_merge()
    qtbot.addWidget(dialog)
    dialog.load(files)
    dialog.accept_all()
    assert window.model.node_by_id(task.id).progress == "已建立诚信档案"
    for check in ("merged", "undone"):
        assert not window.tree.isExpanded(window.proxy.mapFromSource(window.model.index_of(group))), check
        assert window.tree.isExpanded(window.proxy.mapFromSource(window.model.index_of(plan.roots[0].id))), check
        assert window.selected_ids() == [tasks[3]] and window.detail.node_id == tasks[3], check
        window.editor.stack.undo()


def test_the_title_has_no_unsaved_mark(window, qtbot):
    window.editor.set_fields(leaf_ids(window)[0], remarks="已改")
    assert not window.isWindowModified()
    assert "*" not in window.windowTitle()

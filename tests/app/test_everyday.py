"""The editor as people use it every day (issue 14): each rough edge driven through the real widgets."""
from __future__ import annotations

import warnings
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from helpers.qt_typing import press, type_text


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
    first.resize(1400, 720)
    first.splitter.setSizes([300, 860, 220])
    group = first.model.plan.roots[1].id  # 二、 collapsed
    first.tree.collapse(first.view_index(group))
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
    assert second.height() == 720 and second.width() < 1400
    assert second.views.currentWidget() is second.matrix
    assert second.tree.columnWidth(second.model.column_of("lead")) == 222
    assert not second.tree.isExpanded(second.view_index(group))
    assert second.tree.isExpanded(second.view_index(second.model.plan.roots[0].id))
    assert second.selected_ids() == [task] and second.detail.node_id == task

    third = MainWindow(demo_store)  # as wide as the first (the offscreen screen would not hold it)
    qtbot.addWidget(third)
    third.resize(1400, 720)
    third.show()
    assert third.splitter.sizes() == sizes and sizes[0] >= 290  # the panels as they were left



def test_a_merge_keeps_the_tree_open_and_the_selection(window, qtbot, tmp_path):
    from helpers.exchange_helpers import fill_unit_sheet
    from exporters.unit_sheets import write_unit_files

    plan = window.model.plan
    group = plan.roots[2].id
    window.tree.collapse(window.view_index(group))
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
        assert not window.tree.isExpanded(window.view_index(group)), check
        assert window.tree.isExpanded(window.view_index(plan.roots[0].id)), check
        assert window.selected_ids() == [tasks[3]] and window.detail.node_id == tasks[3], check
        window.editor.stack.undo()


def test_the_title_has_no_unsaved_mark(window, qtbot):
    window.editor.set_fields(leaf_ids(window)[0], remarks="已改")
    assert not window.isWindowModified()
    assert "*" not in window.windowTitle()


@pytest.fixture
def chinese(qapp):
    """The translations and locale the app installs at start (app.gui)."""
    from app.gui import install_chinese_translation

    assert install_chinese_translation(qapp)


def test_the_calendar_names_months_and_weekdays_in_chinese(chinese, qtbot, demo_store):
    from PySide6.QtWidgets import QTableView, QToolButton

    window = MainWindow(demo_store, remember=False)
    qtbot.addWidget(window)
    calendar = window.detail.deadline.calendar
    calendar.setSelectedDate(calendar.selectedDate().fromString("2024-09-15", "yyyy-MM-dd"))
    month = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month.text() == "九月"
    days = calendar.findChild(QTableView, "qt_calendar_calendarview").model()
    names = {days.index(0, c).data() for c in range(days.columnCount())}
    assert {"周一", "周日"} <= names


def test_file_dialogs_speak_chinese_and_open_where_that_kind_was_last_used(chinese, qtbot, demo_store, tmp_path,
                                                                          monkeypatch):
    from datetime import datetime

    from PySide6.QtWidgets import QLabel, QTreeView

    from app.settings import Settings
    from helpers.file_dialog import answer_file_dialog

    monkeypatch.setattr("app.main_window.offer_open", lambda *a, **k: None)
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    incoming, outgoing = tmp_path / "来文", tmp_path / "导出"
    incoming.mkdir()
    outgoing.mkdir()
    (incoming / "子目录").mkdir()
    (incoming / "通知.docx").write_bytes(b"")
    wizard = window.open_import()
    qtbot.addWidget(wizard)
    seen: list = []
    answer_file_dialog(incoming / "通知.docx", seen)
    wizard.page(0).browse()
    assert wizard.page(0).path.text() == str(incoming / "通知.docx")
    answer_file_dialog(outgoing / "矩阵.xlsx", seen)
    window.export_matrix()
    assert (outgoing / "矩阵.xlsx").is_file()
    shown: dict = {}

    def look(dialog) -> bool:  # what the dialog shows, once its file list has loaded
        files = dialog.findChild(QTreeView, "treeView")
        model, root = files.model(), files.rootIndex()
        if model.rowCount(root) < 2:
            return False
        shown["labels"] = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        shown["rows"] = {model.index(r, 0, root).data(): [model.index(r, c, root).data() for c in range(4)]
                         for r in range(model.rowCount(root))}
        return True

    answer_file_dialog(None, seen, look)
    wizard.page(0).path.clear()
    wizard.page(0).browse()
    answer_file_dialog(None, seen)
    window.export_matrix()
    assert seen[2:] == [incoming, outgoing]  # each kind of file where it was last taken from or put
    assert Settings().folder("import") == incoming and Settings().folder("export") == outgoing

    labels = shown["labels"]
    assert labels["lookInLabel"].startswith("查找范围") and labels["fileTypeLabel"].startswith("文件类型")
    folder_row = shown["rows"]["子目录"]
    assert folder_row[2] == "文件夹"
    made = datetime.fromtimestamp((incoming / "子目录").stat().st_mtime)
    assert folder_row[3] == f"{made.year}/{made.month}/{made.day} {made.hour:02d}:{made.minute:02d}"


def _cli(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True)


def test_a_locked_store_says_who_holds_it_to_a_terminal_and_in_the_window(qtbot, tmp_path):
    import os
    import socket

    from models.store import Store
    from models.demo import demo_plan

    db = tmp_path / "shared.sqlite"
    source = tmp_path / "来文.txt"
    source.write_text("一、总体要求\n（一）加强领导\n1.建立工作专班。（牵头单位：市政管理科）\n", encoding="utf-8")
    with Store(db) as holder:
        holder.save_plan(demo_plan())
        out = _cli("--db", str(db), "import", str(source))
        assert out.returncode == 1
        message = out.stderr.strip()
        assert message.startswith(f"dutymatrix: {db}：另一个 Duty Matrix 程序（计算机 {socket.gethostname()} 上的进程 "
                                  f"{os.getpid()}，")
        assert "本窗口" not in message and "关闭那个窗口（或等它的命令结束）后重新打开即可编辑" in message

        second = Store(db)
        window = MainWindow(second, remember=False)
        qtbot.addWidget(window)
        window.show()
        bar = window.read_only_bar
        assert bar is not None and bar.isVisible()
        assert bar.geometry().top() < window.splitter.mapTo(window, window.splitter.rect().topLeft()).y()
        text = bar.label.text()
        assert str(db) in text and f"进程 {os.getpid()}" in text and socket.gethostname() in text
        assert not window.actions_by_name["add_child"].isEnabled()
        window.close()
        second.close()
    with Store(db) as alone:
        window = MainWindow(alone, remember=False)
        qtbot.addWidget(window)
        assert window.read_only_bar is None


def test_pasted_numbered_lines_keep_their_shape_and_fill_the_fields(window, qtbot):
    from PySide6.QtGui import QGuiApplication

    store, plan_id = window.store, window.editor.plan_id
    first_group = window.model.plan.roots[0].children[0]  # （一） with its tasks 1.–6.
    window.select_node(first_group.children[0].id)
    QGuiApplication.clipboard().setText(
        "（三）加强督查考核\n"
        "1.每月通报各单位进展。〔牵头单位：执法监督科；责任单位：人事科、办公室；完成时限：2022年12月底前〕\n"
        "2.年底开展专项考核。（牵头单位：人事科，责任领导：张明）\n")
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    plan = store.load_plan(plan_id)
    top = plan.roots[0]
    pasted = top.children[1]  # after （一）, at its level: the block's own （…）
    assert pasted.text == "加强督查考核" and window.model.number_of(pasted.id) == "（二）"
    assert [c.text for c in pasted.children] == ["每月通报各单位进展。", "年底开展专项考核。"]
    # the demo numbers its tasks straight through the list: after （一）'s six come 7. and 8.
    assert [window.model.number_of(c.id) for c in pasted.children] == ["7.", "8."]
    monthly, yearly = pasted.children
    assert monthly.lead == ["执法监督科"] and monthly.responsible == ["人事科", "办公室"]
    assert monthly.deadline == "2022年12月底前"
    assert yearly.lead == ["人事科"] and yearly.leader == "张明"
    assert [c.text for c in top.children[0].children] == [c.text for c in first_group.children]  # untouched
    assert window.current_id() == pasted.id
    window.editor.stack.undo()
    assert store.load_plan(plan_id).node_count() == 83


def test_matrix_headers_show_whole_names_readable_counts_and_say_what_they_mean(window, qtbot):
    window.show_view("matrix")
    header = window.matrix.table.horizontalHeader()
    model = window.matrix_model
    metrics = header.fontMetrics()
    char, line = metrics.horizontalAdvance("国"), metrics.height()
    for column, unit in enumerate(model.units):
        lines = min(len(unit.name), 8)
        columns = -(-len(unit.name) // 8)
        # room for every character of the name, in as many columns as it needs, and three lines of counts
        assert header.sectionSize(column) >= columns * char, unit.name
        assert header.height() >= (lines + 3) * line, unit.name
    long_name = "中石油达州天然气有限责任公司"
    assert header.sectionSize(model.column_of_unit(long_name)) >= 2 * char
    tip = model.headerData(model.column_of_unit("人事科"), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "牵头的任务" in tip and "参与（不牵头）" in tip and "已逾期" in tip
    task = next(n for n in model.rows if not n.children)
    row = model.row_of(task.id)
    count = len(set(task.lead + task.responsible))
    assert model.headerData(row, Qt.Orientation.Vertical).startswith(f"〔{count}〕1.")
    assert "承担这项任务的单位数" in model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)


def test_the_chip_remove_mark_is_a_cross(window, qtbot):
    from widgets.unit_picker import _CROSS, _ChipDelegate

    window.select_node(leaf_ids(window)[0])
    chips = window.detail.lead.chips
    qtbot.waitUntil(lambda: chips.count() > 0)
    image = chips.viewport().grab().toImage()
    rect = _ChipDelegate.close_rect(chips.visualRect(chips.model().index(0, 0)))
    centre, half = rect.center(), _CROSS // 2

    def inked(x, y):  # some dark pixel within a pixel of (x, y)
        return any(image.pixelColor(x + dx, y + dy).lightness() < 140 for dx in (-1, 0, 1) for dy in (-1, 0, 1))

    corners = [(centre.x() + sx * half, centre.y() + sy * half) for sx in (-1, 1) for sy in (-1, 1)]
    assert all(inked(x, y) for x, y in corners + [(centre.x(), centre.y())])  # › would miss two corners


def test_the_detail_panel_names_deep_levels_and_forgets_the_last_status(window, qtbot):
    task = leaf_ids(window)[0]
    window.editor.set_fields(task, status=type(window.model.node_by_id(task).status)("已完成"))
    child = window.editor.add_child(task, "第四级的细项")
    window.select_node(child)
    assert window.detail.heading.text() == "四级指标 （1）"
    window.select_node(task)
    assert window.detail.status.currentText() == "已完成"
    window.tree.selectionModel().clear()
    window.tree.setCurrentIndex(window.tree.model().index(-1, -1))
    assert window.detail.heading.text() == "未选择指标"
    assert window.detail.status.currentText() == ""


def test_ctrl_1_and_the_view_menu_go_back_to_the_tree(window, qtbot):
    window.show_view("board")
    activate(qtbot, window)
    window.board.tree.setFocus()
    qtbot.keyClick(window.board.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentIndex() == 0 and window.tree.hasFocus()
    window.show_view("matrix")
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "视图(&V)")
    entry = next(a for a in view_menu.actions() if a.text() == "清单")
    entry.trigger()
    assert window.views.currentIndex() == 0


def test_help_menu_about_and_shortcuts(window, qtbot):
    from importlib.metadata import version

    from models.paths import data_dir

    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "帮助(&H)")
    texts = [a.text() for a in help_menu.actions()]
    assert texts == ["快捷键", "关于 Duty Matrix"]
    about = window.show_about()
    qtbot.addWidget(about)
    text = about.label.text()
    assert version("dutymatrix") in text and str(data_dir()) in text and str(window.store.path) in text
    assert "日志文件" in text
    keys = window.show_shortcuts()
    qtbot.addWidget(keys)
    rows = {keys.table.item(r, 0).text(): keys.table.item(r, 1).text() for r in range(keys.table.rowCount())}
    assert rows["升级（取消缩进）"] == "Shift+Tab" and rows["清单"] == "Ctrl+1" and rows["清单体检…"] == "F7"
    assert rows["撤销"] == "Ctrl+Z"


def test_show_in_folder_says_so_when_no_file_manager_opens(qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QWidget

    from widgets.export_done import offer_open

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # a desktop without a file manager
    monkeypatch.setattr("widgets.export_done.sys.platform", "linux")
    parent = QWidget()
    qtbot.addWidget(parent)
    written = tmp_path / "附件.xlsx"
    written.write_bytes(b"x")
    box = offer_open(parent, [written])
    box.folder_button.click()
    assert box.failure.isVisible()
    assert "没有可用的文件管理器" in box.failure.text() and str(tmp_path) in box.failure.text()


def test_group_names_get_no_department_sheet_unless_asked(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("app.main_window.offer_open", lambda *a, **k: None)
    dialog = window.export("per_unit")
    qtbot.addWidget(dialog)
    assert dialog.include_groups.isVisible() and "机关各科室" in dialog.include_groups.text()
    assert "各三级指标牵头科室、单位" in dialog.include_groups.text()
    dialog.path.setText(str(tmp_path / "分解表"))
    dialog.run()
    qtbot.waitUntil(lambda: bool(dialog.written), timeout=20_000)
    names = {p.stem for p in dialog.written}
    assert "人事科" in names and not names & {"机关各科室", "局属各单位", "各三级指标牵头科室、单位"}
    again = window.export("per_unit")
    qtbot.addWidget(again)
    again.include_groups.setChecked(True)
    again.path.setText(str(tmp_path / "全部"))
    again.run()
    qtbot.waitUntil(lambda: bool(again.written), timeout=20_000)
    assert {"机关各科室", "各三级指标牵头科室、单位"} <= {p.stem for p in again.written}


def test_nothing_a_user_needs_is_cut(window, qtbot, tmp_path):

    # the Word export dialog shows its whole summary
    dialog = window.export("docx")
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    notice = dialog.notice
    assert notice.height() >= notice.heightForWidth(notice.width())
    dialog.close()
    # the filter box shows its whole placeholder; the 日历 button its whole text
    box = window.filter_bar.text
    assert box.width() >= box.fontMetrics().horizontalAdvance(box.placeholderText()) + 20
    pick = window.detail.deadline.pick
    assert pick.width() >= pick.fontMetrics().horizontalAdvance(pick.text()) + 8
    # 完成时限 is as wide as its longest text, and every cell can be read whole in its tooltip
    task = leaf_ids(window)[0]
    window.editor.set_fields(task, deadline="2021年6月并持续推进")
    window.editor.open_plan(None)
    window.editor.open_plan(window.store.list_plans()[0].id)
    column = window.model.column_of("deadline")
    assert window.tree.columnWidth(column) >= window.tree.fontMetrics().horizontalAdvance("2021年6月并持续推进")
    tip = window.model.index_of(task, column).data(Qt.ItemDataRole.ToolTipRole)
    assert "2021年6月并持续推进" in tip


def test_long_tooltips_wrap_on_the_screen(window, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QToolTip

    task = window.model.plan.roots[0].children[0].children[0]
    tip = window.model.index_of(task.id, window.model.column_of("text")).data(Qt.ItemDataRole.ToolTipRole)
    assert len(task.text) > 80 and task.text in tip.replace("&quot;", '"')
    QToolTip.showText(QPoint(10, 10), tip, window)
    label = next(w for w in QApplication.topLevelWidgets() if w.inherits("QLabel") and w.isVisible()
                 and w.metaObject().className() == "QTipLabel")
    assert label.width() <= window.screen().availableGeometry().width()
    QToolTip.hideText()


def test_the_merge_review_shows_a_change_in_full(window, qtbot, tmp_path):
    from helpers.exchange_helpers import fill_unit_sheet
    from exporters.unit_sheets import write_unit_files

    plan = window.model.plan
    task = next(n for n, _ in plan.walk() if not n.children and "人事科" in n.lead)
    progress = "已建立全局公务员诚信档案，" * 8 + "下一步将按季度更新并通报。"
    files = write_unit_files(plan, tmp_path, ["人事科"])
    fill_unit_sheet(files[0], {task.id: (progress, "推进中", "")})
    dialog = window.open_merge()
    qtbot.addWidget(dialog)
    dialog.load(files)
    item = dialog.tree.topLevelItem(0)
    assert item.text(3).endswith("…")  # the column is short
    dialog.tree.setCurrentItem(item)
    assert progress in dialog.detail.toPlainText()
    assert dialog.width() >= 1200


def test_the_import_wizard_titles_every_page_alike(qtbot, demo_store):
    from PySide6.QtWidgets import QLabel

    from widgets.import_wizard import ImportWizard

    wizard = ImportWizard(demo_store)
    qtbot.addWidget(wizard)
    wizard.show()
    # Qt draws a page's title in the header (the size of the others) only when the page has a subtitle;
    # a page without one gets a big bold title of its own
    assert all(wizard.page(i).subTitle() for i in wizard.pageIds())
    (title,) = [label for label in wizard.findChildren(QLabel) if label.isVisible() and label.text() == "选择文件"]
    assert title.font().pointSizeF() == QApplication.font().pointSizeF()

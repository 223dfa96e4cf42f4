"""Matrix, deadline board, department view and list check, driven in the main window on the demo."""
from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.main_window import MainWindow
from models.board import board_groups
from models.domain import Node, Status
from models.matrix_model import LEAD, NONE, RESPONSIBLE
from models.tracking import DeadlineState, Flag, Signal, classify, opening_notice, signal
from helpers.pdf_text import flat, needs_pdftotext, page_texts
from widgets.report_view import ReportDialog

TODAY = date(2022, 9, 20)  # the 2022年6月 tasks are overdue, the 2022年9月 ones due within 10 days


@pytest.fixture
def window(qtbot, demo_store):
    w = MainWindow(demo_store, today=lambda: TODAY, remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    return w


def leaf(window, n):
    return [x for x, _ in window.model.plan.walk() if not x.children][n]


def stored(window, node_id):
    return window.store.load_plan(window.editor.plan_id).find(node_id)


def test_matrix_cells_cycle_and_undo(window, qtbot, qtmodeltester):
    window.show_view("matrix")
    m = window.matrix_model
    task = leaf(window, 0)
    row = m.row_of(task.id)
    col = m.column_of_unit("执法监督科")
    index = m.index(row, col)
    assert index.data() == NONE
    window.matrix.table.setCurrentIndex(index)
    window.matrix.table.setFocus()
    qtbot.keyClick(window.matrix.table, Qt.Key.Key_Space)
    assert index.data() == LEAD and stored(window, task.id).lead[-1] == "执法监督科"
    m.cycle(index)
    assert index.data() == RESPONSIBLE and "执法监督科" in stored(window, task.id).responsible
    m.cycle(index)
    assert index.data() == NONE
    assert "执法监督科" not in stored(window, task.id).lead + stored(window, task.id).responsible
    window.editor.undo()
    assert "执法监督科" in stored(window, task.id).responsible
    qtmodeltester.check(m)


def test_matrix_bulk_set_is_one_command(window, qtbot):
    m = window.matrix_model
    tasks = [leaf(window, i) for i in range(20)]
    col = m.column_of_unit("局办公室")
    indexes = [m.index(m.row_of(t.id), col) for t in tasks]
    count = window.editor.stack.count()
    m.set_cells(indexes, RESPONSIBLE)
    assert window.editor.stack.count() == count + 1
    assert window.editor.stack.undoText() == "矩阵：设为责任（20 项）"
    plan = window.store.load_plan(window.editor.plan_id)
    assert all("局办公室" in plan.find(t.id).responsible for t in tasks)
    # the tree and the detail panel follow at once
    window.select_node(tasks[0].id)
    assert "局办公室" in window.detail.responsible.units()
    window.editor.undo()
    plan = window.store.load_plan(window.editor.plan_id)
    assert all(plan.find(t.id).responsible == t.responsible for t in tasks)


def test_matrix_header_counts_and_unit_options(window):
    m = window.matrix_model
    col = m.column_of_unit("人事科")
    assert m.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.UserRole).startswith("牵3 责0")
    used = len(m.units)
    m.set_options(unit_filter="科")
    assert 0 < len(m.units) < used and all("科" in u.name for u in m.units)
    m.set_options(unit_filter="", sort_by="load")
    loads = [sum(int(x[1:]) for x in m.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.UserRole).split()[:2])
             for c in range(len(m.units))]
    assert loads == sorted(loads, reverse=True)


def test_board_groups_by_state_unit_month(window, qtbot):
    plan = window.model.plan
    groups = dict(board_groups(plan, TODAY, "state"))
    assert len(groups["已逾期"]) == 12  # the twelve 2022年6月 tasks
    assert len(groups["30天内到期"]) == 40  # 2022年9月: due on the 30th, ten days away
    assert len(groups["长期/周期"]) == 3 and len(groups["以后到期"]) == 1  # 长期保持 ×3, 2023年9月
    by_month = [label for label, _ in board_groups(plan, TODAY, "month")]
    assert by_month == ["2022年06月", "2022年09月", "2023年09月", "无日期"]
    by_unit = dict(board_groups(plan, TODAY, "unit"))
    assert len(by_unit["人事科"]) == 3


def test_board_edits_status_and_jumps_to_the_tree(window, qtbot):
    window.show_view("board")
    board = window.board
    item = board.items()[0]
    node_id = item.data(0, Qt.ItemDataRole.UserRole)
    item.setText(3, Status.DONE.value)  # what the status editor writes
    assert stored(window, node_id).status is Status.DONE
    qtbot.waitUntil(lambda: "已完成（1）" in [board.tree.topLevelItem(i).text(0)
                                          for i in range(board.tree.topLevelItemCount())])
    board.node_activated.emit(node_id)  # what a double-click sends
    assert window.views.currentIndex() == 0 and window.current_id() == node_id
    window.editor.undo()
    assert stored(window, node_id).status is Status.NOT_STARTED


def test_department_view_lists_roles(window):
    window.show_view("units")
    view = window.unit_view
    view.unit.setCurrentText("人事科")
    assert view.table.topLevelItemCount() == 3
    assert {view.table.topLevelItem(i).text(2) for i in range(3)} == {"牵头"}
    view.unit.setCurrentText("达州水务集团")
    roles = {view.table.topLevelItem(i).text(2) for i in range(view.table.topLevelItemCount())}
    assert roles == {"责任"}
    assert view.summary.text().startswith("牵头 0 项")


def test_check_dialog_links_to_nodes(window, qtbot):
    dialog = window.open_check()
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() >= 3
    item = dialog.list.topLevelItem(0)
    dialog.list.itemActivated.emit(item, 0)
    assert window.current_id() == item.data(0, Qt.ItemDataRole.UserRole)


def test_three_colours_and_opening_notice():
    today = date(2024, 6, 10)
    late = Node(deadline="2024年5月底前")
    soon = Node(deadline="2024年6月15日前")
    behind = Node(deadline="2024年12月底前", status=Status.LATE)
    fine = Node(deadline="2024年12月底前")
    done = Node(deadline="2024年5月底前", status=Status.DONE)
    assert [signal(n, today) for n in (late, soon, behind, fine, done, Node())] == [
        Signal.RED, Signal.YELLOW, Signal.YELLOW, Signal.GREEN, Signal.GREEN, Signal.GREY]
    assert classify(soon, today, 3) is DeadlineState.ON_TRACK  # the warning period is configurable
    assert opening_notice([late, soon, fine], today) == "1 项已逾期，1 项将在 7 天内到期。"


def test_tree_shows_the_colour_mark(window):
    task = leaf(window, 11)  # 2022年6月: overdue on TODAY
    mark = window.model.index_of(task.id, 0).data(Qt.ItemDataRole.DecorationRole)
    assert mark.toImage().pixelColor(6, 6).name() == Signal.RED.value
    assert "12 项已逾期" in window.statusBar().currentMessage()


def test_warning_period_reaches_every_view(window, qtbot):
    """预警天数 14: the 2022年9月30日 tasks (ten days after TODAY) are due soon in the tree, matrix,
    board, department view and report, not only in the tree."""
    task = next(n for n in window.model.plan.walk_nodes() if not n.children and n.deadline.startswith("2022年9月"))
    def tree_mark():
        return window.model.index_of(task.id, 0).data(Qt.ItemDataRole.DecorationRole).toImage().pixelColor(6, 6)
    assert tree_mark().name() == Signal.GREEN.value
    window.set_warn_days(14)
    assert window.settings.warn_days == 14
    assert tree_mark().name() == Signal.YELLOW.value
    m = window.matrix_model
    assert m.headerData(m.row_of(task.id), Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole).name() \
        == Signal.YELLOW.value
    window.show_view("board")
    labels = [window.board.tree.topLevelItem(i).text(0) for i in range(window.board.tree.topLevelItemCount())]
    assert "14天内到期（40）" in labels and not any(label.startswith("30天内到期") for label in labels)
    window.show_view("units")
    view = window.unit_view
    view.unit.setCurrentText(task.lead[0])
    row = next(view.table.topLevelItem(i) for i in range(view.table.topLevelItemCount())
               if view.table.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == task.id)
    assert row.data(0, Qt.ItemDataRole.DecorationRole).toImage().pixelColor(6, 6).name() == Signal.YELLOW.value
    window.actions_by_name["report"].trigger()
    (dialog,) = window.findChildren(ReportDialog)
    qtbot.addWidget(dialog)
    assert dialog.view.report.warn_days == 14 and dialog.view.report.due_soon == 40


def test_one_palette_for_a_done_task(window):
    """A finished task has the same mark in the tree and the matrix (the matrix once showed it grey)."""
    task = leaf(window, 0)
    window.editor.set_fields(task.id, status=Status.DONE)
    tree = window.model.index_of(task.id, 0).data(Qt.ItemDataRole.DecorationRole).toImage().pixelColor(6, 6).name()
    m = window.matrix_model
    matrix = m.headerData(m.row_of(task.id), Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole).name()
    assert tree == matrix == Signal.GREEN.value


def test_lagging_and_stale_shown_in_the_tree(window, qtbot):
    """Two monthly rounds have ended by 20 September; the first task (due 2022年9月) is not started."""
    from models.store import ProgressEntry

    editor = window.editor
    assert editor.open_round("7月调度", date(2022, 7, 31), date(2022, 7, 1))
    assert editor.open_round("8月调度", date(2022, 8, 31), date(2022, 8, 1))
    task = leaf(window, 0)
    number = window.model.index_of(task.id, [k for k, _ in window.model.columns].index("number"))
    tip = number.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("滞后：进度 0%") and "停滞：连续 2 轮未报告进展（7月调度、8月调度）" in tip
    assert "滞后 " in window.counts.text() and "停滞 " in window.counts.text()
    assert task.status is Status.NOT_STARTED  # computed beside the status, never written into it

    unit = (task.lead + task.responsible)[0]
    window.store.add_progress(ProgressEntry.new(task.id, unit, "8月调度", "推进中", "已完成90%", "2022-08-30"))
    editor.set_fields(task.id, status=Status.IN_PROGRESS, progress="已完成90%")
    assert task.id not in window.tracking.computed
    tip = window.model.index_of(task.id, number.column()).data(Qt.ItemDataRole.ToolTipRole) or ""
    assert "滞后" not in tip and "停滞" not in tip
    window.store.add_progress(ProgressEntry.new(task.id, unit, "8月调度", "推进中", "开始前期工作", "2022-08-31"))
    editor.stack.undo()  # back to 未启动 (0%); the latest report has no percentage; reported in 8月: not 停滞
    assert [f.flag.value for f in window.tracking.computed[task.id]] == ["滞后"]


@needs_pdftotext
def test_lagging_and_stale_shown_in_the_board_matrix_department_view_and_report(window, qtbot, tmp_path):
    """One computation (the window's TrackingContext) feeds every view, each with the reasons as a tooltip."""

    editor = window.editor
    assert editor.open_round("7月调度", date(2022, 7, 31), date(2022, 7, 1))
    assert editor.open_round("8月调度", date(2022, 8, 31), date(2022, 8, 1))
    task = leaf(window, 0)
    reasons = window.tracking.flag_reasons(task.id)
    assert reasons.startswith("滞后：进度 0%") and "停滞：连续 2 轮未报告进展" in reasons
    flagged = {n for n in window.tracking.computed}

    window.show_view("board")
    qtbot.waitUntil(lambda: any(i.data(0, Qt.ItemDataRole.UserRole) == task.id for i in window.board.items()))
    from widgets.deadline_board import FLAGS
    item = next(i for i in window.board.items() if i.data(0, Qt.ItemDataRole.UserRole) == task.id)
    assert item.text(FLAGS) == "滞后、停滞" and item.toolTip(FLAGS) == reasons and reasons in item.toolTip(0)
    counts = window.tracking.flag_counts(flagged)
    assert f"滞后 {counts[Flag.LAGGING]}" in window.board.summary.text()
    window.board.grab().save(str(tmp_path / "board.png"))

    m = window.matrix_model
    window.show_view("matrix")
    unit = task.lead[0]
    column = m.column_of_unit(unit)
    header = m.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.UserRole)
    mine = [n for n in window.model.plan.walk_nodes() if not n.children and unit in n.lead + n.responsible]
    lagging = sum(1 for n in mine if any(f.flag is Flag.LAGGING for f in window.tracking.flags_of(n.id)))
    assert f" 滞{lagging}" in header and lagging >= 1
    tip = m.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert f"滞 {lagging}：其中进度滞后 {lagging} 项" in tip and reasons.splitlines()[0] in tip
    assert reasons in m.headerData(m.row_of(task.id), Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)

    window.show_view("units")
    from widgets.unit_tasks_view import FLAGS as UNIT_FLAGS
    view = window.unit_view
    view.unit.setCurrentText(unit)
    row = next(view.table.topLevelItem(i) for i in range(view.table.topLevelItemCount())
               if view.table.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == task.id)
    assert row.text(UNIT_FLAGS) == "滞后、停滞" and row.toolTip(UNIT_FLAGS) == reasons
    assert f"滞后 {lagging}" in view.summary.text()

    window.actions_by_name["report"].trigger()
    (dialog,) = window.findChildren(ReportDialog)
    qtbot.addWidget(dialog)
    report = dialog.view.report
    assert {t.node_id for t in report.flagged_tasks} == flagged
    entry = next(t for t in report.flagged_tasks if t.node_id == task.id)
    assert [f for f, _ in entry.flags] == ["滞后", "停滞"] and "连续 2 轮" in entry.flags[1][1]
    pdf = dialog.view.export_pdf(tmp_path / "report.pdf", offer=False)
    text = flat("".join(page_texts(pdf)))
    assert f"滞后、停滞任务（{len(flagged)}项）" in text and "连续2轮未报告进展" in text

    # a window opened on the store shows them at once, before any edit
    again = MainWindow(window.store, today=lambda: TODAY, remember=False)
    qtbot.addWidget(again)
    assert set(again.tracking.computed) == flagged and f"滞后 {counts[Flag.LAGGING]}" in again.counts.text()

"""The 回收情况 view on the demo store: rounds opened and closed through the undo stack, states,
filter and sorting, and a merged report showing up."""
from datetime import date

from PySide6.QtCore import Qt

from editing.plan_editor import PlanEditor
from models.round_store import RoundBook
from models.rounds import reporting_units
from models.store import ProgressEntry
from models.tracking import TrackingContext
from widgets.round_view import COLUMNS, RoundView

TODAY = date(2022, 7, 5)


def make_view(qtbot, demo_store):
    editor = PlanEditor(demo_store)
    editor.open_plan(demo_store.list_plans()[0].id)
    view = RoundView(editor, TrackingContext(lambda: TODAY))
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    return editor, view


def column(view, name):
    c = COLUMNS.index(name)
    return [view.table.item(r, c).text() for r in range(view.table.rowCount())]


def dump(store):
    """The store's rows but the plan's own (its last-saved time moves with the task edit)."""
    return [line for line in store.conn.iterdump() if not line.startswith('INSERT INTO "plans"')]


def test_open_close_and_undo(qtbot, demo_store):
    editor, view = make_view(qtbot, demo_store)
    assert view.table.rowCount() == 0 and "还没有报送轮次" in view.summary.text()
    before = dump(demo_store)
    assert editor.open_round("6月调度", date(2022, 6, 30), date(2022, 6, 1))
    qtbot.waitUntil(lambda: view.table.rowCount() > 0)
    plan = editor.model.plan
    assert column(view, "单位") == reporting_units(plan)
    assert set(column(view, "状态")) == {"逾期未报"} and "截止 2022年6月30日" in view.summary.text()

    # A report merged for the round shows up: 人事科 has reported one of its tasks.
    task = next(n for n, _ in plan.walk() if "人事科" in n.lead and not n.children)
    demo_store.add_progress(ProgressEntry.new(task.id, "人事科", "6月调度", "推进中", "已启动", "2022-07-01",
                                              file="人事科（已填）.xlsx"))
    editor.set_fields(task.id, progress="已启动")
    qtbot.waitUntil(lambda: "部分报送" in column(view, "状态"))
    row = column(view, "单位").index("人事科")
    assert (column(view, "已报送")[row], column(view, "报送日期")[row]) == ("1", "2022-07-01")
    assert column(view, "报送文件")[row] == "人事科（已填）.xlsx"  # the file it came in
    assert {column(view, "报送文件")[r] for r in range(view.table.rowCount()) if r != row} == {""}

    view.state.setCurrentText("部分报送")
    assert column(view, "单位") == ["人事科"]
    view.state.setCurrentText("全部")
    view.table.sortItems(COLUMNS.index("任务数"), Qt.SortOrder.DescendingOrder)
    counts = [int(x) for x in column(view, "任务数")]
    assert counts == sorted(counts, reverse=True)

    with qtbot.waitSignal(view.export_requested) as asked:
        view.export_button.click()
    assert asked.args[0].round.name == "6月调度" and asked.args[0] is view.status
    view.close_button.click()
    qtbot.waitUntil(lambda: view.close_button.text() == "重新开启")
    assert not RoundBook(demo_store).find(plan.id, "6月调度").is_open
    assert view.round.currentText() == "6月调度（已结束）"
    editor.stack.undo()  # the closing
    qtbot.waitUntil(lambda: view.close_button.text() == "结束轮次")
    editor.stack.undo()  # the progress edit
    editor.stack.undo()  # the opening
    qtbot.waitUntil(lambda: view.round.count() == 0)
    demo_store.delete_progress([e.id for e in demo_store.progress_history(task.id)])
    assert dump(demo_store) == before
    editor.stack.redo()
    qtbot.waitUntil(lambda: view.round.count() == 1)


def test_a_second_round_of_the_same_name_is_refused(qtbot, demo_store):
    editor, view = make_view(qtbot, demo_store)
    messages = []
    editor.failed.connect(messages.append)
    assert editor.open_round("6月调度", date(2022, 6, 30))
    assert not editor.open_round("6月调度", date(2022, 7, 30))
    assert "已经存在" in messages[0] and editor.stack.count() == 1

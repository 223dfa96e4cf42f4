"""Opening the main window on a 2,000-task plan against a bare QTreeView showing the same rows.

Target: the window ≤ 1.2 × the bare view (same run, `make bench`; compare the two rows of the
"window" group).  Both open the same store file, read the plan, number it, show the same six
columns (序号, 指标（任务）, 牵头单位, 责任单位, 完成时限, 备注) of every row expanded, and paint their
first screen at 1400 × 860; the bare view keeps its rows in a QStandardItemModel built in full.
The time is the process's CPU time, so that other work on a shared machine does not blur the ratio.
Each round's window or view is deleted after the round, outside the time: ``deleteLater`` alone
waits for an event loop that never runs here, and every round would carry the ones before it.
"""
import gc
import time

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTreeView

from app.main_window import MainWindow
from helpers.factories import make_plan
from models.numbering import number_plan
from models.store import Store

TASKS = 2000
COLUMNS = ["序号", "指标（任务）", "牵头单位", "责任单位", "完成时限", "备注"]


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench-window") / "plan.sqlite"
    plan = make_plan(TASKS * 111 // 100)  # 1 + 10 + 100 nodes per top-level indicator: 2,000 tasks
    assert sum(1 for n, _ in plan.walk() if not n.children) >= TASKS
    with Store(path) as store:
        store.save_plan(plan)
    return path, plan.id


_opened = []  # this round's window or view, deleted by _delete_opened


def _first_paint(widget, view) -> None:
    widget.resize(1400, 860)
    widget.show()
    view.viewport().repaint()
    QApplication.processEvents()
    widget.close()
    widget.deleteLater()
    QApplication.processEvents()
    _opened.append(widget)


def _delete_opened() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _opened.clear()
    gc.collect()  # and the Python side of it (a window's slots hold it in cycles): each round starts alike


@pytest.mark.benchmark(group="window", timer=time.process_time)
def test_main_window(benchmark, qapp, plan_file):
    path, plan_id = plan_file

    def open_window():
        with Store(path) as store:
            window = MainWindow(store, plan_id, remember=False)
            assert [h for _, h in window.model.columns] == COLUMNS  # the same columns as the bare view
            _first_paint(window, window.tree)

    benchmark.pedantic(open_window, teardown=_delete_opened, rounds=9, iterations=1, warmup_rounds=1)


@pytest.mark.benchmark(group="window", timer=time.process_time)
def test_bare_tree_view(benchmark, qapp, plan_file):
    path, plan_id = plan_file

    def open_bare():
        with Store(path) as store:
            plan = store.load_plan(plan_id)
        numbers = number_plan(plan)
        model = QStandardItemModel()
        model.setHorizontalHeaderLabels(COLUMNS)
        items = {None: model.invisibleRootItem()}
        for node, parent, _ in plan.walk_with_parent():
            row = [QStandardItem(text) for text in (numbers[node.id], node.text, "、".join(node.lead),
                                                    "、".join(node.responsible), node.deadline, node.remarks)]
            items[parent.id if parent else None].appendRow(row)
            items[node.id] = row[0]
        view = QTreeView()
        view.setModel(model)
        view.expandAll()
        _first_paint(view, view)

    benchmark.pedantic(open_bare, teardown=_delete_opened, rounds=9, iterations=1, warmup_rounds=1)

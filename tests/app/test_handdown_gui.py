"""分解下达 from the main window: receivers chosen in the dialog, the record undoable, and the tree marking
what went down and where a derived task came from."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from app.main_window import MainWindow
from helpers.factories import city_plan
from importers import import_file
from models.tree_model import NodeIdRole


@pytest.fixture
def city_window(qtbot, store):
    store.save_plan(city_plan())
    w = MainWindow(store, remember=False)
    qtbot.addWidget(w)
    w.show()
    return w


def text_cell(window, node_id, role):
    model = window.model
    return model.data(model.index_of(node_id, model.column_of("text")), role)


def test_hand_down_from_the_dialog_marks_the_tree_and_undoes(city_window, qtbot, tmp_path):
    window = city_window
    plan = window.model.plan
    dialog = window.export("handdown")
    qtbot.addWidget(dialog)
    items = [dialog.receiver_list.item(i) for i in range(dialog.receiver_list.count())]
    # every unit with a task is offered, the counties (by the directory's kinds) checked
    assert [i.text() for i in items] == ["市市场监管局", "甲县", "乙县", "市政务服务局", "市住建局"]
    assert dialog.checked_receivers() == ["甲县", "乙县"]
    dialog.path.setText(str(tmp_path / "out"))
    dialog.grab().save(str(tmp_path / "handdown-dialog.png"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.run()
    assert sorted(p.name for p in done.args[0]) == sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(done.args[0]) == 2

    shared, online, care, renewal = (n.id for n in plan.walk_nodes() if not n.children)
    assert window.editor.stack.undoText() == "分解下达给甲县、乙县"
    assert "已分解下达给：甲县、乙县" in text_cell(window, shared, Qt.ItemDataRole.ToolTipRole)
    assert isinstance(text_cell(window, care, Qt.ItemDataRole.DecorationRole), QIcon)
    assert text_cell(window, renewal, Qt.ItemDataRole.DecorationRole) is None
    window.tree.expandAll()
    window.tree.grab().save(str(tmp_path / "handdown-tree.png"))
    window.editor.undo()
    assert window.store.handdowns(plan.id) == {}
    assert text_cell(window, shared, Qt.ItemDataRole.DecorationRole) is None
    window.editor.redo()
    assert window.store.handdowns(plan.id)[online] == ["甲县"]

    # the file opens in the import (not the merge); the derived plan's tasks say where they came from
    jia = next(p for p in done.args[0] if "甲县" in p.name)
    wizard = window.open_file(jia)
    qtbot.addWidget(wizard)
    assert type(wizard).__name__ == "ImportWizard"
    wizard.reject()
    result = import_file(jia)
    [derived_id] = window.editor.import_plans(result, result.plans, None)
    window.editor.open_plan(derived_id)
    task = window.model.plan.roots[0].children[0]
    tip = text_cell(window, task.id, Qt.ItemDataRole.ToolTipRole)
    assert "来源：达州市人民政府·《达州市2024年重点任务清单》（一），下达给甲县" in tip
    assert text_cell(window, task.id, NodeIdRole) == task.id
    assert isinstance(text_cell(window, task.id, Qt.ItemDataRole.DecorationRole), QIcon)
    window.detail.show_node(task.id)
    assert window.detail.links.text() == "来源：达州市人民政府·《达州市2024年重点任务清单》（一），下达给甲县"
    window.detail.grab().save(str(tmp_path / "handdown-detail.png"))
    window.detail.show_node(window.model.plan.roots[0].id)
    assert "（所属指标）" in window.detail.links.text()


def test_report_up_from_the_dialog(city_window, qtbot, tmp_path):
    from exporters.handdown_sheets import write_handdown_files
    from models.exchange import read_marker
    from openpyxl import load_workbook

    window = city_window
    city = window.model.plan
    [(_, path, _)] = write_handdown_files(city, tmp_path, ["乙县"])
    result = import_file(path)
    [derived_id] = window.editor.import_plans(result, result.plans, None)
    window.editor.open_plan(derived_id)
    dialog = window.export("report_up")
    qtbot.addWidget(dialog)
    dialog.round.setCurrentText("5月调度")
    target = tmp_path / "报送.xlsx"
    dialog.path.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.run()
    marker = read_marker(load_workbook(target))
    assert (marker["kind"], marker["plan_id"], marker["round"], marker["sheet:乙县:unit"]) == (
        "report-up", city.id, "5月调度", "乙县")


def test_a_report_up_merges_in_the_review_and_undoes(city_window, qtbot, tmp_path):
    from exporters.handdown_sheets import write_handdown_files, write_report_up
    from models.domain import Status

    window = city_window
    city = window.model.plan
    for receiver, path, handed in write_handdown_files(city, tmp_path, ["甲县", "乙县"]):
        window.store.record_handdown(receiver, handed, "2024-03-01", path.name)
        result = import_file(path)
        derived = result.plans[0]
        for node in derived.walk_nodes():
            node.status = Status.DONE if receiver == "甲县" else Status.NOT_STARTED
        write_report_up(derived, tmp_path / f"{receiver}报送.xlsx", "2024年第一季度")
    window.editor.open_plan(city.id)
    dialog = window.open_merge([tmp_path / "甲县报送.xlsx", tmp_path / "乙县报送.xlsx"])
    qtbot.addWidget(dialog)
    assert {(c.unit, c.rollup) for c in dialog.changes()} == {("甲县", True), ("乙县", True)}
    dialog.grab().save(str(tmp_path / "merge-report-up.png"))
    dialog.accept_all()
    shared, online, care, _ = (n.id for n in city.walk_nodes() if not n.children)
    status = {n.id: n.status for n in window.store.load_plan(city.id).walk_nodes()}
    # 甲县 done, 乙县 not started: under way; 一网通办 only 甲县's: done; 养老 only 乙县's: not started
    assert (status[shared], status[online], status[care]) == (Status.IN_PROGRESS, Status.DONE, Status.NOT_STARTED)
    assert window.model.node_by_id(shared).status is Status.IN_PROGRESS
    window.editor.undo()
    assert window.store.load_plan(city.id).find(shared).status is Status.NOT_STARTED
    assert window.store.progress_history(shared) == []

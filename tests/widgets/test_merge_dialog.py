"""The merge dialog driven like a user: real files, a real store, clicks."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from helpers.exchange_helpers import fill_unit_sheet
from exporters.unit_sheets import unit_tasks, write_unit_files
from models.domain import Status
from widgets.merge_dialog import MergeDialog


@pytest.fixture
def returned(demo_store, tmp_path):
    """Two departments' sheets, filled in: two reports each on their shared task and one more."""
    plan = demo_store.load_plan(demo_store.list_plans()[0].id)
    tasks = unit_tasks(plan)
    lead = [t.node for t in tasks["政策法规科（行政审批科）"]]
    helper = {t.node.id for t in tasks["市政管理科"]}
    shared = next(n for n in lead if n.id in helper)
    other = next(n for n in lead if n.id not in helper)
    paths = {p.stem: p for p in write_unit_files(plan, tmp_path, ["政策法规科（行政审批科）", "市政管理科"])}
    fill_unit_sheet(paths["政策法规科（行政审批科）"], {shared.id: ("已完成", "已完成", ""),
                                                  other.id: ("推进顺利", "推进中", "")})
    fill_unit_sheet(paths["市政管理科"], {shared.id: ("仍在推进", "滞后", "资金未到位")})
    return plan, shared, other, list(paths.values())


def test_accept_selected_applies_only_the_checked_changes(qtbot, demo_store, returned):
    plan, shared, other, paths = returned
    dialog = MergeDialog(demo_store, paths)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.tree.topLevelItemCount() == 3
    assert not dialog.notices.isVisible() and not dialog.error.isVisible()
    assert "1 组冲突" in dialog.summary.text()
    assert [c.node_id for c in dialog.checked()] == [other.id]  # conflicts start unchecked
    conflict = [c for c in dialog.changes() if c.conflict is not None]
    dialog.set_checked(conflict[0].id, True)
    dialog.set_checked(conflict[1].id, True)  # checking the other one unchecks the first
    assert [c.id for c in dialog.checked() if c.conflict] == [conflict[1].id]
    dialog.set_checked(next(c.id for c in dialog.changes() if c.node_id == other.id), False)
    with qtbot.waitSignal(dialog.merged):
        qtbot.mouseClick(dialog.accept_selected_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = demo_store.load_plan(plan.id)
    assert after.find(shared.id).status is Status.LATE
    assert after.find(other.id).progress == ""
    assert [e.unit for e in demo_store.progress_history(shared.id)] == ["市政管理科"]
    dialog.applied.undo(demo_store)  # what the lead's undo command will call
    assert demo_store.load_plan(plan.id).find(shared.id).status is Status.NOT_STARTED


def test_accept_all_leaves_conflicts_out(qtbot, demo_store, returned):
    plan, shared, other, paths = returned
    dialog = MergeDialog(demo_store, paths)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.accept_all_button, Qt.MouseButton.LeftButton)
    after = demo_store.load_plan(plan.id)
    assert after.find(other.id).status is Status.IN_PROGRESS
    assert after.find(shared.id).status is Status.NOT_STARTED and demo_store.progress_history(shared.id) == []


def test_reject_changes_nothing(qtbot, demo_store, returned):
    plan, shared, other, paths = returned
    before = demo_store.load_plan(plan.id)
    backups = demo_store.list_backups()
    dialog = MergeDialog(demo_store, paths)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.applied is None
    assert demo_store.load_plan(plan.id) == before and demo_store.list_backups() == backups


def test_a_bad_file_is_named_and_nothing_is_offered(qtbot, demo_store, tmp_path):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"not a zip")
    dialog = MergeDialog(demo_store, [bad])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.error.isVisible() and "坏文件.xlsx" in dialog.error.text()
    assert dialog.tree.topLevelItemCount() == 0
    assert not dialog.accept_all_button.isEnabled() and not dialog.accept_selected_button.isEnabled()


def test_a_department_edit_outside_its_columns_starts_unchecked_and_accept_all_leaves_it(qtbot, demo_store, tmp_path):
    from openpyxl import load_workbook

    from helpers.exchange_helpers import body_rows, columns
    plan = demo_store.load_plan(demo_store.list_plans()[0].id)
    path = write_unit_files(plan, tmp_path, ["执法监督科"])[0]
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    cols = columns(ws)
    key, row = next(iter(body_rows(ws).items()))
    ws.cell(row, cols["完成时限"]).value = "2030年12月"
    ws.cell(row, cols["进展情况"]).value = "已完成验收"
    wb.save(path)
    dialog = MergeDialog(demo_store, [path])
    qtbot.addWidget(dialog)
    deadline = next(c for c in dialog.changes() if c.explicit)
    assert deadline not in dialog.checked() and "1 项需逐项确认" in dialog.summary.text()
    assert dialog.tree.topLevelItem(0).text(0).startswith("【需确认】")
    qtbot.mouseClick(dialog.accept_all_button, Qt.MouseButton.LeftButton)
    after = demo_store.load_plan(plan.id).find(key)
    assert after.progress == "已完成验收" and after.deadline == plan.find(key).deadline

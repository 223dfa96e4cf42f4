"""Undo restores the store exactly (issue 12): deleting a task or a plan, or a merge that deletes
tasks, takes their progress history with it, and undo brings every row back."""
import pytest
from openpyxl import load_workbook

from editing.plan_editor import PlanEditor
from helpers.exchange_helpers import body_rows, fill_unit_sheet
from exporters.unit_sheets import unit_tasks, write_unit_files
from exporters.xlsx_appendix import write_appendix
from importers.returned_sheets import read_returned
from models.merge_review import ChangeKind, review_for_store
from models.store import ProgressEntry
from helpers.store_dump import whole_store


@pytest.fixture
def editor(qapp, demo_store):
    ed = PlanEditor(demo_store)
    ed.open_plan(demo_store.list_plans()[0].id)
    return ed


def report(store, node_id, unit="人事科", text="已推进"):
    store.add_progress(ProgressEntry.new(node_id, unit, "第1轮", "推进中", text, "2024-06-30", "2024-06-29T10:00:00"))


def leaves(plan):
    return [n for n, _ in plan.walk() if not n.children]


def test_deleting_tasks_with_progress_and_undoing_restores_every_row(editor):
    store = editor.store
    plan = editor.model.plan
    group = plan.roots[0].children[0]
    for leaf in group.children[:2]:
        report(store, leaf.id)
    before = whole_store(store)
    editor.delete_nodes([group.id])
    assert store.progress_history(group.children[0].id) == []
    editor.undo()
    assert whole_store(store) == before
    editor.redo()
    editor.undo()
    assert whole_store(store) == before


def test_deleting_a_plan_and_undoing_restores_every_row(editor):
    store = editor.store
    plan_id = editor.plan_id
    report(store, leaves(editor.model.plan)[0].id)
    before = whole_store(store)
    editor.delete_plan(plan_id)
    assert store.list_plans() == []
    editor.undo()
    assert whole_store(store) == before


def test_a_unit_an_edit_brought_in_goes_with_its_undo(editor):
    before = whole_store(editor.store)
    editor.set_fields(leaves(editor.model.plan)[0].id, lead=["新成立的专班"])
    assert "新成立的专班" in {u.name for u in editor.store.list_units()}
    editor.undo()
    assert whole_store(editor.store) == before


def test_undoing_a_merge_that_deleted_a_task_restores_its_history(editor, tmp_path):
    store = editor.store
    plan = editor.model.plan
    victim = leaves(plan)[3]
    report(store, victim.id)
    path = write_appendix(plan, tmp_path / "a.xlsx")
    wb = load_workbook(path)
    wb.active.delete_rows(body_rows(wb.active)[victim.id])
    wb.save(path)
    deletion = next(c for c in review_for_store(store, [read_returned(path)]).changes if c.kind is ChangeKind.DELETED)
    before = whole_store(store)
    editor.apply_merge(plan.id, [deletion])
    assert store.progress_history(victim.id) == []
    editor.undo()
    assert whole_store(store) == before


def test_undoing_a_merge_of_progress_restores_every_row(editor, tmp_path):
    store = editor.store
    plan = editor.model.plan
    key = unit_tasks(plan)["人事科"][0].node.id
    path = write_unit_files(plan, tmp_path, ["人事科"])[0]
    fill_unit_sheet(path, {key: ("已完成", "已完成", "")})
    before = whole_store(store)
    editor.apply_merge(plan.id, review_for_store(store, [read_returned(path)]).accept_all())
    editor.undo()
    assert whole_store(store) == before


def test_each_plan_has_its_own_undo_and_the_menu_says_which(qtbot, demo_store, tmp_path):
    from app.main_window import MainWindow
    from models.domain import Node, Plan
    first = demo_store.load_plan(demo_store.list_plans()[0].id)
    second = Plan(title="第二份清单", roots=[Node(text="任务甲")])
    demo_store.save_plan(second)
    window = MainWindow(demo_store, first.id, remember=False)
    qtbot.addWidget(window)
    editor = window.editor
    key = unit_tasks(first)["人事科"][0].node.id
    path = write_unit_files(first, tmp_path, ["人事科"])[0]
    fill_unit_sheet(path, {key: ("已完成", "已完成", "")})
    editor.apply_merge(first.id, review_for_store(demo_store, [read_returned(path)]).accept_all())
    merged = whole_store(demo_store)
    editor.open_plan(second.id)
    editor.set_fields(second.roots[0].id, text="任务乙")
    undo = window.actions_by_name["undo"]
    assert undo.text() == "撤销修改指标文本（清单“第二份清单”）"
    editor.undo()
    assert editor.plan_id == second.id and whole_store(demo_store) == merged
    assert not undo.isEnabled() and undo.text() == "撤销"
    editor.undo()  # nothing more in this plan: plan 1's merge stays
    assert editor.plan_id == second.id and whole_store(demo_store) == merged
    editor.open_plan(first.id)
    assert undo.text().startswith("撤销合并回收表") and "第一" not in undo.text()
    editor.delete_plan(second.id)  # the library's own history
    assert undo.text() == "撤销删除清单“第二份清单”（清单库和单位名录）"
    editor.undo()
    assert [p.title for p in demo_store.list_plans()][1] == "第二份清单"


def test_deleting_a_plan_with_rounds_reminders_versions_and_history_and_undoing_restores_every_row(editor):
    """Issue 16: the plan's rounds, the units asked, 催办 with their tasks, saved versions and its
    history entries go with it by cascade, and undo puts every one back."""
    from datetime import date

    from models.history import plan_history
    from models.round_store import RoundBook
    from models.rounds import reporting_units

    store = editor.store
    plan = editor.model.plan
    book = RoundBook(store)
    unit = reporting_units(plan)[0]
    r = book.open(plan.id, "第1轮", date(2024, 6, 30), today=date(2024, 6, 1))
    book.record_sent(plan.id, "第1轮", {unit: f"{unit}.xlsx"}, today=date(2024, 6, 2))
    tasks = [n.id for n in leaves(plan) if unit in n.lead + n.responsible]
    book.record_reminder(r, unit, tasks, date(2024, 7, 2), "催办.docx")
    store.save_snapshot(plan, "印发稿", "2024-06-01")
    editor.set_fields(tasks[0], status="推进中")
    report(store, tasks[0], unit)
    assert {e.kind.value for e in plan_history(store, plan.id)} == {"轮次", "催办", "状态", "进展"}
    before = whole_store(store)
    editor.delete_plan(plan.id)
    for table in ("rounds", "round_units", "reminders", "reminder_tasks", "plan_snapshots", "history_entries"):
        assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    editor.undo()
    assert whole_store(store) == before
    editor.redo()
    editor.undo()
    assert whole_store(store) == before


def test_deleting_a_task_a_reminder_listed_and_undoing_restores_the_reminder_and_history(editor):
    from datetime import date

    from models.round_store import RoundBook

    store = editor.store
    plan = editor.model.plan
    task = leaves(plan)[0]
    unit = (task.lead + task.responsible)[0]
    book = RoundBook(store)
    r = book.open(plan.id, "第1轮", None, units=[unit], today=date(2024, 6, 1))
    book.record_reminder(r, unit, [task.id], date(2024, 7, 2))
    editor.set_fields(task.id, status="已完成")
    before = whole_store(store)
    editor.delete_nodes([task.id])
    assert book.task_reminders(task.id) == []
    editor.undo()
    assert whole_store(store) == before

"""The score dialog on the plan of factories.known_scoring_store, driven through its widgets.

Default rules at 2024-12-31 (figures checked by hand in tests/models/test_scoring.py):
市发改委 101, 市财政局 100, 市住建局 80.
"""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt

from editing.plan_editor import PlanEditor
from helpers.factories import A, B, C, known_scoring_store
from models.scoring import ScoringRules
from widgets.score_dialog import AdjustmentDialog, ScoreDialog


@pytest.fixture
def editor(qapp, tmp_path):
    store, plan = known_scoring_store(tmp_path / "s.sqlite")
    ed = PlanEditor(store)
    ed.open_plan(plan.id)
    yield ed
    store.close()


@pytest.fixture
def dialog(qtbot, editor):
    dlg = ScoreDialog(editor, editor.plan_id, today=lambda: date(2024, 12, 31))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def table(widget) -> list[list[str]]:
    return [[widget.item(r, c).text() if widget.item(r, c) else "" for c in range(widget.columnCount())]
            for r in range(widget.rowCount())]


def headers(widget) -> list[str]:
    return [widget.horizontalHeaderItem(c).text() for c in range(widget.columnCount())]


def test_shows_the_scores_under_the_default_rules(dialog):
    assert headers(dialog.summary) == ["排名", "单位", "总分", "基础分", "按时完成", "逾期", "退回", "未报送", "加减分"]
    assert [row[:3] for row in table(dialog.summary)] == [["1", A, "101"], ["2", B, "100"], ["3", C, "80"]]
    assert not dialog.save_button.isEnabled()  # nothing changed yet


def test_a_changed_rule_previews_at_once_and_saves_as_one_undo_step(qtbot, dialog, editor, tmp_path):
    dialog.spins["late"].setValue(-5)  # C: 100 + 1 − 5 − 20 = 76; A: 100 + 2 − 5 = 97; B: 100 + 1 − 5 − 2 + 2 = 96
    assert [row[1:3] for row in table(dialog.summary)] == [[A, "97"], [B, "96"], [C, "76"]]
    assert "尚未保存" in dialog.status.text() and editor.store.load_plan(editor.plan_id).scoring == {}
    dialog.save_button.click()
    assert editor.store.load_plan(editor.plan_id).scoring == ScoringRules(late=-5).to_dict()
    assert not dialog.save_button.isEnabled()
    editor.stack.undo()  # the dialog follows the store back
    assert editor.store.load_plan(editor.plan_id).scoring == {}
    assert dialog.spins["late"].value() == -1 and table(dialog.summary)[2][1:3] == [C, "80"]


def click(qtbot, widget, row, column):
    rect = widget.visualItemRect(widget.item(row, column))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_figure_lists_the_items_behind_it(qtbot, dialog):
    click(qtbot, dialog.summary, 2, 7)  # 市住建局 · 未报送
    assert dialog.detail_label.text() == f"{C}·未报送：2 项，合计 -20 分"
    assert table(dialog.detail) == [["未报送", "", "2024年第三季度", "-10"], ["未报送", "", "2024年第四季度", "-10"]]
    click(qtbot, dialog.summary, 0, 1)  # 市发改委: everything
    assert [row[0] for row in table(dialog.detail)] == ["基础分", "按时完成", "按时完成", "逾期"]


def test_rate_rules_per_task_points_and_weights(dialog):
    dialog.base_mode.setCurrentIndex(1)  # the 分值 column; a task without one counts 4
    dialog.spins["task_points"].setValue(4)
    for name in ("on_time", "late", "sent_back", "not_reported"):
        dialog.spins[name].setValue(0)
    dialog.spins["responsible_weight"].setValue(50)
    # A: 10 (T1 lead) + 4 × 50 % (T3) + 5 (T5) = 17; B: 10 × 50 % + 5 = 10, + 2 manual; C: 4 + 3 = 7
    assert {row[1]: row[2] for row in table(dialog.summary)} == {A: "17", B: "12", C: "7"}
    assert "责任单位按 50% 计" in dialog.rules_text.text()


def test_an_earlier_date_recomputes(dialog):
    dialog.at.setDate(QDate(2024, 9, 30))
    assert {row[1]: row[2] for row in table(dialog.summary)} == {A: "101", B: "99", C: "91"}


def test_a_manual_item_needs_a_reason_and_is_undoable(qtbot, dialog, editor):
    ask = AdjustmentDialog([A, B, C], C)
    qtbot.addWidget(ask)
    ask.points.setValue(3)
    assert not ask.ok.isEnabled()
    ask.reason.setText("获市级表彰")
    assert ask.ok.isEnabled() and ask.values() == (C, 3.0, "获市级表彰")
    assert dialog.add_adjustment(*ask.values(), user="赵六")
    assert {row[1]: row[2] for row in table(dialog.summary)}[C] == "83"
    editor.stack.undo()
    assert {row[1]: row[2] for row in table(dialog.summary)}[C] == "80"
    assert len(editor.store.adjustments(editor.plan_id)) == 2


def test_exports_what_it_shows(dialog, tmp_path):
    dialog.spins["not_reported"].setValue(-5)
    path = dialog.export("xlsx", tmp_path / "s.xlsx")
    sheet = openpyxl.load_workbook(path)["得分汇总"]
    assert [sheet.cell(6, c).value for c in (2, 9)] == [C, "90"]  # 100 + 1 − 1 − 10
    assert dialog.export("pdf", tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")


def test_screenshot(dialog, tmp_path):
    dialog.show_detail(1, 1)
    dialog.grab().save(str(tmp_path / "score_dialog.png"))
    assert (tmp_path / "score_dialog.png").stat().st_size > 0


def test_the_department_view_shows_the_units_score(qtbot, editor):
    from models.store import ScoreAdjustment
    from models.tracking import TrackingContext
    from widgets.unit_tasks_view import UnitTasksView

    view = UnitTasksView(editor, TrackingContext(today=lambda: date(2024, 12, 31)))
    qtbot.addWidget(view)
    view.show()
    view.unit.setCurrentText(C)
    assert view.summary.text() == "牵头 2 项，责任 0 项，考核得分 80"  # T3, T4; 100 + 1 − 1 − 20
    editor.add_adjustment(ScoreAdjustment.new(editor.plan_id, C, 3, "获市级表彰", "赵六", "2024-12-01"))
    qtbot.waitUntil(lambda: view.summary.text().endswith("考核得分 83"))


def test_undoing_a_delete_brings_back_evidence_and_manual_items(editor, tmp_path):
    from models.evidence import copy_in
    from models.store import ScoreAdjustment

    store = editor.store
    task = next(n for n in store.load_plan(editor.plan_id).walk_nodes() if n.text == "任务二")
    source = tmp_path / "纪要.txt"
    source.write_text("纪要")
    store.add_evidence(copy_in(store.evidence_dir, source, task.id, "2", "2024-10-05"))
    store.add_adjustment(ScoreAdjustment.new(editor.plan_id, B, -1, "返工", "钱七", "2024-10-06", node_id=task.id))
    before = [store.conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
              for t in ("evidence_files", "score_adjustments", "progress_entries")]
    editor.delete_nodes([task.id])
    assert store.evidence_for(task.id) == []
    editor.stack.undo()
    assert [store.conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("evidence_files", "score_adjustments", "progress_entries")] == before
    plan_id = editor.plan_id
    editor.delete_plan(plan_id)
    assert store.conn.execute("SELECT COUNT(*) FROM score_adjustments").fetchone()[0] == 0
    editor.undo()  # the plan comes back with its manual items
    assert [a.reason for a in store.adjustments(plan_id)] == ["返工", "获省级表彰", "数据报送错误"]  # by date

"""History (留痕, issue 16): every progress report, status change, 催办, round event and merge is a
dated entry with its round, unit and who recorded it; stores from before keep opening."""
from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from exporters.unit_sheets import write_unit_files
from helpers.old_stores import ONE_TASK, version_2_store
from helpers.exchange_helpers import body_rows, fill_unit_sheet
from helpers.store_dump import whole_store
from importers.returned_sheets import read_returned
from models import schema
from models.history import Author, HistoryKind, plan_history, task_history
from models.merge_review import apply_changes, review_for_store
from models.round_store import RoundBook
from models.store import Store

ROUND = "5月调度"


def test_a_merge_a_reminder_and_round_events_are_dated_entries_with_round_unit_and_user(demo_store, tmp_path):
    store = demo_store
    store.author = Author("王明", "督查科")
    plan = store.load_plan(store.list_plans()[0].id)
    book = RoundBook(store)
    r = book.open(plan.id, ROUND, date(2022, 5, 31), today=date(2022, 5, 1))
    unit = book.status(r, date(2022, 5, 1)).units[0].unit
    (sheet,) = write_unit_files(plan, tmp_path, [unit], ROUND)
    key = next(iter(body_rows(load_workbook(sheet).active)))
    fill_unit_sheet(sheet, {key: ("完成60%", "推进中", "")})
    review = review_for_store(store, [read_returned(sheet)])
    apply_changes(store, plan.id, review.accept_all(), today=date(2022, 5, 20))
    book.record_reminder(r, unit, [key], date(2022, 6, 2), "催办.docx")
    store.author = Author("李华", "")
    book.close(r, date(2022, 6, 5))

    history = task_history(store, key)
    assert [(e.on, e.kind) for e in history] == [
        ("2022-06-05", HistoryKind.ROUND), ("2022-06-02", HistoryKind.REMINDER),
        ("2022-05-20", HistoryKind.PROGRESS), ("2022-05-01", HistoryKind.ROUND)]  # newest first
    closed, reminder, progress, opened = history
    assert progress.round == ROUND and progress.unit == unit and progress.text == f"推进中：完成60%（{sheet.name}）"
    assert str(progress.author) == "王明（督查科）" and str(closed.author) == "李华"
    assert (reminder.round, reminder.unit, reminder.text) == (ROUND, unit, "第一次催办（催办.docx）")
    assert "开启报送轮次" in opened.text and "2022-05-31" in opened.text and "结束" in closed.text
    # the returned file is kept with the unit's state
    (line,) = [u for u in book.status(r).units if u.unit == unit]
    assert line.file == sheet.name
    assert len(plan_history(store, plan.id)) == len(history)  # only this task was touched


def test_a_merge_changing_a_field_is_in_the_history_and_undone_with_it(demo_store, tmp_path):
    store = demo_store
    plan = store.load_plan(store.list_plans()[0].id)
    unit = next(u for n, _ in plan.walk() for u in n.lead if not n.children)
    (sheet,) = write_unit_files(plan, tmp_path, [unit], ROUND)
    wb = load_workbook(sheet)
    ws = wb.active
    rows = body_rows(ws)
    key = next(iter(rows))
    header = next(r for r in range(1, 20) if any(c.value == "完成时限" for c in ws[r]))
    col = next(c.column for c in ws[header] if c.value == "完成时限")
    ws.cell(rows[key], col).value = "2022年12月底前"
    wb.save(sheet)
    review = review_for_store(store, [read_returned(sheet)])
    changes = [c for c in review.changes if c.node_id == key and c.label == "完成时限"]
    before = whole_store(store)
    applied = apply_changes(store, plan.id, changes, today=date(2022, 6, 1), backup=False)
    (entry,) = task_history(store, key)
    assert entry.kind is HistoryKind.MERGE and entry.on == "2022-06-01"
    assert (entry.unit, entry.round) == (unit, ROUND)  # the department sheet's
    assert sheet.name in entry.text and "2022年12月底前" in entry.text
    applied.undo(store)
    assert task_history(store, key) == [] and whole_store(store) == before


def test_a_version_2_store_opens_with_its_reports_in_the_history(tmp_path):
    path = version_2_store(tmp_path / "v2.sqlite", ONE_TASK + """
        INSERT INTO progress_entries (id, node_id, unit_id, round, status, text, reported_on)
            VALUES ('e1', 'n1', 'u1', '2024年第一季度', '已完成', '验收通过', '2024-04-02');
    """)
    with Store(path) as store:
        assert schema.version(store.conn) == schema.LATEST
        assert "history_entries" in schema.tables(schema.LATEST)
        (entry,) = task_history(store, "n1")
        assert (entry.on, entry.kind, entry.round, entry.unit, entry.text) == (
            "2024-04-02", HistoryKind.PROGRESS, "2024年第一季度", "市财政局", "已完成：验收通过")
        assert str(entry.author) == ""  # recorded before anyone's name was kept
